"""Accent-insensitive search over attendees: "nguyen van a" finds "Nguyễn Văn A", fast enough for 20,000 rows."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from services.parsing import clean
from services.people.per_frame import per_frame
from services.text import fold

# Fields a desk clerk may type: name, unit, ID, phone (position too — "giám đốc" finds the directors).
SEARCH_FIELDS = ("id", "name", "unit", "position", "phone")

_NON_DIGIT = re.compile(r"\D")
_PHONE_QUERY = re.compile(r"^[\d\s+.\-()]+$")
# An ID typed loosely at the desk: "DB-12", "db12", "db 12", "DB_012" (letters, optional separator, digits).
_LOOSE_ID = re.compile(r"^([A-Za-z]{1,4})\s*[-_./ ]?\s*(\d+)$")


def normalise_id(text: object) -> str:
    """The canonical spelling of a loosely typed ID ("db 12" → "DB-012", the `{prefix}-{n:03d}` form new rows get);
    text that is not letters + digits comes back cleaned but otherwise unchanged."""
    wanted = unicodedata.normalize("NFKC", clean(text))  # full-width "ＤＢ１２" from an East Asian keyboard
    if m := _LOOSE_ID.match(wanted):
        return f"{m.group(1).upper()}-{int(m.group(2)):03d}"
    return wanted


def looks_like_id(text: object) -> bool:
    """Typed text shaped like an ID (a short prefix and a number: "DB-12", "db 99"), not a name to search for."""
    return bool(_LOOSE_ID.match(unicodedata.normalize("NFKC", clean(text))))


def _word_start(word: str) -> str:
    """A regex for `word` at the start of a word ("hoa" finds "hoa", "hoang", never "khoa")."""
    return rf"(?:^|[^0-9a-z]){re.escape(word)}"


def digits(text: object) -> str:
    """A phone number's digits only; +84 written as the domestic 0 so both spellings compare equal."""
    only = _NON_DIGIT.sub("", str(text or ""))
    if only.startswith("84") and len(only) >= 11:
        only = "0" + only[2:]
    return only


@per_frame
def search_keys(frame: pd.DataFrame) -> pd.Series:
    """The folded text each row is searched in (index = the frame's index), computed once per frame."""
    parts = [frame[f].astype("string").fillna("") for f in SEARCH_FIELDS if f in frame.columns]
    if not parts:
        keys = pd.Series([""] * len(frame), index=frame.index, dtype=object)
    else:
        # pandas-stubs: str.cat takes a list of Series (pandas documents it), the stubs only a list of str
        joined = parts[0].str.cat(parts[1:], sep=" | ") if len(parts) > 1 else parts[0]  # type: ignore[arg-type]
        keys = pd.Series([fold(v) for v in joined.tolist()], index=frame.index, dtype=object)
        if "phone" in frame.columns:
            phones = [digits(p) for p in frame["phone"].astype("string").fillna("").tolist()]
            keys = keys + " | " + pd.Series(phones, index=frame.index, dtype=object)
    return keys


def matches(frame: pd.DataFrame, query: str) -> pd.Series:
    """Boolean mask: every word of the query starts a word somewhere in the row (any order, accents ignored), so
    "hoa" finds "Hòa" and "Hoàng" but not "khoa học"; a phone query matches anywhere in the stored digits."""
    keys = search_keys(frame)
    mask = pd.Series(True, index=frame.index)
    if _PHONE_QUERY.match(query) and len(digits(query)) >= 3:
        # "0912 345", "+84 912…", "345678": match the stored number however it is grouped
        return mask & keys.str.contains(digits(query), regex=False)
    for word in fold(query).split():
        mask &= keys.str.contains(_word_start(word), regex=True)
    return mask


def search(frame: pd.DataFrame, query: str, limit: int | None = None) -> pd.DataFrame:
    """Rows matching the query; an exact ID or a name starting with the query comes first."""
    if not fold(query):
        return frame if limit is None else frame.head(limit)
    found = frame[matches(frame, query)]
    if found.empty:
        return found
    folded = fold(query)
    ids = pd.Series([fold(i) for i in found.index], index=found.index)
    names = search_keys(frame).loc[found.index].str.split(" | ", n=2, regex=False).str[1].fillna("")
    whole_words = names.str.contains(rf"(?:^| ){re.escape(folded)}(?: |$)", regex=True)
    # Exact ID, then the query as whole words of the name ("hoa" → "… Hòa" before "Hoàng …"), then name starts.
    rank = (
        (ids != folded).astype(int) * 4 + (~whole_words).astype(int) * 2 + (~names.str.startswith(folded)).astype(int)
    )
    order = rank.reset_index(drop=True).sort_values(kind="stable").index
    found = found.iloc[order]
    return found if limit is None else found.head(limit)


def exact_id(frame: pd.DataFrame, text: str) -> str | None:
    """The row ID typed (or scanned from a QR code), ignoring case and surrounding blanks; a loosely typed ID
    ("db12", "DB-12", "db 12") is tried in its canonical form (DB-012) when the text itself is no ID."""
    wanted = clean(text)
    if not wanted:
        return None
    for candidate in dict.fromkeys((wanted, unicodedata.normalize("NFKC", wanted), normalise_id(wanted))):
        if candidate in frame.index:
            return candidate
        folded = candidate.casefold()
        for row_id in frame.index:
            if str(row_id).casefold() == folded:
                return str(row_id)
    return None


def filter_people(
    frame: pd.DataFrame,
    query: str = "",
    groups: list[str] | None = None,
    units: list[str] | None = None,
    responses: list[str] | None = None,
) -> pd.DataFrame:
    """The attendee list as filtered on the page: search words AND any of the chosen groups / units / responses."""
    mask = matches(frame, query) if fold(query) else pd.Series(True, index=frame.index)
    for column, chosen in (("group", groups), ("unit", units), ("rsvp", responses)):
        if chosen:
            mask &= frame[column].isin(chosen)
    return frame[mask]

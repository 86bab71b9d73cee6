"""What the documents list, in order: honorees, delegates, presenters, attendees — from the honours and collation
services when they exist, else from a local fallback with the same interface (so the documents never block on them)."""

from __future__ import annotations

import unicodedata

import pandas as pd

from services.schema import ATTENDEE_GROUPS
from services.validation import Dataset

APPROVED = "đã duyệt"
COLLECTIVE = "tập thể"

try:  # pragma: no cover - depends on which issues have landed
    from services.collation import name_key as _name_key  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _name_key = None

try:  # pragma: no cover
    from services import honours as _honours  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _honours = None

# Vietnamese alphabet order for the fallback sort key: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    base: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", word.casefold()):
        parts = unicodedata.normalize("NFD", ch)
        letter = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES)) or ch
        base.append(_ALPHABET.index(letter) if letter in _ALPHABET else 100 + ord(letter[0]))
        tones.append(next((_TONES[p] for p in parts if p in _TONES), 0))
    return tuple(base), tuple(tones)


def name_key(name: str) -> tuple:
    """Vietnamese person-name order: given name (last word) first, then family and middle names; tones secondary."""
    if _name_key is not None:
        return _name_key(name)
    words = unicodedata.normalize("NFC", str(name)).split()
    if not words:
        return ((), ())
    ordered = [words[-1], *words[:-1]]
    keys = [_letter_key(w) for w in ordered]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def _award_table(data: Dataset) -> pd.DataFrame:
    awards = data.frames["awards"]
    if awards.empty:
        return pd.DataFrame(columns=["name", "rank", "decider", "threshold"])
    return awards[["name", "rank", "decider", "threshold"]].copy()


def honoree_order(data: Dataset) -> pd.DataFrame:
    """Approved nominations with `award_rank` and `batch`, highest award first, collectives before individuals."""
    if _honours is not None and hasattr(_honours, "honoree_order"):
        frame = _honours.honoree_order(data)
        if "award_rank" not in frame.columns and "rank" in frame.columns:
            frame = frame.rename(columns={"rank": "award_rank"})
        return frame
    nominations = data.frames["nominations"]
    approved = nominations[nominations["status"] == APPROVED].copy()
    ranks = {str(r["name"]).strip().casefold(): r["rank"] for _, r in _award_table(data).iterrows()}
    approved["award_rank"] = [ranks.get(str(a).strip().casefold(), 99) for a in approved["award"]]
    approved["award_rank"] = pd.to_numeric(approved["award_rank"], errors="coerce").fillna(99).astype(int)
    approved["_kind"] = (approved["kind"] != COLLECTIVE).astype(int)
    approved["_order"] = pd.to_numeric(approved["award_order"], errors="coerce").fillna(10**6)
    approved["_name"] = [
        name_key(n) if k != COLLECTIVE else ((), ()) for n, k in zip(approved["name"], approved["kind"], strict=True)
    ]
    approved["_pos"] = range(len(approved))
    ordered = approved.sort_values(["award_rank", "_kind", "_order", "_name", "_pos"], kind="stable")
    size = max(1, int(data.settings.honoree_batch_size or 10))
    batches: list[int] = []
    batch, count, last = 0, 0, None
    for award in ordered["award"]:
        if award != last or count == size:
            batch, count, last = batch + 1, 0, award
        count += 1
        batches.append(batch)
    ordered["batch"] = batches
    return ordered.drop(columns=["_kind", "_order", "_name", "_pos"])


def delegates(data: Dataset) -> pd.DataFrame:
    """Nominees marked to attend the higher-level congress, highest award first."""
    if _honours is not None and hasattr(_honours, "delegates"):
        return _honours.delegates(data)
    nominations = data.frames["nominations"]
    chosen = nominations[nominations["delegate"].astype(bool) & (nominations["status"] != "không duyệt")]
    order = honoree_order(data)
    ranked = [i for i in order.index if i in chosen.index]
    rest = [i for i in chosen.index if i not in set(ranked)]
    return chosen.loc[ranked + rest]


def presentations(data: Dataset) -> pd.DataFrame:
    """Nominations with a tham luận title, in honours order (collectives first within an award)."""
    if _honours is not None and hasattr(_honours, "presentations"):
        return _honours.presentations(data)
    nominations = data.frames["nominations"]
    talks = nominations[nominations["talk_title"].astype(str).str.strip() != ""]
    order = [i for i in honoree_order(data).index if i in talks.index]
    return talks.loc[order + [i for i in talks.index if i not in set(order)]]


def award_deciders(data: Dataset) -> dict[str, str]:
    return {str(r["name"]): str(r["decider"] or "") for _, r in _award_table(data).iterrows()}


def award_thresholds(data: Dataset) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for _, r in _award_table(data).iterrows():
        value = r["threshold"]
        out[str(r["name"]).strip().casefold()] = None if pd.isna(value) else int(value)
    return out


def group_rank(group: str) -> int:
    return ATTENDEE_GROUPS.index(group) if group in ATTENDEE_GROUPS else len(ATTENDEE_GROUPS)


def expected_attendees(data: Dataset) -> pd.DataFrame:
    """Everyone invited who has not declined."""
    attendees = data.frames["attendees"]
    return attendees[attendees["rsvp"] != "vắng"]


def unit_order(data: Dataset) -> dict[str, int]:
    return {str(name): i for i, name in enumerate(data.frames["units"]["name"])}


_HEAD_WORDS = ("giám đốc", "trưởng", "chánh", "chủ tịch", "bí thư")


def position_rank(position: object) -> int:
    """Heads of a unit before their deputies, deputies before staff — how Vietnamese lists seat people."""
    text = str(position or "").casefold()
    if text.startswith("phó"):
        return 1
    return 0 if any(w in text for w in _HEAD_WORDS) else 2


_TITLE_LEVELS = ("bí thư", "chủ tịch", "giám đốc", "chi cục trưởng", "trưởng", "chánh")


def title_rank(position: object) -> int:
    """Seniority of a title for introducing guests: Chủ tịch before Phó Chủ tịch before Giám đốc before Phó Giám đốc
    before Trưởng phòng; anything else last."""
    text = str(position or "").casefold().strip()
    deputy = text.startswith("phó")
    core = text.removeprefix("phó").strip()
    for level, word in enumerate(_TITLE_LEVELS):
        if core.startswith(word):
            return 2 * level + int(deputy)
    return 2 * len(_TITLE_LEVELS)

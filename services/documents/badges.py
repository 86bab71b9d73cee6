"""Name cards (Thẻ đại biểu): eight per A4 page, each with the attendee's name, title, unit and a QR code of the ID
that the door desk scans."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.documents import sources
from services.documents.model import Card, Cards, Doc, Letterhead
from services.people.positions import position_rank
from services.people.qr import qr_fits
from services.text import name_sort_key, tidy
from services.validation import Dataset


def badge_people(data: Dataset) -> pd.DataFrame:
    """Everyone expected, leaders first, then by unit and name — the order the cards are handed out in."""
    people = sources.expected_attendees(data)
    units = sources.unit_order(data)
    return people.assign(
        _g=[sources.group_rank(g) for g in people["group"]],
        _u=[units.get(tidy(u), len(units)) for u in people["unit"]],
        _p=[position_rank(p) for p in people["position"]],
        _n=[name_sort_key(n) for n in people["name"]],  # type: ignore[misc]  # pandas-stubs: a column of tuples (sort keys) is valid pandas
    ).sort_values(["_g", "_u", "_p", "_n"], kind="stable")


def unprintable(data: Dataset) -> list[tuple[str, str]]:
    """(ID, name) of people whose ID cannot be a QR code: their card is left out, the rest still print."""
    people = badge_people(data)
    return [(str(i), tidy(r["name"])) for i, r in people.iterrows() if not qr_fits(str(i))]


def badge_problem(data: Dataset) -> str | None:
    """What the name cards leave out and why (Vietnamese), or None when every card prints."""
    left_out = unprintable(data)
    if not left_out:
        return None
    names = "; ".join(
        f"{name or '(không tên)'} (mã {code[:24]}{'…' if len(code) > 24 else ''}, {len(code)} ký tự)"
        for code, name in left_out
    )
    return (
        f"Không in được thẻ của {len(left_out)} người vì mã quá dài để tạo mã QR: {names}. "
        "Các thẻ khác vẫn in; hãy sửa mã trong trang Đại biểu."
    )


def badges(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    event = data.settings.text("event_short") or data.settings.text("event_name") or "Hội nghị"
    cards = tuple(
        Card(
            organiser=head.organiser,
            event=event.upper(),
            role="ĐẠI BIỂU",
            name=tidy(r["name"]),
            position=tidy(r["position"]),
            unit="" if tidy(r["unit"]).casefold().startswith("lãnh đạo") else tidy(r["unit"]),
            code=str(row_id),
        )
        for row_id, r in badge_people(data).iterrows()
        if qr_fits(str(row_id))  # one bad ID must not take everyone's cards down (badge_problem names it)
    )
    return Doc(head, [Cards(cards)], page_numbers=False, title="Thẻ đại biểu")

"""Responses (RSVP) set for many attendees at once, one conditional write per row."""

from __future__ import annotations

from services.parsing import clean, match_choice
from services.row_edits import BulkResult, write_each
from services.schema import RSVP
from services.store import Store


def set_responses(store: Store, seen: dict[str, str], response: str, *, user: str) -> BulkResult:
    """`seen` = ID → response as the user saw it. Rows changed meanwhile are reported, not overwritten."""
    response = match_choice(response, RSVP) or RSVP[0]
    writes = [(i, {"rsvp": response}, {"rsvp": before}) for i, before in seen.items() if clean(before) != response]
    return write_each(store, "attendees", writes, user=user)

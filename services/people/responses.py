"""Responses (RSVP) set for many attendees at once, one conditional write per row."""

from __future__ import annotations

import pandas as pd

from services.edits.bulk_edits import BulkPlan, plan
from services.edits.row_edits import BulkResult, write_each
from services.parsing import clean, match_choice
from services.schema import RSVP
from services.store import Store


def plan_responses(raw: pd.DataFrame, ids: list[str], response: str) -> BulkPlan:
    """What setting `response` on these attendees (raw rows as the user saw them) would change; only the chosen
    rows, never "all" by default."""
    response = match_choice(response, RSVP) or RSVP[0]
    return plan("attendees", raw, {i: {"rsvp": response} for i in ids})


def set_responses(store: Store, seen: dict[str, str], response: str, *, user: str) -> BulkResult:
    """`seen` = ID → response as the user saw it. Rows changed meanwhile are reported, not overwritten."""
    response = match_choice(response, RSVP) or RSVP[0]
    writes = [(i, {"rsvp": response}, {"rsvp": before}) for i, before in seen.items() if clean(before) != response]
    return write_each(store, "attendees", writes, user=user)

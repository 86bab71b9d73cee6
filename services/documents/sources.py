"""Attendees as the documents list them: who is expected, units in the units tab's order, groups in the schema's.
Honorees, talks and delegates come from `services.awards.honours`; names sort with `services.text`."""

from __future__ import annotations

import pandas as pd

from services.schema import ATTENDEE_GROUPS, Rsvp
from services.validation import Dataset


def group_rank(group: str) -> int:
    return ATTENDEE_GROUPS.index(group) if group in ATTENDEE_GROUPS else len(ATTENDEE_GROUPS)


def expected_attendees(data: Dataset) -> pd.DataFrame:
    """Everyone invited who has not declined."""
    attendees = data.frames["attendees"]
    return attendees[attendees["rsvp"] != Rsvp.ABSENT]


def unit_order(data: Dataset) -> dict[str, int]:
    return {str(name): i for i, name in enumerate(data.frames["units"]["name"])}

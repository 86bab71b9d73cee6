"""One attendee edited by hand on the Đại biểu page: the form's fields, what it changes, and how a row is named in a
picker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pandas as pd

from services.people.importer import SourceTable, plan_import

FORM_FIELDS = ("name", "gender", "position", "unit", "group", "phone", "email", "rsvp", "seat", "note")


class NameMissing(ValueError):
    """An attendee row needs a name."""


def form_values(raw: pd.DataFrame, attendee_id: str) -> dict[str, str]:
    """What the form starts from: the row as the user saw it, or blanks for a new attendee."""
    # the raw frame holds the sheet's text
    return (
        {k: cast(str, raw.at[attendee_id, k]) for k in FORM_FIELDS} if attendee_id else dict.fromkeys(FORM_FIELDS, "")
    )


def changes(before: Mapping[str, str], values: Mapping[str, str]) -> dict[str, str]:
    """The trimmed cells that differ from what the user saw; NameMissing if the name is blank."""
    if not values.get("name", "").strip():
        raise NameMissing
    return {k: v.strip() for k, v in values.items() if v.strip() != before[k]}


def form_problems(values: Mapping[str, str], raw: pd.DataFrame, attendee_id: str = "") -> list[str]:
    """Why the form cannot be saved, by exactly the rules an imported row meets (`importer.plan_import`: required
    Nhóm, e-mail and phone checks, cell lengths, a duplicate name + unit, e-mail or phone) — one set of rules, so the
    hand-added row never shows up later as a warning on every page. The edited row is not its own duplicate."""
    others = raw.drop(index=attendee_id) if attendee_id and attendee_id in raw.index else raw
    keys = list(values)
    table = SourceTable(header=keys, rows=[(1, [str(values[k]) for k in keys])])
    plan = plan_import(table, dict(enumerate(keys)), others)
    return plan.rejected[0].reason.split("; ") if plan.rejected else []


def picker_labels(raw: pd.DataFrame, *, seat: bool = False) -> dict[str, str]:
    """ID → "name · unit (ID)", with the seat (or —) before the ID when asked; one vectorised pass, because a
    per-option format function costs seconds at 20,000 attendees."""
    parts = raw["name"] + " · " + raw["unit"]
    if seat:
        parts = parts + " · " + raw["seat"].where(raw["seat"] != "", "—")
    return dict(zip(raw.index, parts + " (" + raw.index + ")", strict=True))

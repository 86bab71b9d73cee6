"""Attendance at the door: check-in, undo, walk-ins, live counters — one conditional write each (responses before the
day are in `responses`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from services.edits.row_edits import BulkResult  # noqa: F401  (seating.py still imports it from here)
from services.parsing import CellError, clean, format_datetime, match_choice
from services.schema import ATTENDEES, Group, Rsvp
from services.store import Conflict, RowUpdate, Store, StoreError


class AlreadyCheckedIn(StoreError):
    def __init__(self, attendee_id: str, at: str) -> None:
        super().__init__(f"Đại biểu “{attendee_id}” đã điểm danh lúc {at}.")
        self.attendee_id = attendee_id
        self.at = at


def held_time(conflict: Conflict) -> str:
    """The arrival time the cell holds now, read from the Conflict that refused a conditional check-in write."""
    return conflict.changes[0].now if conflict.changes else ""


def already_checked_in(attendee_id: str, conflict: Conflict) -> AlreadyCheckedIn:
    """The one meaning of a Conflict on a check-in: the cell was no longer empty, so the person is already in."""
    return AlreadyCheckedIn(attendee_id, held_time(conflict))


def check_in(store: Store, attendee_id: str, *, user: str, now: datetime | None = None) -> str:
    """Writes the arrival time only if the cell is still empty; returns the time written.

    Raises AlreadyCheckedIn (with the earlier time) or RowNotFound; nothing is changed in either case.
    """
    attendee_id = clean(attendee_id)
    stamp = format_datetime(now or datetime.now())
    try:
        store.update_row("attendees", attendee_id, {"checked_in": stamp}, {"checked_in": ""}, user=user)
    except Conflict as exc:
        raise already_checked_in(attendee_id, exc) from exc
    return stamp


def check_in_many(store: Store, scans: list[tuple[str, str, str]]) -> list[str | StoreError]:
    """(attendee ID, stamp, user) each, written together with `update_rows` (the door's coalesced and replayed
    scans) → the stamp written, or that scan's own error (AlreadyCheckedIn with the earlier time, RowNotFound). An
    outage raises for all; so does a refused permission (a guarded store refuses before writing any)."""
    items: list[RowUpdate] = [(clean(i), {"checked_in": stamp}, {"checked_in": ""}, user) for i, stamp, user in scans]
    errors = store.update_rows("attendees", items)
    out: list[str | StoreError] = []
    for (row_id, changes, _, _), error in zip(items, errors, strict=True):
        if isinstance(error, Conflict):
            out.append(already_checked_in(row_id, error))
        else:
            out.append(changes["checked_in"] if error is None else error)
    return out


class UndoRefused(StoreError):
    """The arrival time is no longer the one this desk wrote (someone changed or cleared it): nothing was undone."""

    def __init__(self, attendee_id: str, now: str) -> None:
        detail = f"giờ hiện tại là {now}" if now else "đã được xóa"
        super().__init__(f"Không hoàn tác được điểm danh của “{attendee_id}”: thời điểm có mặt {detail}.")
        self.attendee_id = attendee_id
        self.now = now


def undo_check_in(store: Store, attendee_id: str, stamp: str, *, user: str) -> None:
    """Clears the arrival time only if it is still the one this desk wrote (one conditional write)."""
    attendee_id = clean(attendee_id)
    try:
        store.update_row("attendees", attendee_id, {"checked_in": ""}, {"checked_in": stamp}, user=user)
    except Conflict as exc:
        raise UndoRefused(attendee_id, held_time(exc)) from exc


class WalkInInvalid(StoreError):
    """A walk-in form that cannot be saved (no name, unknown group)."""


WALK_IN_NOTE = "khách đến trực tiếp"
WALK_IN_GROUP = Group.GUEST.value  # someone not on the list is a guest unless the desk says otherwise


def walk_in(store: Store, values: dict[str, str], *, user: str, now: datetime | None = None) -> tuple[str, str]:
    """Adds a guest who was not on the list and checks them in, in one append; returns (new ID, time written)."""
    values = {k: clean(v) for k, v in values.items()}
    if not values.get("name"):
        raise WalkInInvalid("Hãy nhập họ và tên khách.")
    group = values.get("group") or WALK_IN_GROUP
    try:
        group = match_choice(group, ATTENDEES.column("group").choices) or WALK_IN_GROUP
    except CellError as exc:
        raise WalkInInvalid(str(exc)) from exc
    stamp = format_datetime(now or datetime.now())
    row = {
        **values,
        "group": group,
        "rsvp": Rsvp.ATTENDING.value,
        "checked_in": stamp,
        "note": values.get("note") or WALK_IN_NOTE,
    }
    row.pop("id", None)  # the store numbers new rows; a typed ID could collide with another desk's walk-in
    (new_id,) = store.append_rows("attendees", [row], user=user)
    return new_id, stamp


# --- live counters -----------------------------------------------------------------------------


def counters(frame: pd.DataFrame) -> pd.DataFrame:
    """Per group (schema order, then any other), plus a total row: invited, confirmed (tham dự), arrived.

    Someone who arrived without confirming still counts as arrived, so arrived may exceed confirmed.
    """
    groups = list(ATTENDEES.column("group").choices)
    group = frame["group"].astype("string").fillna("").replace("", "(chưa rõ nhóm)")
    table = pd.DataFrame(
        {
            "group": group,
            "invited": 1,
            "confirmed": (frame["rsvp"] == Rsvp.ATTENDING).astype(int),
            "arrived": frame["checked_in"].notna().astype(int),
        }
    )
    summary = table.groupby("group", sort=False)[["invited", "confirmed", "arrived"]].sum()
    order = [g for g in groups if g in summary.index] + sorted(g for g in summary.index if g not in groups)
    summary = summary.reindex(order)
    summary.loc["Tổng cộng"] = summary.sum()
    summary.index.name = "group"
    return summary.reset_index().astype({"invited": int, "confirmed": int, "arrived": int})


def clock(stamp: str) -> str:
    """HH:MM of a stamp this module wrote (dd/mm/yyyy HH:MM:SS), for the desk's messages."""
    return stamp[11:16] if len(stamp) >= 16 else stamp


def arrival_time(frame: pd.DataFrame, attendee_id: str) -> str:
    """HH:MM of an attendee's recorded arrival, '' if not checked in."""
    value: Any = frame.at[attendee_id, "checked_in"] if attendee_id in frame.index else None  # a datetime, NaT or None
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%H:%M")

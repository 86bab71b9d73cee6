"""Checking people in at the door: one conditional write per scan, so two desks never overwrite each other."""

from __future__ import annotations

from datetime import datetime

from services.parsing import clean, format_datetime
from services.store import Conflict, Store, StoreError


class AlreadyCheckedIn(StoreError):
    def __init__(self, attendee_id: str, at: str) -> None:
        super().__init__(f"Đại biểu “{attendee_id}” đã điểm danh lúc {at}.")
        self.attendee_id = attendee_id
        self.at = at


def check_in(store: Store, attendee_id: str, *, user: str, now: datetime | None = None) -> str:
    """Writes the arrival time only if the cell is still empty; returns the time written.

    Raises AlreadyCheckedIn (with the earlier time) or RowNotFound; nothing is changed in either case.
    """
    attendee_id = clean(attendee_id)
    stamp = format_datetime(now or datetime.now())
    try:
        store.update_row("attendees", attendee_id, {"checked_in": stamp}, {"checked_in": ""}, user=user)
    except Conflict as exc:
        raise AlreadyCheckedIn(attendee_id, exc.changes[0].now) from exc
    return stamp

"""The programme as a timetable: start/end of each item from the event start time and the durations, in STT order."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import pandas as pd

from services.schema import ITEM_MINUTES_BOUNDS, SESSION_MINUTES_BOUNDS

COLUMNS = ["id", "order", "item", "presenter", "minutes", "start", "end"]


@dataclass(frozen=True)
class Schedule:
    items: pd.DataFrame  # COLUMNS, in running order; start/end are datetime.time
    start: time
    session_minutes: int
    total_minutes: int
    end: time
    missing_presenter: list[str] = field(default_factory=list)  # row IDs
    missing_minutes: list[str] = field(default_factory=list)  # row IDs counted as 0 minutes

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.total_minutes - self.session_minutes) if self.session_minutes else 0


def _int(value: object) -> int | None:
    """A whole number from a typed cell; None for a blank, NaN, infinity or anything that is not a number."""
    if value is None or value is pd.NA or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]  # any cell value: float() refusing it is the test
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number):
        return None
    return int(value) if isinstance(value, numbers.Integral) else int(number)


def _minutes(value: object, bounds: tuple[int, int] = (0, ITEM_MINUTES_BOUNDS[1])) -> int | None:
    """Minutes within a day; anything else (blank, a phone number pasted in, 10¹²) is None — counted as 0 and listed.
    Validation already blanks such cells; this guards frames built by other means."""
    minutes = _int(value)
    return minutes if minutes is not None and bounds[0] <= minutes <= bounds[1] else None


def running_order(programme: pd.DataFrame) -> pd.DataFrame:
    """Rows by STT; rows without a readable STT go last, ties keep sheet order."""
    if programme.empty:
        return programme
    key = pd.to_numeric(programme["order"], errors="coerce").astype("Float64").fillna(float("inf"))
    ordered = programme.assign(_key=key.to_numpy(), _pos=range(len(programme)))
    return ordered.sort_values(["_key", "_pos"], kind="stable").drop(columns=["_key", "_pos"])


def build_schedule(programme: pd.DataFrame, start: time | None, session_minutes: int | None) -> Schedule:
    """Items in order with computed times; an item with no readable duration, or one beyond a day, counts as 0 minutes
    (and is listed). Never raises on the cells' values."""
    start = start or time(7, 30)
    session = _minutes(session_minutes, SESSION_MINUTES_BOUNDS) or 0  # out of range: no session to overrun
    ordered = running_order(programme)
    clock = datetime.combine(datetime(2000, 1, 1), start)
    records: list[dict[str, object]] = []
    missing_presenter: list[str] = []
    missing_minutes: list[str] = []
    for row_id, row in ordered.iterrows():
        minutes = _minutes(row.get("minutes"))
        if minutes is None:
            missing_minutes.append(str(row_id))
        presenter = str(row.get("presenter") or "").strip()
        if not presenter:
            missing_presenter.append(str(row_id))
        end = clock + timedelta(minutes=max(0, minutes or 0))
        records.append(
            {
                "id": str(row_id),
                "order": _int(row.get("order")),
                "item": str(row.get("item") or ""),
                "presenter": presenter,
                "minutes": minutes,
                "start": clock.time(),
                "end": end.time(),
            }
        )
        clock = end
    total = int((clock - datetime.combine(datetime(2000, 1, 1), start)).total_seconds() // 60)
    return Schedule(
        items=pd.DataFrame.from_records(records, columns=COLUMNS),
        start=start,
        session_minutes=session,
        total_minutes=total,
        end=clock.time(),
        missing_presenter=missing_presenter,
        missing_minutes=missing_minutes,
    )


def move(schedule: Schedule, row_id: str, step: int) -> dict[str, str]:
    """The STT cells to write to move one item up (step=-1) or down (+1): {row ID: new STT} for the two rows swapped.

    Empty if the item is already first/last. When the two rows share an STT (or one is blank), their positions
    in the running order (1-based) are written instead, so the move always shows.
    """
    ids = schedule.items["id"].tolist()
    if row_id not in ids:
        return {}
    i = ids.index(row_id)
    j = i + step
    if not 0 <= j < len(ids):
        return {}
    a, b = schedule.items.iloc[i], schedule.items.iloc[j]
    order_a, order_b = a["order"], b["order"]
    if order_a is None or order_b is None or pd.isna(order_a) or pd.isna(order_b) or order_a == order_b:
        order_a, order_b = i + 1, j + 1
    return {str(a["id"]): str(int(order_b)), str(b["id"]): str(int(order_a))}

"""Programme times from the start time and durations, overrun and presenter warnings, and move up/down."""

from __future__ import annotations

from datetime import time

from services.planning.schedule import build_schedule, move
from tests.frames import programme


def test_times_follow_order_not_sheet_position():
    s = build_schedule(programme(("B", 2, "x", 30), ("A", 1, "y", 10), ("C", 3, "z", 45)), time(7, 30), 240)
    assert s.items["id"].tolist() == ["A", "B", "C"]
    assert s.items["start"].tolist() == [time(7, 30), time(7, 40), time(8, 10)]
    assert s.items["end"].tolist() == [time(7, 40), time(8, 10), time(8, 55)]
    assert s.total_minutes == 85 and s.end == time(8, 55) and s.overrun_minutes == 0


def test_overrun_past_one_session_and_missing_fields():
    s = build_schedule(programme(("A", 1, "", 200), ("B", None, "x", None), ("C", 2, "y", 60)), time(13, 30), 240)
    assert s.items["id"].tolist() == ["A", "C", "B"]  # blank STT goes last
    assert s.total_minutes == 260 and s.overrun_minutes == 20
    assert s.missing_presenter == ["A"] and s.missing_minutes == ["B"]
    assert s.end == time(17, 50)


def test_empty_programme_and_default_start():
    s = build_schedule(programme(), None, None)
    assert s.items.empty and s.total_minutes == 0 and s.start == time(7, 30) and s.overrun_minutes == 0


def test_move_swaps_the_order_cells_of_two_rows():
    s = build_schedule(programme(("A", 1, "x", 10), ("B", 2, "x", 10), ("C", 5, "x", 10)), time(7, 30), 240)
    assert move(s, "B", -1) == {"B": "1", "A": "2"}
    assert move(s, "B", 1) == {"B": "5", "C": "2"}
    assert move(s, "A", -1) == {} and move(s, "C", 1) == {} and move(s, "Z", 1) == {}


def test_move_with_duplicate_or_blank_order_writes_positions():
    s = build_schedule(programme(("A", 3, "x", 10), ("B", 3, "x", 10), ("C", None, "x", 10)), time(7, 30), 240)
    assert move(s, "B", -1) == {"B": "1", "A": "2"}
    assert move(s, "C", -1) == {"C": "2", "B": "3"}

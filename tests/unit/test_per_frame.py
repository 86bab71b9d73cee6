"""`per_frame`: one computation per frame object, kept only while the frame lives (desk view, search keys)."""

from __future__ import annotations

import gc

import pandas as pd

from services.people.desk import desk_view
from services.people.per_frame import per_frame


def test_a_value_is_computed_once_per_frame_and_goes_with_its_frame():
    calls: list[int] = []

    @per_frame
    def width(frame: pd.DataFrame) -> int:
        calls.append(1)
        return len(frame.columns)

    frame = pd.DataFrame({"a": [1], "b": [2]})
    assert width(frame) == 2 and width(frame) == 2 and len(calls) == 1
    equal = frame.copy()  # an equal frame is another frame: its own value
    assert width(equal) == 2 and len(calls) == 2 and len(width) == 2
    del frame, equal
    gc.collect()
    assert len(width) == 0, "no frame is held on to through its value"


def test_the_desk_view_is_kept_per_frame():
    people = pd.DataFrame({"name": ["Hoàng Văn Thụ"], "note": ["x"], "unit": ["Sở KH&CN"]})
    assert desk_view(people) is desk_view(people)
    assert list(desk_view(people).columns) == ["name", "unit"]  # DESK_FIELDS' order, nothing else
    assert desk_view.__doc__ and "DESK_FIELDS" in desk_view.__doc__

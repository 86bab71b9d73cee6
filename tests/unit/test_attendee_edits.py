"""The Đại biểu form's rules: what an edit changes, a name is required, how a row is named in a picker."""

from __future__ import annotations

import pandas as pd
import pytest

from services.people.attendee_edits import FORM_FIELDS, NameMissing, changes, form_values, picker_labels

RAW = pd.DataFrame(
    {
        "name": ["Nguyễn Văn A", "Trần Thị B"],
        "unit": ["Văn phòng Sở", "Phòng Kế hoạch"],
        "seat": ["A01", ""],
        **{k: ["", ""] for k in FORM_FIELDS if k not in ("name", "unit", "seat")},
    },
    index=pd.Index(["DB-001", "DB-002"], name="id"),
)


def test_the_form_starts_from_the_row_or_blank():
    assert form_values(RAW, "DB-001")["unit"] == "Văn phòng Sở"
    assert form_values(RAW, "") == dict.fromkeys(FORM_FIELDS, "")


def test_only_changed_cells_are_written_trimmed():
    before = form_values(RAW, "DB-001")
    assert changes(before, {**before, "unit": " Báo Lạng Sơn ", "phone": ""}) == {"unit": "Báo Lạng Sơn"}
    assert changes(before, dict(before)) == {}


def test_a_name_is_required():
    with pytest.raises(NameMissing):
        changes(form_values(RAW, ""), {**form_values(RAW, ""), "name": "  ", "unit": "Văn phòng Sở"})


def test_picker_labels_name_unit_and_id_and_the_seat_when_asked():
    assert picker_labels(RAW) == {
        "DB-001": "Nguyễn Văn A · Văn phòng Sở (DB-001)",
        "DB-002": "Trần Thị B · Phòng Kế hoạch (DB-002)",
    }
    assert picker_labels(RAW, seat=True)["DB-002"] == "Trần Thị B · Phòng Kế hoạch · — (DB-002)"
    assert picker_labels(RAW, seat=True)["DB-001"] == "Nguyễn Văn A · Văn phòng Sở · A01 (DB-001)"

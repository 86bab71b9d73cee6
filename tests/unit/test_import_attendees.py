"""Attendee import: a messy CSV gives exactly the expected accepted and rejected rows; a refused import writes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from services.people.importer import (
    ImportRefused,
    commit_import,
    guess_mapping,
    plan_import,
    read_table,
)
from services.store import DuplicateId
from services.store.workbook import WorkbookStore
from services.validation import validate

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "imports" / "messy_attendees.csv"


def messy_plan(store):
    table = read_table(FIXTURE.read_bytes(), FIXTURE.name)
    mapping = guess_mapping(table.header)
    existing = validate(store.load()).raw["attendees"]
    return table, mapping, plan_import(table, mapping, existing)


def test_headers_map_from_vietnamese_variants(seeded_path):
    table = read_table(FIXTURE.read_bytes(), FIXTURE.name)
    assert table.header[0] == "Họ tên", "the BOM is not part of the first header"
    assert guess_mapping(table.header) == {
        0: "name",
        1: "gender",
        2: "position",
        3: "unit",
        4: "group",
        5: "phone",
        6: "email",
    }, "the staff's own column stays unmapped"


def test_messy_csv_gives_exact_accepted_and_rejected_lists(seeded_store):
    _, _, plan = messy_plan(seeded_store)
    assert [(line, v["name"], v["group"]) for line, v in plan.accepted] == [
        (2, "Nguyễn Văn Mới", "công chức"),
        (3, "Trần Thị Hoà", "viên chức"),  # "Viên Chức" written as the schema spells it
        (12, "Vi Thị Hạ", "viên chức"),
        (14, "Trần Thị Hà", "viên chức"),  # Hà is not Hoà: marks are kept for duplicates
    ]
    assert plan.accepted[2][1]["unit"] == "Trung tâm Thông tin; Ứng dụng"
    assert all(v["rsvp"] == "chưa phản hồi" for _, v in plan.accepted)
    reasons = {r.line: r.reason for r in plan.rejected}
    assert reasons == {
        5: "Trùng họ tên và đơn vị với dòng 2 của tệp",
        6: "Nhóm: Giá trị “khách” không hợp lệ (chọn: lãnh đạo tỉnh, lãnh đạo Sở, công chức, viên chức, "
        "người lao động, khách mời)",
        7: "Thiếu “Họ và tên”",
        8: "Trùng email với dòng 2 của tệp",
        9: "Trùng họ tên và đơn vị với đại biểu DB-005 (Nguyễn Quang Huy)",
        10: "Trùng số điện thoại với dòng 3 của tệp",
        13: "Trùng họ tên và đơn vị với dòng 3 của tệp",
    }
    assert plan.blank_lines == [4, 11]
    every_line = sorted([line for line, _ in plan.accepted] + list(reasons) + plan.blank_lines)
    assert every_line == list(range(2, 15)), "nothing silently dropped"


def test_refused_import_changes_nothing(seeded_path):
    store = WorkbookStore(seeded_path)
    before = seeded_path.read_bytes()
    _, _, plan = messy_plan(store)
    with pytest.raises(ImportRefused, match="7 dòng bị từ chối"):
        commit_import(store, plan, user="test")
    assert seeded_path.read_bytes() == before


def test_import_of_accepted_rows_is_one_append(seeded_store):
    store = seeded_store
    _, _, plan = messy_plan(store)
    count = len(validate(store.load()).raw["attendees"])
    ids = commit_import(store, plan, user="test", only_accepted=True)
    assert ids == ["DB-064", "DB-065", "DB-066", "DB-067"]
    after = validate(store.load())
    assert len(after.raw["attendees"]) == count + 4
    assert after.raw["attendees"].at["DB-066", "unit"] == "Trung tâm Thông tin; Ứng dụng"
    log = after.raw["audit"]
    assert (log["row_id"].isin(ids)).sum() == 4


def test_a_write_that_fails_midway_leaves_nothing(seeded_path):
    """An ID in the file that someone else took meanwhile: the single append is refused as a whole."""
    store = WorkbookStore(seeded_path)
    csv = "Mã,Họ và tên,Nhóm\nDB-900,Người Một,khách mời\nDB-901,Người Hai,khách mời\n".encode()
    table = read_table(csv, "x.csv")
    plan = plan_import(table, guess_mapping(table.header), validate(store.load()).raw["attendees"])
    assert len(plan.accepted) == 2 and not plan.rejected
    store.append_rows("attendees", [{"id": "DB-901", "name": "Người khác", "group": "khách mời"}])
    before = seeded_path.read_bytes()
    with pytest.raises(DuplicateId):
        commit_import(store, plan, user="test")
    assert seeded_path.read_bytes() == before


def test_xlsx_and_tab_separated_files_read_alike():
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Đơn vị", "Số điện thoại", "Nhóm"])
    ws.append(["Lương Đức Đạt", "Văn phòng Sở", "0912345678", "công chức"])
    ws.append([None, None, None, None])
    ws.append(["Hà Thị Mai", "Văn phòng Sở", 912345679, "công chức"])
    buffer = io.BytesIO()
    wb.save(buffer)
    xlsx = read_table(buffer.getvalue(), "ds.xlsx")
    tsv = read_table(
        "Họ và tên\tĐơn vị\tSố điện thoại\tNhóm\nLương Đức Đạt\tVăn phòng Sở\t0912345678\tcông chức\n\n"
        "Hà Thị Mai\tVăn phòng Sở\t912345679\tcông chức\n".encode(),
        "ds.tsv",
    )
    for table in (xlsx, tsv):
        assert [line for line, _ in table.rows] == [2, 4]
        assert table.blank_lines == [3]
        assert guess_mapping(table.header) == {0: "name", 1: "unit", 2: "phone", 3: "group"}


def test_unreadable_files_are_refused_with_a_message():
    with pytest.raises(ImportRefused, match=r"\.csv hoặc \.xlsx"):
        read_table(b"x", "ds.pdf")
    with pytest.raises(ImportRefused, match="Excel"):
        read_table(b"not a zip", "ds.xlsx")
    with pytest.raises(ImportRefused, match="Họ và tên"):
        plan_import(read_table(b"A,B\n1,2\n", "x.csv"), {0: "unit"}, validate_empty())


def validate_empty():
    import pandas as pd

    return pd.DataFrame(columns=["name", "unit", "email", "phone"])

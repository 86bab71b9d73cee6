"""The Store contract, written once and run against every backend (and the in-memory store)."""

from __future__ import annotations

import pytest

from services.access import GuardedStore
from services.schema import ATTENDEES, TASKS
from services.store import Conflict, DuplicateId, HeaderMissing, RowNotFound, Store
from tests.backends import CONTRACT_BACKENDS, make_backend

HEADER = ATTENDEES.headers
ROWS = [
    ["DB-001", "Nguyễn Văn An", "Nam", "Chuyên viên", "Văn phòng Sở", "công chức", "", "", "tham dự", "", "", ""],
    [
        "DB-002",
        "Hoàng Thị Hòa",
        "Nữ",
        "Chuyên viên",
        "Phòng Quản lý khoa học",
        "công chức",
        "",
        "",
        "chưa phản hồi",
        "",
        "",
        "",
    ],
    ["DB-003", "Lương Đức Đạt", "Nam", "Giám đốc", "Trung tâm Thông tin", "viên chức", "", "", "vắng", "", "", ""],
]
NAME_COL = HEADER.index("Họ và tên") + 1
RSVP_COL = HEADER.index("Phản hồi") + 1


@pytest.fixture(params=CONTRACT_BACKENDS)
def backend(request, tmp_path):
    return make_backend(
        request.param,
        tmp_path,
        {ATTENDEES.title: [HEADER, *ROWS], TASKS.title: [TASKS.headers]},
    )


def rows_by_id(backend) -> dict[str, list[str]]:
    return {r[0]: r for r in backend.cells(ATTENDEES.title)[1:]}


def _protocol_methods() -> set[str]:
    return {name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))}


def test_every_backend_and_the_guard_implement_every_method_of_the_protocol(backend):
    """Issue 28: a caller never has to ask a store whether it has a method (no getattr on a store)."""
    methods = _protocol_methods()
    assert {"update_row", "update_rows", "check_update", "append_rows", "delete_row", "load"} <= methods
    for implementation in (type(backend.store), GuardedStore):
        missing = {m for m in methods if not callable(getattr(implementation, m, None))}
        assert not missing, f"{implementation.__name__} lacks {sorted(missing)}"


def test_load_reads_every_row_as_text(backend):
    data = backend.store.load().get("attendees")
    assert data.title == "Đại biểu"
    assert data.header[:3] == ["Mã", "Họ và tên", "Giới tính"]
    assert [r[1] for r in data.rows] == ["Nguyễn Văn An", "Hoàng Thị Hòa", "Lương Đức Đạt"]


def test_update_writes_only_the_changed_row(backend):
    backend.store.update_row("attendees", "DB-002", {"rsvp": "tham dự"}, {"rsvp": "chưa phản hồi"})
    rows = rows_by_id(backend)
    assert rows["DB-002"][RSVP_COL - 1] == "tham dự"
    assert rows["DB-001"][RSVP_COL - 1] == "tham dự" and rows["DB-003"][RSVP_COL - 1] == "vắng"


def test_stale_expected_raises_conflict_and_writes_nothing(backend):
    backend.set_cell(ATTENDEES.title, 3, RSVP_COL, "vắng")  # a staff member answers first
    with pytest.raises(Conflict) as caught:
        backend.store.update_row("attendees", "DB-002", {"rsvp": "tham dự", "note": "x"}, {"rsvp": "chưa phản hồi"})
    assert caught.value.changes[0].column == "Phản hồi"
    assert caught.value.changes[0].now == "vắng"
    assert "vắng" in str(caught.value)
    row = rows_by_id(backend)["DB-002"]
    assert row[RSVP_COL - 1] == "vắng" and row[HEADER.index("Ghi chú")] == ""


def test_row_moved_by_staff_is_still_found_by_id(backend):
    backend.insert_row(ATTENDEES.title, 2, ["DB-009", "Người Mới", "", "", "", "khách mời"])
    backend.store.update_row("attendees", "DB-002", {"note": "đã gọi"}, {"note": ""})
    rows = rows_by_id(backend)
    assert rows["DB-002"][HEADER.index("Ghi chú")] == "đã gọi"
    assert rows["DB-009"][HEADER.index("Ghi chú")] == ""


def test_append_assigns_ids_after_the_highest(backend):
    ids = backend.store.append_rows(
        "attendees", [{"name": "Vi Thị Lan", "group": "khách mời"}, {"name": "Nông Văn Sơn", "group": "khách mời"}]
    )
    assert ids == ["DB-004", "DB-005"]
    rows = rows_by_id(backend)
    assert rows["DB-005"][1] == "Nông Văn Sơn"
    assert len(rows) == 5


def test_append_with_an_existing_id_is_refused(backend):
    with pytest.raises(DuplicateId):
        backend.store.append_rows("attendees", [{"id": "DB-001", "name": "Trùng", "group": "khách mời"}])
    assert len(rows_by_id(backend)) == 3


def test_delete_by_id(backend):
    backend.store.delete_row("attendees", "DB-002", {"name": "Hoàng Thị Hòa"})
    assert sorted(rows_by_id(backend)) == ["DB-001", "DB-003"]


def test_delete_with_stale_expected_is_refused(backend):
    backend.set_cell(ATTENDEES.title, 3, NAME_COL, "Hoàng Thị Hoà (đã sửa)")
    with pytest.raises(Conflict):
        backend.store.delete_row("attendees", "DB-002", {"name": "Hoàng Thị Hòa"})
    assert "DB-002" in rows_by_id(backend)


def test_extra_staff_column_is_preserved(backend):
    backend.set_cell(ATTENDEES.title, 1, len(HEADER) + 1, "Ghi chú riêng")
    backend.set_cell(ATTENDEES.title, 2, len(HEADER) + 1, "giữ nguyên")
    backend.store.update_row("attendees", "DB-001", {"seat": "A1"}, {"seat": ""})
    backend.store.append_rows("attendees", [{"name": "Khách", "group": "khách mời"}])
    cells = backend.cells(ATTENDEES.title)
    assert cells[0][len(HEADER)] == "Ghi chú riêng"
    assert cells[1][len(HEADER)] == "giữ nguyên"
    assert cells[1][HEADER.index("Ghế")] == "A1"


def test_reordered_columns_are_found_by_header(backend):
    # Staff swapped "Họ và tên" and "Giới tính" (header and values).
    for row_no, row in enumerate(backend.cells(ATTENDEES.title), start=1):
        backend.set_cell(ATTENDEES.title, row_no, NAME_COL, row[NAME_COL])
        backend.set_cell(ATTENDEES.title, row_no, NAME_COL + 1, row[NAME_COL - 1])
    backend.store.update_row("attendees", "DB-001", {"name": "Nguyễn Văn Ân"}, {"name": "Nguyễn Văn An"})
    row = rows_by_id(backend)["DB-001"]
    assert row[NAME_COL] == "Nguyễn Văn Ân" and row[NAME_COL - 1] == "Nam"


def test_renamed_header_gives_a_clear_error(backend):
    backend.set_cell(ATTENDEES.title, 1, RSVP_COL, "Trả lời")
    with pytest.raises(HeaderMissing, match="Phản hồi"):
        backend.store.update_row("attendees", "DB-001", {"rsvp": "vắng"}, {"rsvp": "tham dự"})
    assert rows_by_id(backend)["DB-001"][RSVP_COL - 1] == "tham dự"


def test_unknown_id_gives_a_clear_error(backend):
    with pytest.raises(RowNotFound, match="DB-404"):
        backend.store.update_row("attendees", "DB-404", {"note": "x"}, {})


def test_row_deleted_by_staff_gives_a_clear_error(backend):
    backend.delete_row(ATTENDEES.title, 3)
    with pytest.raises(RowNotFound, match="không còn"):
        backend.store.update_row("attendees", "DB-002", {"note": "x"}, {"note": ""})


def test_formula_looking_text_stays_text(backend):
    for text in ['=HYPERLINK("x")', "+1", "@SUM(A1)", "-2"]:
        seen = rows_by_id(backend)["DB-001"][HEADER.index("Ghi chú")]
        backend.store.update_row("attendees", "DB-001", {"note": text}, {"note": seen})
        assert rows_by_id(backend)["DB-001"][HEADER.index("Ghi chú")] == text
        assert backend.store.load().get("attendees").rows[0][HEADER.index("Ghi chú")] == text


def test_ensure_schema_adds_missing_tabs_and_headers_without_touching_data(backend):
    report = backend.store.ensure_schema()
    assert any("Nhật ký" in line for line in report)
    snapshot = backend.store.load()
    assert snapshot.get("audit") is not None and snapshot.get("audit").header[0] == "Thời gian"
    assert [r[1] for r in snapshot.get("attendees").rows] == ["Nguyễn Văn An", "Hoàng Thị Hòa", "Lương Đức Đạt"]
    assert backend.store.ensure_schema() == []


def _audit(backend) -> list[list[str]]:
    snapshot = backend.store.load()
    data = snapshot.get("audit")
    return [r[:7] for r in data.rows] if data else []


def test_writes_with_a_user_are_logged_in_the_same_operation(backend):
    backend.store.update_row(
        "attendees", "DB-002", {"rsvp": "tham dự", "seat": "B3"}, {"rsvp": "chưa phản hồi"}, user="vp@skhcn"
    )
    (new_id,) = backend.store.append_rows("attendees", [{"name": "Vi Thị Lan", "group": "khách mời"}], user="vp@skhcn")
    backend.store.delete_row("attendees", "DB-003", {"name": "Lương Đức Đạt"}, user="admin")
    log = _audit(backend)
    assert [r[1:7] for r in log] == [
        ["vp@skhcn", "Đại biểu", "DB-002", "Phản hồi", "chưa phản hồi", "tham dự"],
        ["vp@skhcn", "Đại biểu", "DB-002", "Ghế", "", "B3"],
        ["vp@skhcn", "Đại biểu", new_id, "(thêm dòng)", "", "Vi Thị Lan"],
        ["admin", "Đại biểu", "DB-003", "(xóa dòng)", "Lương Đức Đạt | Nam | Giám đốc", ""],
    ]


def test_a_refused_write_logs_nothing(backend):
    backend.set_cell(ATTENDEES.title, 3, RSVP_COL, "vắng")
    with pytest.raises(Conflict):
        backend.store.update_row("attendees", "DB-002", {"rsvp": "tham dự"}, {"rsvp": "chưa phản hồi"}, user="vp")
    with pytest.raises(RowNotFound):
        backend.store.delete_row("attendees", "DB-404", {}, user="vp")
    assert _audit(backend) == []


def test_an_unchanged_value_writes_and_logs_nothing(backend):
    backend.store.update_row("attendees", "DB-001", {"rsvp": "tham dự"}, {"rsvp": "tham dự"}, user="vp")
    assert _audit(backend) == []


def test_update_rows_writes_each_item_and_reports_each_items_own_error(backend):
    """A batch: items that fit land (with their audit lines), a stale one gets its Conflict, an unknown ID its
    RowNotFound, and neither stops the others; of two items expecting the same cell of one row, the first lands and
    the second gets Conflict with the first's value."""
    backend.set_cell(ATTENDEES.title, 4, RSVP_COL, "tham dự")  # staff answer for DB-003 first
    results = backend.store.update_rows(
        "attendees",
        [
            ("DB-001", {"note": "đã gọi"}, {"note": ""}, "vp"),
            ("DB-003", {"rsvp": "vắng"}, {"rsvp": "vắng"}, "vp"),
            ("DB-404", {"note": "x"}, {}, "vp"),
            ("DB-002", {"rsvp": "tham dự"}, {"rsvp": "chưa phản hồi"}, None),
            ("DB-002", {"rsvp": "vắng", "note": "sau"}, {"rsvp": "chưa phản hồi"}, "vp"),
        ],
    )
    assert results[0] is None and results[3] is None
    assert isinstance(results[4], Conflict) and results[4].changes[0].now == "tham dự"
    assert isinstance(results[1], Conflict) and results[1].changes[0].now == "tham dự"
    assert isinstance(results[2], RowNotFound)
    rows = rows_by_id(backend)
    note = HEADER.index("Ghi chú")
    assert rows["DB-001"][note] == "đã gọi"
    assert rows["DB-002"][RSVP_COL - 1] == "tham dự" and rows["DB-002"][note] == ""
    assert rows["DB-003"][RSVP_COL - 1] == "tham dự"
    assert [r[1:7] for r in _audit(backend)] == [
        ["vp", "Đại biểu", "DB-001", "Ghi chú", "", "đã gọi"],
    ]


def test_update_rows_of_nothing_writes_nothing(backend):
    before = backend.cells(ATTENDEES.title)
    assert backend.store.update_rows("attendees", []) == []
    assert backend.cells(ATTENDEES.title) == before

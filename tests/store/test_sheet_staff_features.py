"""What staff really do to the shared sheet (issue 26), on the emulator through the staff hooks, and what the app does.

Merges, dropdowns, protected ranges, frozen rows and filters, cut and paste, a resized grid and a renamed
spreadsheet — each test fails against the emulator or the product before issue 26.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from services.people import checkin
from services.people.checkin_journal import CheckinJournal
from services.people.door_sync import DoorCheckins
from services.schema import ATTENDEES, AUDIT, TASKS
from services.store import CellProtected, StoreError
from services.store.gsheets import GoogleSheetStore
from services.store.sheet_features import SheetProtected, ValidationRefused
from tests.backends import FAST_RETRY, GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

HEADER = ATTENDEES.headers
COL = {c.key: i for i, c in enumerate(ATTENDEES.columns)}
PEOPLE = [
    ["DB-001", "Nguyễn Văn An", "Nam", "", "", "công chức", "", "", "tham dự", "", "", ""],
    ["DB-002", "Hoàng Thị Hòa", "Nữ", "", "", "công chức", "", "", "tham dự", "", "", "ghi chú 2"],
    ["DB-003", "Triệu Đức Đạt", "Nam", "", "", "viên chức", "", "", "vắng", "", "", ""],
    ["DB-004", "Vi Thị Bích", "Nữ", "", "", "viên chức", "", "", "tham dự", "", "", ""],
]
TASK_ROWS = [["NV-001", "Gửi giấy mời", "", "", "", "chưa làm"], ["NV-002", "In khánh tiết", "", "", "", "chưa làm"]]
STATUS = 6  # 1-based column of Trạng thái
NOTE = COL["note"] + 1


@pytest.fixture(params=["vi_VN", "en_US"])
def locale(request):
    return request.param


def _sheet(locale: str = "vi_VN") -> GoogleSheetBackend:
    tabs = {
        ATTENDEES.title: [HEADER, *PEOPLE],
        TASKS.title: [TASKS.headers, *TASK_ROWS],
        AUDIT.title: [AUDIT.headers],
    }
    b = GoogleSheetBackend(tabs, shared_emulator(), locale=locale)
    b.store.ensure_schema()
    return b


def _new_session(b: GoogleSheetBackend) -> None:
    """The app starts (or its metadata is older than METADATA_TTL_S): it learns what staff did to the sheet."""
    b.store = GoogleSheetStore.for_emulator(b.emulator.host, b.key, policy=FAST_RETRY)


def _audit_rows(b: GoogleSheetBackend) -> list[list[str]]:
    return [r for r in b.cells(AUDIT.title)[1:] if any(r)]


# --- merges ---------------------------------------------------------------------------------------


def test_a_write_into_a_merge_is_refused_naming_the_range_and_reads_are_not_shifted(locale):
    b = _sheet(locale)
    b.emulator.merge(b.key, ATTENDEES.title, "L3:L4")  # staff merged the notes of DB-002 and DB-003
    _new_session(b)
    rows = b.store.load().tabs["attendees"].rows
    assert [r[0] for r in rows] == ["DB-001", "DB-002", "DB-003", "DB-004"]  # nothing shifted
    assert rows[1][COL["note"]] == "ghi chú 2" and rows[2][COL["note"]] == ""
    before = b.cells(ATTENDEES.title)
    with pytest.raises(CellProtected, match=r"L3:L4") as refused:
        b.store.update_row("attendees", "DB-003", {"note": "đến muộn"}, {"note": ""}, user="bàn 1")
    assert "gộp" in str(refused.value)
    assert b.cells(ATTENDEES.title) == before and _audit_rows(b) == []
    # A cell outside the merge is written as usual.
    b.store.update_row("attendees", "DB-004", {"note": "đến muộn"}, {"note": ""}, user="bàn 1")
    assert b.cells(ATTENDEES.title)[4][COL["note"]] == "đến muộn"


def test_the_emulator_merges_as_google_does():
    b = _sheet()
    b.emulator.merge(b.key, ATTENDEES.title, "B2:C2")  # the top-left value stays, the others are cleared
    assert b.cells(ATTENDEES.title)[1][1:3] == ["Nguyễn Văn An", ""]
    meta = b.store.http.fetch_sheet_metadata(b.key)
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == ATTENDEES.title)
    assert sheet["merges"][0]["startRowIndex"] == 1 and sheet["merges"][0]["endColumnIndex"] == 3


# --- dropdown validation ----------------------------------------------------------------------------


def test_a_value_outside_the_dropdown_is_refused_naming_the_cell_and_the_list(locale):
    b = _sheet(locale)
    # Staff put a dropdown on Trạng thái that lacks "đang làm", a status the app uses.
    b.emulator.set_dropdown(b.key, TASKS.title, "F2:F1000", ["chưa làm", "xong"])
    _new_session(b)
    before = b.cells(TASKS.title)
    with pytest.raises(ValidationRefused) as refused:
        b.store.update_row("tasks", "NV-001", {"status": "đang làm"}, {"status": "chưa làm"}, user="bàn 1")
    message = str(refused.value)
    assert "F2" in message and "“chưa làm”" in message and "“xong”" in message and "đang làm" in message
    assert b.cells(TASKS.title) == before and _audit_rows(b) == []  # nothing half-written, no log line
    assert b.emulator.invalid_cells(b.key, TASKS.title) == []
    # A value in the list is written; an appended row is checked against the column's rule too.
    b.store.update_row("tasks", "NV-001", {"status": "xong"}, {"status": "chưa làm"}, user="bàn 1")
    assert b.cells(TASKS.title)[1][STATUS - 1] == "xong"
    with pytest.raises(ValidationRefused, match="đang làm"):
        b.store.append_rows("tasks", [{"task": "Chuẩn bị hội trường", "status": "đang làm"}], user="bàn 1")
    assert b.emulator.invalid_cells(b.key, TASKS.title) == []


def test_api_writes_bypass_validation_in_the_emulator_as_in_google():
    """The Sheets API does not check a write against a dropdown (it lands and the browser flags the cell): that is
    why the app checks first. Shown on the emulator directly."""
    b = _sheet()
    b.emulator.set_dropdown(b.key, TASKS.title, "F2:F3", ["chưa làm", "xong"])
    b.store.http.values_update(
        b.key, f"'{TASKS.title}'!F2", params={"valueInputOption": "RAW"}, body={"values": [["đang làm"]]}
    )
    assert b.emulator.invalid_cells(b.key, TASKS.title) == ["F2"]


# --- protected ranges ---------------------------------------------------------------------------------


def test_a_protected_range_is_named_in_vietnamese_without_a_retry_storm(locale):
    b = _sheet(locale)
    b.emulator.protect(b.key, ATTENDEES.title, "A1:A1000", description="Cột Mã")
    _new_session(b)
    b.store.load()
    before = b.cells(ATTENDEES.title)
    b.emulator.reset_log()
    with pytest.raises(SheetProtected) as refused:
        b.store.update_row("attendees", "DB-001", {"id": "DB-101"}, {"id": "DB-001"}, user="bàn 1")
    message = str(refused.value)
    assert "A1:A1000" in message and "Cột Mã" in message and "bảo vệ" in message
    assert b.emulator.count("spreadsheets.batchUpdate") == 0  # refused before sending: nothing to retry
    assert b.cells(ATTENDEES.title) == before


def test_googles_own_protected_refusal_is_named_and_not_retried():
    """Protection added after the app last looked: Google answers 400; the app names the range, sends no retry."""
    b = _sheet()
    b.store.load()
    b.store.features()  # learned before staff protect the column
    b.emulator.protect(b.key, ATTENDEES.title, "L1:L1000", description="Ghi chú đã chốt")
    journal_before = b.cells("_app_journal")
    b.emulator.reset_log()
    with pytest.raises(SheetProtected, match=r"L1:L1000.*Ghi chú đã chốt"):
        b.store.update_row("attendees", "DB-001", {"note": "x"}, {"note": ""}, user="bàn 1")
    assert b.emulator.count("spreadsheets.batchUpdate") == 1  # one try, no retry storm
    assert all(r[COL["note"]] != "x" for r in b.cells(ATTENDEES.title))
    # Google refused the whole batch: no journal row, no Nhật ký line, nothing half-written.
    assert _audit_rows(b) == [] and journal_before == b.cells("_app_journal")


def test_the_door_desk_keeps_the_scan_in_its_journal_when_the_column_is_protected(tmp_path):
    b = _sheet()
    b.store.load()
    b.emulator.protect(b.key, ATTENDEES.title, "J1:J1000", description="Có mặt")
    door = DoorCheckins(b.store, CheckinJournal(tmp_path / "door.jsonl"), hold_s=60)
    b.emulator.reset_log()
    recorded = door.check_in("DB-002", user="bàn 1", now=datetime(2026, 12, 1, 7, 30))
    assert recorded.queued and [s.attendee_id for s in door.journal.pending()] == ["DB-002"]
    # Held, not hammered: the next scans go straight to the journal while the desk holds.
    door.check_in("DB-004", user="bàn 1", now=datetime(2026, 12, 1, 7, 31))
    # Google refused the first (one batch, no retry); the desk then holds: the next scan is not even sent.
    assert door.journal.count() == 2 and b.emulator.count("spreadsheets.batchUpdate") == 1
    assert b.cells(ATTENDEES.title)[2][COL["checked_in"]] == ""


# --- frozen rows, filters, hidden rows ------------------------------------------------------------------


def test_frozen_rows_a_filter_and_hidden_rows_leave_reads_and_writes_unaffected(locale):
    b = _sheet(locale)
    b.emulator.freeze(b.key, ATTENDEES.title, 1)
    b.emulator.set_filter(b.key, ATTENDEES.title)
    b.emulator.hide_rows(b.key, ATTENDEES.title, 3, 3)  # the filter hides DB-002
    rows = b.store.load().tabs["attendees"].rows
    assert [r[0] for r in rows] == ["DB-001", "DB-002", "DB-003", "DB-004"]
    checkin.check_in(b.store, "DB-002", user="bàn 1", now=datetime(2026, 12, 1, 7, 30))
    assert b.cells(ATTENDEES.title)[2][COL["checked_in"]] == "01/12/2026 07:30:00"
    features = b.store.features(refresh=True)
    tab = features.tabs[ATTENDEES.title]
    assert tab.frozen_rows == 1 and tab.filter is not None and tab.hidden_rows == [2]


# --- cut and paste, resized grid, renamed spreadsheet ------------------------------------------------------


def test_a_cut_and_pasted_row_is_still_found_by_its_id(locale):
    b = _sheet(locale)
    b.store.load()  # the app remembers DB-003 on sheet row 4
    b.emulator.cut_paste_row(b.key, ATTENDEES.title, 4, 8)  # row 4 left empty, DB-003 now on row 8
    assert b.cells(ATTENDEES.title)[3][0] == "" and b.cells(ATTENDEES.title)[7][0] == "DB-003"
    b.store.update_row("attendees", "DB-003", {"note": "đã gọi"}, {"note": ""}, user="bàn 1")
    cells = b.cells(ATTENDEES.title)
    assert cells[7][COL["note"]] == "đã gọi" and not any(cells[3])


def test_a_resized_grid_and_a_renamed_spreadsheet(locale):
    b = _sheet(locale)
    b.emulator.resize_grid(b.key, ATTENDEES.title, rows=len(PEOPLE) + 1, columns=len(HEADER))
    b.emulator.set_spreadsheet(b.key, title="Hội nghị 2026 (bản chính)")
    b.store.session.meta = None  # a new session: learns the title again
    assert b.store.info().title == "Hội nghị 2026 (bản chính)"
    ids = b.store.append_rows("attendees", [{"name": "Khách Vãng Lai", "group": "khách mời"}], user="bàn 1")
    b.store.update_row("attendees", "DB-004", {"note": "ok"}, {"note": ""}, user="bàn 1")
    rows = b.store.load().tabs["attendees"].rows
    assert [r[0] for r in rows] == ["DB-001", "DB-002", "DB-003", "DB-004", *ids]
    assert rows[3][COL["note"]] == "ok"


def test_the_spreadsheets_locale_and_time_zone_are_read_from_its_properties():
    b = _sheet("en_US")
    b.emulator.set_spreadsheet(b.key, timeZone="America/New_York")
    features = b.store.features(refresh=True)
    assert (features.locale, features.time_zone) == ("en_US", "America/New_York")
    b.emulator.set_spreadsheet(b.key, locale="vi_VN")
    b.set_cell(TASKS.title, 2, 5, "9/5/2025")  # now typed day first
    assert b.store.load().tabs["tasks"].rows[0][4] == "09/05/2025"


def test_a_store_error_is_still_a_store_error():
    assert issubclass(SheetProtected, StoreError) and issubclass(ValidationRefused, StoreError)


def test_a_merge_staff_make_while_the_app_runs_is_seen_once_the_metadata_is_old(monkeypatch):
    from services.store import sheet_session

    b = _sheet()
    b.store.load()
    b.emulator.merge(b.key, ATTENDEES.title, "L2:L3")
    monkeypatch.setattr(sheet_session, "METADATA_TTL_S", 0.0)  # as five minutes later
    with pytest.raises(CellProtected, match="L2:L3"):
        b.store.update_row("attendees", "DB-001", {"note": "x"}, {"note": ""}, user="bàn 1")

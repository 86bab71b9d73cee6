"""The Google Sheet store against the local Sheets API emulator: request counts, staff edits, faults, retries."""

from __future__ import annotations

import time

import gspread
import pytest
from google.auth.credentials import AnonymousCredentials

from services.config import load_config
from services.schema import ATTENDEES, AUDIT, TABS, TASKS
from services.setup.backend import open_store
from services.store import BackendUnavailable, Conflict, HeaderMissing, RowNotFound
from services.store.gsheets import GoogleSheetStore, SheetsHTTPClient
from services.store.retry import RetryPolicy
from tests.backends import FAST_RETRY, GoogleSheetBackend
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_store_contract import HEADER, ROWS

NOTE = HEADER.index("Ghi chú")
RSVP = HEADER.index("Phản hồi")


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


@pytest.fixture
def sheet(emulator):
    emulator.clear_faults()
    backend = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS], TASKS.title: [TASKS.headers]}, emulator)
    yield backend
    emulator.clear_faults()


def by_id(sheet) -> dict[str, list[str]]:
    return {r[0]: r for r in sheet.cells(ATTENDEES.title)[1:]}


def audit_rows(sheet) -> list[list[str]]:
    try:
        return sheet.cells(AUDIT.title)[1:]
    except Exception:  # no Nhật ký tab yet
        return []


def seen(sheet, row_id: str, key: str) -> str:
    data = sheet.store.load().get("attendees")
    row = next(r for r in data.rows if r[0] == row_id)
    return row[HEADER.index(ATTENDEES.column(key).header)]


# --- request counts ---------------------------------------------------------------------------


def test_first_load_learns_the_tabs_then_every_load_is_one_batch_get(sheet, emulator):
    emulator.reset_log()
    sheet.store.load()
    assert emulator.kinds() == ["spreadsheets.get", "values.batchGet"]
    emulator.reset_log()
    snapshot = sheet.store.load()
    assert emulator.kinds() == ["values.batchGet"]
    assert [r[1] for r in snapshot.get("attendees").rows] == [r[1] for r in ROWS]
    assert sheet.store.info().title == "Hội nghị điển hình tiên tiến (kiểm thử)"
    assert emulator.count() == 1, "info() after the first metadata fetch costs nothing"


def test_an_edit_append_and_delete_are_two_requests_each_log_included(sheet, emulator):
    sheet.store.ensure_schema()  # the Nhật ký tab exists, as after init-sheet
    sheet.store.load()
    for write in (
        lambda: sheet.store.update_row("attendees", "DB-001", {"seat": "A1", "note": "x"}, {"seat": ""}, user="vp"),
        lambda: sheet.store.append_rows("attendees", [{"name": "Vi Thị Lan", "group": "khách mời"}], user="vp"),
        lambda: sheet.store.delete_row("attendees", "DB-003", {"name": "Lương Đức Đạt"}, user="vp"),
    ):
        emulator.reset_log()
        write()
        assert emulator.kinds() == ["values.batchGet", "spreadsheets.batchUpdate"]
    assert len(audit_rows(sheet)) == 4


def test_a_first_edit_in_a_fresh_process_reads_once(sheet, emulator):
    """No load yet, so no header seen: the columns are read where the schema puts them (then checked by the header
    in the same read), not after a header-only read first."""
    sheet.store.ensure_schema()
    fresh = GoogleSheetStore.for_emulator(emulator.host, sheet.key, policy=FAST_RETRY)
    emulator.reset_log()
    fresh.update_row("attendees", "DB-002", {"seat": "B2"}, {"seat": ""}, user="vp")
    assert emulator.kinds() == ["spreadsheets.get", "values.batchGet", "spreadsheets.batchUpdate"]
    assert by_id(sheet)["DB-002"][HEADER.index("Ghế")] == "B2"


def test_the_first_logged_write_creates_the_log_tab_in_the_same_request(sheet, emulator):
    sheet.store.load()
    emulator.reset_log()
    sheet.store.update_row("attendees", "DB-002", {"seat": "B1"}, {"seat": ""}, user="vp")
    # Never initialised: the hidden write journal is made once first (init-sheet makes it ahead), then the write
    # itself is one batch that also creates Nhật ký.
    kinds = emulator.kinds()
    assert kinds[0] == "values.batchGet" and kinds[-1] == "spreadsheets.batchUpdate"
    assert kinds.count("spreadsheets.batchUpdate") == 2
    assert sheet.cells(AUDIT.title)[0] == AUDIT.headers
    assert [r[1:7] for r in audit_rows(sheet)] == [["vp", "Đại biểu", "DB-002", "Ghế", "", "B1"]]


# --- staff editing the sheet between the app's read and its write -------------------------------


def test_staff_inserts_a_row_above_between_read_and_write(sheet, emulator):
    note = seen(sheet, "DB-003", "note")
    # The staff member inserts a row just before the app's write-time read.
    emulator.before("values.batchGet", lambda e: sheet.insert_row(ATTENDEES.title, 2, ["DB-050", "Chen Ngang"]))
    sheet.store.update_row("attendees", "DB-003", {"note": "đến muộn"}, {"note": note}, user="vp")
    rows = by_id(sheet)
    assert rows["DB-003"][NOTE] == "đến muộn"
    assert rows["DB-050"][NOTE] == "" and rows["DB-002"][NOTE] == ""
    assert sheet.cells(ATTENDEES.title)[4][0] == "DB-003"


def test_staff_edits_the_target_cell_gives_conflict_and_writes_nothing(sheet, emulator):
    rsvp = seen(sheet, "DB-002", "rsvp")
    sheet.set_cell(ATTENDEES.title, 3, RSVP + 1, "vắng")
    emulator.reset_log()
    with pytest.raises(Conflict, match="vắng"):
        sheet.store.update_row("attendees", "DB-002", {"rsvp": "tham dự"}, {"rsvp": rsvp}, user="vp")
    assert "spreadsheets.batchUpdate" not in emulator.kinds()
    assert by_id(sheet)["DB-002"][RSVP] == "vắng"
    assert audit_rows(sheet) == []


def test_staff_deletes_the_row_gives_a_clear_error(sheet):
    note = seen(sheet, "DB-002", "note")
    sheet.delete_row(ATTENDEES.title, 3)
    with pytest.raises(RowNotFound, match="không còn"):
        sheet.store.update_row("attendees", "DB-002", {"note": "x"}, {"note": note})


def test_staff_renames_a_header_gives_an_error_naming_it(sheet):
    sheet.set_cell(ATTENDEES.title, 1, RSVP + 1, "Trả lời")
    with pytest.raises(HeaderMissing, match="“Phản hồi”"):
        sheet.store.update_row("attendees", "DB-001", {"rsvp": "vắng"}, {"rsvp": "tham dự"})
    assert by_id(sheet)["DB-001"][RSVP] == "tham dự"


def test_staff_inserted_column_in_the_middle_is_kept_and_columns_found_by_header(sheet, emulator):
    book = emulator.book(sheet.key)
    book.sheet(ATTENDEES.title).insert_columns(2, 1)  # a new column C, between "Họ và tên" and "Giới tính"
    sheet.set_cell(ATTENDEES.title, 1, 3, "Bí danh")
    sheet.set_cell(ATTENDEES.title, 2, 3, "anh An")
    sheet.store.update_row("attendees", "DB-001", {"gender": "Nữ", "note": "đã sửa"}, {"gender": "Nam"})
    row = sheet.cells(ATTENDEES.title)[1]
    assert row[2] == "anh An" and row[3] == "Nữ" and row[NOTE + 1] == "đã sửa"


def test_staff_renames_a_tab_between_loads_is_followed(sheet, emulator):
    sheet.store.load()
    emulator.rename_tab(sheet.key, TASKS.title, "nhiệm vụ")  # same tab, other case: still the schema tab
    emulator.reset_log()
    snapshot = sheet.store.load()
    assert snapshot.get("tasks").title == "nhiệm vụ"
    assert emulator.kinds() == ["values.batchGet", "spreadsheets.get", "values.batchGet"]


# --- faults -------------------------------------------------------------------------------------


def test_429_twice_then_success_lands_exactly_once(sheet, emulator):
    sheet.store.ensure_schema()
    emulator.reset_log()
    rsvp = seen(sheet, "DB-002", "rsvp")
    emulator.fail_next(2, 429, kind="spreadsheets.batchUpdate")
    sheet.store.update_row("attendees", "DB-002", {"rsvp": "tham dự"}, {"rsvp": rsvp}, user="vp")
    assert by_id(sheet)["DB-002"][RSVP] == "tham dự"
    assert [r[3:7] for r in audit_rows(sheet)] == [["DB-002", "Phản hồi", "chưa phản hồi", "tham dự"]]
    assert emulator.count("spreadsheets.batchUpdate") == 3


def test_429_on_reads_is_retried(sheet, emulator):
    sheet.store.load()
    emulator.fail_next(2, 429, kind="values.batchGet")
    assert len(sheet.store.load().get("attendees").rows) == 3


def test_500_forever_gives_a_clear_error_within_a_bounded_time(emulator):
    policy = RetryPolicy(attempts=50, total_s=1.5, initial_wait_s=0.05, max_wait_s=0.4, timeout_s=2)
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS]}, emulator, policy)
    sheet.store.load()
    emulator.fail_always(500)
    try:
        started = time.monotonic()
        with pytest.raises(BackendUnavailable, match="tạm thời không phản hồi") as caught:
            sheet.store.update_row("attendees", "DB-001", {"note": "x"}, {"note": ""}, user="vp")
        elapsed = time.monotonic() - started
    finally:
        emulator.clear_faults()
    assert elapsed < policy.worst_case_s
    assert "Thao tác chưa được thực hiện" in str(caught.value)
    assert by_id(sheet)["DB-001"][NOTE] == ""


def test_attempts_are_bounded_too(emulator):
    policy = RetryPolicy(attempts=3, total_s=30, initial_wait_s=0.01, max_wait_s=0.02, timeout_s=2)
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS]}, emulator, policy)
    sheet.store.load()
    emulator.reset_log()
    emulator.fail_always(503, kind="values.batchGet")
    try:
        with pytest.raises(BackendUnavailable, match="503"):
            sheet.store.load()
    finally:
        emulator.clear_faults()
    assert emulator.count("values.batchGet") == 3


def _slow_policy() -> RetryPolicy:
    # 1 s per request: a busy machine must not make an ordinary request time out (the faults below are 2–2.5 s)
    return RetryPolicy(attempts=4, total_s=15, initial_wait_s=0.01, max_wait_s=0.05, timeout_s=1.0)


def test_an_append_retried_after_a_timeout_is_not_duplicated(emulator):
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS]}, emulator, _slow_policy())
    sheet.store.ensure_schema()
    # The append is applied, but the answer comes after the client has given up waiting.
    emulator.delay_next(2.5, apply_first=True, kind="spreadsheets.batchUpdate")
    ids = sheet.store.append_rows("attendees", [{"name": "Vi Thị Lan", "group": "khách mời"}], user="vp")
    assert ids == ["DB-004"]
    names = [r[1] for r in sheet.cells(ATTENDEES.title)[1:]]
    assert names.count("Vi Thị Lan") == 1 and len(names) == 4
    assert [r[3:5] for r in audit_rows(sheet)] == [["DB-004", "(thêm dòng)"]]


def test_an_edit_and_a_delete_retried_after_a_timeout_log_once(emulator):
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS]}, emulator, _slow_policy())
    sheet.store.ensure_schema()
    emulator.delay_next(2.5, apply_first=True, kind="spreadsheets.batchUpdate")
    sheet.store.update_row("attendees", "DB-001", {"note": "đã gọi"}, {"note": ""}, user="vp")
    emulator.delay_next(2.5, apply_first=True, kind="spreadsheets.batchUpdate")
    sheet.store.delete_row("attendees", "DB-003", {"name": "Lương Đức Đạt"}, user="vp")
    assert sorted(by_id(sheet)) == ["DB-001", "DB-002"]
    assert by_id(sheet)["DB-001"][NOTE] == "đã gọi"
    assert [r[3:5] for r in audit_rows(sheet)] == [["DB-001", "Ghi chú"], ["DB-003", "(xóa dòng)"]]


def test_a_slow_but_unapplied_write_is_sent_again(emulator):
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *ROWS]}, emulator, _slow_policy())
    emulator.delay_next(2.0, kind="values.batchGet")  # the write-time read times out once
    sheet.store.update_row("attendees", "DB-001", {"note": "x"}, {"note": ""}, user="vp")
    assert by_id(sheet)["DB-001"][NOTE] == "x"
    assert len(audit_rows(sheet)) == 1


# --- text stays text ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "@SUM(A1)", "-2", "0912 345 678", "'quoted"])
def test_formula_looking_text_is_stored_as_literal_text(sheet, emulator, text):
    sheet.store.update_row("attendees", "DB-001", {"note": text}, {"note": ""})
    stored = emulator.book(sheet.key).sheet(ATTENDEES.title).get(1, NOTE)
    assert stored == text and isinstance(stored, str)
    # Read back by plain gspread too, as any other client of the sheet would.
    client = gspread.Client(AnonymousCredentials())
    client.http_client = SheetsHTTPClient(AnonymousCredentials(), api_root=emulator.base_url)
    values = client.open_by_key(sheet.key).worksheet(ATTENDEES.title).get_all_values()
    assert values[1][NOTE] == text
    assert sheet.store.load().get("attendees").rows[0][NOTE] == text


# --- schema and configuration ---------------------------------------------------------------------


def test_ensure_schema_on_an_empty_spreadsheet_creates_every_tab_with_headers(emulator):
    sheet = GoogleSheetBackend({"Trang tính1": []}, emulator)
    report = sheet.store.ensure_schema()
    assert len(report) == len(TABS)
    snapshot = sheet.store.load()
    for spec in TABS:
        assert snapshot.get(spec.key).header == spec.headers
    assert snapshot.other_tabs == ("Trang tính1",)
    assert sheet.store.ensure_schema() == []


def test_ensure_schema_adds_missing_headers_at_the_end_only(sheet):
    sheet.set_cell(ATTENDEES.title, 1, len(HEADER), "")  # staff removed the last header
    sheet.set_cell(ATTENDEES.title, 1, len(HEADER) + 2, "Riêng")  # and keep their own column after a gap
    report = sheet.store.ensure_schema()
    assert any("đã thêm cột Ghi chú" in line for line in report)
    header = sheet.cells(ATTENDEES.title)[0]
    assert header[len(HEADER) + 1] == "Riêng" and header[len(HEADER) + 2] == "Ghi chú"


def test_configuration_from_the_environment_uses_the_emulator(sheet, emulator):
    env = {"GSHEETS_SPREADSHEET": emulator.url(sheet.key), "SHEETS_EMULATOR_HOST": emulator.host}
    store = open_store(load_config({}, env))
    assert isinstance(store, GoogleSheetStore)
    info = store.info()
    assert (info.kind, info.title) == ("gsheets", "Hội nghị điển hình tiên tiến (kiểm thử)")
    assert info.location == f"https://docs.google.com/spreadsheets/d/{sheet.key}/edit"
    assert len(store.load().get("attendees").rows) == 3


def test_an_unknown_spreadsheet_gives_a_clear_error(emulator):
    store = GoogleSheetStore.for_emulator(emulator.host, "khong-co", policy=FAST_RETRY)
    with pytest.raises(BackendUnavailable, match="Không tìm thấy Google Sheet"):
        store.load()
    assert store.info().title == "khong-co"


def test_a_missing_service_account_is_explained():
    config = load_config({}, {"GSHEETS_SPREADSHEET": "abc"})
    with pytest.raises(BackendUnavailable, match="tài khoản dịch vụ"):
        open_store(config)

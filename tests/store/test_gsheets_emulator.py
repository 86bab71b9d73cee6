"""The Sheets API emulator itself: A1 ranges, Google-shaped answers and errors, faults, as plain gspread sees them."""

from __future__ import annotations

import gspread
import pytest
import requests
from google.auth.credentials import AnonymousCredentials

from services.store.gsheets import SheetsHTTPClient
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.a1 import GridRange, RangeError, format_range, parse_range

TITLES = ["Đại biểu", "Nhật ký", "It's mine", "Sheet1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Đại biểu'", GridRange("Đại biểu")),
        ("Đại biểu", GridRange("Đại biểu")),
        ("'Đại biểu'!A1:L4", GridRange("Đại biểu", 0, 4, 0, 12)),
        ("'Nhật ký'!1:1", GridRange("Nhật ký", 0, 1, 0, None)),
        ("'It''s mine'!B:B", GridRange("It's mine", 0, None, 1, 2)),
        ("Sheet1!C3", GridRange("Sheet1", 2, 3, 2, 3, single=True)),
        ("A2:B", GridRange("Đại biểu", 1, None, 0, 2)),
        ("'Đại biểu'!AA10:AB12", GridRange("Đại biểu", 9, 12, 26, 28)),
    ],
)
def test_a1_ranges(text, expected):
    assert parse_range(text, TITLES) == expected


@pytest.mark.parametrize("text", ["'Không có'!A1", "'Đại biểu'!1A", "'Đại biểu", "Đại biểu!A0", ""])
def test_bad_ranges_are_refused(text):
    with pytest.raises(RangeError):
        parse_range(text, TITLES)


def test_ranges_are_formatted_like_google():
    assert format_range("Đại biểu", 0, 4, 0, 12) == "'Đại biểu'!A1:L4"
    assert format_range("Sheet1", 0, 1, 26, 27) == "Sheet1!AA1"  # one cell: as Google answers (recorded)
    assert format_range("D3", 0, 1, 0, 4) == "'D3'!A1:D1"  # a title that reads as a cell is quoted


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


def _client(emulator) -> gspread.Client:
    client = gspread.Client(AnonymousCredentials())
    client.http_client = SheetsHTTPClient(AnonymousCredentials(), api_root=emulator.base_url)
    return client


def test_plain_gspread_reads_and_writes_through_the_emulator(emulator):
    key = emulator.create("Thử", {"Đại biểu": [["Mã", "Họ và tên"], ["DB-001", "Nguyễn Văn An"]]})
    book = _client(emulator).open_by_key(key)
    assert book.title == "Thử"
    ws = book.worksheet("Đại biểu")
    assert ws.get_all_records() == [{"Mã": "DB-001", "Họ và tên": "Nguyễn Văn An"}]
    ws.update([["DB-002", "=1+1"]], "A3", raw=True)
    ws.append_row(["DB-003", "Hà Thị Ước"], value_input_option="RAW", insert_data_option="INSERT_ROWS")
    assert ws.get_all_values()[1:] == [["DB-001", "Nguyễn Văn An"], ["DB-002", "=1+1"], ["DB-003", "Hà Thị Ước"]]
    new = book.add_worksheet("Nhật ký riêng", rows=10, cols=3)
    new.update([["a", "b"]], "A1")
    ws.insert_row(["DB-000", "Chèn"], index=2)
    ws.delete_rows(3)
    assert [r[0] for r in ws.get_all_values()] == ["Mã", "DB-000", "DB-002", "DB-003"]
    ws.batch_clear(["A4:B4"])
    assert len(ws.get_all_values()) == 3
    assert [w.title for w in book.worksheets()] == ["Đại biểu", "Nhật ký riêng"]


def test_errors_have_google_shape(emulator):
    key = emulator.create("Thử", {"Trang": [["x"]]})
    book = _client(emulator).open_by_key(key)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        book.values_get("'Không có'!A1")
    assert caught.value.code == 400 and "Unable to parse range" in str(caught.value)
    ws = book.worksheet("Trang")
    with pytest.raises(gspread.exceptions.APIError, match="exceeds grid limits"):
        ws.update([["x"]], "A5000")
    answer = requests.get(f"{emulator.base_url}/v4/spreadsheets/khong-co", timeout=5)
    assert answer.status_code == 404
    assert answer.json()["error"]["status"] == "NOT_FOUND"


def test_faults_and_the_request_log(emulator):
    key = emulator.create("Thử", {"Trang": [["x"]]})
    book = _client(emulator).open_by_key(key)
    emulator.reset_log()
    emulator.fail_next(1, 429)
    with pytest.raises(gspread.exceptions.APIError) as caught:
        book.values_get("Trang")
    assert caught.value.code == 429 and caught.value.error["status"] == "RESOURCE_EXHAUSTED"
    assert book.values_get("Trang")["values"] == [["x"]]
    assert emulator.kinds() == ["values.get", "values.get"]
    assert [r.status for r in emulator.requests] == [429, 200]


def test_a_batch_update_is_all_or_nothing(emulator):
    key = emulator.create("Thử", {"Trang": [["x"]]})
    book = _client(emulator).open_by_key(key)
    with pytest.raises(gspread.exceptions.APIError):
        book.batch_update({"requests": [{"addSheet": {"properties": {"title": "Mới"}}}, {"bogus": {}}]})
    assert emulator.book(key).titles() == ["Trang"]

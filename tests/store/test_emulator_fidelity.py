"""The emulator behaves like Google's Sheets API where the app's typed write path relies on it: number formats,
vi_VN rendering in every render option, USER_ENTERED parsing, formulas, field masks, batchUpdate response grid data,
copyPaste / sortRange / moveDimension, hidden sheets, staff hooks with skip. Real HTTP, exact values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import gspread
import pytest
import requests
from google.auth.credentials import AnonymousCredentials

from services.store.gsheets import SheetsHTTPClient
from tests.sheets_emulator import Formatted, Formula, SheetsEmulator

DATE = {"type": "DATE", "pattern": "dd/mm/yyyy"}
TIME = {"type": "TIME", "pattern": "hh:mm"}
DATETIME = {"type": "DATE_TIME", "pattern": "dd/mm/yyyy hh:mm:ss"}
PLAIN = {"type": "NUMBER", "pattern": "0"}
MONEY = {"type": "NUMBER", "pattern": "#,##0"}
VALUE_AND_FORMAT = "userEnteredValue,userEnteredFormat.numberFormat"


def serial(*parts: int) -> float:
    """Independent of the emulator: days since 1899-12-30, the fraction the time of day."""
    return (datetime(*parts) - datetime(1899, 12, 30)).total_seconds() / 86400  # type: ignore[arg-type]


DEC_1 = serial(2026, 12, 1)  # 46357
DEC_1_0801 = serial(2026, 12, 1, 8, 1, 2)
HALF_PAST_7 = 7.5 / 24


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


# --- HTTP helpers (plain requests: the exact JSON Google would answer) ------------------------------------


def _url(emulator: SheetsEmulator, key: str, tail: str = "") -> str:
    return f"{emulator.base_url}/v4/spreadsheets/{key}{tail}"


def batch(emulator: SheetsEmulator, key: str, reqs: list[dict[str, Any]], **options: Any) -> requests.Response:
    return requests.post(_url(emulator, key, ":batchUpdate"), json={"requests": reqs, **options}, timeout=5)


def ok(response: requests.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    return response.json()


def read(emulator: SheetsEmulator, key: str, rng: str, **params: str) -> list[list[Any]]:
    answer = ok(requests.get(_url(emulator, key, f"/values/{rng}"), params=params, timeout=5))
    return answer.get("values", [])


def sheet_id(emulator: SheetsEmulator, key: str, title: str) -> int:
    return emulator.book(key).sheet(title).sheet_id


def number(value: float, number_format: dict[str, str] | None = None) -> dict[str, Any]:
    cell: dict[str, Any] = {"userEnteredValue": {"numberValue": value}}
    if number_format:
        cell["userEnteredFormat"] = {"numberFormat": number_format}
    return cell


def text(value: str) -> dict[str, Any]:
    return {"userEnteredValue": {"stringValue": value}}


def update_cells(sid: int, row: int, col: int, rows: list[list[dict[str, Any]]], fields: str) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": sid, "rowIndex": row, "columnIndex": col},
            "rows": [{"values": r} for r in rows],
            "fields": fields,
        }
    }


def grid(sid: int, r0: int, r1: int, c0: int, c1: int) -> dict[str, int]:
    return {"sheetId": sid, "startRowIndex": r0, "endRowIndex": r1, "startColumnIndex": c0, "endColumnIndex": c1}


# One row of typed cells, written once per test that needs it.
TYPED = [
    number(44000000, PLAIN),
    number(44000000, MONEY),
    number(1.5, {"type": "NUMBER", "pattern": "0.00"}),
    number(1234.5),
    number(44000000),
    number(DEC_1, DATE),
    number(HALF_PAST_7, TIME),
    number(HALF_PAST_7 + 15 / 86400, {"type": "TIME", "pattern": "hh:mm:ss"}),
    number(DEC_1_0801, DATETIME),
    {"userEnteredValue": {"boolValue": True}},
    text("Hà Nội"),
]


@pytest.fixture
def typed(emulator):
    key = emulator.create("Kiểu", {"Trang": [["tiêu đề"]]})
    ok(batch(emulator, key, [update_cells(sheet_id(emulator, key, "Trang"), 1, 0, [TYPED], VALUE_AND_FORMAT)]))
    return key


# --- 2. rendering --------------------------------------------------------------------------------------


def test_formatted_value_renders_number_and_date_formats_in_vi_vn(emulator, typed):
    expected = [
        "44000000",
        "44.000.000",
        "1,50",
        "1234,5",
        "44000000",
        "01/12/2026",
        "07:30",
        "07:30:15",
        "01/12/2026 08:01:02",
        "TRUE",
        "Hà Nội",
    ]
    assert read(emulator, typed, "Trang!A2:K2") == [expected]
    assert read(emulator, typed, "Trang!A2:K2", valueRenderOption="FORMATTED_VALUE") == [expected]
    assert emulator.cells(typed, "Trang")[1] == expected  # what staff see


def test_unformatted_value_gives_numbers_and_serials_by_default(emulator, typed):
    assert read(emulator, typed, "Trang!A2:K2", valueRenderOption="UNFORMATTED_VALUE") == [
        [
            *(44000000, 44000000, 1.5, 1234.5, 44000000),
            *(46357, 0.3125, HALF_PAST_7 + 15 / 86400, DEC_1_0801),
            *(True, "Hà Nội"),
        ]
    ]


def test_unformatted_value_with_formatted_string_dates(emulator, typed):
    values = read(
        emulator, typed, "Trang!A2:K2", valueRenderOption="UNFORMATTED_VALUE", dateTimeRenderOption="FORMATTED_STRING"
    )
    assert values == [
        [
            *(44000000, 44000000, 1.5, 1234.5, 44000000),
            *("01/12/2026", "07:30", "07:30:15", "01/12/2026 08:01:02"),
            *(True, "Hà Nội"),
        ]
    ]


def test_serial_numbers_follow_googles_documented_examples(emulator):
    # DateTimeRenderOption docs: 1 January 1900 at noon is 2.5, 1 February 1900 at 3pm is 33.625.
    key = emulator.create("Ngày", {"Trang": []})
    sid = sheet_id(emulator, key, "Trang")
    ok(batch(emulator, key, [update_cells(sid, 0, 0, [[number(2.5, DATETIME), number(33.625, DATETIME)]], "*")]))
    assert read(emulator, key, "Trang!A1:B1") == [["01/01/1900 12:00:00", "01/02/1900 15:00:00"]]


def test_more_number_patterns(emulator):
    key = emulator.create("Số", {"Trang": []})
    sid = sheet_id(emulator, key, "Trang")
    cells = [
        number(-1234567.891, {"type": "NUMBER", "pattern": "#,##0.00"}),
        number(0.156, {"type": "PERCENT", "pattern": "0%"}),
        number(0.1234, {"type": "PERCENT", "pattern": "0.00%"}),
        number(5000000, {"type": "CURRENCY", "pattern": '#,##0 "₫"'}),
        number(7, {"type": "NUMBER", "pattern": "000"}),
        number(2.678, {"type": "NUMBER", "pattern": "0.00"}),
        number(DEC_1, {"type": "DATE", "pattern": "d/m/yyyy"}),
        number(DEC_1_0801, {"type": "DATE_TIME", "pattern": "hh:mm dd/mm/yy"}),
    ]
    ok(batch(emulator, key, [update_cells(sid, 0, 0, [cells], VALUE_AND_FORMAT)]))
    assert read(emulator, key, "Trang!A1:H1") == [
        ["-1.234.567,89", "16%", "12,34%", "5.000.000 ₫", "007", "2,68", "1/12/2026", "08:01 01/12/26"]
    ]


def test_formula_render_option_returns_formulas_and_unformatted_values_otherwise(emulator):
    key = emulator.create("CT", {"Trang": [["Số", "Tổng"], [5, "=SUM(A2:A3)"], [7]]})
    emulator.set_cell(key, "Trang", 2, 2, "=SUM(A2:A3)")
    ok(batch(emulator, key, [update_cells(sheet_id(emulator, key, "Trang"), 2, 1, [[number(DEC_1, DATE)]], "*")]))
    assert read(emulator, key, "Trang!A2:B3", valueRenderOption="FORMULA") == [[5, "=SUM(A2:A3)"], [7, 46357]]
    assert read(emulator, key, "Trang!A2:B3", valueRenderOption="UNFORMATTED_VALUE") == [[5, 12], [7, 46357]]
    assert read(emulator, key, "Trang!A2:B3") == [["5", "12"], ["7", "01/12/2026"]]


def test_unknown_render_option_is_refused(emulator, typed):
    answer = requests.get(_url(emulator, typed, "/values/Trang"), params={"valueRenderOption": "RAW"}, timeout=5)
    assert answer.status_code == 400 and "value_render_option" in answer.json()["error"]["message"]


# --- formulas ------------------------------------------------------------------------------------------


def test_sum_ignores_text_and_blanks_countif_and_counta(emulator):
    rows = [["Tên", "Trả lời", "", "Tiền"]]
    rows += [["An", "có", "", 100], ["Bình", "Vắng", "", "không rõ"], ["Chi", "CÓ", "", 250.5], ["Dũng", "", "", ""]]
    key = emulator.create("CT", {"Khách": rows, "Tổng": []})
    staff = [
        "=SUM(D2:D9)",
        "=SUM(D:D)",
        '=COUNTIF(B2:B9, "có")',
        "=COUNTA(A2:A)",
        "=SUM('Khách'!D2:D)",
        "=COUNTIF(Khách!D:D, 100)",
        '=COUNTIF(Khách!D:D, ">100")',
        "=AVERAGE(D2:D9)",
        "=1+1",
    ]
    for col, formula in enumerate(staff[:4], start=6):
        emulator.set_formula(key, "Khách", 1, col, formula)
    for col, formula in enumerate(staff[4:], start=1):
        emulator.set_cell(key, "Tổng", 1, col, formula)  # typed by staff: USER_ENTERED makes it a formula
    assert read(emulator, key, "Khách!F1:I1", valueRenderOption="UNFORMATTED_VALUE") == [[350.5, 350.5, 2, 4]]
    assert read(emulator, key, "Khách!F1:I1") == [["350,5", "350,5", "2", "4"]]
    # AVERAGE is not modelled (an honest #NAME?); arithmetic is computed, as Google does (issue 26).
    assert read(emulator, key, "Tổng!A1:E1") == [["350,5", "1", "1", "#NAME?", "2"]]
    assert emulator.cell_value(key, "Tổng", 1, 1) == Formula("=SUM('Khách'!D2:D)")
    ok(batch(emulator, key, [update_cells(sheet_id(emulator, key, "Khách"), 4, 3, [[number(1000)]], "*")]))
    assert read(emulator, key, "Khách!F1", valueRenderOption="UNFORMATTED_VALUE") == [[1350.5]]  # read-time value


# --- USER_ENTERED -------------------------------------------------------------------------------------


def test_user_entered_parses_like_a_vi_vn_sheet(emulator):
    key = emulator.create("Nhập", {"Trang": []})
    typed_in = [
        "44.000.000",
        "44000000",
        "1,5",
        "01/12/2026",
        "01/12/2026 08:01:02",
        "07:30",
        "'0912345678",
        "0912345678",
        "1.5",
        "15%",
        "31/02/2026",
        "=COUNTA(A1:C1)",
    ]
    answer = requests.put(
        _url(emulator, key, "/values/Trang!A1"),
        params={"valueInputOption": "USER_ENTERED"},
        json={"values": [typed_in]},
        timeout=5,
    )
    ok(answer)
    assert read(emulator, key, "Trang!A1:L1", valueRenderOption="UNFORMATTED_VALUE") == [
        [44000000, 44000000, 1.5, 46357, DEC_1_0801, 0.3125, "0912345678", 912345678, "1.5", 0.15, "31/02/2026", 3]
    ]
    assert read(emulator, key, "Trang!A1:L1") == [
        [
            "44.000.000",
            "44000000",
            "1,5",
            "01/12/2026",
            "01/12/2026 08:01:02",
            "07:30",
            "0912345678",
            "912345678",
            "1.5",
            "15%",
            "31/02/2026",
            "3",
        ]
    ]
    formats = emulator.formats(key, "Trang")[0]
    assert formats[3] == DATE and formats[4] == DATETIME and formats[5] == TIME
    assert formats[1] is None and formats[2] is None and formats[7] is None
    raw = requests.put(
        _url(emulator, key, "/values/Trang!A2"),
        params={"valueInputOption": "RAW"},
        json={"values": [["1,5"]]},
        timeout=5,
    )
    ok(raw)
    assert emulator.cell_value(key, "Trang", 2, 1) == "1,5"  # RAW: text stays text


def test_staff_set_cell_uses_user_entered_parsing(emulator):
    key = emulator.create("Nhập", {"Trang": [["x"]]})
    emulator.set_cell(key, "Trang", 1, 2, "44.000.000")
    emulator.set_cell(key, "Trang", 1, 3, "01/12/2026")
    emulator.set_cell(key, "Trang", 1, 4, "'=SUM(A1)")
    emulator.set_cell(key, "Trang", 1, 5, "=SUM(B1:C1)")
    assert emulator.cell_value(key, "Trang", 1, 2) == 44000000
    assert emulator.cell_value(key, "Trang", 1, 3) == 46357
    assert emulator.number_format(key, "Trang", 1, 3) == DATE
    assert emulator.cell_value(key, "Trang", 1, 4) == "=SUM(A1)"
    assert emulator.cell_value(key, "Trang", 1, 5) == Formula("=SUM(B1:C1)")
    assert emulator.cells(key, "Trang") == [["x", "44.000.000", "01/12/2026", "=SUM(A1)", "44046357"]]


# --- 1. formats and field masks --------------------------------------------------------------------------


def test_update_cells_field_masks(emulator):
    key = emulator.create("Mặt nạ", {"Trang": []})
    sid = sheet_id(emulator, key, "Trang")
    ok(batch(emulator, key, [update_cells(sid, 0, 0, [[number(DEC_1, DATE)] * 4], VALUE_AND_FORMAT)]))
    ok(
        batch(
            emulator,
            key,
            [
                update_cells(sid, 0, 0, [[number(DEC_1 + 1)]], "userEnteredValue"),  # value only: format stays
                update_cells(sid, 0, 1, [[number(5)]], "userEnteredValue,userEnteredFormat"),  # no format: cleared
                update_cells(sid, 0, 2, [[number(7, MONEY)]], "*"),
                update_cells(sid, 0, 3, [[{"userEnteredFormat": {"numberFormat": PLAIN}}]], "userEnteredFormat"),
            ],
        )
    )
    assert read(emulator, key, "Trang!A1:D1") == [["02/12/2026", "5", "7", "46357"]]
    assert emulator.formats(key, "Trang") == [[DATE, None, MONEY, PLAIN]]
    ok(batch(emulator, key, [update_cells(sid, 0, 2, [[{}]], "userEnteredValue")]))  # {} clears the value only
    assert emulator.cell_value(key, "Trang", 1, 3) is None and emulator.number_format(key, "Trang", 1, 3) == MONEY
    refused = batch(emulator, key, [update_cells(sid, 0, 0, [[number(1)]], "")])
    assert refused.status_code == 400 and "At least one field must be specified" in refused.json()["error"]["message"]
    bad_type = batch(emulator, key, [update_cells(sid, 0, 0, [[number(1, {"type": "DATUM"})]], "*")])
    assert bad_type.status_code == 400


def test_append_cells_and_repeat_cell_apply_number_formats(emulator):
    key = emulator.create("Nối", {"Trang": [["Ngày", "Tiền"], ["a", "b"]]})
    sid = sheet_id(emulator, key, "Trang")
    append = {
        "appendCells": {
            "sheetId": sid,
            "rows": [{"values": [number(DEC_1, DATE), number(1500000, MONEY)]}],
            "fields": VALUE_AND_FORMAT,
        }
    }
    repeat = {
        "repeatCell": {
            "range": grid(sid, 1, 4, 1, 2),
            "cell": {"userEnteredFormat": {"numberFormat": PLAIN, "textFormat": {"bold": True}}},
            "fields": "userEnteredFormat.numberFormat,userEnteredFormat.textFormat.bold",
        }
    }
    ok(batch(emulator, key, [append, repeat]))
    assert read(emulator, key, "Trang!A3:B3") == [["01/12/2026", "1500000"]]
    assert [row[1] for row in emulator.formats(key, "Trang")] == [None, PLAIN, PLAIN, PLAIN]
    ok(batch(emulator, key, [{"appendCells": {"sheetId": sid, "rows": [{"values": [text("x")]}], "fields": "*"}}]))
    assert read(emulator, key, "Trang!A4:B4") == [["x"]]  # row 4 only had a format: appended into it


def test_formats_travel_with_insert_delete_and_move(emulator):
    key = emulator.create("Dời", {"Trang": [["h"], ["r2"], ["r3"]]})
    sid = sheet_id(emulator, key, "Trang")
    ok(batch(emulator, key, [update_cells(sid, 1, 1, [[number(DEC_1, DATE)], [number(2000, MONEY)]], "*")]))
    dim = {"sheetId": sid, "dimension": "ROWS"}
    ok(
        batch(
            emulator,
            key,
            [
                {"insertDimension": {"range": {**dim, "startIndex": 1, "endIndex": 2}, "inheritFromBefore": True}},
                {"moveDimension": {"source": {**dim, "startIndex": 2, "endIndex": 3}, "destinationIndex": 4}},
            ],
        )
    )
    assert emulator.cells(key, "Trang") == [["h", ""], ["", ""], ["r3", "2.000"], ["r2", "01/12/2026"]]
    ok(batch(emulator, key, [{"deleteDimension": {"range": {**dim, "startIndex": 1, "endIndex": 3}}}]))
    assert emulator.cells(key, "Trang") == [["h", ""], ["r2", "01/12/2026"]]
    assert emulator.formats(key, "Trang") == [[None, None], [None, DATE]]


# --- 3. batchUpdate response ranges and GET with grid data -------------------------------------------------


def test_response_ranges_return_grid_data_after_the_whole_batch(emulator):
    key = emulator.create("Đáp", {"Khách": [["Mã", "Ngày"], ["DB-1"]], "Nhật ký": [["Lúc"]], "Khác": [["z"]]})
    guests, log = sheet_id(emulator, key, "Khách"), sheet_id(emulator, key, "Nhật ký")
    reqs = [
        update_cells(guests, 1, 1, [[number(DEC_1, DATE)]], VALUE_AND_FORMAT),
        {"appendCells": {"sheetId": log, "rows": [{"values": [number(DEC_1_0801, DATETIME)]}], "fields": "*"}},
        update_cells(guests, 1, 0, [[text("DB-9")]], "userEnteredValue"),  # later request, same range
    ]
    options = {
        "includeSpreadsheetInResponse": True,
        "responseRanges": ["'Nhật ký'!A2:A", "Khách!A2:C3", "Khách!B1"],
        "responseIncludeGridData": True,
    }
    answer = ok(batch(emulator, key, reqs, **options))
    assert answer["replies"] == [{}, {}, {}]
    sheets = answer["updatedSpreadsheet"]["sheets"]
    assert [s["properties"]["title"] for s in sheets] == ["Khách", "Nhật ký"]  # only the sheets the ranges touch
    guest_data, log_data = sheets[0]["data"], sheets[1]["data"]
    assert [{k: v for k, v in d.items() if k != "rowMetadata" and k != "columnMetadata"} for d in guest_data] == [
        {
            "startRow": 1,
            "rowData": [
                {
                    "values": [
                        {
                            "userEnteredValue": {"stringValue": "DB-9"},
                            "effectiveValue": {"stringValue": "DB-9"},
                            "formattedValue": "DB-9",
                        },
                        {
                            "userEnteredValue": {"numberValue": 46357},
                            "effectiveValue": {"numberValue": 46357},
                            "formattedValue": "01/12/2026",
                            "userEnteredFormat": {"numberFormat": DATE},
                            "effectiveFormat": {"numberFormat": DATE},
                        },
                    ]
                }
            ],
        },
        {
            "startColumn": 1,
            "rowData": [
                {
                    "values": [
                        {
                            "userEnteredValue": {"stringValue": "Ngày"},
                            "effectiveValue": {"stringValue": "Ngày"},
                            "formattedValue": "Ngày",
                        }
                    ]
                }
            ],
        },
    ]
    assert len(guest_data[0]["rowMetadata"]) == 2 and len(guest_data[0]["columnMetadata"]) == 3
    assert log_data[0]["startRow"] == 1
    assert log_data[0]["rowData"] == [
        {
            "values": [
                {
                    "userEnteredValue": {"numberValue": DEC_1_0801},
                    "effectiveValue": {"numberValue": DEC_1_0801},
                    "formattedValue": "01/12/2026 08:01:02",
                    "userEnteredFormat": {"numberFormat": DATETIME},
                    "effectiveFormat": {"numberFormat": DATETIME},
                }
            ]
        }
    ]
    # Without grid data: metadata only, as before.
    plain = ok(batch(emulator, key, [], includeSpreadsheetInResponse=True))["updatedSpreadsheet"]
    assert all(set(s) == {"properties"} for s in plain["sheets"]) and len(plain["sheets"]) == 3


def test_grid_data_trims_and_shows_formulas_and_errors(emulator):
    key = emulator.create("Lưới", {"Trang": [["a", "", "c"], [], ["", 3]]})
    emulator.set_formula(key, "Trang", 4, 1, "=SUM(B1:B3)")
    emulator.set_formula(key, "Trang", 4, 2, "=NOPE(1)")
    answer = ok(
        requests.get(_url(emulator, key), params={"ranges": "Trang!A1:D9", "includeGridData": "true"}, timeout=5)
    )
    rows = answer["sheets"][0]["data"][0]["rowData"]
    assert rows[0]["values"][1] == {} and len(rows[0]["values"]) == 3
    assert rows[1] == {}
    assert rows[2]["values"][0] == {} and rows[2]["values"][1]["effectiveValue"] == {"numberValue": 3}
    assert rows[3]["values"][0] == {
        "userEnteredValue": {"formulaValue": "=SUM(B1:B3)"},
        "effectiveValue": {"numberValue": 3},
        "formattedValue": "3",
    }
    assert rows[3]["values"][1]["effectiveValue"]["errorValue"]["type"] == "NAME"
    assert rows[3]["values"][1]["formattedValue"] == "#NAME?"
    assert len(rows) == 4  # rows 5..9 are empty: trimmed


def test_spreadsheets_get_without_grid_data_is_metadata_only(emulator, typed):
    answer = ok(requests.get(_url(emulator, typed), timeout=5))
    assert [set(s) for s in answer["sheets"]] == [{"properties"}]
    with_data = ok(requests.get(_url(emulator, typed), params={"includeGridData": "true"}, timeout=5))
    values = with_data["sheets"][0]["data"][0]["rowData"][1]["values"]
    assert [v["formattedValue"] for v in values][:3] == ["44000000", "44.000.000", "1,50"]


# --- 4. copyPaste, sortRange, moveDimension, hidden -----------------------------------------------------


def test_copy_paste_normal_shifts_relative_references_and_copies_formats(emulator):
    key = emulator.create("Dán", {"Nguồn": [["1", "2"], [10, 20]], "Đích": []})
    src, dst = sheet_id(emulator, key, "Nguồn"), sheet_id(emulator, key, "Đích")
    emulator.set_formula(key, "Nguồn", 3, 1, "=SUM(A1:A2)")
    emulator.set_formula(key, "Nguồn", 3, 2, "=SUM($A$1:A2)")
    ok(batch(emulator, key, [update_cells(src, 1, 0, [[number(DEC_1, DATE)]], "*")]))
    paste = {"source": grid(src, 1, 3, 0, 2), "destination": grid(src, 4, 5, 2, 3), "pasteType": "PASTE_NORMAL"}
    cross = {"source": grid(src, 1, 3, 0, 2), "destination": grid(dst, 0, 1, 0, 1)}  # default PASTE_NORMAL
    ok(batch(emulator, key, [{"copyPaste": paste}, {"copyPaste": cross}]))
    assert emulator.cell_value(key, "Nguồn", 6, 3) == Formula("=SUM(C4:C5)")  # moved 3 down, 2 right
    assert emulator.cell_value(key, "Nguồn", 6, 4) == Formula("=SUM($A$1:C5)")
    assert emulator.number_format(key, "Nguồn", 5, 3) == DATE
    assert emulator.cell_value(key, "Đích", 2, 1) == Formula("=SUM(#REF!)")  # A1 moved up one: off the grid
    assert emulator.cells(key, "Đích")[0] == ["01/12/2026", "20"]
    assert emulator.cell_value(key, "Đích", 2, 2) == Formula("=SUM($A$1:A1)")  # refers to Đích's own cells now


def test_copy_paste_values_and_format_and_grid_limit(emulator):
    key = emulator.create("Dán", {"Trang": [[1, 2]], "Nhỏ": []})
    sid = sheet_id(emulator, key, "Trang")
    emulator.set_formula(key, "Trang", 1, 3, "=SUM(A1:B1)")
    ok(batch(emulator, key, [update_cells(sid, 0, 0, [[number(DEC_1, DATE)]], "*")]))
    ok(batch(emulator, key, [update_cells(sid, 5, 0, [[number(9, MONEY)] * 3], "*")]))
    values = {"source": grid(sid, 0, 1, 0, 3), "destination": grid(sid, 5, 6, 0, 3), "pasteType": "PASTE_VALUES"}
    formats = {"source": grid(sid, 0, 1, 0, 1), "destination": grid(sid, 6, 7, 1, 2), "pasteType": "PASTE_FORMAT"}
    ok(batch(emulator, key, [{"copyPaste": values}, {"copyPaste": formats}]))
    assert [emulator.cell_value(key, "Trang", 6, c) for c in (1, 2, 3)] == [46357, 2, 46359]  # no formula
    assert emulator.formats(key, "Trang")[5] == [MONEY, MONEY, MONEY]  # the destination keeps its formats
    assert emulator.number_format(key, "Trang", 7, 2) == DATE and emulator.cell_value(key, "Trang", 7, 2) is None
    small = sheet_id(emulator, key, "Nhỏ")
    ok(batch(emulator, key, [{"updateSheetProperties": {
        "properties": {"sheetId": small, "gridProperties": {"rowCount": 2, "columnCount": 2}},
        "fields": "gridProperties.rowCount,gridProperties.columnCount",
    }}]))  # fmt: skip
    too_big = {"source": grid(sid, 0, 1, 0, 3), "destination": grid(small, 1, 2, 0, 1)}
    refused = batch(emulator, key, [{"copyPaste": too_big}])
    assert refused.status_code == 400 and "exceeds grid limits" in refused.json()["error"]["message"]


def test_sort_range_numbers_then_text_case_insensitive_blanks_last(emulator):
    rows = [["Giá trị", "Thẻ"], ["bình", "r1"], [10, "r2"], ["", "r3"], ["An", "r4"], [2, "r5"], ["an", "r6"]]
    rows += [["Đức", "r7"], ["Dũng", "r8"]]
    key = emulator.create("Sắp", {"Trang": rows})
    sid = sheet_id(emulator, key, "Trang")
    ok(batch(emulator, key, [update_cells(sid, 2, 0, [[number(10, MONEY)]], "*")]))
    spec = {"range": grid(sid, 1, 9, 0, 2), "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "ASCENDING"}]}
    ok(batch(emulator, key, [{"sortRange": spec}]))
    assert [r[1] for r in emulator.cells(key, "Trang")[1:]] == ["r5", "r2", "r4", "r6", "r1", "r8", "r7", "r3"]
    assert emulator.number_format(key, "Trang", 3, 1) == MONEY  # the 10 kept its format through the move
    spec["sortSpecs"] = [{"dimensionIndex": 0, "sortOrder": "DESCENDING"}]
    ok(batch(emulator, key, [{"sortRange": spec}]))
    assert [r[1] for r in emulator.cells(key, "Trang")[1:]] == ["r7", "r8", "r1", "r4", "r6", "r2", "r5", "r3"]


def test_move_dimension_down_and_up_follow_destination_index(emulator):
    key = emulator.create("Dời", {"Trang": [[0], [1], [2], [3], [4]]})
    dim = {"sheetId": sheet_id(emulator, key, "Trang"), "dimension": "ROWS"}
    # MoveDimensionRequest docs: A1..A5 = 0..4, move ROWS [1, 3) to 4 → 0, 3, 1, 2, 4.
    ok(
        batch(
            emulator,
            key,
            [{"moveDimension": {"source": {**dim, "startIndex": 1, "endIndex": 3}, "destinationIndex": 4}}],
        )
    )
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["0", "3", "1", "2", "4"]
    ok(
        batch(
            emulator,
            key,
            [{"moveDimension": {"source": {**dim, "startIndex": 4, "endIndex": 5}, "destinationIndex": 0}}],
        )
    )
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["4", "0", "3", "1", "2"]


def test_hidden_sheets(emulator):
    key = emulator.create("Ẩn", {"Trang": [["x"]]})
    added = ok(batch(emulator, key, [{"addSheet": {"properties": {"title": "Kín", "hidden": True}}}]))
    assert added["replies"][0]["addSheet"]["properties"]["hidden"] is True
    visible = sheet_id(emulator, key, "Trang")
    hide = {"updateSheetProperties": {"properties": {"sheetId": visible, "hidden": True}, "fields": "hidden"}}
    refused = batch(emulator, key, [hide])
    assert refused.status_code == 400 and "hide all the sheets" in refused.json()["error"]["message"]
    hidden = sheet_id(emulator, key, "Kín")
    show = {"updateSheetProperties": {"properties": {"sheetId": hidden, "hidden": False}, "fields": "hidden"}}
    ok(batch(emulator, key, [show, hide]))
    props = {
        s["properties"]["title"]: s["properties"] for s in ok(requests.get(_url(emulator, key), timeout=5))["sheets"]
    }
    assert props["Trang"]["hidden"] is True and "hidden" not in props["Kín"]


def test_a_failing_request_at_the_end_undoes_the_whole_batch(emulator):
    key = emulator.create("Nguyên tử", {"Trang": [["b"], ["a"], [3]]})
    sid = sheet_id(emulator, key, "Trang")
    before = emulator.cells(key, "Trang")
    reqs = [
        update_cells(sid, 0, 1, [[number(DEC_1, DATE)]], "*"),
        {"sortRange": {"range": grid(sid, 0, 3, 0, 2), "sortSpecs": [{"dimensionIndex": 0}]}},
        {"copyPaste": {"source": grid(sid, 0, 3, 0, 2), "destination": grid(sid, 5, 6, 0, 1)}},
        {"moveDimension": {"source": {"sheetId": sid, "dimension": "ROWS", "startIndex": 0, "endIndex": 1},
                           "destinationIndex": 3}},
        {"addSheet": {"properties": {"title": "Mới"}}},
        update_cells(sid, 0, 0, [[number(1)]], ""),  # no field mask: Google refuses the request
    ]  # fmt: skip
    refused = batch(emulator, key, reqs, includeSpreadsheetInResponse=True, responseRanges=["Trang"])
    assert refused.status_code == 400
    assert emulator.cells(key, "Trang") == before
    assert emulator.formats(key, "Trang") == []
    assert emulator.book(key).titles() == ["Trang"]


# --- 5. staff hooks and helpers ---------------------------------------------------------------------------


def test_before_hook_with_skip_fires_before_the_nth_matching_request(emulator):
    key = emulator.create("Móc", {"Trang": [["x"]]})
    seen: list[list[list[Any]]] = []
    emulator.before(None, lambda e: e.set_cell(key, "Trang", 1, 1, "staff"), skip=2)
    for _ in range(4):
        seen.append(read(emulator, key, "Trang!A1"))
    assert seen == [[["x"]], [["x"]], [["staff"]], [["staff"]]]
    emulator.before("values.batchGet", lambda e: e.set_cell(key, "Trang", 1, 1, "again"), times=1, skip=1)
    read(emulator, key, "Trang!A1")  # a values.get: does not count for a values.batchGet hook
    get = requests.get(_url(emulator, key, "/values:batchGet"), params={"ranges": "Trang!A1"}, timeout=5)
    assert ok(get)["valueRanges"][0]["values"] == [["staff"]]
    get = requests.get(_url(emulator, key, "/values:batchGet"), params={"ranges": "Trang!A1"}, timeout=5)
    assert ok(get)["valueRanges"][0]["values"] == [["again"]]
    emulator.clear_faults()


def test_staff_sort_move_and_formula_helpers(emulator):
    rows = [["Tên", "Điểm"], ["c", 3], ["a", ""], ["B", 1], ["d", "x"]]
    key = emulator.create("Nhân viên", {"Trang": rows})
    emulator.sort_rows(key, "Trang", 2)
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["Tên", "B", "c", "d", "a"]
    emulator.sort_rows(key, "Trang", 1, descending=True)
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["Tên", "d", "c", "B", "a"]
    emulator.move_row(key, "Trang", 2, 4)  # "d" ends up AT row 4
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["Tên", "c", "B", "d", "a"]
    emulator.move_row(key, "Trang", 5, 2)
    assert [r[0] for r in emulator.cells(key, "Trang")] == ["Tên", "a", "c", "B", "d"]
    emulator.set_formula(key, "Trang", 1, 3, "SUM(B:B)")
    assert emulator.cell_value(key, "Trang", 1, 3) == Formula("=SUM(B:B)")
    assert emulator.cells(key, "Trang")[0] == ["Tên", "Điểm", "4"]


def test_staff_ops_over_the_control_endpoint(emulator):
    key = emulator.create("Điều khiển", {"Trang": [["h"], [2], [1]]})
    base = f"{emulator.base_url}/_emulator/spreadsheets/{key}/staff"

    def staff(op: str, **args: Any) -> dict[str, Any]:
        return ok(requests.post(base, json={"op": op, "args": args}, timeout=5))

    assert staff("sort_rows", title="Trang", column=1) == {}
    staff("move_row", title="Trang", from_row=3, to_row=2)
    staff("set_formula", title="Trang", row=1, col=2, formula="=SUM(A2:A3)")
    staff("set_format", title="Trang", row=2, col=1, number_format=MONEY)
    assert staff("cell_value", title="Trang", row=1, col=2) == {"result": {"formulaValue": "=SUM(A2:A3)"}}
    assert staff("cell_value", title="Trang", row=2, col=1) == {"result": 2}
    assert staff("formats", title="Trang") == {"result": [[None, None], [MONEY, None]]}
    assert emulator.cells(key, "Trang") == [["h", "3"], ["2", ""], ["1", ""]]


def test_plain_gspread_sees_formatted_values(emulator):
    key = emulator.create(
        "gspread", {"Trang": [["Tiền", "Ngày"], [Formatted(44000000, MONEY), Formatted(DEC_1, DATE)]]}
    )
    client = gspread.Client(AnonymousCredentials())
    client.http_client = SheetsHTTPClient(AnonymousCredentials(), api_root=emulator.base_url)
    ws = client.open_by_key(key).worksheet("Trang")
    assert ws.get_all_values() == [["Tiền", "Ngày"], ["44.000.000", "01/12/2026"]]
    assert ws.get_all_records(value_render_option="UNFORMATTED_VALUE") == [{"Tiền": 44000000, "Ngày": 46357}]

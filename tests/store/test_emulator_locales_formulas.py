"""The emulator's locales and formulas (issue 26): en_US and vi_VN input parsing and FORMATTED_VALUE output, the
default pattern of a typed date, the spreadsheet's own setting; SUM, COUNTIF, COUNTA, IF and + - * / computed, and
anything else an honest error."""

from __future__ import annotations

import pytest

from tests.sheets_emulator import SheetsEmulator


@pytest.fixture(scope="module")
def emulator():
    return SheetsEmulator()  # in-process only: no server needed


def _read(emulator, key, rng, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    status, body, _ = emulator.handle(
        "GET", f"/v4/spreadsheets/{key}/values/{rng}" + (f"?{query}" if query else ""), b""
    )
    assert status == 200, body
    return body.get("values", [])


def _type(emulator, key, cells):
    for (row, col), text in cells.items():
        emulator.set_cell(key, "T", row, col, text)


@pytest.mark.parametrize(
    ("locale", "typed", "unformatted", "shown"),
    [
        ("en_US", "1,234.5", 1234.5, "1,234.50"),
        ("vi_VN", "1.234,5", 1234.5, "1.234,50"),
        ("en_US", "9/5/2025", 45905, "9/5/2025"),
        ("vi_VN", "9/5/2025", 45786, "09/05/2025"),
        ("en_US", "8/20/2025", 45889, "8/20/2025"),
        ("vi_VN", "8/20/2025", "8/20/2025", "8/20/2025"),  # no 20th month: text
        ("en_US", "15%", 0.15, "15%"),
        ("en_US", "1,5", "1,5", "1,5"),  # not a number in en_US
        ("en_US", "9/5/2025 14:30:00", 45905.604166666664, "9/5/2025 14:30:00"),
        ("en_US", "7:30 PM", 0.8125, "7:30 PM"),
        ("vi_VN", "7:30 CH", 0.8125, "7:30 CH"),
        ("en_US", "7:30 CH", "7:30 CH", "7:30 CH"),  # not an en_US time: text
    ],
)
def test_typed_input_and_formatted_output_follow_the_locale(emulator, locale, typed, unformatted, shown):
    key = emulator.create("L", {"T": []}, locale=locale)
    _type(emulator, key, {(1, 1): typed})
    assert _read(emulator, key, "T!A1", valueRenderOption="UNFORMATTED_VALUE") == [[unformatted]]
    assert _read(emulator, key, "T!A1") == [[shown]]


def test_the_spreadsheets_own_locale_is_in_its_properties_and_can_change(emulator):
    key = emulator.create("L", {"T": []}, locale="en_US", time_zone="Etc/GMT")
    status, meta, _ = emulator.handle("GET", f"/v4/spreadsheets/{key}", b"")
    assert status == 200
    assert meta["properties"]["locale"] == "en_US" and meta["properties"]["timeZone"] == "Etc/GMT"
    emulator.set_cell(key, "T", 1, 1, "1234.5")
    emulator.set_spreadsheet(key, locale="vi_VN", timeZone="Asia/Ho_Chi_Minh")
    assert _read(emulator, key, "T!A1") == [["1234,5"]]  # the same number, shown the vi_VN way


def test_formulas_staff_use_are_computed(emulator):
    key = emulator.create(
        "F", {"T": [["Tên", "Số", "Trạng thái"], ["An", 10, "xong"], ["Bình", 2.5, "chưa"], ["Chi", "", "xong"]]}
    )
    formulas = {
        (1, 5): "=SUM(B2:B4)",
        (2, 5): '=COUNTIF(C2:C4,"xong")',
        (3, 5): "=COUNTA(A2:A4)",
        (4, 5): '=IF(B2>5,"lớn","nhỏ")',
        (5, 5): "=(B2+B3)*2-B2/4",
        (6, 5): "=B2/0",
        (7, 5): "=AVERAGE(B2:B4)",
        (8, 5): '=A2&" "&C2',
        (9, 5): "=-B3+1",
        (10, 5): "=A2+1",
    }
    for (row, col), text in formulas.items():
        emulator.set_cell(key, "T", row, col, text)
    got = [r[0] for r in _read(emulator, key, "T!E1:E10", valueRenderOption="UNFORMATTED_VALUE")]
    assert got == [12.5, 2, 3, "lớn", 22.5, "#DIV/0!", "#NAME?", "An xong", -1.5, "#VALUE!"]
    assert _read(emulator, key, "T!E5:E5") == [["22,5"]]  # vi_VN by default

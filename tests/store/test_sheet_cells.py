"""Cells the staff can compute with, on the Google Sheet: typed app writes, `retype` for old text, staff formulas."""

from __future__ import annotations

from datetime import datetime

from services.people import checkin
from services.schema import ATTENDEES, AUDIT, BUDGET, TASKS
from services.store.sheet_retype import retype_sheet
from tests.backends import GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

B = {c.key: i + 1 for i, c in enumerate(BUDGET.columns)}
T = {c.key: i + 1 for i, c in enumerate(TASKS.columns)}
A = {c.key: i + 1 for i, c in enumerate(ATTENDEES.columns)}
STAFF_COL = len(BUDGET.columns) + 1  # a column of the staff's own, right of the schema


def _budget_rows() -> list[list[object]]:
    return [
        [*BUDGET.headers, "Mã kế toán"],
        ["KP-01", "Khánh tiết, trang trí", "12000000", "", "", "0101"],
        ["KP-02", "Tiền thưởng", "20000000", "", "", "0102"],
        ["KP-03", "Nước uống", "2000000", "", "", "0103"],
    ]


def _sheet():
    return GoogleSheetBackend(
        {
            BUDGET.title: _budget_rows(),
            TASKS.title: [
                TASKS.headers,
                ["NV-01", "Gửi kế hoạch", "", "", "T-15", "đang làm", "60"],
                ["NV-02", "In giấy mời", "", "", "16/12/2026", "chưa làm", ""],
            ],
            ATTENDEES.title: [ATTENDEES.headers, ["DB-001", "Nguyễn Văn An", "Nam", "", "", "công chức", "0912345678"]],
            AUDIT.title: [AUDIT.headers],
        },
        shared_emulator(),
    )


def _sum_formula(sheet, col: int) -> float:
    letter = chr(ord("A") + col - 1)
    sheet.emulator.set_formula(sheet.key, BUDGET.title, 10, col, f"=SUM({letter}2:{letter}9)")
    return sheet.emulator.cells(sheet.key, BUDGET.title)[9][col - 1]


def test_a_staff_sum_over_text_amounts_is_zero_until_retype_then_the_true_total():
    sheet = _sheet()
    assert _sum_formula(sheet, B["estimate"]) == "0", "text amounts: Google's SUM ignores text"
    done, put_back = retype_sheet(sheet.store)
    assert put_back == []
    assert sorted((t, c.coordinate) for t, c in done if t == BUDGET.title) == [
        (BUDGET.title, "C2"),
        (BUDGET.title, "C3"),
        (BUDGET.title, "C4"),
    ]
    assert _sum_formula(sheet, B["estimate"]) == "34000000"
    assert sheet.emulator.cell_value(sheet.key, BUDGET.title, 2, STAFF_COL) == "0101", "a staff column is left alone"
    assert sheet.emulator.cell_value(sheet.key, ATTENDEES.title, 2, A["phone"]) == "0912345678"
    # Dates typed as text become dates; "T-15" is a rule and stays text; progress becomes a number.
    assert sheet.emulator.number_format(sheet.key, TASKS.title, 3, T["due"])["type"] == "DATE"
    assert sheet.emulator.cell_value(sheet.key, TASKS.title, 2, T["due"]) == "T-15"
    assert sheet.emulator.cell_value(sheet.key, TASKS.title, 2, T["progress"]) == 60
    again, _ = retype_sheet(sheet.store)
    assert again == [], "a second run changes nothing"
    # The app reads the typed cells back as the same text as before.
    tasks = sheet.store.load().get("tasks")
    assert [r[T["due"] - 1] for r in tasks.rows] == ["T-15", "16/12/2026"]


def test_app_edits_write_numbers_so_the_staff_sum_follows_them():
    sheet = _sheet()
    sheet.store.load()
    sheet.store.update_row("budget", "KP-03", {"estimate": "3.500.000"}, {"estimate": "2000000"}, user="kế toán")
    sheet.store.append_rows("budget", [{"item": "Hoa", "estimate": "1500000"}], user="kế toán")
    assert sheet.emulator.cell_value(sheet.key, BUDGET.title, 4, B["estimate"]) == 3_500_000
    assert sheet.emulator.number_format(sheet.key, BUDGET.title, 4, B["estimate"]) == {
        "type": "NUMBER",
        "pattern": "#,##0",
    }
    assert sheet.emulator.cells(sheet.key, BUDGET.title)[3][B["estimate"] - 1] == "3.500.000", "vi_VN display"
    retype_sheet(sheet.store)
    assert _sum_formula(sheet, B["estimate"]) == str(12_000_000 + 20_000_000 + 3_500_000 + 1_500_000)
    # A later edit compares "3500000" (how the app now reads the number) with "3.500.000" the user typed: the same.
    sheet.store.update_row("budget", "KP-03", {"note": "đã duyệt"}, {"estimate": "3.500.000"})


def test_a_check_in_is_a_date_time_cell_read_back_exactly():
    sheet = _sheet()
    sheet.store.load()
    stamp = checkin.check_in(sheet.store, "DB-001", user="bàn 1", now=datetime(2026, 12, 1, 7, 45, 9))
    assert stamp == "01/12/2026 07:45:09"
    fmt = sheet.emulator.number_format(sheet.key, ATTENDEES.title, 2, A["checked_in"])
    assert fmt == {"type": "DATE_TIME", "pattern": "dd/mm/yyyy hh:mm:ss"}
    assert isinstance(sheet.emulator.cell_value(sheet.key, ATTENDEES.title, 2, A["checked_in"]), float)
    row = sheet.store.load().get("attendees").rows[0]
    assert row[A["checked_in"] - 1] == stamp
    assert row[A["phone"] - 1] == "0912345678", "a phone keeps its leading 0"
    assert sheet.emulator.number_format(sheet.key, AUDIT.title, 2, 1)["type"] == "DATE_TIME", "the log time too"

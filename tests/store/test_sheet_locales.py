"""The app reads what staff typed as they meant it, whatever the spreadsheet's locale (issue 26).

In an en_US spreadsheet a date typed by hand is month first ("9/5/2025" = 5 September) and shows M/d/yyyy; in a
vi_VN one it is day first. The app's own cells keep their explicit dd/mm/yyyy patterns in both.
"""

from __future__ import annotations

import pytest

from services.schema import AUDIT, BUDGET, SETTINGS, TASKS
from tests.backends import GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

TASK = ["NV-001", "Gửi giấy mời", "", "", "", "đang làm", "", "", ""]
BUDGET_ROW = ["KP-001", "Hội trường", "", "", ""]
DUE, ESTIMATE = 5, 3  # 1-based columns of Hạn and Dự trù


def _sheet(locale: str) -> GoogleSheetBackend:
    tabs = {
        TASKS.title: [TASKS.headers, TASK, ["NV-002", "In khánh tiết", "", "", "", "đang làm"]],
        BUDGET.title: [BUDGET.headers, BUDGET_ROW],
        SETTINGS.title: [SETTINGS.headers, ["event_date", "Ngày tổ chức", ""], ["start_time", "Giờ bắt đầu", ""]],
        AUDIT.title: [AUDIT.headers],
    }
    return GoogleSheetBackend(tabs, shared_emulator(), locale=locale)


@pytest.mark.parametrize(
    ("locale", "typed", "meant"),
    [
        ("en_US", "9/5/2025", "05/09/2025"),  # 5 September, as an en_US colleague means it
        ("en_US", "8/20/2025", "20/08/2025"),  # was refused as a date that does not exist
        ("vi_VN", "9/5/2025", "09/05/2025"),
        ("vi_VN", "20/8/2025", "20/08/2025"),
    ],
)
def test_a_date_staff_type_reads_as_they_meant_it(locale, typed, meant):
    b = _sheet(locale)
    b.set_cell(TASKS.title, 2, DUE, typed)  # typed in the browser: the spreadsheet's locale parses it
    b.set_cell(SETTINGS.title, 2, 3, typed)
    snapshot = b.store.load()
    assert snapshot.tabs["tasks"].rows[0][DUE - 1] == meant
    assert snapshot.tabs["settings"].rows[0][2] == meant


@pytest.mark.parametrize(("locale", "typed"), [("en_US", "44,000,000"), ("vi_VN", "44.000.000"), ("en_US", "1500")])
def test_a_number_staff_type_reads_as_the_number(locale, typed):
    b = _sheet(locale)
    b.set_cell(BUDGET.title, 2, ESTIMATE, typed)
    assert b.store.load().tabs["budget"].rows[0][ESTIMATE - 1] == typed.replace(",", "").replace(".", "")


@pytest.mark.parametrize("locale", ["en_US", "vi_VN"])
def test_a_time_and_the_apps_own_dates_keep_their_meaning(locale):
    b = _sheet(locale)
    b.set_cell(SETTINGS.title, 3, 3, "7:30")
    b.store.update_row("tasks", "NV-002", {"due": "05/09/2025"}, {"due": ""}, user="bàn 1")
    # The app writes dd/mm/yyyy with its own pattern: staff see the same text in either locale.
    assert b.cells(TASKS.title)[2][DUE - 1] == "05/09/2025"
    snapshot = b.store.load()
    assert snapshot.tabs["tasks"].rows[1][DUE - 1] == "05/09/2025"
    assert snapshot.tabs["settings"].rows[1][2] == "07:30"


@pytest.mark.parametrize("locale", ["en_US", "vi_VN"])
def test_a_write_after_staff_typed_a_date_sees_no_false_conflict(locale):
    b = _sheet(locale)
    b.set_cell(TASKS.title, 2, DUE, "9/5/2025" if locale == "en_US" else "5/9/2025")
    due = b.store.load().tabs["tasks"].rows[0][DUE - 1]
    assert due == "05/09/2025"
    # The desk changed the note while the due date it saw is still there: no conflict, the date untouched.
    b.store.update_row("tasks", "NV-001", {"note": "đã gửi"}, {"due": due}, user="bàn 1")
    assert b.store.update_rows("tasks", [("NV-001", {"owner": "An"}, {"due": due}, "bàn 1")]) == [None]
    row = b.store.load().tabs["tasks"].rows[0]
    assert (row[DUE - 1], row[7], row[3]) == ("05/09/2025", "đã gửi", "An")


def test_the_emulator_keeps_each_spreadsheets_locale():
    en, vi = _sheet("en_US"), _sheet("vi_VN")
    en.set_cell(BUDGET.title, 2, 4, "1,5")  # not a number in en_US: text
    vi.set_cell(BUDGET.title, 2, 4, "1,5")  # 1.5 in vi_VN
    assert en.emulator.cell_value(en.key, BUDGET.title, 2, 4) == "1,5"
    assert vi.emulator.cell_value(vi.key, BUDGET.title, 2, 4) == 1.5
    en.set_cell(TASKS.title, 2, DUE, "9/5/2025")
    assert en.cells(TASKS.title)[1][DUE - 1] == "9/5/2025"  # M/d/yyyy, the en_US pattern of a typed date
    assert en.emulator.number_format(en.key, TASKS.title, 2, DUE) == {"type": "DATE", "pattern": "M/d/yyyy"}


@pytest.mark.parametrize(("locale", "typed"), [("en_US", "9/5/2025"), ("vi_VN", "9/5/2025")])
def test_a_date_typed_into_a_text_column_reads_as_the_sheet_shows_it(locale, typed):
    b = _sheet(locale)
    b.set_cell(TASKS.title, 2, 8, typed)  # Ghi chú: a text column; staff typed a date, the sheet made it one
    b.set_cell(BUDGET.title, 2, ESTIMATE, "500000")  # a number in a money column is no reason for a second read
    b.emulator.reset_log()
    snapshot = b.store.load()
    assert snapshot.tabs["tasks"].rows[0][7] == b.cells(TASKS.title)[1][7]
    assert snapshot.tabs["budget"].rows[0][ESTIMATE - 1] == "500000"
    assert b.emulator.kinds().count("values.batchGet") == 2  # once more, only for the tab with that cell
    b.set_cell(TASKS.title, 2, 8, "đã gửi")
    b.emulator.reset_log()
    b.store.load()
    assert b.emulator.kinds().count("values.batchGet") == 1


def test_a_twelve_hour_time_typed_in_en_us_reads_as_the_24_hour_time():
    b = _sheet("en_US")
    b.set_cell(SETTINGS.title, 3, 3, "7:30 PM")
    assert b.store.load().tabs["settings"].rows[1][2] == "19:30"

"""`retype`: numbers, dates and times stored as text in schema columns become typed cells — and nothing else."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from cli import main
from services.schema import ATTENDEES, AUDIT, BUDGET, SETTINGS, TASKS
from services.store.cells import DATE_FORMAT, DATETIME_FORMAT, MONEY_FORMAT, TIME_FORMAT
from services.store.retype import Formula, describe, plan_retype
from services.store.workbook import WorkbookStore
from tests.conftest import write_workbook
from tests.store.test_workbook_cells import libreoffice_sheet, staff_saves_in_libreoffice


@pytest.fixture(scope="module")
def office_profile(tmp_path_factory) -> str:
    return tmp_path_factory.mktemp("lo-profile-retype").as_uri()


def changed(changes) -> dict[str, tuple[str, object]]:
    return {c.coordinate: (c.cell.kind, c.cell.value) for c in changes}


def test_planner_picks_only_schema_text_that_reads_as_a_number_date_or_time():
    header = [*BUDGET.headers, "Ghi chú riêng"]
    rows = [
        ["KP-01", "Khánh tiết", "5.000.000", "4800000", "12", "123"],  # text numbers; staff column left alone
        ["KP-02", "In ấn", 3000000, 1200000.0, "", "456"],  # already typed
        ["KP-03", "Giấy khen", Formula("=1000000+200000"), "khoảng 2 triệu", "", ""],  # formula; prose
        ["KP-04", "Thưởng", "0912", "-", None],  # a leading zero is a code, not a number; short row
        ["44000000", "Mã là số", "", "", ""],  # the ID column is text whatever it looks like
    ]
    assert changed(plan_retype(BUDGET, header, rows)) == {"C2": ("number", 5_000_000), "D2": ("number", 4_800_000)}


def test_planner_types_dates_rules_stay_text_and_settings_follow_their_own_kind():
    tasks = [
        ["NV-001", "Kế hoạch", "", "", "20/12/2026", "hoàn thành", "100", "", ""],
        ["NV-002", "Báo cáo", "", "", "T-15", "đang làm", "50%", "", ""],
        ["NV-003", "Gửi", "", "", "46371", "chưa làm", "", "", ""],  # a bare serial: ambiguous, left as typed
        ["NV-004", "In", "", "", datetime(2026, 12, 1), "chưa làm", 0, "", ""],
    ]
    assert changed(plan_retype(TASKS, TASKS.headers, tasks)) == {
        "E2": ("date", date(2026, 12, 20)),
        "G2": ("number", 100),
    }
    settings = [
        ["event_date", "Ngày tổ chức", "16/12/2026"],
        ["start_time", "Giờ bắt đầu", "7:30"],
        ["capacity", "Sức chứa", "120"],
        ["demo_data", "Dữ liệu mẫu", "có"],
        ["event_name", "Tên", "2026"],  # a text setting: a year-looking name stays text
        ["staff_own", "Riêng", "15"],  # not a setting the app knows
    ]
    assert changed(plan_retype(SETTINGS, SETTINGS.headers, settings)) == {
        "C2": ("date", date(2026, 12, 16)),
        "C3": ("time", time(7, 30)),
        "C4": ("number", 120),
    }
    log = [["25/11/2026 08:05:00", "vp", "Đại biểu", "DB-001", "Có mặt", "", "25/11/2026 08:05:00"]]
    assert changed(plan_retype(AUDIT, AUDIT.headers, log)) == {"A2": ("datetime", datetime(2026, 11, 25, 8, 5))}


def test_planner_follows_moved_columns_and_accepts_a_formula_predicate():
    header = ["Dự trù (VND)", "Mã", "Khoản mục"]
    rows = [["=SUM(A3:A4)", "KP-01", "Tổng"], ["2000000", "KP-02", "Khoản"]]
    by_prefix = plan_retype(BUDGET, header, rows, is_formula=lambda v: isinstance(v, str) and v.startswith("="))
    assert changed(by_prefix) == {"A3": ("number", 2_000_000)}
    assert describe("Kinh phí", by_prefix[0]) == "'Kinh phí'!A3: \"2000000\" → số"


def old_workbook(path):
    """A workbook from before typed cells: every value text, plus staff's own tab and column."""
    return write_workbook(
        path,
        {
            SETTINGS.title: [
                SETTINGS.headers,
                ["event_date", "Ngày tổ chức", "16/12/2026"],
                ["start_time", "Giờ", "07:30"],
            ],
            ATTENDEES.title: [
                [*ATTENDEES.headers, "Số áo"],
                [
                    "DB-001",
                    "An",
                    "Nam",
                    "",
                    "",
                    "công chức",
                    "0912345678",
                    "",
                    "tham dự",
                    "16/12/2026 07:41:00",
                    "",
                    "",
                    "12",
                ],
                ["DB-002", "Bình", "Nam", "", "", "công chức", "", "", "vắng", "", "", "", "14"],
            ],
            BUDGET.title: [
                BUDGET.headers,
                ["KP-01", "Khánh tiết", "5000000", "4.800.000", ""],
                ["KP-02", "In ấn", "3000000", "", ""],
            ],
            "Tổng hợp": [["Tổng dự trù", "=SUM('Kinh phí'!C2:C50)"], ["Mã số", "44000000"]],
        },
    )


def test_cli_retype_converts_once_and_then_says_nothing_is_left(tmp_path, capsys, office_profile):
    path = old_workbook(tmp_path / "old.xlsx")
    staff_saves_in_libreoffice(office_profile, path)
    assert libreoffice_sheet(office_profile, path, "Tổng hợp")[0][1] == "0"  # SUM over text: the reason for retype

    assert main(["retype", "--workbook", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "'Sự kiện'!C2: \"16/12/2026\" → ngày",
        "'Sự kiện'!C3: \"07:30\" → giờ",
        "'Đại biểu'!J2: \"16/12/2026 07:41:00\" → ngày giờ",
        "'Kinh phí'!C2: \"5000000\" → số",
        "'Kinh phí'!D2: \"4.800.000\" → số",
        "'Kinh phí'!C3: \"3000000\" → số",
        "Đã chuyển 6 ô sang kiểu số, ngày hoặc giờ.",
    ]
    wb = load_workbook(path)
    assert (wb["Sự kiện"]["C2"].value, wb["Sự kiện"]["C2"].number_format) == (datetime(2026, 12, 16), DATE_FORMAT)
    assert (wb["Sự kiện"]["C3"].value, wb["Sự kiện"]["C3"].number_format) == (time(7, 30), TIME_FORMAT)
    assert wb["Đại biểu"]["J2"].number_format == DATETIME_FORMAT
    assert (wb["Kinh phí"]["D2"].value, wb["Kinh phí"]["D2"].number_format) == (4_800_000, MONEY_FORMAT)
    assert (wb["Đại biểu"]["G2"].value, wb["Đại biểu"]["M2"].value) == ("0912345678", "12")  # code; staff column
    assert wb["Tổng hợp"]["B2"].value == "44000000" and wb["Tổng hợp"]["B1"].value == "=SUM('Kinh phí'!C2:C50)"
    assert libreoffice_sheet(office_profile, path, "Tổng hợp")[0][1] == "8000000"
    rows = {r[0]: r for r in WorkbookStore(path).load().get("budget").rows}
    assert rows["KP-01"][2:4] == ["5000000", "4800000"]

    before = path.read_bytes()
    assert main(["retype", "--workbook", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Không có ô nào cần chuyển kiểu: mọi số, ngày và giờ đã đúng kiểu."]
    assert path.read_bytes() == before


def test_cli_retype_without_a_path_uses_the_configured_workbook(tmp_path, capsys, monkeypatch):
    path = old_workbook(tmp_path / "configured.xlsx")
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(path))
    monkeypatch.setenv("GSHEETS_SPREADSHEET", "a-sheet-that-is-not-used")  # --workbook wins over a configured sheet
    assert main(["retype", "--workbook"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Đã chuyển 6 ô sang kiểu số, ngày hoặc giờ."
    assert main(["retype", "--workbook", str(tmp_path / "missing.xlsx")]) == 2

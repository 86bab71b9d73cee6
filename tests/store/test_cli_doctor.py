"""`python -m cli doctor`: what staff did to the Google Sheet and what the app does about each (issue 26)."""

from __future__ import annotations

import pytest

from cli import main
from services.schema import ATTENDEES, AUDIT, TASKS
from services.store.gsheets import GoogleSheetStore
from services.store.sheet_doctor import diagnose
from tests.sheets_emulator import SheetsEmulator

PEOPLE = [["DB-001", "Nguyễn Văn An"], ["DB-002", "Hoàng Thị Hòa"], ["DB-003", "Triệu Đức Đạt"]]


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


@pytest.fixture
def sheet(emulator, monkeypatch):
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    tabs = {
        ATTENDEES.title: [ATTENDEES.headers, *PEOPLE],
        TASKS.title: [TASKS.headers, ["NV-001", "Gửi giấy mời", "", "", "", "chưa làm"]],
        AUDIT.title: [AUDIT.headers],
    }
    return emulator.create("Hội nghị", tabs, locale="en_US", time_zone="Etc/GMT")


def test_a_plain_sheet_reports_its_locale_and_nothing_blocks(emulator, sheet, capsys):
    assert main(["doctor", "--sheet", sheet]) == 0
    out = capsys.readouterr().out
    assert "en_US" in out and "tháng trước ngày" in out and "Etc/GMT" in out
    assert "0 mục làm ứng dụng từ chối ghi" in out


def test_every_staff_feature_is_reported_with_what_the_app_does(emulator, sheet, capsys):
    emulator.merge(sheet, ATTENDEES.title, "L2:L3")
    emulator.set_dropdown(sheet, TASKS.title, "F2:F1000", ["chưa làm", "xong"])
    emulator.protect(sheet, ATTENDEES.title, "A1:A1000", description="Cột Mã")
    emulator.protect(sheet, TASKS.title, "H1:H1000", description="ai cũng sửa", editors=[emulator.caller])
    emulator.freeze(sheet, ATTENDEES.title, 1)
    emulator.set_filter(sheet, ATTENDEES.title)
    emulator.hide_rows(sheet, ATTENDEES.title, 3, 3)
    emulator.set_formula(sheet, TASKS.title, 2, 7, "=1+1")  # Tiến độ % computed by a staff formula
    assert main(["doctor", "--sheet", sheet]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()

    def line(topic: str, where: str) -> str:
        return next(x for x in lines if f"\t{topic}\t" in x and where in x)

    assert line("Ô gộp", "L2:L3").startswith("CẦN SỬA") and "từ chối ghi" in line("Ô gộp", "L2:L3")
    dropdown = line("Danh sách chọn", "F:F")
    assert dropdown.startswith("CẦN SỬA") and "“đang làm”" in dropdown and "“xong”" in dropdown
    assert line("Vùng được bảo vệ", "A1:A1000").startswith("CẦN SỬA") and "Cột Mã" in out
    assert line("Vùng được bảo vệ", "H1:H1000").startswith("thông tin")
    assert "Cố định 1 dòng" in out and "Bộ lọc" in out and "Các dòng đang ẩn: 3" in out
    assert line("Công thức trong cột của ứng dụng", "G2").startswith("thông tin")
    assert "3 mục làm ứng dụng từ chối ghi" in lines[-1]


def test_the_findings_are_a_service_the_page_can_show(emulator, sheet):
    store = GoogleSheetStore.for_emulator(emulator.host, sheet)
    findings = diagnose(store)
    assert findings and findings[0].topic == "Ngôn ngữ và định dạng"
    assert diagnose(object()) is None  # not a Google Sheet: nothing to say


def test_doctor_needs_a_google_sheet(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    assert main(["doctor", "--workbook", str(tmp_path / "x.xlsx")]) == 2
    assert "Google Sheet" in capsys.readouterr().err

"""The command line against a Google Sheet in the local emulator: init-sheet, push/pull, checkin exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from cli import main
from services.schema import ATTENDEES, TABS
from services.store.transfer import read_workbook
from tests.conftest import ROOT
from tests.sheets_emulator import SheetsEmulator, create_spreadsheet

STAFF_TAB = "Ghi chú riêng của chị Hà"
ODD_CELLS = [
    ["Việc", "Ghi chú"],
    ["Gọi điện ông Đặng Văn Ước", '=HYPERLINK("x")'],
    ["+1", "0912 345 678"],
    ["@SUM(A1)", "ừ"],
]


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


@pytest.fixture
def sheet_env(emulator, monkeypatch):
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    emulator.clear_faults()
    return emulator


def _add_staff_tab(path):
    wb = load_workbook(path)
    ws = wb.create_sheet(STAFF_TAB)
    for row in ODD_CELLS:
        ws.append(row)
    for c in ws["B"]:
        c.data_type = "s"
    wb.save(path)


def test_push_then_pull_round_trips_every_tab_cell_for_cell(seeded_path, sheet_env, tmp_path, capsys):
    _add_staff_tab(seeded_path)
    key = sheet_env.create("Hội nghị", {"Trang tính1": []})
    assert main(["push", "--workbook", str(seeded_path), "--sheet", key]) == 0
    assert sheet_env.cells(key, ATTENDEES.title)[1][1] == read_workbook(seeded_path)[ATTENDEES.title][1][1]
    pulled = tmp_path / "pulled.xlsx"
    assert main(["pull", "--workbook", str(pulled), "--sheet", key]) == 0
    before, after = read_workbook(seeded_path), read_workbook(pulled)
    assert set(after) == set(before) | {"Trang tính1"}
    for title, grid in before.items():
        assert after[title] == grid, title
    assert after[STAFF_TAB] == ODD_CELLS
    assert any("Nguyễn" in cell for row in after[ATTENDEES.title] for cell in row)
    assert "→ Google Sheet\tĐại biểu: 63 dòng" in capsys.readouterr().out


def test_push_refuses_to_overwrite_a_tab_with_data_unless_forced(seeded_path, sheet_env, capsys):
    key = sheet_env.create("Hội nghị", {ATTENDEES.title: [ATTENDEES.headers, ["DB-900", "Người Của Sheet"]]})
    sheet_env.reset_log()
    assert main(["push", "--workbook", str(seeded_path), "--sheet", key]) == 3
    assert "“Đại biểu”" in capsys.readouterr().err
    assert sheet_env.cells(key, ATTENDEES.title)[1][:2] == ["DB-900", "Người Của Sheet"]
    assert "spreadsheets.batchUpdate" not in sheet_env.kinds() and "values.batchUpdate" not in sheet_env.kinds()
    assert main(["push", "--workbook", str(seeded_path), "--sheet", key, "--force"]) == 0
    rows = sheet_env.cells(key, ATTENDEES.title)
    assert len(rows) == 64 and all(r[0] != "DB-900" for r in rows)


def test_pull_refuses_to_overwrite_the_workbook_unless_forced(seeded_path, sheet_env, capsys):
    key = sheet_env.create("Hội nghị", {ATTENDEES.title: [ATTENDEES.headers, ["DB-900", "Người Của Sheet"]]})
    assert main(["pull", "--workbook", str(seeded_path), "--sheet", key]) == 3
    assert "--force" in capsys.readouterr().err
    assert len(read_workbook(seeded_path)[ATTENDEES.title]) == 64
    assert main(["pull", "--workbook", str(seeded_path), "--sheet", key, "--force"]) == 0
    assert read_workbook(seeded_path)[ATTENDEES.title][1:] == [["DB-900", "Người Của Sheet"]]


def test_init_sheet_creates_tabs_and_demo_copies_the_seed(sheet_env, capsys):
    key = sheet_env.create("Trống", {"Trang tính1": []})
    assert main(["init-sheet", "--sheet", key]) == 0
    assert "Đã tạo trang “Đại biểu”." in capsys.readouterr().out
    assert {t.title for t in TABS} <= set(sheet_env.book(key).titles())
    assert sheet_env.cells(key, ATTENDEES.title) == [ATTENDEES.headers]
    assert main(["init-sheet", "--demo", "--sheet", key]) == 0
    assert len(sheet_env.cells(key, ATTENDEES.title)) == 64
    assert main(["check", "--sheet", key]) == 0
    assert main(["init-sheet", "--demo", "--sheet", key]) == 3, "demo data never overwrites without --force"
    assert "đã có dữ liệu" in capsys.readouterr().err


def test_init_sheet_without_a_sheet_is_a_usage_error(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    assert main(["init-sheet", "--workbook", str(tmp_path / "x.xlsx")]) == 2
    assert "Chưa cấu hình Google Sheet" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["workbook", "gsheets"])
def test_checkin_exit_codes(backend, seeded_path, sheet_env, capsys):
    if backend == "gsheets":
        key = sheet_env.create("Hội nghị", {"Trang tính1": []})
        assert main(["push", "--workbook", str(seeded_path), "--sheet", key]) == 0
        where = ["--sheet", key]
    else:
        where = ["--workbook", str(seeded_path)]
    capsys.readouterr()
    assert main(["checkin", "DB-007", *where]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã điểm danh “DB-007” lúc ")
    first_time = out.strip().rsplit("lúc ", 1)[1].rstrip(".")
    assert main(["checkin", "DB-007", *where]) == 3
    assert f"đã điểm danh lúc {first_time}" in capsys.readouterr().err
    assert main(["checkin", "DB-404", *where]) == 3
    assert "DB-404" in capsys.readouterr().err
    if backend == "gsheets":
        audit = sheet_env.cells(key, "Nhật ký")
        assert [r[1:5] for r in audit[1:]] == [["cli", "Đại biểu", "DB-007", "Có mặt"]]


def test_emulator_runs_as_a_subprocess_and_creates_sheets_over_http(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.sheets_emulator", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(proc.stdout.readline())
        host = f"127.0.0.1:{port}"
        key = create_spreadsheet(host, "Từ xa", {"Đại biểu": [ATTENDEES.headers]})
        env = {"SHEETS_EMULATOR_HOST": host, "PATH": "/usr/bin:/bin"}
        done = subprocess.run(
            [sys.executable, "-m", "cli", "info", "--sheet", key, "--workbook", str(tmp_path / "x.xlsx")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "Nguồn dữ liệu: gsheets — Từ xa" in done.stdout
        assert "Đại biểu\t0" in done.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_retype_on_the_sheet_types_text_amounts_once_and_push_arrives_typed(seeded_path, sheet_env, capsys):
    from services.schema import BUDGET

    key = create_spreadsheet(
        sheet_env.host,
        tabs={BUDGET.title: [BUDGET.headers, ["KP-01", "Khánh tiết", "12000000"], ["KP-02", "Hoa", "x"]]},
    )
    assert main(["retype", "--sheet", key]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"'{BUDGET.title}'!C2: \"12000000\" → số", "Đã chuyển 1 ô sang kiểu số, ngày hoặc giờ."]
    assert sheet_env.cell_value(key, BUDGET.title, 2, 3) == 12_000_000
    assert sheet_env.cell_value(key, BUDGET.title, 3, 3) == "x", "text that is not a number stays as typed"
    assert main(["retype", "--sheet", key]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Không có ô nào cần chuyển kiểu")
    pushed = create_spreadsheet(sheet_env.host)
    assert main(["push", "--workbook", str(seeded_path), "--sheet", pushed]) == 0
    estimate = BUDGET.headers.index("Dự trù (VND)") + 1
    assert isinstance(sheet_env.cell_value(pushed, BUDGET.title, 2, estimate), int), "push arrives as numbers"

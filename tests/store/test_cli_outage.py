"""The CLI check-in through an outage, against the emulator: kept locally (exit 0), `info` counts what waits, `sync`
and the next `checkin` send it with its original time, an unknown ID is refused offline from the copy on disk."""

from __future__ import annotations

import pytest

from cli import main
from services.people.checkin_journal import CheckinJournal
from services.schema import ATTENDEES
from services.store import last_good
from services.store.gsheets import GoogleSheetStore
from tests.sheets_emulator import SheetsEmulator


@pytest.fixture
def sheet(seeded_path, tmp_path, monkeypatch, capsys):
    with SheetsEmulator() as emulator:
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
        monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
        monkeypatch.setenv("CONFERENCE_CHECKIN_JOURNAL", str(tmp_path / "journal.jsonl"))
        monkeypatch.setenv("CONFERENCE_LAST_GOOD_DIR", str(tmp_path))
        key = emulator.create("Hội nghị", {"Trang tính1": []})
        assert main(["push", "--workbook", str(seeded_path), "--sheet", key]) == 0
        capsys.readouterr()
        yield emulator, key


def arrival(emulator, key, attendee_id):
    grid = emulator.cells(key, ATTENDEES.title)
    col = grid[0].index(ATTENDEES.column("checked_in").header)
    return next(r[col] for r in grid[1:] if r[0] == attendee_id)


def test_checkin_during_an_outage_is_kept_then_sent_first_by_the_next_checkin(sheet, tmp_path, capsys):
    emulator, key = sheet
    emulator.go_down("refuse")
    assert main(["checkin", "DB-007", "--sheet", key]) == 0
    out = capsys.readouterr().out
    assert "đã ghi tạm, chờ gửi" in out and "DB-007" in out and "1 lượt chờ gửi" in out
    scanned = CheckinJournal(tmp_path / "journal.jsonl").pending()[0].at
    assert main(["info", "--sheet", key]) == 3  # the sheet itself cannot be read, but what waits is known
    assert capsys.readouterr().out.startswith("Lượt điểm danh chờ gửi: 1")
    assert main(["sync", "--sheet", key]) == 3
    assert "còn 1 lượt chờ gửi" in capsys.readouterr().out
    emulator.come_back()
    assert main(["checkin", "DB-008", "--sheet", key]) == 0
    out = capsys.readouterr().out
    assert out.index("Đã gửi: “DB-007”") < out.index("Đã điểm danh “DB-008”")
    assert arrival(emulator, key, "DB-007") == scanned  # the original scan time, not the time it was sent
    assert CheckinJournal(tmp_path / "journal.jsonl").count() == 0
    assert main(["sync", "--sheet", key]) == 0
    assert "Không có lượt" in capsys.readouterr().out
    assert main(["info", "--sheet", key]) == 0
    assert capsys.readouterr().out.startswith("Lượt điểm danh chờ gửi: 0")


def test_sync_sends_what_waits_and_reports_an_earlier_time_kept(sheet, tmp_path, capsys):
    emulator, key = sheet
    emulator.go_down("503")
    assert main(["checkin", "DB-009", "--sheet", key]) == 0
    assert main(["checkin", "DB-010", "--sheet", key]) == 0
    capsys.readouterr()
    emulator.come_back()
    col = emulator.cells(key, ATTENDEES.title)[0].index(ATTENDEES.column("checked_in").header)
    row = next(i for i, r in enumerate(emulator.cells(key, ATTENDEES.title)) if r[0] == "DB-010")
    emulator.set_cell(key, ATTENDEES.title, row + 1, col + 1, "16/12/2020 06:00:00")  # typed by hand, earlier
    assert main(["sync", "--sheet", key]) == 0
    out = capsys.readouterr().out
    assert "Đã gửi: “DB-009”" in out and "DB-010: đã được điểm danh ở nơi khác lúc 16/12/2020 06:00:00" in out
    assert arrival(emulator, key, "DB-010") == "16/12/2020 06:00:00"
    audit = emulator.cells(key, "Nhật ký")
    assert [r[3] for r in audit[1:]] == ["DB-009"]  # one line for the scan that landed, none for the kept time


def test_an_unknown_id_is_refused_offline_from_the_copy_on_disk(sheet, tmp_path, capsys):
    emulator, key = sheet
    store = GoogleSheetStore.for_emulator(emulator.host, key)
    location = store.info().location
    last_good.save(last_good.copy_path(tmp_path / "x.xlsx", location), location, store.load())
    emulator.go_down("refuse")
    assert main(["checkin", "DB-404", "--sheet", key]) == 3
    assert "DB-404" in capsys.readouterr().err
    assert CheckinJournal(tmp_path / "journal.jsonl").count() == 0
    assert main(["checkin", "DB-011", "--sheet", key]) == 0
    assert CheckinJournal(tmp_path / "journal.jsonl").count() == 1


def test_export_during_an_outage_uses_the_copy_kept_by_the_last_export(sheet, tmp_path, capsys):
    emulator, key = sheet
    assert main(["export", "signin", "--out", str(tmp_path / "a.pdf"), "--sheet", key]) == 0
    capsys.readouterr()
    emulator.go_down("503")
    assert main(["export", "signin", "--out", str(tmp_path / "b.pdf"), "--sheet", key]) == 0
    assert "Dùng dữ liệu lưu lúc" in capsys.readouterr().err
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")

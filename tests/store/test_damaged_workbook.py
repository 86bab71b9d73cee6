"""A damaged .xlsx is a clear error everywhere (pages, CLI, writes refused before they start), the app keeps a backup
of the last good workbook, and a stray keystroke far below or beside the data costs a write no time."""

from __future__ import annotations

import io
import logging
import os
import stat
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli import main
from services.store import BackendUnavailable, StoreError
from services.store.errors import DamagedWorkbook
from services.store.workbook import WorkbookStore
from services.store.xlsx_book import COLUMN_GAP, ROW_GAP, bounded_grid
from tests.apptest_helpers import open_app
from tests.conftest import ROOT
from ui.auth import PAGE_ROLES

ATTENDEES_PART = "xl/worksheets/sheet3.xml"  # “Đại biểu”, the third tab of the seeded workbook


def _rewrite(path: Path, change) -> None:
    """Rebuild the zip with `change(name, data)` applied to every part (None drops the part)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info, data)
    path.write_bytes(out.getvalue())


def _truncate_sheet(path: Path) -> None:
    _rewrite(path, lambda name, data: data[: len(data) // 2] if name == ATTENDEES_PART else data)


def _garbage_styles(path: Path) -> None:
    _rewrite(path, lambda name, data: b"\x00garbage <styleSheet" if name == "xl/styles.xml" else data)


def _drop_content_types(path: Path) -> None:
    _rewrite(path, lambda name, data: None if name == "[Content_Types].xml" else data)


def _drop_sheet(path: Path) -> None:
    _rewrite(path, lambda name, data: None if name == ATTENDEES_PART else data)


def _not_a_zip(path: Path) -> None:
    path.write_bytes(b"This is a Word document, not a workbook.\n" * 20)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


# damage → a word of the reason the message must give (the part, or what the file is)
DAMAGES = {
    "truncated sheet": (_truncate_sheet, ATTENDEES_PART),
    "garbage styles": (_garbage_styles, "xl/styles.xml"),
    "no [Content_Types].xml": (_drop_content_types, "[Content_Types].xml"),
    "sheet part missing": (_drop_sheet, ATTENDEES_PART),
    "not a zip": (_not_a_zip, "zip"),
    "empty file": (_empty, "rỗng"),
}


@pytest.fixture(params=list(DAMAGES))
def damage(request):
    return DAMAGES[request.param]


def _others(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()} - {path.name, path.name + ".lock"}


# --- reads ----------------------------------------------------------------------------------


def test_a_damaged_file_is_a_damaged_workbook_naming_file_and_part(seeded_path, damage):
    harm, part = damage
    harm(seeded_path)
    with pytest.raises(DamagedWorkbook) as caught:
        WorkbookStore(seeded_path).load()
    message = str(caught.value)
    assert isinstance(caught.value, StoreError) and isinstance(caught.value, BackendUnavailable)
    assert message.startswith(f"Tệp bị hỏng: {seeded_path.name} (")
    assert part in message
    assert "Excel" in message and "LibreOffice" in message  # what to do about it
    assert "\n" not in message


def test_the_message_names_the_backup_once_there_is_one(seeded_path):
    WorkbookStore(seeded_path).update_row("attendees", "DB-001", {"note": "trước khi hỏng"}, {})
    _truncate_sheet(seeded_path)
    with pytest.raises(DamagedWorkbook) as caught:
        WorkbookStore(seeded_path).load()
    assert "chép bản sao lưu “conference.xlsx.bak”" in str(caught.value)
    assert "đè lên “conference.xlsx”" in str(caught.value)


# --- writes ---------------------------------------------------------------------------------

WRITES = {
    "update_row": lambda s: s.update_row("attendees", "DB-001", {"note": "x"}, {}, user="vp"),
    "append_rows": lambda s: s.append_rows("attendees", [{"name": "Người mới"}], user="vp"),
    "delete_row": lambda s: s.delete_row("attendees", "DB-002", {}, user="vp"),
    "ensure_schema": lambda s: s.ensure_schema(),
    "retype": lambda s: s.retype(),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_to_a_damaged_file_is_refused_before_it_starts(seeded_path, damage, write):
    harm, part = damage
    harm(seeded_path)
    before = seeded_path.read_bytes()
    with pytest.raises(DamagedWorkbook, match="Tệp bị hỏng") as caught:
        WRITES[write](WorkbookStore(seeded_path))
    assert part in str(caught.value)
    assert seeded_path.read_bytes() == before
    assert _others(seeded_path) == set()  # no backup of the damaged file, no temp file


def test_a_refused_write_leaves_the_last_good_backup_alone(seeded_path):
    WorkbookStore(seeded_path).update_row("attendees", "DB-001", {"note": "một"}, {})
    backup = seeded_path.with_name("conference.xlsx.bak")
    good = backup.read_bytes()
    _garbage_styles(seeded_path)
    with pytest.raises(DamagedWorkbook):
        WorkbookStore(seeded_path).update_row("attendees", "DB-001", {"note": "hai"}, {})
    assert backup.read_bytes() == good


# --- the backup -----------------------------------------------------------------------------


def test_each_write_keeps_the_workbook_as_it_was_in_the_backup(seeded_path):
    backup = seeded_path.with_name("conference.xlsx.bak")
    assert not backup.exists()
    first = seeded_path.read_bytes()
    store = WorkbookStore(seeded_path)
    store.update_row("attendees", "DB-001", {"note": "một"}, {})
    assert backup.read_bytes() == first
    second = seeded_path.read_bytes()
    store.update_row("attendees", "DB-001", {"note": "hai"}, {})
    assert backup.read_bytes() == second  # replaced each write: one backup, one write behind
    assert _others(seeded_path) == {backup.name}
    row = next(r for r in WorkbookStore(backup).load().get("attendees").rows if r[0] == "DB-001")
    assert "một" in row


def test_a_write_that_changes_nothing_leaves_no_backup(seeded_path):
    WorkbookStore(seeded_path).ensure_schema()  # every tab and column is there already
    assert _others(seeded_path) == set()


def test_the_backup_keeps_the_workbooks_permissions(seeded_path):
    seeded_path.chmod(0o640)
    WorkbookStore(seeded_path).update_row("attendees", "DB-001", {"note": "x"}, {})
    assert stat.S_IMODE(seeded_path.with_name("conference.xlsx.bak").stat().st_mode) == 0o640
    assert stat.S_IMODE(seeded_path.stat().st_mode) == 0o640


def test_copying_the_backup_over_the_damaged_file_brings_the_data_back(seeded_path):
    store = WorkbookStore(seeded_path)
    store.update_row("attendees", "DB-001", {"note": "đã sửa"}, {})
    store.update_row("attendees", "DB-002", {"note": "lần cuối"}, {})
    _truncate_sheet(seeded_path)
    seeded_path.write_bytes(seeded_path.with_name("conference.xlsx.bak").read_bytes())  # what the message says
    rows = {r[0]: r for r in WorkbookStore(seeded_path).load().get("attendees").rows}
    assert "đã sửa" in rows["DB-001"]
    assert "lần cuối" not in rows["DB-002"]  # the backup is one write behind


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(PAGE_ROLES))
def test_every_page_shows_the_damage_as_an_error_not_a_crash(page, seeded_path, monkeypatch):
    _truncate_sheet(seeded_path)
    at = open_app(seeded_path, monkeypatch, page)
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("Tệp bị hỏng" in e and "conference.xlsx" in e for e in errors), errors


@pytest.mark.parametrize("name", list(DAMAGES))
def test_the_start_page_shows_each_kind_of_damage(name, seeded_path, monkeypatch):
    harm, part = DAMAGES[name]
    harm(seeded_path)
    at = open_app(seeded_path, monkeypatch)
    assert not at.exception, at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # as typed, without the markdown escapes
    assert any("Tệp bị hỏng" in e and part in e for e in shown), shown


def test_damage_after_a_good_load_keeps_the_last_good_data_on_screen(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "data")
    assert not at.warning and not at.error
    _truncate_sheet(seeded_path)
    at.button(key="sidebar_refresh").click().run()
    assert not at.exception, at.exception
    assert any("Tệp bị hỏng" in w.value for w in at.warning)
    assert any("Tệp bị hỏng" in e.value for e in at.sidebar.error)
    assert at.title[0].value == "Dữ liệu"
    assert 63 in set(at.dataframe[0].value["Số dòng"])  # the last good counts


def test_an_unexpected_failure_while_reading_is_a_message_too(seeded_path, monkeypatch, caplog):
    import services.reads.reuse

    broken = {"on": False}
    real = services.reads.reuse.validate

    def validate(snapshot):
        if broken["on"]:
            raise RuntimeError("ô lạ không ai lường trước")
        return real(snapshot)

    monkeypatch.setattr(services.reads.reuse, "validate", validate)
    at = open_app(seeded_path, monkeypatch, "data")
    assert not at.warning
    broken["on"] = True
    with caplog.at_level(logging.ERROR, logger="services.reads.source"):
        at.button(key="sidebar_refresh").click().run()
    assert not at.exception, at.exception
    expected = "Không đọc được dữ liệu: RuntimeError: ô lạ không ai lường trước"
    assert any(expected in w.value for w in at.warning)
    assert 63 in set(at.dataframe[0].value["Số dòng"])
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)  # the traceback is logged

    at = open_app(seeded_path, monkeypatch, "overview")  # a fresh server: no last good data at all
    assert not at.exception, at.exception
    assert any(expected in e.value for e in at.error)


# --- the command line -----------------------------------------------------------------------


def test_cli_check_on_a_damaged_file_is_one_line_and_exit_1(seeded_path, capsys):
    _truncate_sheet(seeded_path)
    assert main(["check", "--workbook", str(seeded_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("Lỗi: Tệp bị hỏng: conference.xlsx (")


def test_cli_process_prints_no_traceback(seeded_path):
    _garbage_styles(seeded_path)
    env = {k: v for k, v in os.environ.items() if k != "CONFERENCE_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "cli", "check", "--workbook", str(seeded_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip()] == [done.stderr.strip()]
    assert "Tệp bị hỏng" in done.stderr and "xl/styles.xml" in done.stderr


def test_cli_unexpected_error_is_one_line_unless_debugging(seeded_path, capsys, monkeypatch):
    import cli.data

    def boom(snapshot):
        raise RuntimeError("lỗi lập trình\nhai dòng")

    monkeypatch.setattr(cli.data, "validate", boom)
    monkeypatch.delenv("CONFERENCE_DEBUG", raising=False)
    assert main(["check", "--workbook", str(seeded_path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Lỗi không mong đợi: RuntimeError: lỗi lập trình hai dòng" in err
    assert "CONFERENCE_DEBUG=1" in err
    monkeypatch.setenv("CONFERENCE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["check", "--workbook", str(seeded_path)])


# --- stray cells far from the data ----------------------------------------------------------


def _put(path: Path, coordinate: str, value: str) -> None:
    wb = load_workbook(path)
    wb["Đại biểu"][coordinate] = value
    wb.save(path)


def _sheet_xml(path: Path) -> bytes:
    return zipfile.ZipFile(path).read(ATTENDEES_PART)


def _write_seconds(store: WorkbookStore, runs: int = 3) -> float:
    times = []
    for n in range(runs):
        started = time.perf_counter()
        store.update_row("attendees", "DB-001", {"note": f"lần {n}"}, {}, user="vp")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.mark.parametrize("coordinate", ["A1048576", "XFD5", "XFD1048576"])
def test_a_value_far_from_the_data_costs_a_write_no_time_and_is_kept(seeded_path, coordinate):
    store = WorkbookStore(seeded_path)
    normal = _write_seconds(store)
    _put(seeded_path, coordinate, "x")
    stray = _write_seconds(store)
    # Before: a minute and gigabytes (every position up to the stray cell became a cell object). The target is in
    # benchmarks/bench_workbook_writes.py; this bound only has to tell "bounded" from "grows with the sheet".
    assert stray < 5 * normal + 0.5, (stray, normal)
    assert f'r="{coordinate}"'.encode() in _sheet_xml(seeded_path)  # staff's value is still there
    assert load_workbook(seeded_path, read_only=True)["Đại biểu"][coordinate].value == "x"
    assert len(store.load().get("attendees").rows) == 63  # outside the table: not read as a row


def test_a_new_row_goes_under_the_table_not_under_the_stray_value(seeded_path):
    _put(seeded_path, "A1048576", "x")
    WorkbookStore(seeded_path).append_rows("attendees", [{"name": "Người mới"}])
    ws = load_workbook(seeded_path)["Đại biểu"]
    assert ws["B65"].value == "Người mới"
    assert ws["A1048576"].value == "x"


def test_a_lone_space_far_below_is_dropped_on_the_next_save(seeded_path):
    _put(seeded_path, "A1048576", " ")
    _put(seeded_path, "XFD3", "\u00a0")
    assert b'r="A1048576"' in _sheet_xml(seeded_path)
    WorkbookStore(seeded_path).update_row("attendees", "DB-001", {"note": "x"}, {})
    xml = _sheet_xml(seeded_path)
    assert b'r="A1048576"' not in xml and b'r="XFD3"' not in xml
    assert b'<dimension ref="A1:L64"/>' in xml


def test_a_value_within_the_gap_is_still_a_row(seeded_path):
    _put(seeded_path, f"B{64 + ROW_GAP + 1}", "xa nhưng vẫn trong bảng")
    rows = WorkbookStore(seeded_path).load().get("attendees").rows
    assert len(rows) == 64 + ROW_GAP
    assert rows[-1][1] == "xa nhưng vẫn trong bảng"


def test_where_a_table_ends():
    assert bounded_grid([(1, ["a"]), (2, ["b"])]) == [["a"], ["b"]]
    assert bounded_grid([(1, ["a"]), (2, ["", ""]), (3, [""])]) == [["a"]]  # trailing blank rows are not the table
    assert bounded_grid([(1, ["a"]), (ROW_GAP + 2, ["b"])]) == [["a"]] + [[""]] * ROW_GAP + [["b"]]
    assert bounded_grid([(1, ["a"]), (ROW_GAP + 3, ["b"])]) == [["a"]]
    assert bounded_grid([(1, ["a"] + [""] * COLUMN_GAP + ["b"])]) == [["a"] + [""] * COLUMN_GAP + ["b"]]
    assert bounded_grid([(1, ["a"] + [""] * (COLUMN_GAP + 1) + ["b"])]) == [["a"]]
    assert bounded_grid([(1, ["a", ""]), (3, ["", "b"])]) == [["a", ""], ["", ""], ["", "b"]]

    def endless():
        yield 1, ["a"]
        number = 2
        while True:  # a generator that never ends: reading must stop at the gap
            yield number, []
            number += 1

    assert bounded_grid(endless()) == [["a"]]


# --- the other readers of .xlsx files: the import of attendees and `cli push` ---------------------------------


def _attendee_file(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    path = tmp_path / "danh-sach.xlsx"
    wb = Workbook()
    wb.active.append(["Họ và tên", "Đơn vị"])
    wb.active.append(["Nguyễn Văn A", "Văn phòng Sở"])
    wb.save(path)
    return path


@pytest.mark.parametrize("name", ["truncated sheet", "garbage styles", "not a zip"])
def test_importing_a_damaged_excel_file_is_refused_with_the_damage(tmp_path, name):
    from services.people.importer import ImportRefused, read_table

    path = _attendee_file(tmp_path)
    damage, _ = DAMAGES[name]
    if name == "truncated sheet":
        _rewrite(path, lambda part, data: data[: len(data) // 2] if part == "xl/worksheets/sheet1.xml" else data)
    else:
        damage(path)
    with pytest.raises(ImportRefused, match="bị hỏng"):
        read_table(path.read_bytes(), path.name)


def test_importing_an_excel_file_with_a_stray_far_cell_reads_only_the_table(tmp_path):
    from services.people.importer import read_table

    path = _attendee_file(tmp_path)
    wb = load_workbook(path)
    wb.active["A1048576"] = " "
    wb.active["B1048575"] = "x"
    wb.save(path)
    table = read_table(path.read_bytes(), path.name)
    assert table.rows == [(2, ["Nguyễn Văn A", "Văn phòng Sở"])], table.rows[-2:]


def test_cli_push_from_a_damaged_workbook_is_one_line_and_exit_1(seeded_path, damage, capsys):
    from services.store.transfer import read_workbook

    change, reason = damage
    change(seeded_path)
    with pytest.raises(DamagedWorkbook, match="hỏng") as raised:
        read_workbook(seeded_path)
    assert reason in str(raised.value)
    code = main(["push", "--workbook", str(seeded_path), "--sheet", "không-dùng-tới"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err

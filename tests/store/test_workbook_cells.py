"""The workbook as staff share it: typed cells, their formulas, merged cells and notes survive every app write.

Some tests open the file in a real spreadsheet program (LibreOffice, headless): staff save it there so formula
results are cached in the file as Excel/LibreOffice would leave them, and it computes the totals the app must match.
"""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from services.parsing import parse_number
from services.people.checkin import check_in
from services.schema import BUDGET
from services.setup.seed import seed_rows
from services.store import BackendUnavailable, Conflict
from services.store.cells import DATE_FORMAT, DATETIME_FORMAT, MONEY_FORMAT, NUMBER_FORMAT, TIME_FORMAT, text_of
from services.store.workbook import CellProtected, FormulaWouldBreak, WorkbookStore, cell_text
from tests.conftest import FIXED_TODAY, write_workbook

SUMMARY = "Tổng hợp"  # a staff tab of their own


# --- helpers --------------------------------------------------------------------------------


def find(path: Path, title: str, row_id: str, header: str):
    """The stored cell (not its text) of one row, found by ID and header as the app does."""
    ws = load_workbook(path)[title]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == row_id:
            return ws.cell(row=row[0].row, column=col)
    raise AssertionError(f"{row_id} not in {title}")


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    assert path, "LibreOffice is required (Debian: libreoffice-calc-nogui; .ci/run installs it)"
    return path


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory) -> str:
    return (tmp_path_factory.mktemp("lo-profile")).as_uri()


def office(profile: str, path: Path, to: str, outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def staff_saves_in_libreoffice(profile: str, path: Path) -> None:
    """Open and save the file in LibreOffice: formulas get their computed results cached, as on a staff PC."""
    office(profile, path, "xlsx", path.parent / "lo-saved")
    shutil.move(path.parent / "lo-saved" / path.name, path)


def libreoffice_sheet(profile: str, path: Path, title: str) -> list[list[str]]:
    """One tab as LibreOffice computes it (every formula recalculated where the file holds no result)."""
    outdir = path.parent / "lo-csv"
    shutil.rmtree(outdir, ignore_errors=True)
    # Filter options: comma, double quote, UTF-8, from row 1, …, sheet -1 = every sheet to <name>-<Sheet>.csv.
    office(profile, path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", outdir)
    with open(outdir / f"{path.stem}-{title}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def add_staff_formulas(path: Path, extra=None) -> None:
    """What a staff member adds in Excel: a difference column on `Kinh phí` and a summary tab of their own."""
    wb = load_workbook(path)
    ws = wb[BUDGET.title]
    ws["F1"] = "Chênh lệch"
    for r in range(2, ws.max_row + 1):
        ws[f"F{r}"] = f"=C{r}-D{r}"
    summary = wb.create_sheet(SUMMARY)
    summary.append(["Tổng dự trù", "=SUM('Kinh phí'!C2:C100)"])
    summary.append(["Tham dự", "=COUNTIF('Đại biểu'!I2:I200,\"tham dự\")"])
    summary.append(["Đã có mặt", "=COUNT('Đại biểu'!J2:J200)"])
    summary.append(["Tổng thực chi", "=SUM(Thucchi)"])
    wb.defined_names["Thucchi"] = DefinedName("Thucchi", attr_text="'Kinh phí'!$D$2:$D$100")
    if extra:
        extra(wb)
    summary.append(["Tổng chênh lệch", "=SUM('Kinh phí'!F2:F100)"])  # reads formulas that read app cells
    wb.save(path)


def budget_rows(path: Path) -> dict[str, list[str]]:
    return {r[0]: r for r in WorkbookStore(path).load().get("budget").rows if r and r[0]}


# --- 1. typed cells -------------------------------------------------------------------------


def test_app_writes_store_numbers_dates_and_times_as_typed_cells(seeded_path):
    store = WorkbookStore(seeded_path)
    store.update_row("budget", "KP-01", {"estimate": "5.500.000"}, {"estimate": "5000000"}, user="vp")
    store.update_row("tasks", "NV-001", {"due": "20/12/2026"}, {"due": "T-30"}, user="vp")
    store.update_row("programme", "CT-01", {"minutes": "15"}, {"minutes": "10"}, user="vp")
    store.update_row("settings", "start_time", {"value": "8:00"}, {"value": "07:30"}, user="vp")
    store.update_row("settings", "event_date", {"value": "2026-12-18"}, {"value": "16/12/2026"}, user="vp")
    check_in(store, "DB-001", user="desk", now=datetime(2026, 12, 18, 7, 45, 12))
    (new_id,) = store.append_rows("budget", [{"item": "Dự phòng", "estimate": "1000000"}], user="vp")

    estimate = find(seeded_path, "Kinh phí", "KP-01", "Dự trù (VND)")
    assert (estimate.value, estimate.data_type, estimate.number_format) == (5_500_000, "n", MONEY_FORMAT)
    added = find(seeded_path, "Kinh phí", new_id, "Dự trù (VND)")
    assert (added.value, added.number_format) == (1_000_000, MONEY_FORMAT)
    minutes = find(seeded_path, "Chương trình", "CT-01", "Thời lượng (phút)")
    assert (minutes.value, minutes.number_format) == (15, NUMBER_FORMAT)
    due = find(seeded_path, "Nhiệm vụ", "NV-001", "Hạn")
    assert (due.value, due.is_date, due.number_format) == (datetime(2026, 12, 20), True, DATE_FORMAT)
    start = find(seeded_path, "Sự kiện", "start_time", "Giá trị")
    assert (start.value, start.number_format) == (time(8, 0), TIME_FORMAT)
    day = find(seeded_path, "Sự kiện", "event_date", "Giá trị")
    assert (day.value, day.number_format) == (datetime(2026, 12, 18), DATE_FORMAT)
    arrived = find(seeded_path, "Đại biểu", "DB-001", "Có mặt")
    assert (arrived.value, arrived.is_date, arrived.number_format) == (
        datetime(2026, 12, 18, 7, 45, 12),
        True,
        DATETIME_FORMAT,
    )
    log = load_workbook(seeded_path)["Nhật ký"]
    stamps = [row[0] for row in log.iter_rows(min_row=2)]
    assert stamps and all(c.is_date and c.number_format == DATETIME_FORMAT for c in stamps)

    # Read back as the same text as before typing.
    snapshot = store.load()
    assert budget_rows(seeded_path)["KP-01"][2] == "5500000"
    tasks = {r[0]: r for r in snapshot.get("tasks").rows}
    assert tasks["NV-001"][4] == "20/12/2026" and tasks["NV-002"][4] == "T-18"
    settings = {r[0]: r[2] for r in snapshot.get("settings").rows}
    assert (settings["start_time"], settings["event_date"], settings["session_minutes"]) == (
        "08:00",
        "18/12/2026",
        "240",
    )
    attendees = {r[0]: r for r in snapshot.get("attendees").rows}
    assert attendees["DB-001"][9] == "18/12/2026 07:45:12"


def test_codes_phones_rules_and_formula_looking_text_stay_literal_text(seeded_path):
    store = WorkbookStore(seeded_path)
    store.update_row("tasks", "NV-003", {"due": "T-15"}, {"due": "T-18"})
    store.update_row("attendees", "DB-002", {"phone": "0912345678", "seat": "007"}, {})
    texts = ["=SUM(A1:A3)", "+84 912", "-2", "@x", "#N/A", "=1+1"]
    for text in texts:
        seen = budget_rows(seeded_path)["KP-02"][4]
        store.update_row("budget", "KP-02", {"note": text}, {"note": seen})
        note = find(seeded_path, "Kinh phí", "KP-02", "Ghi chú")
        assert (note.value, note.data_type) == (text, "s")
        assert budget_rows(seeded_path)["KP-02"][4] == text
    due = find(seeded_path, "Nhiệm vụ", "NV-003", "Hạn")
    assert (due.value, due.data_type) == ("T-15", "s")
    phone = find(seeded_path, "Đại biểu", "DB-002", "Điện thoại")
    seat = find(seeded_path, "Đại biểu", "DB-002", "Ghế")
    assert (phone.value, phone.data_type, seat.value) == ("0912345678", "s", "007")
    assert find(seeded_path, "Đại biểu", "DB-002", "Mã").data_type == "s"


def test_the_seeded_workbook_is_typed_from_the_start(tmp_path):
    def seed():
        rows = seed_rows(FIXED_TODAY)
        rows["attendees"][0]["checked_in"] = "16/12/2026 07:31:05"
        rows["tasks"][0]["due"] = "01/12/2026"
        return rows

    path = tmp_path / "typed.xlsx"
    WorkbookStore(path, seed=seed).load()
    wb = load_workbook(path)
    day = find(path, "Sự kiện", "event_date", "Giá trị")
    assert (day.value, day.number_format) == (datetime(2026, 12, 16), DATE_FORMAT)
    assert find(path, "Sự kiện", "start_time", "Giá trị").value == time(7, 30)
    assert find(path, "Sự kiện", "capacity", "Giá trị").value == 120
    assert find(path, "Sự kiện", "demo_data", "Giá trị").value == "có"
    estimates = [r[2] for r in wb["Kinh phí"].iter_rows(min_row=2)]
    assert all(isinstance(c.value, int) and c.number_format == MONEY_FORMAT for c in estimates)
    expected_total = sum(int(r["estimate"]) for r in seed_rows(FIXED_TODAY)["budget"])
    assert sum(c.value for c in estimates) == expected_total
    assert find(path, "Nhiệm vụ", "NV-001", "Hạn").value == datetime(2026, 12, 1)
    assert find(path, "Nhiệm vụ", "NV-002", "Hạn").value == "T-18"
    assert find(path, "Nhiệm vụ", "NV-001", "Tiến độ %").value == 100
    arrived = find(path, "Đại biểu", "DB-001", "Có mặt")
    assert (arrived.value, arrived.number_format) == (datetime(2026, 12, 16, 7, 31, 5), DATETIME_FORMAT)
    phone = find(path, "Đại biểu", "DB-002", "Điện thoại")
    assert isinstance(phone.value, str) and phone.value.startswith("09")
    assert WorkbookStore(path).load().get("attendees").rows[0][9] == "16/12/2026 07:31:05"


def test_text_typed_by_staff_still_reads_as_before(tmp_path):
    path = write_workbook(
        tmp_path / "staff.xlsx",
        {
            BUDGET.title: [
                BUDGET.headers,
                ["KP-01", "Chữ", "44000000", "44.000.000", ""],
                ["KP-02", "Số", 44000000, 1200000.0, ""],
                ["KP-03", "Ngày", datetime(2026, 12, 16), datetime(2026, 12, 16, 8, 5), time(7, 30)],
            ]
        },
    )
    rows = budget_rows(path)
    assert rows["KP-01"][2:4] == ["44000000", "44.000.000"]
    assert rows["KP-02"][2:4] == ["44000000", "1200000"]
    assert rows["KP-03"][2:5] == ["16/12/2026", "16/12/2026 08:05:00", "07:30"]


def test_cell_text_is_the_shared_text_rule():
    for value in [None, "", " a ", 44000000, 1.5, 3.0, True, date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5), time(7)]:
        assert cell_text(value) == text_of(value)


# --- 2. staff formulas ----------------------------------------------------------------------


@pytest.fixture
def staff_book(seeded_path, office_profile) -> Path:
    """The seeded workbook after a staff member added formulas and saved it in LibreOffice."""

    def more(wb):
        wb["Kinh phí"]["D4"] = "=1000000+200000"  # KP-03's actual, a formula of their own
        wb[SUMMARY].append(["KP-04", "='Kinh phí'!C5"])

    add_staff_formulas(seeded_path, more)
    staff_saves_in_libreoffice(office_profile, seeded_path)
    return seeded_path


def test_a_write_into_a_staff_formula_is_refused_and_nothing_is_written(staff_book):
    before = staff_book.read_bytes()
    with pytest.raises(CellProtected) as caught:
        WorkbookStore(staff_book).update_row("budget", "KP-03", {"actual": "0"}, {"actual": "1200000"}, user="vp")
    assert "'Kinh phí'!D4" in str(caught.value) and "công thức" in str(caught.value)
    assert staff_book.read_bytes() == before


def test_formula_results_stay_readable_after_app_writes(staff_book):
    store = WorkbookStore(staff_book)
    assert budget_rows(staff_book)["KP-03"][3] == "1200000"
    assert budget_rows(staff_book)["KP-02"][5] == "1800000"

    store.update_row("budget", "KP-02", {"note": "đã duyệt"}, {"note": ""}, user="vp")
    rows = budget_rows(staff_book)
    assert rows["KP-03"][3] == "1200000" and rows["KP-02"][5] == "1800000" and rows["KP-01"][5] == "200000"
    # The user saw 1200000 before the save above: no false "vừa được người khác sửa".
    store.update_row("budget", "KP-03", {"note": "xong"}, {"actual": "1200000", "note": ""}, user="vp")

    # A result the write changed is not passed off as current: it is left for the spreadsheet program to compute.
    store.update_row("budget", "KP-01", {"actual": "4900000"}, {"actual": "4800000"}, user="vp")
    rows = budget_rows(staff_book)
    assert rows["KP-01"][5] == "" and rows["KP-02"][5] == "1800000"
    assert load_workbook(staff_book)["Kinh phí"]["F2"].value == "=C2-D2"
    # On the staff tab: a sum over the difference column goes stale with F2 (transitively); the head count does not.
    cached = {row[0]: row[1] for row in load_workbook(staff_book, data_only=True)[SUMMARY].iter_rows(values_only=True)}
    assert cached["Tổng chênh lệch"] is None and cached["Tham dự"] > 0
    with pytest.raises(Conflict):  # a real change is still caught
        store.update_row("budget", "KP-03", {"note": "x"}, {"actual": "999"})


def test_delete_row_moves_staff_formula_references(staff_book, office_profile):
    wb = load_workbook(staff_book)
    wb[SUMMARY]["B5"] = None  # drop the single-cell reference to row 5 (tested below)
    wb.save(staff_book)
    staff_saves_in_libreoffice(office_profile, staff_book)  # (openpyxl's own save above dropped the results)
    WorkbookStore(staff_book).delete_row(
        "budget", "KP-04", {"item": "Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng"}
    )
    wb = load_workbook(staff_book)
    ws, summary = wb["Kinh phí"], wb[SUMMARY]
    assert [ws[f"F{r}"].value for r in (4, 5)] == ["=C4-D4", "=C5-D5"]  # F6 moved up with its row
    assert summary["B1"].value == "=SUM('Kinh phí'!C2:C99)"
    assert wb.defined_names["Thucchi"].attr_text == "'Kinh phí'!$D$2:$D$99"
    assert ws["D4"].value == "=1000000+200000"

    computed = libreoffice_sheet(office_profile, staff_book, "Kinh phí")
    for line in computed[1:]:
        assert int(line[5]) == int(line[2]) - int(line[3] or 0), line
    totals = libreoffice_sheet(office_profile, staff_book, SUMMARY)
    app = budget_rows(staff_book)
    assert int(totals[0][1]) == sum(int(r[2]) for r in app.values())
    assert int(totals[3][1]) == sum(int(r[3] or 0) for r in app.values())


def test_delete_that_would_break_a_formula_is_refused(staff_book):
    before = staff_book.read_bytes()
    with pytest.raises(FormulaWouldBreak) as caught:
        WorkbookStore(staff_book).delete_row("budget", "KP-04", {}, user="vp")
    message = str(caught.value)
    assert "'Tổng hợp'!B5" in message and "'Kinh phí'!C5" in message and "#REF!" in message
    assert staff_book.read_bytes() == before


# --- 3. merged cells and notes --------------------------------------------------------------


def merged_book(path: Path) -> Path:
    wb = load_workbook(path)
    ws = wb["Kinh phí"]
    ws["E3"] = "ghi chú chung KP-02..KP-03"
    ws.merge_cells("E3:E4")  # a note across two rows
    ws["G6"] = "khối riêng"
    ws.merge_cells("G6:H7")  # staff's block below
    ws["E2"].comment = Comment("ghi chú KP-01", "staff")
    ws["B6"].comment = Comment("ghi chú KP-05", "staff")
    ws["B5"].comment = Comment("ghi chú KP-04", "staff")
    ws.row_dimensions[7].height = 33  # KP-06's row, made taller by staff
    wb.save(path)
    return path


def test_a_write_inside_a_merged_range_is_refused_the_top_left_cell_is_fine(seeded_path):
    merged_book(seeded_path)
    store = WorkbookStore(seeded_path)
    before = seeded_path.read_bytes()
    with pytest.raises(CellProtected) as caught:
        store.update_row("budget", "KP-03", {"note": "x"}, {"note": ""}, user="vp")
    assert "E3:E4" in str(caught.value) and "'Kinh phí'!E4" in str(caught.value)
    assert seeded_path.read_bytes() == before
    store.update_row("budget", "KP-02", {"note": "sửa ở ô đầu"}, {"note": "ghi chú chung KP-02..KP-03"})
    assert budget_rows(seeded_path)["KP-02"][4] == "sửa ở ô đầu"


@pytest.mark.parametrize(
    ("row_id", "merges"),
    [
        ("KP-03", {"G5:H6"}),  # inside the note merge: it shrinks to one cell (unmerged), the block moves up
        ("KP-02", {"G5:H6"}),  # the note merge's top row: the text moves to the row that stays
        ("KP-04", {"E3:E4", "G5:H6"}),  # between them
    ],
)
def test_delete_row_moves_and_shrinks_merges_and_keeps_other_rows_notes(seeded_path, row_id, merges):
    merged_book(seeded_path)
    before = budget_rows(seeded_path)
    WorkbookStore(seeded_path).delete_row("budget", row_id, {})
    ws = load_workbook(seeded_path)["Kinh phí"]
    assert {str(r) for r in ws.merged_cells.ranges} == merges
    after = budget_rows(seeded_path)
    assert row_id not in after
    for other in after:
        assert after[other][:4] == before[other][:4]
    notes = {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}
    expected = {"E2": "ghi chú KP-01"}
    if row_id != "KP-04":
        expected |= {"B4": "ghi chú KP-04", "B5": "ghi chú KP-05"}
    else:
        expected |= {"B5": "ghi chú KP-05"}
    assert notes == expected
    assert ws["G5"].value == "khối riêng"
    assert ws.row_dimensions[6].height == 33 and ws.row_dimensions[7].height is None
    assert [row[4].value for row in ws.iter_rows(min_row=3, max_row=3)] == ["ghi chú chung KP-02..KP-03"]


def test_a_pulled_workbook_is_typed_in_schema_columns_and_literal_elsewhere(tmp_path):
    from services.store.transfer import write_workbook as pull_into

    path = tmp_path / "pulled.xlsx"
    pull_into(
        path,
        {
            BUDGET.title: [BUDGET.headers, ["KP-01", "Khánh tiết", "5.000.000", "=1+1", "0912"]],
            "Sự kiện": [["Mã", "Nội dung", "Giá trị"], ["event_date", "Ngày", "16/12/2026"], ["venue", "Nơi", "12"]],
            SUMMARY: [["Mã số", "44000000"]],
        },
    )
    wb = load_workbook(path)
    assert (wb[BUDGET.title]["C2"].value, wb[BUDGET.title]["C2"].number_format) == (5_000_000, MONEY_FORMAT)
    assert [(c.value, c.data_type) for c in wb[BUDGET.title][2][3:5]] == [("=1+1", "s"), ("0912", "s")]
    assert (wb["Sự kiện"]["C2"].value, wb["Sự kiện"]["C3"].value) == (datetime(2026, 12, 16), "12")
    assert wb[SUMMARY]["B1"].value == "44000000"


# --- 4. file safety -------------------------------------------------------------------------


def test_the_saved_file_keeps_its_permission_mode(seeded_path):
    os.chmod(seeded_path, 0o640)
    WorkbookStore(seeded_path).update_row("budget", "KP-02", {"note": "x"}, {"note": ""})
    assert stat.S_IMODE(seeded_path.stat().st_mode) == 0o640
    assert budget_rows(seeded_path)["KP-02"][4] == "x"


def test_data_is_fsynced_before_the_rename_and_the_folder_after(seeded_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src, dst):
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    WorkbookStore(seeded_path).update_row("budget", "KP-02", {"note": "x"}, {"note": ""})
    # two atomic saves, each file-fsync → rename → folder-fsync: the rolling backup of the last good file, then the write
    assert events == ["fsync-file", "replace", "fsync-dir"] * 2


@pytest.mark.parametrize("failing", ["openpyxl save", "fsync", "replace"])
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(seeded_path, monkeypatch, failing):
    before = seeded_path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    target = {"openpyxl save": (Workbook, "save"), "fsync": (os, "fsync"), "replace": (os, "replace")}[failing]
    monkeypatch.setattr(*target, boom)
    # ENOSPC says what to do about it (issue 27), not the bare errno
    with pytest.raises(BackendUnavailable, match="Ổ đĩa đã đầy: không ghi được"):
        WorkbookStore(seeded_path).update_row("budget", "KP-02", {"note": "x"}, {"note": ""}, user="vp")
    monkeypatch.undo()
    assert seeded_path.read_bytes() == before
    leftovers = [
        p.name for p in seeded_path.parent.iterdir() if p.name not in {seeded_path.name, seeded_path.name + ".lock"}
    ]
    assert leftovers == []


# --- 7. a real spreadsheet program over app-written cells -----------------------------------


def test_libreoffice_computes_staff_formulas_over_what_the_app_wrote(seeded_path, office_profile):
    add_staff_formulas(seeded_path)
    staff_saves_in_libreoffice(office_profile, seeded_path)
    store = WorkbookStore(seeded_path)
    store.update_row("budget", "KP-02", {"estimate": "3.500.000"}, {"estimate": "3000000"}, user="vp")
    (new_id,) = store.append_rows("budget", [{"item": "Dự phòng", "estimate": "2.000.000", "actual": "150000"}])
    store.delete_row("budget", "KP-06", {}, user="vp")
    for n, attendee in enumerate(("DB-001", "DB-002", "DB-005")):
        check_in(store, attendee, user="desk", now=datetime(2026, 12, 16, 7, 30 + n, 5))
    store.update_row("attendees", "DB-010", {"rsvp": "vắng"}, {}, user="vp")

    snapshot = store.load()
    budget = [r for r in snapshot.get("budget").rows if r and r[0]]
    people = snapshot.get("attendees").rows
    totals = {line[0]: int(line[1]) for line in libreoffice_sheet(office_profile, seeded_path, SUMMARY)}
    estimates, actuals = (sum(parse_number(r[col]) or 0 for r in budget) for col in (2, 3))
    assert totals["Tổng dự trù"] == estimates
    assert totals["Tham dự"] == sum(1 for r in people if r[8] == "tham dự")
    assert totals["Đã có mặt"] == sum(1 for r in people if r[9]) == 3
    assert totals["Tổng thực chi"] == actuals
    # Staff filled "Chênh lệch" down over the rows they had; the app's new row has no such formula.
    differences = sum((parse_number(r[2]) or 0) - (parse_number(r[3]) or 0) for r in budget if r[0] != new_id)
    assert totals["Tổng chênh lệch"] == differences
    arrived = find(seeded_path, "Đại biểu", "DB-005", "Có mặt")
    assert (arrived.value, arrived.is_date, arrived.number_format) == (
        datetime(2026, 12, 16, 7, 32, 5),
        True,
        DATETIME_FORMAT,
    )

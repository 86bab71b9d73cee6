"""Validation names every unreadable cell and never loses a row."""

from datetime import date

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.messy import EXPECTED_PROBLEMS


def test_seeded_workbook_has_no_problems(seeded_path):
    dataset = validate(WorkbookStore(seeded_path).load())
    assert dataset.problems == []
    assert dataset.settings.event_date == date(2026, 12, 16)
    assert len(dataset.frames["programme"]) == 7
    assert dataset.frames["programme"]["minutes"].sum() <= dataset.settings.session_minutes


def test_messy_workbook_problem_list_is_exact(messy_path):
    dataset = validate(WorkbookStore(messy_path).load())
    assert [(p.ref, p.value, p.severity) for p in dataset.problems] == EXPECTED_PROBLEMS
    assert all(p.message for p in dataset.problems)


def test_messy_dates_in_every_format_are_read(messy_path):
    tasks = validate(WorkbookStore(messy_path).load()).frames["tasks"]
    due = {row_id: (d.date() if d == d else None) for row_id, d in tasks["due"].items()}
    assert due["NV-001"] == date(2026, 12, 1)
    assert due["NV-002"] == date(2026, 12, 1)
    assert due["NV-003"] == date(2026, 12, 1)  # T-15 before 16/12/2026
    assert due["NV-004"] == date(2026, 12, 14)  # serial 46370 typed as a number
    assert due["NV-005"] == date(2026, 12, 15)  # serial 46371 typed as text
    assert due["NV-006"] is None
    assert due["(dòng 10)"] == date(2026, 12, 10)


def test_bad_rows_are_kept_not_dropped(messy_path):
    dataset = validate(WorkbookStore(messy_path).load())
    tasks = dataset.frames["tasks"]
    assert len(tasks) == 8  # 9 lines below the header, one of them blank
    assert "NV-003 (dòng 9)" in tasks.index
    assert tasks.loc["NV-002", "status"] == "đang làm"
    assert tasks.loc["NV-002", "progress"] == 50


def test_messy_booleans_and_money(messy_path):
    dataset = validate(WorkbookStore(messy_path).load())
    nominations = dataset.frames["nominations"]
    assert nominations.loc["DC-001", "delegate"] and nominations.loc["DC-001", "proofread"]
    assert nominations.loc["DC-002", "delegate"] and not nominations.loc["DC-002", "proofread"]
    budget = dataset.frames["budget"]
    assert budget.loc["KP-01", "estimate"] == 5_000_000 and budget.loc["KP-01", "actual"] == 4_800_000
    assert budget.loc["KP-02", "estimate"] == 3_000_000


def test_staff_tabs_are_listed_and_extra_columns_ignored(messy_path):
    dataset = validate(WorkbookStore(messy_path).load())
    assert dataset.other_tabs == ("Ghi chép riêng",)
    assert "Ghi chú riêng của phòng" not in dataset.frames["attendees"].columns


def test_raw_text_is_what_the_user_saw(messy_path):
    dataset = validate(WorkbookStore(messy_path).load())
    assert dataset.seen("tasks", "NV-003", ["due"]) == {"due": "T-15"}
    assert dataset.seen("attendees", "DB-003", ["checked_in"]) == {"checked_in": "25/11/2026 08:05"}

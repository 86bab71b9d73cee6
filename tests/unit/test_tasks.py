"""The Nhiệm vụ page's rules: deadlines shown as written, filters, what an edit or a new task writes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from services.edits.row_edits import changed_cells
from services.planning import tasks as tk

EVENT = date(2026, 12, 16)


def test_due_label_and_changed_cells():
    assert tk.due_label("T-15", pd.Timestamp(2026, 12, 1)) == "T-15 (01/12/2026)"
    assert tk.due_label("2026-12-01", pd.Timestamp(2026, 12, 1)) == "01/12/2026"
    assert tk.due_label("hôm qua", pd.NaT) == "hôm qua"
    seen = {"status": "chưa làm", "progress": "50%", "owner": "A", "due": "T-15"}
    edited = {"status": "đang làm", "progress": 50, "owner": "A ", "due": "T-14"}
    assert changed_cells(seen, edited) == {"status": "đang làm", "due": "T-14"}
    assert changed_cells({"progress": ""}, {"progress": 0}) == {}
    with pytest.raises(tk.TaskInputError):
        tk.check_due("31/02/2026", EVENT)
    tk.check_due("T-3", EVENT)


def test_filters_keep_rows_matching_every_chosen_value():
    table = pd.DataFrame({"unit": ["A", "B", "A", ""], "status": ["chưa làm", "chưa làm", "hoàn thành", "đang làm"]})
    assert tk.filter_options(table, "unit") == ["A", "B"]
    assert tk.filtered(table, {"unit": [], "status": []}).equals(table)
    assert tk.filtered(table, {"unit": ["A"], "status": ["hoàn thành"]}).index.tolist() == [2]


def test_the_form_starts_from_what_can_be_read():
    assert [tk.shown_progress(v) for v in ("40", "40%", "", "rác", "250", "-5")] == [40, 40, 0, 0, 100, 0]
    assert tk.shown_status("") == "chưa làm" and tk.shown_status("đang làm") == "đang làm"


def test_an_edit_writes_only_what_changed_and_refuses_an_unreadable_due():
    seen = {"status": "chưa làm", "progress": "0", "owner": "A", "due": "T-15"}
    assert tk.edit_changes(seen, {**seen, "owner": "B"}, EVENT) == {"owner": "B"}
    assert tk.edit_changes(seen, dict(seen), EVENT) == {}
    with pytest.raises(tk.TaskInputError, match="hôm qua"):
        tk.edit_changes(seen, {**seen, "due": "hôm qua"}, EVENT)


def test_a_new_task_needs_a_name_and_starts_at_the_progress_its_status_means():
    row = tk.new_task({"task": "Thuê xe", "due": "T-4", "status": "hoàn thành"}, EVENT)
    assert row == {"task": "Thuê xe", "due": "T-4", "status": "hoàn thành", "progress": "100"}
    assert tk.new_task({"task": "Thuê xe", "status": "chưa làm"}, EVENT)["progress"] == "0"
    with pytest.raises(tk.TaskInputError):
        tk.new_task({"task": " "}, EVENT)
    with pytest.raises(tk.TaskInputError, match="Enter the task"):
        tk.new_task({"task": ""}, EVENT, "en")
    with pytest.raises(tk.TaskInputError):
        tk.new_task({"task": "Thuê xe", "due": "31/02/2026"}, EVENT)

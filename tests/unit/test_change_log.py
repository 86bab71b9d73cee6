"""Change IDs in the log, bulk plans and their undo, and reverting a logged change — on the store in memory (the fast
layer) and on both real backends (slow: a workbook on disk, the Sheets emulator)."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from services.access import GuardedStore, Role
from services.edits import bulk_edits, change_log
from services.edits.row_edits import write_rows
from services.schema import ATTENDEES, AUDIT
from services.store.rows import operation
from services.validation import validate
from tests.backends import BACKENDS, make_backend
from tests.conftest import seeded_tabs


def _tabs(legacy_log: bool = False) -> dict[str, list[list[str]]]:
    tabs = seeded_tabs()
    if legacy_log:  # a log made before the ID columns: seven columns, one old edit
        tabs[AUDIT.title] = [
            AUDIT.headers[:7],
            ["01/11/2026 08:00:00", "cũ@skhcn", ATTENDEES.title, "DB-001", "Phản hồi", "chưa phản hồi", "tham dự"],
        ]
    return tabs


# The memory store passes the same store contract (tests/store/test_store_contract.py); what is tested here is the
# services' logic, so the real backends' runs are the slow layer's.
ON_EVERY_STORE = ["memory", *(pytest.param(kind, marks=pytest.mark.slow) for kind in BACKENDS)]


@pytest.fixture(params=ON_EVERY_STORE)
def backend(request, tmp_path):
    return make_backend(request.param, tmp_path, _tabs())


def _rsvp_col() -> int:
    return ATTENDEES.headers.index("Phản hồi") + 1


def _data_cells(backend) -> dict[str, list[list[str]]]:
    return {title: backend.cells(title) for title in _tabs() if title != AUDIT.title}


def test_a_bulk_action_is_one_operation_and_its_undo_restores_every_cell(backend):
    before = _data_cells(backend)
    data = validate(backend.store.load())
    ids = list(data.raw["attendees"].index[:5])
    plan = bulk_edits.plan("attendees", data.raw["attendees"], {i: {"rsvp": "vắng"} for i in ids})
    assert 0 < plan.count <= 5
    preview = bulk_edits.preview(plan, data.raw["attendees"])
    assert list(preview["new"]) == ["vắng"] * plan.count and "vắng" not in set(preview["old"])
    applied = bulk_edits.apply(backend.store, plan, user="vp@skhcn")
    assert applied.result.landed == [w[0] for w in plan.writes]
    assert _data_cells(backend) != before
    changes = change_log.logged_changes(backend.store.load())
    ours = [c for c in changes if c.operation == applied.operation]
    assert len(ours) == plan.count and len({c.id for c in ours}) == plan.count

    checked, result = bulk_edits.undo(backend.store, applied, user="vp@skhcn")
    assert result is not None and not result.conflicts, checked
    assert _data_cells(backend) == before
    log = change_log.logged_changes(backend.store.load())
    assert {c.reverts for c in log[-plan.count :]} == {applied.operation}


def test_an_undo_after_a_staff_edit_names_the_cell_and_writes_nothing(backend):
    data = validate(backend.store.load())
    ids = list(data.raw["attendees"].index[:3])
    plan = bulk_edits.plan("attendees", data.raw["attendees"], {i: {"rsvp": "vắng"} for i in ids})
    applied = bulk_edits.apply(backend.store, plan, user="vp@skhcn")
    backend.set_cell(ATTENDEES.title, 3, _rsvp_col(), "tham dự")  # the second attendee, meanwhile
    before = _data_cells(backend)
    checked, result = bulk_edits.undo(backend.store, applied, user="vp@skhcn")
    assert result is None
    assert [d.text for d in checked.drifts] == [
        f"'{ATTENDEES.title}'!{get_column_letter(_rsvp_col())}3 “Phản hồi”: “vắng” → “tham dự”"
    ]
    assert _data_cells(backend) == before


def test_revert_by_change_id_checks_who_and_is_logged(backend):
    data = validate(backend.store.load())
    row_id = data.raw["attendees"].index[0]
    old = data.raw["attendees"].at[row_id, "unit"]
    backend.store.update_row("attendees", row_id, {"unit": "Sở Mới"}, {"unit": old}, user="a@skhcn")
    change = change_log.logged_changes(backend.store.load())[-1]
    assert change.id.startswith("C-") and change.revertible and change.summary == f"Đơn vị: “{old}” → “Sở Mới”"
    assert change_log.revert(backend.store, change.id, user="b@skhcn", admin=False).status == change_log.FORBIDDEN
    done = change_log.revert(backend.store, change.id, user="a@skhcn", admin=False)
    assert done.status == change_log.DONE
    assert validate(backend.store.load()).raw["attendees"].at[row_id, "unit"] == old
    last = change_log.logged_changes(backend.store.load())[-1]
    assert last.reverts == change.id and last.user == "a@skhcn" and last.id != change.id
    # Reverting again: the cell no longer holds what the change wrote.
    again = change_log.revert(backend.store, change.id, user="b@skhcn", admin=True)
    assert again.status == change_log.DRIFTED and again.plan.drifts[0].now == old


@pytest.mark.parametrize("kind", ON_EVERY_STORE)
def test_an_old_log_without_ids_stays_readable_and_revertible(kind, tmp_path):
    backend = make_backend(kind, tmp_path, _tabs(legacy_log=True))
    backend.set_cell(ATTENDEES.title, 2, _rsvp_col(), "tham dự")
    changes = change_log.logged_changes(backend.store.load())
    assert [(c.id, c.row_id, c.edits[0].key) for c in changes] == [("L2", "DB-001", "rsvp")]
    assert change_log.revert(backend.store, "l2", user="cli", admin=True).status == change_log.DONE
    assert backend.cells(ATTENDEES.title)[1][_rsvp_col() - 1] == "chưa phản hồi"
    # The old log keeps its seven columns; the new line just has no ID.
    assert len(backend.cells(AUDIT.title)[0]) == 7 and len(backend.cells(AUDIT.title)) == 3


def test_read_changes_groups_lines_by_change_and_marks_added_rows():
    audit = pd.DataFrame(
        [
            ["t1", "u", ATTENDEES.title, "DB-1", "Đơn vị", "a", "b", "C-1", "OP-1", ""],
            ["t1", "u", ATTENDEES.title, "DB-1", "Chức vụ", "c", "d", "C-1", "OP-1", ""],
            ["t1", "u", ATTENDEES.title, "DB-2", "Đơn vị", "a", "b", "C-2", "OP-1", ""],
            ["t2", "u", ATTENDEES.title, "DB-9", "(thêm dòng)", "", "x", "", "", ""],
        ],
        columns=[c.key for c in AUDIT.columns],
    )
    changes = change_log.read_changes(audit)
    assert [(c.id, len(c.edits), c.revertible) for c in changes] == [
        ("C-1", 2, True),
        ("C-2", 1, True),
        ("L5", 1, False),
    ]
    assert [c.id for c in change_log.select(changes, "op-1")] == ["C-1", "C-2"]


def test_several_rows_written_by_a_form_are_one_operation_and_nest(seeded_store):
    store = seeded_store
    data = validate(store.load())
    ids = list(data.raw["programme"].index[:2])
    write_rows(store, data, "programme", {i: {"note": f"ghi chú {i}"} for i in ids}, user="vp")
    two = change_log.logged_changes(store.load())[-2:]
    assert two[0].operation and two[0].operation == two[1].operation and two[0].id != two[1].id
    with operation() as outer:
        data = validate(store.load())
        write_rows(store, data, "programme", {i: {"note": ""} for i in ids}, user="vp")
    assert {c.operation for c in change_log.logged_changes(store.load())[-2:]} == {outer}
    assert change_log.revert(store, outer, user="vp", admin=False).status == change_log.DONE
    assert [validate(store.load()).raw["programme"].at[i, "note"] for i in ids] == [f"ghi chú {i}" for i in ids]


def test_a_revert_the_store_refuses_says_why_row_by_row(seeded_store):
    store = seeded_store
    store.update_row("attendees", "DB-003", {"seat": "C7"}, {"seat": ""}, user="vp")
    change = change_log.logged_changes(store.load())[-1].id
    viewer = GuardedStore(store, Role.VIEWER, "vp")
    done = change_log.revert(viewer, change, user="vp", admin=False)
    assert done.status == change_log.RACED
    text = change_log.outcome_text(done, change)
    assert text.startswith("Đã hoàn tác 0 dòng") and "DB-003: " in text and str(done.result.conflicts[0][1]) in text
    assert validate(store.load()).raw["attendees"].at["DB-003", "seat"] == "C7"

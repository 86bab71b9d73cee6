"""The all-or-nothing gate of an import: the page's button and `commit_import` ask the same question."""

from __future__ import annotations

import pytest

from services.people.importer import ImportPlan, ImportRefused, Rejected, commit_import
from services.store.workbook import WorkbookStore

ROW = {"name": "Người Mới", "group": "khách mời", "rsvp": "chưa phản hồi"}
CLEAN = ImportPlan(accepted=[(2, ROW)], rejected=[], blank_lines=[])
MIXED = ImportPlan(accepted=[(2, ROW)], rejected=[Rejected(3, {}, "Thiếu “Họ và tên”")], blank_lines=[])
NOTHING = ImportPlan(accepted=[], rejected=[Rejected(3, {}, "Thiếu “Họ và tên”")], blank_lines=[])


@pytest.mark.parametrize(
    ("plan", "only_accepted", "ready"),
    [
        (CLEAN, False, True),
        (MIXED, False, False),  # a rejected row holds the whole file back…
        (MIXED, True, True),  # …unless the user chose to import only the accepted rows
        (NOTHING, True, False),
        (ImportPlan([], [], []), False, False),
    ],
)
def test_the_gate_and_the_commit_agree(plan, only_accepted, ready, seeded_path):
    assert plan.ready(only_accepted) is ready
    store = WorkbookStore(seeded_path)
    before = seeded_path.read_bytes()
    if ready:
        assert len(commit_import(store, plan, user="test", only_accepted=only_accepted)) == 1
    else:
        with pytest.raises(ImportRefused):
            commit_import(store, plan, user="test", only_accepted=only_accepted)
        assert seeded_path.read_bytes() == before

"""Saving the delegates: honoree marks and the staff setting, which is updated or (older workbooks) added."""

from __future__ import annotations

import pytest

from services.awards.delegates import STAFF_SETTING, save_delegates
from services.awards.honours import HonoursError
from services.store.workbook import WorkbookStore
from services.validation import validate


def load(path):
    return validate(WorkbookStore(path).load())


def marked(data) -> list[str]:
    frame = data.frames["nominations"]
    return sorted(frame.index[frame["delegate"].astype(bool)])


def test_marks_honorees_and_updates_the_staff_setting(seeded_store):
    store = seeded_store
    written = save_delegates(store, validate(store.load()), ["DC-002", "DB-008", "DB-005"], user="vp")
    assert written.complete and written.rows == 3  # DC-001 unmarked, DC-002 marked, the setting
    after = validate(store.load())
    assert marked(after) == ["DC-002"]
    assert after.settings.text(STAFF_SETTING) == "DB-008, DB-005"


def test_adds_the_staff_setting_when_the_workbook_has_none(seeded_store):
    store = seeded_store
    store.delete_row("settings", STAFF_SETTING, {}, user="x")
    assert STAFF_SETTING not in validate(store.load()).raw["settings"].index
    assert save_delegates(store, validate(store.load()), ["DC-001", "DB-006"], user="vp").complete
    assert validate(store.load()).settings.text(STAFF_SETTING) == "DB-006"


def test_an_unchanged_list_writes_nothing(seeded_path):
    before = seeded_path.read_bytes()
    written = save_delegates(WorkbookStore(seeded_path), load(seeded_path), ["DC-001"], user="vp")
    assert written.complete and written.rows == 0
    assert seeded_path.read_bytes() == before


@pytest.mark.parametrize("picked", [["DC-005"], ["DC-001", "DC-002", "DC-003", "DC-004", "DC-006", "DB-005"]])
def test_a_refused_list_writes_nothing(seeded_path, picked):
    """Someone not approved, or more than the quota of 5: refused before the first write."""
    before = seeded_path.read_bytes()
    with pytest.raises(HonoursError):
        save_delegates(WorkbookStore(seeded_path), load(seeded_path), picked, user="vp")
    assert seeded_path.read_bytes() == before


def test_a_conflict_on_the_setting_is_reported_after_the_marks(seeded_store):
    store = seeded_store
    seen = validate(store.load())
    store.update_row("settings", STAFF_SETTING, {"value": "DB-007"}, {}, user="x")  # someone else meanwhile
    written = save_delegates(store, seen, ["DC-001", "DC-002", "DB-008"], user="vp")
    assert written.rows == 1 and written.error is not None
    after = validate(store.load())
    assert marked(after) == ["DC-001", "DC-002"]
    assert after.settings.text(STAFF_SETTING) == "DB-007"

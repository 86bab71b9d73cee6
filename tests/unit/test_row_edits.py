"""Several rows written one conditional write at a time: how far a run got, and what a bulk write reports."""

from __future__ import annotations

from services.edits.row_edits import write_each, write_rows
from services.store import Conflict
from services.validation import validate


def notes(store, *ids):
    raw = validate(store.load()).raw["attendees"]
    return [raw.at[i, "note"] for i in ids]


def test_write_rows_stops_at_the_first_refusal_and_says_how_far_it_got(seeded_store):
    store = seeded_store
    seen = validate(store.load())  # what the user saw
    store.update_row("attendees", "DB-002", {"note": "người khác sửa"}, {}, user="x")  # someone edits meanwhile
    changes = {i: {"note": f"ghi chú {i}"} for i in ("DB-001", "DB-002", "DB-003")}
    written = write_rows(store, seen, "attendees", changes, user="văn phòng")
    assert written.rows == 1 and not written.complete
    assert isinstance(written.error, Conflict)
    assert notes(store, "DB-001", "DB-002", "DB-003") == [
        "ghi chú DB-001",
        "người khác sửa",  # the newer edit is kept
        seen.raw["attendees"].at["DB-003", "note"],  # not tried after the refusal
    ]


def test_write_rows_with_nothing_to_write_is_complete(seeded_store):
    store = seeded_store
    written = write_rows(store, validate(store.load()), "attendees", {}, user="x")
    assert written.rows == 0 and written.complete


def test_write_each_reports_conflicts_and_writes_the_rest(seeded_store):
    store = seeded_store
    before = validate(store.load()).raw["attendees"]
    store.update_row("attendees", "DB-002", {"note": "người khác sửa"}, {}, user="x")
    writes = [(i, {"note": "mới"}, {"note": before.at[i, "note"]}) for i in ("DB-001", "DB-002", "DB-003")]
    result = write_each(store, "attendees", writes, user="văn phòng")
    assert result.landed == ["DB-001", "DB-003"]
    assert [i for i, _ in result.conflicts] == ["DB-002"]
    assert notes(store, "DB-001", "DB-002", "DB-003") == ["mới", "người khác sửa", "mới"]

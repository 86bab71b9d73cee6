"""The seating page in AppTest: preview, apply, move by hand."""

from __future__ import annotations

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


def seats(path):
    return validate(WorkbookStore(path).load()).raw["attendees"]["seat"]


def test_preview_then_apply_writes_the_seats(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "seating")
    assert not at.exception
    at.button(key="seating_preview").click().run()
    assert not at.exception
    assert (seats(seeded_path) == "").all(), "a preview writes nothing"
    at.button(key="seating_apply").click().run()
    assert not at.exception
    written = seats(seeded_path)
    assert (written != "").sum() == 39
    assert written["DB-001"] == "A06", "the provincial leader sits front row, at the aisle"
    assert any("Đã ghi 39 ghế" in s.value for s in at.success)


def test_move_by_hand_and_refuse_a_taken_seat(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "seating")
    at.selectbox(key="seating_person").set_value("DB-010").run()
    at.text_input(key="seating_seat_DB-010").input("j 12").run()
    at.button(key="seating_save").click().run()
    assert not at.exception
    assert seats(seeded_path)["DB-010"] == "J12"
    at.selectbox(key="seating_person").set_value("DB-011").run()
    at.text_input(key="seating_seat_DB-011").input("J12").run()
    at.button(key="seating_save").click().run()
    assert seats(seeded_path)["DB-011"] == ""
    assert any("J12" in e.value for e in at.error)

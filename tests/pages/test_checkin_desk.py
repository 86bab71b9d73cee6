"""The door desk page in AppTest: typed/scanned ID, search + click, undo, already-checked-in message, walk-in."""

from __future__ import annotations

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


def arrival(path, attendee_id: str) -> str:
    raw = validate(WorkbookStore(path).load()).raw["attendees"]
    return raw.at[attendee_id, "checked_in"]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_typed_or_scanned_id_and_enter_checks_in_directly(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("db-010").run()  # scanners may send lower case
    assert not at.exception
    assert arrival(seeded_path, "DB-010")
    assert any("Đã điểm danh" in s and "DB-010" in s for s in texts(at.success))
    assert at.text_input(key="checkin_query").value == "", "the box is cleared for the next scan"
    assert at.metric[0].value == "1"


def test_search_without_accents_then_click(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    name = validate(WorkbookStore(seeded_path).load()).frames["attendees"].at["DB-005", "name"]  # Nguyễn Quang Huy
    at.text_input(key="checkin_query").input("nguyen quang huy").run()
    assert not arrival(seeded_path, "DB-005"), "a name search alone writes nothing"
    at.button(key="checkin_do_DB-005").click().run()
    assert not at.exception
    assert arrival(seeded_path, "DB-005")
    assert any(name in s for s in texts(at.success))


def test_undo_clears_the_time_this_desk_wrote(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("DB-012").run()
    assert arrival(seeded_path, "DB-012")
    at.button(key="checkin_undo").click().run()
    assert not at.exception
    assert arrival(seeded_path, "DB-012") == ""
    assert any("hoàn tác" in s.lower() for s in texts(at.info))
    assert at.metric[0].value == "0"


def test_second_check_in_says_when_instead_of_overwriting(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("DB-020").run()
    first = arrival(seeded_path, "DB-020")
    at.text_input(key="checkin_query").input("DB-020").run()
    assert not at.exception
    assert arrival(seeded_path, "DB-020") == first
    warnings = texts(at.warning)
    assert any("đã điểm danh lúc " + first[11:16] in w for w in warnings), warnings


def test_walk_in_is_added_and_checked_in(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_walkin_name").input("Đặng Thị Khách")
    at.text_input(key="checkin_walkin_unit").input("Báo Lạng Sơn")
    at.button(key="checkin_walkin_submit").click().run()
    assert not at.exception
    people = validate(WorkbookStore(seeded_path).load()).raw["attendees"]
    row = people[people["name"] == "Đặng Thị Khách"].iloc[0]
    assert row["checked_in"] and row["group"] == "khách mời" and row["rsvp"] == "tham dự"

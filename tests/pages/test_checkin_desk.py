"""The door desk page in AppTest: typed/scanned ID, search + click, undo, already-checked-in card, walk-in."""

from __future__ import annotations

import errno
import re

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app
from tests.disk_faults import refusing_writes

_ESCAPE = re.compile(r"\\(.)")


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def card(at) -> tuple[str, str]:
    """(outcome, visible text) of the result card on the page; ("", "") when there is none."""
    for block in _blocks(at.main):
        key = getattr(block, "key", None) or ""
        if key.startswith("desk_result_"):
            lines = [_ESCAPE.sub(r"\1", m.value) for m in _blocks(block) if type(m).__name__ == "Markdown"]
            return key.removeprefix("desk_result_"), " ".join(" ".join(lines).split())
    return "", ""


def card_colour(at) -> str:
    """The background the card's style sheet gives it."""
    outcome = card(at)[0]
    for element in at.get("html"):
        if m := re.search(rf"\.st-key-desk_result_{outcome}\{{background:(#\w+)", element.proto.body):
            return m.group(1)
    return ""


def arrival(path, attendee_id: str) -> str:
    raw = validate(WorkbookStore(path).load()).raw["attendees"]
    return raw.at[attendee_id, "checked_in"]


def arrival_row(path, attendee_id: str):
    return validate(WorkbookStore(path).load()).raw["attendees"].loc[attendee_id]


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_typed_or_scanned_id_and_enter_checks_in_directly(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("db-010").run()  # scanners may send lower case
    assert not at.exception
    assert arrival(seeded_path, "DB-010")
    outcome, text = card(at)
    assert outcome == "ok" and "ĐÃ ĐIỂM DANH" in text and "DB-010" in text, text
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
    assert card(at)[0] == "ok" and name in card(at)[1]


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
    outcome, text = card(at)
    assert outcome == "already" and "ĐÃ CÓ MẶT TỪ TRƯỚC — lúc " + first[11:16] in text, text


def test_walk_in_is_added_and_checked_in(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_walkin_name").input("Đặng Thị Khách")
    at.text_input(key="checkin_walkin_unit").input("Báo Lạng Sơn")
    at.button(key="checkin_walkin_submit").click().run()
    assert not at.exception
    people = validate(WorkbookStore(seeded_path).load()).raw["attendees"]
    row = people[people["name"] == "Đặng Thị Khách"].iloc[0]
    assert row["checked_in"] and row["group"] == "khách mời" and row["rsvp"] == "tham dự"


def give(path, attendee_id: str, **cells: str) -> None:
    WorkbookStore(path).update_row("attendees", attendee_id, cells, dict.fromkeys(cells, ""), user="test")


def test_the_card_shows_name_unit_and_seat_in_green(seeded_path, monkeypatch):
    give(seeded_path, "DB-012", seat="C-07")
    frame = validate(WorkbookStore(seeded_path).load()).frames["attendees"]
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("DB-012").run()
    outcome, text = card(at)
    assert outcome == "ok"
    assert frame.at["DB-012", "name"] in text and frame.at["DB-012", "unit"] in text and "Ghế C-07" in text
    assert card_colour(at) == "#1B5E20"


def test_loose_ids_typed_at_the_desk_check_in_the_right_person(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    for typed, wanted in (("db 7", "DB-007"), ("DB-8", "DB-008"), ("db009", "DB-009")):
        at.text_input(key="checkin_query").input(typed).run()
        assert not at.exception
        assert arrival(seeded_path, wanted), typed
        assert card(at)[0] == "ok" and wanted in card(at)[1]


def test_an_unknown_id_is_a_red_card_and_writes_nothing(seeded_path, monkeypatch):
    before = validate(WorkbookStore(seeded_path).load()).raw["attendees"]["checked_in"].tolist()
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("db 999").run()
    assert not at.exception
    outcome, text = card(at)
    assert outcome == "unknown" and "DB-999" in text and "KHÔNG CÓ TRONG DANH SÁCH" in text
    assert card_colour(at) == "#B71C1C"
    assert validate(WorkbookStore(seeded_path).load()).raw["attendees"]["checked_in"].tolist() == before


def test_three_outcomes_have_three_colours():
    from services.people.desk import BEEPS, COLOURS, Outcome

    assert len(set(COLOURS.values())) == len(Outcome) == len(COLOURS)
    assert len({tuple(v) for v in BEEPS.values()}) == len(Outcome)


def test_a_name_with_html_or_markdown_shows_as_typed(seeded_path, monkeypatch):
    typed = "<img src=x onerror=alert(1)> **Hòa** [x](http://a)"
    old = arrival_row(seeded_path, "DB-012")["name"]
    WorkbookStore(seeded_path).update_row("attendees", "DB-012", {"name": typed}, {"name": old}, user="test")
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("DB-012").run()
    assert card(at)[0] == "ok" and typed in card(at)[1]
    assert all("<img" not in element.proto.body for element in at.get("html"))


def test_a_read_only_journal_folder_does_not_stop_the_desk(seeded_path, tmp_path, monkeypatch):
    """Issue 27: with the journal's folder read-only (a disk remounted after errors) and the store healthy, the
    page draws and the check-in goes straight to the store."""
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setenv("CONFERENCE_CHECKIN_JOURNAL", str(folder / "checkin_journal.jsonl"))
    with refusing_writes(monkeypatch, folder):
        at = open_app(seeded_path, monkeypatch, "checkin")
        assert not at.exception, at.exception
        at.text_input(key="checkin_query").input("DB-010").run()
        assert not at.exception, at.exception
    assert card(at)[0] == "ok" and arrival(seeded_path, "DB-010")


def test_a_scan_nobody_could_keep_is_shown_with_a_note_to_write_it_down(seeded_path, tmp_path, monkeypatch):
    """The workbook's disk is full and the journal is on it: the card shows the guest, says NOT SAVED, and the
    error tells staff to write it on paper — no exception, no English errno."""
    monkeypatch.delenv("CONFERENCE_CHECKIN_JOURNAL", raising=False)
    at = open_app(seeded_path, monkeypatch, "checkin")
    with refusing_writes(monkeypatch, seeded_path.parent, errno.ENOSPC):
        at.text_input(key="checkin_query").input("DB-010").run()
    assert not at.exception, at.exception
    outcome, text = card(at)
    assert outcome == "not_saved" and "GHI TRÊN GIẤY" in text and "DB-010" in text, text
    errors = texts(at.error)
    assert any("giấy" in e and "Ổ đĩa đã đầy" in e for e in errors), errors
    assert not any("Errno" in e or "OSError" in e for e in errors), errors
    assert not arrival(seeded_path, "DB-010")


def _order(node, out=None) -> list[tuple[str, str]]:
    """Every element in page order as (kind, key or text), descending into columns and expanders."""
    out = [] if out is None else out
    for child in getattr(node, "children", {}).values():
        kind = type(child).__name__
        label = getattr(child, "key", None) or ""
        if not label:
            value = getattr(child, "value", None)
            label = value if isinstance(value, str) else getattr(child, "label", "")
        out.append((kind, str(label)))
        _order(child, out)
    return out


def _position(order, kind: str, needle: str) -> int:
    return next(i for i, (k, v) in enumerate(order) if k == kind and needle in v)


def test_under_a_red_card_the_previous_guests_undo_is_not_right_below(seeded_path, monkeypatch):
    """Issue 27: a thumb under "KHÔNG CÓ TRONG DANH SÁCH" must not land on the previous guest's undo."""
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_query").input("DB-012").run()
    order = _order(at.main)
    assert _position(order, "Button", "checkin_undo") < _position(order, "TextInput", "checkin_query")
    at.text_input(key="checkin_query").input("DB-999").run()
    assert card(at)[0] == "unknown"
    order = _order(at.main)
    undo_at = _position(order, "Button", "checkin_undo")
    assert undo_at > _position(order, "TextInput", "checkin_query"), "moved below the search box"
    assert any(k == "Expander" for k, _ in order[:undo_at]), "and folded away"
    at.button(key="checkin_undo").click().run()
    assert arrival(seeded_path, "DB-012") == "", "still undoes the guest it names"


def test_the_walk_in_confirmation_shows_by_its_form(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "checkin")
    at.text_input(key="checkin_walkin_name").input("Đặng Thị Khách")
    at.button(key="checkin_walkin_submit").click().run()
    assert not at.exception, at.exception
    order = _order(at.main)
    done = _position(order, "Success", "Đặng Thị Khách")
    assert done > _position(order, "Subheader", "Số liệu trực tiếp"), "with the form, not at the top of the page"
    assert done > _position(order, "TextInput", "checkin_query")
    assert [b for b in order if b[0] == "Button" and b[1] == "checkin_undo"] == []
    at.button(key="checkin_walkin_undo").click().run()
    people = validate(WorkbookStore(seeded_path).load()).raw["attendees"]
    assert people[people["name"] == "Đặng Thị Khách"].iloc[0]["checked_in"] == ""

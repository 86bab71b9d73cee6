"""“Hoàn tác” after a save of several rows that has no preview dialog (ui.undo_last): the programme's order here,
the same for delegates and settings. Undone from Nhật ký, checked against the sheet first."""

from __future__ import annotations

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app
from ui.context import LANG_KEY

UNDO = "programme_flash_undo_last"


def orders(path) -> dict[str, str]:
    return validate(WorkbookStore(path).load()).raw["programme"]["order"].to_dict()


def test_a_move_is_undone_cell_for_cell(seeded_path, monkeypatch):
    before = orders(seeded_path)
    at = open_app(seeded_path, monkeypatch, "programme")
    assert not [b for b in at.button if b.key == UNDO]  # nothing to undo yet
    at.button(key="programme_down").click().run()
    assert not at.exception
    moved = orders(seeded_path)
    assert (moved["CT-01"], moved["CT-02"]) == ("2", "1")
    assert any("vừa đổi 2 dòng" in c.value for c in at.caption)
    at.button(key=UNDO).click().run()
    assert not at.exception and not at.error
    assert orders(seeded_path) == before
    assert any("Đã hoàn tác OP-" in s.value for s in at.success)
    assert not [b for b in at.button if b.key == UNDO]  # done: the button is gone
    assert at.dataframe[0].value["Mã"].tolist()[:2] == ["CT-01", "CT-02"]


def test_a_cell_changed_since_is_named_and_nothing_is_written(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "programme")
    at.button(key="programme_down").click().run()
    WorkbookStore(seeded_path).update_row("programme", "CT-01", {"order": "5"}, {"order": "2"}, user="cán bộ")
    drifted = orders(seeded_path)
    at.button(key=UNDO).click().run()
    assert not at.exception
    assert any("'Chương trình'!" in e.value and "“5”" in e.value for e in at.error), [e.value for e in at.error]
    assert orders(seeded_path) == drifted
    assert [b for b in at.button if b.key == UNDO]  # still offered: it may be undone once the cell is put back


def test_the_same_user_may_undo_after_switching_language(seeded_path, monkeypatch):
    """Nhật ký records the local user in Vietnamese whatever the screen's language: switching to English does not
    make one's own change someone else's."""
    before = orders(seeded_path)
    at = open_app(seeded_path, monkeypatch, "programme")
    at.button(key="programme_down").click().run()
    at.selectbox(key=LANG_KEY).set_value("en").run()
    at.button(key=UNDO).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert orders(seeded_path) == before
    users = set(validate(WorkbookStore(seeded_path).load()).frames["audit"]["user"])
    assert users == {"cục bộ"}

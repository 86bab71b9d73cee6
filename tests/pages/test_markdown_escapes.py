"""Staff-typed names are shown as typed on Tổng quan and Khen thưởng: `**x**`, `:red[x]` and `[x](url)` in the event
name, an award form or a nominee are escaped, never drawn as bold, colour or a link. And a message about missing tabs
or columns names only a button this user has (the local desk has no admin and no “Khởi tạo cấu trúc”)."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import AlertBase, HeadingBase, Markdown, Toast

from services.access import hash_passcode
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import PAGES, open_app, sign_in
from ui.context import md

EVIL = "**Đậm** :red[đỏ] [bấm](http://x)"
RAW = ("**Đậm**", ":red[đỏ]", "[bấm](http://x)", "[bấm]")
FORM = "Giấy khen của Giám đốc Sở"  # HT-07: no vote needed, so the council shows "“<form>” không yêu cầu biểu quyết."
NOMINEE = "DC-009"  # one of its nominations, under review


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-11-25")


@pytest.fixture
def evil_path(seeded_path):
    store = WorkbookStore(seeded_path)
    store.update_row("settings", "event_name", {"value": EVIL}, {})
    store.update_row("awards", "HT-07", {"name": EVIL}, {})
    nominations = validate(store.load()).raw["nominations"]
    for row_id in nominations.index[nominations["award"] == FORM]:
        store.update_row("nominations", row_id, {"award": EVIL}, {})
    store.update_row("nominations", NOMINEE, {"name": EVIL, "unit": EVIL, "position": EVIL}, {})
    data = validate(store.load())
    assert data.settings.text("event_name") == EVIL and data.frames["nominations"].loc[NOMINEE, "award"] == EVIL
    return seeded_path


def shown_texts(at: AppTest) -> list[str]:
    """Everything Streamlit draws as markdown: text elements, alerts, headings, and every element's label."""
    texts: list[str] = []
    for node in at._tree:
        if isinstance(node, Markdown | AlertBase | HeadingBase | Toast) and isinstance(node.value, str):
            texts.append(node.value)
        label = getattr(node, "label", None)
        if isinstance(label, str):
            texts.append(label)
    return texts


def assert_escaped(at: AppTest, where: str) -> list[str]:
    assert not at.exception, (where, at.exception)
    texts = shown_texts(at)
    raw = [text for text in texts if any(r in text for r in RAW)]
    assert not raw, (where, raw)
    return texts


def test_overview_shows_the_event_name_as_typed(evil_path, monkeypatch):
    at = open_app(evil_path, monkeypatch, "overview")
    texts = assert_escaped(at, "overview")
    assert any(md(EVIL) in text for text in texts), texts
    assert md(EVIL).startswith(r"\*\*Đậm\*\*")


def test_nominations_show_award_forms_and_nominees_as_typed(evil_path, monkeypatch):
    at = open_app(evil_path, monkeypatch, "nominations")
    assert_escaped(at, "nominations")
    at.selectbox(key="nom_vote_pick").set_value(NOMINEE).run()
    texts = assert_escaped(at, "council")
    verdicts = [s.value for s in at.success if "không yêu cầu biểu quyết" in s.value]
    assert verdicts == [f"“{md(EVIL)}” không yêu cầu biểu quyết."], [s.value for s in at.success]
    assert any(f"Hình thức: {md(EVIL)} · biểu quyết" in text for text in texts), texts
    at.selectbox(key="nom_pick").set_value(NOMINEE).run()
    assert_escaped(at, "entry form")
    at.button(key="nom_approve").click().run()  # the flash after the move quotes the nominee
    texts = assert_escaped(at, "approved")
    assert validate(WorkbookStore(evil_path).load()).frames["nominations"].loc[NOMINEE, "status"] == "đã duyệt"
    assert any(md(EVIL) in text and "đã duyệt" in text for text in texts), texts


def test_a_viewer_sees_the_names_as_typed_too(evil_path, monkeypatch):
    roles = {"roles": {"passcodes": {"viewer": hash_passcode("xem", iterations=1_000)}}}
    at = sign_in(open_app(evil_path, monkeypatch, secrets=roles), "xem")
    for page in ("overview", "nominations"):
        at.switch_page(f"content/{page}.py").run()
        assert_escaped(at, f"viewer {page}")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_formatting_in_names(page, evil_path, monkeypatch):
    at = open_app(evil_path, monkeypatch, page)
    assert not at.exception, at.exception
    assert at.title, page


# --- missing tabs and columns: the message names a button this user has ------------------------------------------


def _drop_tab(path, title: str) -> None:
    book = load_workbook(path)
    del book[title]
    book.save(path)


def test_local_mode_names_its_own_button_not_the_admins(seeded_path, monkeypatch):
    _drop_tab(seeded_path, "Nhiệm vụ")
    at = open_app(seeded_path, monkeypatch, "data")
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning if "Nhiệm vụ" in w.value]
    assert "Khởi tạo cấu trúc" not in " ".join(shown_texts(at)), "the admin's button is named where there is none"
    assert not [b for b in at.button if b.label.startswith("Khởi tạo cấu trúc")]
    (named,) = re.findall(r"Bấm “([^”]+)”", warning)
    button = at.button(key="sidebar_fix_structure")
    assert button.label == named, (named, button.label)
    button.click().run()
    assert not at.exception, at.exception
    assert WorkbookStore(seeded_path).load().get("tasks") is not None, "the button added the tab"
    assert not [w for w in at.warning if "Nhiệm vụ" in w.value and "Bấm" in w.value]
    assert any("Nhiệm vụ" in s.value for s in at.success)


def test_local_mode_names_missing_columns_too(seeded_path, monkeypatch):
    book = load_workbook(seeded_path)
    book["Đơn vị"].delete_cols(3)  # “Tên viết tắt”
    book.save(seeded_path)
    at = open_app(seeded_path, monkeypatch, "overview")
    assert any("Tên viết tắt" in w.value and "Đơn vị" in w.value for w in at.warning), [w.value for w in at.warning]
    at.button(key="sidebar_fix_structure").click().run()
    assert "Tên viết tắt" in WorkbookStore(seeded_path).load().get("units").header


def _message_script() -> None:
    import streamlit as st

    from services.store import HeaderMissing, TabMissing
    from ui.auth import store_error_text

    st.error(store_error_text(TabMissing("Nhiệm vụ")))
    st.error(store_error_text(HeaderMissing("Đơn vị", ["Tên viết tắt"])))


def _messages(seeded_path, monkeypatch, secrets: dict | None = None, role: str | None = None) -> list[str]:
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(seeded_path))
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(_message_script, default_timeout=30)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if role:
        at.session_state["auth_role"] = role
    at.run()
    assert not at.exception, at.exception
    return [e.value for e in at.error]


ADMIN_ROLES = {
    "roles": {
        "passcodes": {
            "admin": hash_passcode("qt", iterations=1_000),
            "editor": hash_passcode("sua", iterations=1_000),
        }
    }
}


def test_a_missing_tab_tells_each_user_what_they_can_press(seeded_path, monkeypatch):
    local = _messages(seeded_path, monkeypatch)
    assert all("Khởi tạo cấu trúc" not in m and "Thêm trang/cột còn thiếu" in m for m in local), local
    assert "Nhiệm vụ" in local[0] and "Tên viết tắt" in local[1]
    admin = _messages(seeded_path, monkeypatch, ADMIN_ROLES, "ADMIN")
    assert all("Bấm “Khởi tạo cấu trúc" in m and "trang Dữ liệu" in m for m in admin), admin
    editor = _messages(seeded_path, monkeypatch, ADMIN_ROLES, "EDITOR")
    assert all(m.count("Nhờ người có quyền quản trị bấm “Khởi tạo cấu trúc") == 1 for m in editor), editor
    # the admin's button is really there for the admin
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ADMIN_ROLES), "qt")
    at.switch_page("content/data.py").run()
    assert any(b.label.startswith("Khởi tạo cấu trúc") for b in at.button)


def _local_write_script() -> None:
    from ui.editing import run

    run(lambda store, user: store.update_row("tasks", "NV-01", {"status": "xong"}, {}, user=user))


def test_a_local_write_to_a_missing_tab_names_the_sidebar_button(seeded_path, monkeypatch):
    _drop_tab(seeded_path, "Nhiệm vụ")
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(seeded_path))
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(_local_write_script, default_timeout=30).run()
    assert not at.exception, at.exception
    (message,) = [e.value for e in at.error]
    assert "Nhiệm vụ" in message and "Thêm trang/cột còn thiếu" in message, message
    assert "Khởi tạo cấu trúc" not in message, message


def test_the_cli_adds_what_is_missing_and_its_messages_name_it(seeded_path, capsys):
    import cli
    from services.store import TabMissing
    from services.store.errors import ADD_MISSING

    _drop_tab(seeded_path, "Nhiệm vụ")
    assert ADD_MISSING in str(TabMissing("Nhiệm vụ")) and "Khởi tạo cấu trúc" not in str(TabMissing("Nhiệm vụ"))
    assert cli.main(["ensure-schema", "--workbook", str(seeded_path)]) == 0
    assert "Nhiệm vụ" in capsys.readouterr().out
    assert WorkbookStore(seeded_path).load().get("tasks") is not None
    assert cli.main(["ensure-schema", "--workbook", str(seeded_path)]) == 0
    assert "không cần thêm gì" in capsys.readouterr().out

"""What each role sees, drawn by the app in AppTest (the rules themselves: tests/unit/test_access.py)."""

from __future__ import annotations

import time

import pytest

from tests.apptest_helpers import open_app, sign_in
from tests.unit.test_access import ROLES, nav_titles


def test_with_roles_configured_nothing_is_shown_before_sign_in(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, secrets=ROLES)
    assert not at.exception
    assert nav_titles(at) == {"Đăng nhập"}
    sign_in(at, "sai")
    assert nav_titles(at) == {"Đăng nhập"}


def test_viewer_sees_no_editor_pages(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "xem")
    titles = nav_titles(at)
    assert "Tổng quan" in titles
    assert not titles & {"Đại biểu", "Điểm danh", "Sơ đồ chỗ ngồi", "Dữ liệu"}


def test_editor_sees_the_staff_pages(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    assert {"Đại biểu", "Điểm danh", "Dữ liệu"} <= nav_titles(at)


def test_session_times_out(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    at.switch_page("content/data.py").run()
    assert "Điểm danh" in nav_titles(at)
    at.session_state["auth_since"] = time.time() - 61
    at.run()
    assert nav_titles(at) == {"Đăng nhập"}


def test_a_viewer_cannot_open_an_editor_page_by_its_path(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    at.switch_page("content/data.py").run()
    assert at.title[0].value == "Dữ liệu"
    at.session_state["auth_role"] = "VIEWER"  # same URL (page hash), now as a viewer
    at.run()
    assert not at.exception
    assert at.title[0].value != "Dữ liệu"
    assert "Dữ liệu" not in nav_titles(at)


def test_pages_run_inside_the_app_frame(seeded_path, monkeypatch):
    # Regression: a `pages/` folder made Streamlit run the page file alone (no sidebar, no role check); the pages now
    # live in content/ (tests/unit/test_hardening_repo.py).
    at = open_app(seeded_path, monkeypatch, "data")
    assert at.title[0].value == "Dữ liệu"
    assert any(c.value.startswith("Dữ liệu lúc ") for c in at.sidebar.caption)


def _widget_keys(at) -> set[str]:
    keys = set()
    for kind in ("button", "text_input", "selectbox", "number_input", "checkbox", "multiselect", "text_area"):
        keys |= {w.key for w in getattr(at, kind) if w.key}
    return keys


@pytest.mark.parametrize("page", ["tasks", "programme"])
def test_viewer_sees_the_page_but_no_editing_widgets(page, seeded_path, monkeypatch):
    editor = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    editor.switch_page(f"content/{page}.py").run()
    editing = {k for k in _widget_keys(editor) if "filter" not in k and not k.startswith(("sidebar", "lang", "auth"))}
    assert editing, "the editor sees edit widgets (so the check below can fail)"
    viewer = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "xem")
    viewer.switch_page(f"content/{page}.py").run()
    assert not viewer.exception
    assert _widget_keys(viewer) & editing == set()
    assert any("chế độ xem" in c.value for c in viewer.caption)


def test_viewer_sees_nomination_lists_without_forms(seeded_path, monkeypatch):
    viewer = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "xem")
    viewer.switch_page("content/nominations.py").run()
    assert not viewer.exception
    assert len(viewer.dataframe) == 4
    assert not [w for w in viewer.button if w.key and w.key.startswith("nom_")]
    assert not viewer.text_input

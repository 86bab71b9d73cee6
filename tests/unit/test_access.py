"""Roles: passcode hashes, defaults per backend, the write guard, and what each role sees."""

from __future__ import annotations

import time

import pytest

from services.access import (
    AccessPolicy,
    GuardedStore,
    PermissionDenied,
    Role,
    default_role,
    hash_passcode,
    load_policy,
    verify_passcode,
)
from services.store import BackendInfo
from tests.apptest_helpers import open_app, sign_in

WORKBOOK = BackendInfo("workbook", "conference.xlsx", "/tmp/conference.xlsx")
SHEET = BackendInfo("gsheets", "Hội nghị", "https://docs.google.com/spreadsheets/d/x")
FAST = 1000  # iterations: tests only; the default is 260,000


def test_hash_is_salted_and_verifies():
    one, two = hash_passcode("mật-khẩu", iterations=FAST), hash_passcode("mật-khẩu", iterations=FAST)
    assert one != two and "mật-khẩu" not in one
    assert verify_passcode("mật-khẩu", one) and verify_passcode("mật-khẩu", two)
    assert not verify_passcode("mat-khau", one)
    assert not verify_passcode("mật-khẩu", "plain-text")


def test_plain_passcodes_in_secrets_are_refused():
    with pytest.raises(ValueError, match="băm"):
        load_policy({"roles": {"passcodes": {"editor": "123456"}}})


def test_highest_matching_role_wins():
    policy = load_policy(
        {
            "roles": {
                "emails": {"viewer": ["GD@skhcn.gov.vn"], "admin": ["gd@skhcn.gov.vn"], "editor": ["vp@skhcn.gov.vn"]},
                "passcodes": {"editor": hash_passcode("e", iterations=FAST)},
            }
        }
    )
    assert policy.role_for_email("gd@skhcn.gov.vn") == Role.ADMIN
    assert policy.role_for_email("VP@skhcn.gov.vn") == Role.EDITOR
    assert policy.role_for_email("other@x") is None
    assert policy.role_for_passcode("e") == Role.EDITOR
    assert policy.role_for_passcode("") is None


def test_defaults_without_roles():
    assert default_role(AccessPolicy(), WORKBOOK) == Role.EDITOR
    assert default_role(AccessPolicy(), SHEET) == Role.VIEWER
    assert default_role(AccessPolicy(passcodes={Role.ADMIN: "x"}), WORKBOOK) is None


def test_viewer_writes_are_refused_on_the_server_side(seeded_store):
    inner = seeded_store
    before = inner.load().get("attendees").rows
    viewer = GuardedStore(inner, Role.VIEWER, "lanh.dao@skhcn")
    with pytest.raises(PermissionDenied, match="xem"):
        viewer.update_row("attendees", "DB-001", {"note": "x"}, {"note": "dữ liệu mẫu"})
    with pytest.raises(PermissionDenied):
        viewer.append_rows("attendees", [{"name": "X", "group": "khách mời"}])
    with pytest.raises(PermissionDenied):
        viewer.delete_row("attendees", "DB-001", {})
    with pytest.raises(PermissionDenied):
        GuardedStore(inner, Role.EDITOR, "vp").ensure_schema()
    with pytest.raises(PermissionDenied):
        GuardedStore(inner, Role.EDITOR, "vp").update_row("settings", "venue", {"value": "x"}, {})
    assert inner.load().get("attendees").rows == before


def test_editor_writes_are_logged_with_the_user(seeded_store):
    inner = seeded_store
    GuardedStore(inner, Role.EDITOR, "vp@skhcn").update_row("attendees", "DB-001", {"seat": "A1"}, {"seat": ""})
    assert inner.load().get("audit").rows[-1][1] == "vp@skhcn"


ROLES = {
    "roles": {
        "passcodes": {
            "viewer": hash_passcode("xem", iterations=FAST),
            "editor": hash_passcode("sua", iterations=FAST),
        },
        "session_timeout_min": 1,
    }
}


def nav_titles(at) -> set[str]:
    return {p["page_name"] for p in at._registered_pages.values()}


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


def test_cli_prints_a_hash_that_verifies_and_never_the_passcode(monkeypatch, capsys):
    import io

    from cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-dài\n"))
    assert main(["hash-passcode", "--stdin"]) == 0
    out = capsys.readouterr().out.strip()
    assert "mật-khẩu-dài" not in out
    assert verify_passcode("mật-khẩu-dài", out)
    monkeypatch.setattr("sys.stdin", io.StringIO("ngắn\n"))
    assert main(["hash-passcode", "--stdin"]) == 2


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


def test_editors_may_record_staff_delegates_but_not_change_event_settings(seeded_store):
    editor = GuardedStore(seeded_store, Role.EDITOR, "vp")
    editor.update_row("settings", "delegate_staff", {"value": "DB-010"}, {})
    with pytest.raises(PermissionDenied):
        editor.update_row("settings", "event_date", {"value": "01/01/2027"}, {})
    with pytest.raises(PermissionDenied):
        editor.append_rows("settings", [{"id": "event_date", "value": "01/01/2027"}])


def test_viewer_sees_nomination_lists_without_forms(seeded_path, monkeypatch):
    viewer = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "xem")
    viewer.switch_page("content/nominations.py").run()
    assert not viewer.exception
    assert len(viewer.dataframe) == 4
    assert not [w for w in viewer.button if w.key and w.key.startswith("nom_")]
    assert not viewer.text_input


def test_check_update_is_the_rule_update_row_applies(seeded_store):
    """Asked before a check-in is journaled during an outage: the desk may write arrival times only, a viewer nothing."""
    inner = seeded_store
    GuardedStore(inner, Role.DESK, "cửa 1").check_update("attendees", "DB-001", ["checked_in"])
    GuardedStore(inner, Role.EDITOR, "vp").check_update("attendees", "DB-001", ["checked_in"])
    with pytest.raises(PermissionDenied, match="không được điểm danh"):
        GuardedStore(inner, Role.VIEWER, "lđ").check_update("attendees", "DB-001", ["checked_in"], action="điểm danh")
    for columns in (["name"], ["checked_in", "seat"], []):
        with pytest.raises(PermissionDenied):
            GuardedStore(inner, Role.DESK, "cửa 1").check_update("attendees", "DB-001", columns)
        with pytest.raises(PermissionDenied):  # update_row asks the same
            GuardedStore(inner, Role.DESK, "cửa 1").update_row("attendees", "DB-001", dict.fromkeys(columns, "x"), {})
        with pytest.raises(PermissionDenied):  # and so does update_rows, for every item
            GuardedStore(inner, Role.DESK, "cửa 1").update_rows(
                "attendees", [("DB-001", dict.fromkeys(columns, "x"), {}, None)]
            )


def test_update_rows_is_guarded_like_update_row_and_refuses_the_whole_batch(seeded_store):
    """A viewer may batch nothing; a desk may batch arrival times only — one other column refuses the batch before
    any row is written. An allowed batch lands, logged as the guard's user when an item names none."""
    inner = seeded_store
    arrival = ("DB-001", {"checked_in": "16/12/2026 07:00:00"}, {"checked_in": ""}, None)
    before = inner.load().get("attendees").rows
    with pytest.raises(PermissionDenied):
        GuardedStore(inner, Role.VIEWER, "lđ").update_rows("attendees", [arrival])
    with pytest.raises(PermissionDenied):
        GuardedStore(inner, Role.DESK, "cửa 1").update_rows("attendees", [arrival, ("DB-002", {"name": "X"}, {}, None)])
    assert inner.load().get("attendees").rows == before
    assert GuardedStore(inner, Role.DESK, "cửa 1").update_rows("attendees", [arrival]) == [None]
    audit = inner.load().get("audit").rows
    assert audit[-1][1:4] == ["cửa 1", "Đại biểu", "DB-001"]

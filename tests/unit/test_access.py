"""Roles: passcode hashes, defaults per backend and the write guard (what each role sees on the pages:
tests/pages/test_access_pages.py; ROLES and nav_titles here serve those page tests)."""

from __future__ import annotations

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


def test_editors_may_record_staff_delegates_but_not_change_event_settings(seeded_store):
    editor = GuardedStore(seeded_store, Role.EDITOR, "vp")
    editor.update_row("settings", "delegate_staff", {"value": "DB-010"}, {})
    with pytest.raises(PermissionDenied):
        editor.update_row("settings", "event_date", {"value": "01/01/2027"}, {})
    with pytest.raises(PermissionDenied):
        editor.append_rows("settings", [{"id": "event_date", "value": "01/01/2027"}])


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

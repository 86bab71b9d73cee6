"""Passcode limits on the sign-in page, in AppTest: the sixth attempt is refused with the wait, a guesser's device waits
while another signs in, and Dữ liệu tells the admin which hashes to renew (the counts themselves:
tests/unit/test_passcode_limits.py)."""

from __future__ import annotations

import pytest

from services.access import MAX_FAILURES, Role, hash_passcode
from tests.apptest_helpers import open_app, sign_in
from tests.unit.test_access import ROLES


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def test_sign_in_refuses_the_sixth_attempt_with_the_wait(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, secrets=ROLES)
    for left in (4, 3, 2, 1):
        sign_in(at, "sai")
        assert any(f"còn {left} lần thử" in e for e in _errors(at)), _errors(at)
    sign_in(at, "sai")
    assert any("Đã nhập sai 5 lần — thử lại sau 300 giây." in e for e in _errors(at)), _errors(at)
    sign_in(at, "sua")  # the right passcode, while the wait lasts
    assert not at.exception, at.exception
    assert "auth_role" not in at.session_state
    assert any(
        e.startswith(f"Đã nhập sai {MAX_FAILURES} lần — thử lại sau ") and e.endswith(" giây.") for e in _errors(at)
    )
    assert {p["page_name"] for p in at._registered_pages.values()} == {"Đăng nhập"}


@pytest.mark.slow  # seven app sessions through AppTest (~6 s); the per-device count itself: the tests above
def test_two_clients_a_guesser_waits_and_the_desk_signs_in(seeded_path, monkeypatch):
    """Through the app: the guesser's device is refused even in a fresh session; a session from another device signs
    in with the right passcode at once."""
    import ui.auth

    device = {"now": "10.0.0.66"}
    monkeypatch.setattr(ui.auth, "client", lambda: device["now"])
    for _ in range(MAX_FAILURES):
        sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sai")
    again = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    assert "auth_role" not in again.session_state
    assert any("Thiết bị này đã nhập sai" in e and "giây" in e for e in _errors(again)), _errors(again)
    device["now"] = "10.0.0.21"
    desk = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    assert desk.session_state["auth_role"] == "EDITOR", "another device is never refused for the guesser's tries"


def test_the_data_page_tells_the_admin_which_hashes_to_renew(seeded_path, monkeypatch):
    """An old (fewer-round) hash from secrets is flagged on Dữ liệu for the admin, naming the role; never for others."""
    secrets = {
        "roles": {
            "passcodes": {
                "admin": hash_passcode("qt"),
                "editor": hash_passcode("sua", iterations=260_000),
            }
        }
    }

    def warnings(passcode: str) -> list[str]:
        at = sign_in(open_app(seeded_path, monkeypatch, secrets=secrets), passcode)
        at.switch_page("content/data.py").run()
        assert not at.exception, at.exception
        return [w.value for w in at.warning if "hash-passcode" in w.value]

    (flag,) = warnings("qt")
    assert Role.EDITOR.label in flag and Role.ADMIN.label not in flag, flag
    assert "600.000" in flag or "600,000" in flag, flag
    assert warnings("sua") == [], "only the admin can act on secrets"

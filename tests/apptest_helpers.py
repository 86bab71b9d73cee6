"""Running the real app in Streamlit's AppTest against a given workbook, with no cache carried between tests."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from services.access import hash_passcode
from tests.conftest import ROOT

PAGES = [
    "overview",
    "tasks",
    "attendees",
    "nominations",
    "programme",
    "budget",
    "checkin",
    "seating",
    "documents",
    "data",
    "settings",
]
# Pages only an admin opens (the local desk is an editor): open_app signs in with this passcode to reach them.
ADMIN_PAGES = ("settings",)
ADMIN_PASSCODE = "quan-tri"
ADMIN_SECRETS = {"roles": {"passcodes": {"admin": hash_passcode(ADMIN_PASSCODE, iterations=1000)}}}


def expire_reads() -> None:
    """What the read TTL does: the next run reads the data again (the shared reads live in ui.context.reads())."""
    from ui import context

    context.reads().expire()


def open_app(
    workbook: Path, monkeypatch, page: str | None = None, timeout: float = 30, secrets: dict | None = None
) -> AppTest:
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(workbook))
    monkeypatch.delenv("CONFERENCE_DEPLOYMENT", raising=False)  # one unit (tests/pages/test_unit_isolation.py: several)
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    # one read for the whole test, however slow the machine: tests count reads and computations per read
    # (tests/pages/test_freshness.py is the one about the TTL and runs on the default)
    monkeypatch.setenv("CONFERENCE_CACHE_TTL", os.environ.get("CONFERENCE_CACHE_TTL", "600"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    as_admin = page in ADMIN_PAGES and secrets is None
    for key, value in (ADMIN_SECRETS if as_admin else secrets or {}).items():
        at.secrets[key] = value
    at.run()
    if as_admin:
        sign_in(at, ADMIN_PASSCODE)
    if page is not None:
        at.switch_page(f"content/{page}.py")
        at.run()
    return at


def page_alone(at: AppTest, page: str, timeout: float = 30) -> AppTest:
    """`content/<page>.py` run on its own, without app.py's navigation or sidebar, with `at`'s secrets and sign-in:
    what a page would face if anything ever ran it past the menu. Its own `ui.auth.require` must still refuse."""
    alone = AppTest.from_file(str(ROOT / "content" / f"{page}.py"), default_timeout=timeout)
    for key, value in at.secrets.items():
        alone.secrets[key] = value
    for key in ("auth_role", "auth_user", "auth_since"):
        if (value := at.session_state.get(key)) is not None:
            alone.session_state[key] = value
    return alone.run()


def sign_in(at: AppTest, passcode: str) -> AppTest:
    at.text_input(key="auth_passcode").input(passcode)
    at.button(key="auth_passcode_submit").click()
    return at.run()

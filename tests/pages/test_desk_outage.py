"""The Điểm danh page through an outage (Google Sheet in the emulator, desk role): a scan is kept locally and said so,
the notice counts what waits, a restart during the outage still serves the desk from the copy on disk (with the
data's age), and "Gửi lại ngay" sends it all once the sheet is back."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from services.schema import ATTENDEES
from tests.conftest import ROOT, seeded_tabs
from tests.pages.test_desk_role import DESK_ROLES
from tests.sheets_emulator import SheetsEmulator


@pytest.fixture
def desk_on_sheet(monkeypatch, tmp_path):
    import ui.door_outage

    monkeypatch.setattr(ui.door_outage, "REPLAY_EVERY_S", 3600.0)  # the test presses the button itself
    with SheetsEmulator() as emulator:
        key = emulator.create("Hội nghị điển hình tiên tiến 2026", seeded_tabs())
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
        monkeypatch.setenv("GSHEETS_SPREADSHEET", emulator.url(key))
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(tmp_path / "unused.xlsx"))
        monkeypatch.delenv("CONFERENCE_CHECKIN_JOURNAL", raising=False)
        monkeypatch.delenv("CONFERENCE_LAST_GOOD_DIR", raising=False)
        monkeypatch.setenv("CONFERENCE_CACHE_TTL", "600")
        yield emulator, key
        st.cache_data.clear()
        st.cache_resource.clear()


def open_desk() -> AppTest:
    """A fresh server process, as far as the app can tell: every cache and shared resource forgotten."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in DESK_ROLES.items():
        at.secrets[key] = value
    at.run()
    at.text_input(key="auth_passcode").input("cua")
    at.button(key="auth_passcode_submit").click().run()
    at.switch_page("content/checkin.py")
    return at.run()


def scan(at: AppTest, text: str) -> AppTest:
    at.text_input(key="checkin_query").input(text)
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_a_scan_during_an_outage_survives_a_restart_and_is_sent_once(desk_on_sheet, tmp_path):
    emulator, key = desk_on_sheet
    at = open_desk()
    assert not at.exception and at.title[0].value == "Điểm danh"
    assert list(tmp_path.glob("last_good_*.json")), "the loaded data is kept on disk"
    emulator.go_down("refuse")
    scan(at, "DB-012")
    assert not at.exception
    assert any("đã ghi tạm" in w for w in warnings(at)), warnings(at)
    assert any("Mất kết nối — 1 lượt chờ gửi" in w for w in warnings(at)), warnings(at)
    assert (tmp_path / "checkin_journal.jsonl").exists()

    at = open_desk()  # the server restarts while the sheet is still down
    assert not at.exception and at.title[0].value == "Điểm danh"
    assert any("Dữ liệu lúc" in w and "mất kết nối" in w for w in warnings(at)), warnings(at)
    assert any("1 lượt chờ gửi" in w for w in warnings(at))
    scan(at, "db13")  # typed loosely; the lookup works from the copy on disk
    assert any("Mất kết nối — 2 lượt chờ gửi" in w for w in warnings(at)), warnings(at)

    emulator.come_back()
    at.button(key="outage_send").click().run()
    assert not at.exception
    assert not any("lượt chờ gửi" in w for w in warnings(at)), warnings(at)
    grid = emulator.cells(key, ATTENDEES.title)
    col = grid[0].index(ATTENDEES.column("checked_in").header)
    times = {r[0]: r[col] for r in grid[1:] if col < len(r) and r[col]}
    assert set(times) == {"DB-012", "DB-013"}
    assert [r[3] for r in emulator.cells(key, "Nhật ký")[1:]] == ["DB-012", "DB-013"]


def test_after_a_restart_during_an_outage_every_page_and_document_is_served_from_the_copy(desk_on_sheet):
    emulator, _key = desk_on_sheet
    st.cache_data.clear()
    st.cache_resource.clear()
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()  # no roles: a read-only viewer
    assert not first.exception
    emulator.go_down("refuse")
    st.cache_data.clear()
    st.cache_resource.clear()  # the server restarts while the sheet cannot be reached
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    for page in ("overview", "programme", "documents"):
        at.switch_page(f"content/{page}.py")
        at.run()
        assert not at.exception, (page, at.exception)
        assert any("Dữ liệu lúc" in w and "mất kết nối" in w for w in warnings(at)), (page, warnings(at))
    buttons = [b.proto for b in at.get("download_button")]
    assert buttons and all(not b.disabled for b in buttons)  # the documents still build from the saved data

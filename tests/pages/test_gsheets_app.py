"""The app on a Google Sheet (in the emulator): a cached page render costs no request at all."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import expire_reads
from tests.conftest import ROOT, seeded_tabs
from tests.sheets_emulator import SheetsEmulator


@pytest.fixture
def app_on_sheet(monkeypatch, tmp_path):
    with SheetsEmulator() as emulator:
        key = emulator.create("Hội nghị điển hình tiên tiến 2026", seeded_tabs())
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
        monkeypatch.setenv("GSHEETS_SPREADSHEET", emulator.url(key))
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(tmp_path / "unused.xlsx"))
        monkeypatch.setenv("CONFERENCE_CACHE_TTL", "600")
        st.cache_data.clear()
        st.cache_resource.clear()
        yield emulator
        st.cache_data.clear()
        st.cache_resource.clear()


def test_a_cached_page_render_makes_no_request(app_on_sheet):
    emulator = app_on_sheet
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not first.exception, first.exception
    assert emulator.kinds() == ["spreadsheets.get", "values.batchGet"]
    captions = [c.value for c in first.sidebar.caption]
    assert any("Hội nghị điển hình tiên tiến 2026" in c for c in captions), captions
    emulator.reset_log()
    second = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not second.exception, second.exception
    second.run()  # and a rerun of the same session
    assert emulator.count() == 0, emulator.kinds()


def test_the_sheet_down_on_a_later_refresh_keeps_the_last_good_data(app_on_sheet):
    emulator = app_on_sheet
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    expire_reads()  # the TTL has run out
    emulator.fail_always(503)
    emulator.reset_log()
    try:
        at.run(timeout=120)
    finally:
        emulator.clear_faults()
    assert 1 < emulator.count() <= 5, "bounded retries, then the last good data"
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert any("Google Sheet tạm thời không phản hồi" in w and "đang hiển thị dữ liệu lúc" in w for w in warnings)


def test_the_data_page_shows_what_staff_set_up_in_the_sheet(app_on_sheet):
    from services.schema import TASKS

    emulator = app_on_sheet
    key = next(iter(emulator.spreadsheets))
    emulator.set_dropdown(key, TASKS.title, "F2:F1000", ["chưa làm", "xong"])
    emulator.set_spreadsheet(key, locale="en_US")
    from tests.apptest_helpers import ADMIN_PASSCODE, ADMIN_SECRETS, sign_in

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in ADMIN_SECRETS.items():
        at.secrets[name] = value
    at.run()
    sign_in(at, ADMIN_PASSCODE)
    at.switch_page("content/data.py")
    at.run()
    assert not at.exception, at.exception
    at.button(key="data_doctor").click()
    at.run()
    assert not at.exception, at.exception
    assert any("1 mục làm ứng dụng từ chối ghi" in w.value for w in at.warning), [w.value for w in at.warning]
    table = next(d.value for d in at.dataframe if "Ứng dụng sẽ" in d.value.columns)
    cells = " ".join(str(v) for v in table.to_numpy().ravel())
    assert "en_US" in cells and "“đang làm”" in cells and "Danh sách chọn" in cells

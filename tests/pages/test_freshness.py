"""Freshness: a colleague's edit in the sheet shows on the next page switch once the TTL has passed, and the
sidebar says how old the data is in words."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from services.config import DEFAULT_CACHE_TTL_S
from services.reads.freshness import ReadGeneration, age_in_words
from tests.conftest import ROOT, seeded_tabs
from tests.sheets_emulator import SheetsEmulator

TTL_S = DEFAULT_CACHE_TTL_S  # the default itself: 10 s, not the 30 s a reload used to wait out


@pytest.fixture
def sheet(monkeypatch, tmp_path):
    with SheetsEmulator() as emulator:
        key = emulator.create("Hội nghị điển hình tiên tiến 2026", seeded_tabs())
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
        monkeypatch.setenv("GSHEETS_SPREADSHEET", emulator.url(key))
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(tmp_path / "unused.xlsx"))
        monkeypatch.delenv("CONFERENCE_CACHE_TTL", raising=False)
        st.cache_data.clear()
        st.cache_resource.clear()
        yield emulator, key
        st.cache_data.clear()
        st.cache_resource.clear()


def _task_names(at: AppTest) -> set[str]:
    names: set[str] = set()
    for frame in at.dataframe:
        for column in ("Nhiệm vụ", "Task"):
            if column in frame.value.columns:
                names |= set(frame.value[column].astype(str))
    return names


def test_a_staff_edit_shows_on_the_next_page_switch_after_the_ttl(sheet):
    emulator, key = sheet
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("content/tasks.py").run()
    assert not at.exception, at.exception
    old = emulator.cells(key, "Nhiệm vụ")[1][1]
    assert old in _task_names(at)
    captions = [c.value for c in at.sidebar.caption]
    assert any(c.startswith("Dữ liệu lúc ") and "cập nhật" in c for c in captions), captions

    emulator.set_cell(key, "Nhiệm vụ", 2, 2, "Việc do đồng nghiệp vừa sửa")  # a colleague edits the sheet
    time.sleep(TTL_S + 0.1)
    at.switch_page("content/overview.py").run()
    at.switch_page("content/tasks.py").run()  # no refresh button pressed
    assert not at.exception, at.exception
    names = _task_names(at)
    assert "Việc do đồng nghiệp vừa sửa" in names and old not in names


def test_one_read_per_ttl_and_never_an_older_one():
    reads = ReadGeneration()
    first = reads.current(100.0, 10)
    assert reads.current(109.9, 10) == first  # shared while it is younger than the TTL
    second = reads.current(110.0, 10)
    assert second == first + 1 and reads.current(119.0, 10) == second
    assert reads.current(110.5, 0) == second and reads.current(111.0, 0) == second + 1  # a zero TTL counts as 1 s


@pytest.mark.parametrize(
    ("seconds", "lang", "text"),
    [
        (2, "vi", "cập nhật vừa xong"),
        (12, "vi", "cập nhật 12 giây trước"),
        (12, "en", "updated 12 seconds ago"),
        (61, "en", "updated 1 minute ago"),
        (150, "vi", "cập nhật 2 phút trước"),
        (7300, "en", "updated 2 hours ago"),
    ],
)
def test_the_age_in_words(seconds, lang, text):
    now = datetime(2026, 12, 2, 9, 0, 0)
    assert age_in_words(now - timedelta(seconds=seconds), now, lang) == text

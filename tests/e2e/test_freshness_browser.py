"""Freshness in a real browser: a colleague's edit in the Google Sheet (the emulator) shows on the next page switch,
and on a reload, once the default TTL has passed — nobody presses "Tải lại dữ liệu"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from services.config import DEFAULT_CACHE_TTL_S
from services.i18n import t as translate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import click_nav, dataframe_cells, open_page, run_server, wait_for_app
from tests.e2e.test_sheets_emulator_app import workbook_tabs
from tests.sheets_emulator import SheetsEmulator

pytestmark = pytest.mark.e2e


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


@pytest.fixture(scope="module")
def sheet(workbook_path):
    with SheetsEmulator() as emulator:
        yield emulator, emulator.create("Hội nghị (freshness e2e)", workbook_tabs(workbook_path))


@pytest.fixture(scope="module")
def server(browser, sheet):
    emulator, key = sheet
    env = {
        "SHEETS_EMULATOR_HOST": emulator.host,
        "GSHEETS_SPREADSHEET": key,
        "CONFERENCE_TODAY": FIXED_TODAY.isoformat(),
    }
    with run_server(env) as running:  # no CONFERENCE_CACHE_TTL: the default
        yield running


def test_a_staff_edit_shows_after_the_ttl_on_a_page_switch_and_on_a_reload(page, server, sheet):
    emulator, key = sheet
    open_page(page, server.url, "tasks", title=vi("tasks.title"))
    old = emulator.cells(key, "Nhiệm vụ")[1][1]
    assert old in dataframe_cells(page)
    age = page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').filter(has_text="Dữ liệu lúc")
    expect(age).to_contain_text(re.compile(r"cập nhật (vừa xong|\d+ giây trước)"))

    emulator.set_cell(key, "Nhiệm vụ", 2, 2, "Việc đồng nghiệp vừa sửa trong Sheet")
    page.wait_for_timeout((DEFAULT_CACHE_TTL_S + 1) * 1000)
    click_nav(page, vi("page.overview"))
    click_nav(page, vi("page.tasks"), title=vi("tasks.title"))
    cells = dataframe_cells(page)
    assert "Việc đồng nghiệp vừa sửa trong Sheet" in cells and old not in cells

    emulator.set_cell(key, "Nhiệm vụ", 2, 2, "Sửa lần hai, xem bằng tải lại trang")
    page.wait_for_timeout((DEFAULT_CACHE_TTL_S + 1) * 1000)
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page, vi("tasks.title"))
    assert "Sửa lần hai, xem bằng tải lại trang" in dataframe_cells(page)

"""The app as a person uses it, on the local workbook: real server, real Chromium, one server for the module."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from services.schema import TABS
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.e2e.harness import click_nav, dataframe_cells, key_locator, open_page, wait_for_app

pytestmark = pytest.mark.e2e

OVERVIEW = "Tổng quan"
DATA = "Dữ liệu"


def row_counts(page) -> dict[str, int]:
    """The 'Số dòng theo trang' table of the Dữ liệu page: tab title → rows."""
    cells = dataframe_cells(page, 0)
    return {cells[i]: int(cells[i + 1]) for i in range(0, len(cells) - 1, 2)}


@pytest.fixture
def app(page, workbook_server):
    """A fresh browser tab on the app's home page (the overview) with the whole frame drawn."""
    open_page(page, workbook_server.url, "", OVERVIEW)
    return page


def test_data_page_counts_every_tab_like_the_workbook(app, workbook_path):
    click_nav(app, DATA)
    counts = row_counts(app)
    data = validate(WorkbookStore(workbook_path).load())
    expected = {tab.title: len(data.raw[tab.key]) for tab in TABS}
    assert counts == expected
    assert counts["Đại biểu"] > 0


def test_staff_edit_in_the_workbook_appears_after_refresh(app, workbook_path):
    click_nav(app, DATA)
    before = row_counts(app)["Đại biểu"]

    # A member of staff adds an attendee directly in the workbook, as in Excel.
    book = load_workbook(workbook_path)
    sheet = book["Đại biểu"]
    headers = [cell.value for cell in sheet[1]]
    row = [None] * len(headers)
    row[headers.index("Mã")] = "DB-E2E-1"
    row[headers.index("Họ và tên")] = "Nguyễn Thị Kiểm Thử"
    row[headers.index("Nhóm")] = "khách mời"
    sheet.append(row)
    book.save(workbook_path)

    key_locator(app, "sidebar_refresh").locator("button").click()
    app.wait_for_function(
        """(expected) => [...document.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"]')]
              .map(c => c.textContent.trim()).join('|').includes('Đại biểu|' + expected)""",
        arg=str(before + 1),
    )
    wait_for_app(app, DATA)
    assert row_counts(app)["Đại biểu"] == before + 1

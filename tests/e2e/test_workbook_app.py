"""The app as a person uses it, on the local workbook: real server, real Chromium, one server for the module."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from services import readiness
from services.i18n import t as translate
from services.schema import TABS
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import click_nav, dataframe_cells, key_locator, metric_value, open_page, run_server

pytestmark = pytest.mark.e2e


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def current(workbook_path):
    return validate(WorkbookStore(workbook_path).load())


def row_counts(page) -> dict[str, int]:
    """The 'Số dòng theo trang' table of the Dữ liệu page: tab title → rows."""
    cells = dataframe_cells(page, 0)
    return {cells[i]: int(cells[i + 1]) for i in range(0, len(cells) - 1, 2)}


@pytest.fixture(scope="module")
def server(browser, workbook_path):
    """The real app on the seeded workbook, its 'today' pinned like the other tests (after `browser`, so a missing
    Chromium fails before any server starts)."""
    env = {"CONFERENCE_WORKBOOK": str(workbook_path), "CONFERENCE_TODAY": FIXED_TODAY.isoformat()}
    with run_server(env) as running:
        yield running


@pytest.fixture
def app(page, server):
    """A fresh browser tab on the app's home page (the overview) with the whole frame drawn."""
    open_page(page, server.url, "", nav_label=vi("page.overview"))
    return page


def test_overview_shows_the_readiness_score_of_the_data(app, workbook_path):
    expected = readiness.assess(current(workbook_path), FIXED_TODAY, "vi").score
    assert expected is not None
    assert app.locator('[data-testid="stMain"] h1').inner_text().strip() == vi("overview.title")
    assert metric_value(app, vi("overview.score")) == f"{expected}/100"


def test_data_page_counts_every_tab_like_the_workbook(app, workbook_path):
    click_nav(app, vi("page.data"))
    data = current(workbook_path)
    assert row_counts(app) == {tab.title: len(data.raw[tab.key]) for tab in TABS}
    assert len(data.raw["attendees"]) > 0


def test_staff_edit_in_the_workbook_appears_after_refresh(app, workbook_path):
    click_nav(app, vi("page.data"))
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
    assert row_counts(app)["Đại biểu"] == before + 1


def test_checkin_desk_id_and_enter_counts_the_guest(app, workbook_path):
    people = current(workbook_path).frames["attendees"]
    waiting = people[people["checked_in"].isna()]
    guest_id = str(waiting.index[0])
    name = str(waiting.iloc[0]["name"])

    click_nav(app, vi("page.checkin"))
    arrived = vi("checkin.arrived")
    before = int(metric_value(app, arrived))

    box = key_locator(app, "checkin_query").locator("input")
    box.fill(guest_id)
    box.press("Enter")

    success = app.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    assert name in success.inner_text() and guest_id in success.inner_text()
    app.wait_for_function(
        """([label, expected]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
              m.querySelector('[data-testid="stMetricLabel"]')?.textContent.trim() === label
              && m.querySelector('[data-testid="stMetricValue"]')?.textContent.trim() === expected)""",
        arg=[arrived, str(before + 1)],
    )
    assert key_locator(app, "checkin_query").locator("input").input_value() == ""  # ready for the next guest
    assert current(workbook_path).frames["attendees"].at[guest_id, "checked_in"] is not None

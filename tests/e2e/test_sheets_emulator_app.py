"""The same app against a Google Sheet: the real server talks gspread over HTTP to the local Sheets API emulator.

Roles are configured (passcodes in a secrets file made for this server), so this module also signs in as a viewer.
"""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from services.access import hash_passcode
from services.i18n import t as translate
from services.schema import TABS
from services.store.gsheets import GoogleSheetStore
from services.store.workbook import cell_text
from services.validation import validate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import (
    click_nav,
    dataframe_cells,
    key_locator,
    metric_value,
    open_page,
    run_server,
    wait_for_app,
)
from tests.sheets_emulator import SheetsEmulator

pytestmark = pytest.mark.e2e

EDITOR_CODE, VIEWER_CODE = "bien-tap-e2e", "chi-xem-e2e"
# Keys of widgets that change data; a viewer must see none of them on any page they can open.
# Building and downloading documents is reading (doc_*), not editing.
EDIT_KEY = re.compile(
    r"st-key-(?!doc_)\S*(save|add|delete|edit|apply|submit|import|override|undo|walkin|vote|new|ensure)"
)
EDITOR_PAGES = ("page.attendees", "page.checkin", "page.seating", "page.data")


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def workbook_tabs(path) -> dict[str, list[list[str]]]:
    """Every tab of the seeded workbook as the text staff would see in the sheet."""
    book = load_workbook(path, read_only=True)
    return {
        sheet.title: [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


@pytest.fixture(scope="module")
def emulator():
    with SheetsEmulator() as running:
        yield running


@pytest.fixture(scope="module")
def sheet_key(emulator, workbook_path) -> str:
    return emulator.create("Hội nghị điển hình tiên tiến (e2e)", workbook_tabs(workbook_path))


@pytest.fixture(scope="module")
def emulator_server(browser, emulator, sheet_key):
    env = {
        "SHEETS_EMULATOR_HOST": emulator.host,
        "GSHEETS_SPREADSHEET": sheet_key,
        "CONFERENCE_TODAY": FIXED_TODAY.isoformat(),
    }
    secrets = (
        "[roles.passcodes]\n"
        f'editor = "{hash_passcode(EDITOR_CODE, iterations=1000)}"\n'
        f'viewer = "{hash_passcode(VIEWER_CODE, iterations=1000)}"\n'
    )
    with run_server(env, secrets=secrets) as running:
        yield running


def current(emulator, sheet_key):
    return validate(GoogleSheetStore.for_emulator(emulator.host, sheet_key).load())


def row_counts(page) -> dict[str, int]:
    cells = dataframe_cells(page, 0)
    return {cells[i]: int(cells[i + 1]) for i in range(0, len(cells) - 1, 2)}


def sign_in(page, base_url: str, passcode: str) -> None:
    """Open the app (it asks to sign in) and sign in with a passcode in the sidebar, as staff do."""
    open_page(page, base_url, "", title=vi("app.title"), nav=False)  # the only page: no navigation drawn
    form = page.locator('[data-testid="stSidebar"] [data-testid="stForm"]')
    form.locator(".st-key-auth_passcode input").fill(passcode)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    wait_for_app(page, nav_label=vi("page.overview"))


@pytest.fixture
def app(page, emulator_server):
    """Signed in as an editor, on the overview."""
    sign_in(page, emulator_server.url, EDITOR_CODE)
    return page


def test_viewer_sees_no_edit_widgets(page, emulator_server):
    sign_in(page, emulator_server.url, VIEWER_CODE)
    labels = page.locator('[data-testid="stSidebarNav"] span[label]').evaluate_all(
        "els => els.map(e => e.getAttribute('label'))"
    )
    assert vi("page.overview") in labels
    assert not {vi(key) for key in EDITOR_PAGES} & set(labels), labels
    assert page.locator(".st-key-sidebar_refresh").count() == 1  # reading is still theirs

    found: dict[str, list[str]] = {}
    for label in labels:
        click_nav(page, label)
        classes = page.locator('[data-testid="stMain"] [class*="st-key-"]').evaluate_all(
            "els => els.map(e => [...e.classList].find(c => c.startsWith('st-key-')))"
        )
        offending = sorted({c for c in classes if EDIT_KEY.search(c)})
        offending += ["a form"] * page.locator('[data-testid="stMain"] [data-testid="stForm"]').count()
        if offending:
            found[label] = offending
    assert found == {}, f"edit widgets shown to a viewer: {found}"


def test_data_page_reads_the_google_sheet(app, emulator, sheet_key):
    click_nav(app, vi("page.data"))
    assert metric_value(app, vi("data.backend")) == vi("friction.backend.gsheets")  # "Google Sheet", not "gsheets"
    data = current(emulator, sheet_key)
    assert row_counts(app) == {tab.title: len(data.raw[tab.key]) for tab in TABS}


def test_staff_row_inserted_above_in_the_sheet_appears_after_refresh(app, emulator, sheet_key):
    click_nav(app, vi("page.data"))
    before = row_counts(app)["Đại biểu"]

    headers = emulator.cells(sheet_key, "Đại biểu")[0]
    row = [""] * len(headers)
    row[headers.index("Mã")] = "DB-E2E-2"
    row[headers.index("Họ và tên")] = "Trần Văn Trang Tính"
    row[headers.index("Nhóm")] = "khách mời"
    emulator.insert_row(sheet_key, "Đại biểu", 2, row)  # above every existing attendee, as staff might

    key_locator(app, "sidebar_refresh").locator("button").click()
    app.wait_for_function(
        """(expected) => [...document.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"]')]
              .map(c => c.textContent.trim()).join('|').includes('Đại biểu|' + expected)""",
        arg=str(before + 1),
    )
    assert row_counts(app)["Đại biểu"] == before + 1


def test_checkin_writes_the_time_into_the_sheet(app, emulator, sheet_key):
    people = current(emulator, sheet_key).frames["attendees"]
    guest_id = str(people[people["checked_in"].isna()].index[-1])

    click_nav(app, vi("page.checkin"))
    box = key_locator(app, "checkin_query").locator("input")
    box.fill(guest_id)
    box.press("Enter")
    success = key_locator(app, "desk_result_ok").filter(has_text=guest_id)
    success.wait_for()

    rows = emulator.cells(sheet_key, "Đại biểu")
    headers = rows[0]
    stamp = next(r for r in rows[1:] if r[headers.index("Mã")] == guest_id)[headers.index("Có mặt")]
    assert stamp, "the check-in time was not written to the sheet"
    assert stamp[11:16] in success.inner_text()  # the desk shows the time that was stored

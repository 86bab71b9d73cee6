"""The app as a person uses it, on the local workbook: real server, real Chromium, one server for the module."""

from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from services.awards import honours
from services.i18n import t as translate
from services.planning import readiness
from services.schema import TABS
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import (
    choose,
    click_nav,
    dataframe_cells,
    key_locator,
    metric_value,
    open_page,
    run_server,
    settle,
    wait_for_app,
)

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


def test_a_bookmarked_page_on_a_fresh_server_opens_inside_the_app(page, server):
    """The door desk opens its bookmark (…/checkin) as the FIRST visit after the server starts: the page must still
    run through app.py — sidebar navigation, refresh button, role checks — not as a bare page script (what a
    `pages/` folder once caused; the page files now live in content/, which Streamlit never runs on its own).
    (Keep this the module's first test: only the first visit of a fresh server can show the problem.)"""
    open_page(page, server.url, "checkin", title=vi("checkin.title"))
    labels = page.locator('[data-testid="stSidebarNav"] span[label]').evaluate_all(
        "els => els.map(e => e.getAttribute('label'))"
    )
    assert vi("page.overview") in labels and "checkin" not in labels, f"navigation of a bare page run: {labels}"
    wait_for_app(page, nav_label=vi("page.checkin"))
    expect(key_locator(page, "sidebar_refresh")).to_be_visible()


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

    success = key_locator(app, "desk_result_ok")  # the green result card
    success.filter(has_text=guest_id).wait_for()
    assert name in success.inner_text() and guest_id in success.inner_text()
    app.wait_for_function(
        """([label, expected]) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
              m.querySelector('[data-testid="stMetricLabel"]')?.textContent.trim() === label
              && m.querySelector('[data-testid="stMetricValue"]')?.textContent.trim() === expected)""",
        arg=[arrived, str(before + 1)],
    )
    assert key_locator(app, "checkin_query").locator("input").input_value() == ""  # ready for the next guest
    assert current(workbook_path).frames["attendees"].at[guest_id, "checked_in"] is not None


def waiting_for_a_vote(data) -> list[str]:
    """Nominations still before the council whose award needs a vote they have not passed yet."""
    forms = honours.award_forms(data)
    return [
        row_id
        for row_id, row in data.frames["nominations"].iterrows()
        if row["status"] in (honours.PROPOSED, honours.REVIEW)
        and (form := honours.find_award(forms, row["award"])) is not None
        and form.threshold
        and not honours.nomination_vote(data, row_id).passed
    ]


def council(app):
    """The council tab; the page falls back to its first tab after a rerun that adds or drops a message."""
    settle(app)
    tab = key_locator(app, "nom_tabs").get_by_role("tab").nth(1)
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
    return app


def picked(app) -> str:
    return key_locator(app, "nom_vote_pick").get_by_role("combobox").input_value()


def test_the_picked_nomination_stays_picked_while_voting(app, workbook_path):
    """Moving a nomination to review and typing its vote must not switch the pick to another nomination —
    otherwise 'Ghi kết quả biểu quyết' records the vote on the wrong person."""
    row_id = waiting_for_a_vote(current(workbook_path))[-1]
    click_nav(app, vi("page.nominations"))
    choose(council(app), "nom_vote_pick", row_id)
    if current(workbook_path).frames["nominations"].loc[row_id, "status"] == honours.PROPOSED:
        key_locator(council(app), "nom_review").locator("button").click()
        expect(app.locator('[data-testid="stAlertContentSuccess"]', has_text=honours.REVIEW)).to_be_visible()
    for key in (f"nom_vote_members_{row_id}", f"nom_vote_yes_{row_id}"):
        box = key_locator(council(app), key).locator("input")
        box.fill("1")
        box.press("Enter")
        council(app)
        assert picked(app).startswith(row_id), f"after editing {key} the pick became: {picked(app)}"


def test_approve_with_a_passing_vote_then_the_proposal_pdf_lists_the_name(app, workbook_path):
    """The seed's nomination still before the council is a form the Chủ tịch UBND tỉnh decides: once approved it is in
    the Tờ trình (the ceremony's honoree list waits for the province's decision number)."""
    data = current(workbook_path)
    waiting = waiting_for_a_vote(data)
    assert waiting, "the seed should hold a nomination that still needs its council vote"
    row_id = waiting[0]
    frame = data.frames["nominations"]
    name = str(frame.loc[row_id, "name"])
    members = int(data.settings.council_members or 9)

    click_nav(app, vi("page.nominations"))
    choose(council(app), "nom_vote_pick", row_id)
    expect(key_locator(app, f"nom_vote_members_{row_id}")).to_be_visible()
    if frame.loc[row_id, "status"] == honours.PROPOSED:
        key_locator(council(app), "nom_review").locator("button").click()
        expect(app.locator('[data-testid="stAlertContentSuccess"]', has_text=honours.REVIEW)).to_be_visible()

    for key in (f"nom_vote_members_{row_id}", f"nom_vote_yes_{row_id}"):
        box = key_locator(council(app), key).locator("input")
        box.fill(str(members))
        box.press("Enter")
    if not picked(council(app)).startswith(row_id):
        # The page can lose the pick after the status change (see the test above); pick again like a user would.
        choose(app, "nom_vote_pick", row_id)
        for key in (f"nom_vote_members_{row_id}", f"nom_vote_yes_{row_id}"):
            box = key_locator(council(app), key).locator("input")
            box.fill(str(members))
            box.press("Enter")
    assert picked(council(app)).startswith(row_id)
    key_locator(app, "nom_vote_save").locator("button").click()
    expect(app.locator('[data-testid="stAlertContentSuccess"]', has_text=name)).to_be_visible()

    approve = key_locator(council(app), "nom_approve").locator("button")
    expect(approve).to_be_enabled()
    approve.click()
    expect(
        app.locator(
            '[data-testid="stAlertContentSuccess"]', has_text=vi("nom.moved", name=name, status=honours.APPROVED)
        )
    ).to_be_visible()
    stored = current(workbook_path).frames["nominations"].loc[row_id]
    assert stored["status"] == honours.APPROVED
    assert (int(stored["votes_yes"]), int(stored["votes_total"])) == (members, members)

    click_nav(app, vi("page.documents"))
    download_button = key_locator(app, "doc_dl_proposal_pdf").locator("button")  # one click: built on the click
    download_button.wait_for()
    with app.expect_download() as info:
        download_button.click()
    pdf = info.value.path().read_bytes()
    text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert " ".join(text.split()).count(unicodedata.normalize("NFC", name)) >= 1, text[:2000]


HOSTILE = "<img src=x onerror=alert(1)> **Đậm** $x^2$ [bấm](http://x) :red[đỏ]"


def test_html_and_markdown_in_a_name_show_as_typed(app, workbook_path):
    """Staff text is data, never markup: no element, no script, no formatting comes out of a cell."""
    (new_id,) = WorkbookStore(workbook_path).append_rows("attendees", [{"name": HOSTILE, "group": "khách mời"}])
    dialogs: list[str] = []
    app.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    key_locator(app, "sidebar_refresh").locator("button").click()
    settle(app)
    click_nav(app, vi("page.checkin"))
    box = key_locator(app, "checkin_query").locator("input")
    box.fill(new_id)
    box.press("Enter")
    success = key_locator(app, "desk_result_ok")
    success.filter(has_text=new_id).wait_for()
    shown = success.inner_text()
    assert HOSTILE in shown, shown
    assert app.locator('img[src="x"]').count() == 0
    assert app.locator('[data-testid="stMain"] a[href="http://x"]').count() == 0
    assert app.locator('[data-testid="stMain"] .katex').count() == 0
    assert dialogs == []

"""First run in Chromium (issue 27), as the README's two-command section tells a new user: the embedded workbook is
created on the first start; `make admin` (`cli admin-passcode`) writes the admin passcode; the app starts with that
secrets file, this machine edits without signing in, the passcode opens Cài đặt, and the conference date is changed
there. Also: the example secrets copied as they are show a page saying what to fix, not Streamlit's error page.
And the phone desk at a phone's size: the previous guest's undo is not right under a red card, the walk-in's
confirmation shows by its form."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from services.i18n import t as translate
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import ROOT
from tests.e2e.harness import click_nav, key_locator, open_page, run_server, settle

pytestmark = pytest.mark.e2e
ADMIN_CODE = "quan-tri-lan-dau"


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def make_admin(secrets: Path) -> None:
    """What `make admin` runs, with the passcode typed on stdin instead of twice at a prompt."""
    done = subprocess.run(
        [sys.executable, "-m", "cli", "admin-passcode", "--stdin", "--secrets", str(secrets)],
        input=ADMIN_CODE + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def first_run(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-run")
    workbook = folder / "data" / "conference.xlsx"  # does not exist yet: the first start creates and seeds it
    secrets = folder / "secrets.toml"
    make_admin(secrets)
    with run_server({"CONFERENCE_WORKBOOK": str(workbook)}, secrets=secrets.read_text()) as running:
        yield running, workbook


def test_first_run_admin_changes_the_date(page, first_run):
    server, workbook = first_run
    open_page(page, server.url, "", title=vi("overview.title"))
    assert workbook.is_file(), "the embedded workbook was created on the first start"
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(vi("auth.local_badge"))
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text(vi("page.attendees"))  # the local desk edits without signing in
    expect(nav).not_to_contain_text(vi("page.settings"))
    form = page.locator('[data-testid="stSidebar"] [data-testid="stForm"]')
    form.locator(".st-key-auth_passcode input").fill(ADMIN_CODE)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    settle(page)
    expect(nav).to_contain_text(vi("page.settings"))
    click_nav(page, vi("page.settings"), vi("settings.title"))
    before = validate(WorkbookStore(workbook).load()).settings.event_date
    new = before + timedelta(days=7) if isinstance(before, date) else date(2027, 1, 15)
    page.get_by_role("tab", name=vi("settings.group.event")).click()
    box = key_locator(page, "setting_event_date").locator("input")
    box.fill(new.strftime("%d/%m/%Y"))
    key_locator(page, "settings_save").locator("button").click()
    settle(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=vi("settings.saved", count=1))).to_be_visible()
    assert validate(WorkbookStore(workbook).load()).settings.event_date == new


@pytest.fixture(scope="module")
def example_server(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("example")
    example = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    with run_server({"CONFERENCE_WORKBOOK": str(folder / "c.xlsx")}, secrets=example) as running:
        yield running


def test_the_copied_example_shows_what_to_fix(page, example_server):
    open_page(page, example_server.url, "", title=vi("setup.title"), nav=False)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("spreadsheet vẫn là giá trị mẫu")
    expect(main).not_to_contain_text("This app has encountered an error")


@pytest.fixture(scope="module")
def desk(browser, tmp_path_factory):
    from tests.e2e.harness import seeded_workbook

    workbook = seeded_workbook(tmp_path_factory.mktemp("desk") / "conference.xlsx")
    with run_server({"CONFERENCE_WORKBOOK": str(workbook)}) as running:
        yield running, workbook


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", has_touch=True)
    tab = context.new_page()
    yield tab
    context.close()


def test_phone_desk_undo_and_walk_in(phone, desk):
    server, workbook = desk
    open_page(phone, server.url, "checkin", title=vi("checkin.title"))
    box = key_locator(phone, "checkin_query").locator("input")
    box.fill("DB-012")
    box.press("Enter")
    expect(key_locator(phone, "desk_result_ok")).to_contain_text("DB-012")
    undo = key_locator(phone, "checkin_undo")
    expect(undo).to_be_visible()
    box.fill("DB-999")
    box.press("Enter")
    red = key_locator(phone, "desk_result_unknown")
    expect(red).to_contain_text("KHÔNG CÓ TRONG DANH SÁCH")
    settle(phone)
    card_bottom = red.bounding_box()["y"] + red.bounding_box()["height"]
    search_top = key_locator(phone, "checkin_query").bounding_box()["y"]
    under_card = [b for b in phone.locator(".st-key-checkin_undo").all() if b.is_visible()]
    assert not under_card or under_card[0].bounding_box()["y"] > search_top > card_bottom, "no undo under the red card"
    folded = phone.get_by_text(vi("checkin.undo_previous"))
    expect(folded).to_be_visible()
    assert folded.bounding_box()["y"] > search_top > card_bottom, "the previous guest's undo waits below the search box"

    walk_in = phone.get_by_text(vi("checkin.walkin"))
    walk_in.scroll_into_view_if_needed()
    walk_in.click()
    name = key_locator(phone, "checkin_walkin_name").locator("input")
    name.fill("Khách Đi Bộ")
    name.press("Tab")  # the field gives its value up as a person's tap elsewhere does, before the button is tapped
    settle(phone)
    submit = key_locator(phone, "checkin_walkin_submit").locator("button")
    expect(submit).to_be_enabled()
    submit.click()
    settle(phone)
    done = phone.locator('[data-testid="stAlert"]').filter(has_text="Khách Đi Bộ")
    expect(done).to_be_visible()
    form_top = key_locator(phone, "checkin_walkin_undo").bounding_box()["y"]
    assert done.bounding_box()["y"] > key_locator(phone, "checkin_query").bounding_box()["y"], "not at the page top"
    assert abs(form_top - done.bounding_box()["y"]) < 300, "the confirmation sits by the form"
    people = validate(WorkbookStore(workbook).load()).raw["attendees"]
    assert people[people["name"] == "Khách Đi Bộ"].iloc[0]["checked_in"]


def test_the_uploader_speaks_vietnamese_and_metric_labels_are_whole(page, desk):
    server, _ = desk
    open_page(page, server.url, "documents", title=vi("page.documents"))
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    zone.wait_for()
    button = zone.locator("button")
    after = button.evaluate("b => getComputedStyle(b, '::after').content")
    assert after == '"Chọn tệp"', after
    assert button.evaluate("b => getComputedStyle(b).fontSize") == "0px"
    assert "Upload" not in button.inner_text(), "Streamlit's English label is hidden, not drawn beside ours"
    hint = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').first
    assert "Kéo thả tệp vào đây" in hint.evaluate("s => getComputedStyle(s, '::before').content")
    laptop = page.context.browser.new_context(viewport={"width": 1024, "height": 900}, locale="vi-VN")
    try:
        narrow = laptop.new_page()
        open_page(narrow, server.url, "attendees", title=vi("page.attendees"))
        narrow.locator('[data-testid="stMetricLabel"]').nth(6).wait_for()  # the seven group counts
        cut = narrow.evaluate(CUT_METRICS)
        assert cut == [], f"metric text cut with …: {cut}"
    finally:
        laptop.close()


# Metrics whose label or value (or anything inside them) is wider than its box: what Streamlit cuts with "…".
CUT_METRICS = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].filter(m =>
    [m, ...m.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)).map(m => m.innerText)"""

"""The settings page in Chromium, as an admin uses it: a bad hall layout refused with the field named and nothing
written, then a good one saved into the workbook and the change log."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from services.access import hash_passcode
from services.i18n import t as translate
from services.schema import AUDIT
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import click_nav, key_locator, open_page, run_server, settle, wait_for_app

pytestmark = pytest.mark.e2e
ADMIN_CODE = "quan-tri-e2e"


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


@pytest.fixture(scope="module")
def server(browser, workbook_path):
    env = {"CONFERENCE_WORKBOOK": str(workbook_path), "CONFERENCE_TODAY": FIXED_TODAY.isoformat()}
    secrets = f'[roles.passcodes]\nadmin = "{hash_passcode(ADMIN_CODE, iterations=1000)}"\n'
    with run_server(env, secrets=secrets) as running:
        yield running


def settings_of(path) -> dict[str, str]:
    return validate(WorkbookStore(path).load()).raw["settings"]["value"].to_dict()


def test_an_admin_changes_the_hall_on_the_settings_page(page, server, workbook_path):
    open_page(page, server.url, "", title=vi("app.title"), nav=False)
    form = page.locator('[data-testid="stSidebar"] [data-testid="stForm"]')
    form.locator(".st-key-auth_passcode input").fill(ADMIN_CODE)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    wait_for_app(page, nav_label=vi("page.overview"))
    click_nav(page, vi("page.settings"), vi("settings.title"))
    before = settings_of(workbook_path)

    page.get_by_role("tab", name=vi("settings.group.hall")).click()
    key_locator(page, "setting_hall_rows").locator("input").fill("3")  # row D is still reserved for guests
    key_locator(page, "settings_save").locator("button").click()
    settle(page)
    refusal = page.locator('[data-testid="stAlert"]').filter(has_text=f"“{vi('settings.field.hall_rows')}”")
    expect(refusal).to_contain_text("(A–C)")
    assert settings_of(workbook_path) == before

    key_locator(page, "setting_hall_reserved").locator("input").fill("A:lãnh đạo;B-C:khen thưởng")
    key_locator(page, "settings_save").locator("button").click()
    settle(page)
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=vi("settings.saved", count=2))).to_be_visible()
    after = settings_of(workbook_path)
    assert (after["hall_rows"], after["hall_reserved"]) == ("3", "A:lãnh đạo;B-C:khen thưởng")
    log = validate(WorkbookStore(workbook_path).load()).frames[AUDIT.key]
    assert {"hall_rows", "hall_reserved"} <= set(log.loc[log["tab"] == "Sự kiện", "row_id"])

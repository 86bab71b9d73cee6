"""Bulk RSVP in a real Chromium: nothing selected → nothing to apply; select rows → the dialog's preview → confirm →
“Hoàn tác” → the workbook is as it was, cell for cell."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from services.i18n import t as translate
from services.schema import AUDIT
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY
from tests.e2e.harness import choose, key_locator, open_page, run_server, settle

pytestmark = pytest.mark.e2e

ROWS = 3  # the first rows of the list, selected with the grid's row markers
TARGET = "vắng"


def vi(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def cells(path) -> dict[str, list[tuple[object, ...]]]:
    wb = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets if ws.title != AUDIT.title}


@pytest.fixture(scope="module")
def server(browser, workbook_path):
    env = {"CONFERENCE_WORKBOOK": str(workbook_path), "CONFERENCE_TODAY": FIXED_TODAY.isoformat()}
    with run_server(env) as running:
        yield running


def select_first_rows(page, count: int) -> None:
    """Tick the row markers (the grid's first column, drawn on a canvas) of the first `count` rows."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    row_height = 35  # Streamlit's default dataframe row height, header included
    for i in range(count):
        page.mouse.click(box["x"] + 18, box["y"] + row_height * (i + 1) + row_height / 2)
        settle(page)


def test_bulk_rsvp_confirm_then_undo(page, server, workbook_path):
    before = cells(workbook_path)
    people = validate(WorkbookStore(workbook_path).load()).raw["attendees"]
    first = list(people.index[:ROWS])
    changing = [i for i in first if people.at[i, "rsvp"] != TARGET]
    assert changing, "the seeded first rows should not all have this response already"

    open_page(page, server.url, "attendees", title=vi("attendees.title"))
    apply = key_locator(page, "attendees_bulk_apply").locator("button")
    expect(apply).to_have_text(vi("bulk.select_first"))
    expect(apply).to_be_disabled()

    choose(page, "attendees_bulk_value", TARGET)
    settle(page)
    select_first_rows(page, ROWS)
    expect(apply).to_have_text(vi("bulk.apply_to", count=ROWS))
    apply.click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(vi("bulk.confirm_title"))
    expect(dialog).to_contain_text(f"{len(changing)} dòng")
    assert cells(workbook_path) == before, "nothing is written before the confirmation"
    key_locator(page, "attendees_bulk_apply_confirm").locator("button").click()
    expect(page.get_by_text(vi("attendees.bulk_done", count=len(changing)))).to_be_visible()
    expect(dialog).to_have_count(0)
    after = validate(WorkbookStore(workbook_path).load()).raw["attendees"]
    assert list(after.loc[changing, "rsvp"]) == [TARGET] * len(changing)

    key_locator(page, "attendees_bulk_apply_undo_button").locator("button").click()
    expect(page.get_by_text(vi("bulk.undone", count=len(changing)))).to_be_visible()
    assert cells(workbook_path) == before

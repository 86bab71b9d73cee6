"""Every page renders without an exception, on the seeded workbook and on the messy one."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.access import hash_passcode
from tests.apptest_helpers import PAGES, open_app, sign_in


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_seeded_workbook(page, seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, page)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_messy_workbook(page, messy_path, monkeypatch):
    at = open_app(messy_path, monkeypatch, page)
    assert not at.exception, at.exception


# The URLs staff bookmarked and the desk phones open (…/checkin): the default page at the root, every other one at
# its name. AppTest exposes the navigation's registry only as a private attribute.
URLS = {
    "overview": "",
    "tasks": "tasks",
    "attendees": "attendees",
    "nominations": "nominations",
    "programme": "programme",
    "budget": "budget",
    "checkin": "checkin",
    "seating": "seating",
    "documents": "documents",
    "data": "data",
    "settings": "settings",
}


def test_every_page_keeps_its_url(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "settings")  # an admin's menu lists every page
    registered = {Path(info["script_path"]).stem: info["url_pathname"] for info in at._registered_pages.values()}
    assert registered == URLS
    assert set(URLS) == set(PAGES)


def test_sidebar_shows_backend_and_data_age(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch)
    captions = [c.value for c in at.sidebar.caption]
    assert any(c.startswith("Tệp cục bộ: conference.xlsx") for c in captions)
    assert any(c.startswith("Dữ liệu lúc ") for c in captions)


def test_data_page_lists_problems_with_cell_references(messy_path, monkeypatch):
    at = open_app(messy_path, monkeypatch, "data")
    table = at.dataframe[1].value
    assert "'Nhiệm vụ'!E7" in set(table["Ô"])
    assert "'Đại biểu'!B3" in set(table["Ô"])


def test_language_switch_to_english(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "data")
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Data"
    assert any(c.value.startswith("Data as of ") for c in at.sidebar.caption)


def test_ensure_schema_button_creates_the_missing_audit_tab(messy_path, monkeypatch):
    admin = {"roles": {"passcodes": {"admin": hash_passcode("quản-trị-2025", iterations=1000)}}}
    at = open_app(messy_path, monkeypatch, secrets=admin)
    sign_in(at, "quản-trị-2025")
    at.switch_page("content/data.py").run()
    at.button(key="data_ensure_schema").click().run()
    assert not at.exception
    assert any("Nhật ký" in s.value for s in at.success)

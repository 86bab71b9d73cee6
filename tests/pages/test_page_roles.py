"""Each page refuses the wrong role itself (`ui.auth.require`), so a staff page stays closed to a viewer even if the page
file ever runs past app.py's navigation (which lists only the pages a role may open)."""

from __future__ import annotations

import pytest

from services.access import Role
from tests.apptest_helpers import PAGES, open_app, page_alone, sign_in
from tests.unit.test_access import ROLES
from ui.auth import PAGE_ROLES

STAFF_PAGES = [page for page, role in PAGE_ROLES.items() if role == Role.EDITOR]
COUNCIL_PAGES = ("province",)  # the provincial council's page: its own role, tests/pages/test_province_page.py
ADMIN_PAGES = [page for page, role in PAGE_ROLES.items() if role == Role.ADMIN]  # tests/pages/test_settings_page.py


def without_routing(at, page: str):
    """The page file run on its own, with `at`'s secrets and sign-in: no navigation, no sidebar."""
    alone = page_alone(at, page)
    assert not alone.exception, alone.exception
    assert not [s for s in alone.selectbox if s.key == "lang"], "app.py's sidebar ran: the page was not run alone"
    return alone


def data_shown(at) -> int:
    return len(at.dataframe) + len(at.metric) + len(at.get("plotly_chart")) + len(at.get("arrow_data_frame"))


def test_every_page_has_a_role_and_the_staff_pages_are_the_expected_ones():
    assert set(PAGE_ROLES) == set(PAGES)
    assert set(STAFF_PAGES) == {"attendees", "checkin", "seating", "data"}
    assert set(ADMIN_PAGES) == {"settings"}


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_a_viewer_opening_a_staff_page_directly_sees_no_data(page, seeded_path, monkeypatch):
    editor = without_routing(sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua"), page)
    assert editor.title and data_shown(editor), "an editor sees the page this way (so the check below can fail)"
    monkeypatch.undo()
    viewer = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    viewer.session_state["auth_role"] = "VIEWER"  # the staff page's URL is still known from the editor's menu
    viewer = without_routing(viewer, page)
    assert not viewer.title and not data_shown(viewer)
    assert any("biên tập" in w.value for w in viewer.warning), [w.value for w in viewer.warning]


def test_no_page_opens_before_sign_in(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ROLES), "sua")
    del at.session_state["auth_role"]
    for page in PAGES:
        alone = without_routing(at, page)
        assert not alone.title and not data_shown(alone), page
        assert any("đăng nhập" in i.value for i in alone.info), page


def test_every_page_checks_its_own_role_before_anything_else():
    import ast

    from tests.conftest import ROOT

    paths = sorted((ROOT / "content").glob("*.py"))
    assert sorted(p.stem for p in paths) == sorted([*PAGES, *COUNCIL_PAGES])
    for path in paths:
        body = [
            n
            for n in ast.parse(path.read_text(encoding="utf-8")).body
            if not isinstance(n, ast.Import | ast.ImportFrom)
            and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))  # the docstring
        ]
        first = ast.unparse(body[0])
        if path.stem in COUNCIL_PAGES:  # the council's own sign-in, outside every unit (ui.province)
            assert first == "user = require_council()", (path.name, first)
            continue
        assert first in (f"require({path.stem!r})", f"auth.require({path.stem!r})"), (path.name, first)

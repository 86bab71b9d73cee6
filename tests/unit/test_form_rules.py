"""The add-attendee form and the import meet one set of rules (issue 27): no Nhóm, an e-mail "abc@" or a duplicate is
refused with the import's reason; no dropdown shows Streamlit's English "Choose an option". The form on its page,
in AppTest: tests/pages/test_form_rules_pages.py."""

from __future__ import annotations

import ast

import pytest

from services.people import attendee_edits
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import ROOT

BLANK = dict.fromkeys(attendee_edits.FORM_FIELDS, "")


@pytest.fixture
def raw(seeded_path):
    return validate(WorkbookStore(seeded_path).load()).raw["attendees"]


def test_the_form_checks_what_the_import_checks(raw):
    new = {**BLANK, "name": "Lục Văn Mới", "email": "abc@"}
    problems = attendee_edits.form_problems(new, raw)
    assert any("Nhóm" in p for p in problems) and any("abc@" in p for p in problems), problems
    assert attendee_edits.form_problems({**new, "group": "khách mời", "email": "moi@example.com"}, raw) == []
    first = raw.iloc[0]
    twin = {**BLANK, "name": first["name"], "unit": first["unit"], "group": "khách mời"}
    assert any("Trùng họ tên" in p for p in attendee_edits.form_problems(twin, raw))


def test_an_edited_row_is_not_its_own_duplicate(raw):
    row_id = raw.index[0]
    values = attendee_edits.form_values(raw, row_id)
    assert attendee_edits.form_problems(values, raw, row_id) == []


def _widget_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        attr = getattr(getattr(node, "func", None), "attr", None) if isinstance(node, ast.Call) else None
        if attr in ("selectbox", "multiselect"):
            yield node


def test_every_dropdown_has_a_placeholder_of_its_own():
    """Without `placeholder=`, Streamlit draws "Choose an option" (English) in an empty dropdown."""
    missing = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for folder in ("content", "ui")
        for path in sorted((ROOT / folder).glob("*.py"))
        for call in _widget_calls(path)
        if not any(k.arg == "placeholder" for k in call.keywords)
    ]
    assert missing == []

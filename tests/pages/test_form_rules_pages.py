"""The add-attendee form on its page, in AppTest (issue 27): it refuses what the import refuses, saves nothing, and its
dropdown shows its own placeholder (the rules themselves: tests/unit/test_form_rules.py)."""

from __future__ import annotations

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


def test_the_add_form_refuses_what_the_import_refuses(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    before = len(validate(WorkbookStore(seeded_path).load()).raw["attendees"])
    form = "new"
    at.text_input(key=f"attendees_f_name_{form}").input("Lục Văn Mới")
    at.text_input(key=f"attendees_f_email_{form}").input("abc@")
    at.button(key=f"attendees_save_{form}").click().run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Nhóm" in errors and "abc@" in errors, errors
    assert len(validate(WorkbookStore(seeded_path).load()).raw["attendees"]) == before, "nothing saved"
    assert at.selectbox(key=f"attendees_f_group_{form}").format_func("") == "—"

"""One submission deadline on the pages, in AppTest: the overview's banner and the documents page's dossier line show
the task's own due date (what the readiness result carries: tests/unit/test_readiness_result.py)."""

from __future__ import annotations

import pytest

from services.store.workbook import WorkbookStore
from tests.apptest_helpers import open_app
from tests.unit.test_readiness_result import OWN_DATE, submission_task


@pytest.mark.parametrize("page", ["overview", "documents"])
def test_overview_banner_and_dossier_line_show_the_same_deadline(page, seeded_path, monkeypatch):
    WorkbookStore(seeded_path).update_row(
        "tasks", submission_task(WorkbookStore(seeded_path)), {"due": OWN_DATE}, {}, user="x"
    )
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-11-26")
    at = open_app(seeded_path, monkeypatch, page)
    assert not at.exception
    shown = [e.value for e in at.error] if page == "overview" else [c.value for c in at.caption]
    assert any(OWN_DATE in text for text in shown), shown
    if page == "documents":
        assert "Hạn gửi hồ sơ: 28/11/2026 (trước Hội nghị 18 ngày), còn 2 ngày." in shown

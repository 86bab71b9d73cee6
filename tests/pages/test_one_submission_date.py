"""One submission date everywhere: the overview (banner, component, timeline), the readiness PDF, the documents page's
dossier line and the dossier's cover list all show the same date and the real number of days before the event —
the submission task's own due date when it has one, else the event date minus report_lead_days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.display.formatting import short_date
from services.documents import DOCUMENT_BY_KEY, dossier_status, render
from services.documents.dossier import cover_list
from services.planning import charts, readiness
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app
from tests.conftest import FIXED_TODAY
from tests.unit.test_documents import pdf_text

EVENT = FIXED_TODAY + timedelta(days=21)  # the seed's event date


def submission_task(store: WorkbookStore) -> str:
    tasks = validate(store.load()).frames["tasks"]
    return next(i for i, name in tasks["task"].items() if "Hội đồng Thi đua - Khen thưởng tỉnh" in name)


@pytest.fixture(params=["own_due", "rule"])
def case(request, seeded_path):
    """(workbook, expected deadline, days before the event): the task due T-40, or no due and a lead of 20 days."""
    store = WorkbookStore(seeded_path)
    row_id = submission_task(store)
    if request.param == "own_due":
        store.update_row("tasks", row_id, {"due": "T-40"}, {}, user="x")
        days = 40
    else:
        store.update_row("tasks", row_id, {"due": ""}, {}, user="x")
        store.update_row("settings", "report_lead_days", {"value": "20"}, {}, user="x")
        days = 20
    return seeded_path, EVENT - timedelta(days=days), days


def test_services_agree(case):
    path, deadline, days = case
    data = validate(WorkbookStore(path).load())
    sub = readiness.submission(data, FIXED_TODAY)
    assert (sub.deadline, sub.days_before_event, sub.lead_days) == (deadline, days, days)
    component = next(c for c in readiness.assess(data, FIXED_TODAY).components if c.key == "submission")
    assert f"(T-{days})" in component.label
    timeline = charts.overview_figures(data, FIXED_TODAY)["timeline"]
    labels = [a.text for a in timeline.layout.annotations]
    assert any(f"(T-{days})" in label for label in labels), labels
    assert not any("(T-15)" in label for label in labels)

    report = pdf_text(DOCUMENT_BY_KEY["readiness"].build(data, FIXED_TODAY))
    assert f"hạn {short_date(deadline)} (trước Hội nghị {days} ngày)" in report
    assert "trước Hội nghị 15 ngày" not in report

    cover = pdf_text(render(cover_list(data, FIXED_TODAY, [], dossier_status(data, FIXED_TODAY)), "pdf"))
    assert f"Hạn gửi hồ sơ: {short_date(deadline)} (trước Hội nghị {days} ngày)" in cover


def test_pages_agree(case, monkeypatch):
    path, deadline, days = case
    monkeypatch.setenv("CONFERENCE_TODAY", (deadline - timedelta(days=2)).isoformat())  # the banner is up
    at = open_app(path, monkeypatch, "overview")
    assert not at.exception
    banner = " ".join(e.value for e in at.error)
    assert f"hạn {short_date(deadline)}" in banner and "Còn 2 ngày" in banner, banner
    assert any(f"Gửi hồ sơ về tỉnh (T-{days})" in m.value for m in at.markdown)
    at.switch_page("content/documents.py")
    at.run()
    assert not at.exception
    line = f"Hạn gửi hồ sơ: {short_date(deadline)} (trước Hội nghị {days} ngày), còn 2 ngày."
    assert line in [c.value for c in at.caption]


def test_changing_the_lead_days_does_not_pick_another_task(seeded_path):
    """A lead of 18 days must not make the task that happens to be due T-18 the submission."""
    store = WorkbookStore(seeded_path)
    row_id = submission_task(store)
    store.update_row("settings", "report_lead_days", {"value": "18"}, {}, user="x")
    sub = readiness.submission(validate(store.load()), FIXED_TODAY)
    assert sub.task_id == row_id and sub.deadline == EVENT - timedelta(days=15)
    assert sub.deadline == date(2026, 12, 1)


def test_a_submission_due_on_the_event_day_says_t_0(seeded_path):
    store = WorkbookStore(seeded_path)
    store.update_row("tasks", submission_task(store), {"due": short_date(EVENT)}, {}, user="x")
    data = validate(store.load())
    assert readiness.submission(data, FIXED_TODAY).lead_days == 0
    labels = [a.text for a in charts.overview_figures(data, FIXED_TODAY)["timeline"].layout.annotations]
    assert any("(T-0)" in label for label in labels), labels

"""What the readiness result carries for the pages: the headline counts, and one submission deadline that the
overview's banner and the documents page's dossier line both show (those pages, in AppTest:
tests/pages/test_readiness_result_pages.py)."""

from __future__ import annotations

from datetime import date

from services.planning import readiness
from services.validation import validate
from tests.conftest import FIXED_TODAY

OWN_DATE = "28/11/2026"  # the council submission's own due, 18 days before the event (not T-15)


def submission_task(store) -> str:
    tasks = validate(store.load()).frames["tasks"]
    return next(i for i, name in tasks["task"].items() if "Hội đồng Thi đua - Khen thưởng tỉnh" in name)


def test_kpis_count_the_dataset(seeded_store):
    data = validate(seeded_store.load())
    kpis = readiness.assess(data, FIXED_TODAY).kpis
    tasks, people, nominations = (data.frames[k] for k in ("tasks", "attendees", "nominations"))
    assert kpis.tasks == len(tasks) and kpis.tasks_done == int((tasks["status"] == "hoàn thành").sum())
    assert kpis.confirmed == int((people["rsvp"] == "tham dự").sum()) and kpis.capacity == data.settings.capacity
    assert kpis.approved == int((nominations["status"] == "đã duyệt").sum())
    assert kpis.nominations == len(nominations)
    assert 0 < kpis.tasks_done < kpis.tasks and kpis.approved > 0


def test_the_submission_keeps_its_own_due_date(seeded_store):
    store = seeded_store
    data = validate(store.load())
    due = readiness.submission(data, FIXED_TODAY)
    assert (due.deadline, due.days_before_event) == (date(2026, 12, 1), 15)
    store.update_row("tasks", submission_task(store), {"due": OWN_DATE}, {}, user="x")
    due = readiness.submission(validate(store.load()), FIXED_TODAY)
    assert (due.deadline, due.days_before_event) == (date(2026, 11, 28), 18)
    assert readiness.assess(validate(store.load()), FIXED_TODAY).submission == due

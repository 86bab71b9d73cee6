"""Readiness components on hand-made frames: values, statuses and the edge cases leadership would trip over."""

from __future__ import annotations

from datetime import date, time

import pandas as pd
import pytest

from services.planning import readiness as r
from services.planning.budget import summarize
from services.planning.schedule import build_schedule
from tests.frames import budget, programme

TODAY = date(2026, 11, 25)
EVENT = date(2026, 12, 16)


def tasks(*rows: tuple) -> pd.DataFrame:
    """(id, task, due date or None, status, progress) → a frame shaped like validation's."""
    frame = pd.DataFrame(
        {
            "task": [x[1] for x in rows],
            "unit": ["Văn phòng Sở"] * len(rows),
            "owner": ["Chánh VP"] * len(rows),
            "due": pd.to_datetime([x[2] for x in rows]),
            "status": [x[3] for x in rows],
            "progress": pd.array([x[4] for x in rows], dtype="Int64"),
        },
        index=pd.Index([x[0] for x in rows], name="id"),
    )
    return frame


def test_tasks_component_no_tasks_is_left_out_of_the_score():
    c = r.tasks_component(tasks(), TODAY)
    assert c.value is None and c.status == r.WARNING
    assert r.readiness_score([c]) is None


def test_overdue_task_weighs_more_than_one_not_yet_due():
    late = tasks(("A", "done", date(2026, 12, 20), "hoàn thành", 100), ("B", "late", date(2026, 11, 20), "chưa làm", 0))
    later = tasks(
        ("A", "done", date(2026, 12, 20), "hoàn thành", 100), ("B", "later", date(2026, 12, 20), "chưa làm", 0)
    )
    c_late, c_later = r.tasks_component(late, TODAY), r.tasks_component(later, TODAY)
    assert c_late.value == pytest.approx(1 / 4)  # done weighs 1, overdue 3
    assert c_later.value == pytest.approx(1 / 2)
    assert c_late.status == r.DANGER and c_later.status == r.OK


def test_tasks_component_uses_progress_and_flags_unreadable_dates():
    frame = tasks(("A", "x", date(2026, 11, 28), "đang làm", 50), ("B", "y", None, "chưa làm", None))
    c = r.tasks_component(frame, TODAY)
    # A is due within a week (weight 2, half done), B has no readable date (weight 1, nothing done).
    assert c.value == pytest.approx(1 / 3)
    assert c.status == r.WARNING
    assert "1 chưa có hạn" in c.detail
    assert "Cách tính" not in c.method and "quá hạn ×3" in c.method


def test_task_urgency_boundaries():
    assert r.task_urgency(None, TODAY) == 1
    assert r.task_urgency(date(2026, 11, 24), TODAY) == 3
    assert r.task_urgency(TODAY, TODAY) == 2
    assert r.task_urgency(date(2026, 12, 2), TODAY) == 2
    assert r.task_urgency(date(2026, 12, 3), TODAY) == 1


def test_countdown_states():
    assert r.countdown(EVENT, TODAY) == r.Countdown(EVENT, 21, "future")
    assert r.countdown(TODAY, TODAY).state == "today"
    past = r.countdown(date(2026, 11, 20), TODAY)
    assert past.state == "past" and past.days == -5
    assert r.countdown(None, TODAY) == r.Countdown(None, None, "no_date")


def submission_frame(status: str, progress: int, due_text: str = "T-15"):
    frame = tasks(
        ("NV-1", "Lập kế hoạch", date(2026, 11, 1), "hoàn thành", 100),
        ("NV-2", "Gửi báo cáo về Hội đồng Thi đua - Khen thưởng tỉnh", date(2026, 12, 1), status, progress),
    )
    return frame, pd.Series({"NV-1": "01/11/2026", "NV-2": due_text})


@pytest.mark.parametrize(
    ("today", "status", "state", "banner", "component_status"),
    [
        (date(2026, 11, 20), "chưa làm", "pending", False, r.OK),  # 11 days left
        (date(2026, 11, 26), "chưa làm", "pending", False, r.WARNING),  # 5 days left: within a week
        (date(2026, 11, 28), "đang làm", "due_soon", True, r.DANGER),
        (date(2026, 12, 1), "đang làm", "due_soon", True, r.DANGER),
        (date(2026, 12, 2), "chưa làm", "late", True, r.DANGER),
        (date(2026, 12, 2), "hoàn thành", "done", False, r.OK),
    ],
)
def test_submission_states(today, status, state, banner, component_status):
    frame, due_text = submission_frame(status, 100 if status == "hoàn thành" else 40)
    s = r.submission_status(frame, due_text, EVENT, 15, today)
    assert s.task_id == "NV-2" and s.deadline == date(2026, 12, 1)
    assert s.state == state and s.banner is banner
    c = r.submission_component(s, 15)
    assert c.status == component_status
    if state == "late":
        assert c.value == 0 and "Quá hạn 1 ngày" in c.detail


def test_submission_found_by_name_when_due_is_a_date():
    frame, due_text = submission_frame("chưa làm", 0, due_text="01/12/2026")
    frame.loc["NV-1", "task"] = "Việc khác"
    assert r.find_submission_task(frame, due_text, 15) == "NV-2"


def test_submission_without_task_uses_event_date():
    s = r.submission_status(tasks(), pd.Series(dtype=str), EVENT, 15, TODAY)
    assert s.task_id is None and s.deadline == date(2026, 12, 1) and s.state == "missing"
    assert r.submission_component(s, 15).status == r.WARNING


def test_submission_without_event_date_or_task_is_unmeasured():
    s = r.submission_status(tasks(), None, None, 15, TODAY)
    assert s.state == "no_date"
    assert r.submission_component(s, 15).value is None


def test_submission_when_event_date_is_past():
    frame, due_text = submission_frame("chưa làm", 0)
    s = r.submission_status(frame, due_text, EVENT, 15, date(2026, 12, 20))
    assert s.state == "late" and s.days_left == -19


def attendees(*rsvp: str) -> pd.DataFrame:
    return pd.DataFrame({"group": ["công chức"] * len(rsvp), "rsvp": list(rsvp)})


def test_attendees_zero_invited_is_unmeasured():
    c = r.attendees_component(attendees(), 120)
    assert c.value is None and c.status == r.WARNING


def test_attendees_response_rate_and_capacity():
    c = r.attendees_component(attendees("tham dự", "vắng", "chưa phản hồi", "", "tham dự"), 120)
    assert c.value == pytest.approx(3 / 5) and c.status == r.WARNING
    assert "3/5 đã phản hồi" in c.detail and "2 tham dự / 120 chỗ" in c.detail
    full = r.attendees_component(attendees("tham dự", "tham dự", "tham dự"), 2)
    assert full.value == 1 and full.status == r.DANGER


def test_nominations_decided_and_approved():
    frame = pd.DataFrame({"status": ["đã duyệt", "không duyệt", "đang xét", "đề xuất"]})
    c = r.nominations_component(frame)
    assert c.value == pytest.approx(0.5) and c.status == r.WARNING
    assert "2/4 đã có kết quả · 1 được duyệt" in c.detail
    assert r.nominations_component(pd.DataFrame({"status": []})).value is None


def test_nominations_follow_the_laws_split():
    """An approval awaiting the Chủ tịch UBND tỉnh's decision is not a result yet; one the law refuses is red."""
    frame = pd.DataFrame({"status": ["đã duyệt", "đã duyệt", "không duyệt", "đã duyệt"]})
    waiting = r.nominations_component(frame, split=r.AwardSplit(awaiting=1))
    assert waiting.value == pytest.approx(3 / 4) and waiting.status == r.WARNING
    assert "1 chờ quyết định của Chủ tịch UBND tỉnh" in waiting.detail
    assert r.nominations_component(frame, split=r.AwardSplit(refused=1)).status == r.DANGER
    assert r.nominations_component(frame).status == r.OK


def test_the_seed_awaits_the_provinces_decision(seeded_store):
    from services.validation import validate

    data = validate(seeded_store.load())
    split = r.award_split(data)
    assert (split.awaiting, split.refused) == (5, 0)  # the Bằng khen proposed upward: 3 cá nhân, 2 tập thể


def test_programme_component_counts_presenters_and_overrun():
    sched = build_schedule(programme(("A", 1, "GĐ", 100), ("B", 2, "", 100)), time(7, 30), 240)
    c = r.programme_component(sched)
    assert c.value == 0.5 and c.status == r.WARNING
    ok = r.programme_component(build_schedule(programme(("A", 1, "GĐ", 100)), time(7, 30), 240))
    assert ok.value == 1 and ok.status == r.OK
    over = r.programme_component(build_schedule(programme(("A", 1, "GĐ", 300)), time(7, 30), 240))
    assert over.value == 1 and over.status == r.WARNING


def test_budget_component():
    within = r.budget_component(summarize(budget(("a", 100, 50), ("b", 100, None))))
    assert within.value == 1 and within.status == r.OK
    one_over = r.budget_component(summarize(budget(("a", 100, 150), ("b", 100, 0))))
    assert one_over.value == 0.5 and one_over.status == r.WARNING
    total_over = r.budget_component(summarize(budget(("a", 100, 250), ("b", 100, 0))))
    assert total_over.status == r.DANGER
    assert "250 ₫" in total_over.detail
    assert r.budget_component(summarize(budget())).value is None


def test_score_is_the_weighted_mean_of_measured_components():
    a = r.Component("a", "A", 1.0, 30, r.OK, "", "")
    b = r.Component("b", "B", 0.0, 10, r.OK, "", "")
    none = r.Component("c", "C", None, 60, r.WARNING, "", "")
    assert r.readiness_score([a, b, none]) == 75


def test_overdue_list_sorted_most_late_first_and_skips_done_and_undated():
    frame = tasks(
        ("A", "a", date(2026, 11, 20), "chưa làm", 0),
        ("B", "b", date(2026, 11, 10), "đang làm", 50),
        ("C", "c", date(2026, 11, 1), "hoàn thành", 100),
        ("D", "d", None, "chưa làm", 0),
        ("E", "e", date(2026, 11, 30), "chưa làm", 0),
    )
    out = r.overdue_tasks(frame, TODAY)
    assert out["id"].tolist() == ["B", "A"]
    assert out["days_late"].tolist() == [15, 5]
    assert list(out.columns) == ["id", "task", "unit", "owner", "due", "days_late"]
    assert r.overdue_tasks(tasks(), TODAY).empty


def test_english_labels_come_from_the_catalogue():
    c = r.tasks_component(tasks(), TODAY, lang="en")
    assert c.label == "Preparation tasks" and c.detail == "No tasks yet."


def test_reference_day_can_be_pinned():
    assert r.reference_day({"CONFERENCE_TODAY": "2026-12-16"}) == EVENT
    assert r.reference_day({"CONFERENCE_TODAY": "rác"}) == date.today()

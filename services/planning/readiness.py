"""Is the conference ready? A 0–100 score from named components, the countdown, the T-15 submission and overdue tasks.

Every function takes `today` as an argument so results are reproducible; only `reference_day()` looks at the clock
(and at `CONFERENCE_TODAY=yyyy-mm-dd`, which pins the day for demos, screenshots and tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import pandas as pd

from services.awards import ceremony, honours
from services.display.formatting import short_date
from services.display.numbers import percent, vnd
from services.i18n import t
from services.parsing import parse_relative_days
from services.planning import budget as budget_service
from services.planning import schedule as schedule_service
from services.schema import NOMINATION_STATUS, RSVP, TaskStatus
from services.text import match_key
from services.validation import Dataset

OK, WARNING, DANGER = "ok", "warning", "danger"
DONE = TaskStatus.DONE.value
_, CONFIRMED, ABSENT = RSVP  # the schema's own values, so the counts follow it
_, _, APPROVED, REJECTED = NOMINATION_STATUS
SOON_DAYS = 7  # a task due within a week weighs more than one due later
BANNER_DAYS = 3  # the T-15 submission turns red this many days before its deadline
# Words that identify the submission to the provincial council when its due is not written as T-n.
SUBMISSION_MARKERS = ("hội đồng thi đua - khen thưởng tỉnh", "hội đồng thi đua khen thưởng tỉnh", "sở nội vụ")

WEIGHTS: dict[str, float] = {
    "tasks": 30,
    "submission": 20,
    "attendees": 15,
    "nominations": 20,
    "programme": 10,
    "budget": 5,
}


def reference_day(env: Mapping[str, str] | None = None) -> date:
    """Today, unless CONFERENCE_TODAY pins another day (yyyy-mm-dd). Pages call this once and pass it down."""
    env = os.environ if env is None else env
    pinned = env.get("CONFERENCE_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


@dataclass(frozen=True)
class Component:
    """One named part of the score: `value` is a fraction 0–1 (None = nothing to measure, left out of the score)."""

    key: str
    label: str
    value: float | None
    weight: float
    status: str  # ok | warning | danger
    detail: str  # the numbers behind the value, one line
    method: str  # "Cách tính": how the value and status are computed

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(100 * self.value)


@dataclass(frozen=True)
class Countdown:
    event_date: date | None
    days: int | None  # days from today to the event (negative once past)
    state: str  # future | today | past | no_date


@dataclass(frozen=True)
class Submission:
    """The report to the provincial council: due on its task's own date, else T-{report_lead_days}."""

    task_id: str | None
    task: str
    deadline: date | None
    days_left: int | None
    state: str  # done | late | due_soon | pending | missing | no_date
    progress: float
    days_before_event: int | None = None  # how long before the event the deadline falls (the task may set its own)
    rule_days: int | None = None  # report_lead_days, the rule when neither the task nor the event gives a date

    @property
    def lead_days(self) -> int | None:
        """The real number of days between the deadline and the event: what every "T-n" and "trước Hội nghị n ngày"
        prints, so a task due T-40 never reads as T-15."""
        return self.days_before_event if self.days_before_event is not None else self.rule_days

    @property
    def banner(self) -> bool:
        return self.state in ("late", "due_soon")


@dataclass(frozen=True)
class Kpis:
    """The headline counts beside the score."""

    tasks_done: int
    tasks: int
    confirmed: int  # attendees who answered "tham dự"
    invited: int  # every attendee on the list: what "confirmed" is a share of (not the hall's seats)
    capacity: int
    approved: int
    nominations: int


@dataclass(frozen=True)
class Readiness:
    score: int | None
    components: list[Component]
    countdown: Countdown
    submission: Submission
    overdue: pd.DataFrame
    kpis: Kpis


# --- helpers -------------------------------------------------------------------------------------


def calendar_day(value: object) -> date | None:
    """A cell's date as a plain day (None for blank or unreadable), whatever pandas made of it."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    return None


def _count(column: pd.Series | None, value: str) -> int:
    return 0 if column is None else int((column == value).sum())


def _progress(status: object, progress: Any) -> float:  # progress: a typed cell, a number, NA or None
    """Done = 1; otherwise the typed Tiến độ % (0 if blank or unreadable)."""
    if status == DONE:
        return 1.0
    if progress is None or progress is pd.NA or (isinstance(progress, float) and pd.isna(progress)):
        return 0.0
    return max(0.0, min(1.0, float(progress) / 100))


def countdown(event_date: date | None, today: date) -> Countdown:
    if event_date is None:
        return Countdown(None, None, "no_date")
    days = (event_date - today).days
    state = "today" if days == 0 else ("past" if days < 0 else "future")
    return Countdown(event_date, days, state)


# --- components ----------------------------------------------------------------------------------


def task_urgency(due: date | None, today: date) -> float:
    """How much a not-yet-done task weighs: overdue 3, due within a week 2, later or no readable date 1."""
    if due is None:
        return 1.0
    days = (due - today).days
    if days < 0:
        return 3.0
    return 2.0 if days <= SOON_DAYS else 1.0


def tasks_component(tasks: pd.DataFrame, today: date, lang: str = "vi") -> Component:
    """Weighted progress of the preparation tasks; overdue tasks weigh 3×, tasks due within a week 2×."""
    label, method = t("overview.c.tasks", lang), t("overview.c.tasks.how", lang, soon=SOON_DAYS)
    if tasks.empty:
        return Component("tasks", label, None, WEIGHTS["tasks"], WARNING, t("overview.c.tasks.none", lang), method)
    total_weight = done_weight = 0.0
    overdue = soon = undated = done = 0
    for _, row in tasks.iterrows():
        due = calendar_day(row.get("due"))
        progress = _progress(row.get("status"), row.get("progress"))
        # A task already done counts fully whatever its date; otherwise its weight grows with urgency.
        weight = 1.0 if progress >= 1 else task_urgency(due, today)
        total_weight += weight
        done_weight += weight * progress
        if progress >= 1:
            done += 1
            continue
        if due is None:
            undated += 1  # blank, unreadable, or T-n without an event date: nobody can tell if it is late
        elif due < today:
            overdue += 1
        elif (due - today).days <= SOON_DAYS:
            soon += 1
    value = done_weight / total_weight
    status = DANGER if overdue else (WARNING if soon or undated else OK)
    detail = t("overview.c.tasks.detail", lang, done=done, total=len(tasks), overdue=overdue, soon=soon)
    if undated:
        detail += " · " + t("overview.c.tasks.undated", lang, count=undated)
    return Component("tasks", label, value, WEIGHTS["tasks"], status, detail, method)


def find_submission_task(tasks: pd.DataFrame, due_text: pd.Series | None, lead_days: int) -> str | None:
    """The task that sends the report to the provincial council: the one named so (the first due T-{lead_days} among
    several), else the one due T-{lead_days}. The name goes first so that changing report_lead_days to, say, 18 does
    not turn whichever task happens to be due T-18 into the submission."""

    def due_by_rule(row_id: str) -> bool:
        return due_text is not None and parse_relative_days(due_text.get(row_id, "")) == lead_days

    named = [
        cast(str, row_id)  # tasks are indexed by their text ID
        for row_id, name in (tasks["task"].items() if "task" in tasks else [])
        if any(marker in match_key(name) for marker in SUBMISSION_MARKERS)
    ]
    if named:
        return next((row_id for row_id in named if due_by_rule(row_id)), named[0])
    return next((row_id for row_id in cast(Iterable[str], tasks.index) if due_by_rule(row_id)), None)  # text IDs


def submission_status(
    tasks: pd.DataFrame,
    due_text: pd.Series | None,
    event_date: date | None,
    lead_days: int,
    today: date,
) -> Submission:
    row_id = find_submission_task(tasks, due_text, lead_days)
    row = tasks.loc[row_id] if row_id is not None else None
    deadline = calendar_day(row.get("due")) if row is not None else None
    if deadline is None and event_date is not None:
        deadline = event_date - timedelta(days=lead_days)
    name = str(row.get("task", "")) if row is not None else ""
    progress = _progress(row.get("status"), row.get("progress")) if row is not None else 0.0
    days_left = (deadline - today).days if deadline else None
    before_event = (event_date - deadline).days if deadline and event_date else None
    if row is not None and progress >= 1:
        state = "done"
    elif days_left is None:  # no deadline
        state = "no_date"
    elif days_left < 0:
        state = "late"
    elif days_left <= BANNER_DAYS:
        state = "due_soon"
    elif row is None:
        state = "missing"
    else:
        state = "pending"
    return Submission(row_id, name, deadline, days_left, state, progress, before_event, lead_days)


def submission(data: Dataset, today: date) -> Submission:
    """The one truth for the submission date and its lead time: the overview's banner, component and timeline, the
    readiness PDF, the documents page's dossier line and the dossier itself all read it from here."""
    s = data.settings
    return submission_status(
        data.frames["tasks"], data.raw["tasks"].get("due"), s.event_date, s.report_lead_days, today
    )


def submission_component(submission: Submission, lead_days: int, lang: str = "vi") -> Component:
    days = submission.lead_days if submission.lead_days is not None else lead_days
    label = t("overview.c.submission", lang, days=days)
    method = t("overview.c.submission.how", lang, days=lead_days, banner=BANNER_DAYS)
    status = {
        "done": OK,
        "late": DANGER,
        "due_soon": DANGER,
        "pending": OK,
        "missing": WARNING,
        "no_date": WARNING,
    }[submission.state]
    if submission.state == "pending" and submission.days_left is not None and submission.days_left <= SOON_DAYS:
        status = WARNING
    value: float | None = submission.progress
    if submission.state == "late":
        value = 0.0  # a late report is not "partly sent"
    if submission.state == "no_date" and submission.task_id is None:
        value = None
    detail = t(
        f"overview.submission.{submission.state}",
        lang,
        deadline=short_date(submission.deadline),
        days=abs(submission.days_left or 0),
    )
    return Component("submission", label, value, WEIGHTS["submission"], status, detail, method)


def attendees_component(attendees: pd.DataFrame, capacity: int, lang: str = "vi") -> Component:
    label, method = t("overview.c.attendees", lang), t("overview.c.attendees.how", lang)
    invited = len(attendees)
    if invited == 0:
        return Component(
            "attendees", label, None, WEIGHTS["attendees"], WARNING, t("overview.c.attendees.none", lang), method
        )
    rsvp = attendees["rsvp"] if "rsvp" in attendees else pd.Series([], dtype=object)
    confirmed = _count(rsvp, CONFIRMED)
    responded = confirmed + _count(rsvp, ABSENT)
    value = responded / invited
    over = bool(capacity) and confirmed > capacity
    status = DANGER if over else (OK if value >= 0.8 else WARNING)
    detail = t(
        "overview.c.attendees.detail",
        lang,
        responded=responded,
        invited=invited,
        confirmed=confirmed,
        capacity=capacity or "—",
    )
    return Component("attendees", label, value, WEIGHTS["attendees"], status, detail, method)


@dataclass(frozen=True)
class AwardSplit:
    """Approved nominations by what the law makes of them: awaiting the Chủ tịch UBND tỉnh's decision number (on the
    Tờ trình, not yet decided) and refused by the law (a yearly title for the period …: not decided at all)."""

    awaiting: int = 0
    refused: int = 0


def award_split(data: Dataset) -> AwardSplit:
    refused = len(honours.approved_order(data)) - len(honours.lawful_order(data))
    return AwardSplit(awaiting=len(ceremony.awaiting_decision(data)), refused=refused)


def nominations_component(nominations: pd.DataFrame, lang: str = "vi", split: AwardSplit | None = None) -> Component:
    """Nominations with a result over all nominations. With the law's `split`, an approval awaiting the province's
    decision is not yet a result, and one the law refuses is a danger (it must be reopened)."""
    label, method = t("overview.c.nominations", lang), t("overview.c.nominations.how", lang)
    total = len(nominations)
    if total == 0:
        return Component(
            "nominations", label, None, WEIGHTS["nominations"], WARNING, t("overview.c.nominations.none", lang), method
        )
    status_col = nominations["status"]
    approved = _count(status_col, APPROVED)
    split = split or AwardSplit()
    decided = approved - split.awaiting - split.refused + _count(status_col, REJECTED)
    value = decided / total
    status = DANGER if split.refused else (OK if decided == total else WARNING)
    detail = t("overview.c.nominations.detail", lang, decided=decided, total=total, approved=approved)
    if split.awaiting or split.refused:
        detail += t("overview.c.nominations.law", lang, awaiting=split.awaiting, refused=split.refused)
    return Component("nominations", label, value, WEIGHTS["nominations"], status, detail, method)


def programme_component(schedule: schedule_service.Schedule, lang: str = "vi") -> Component:
    label, method = t("overview.c.programme", lang), t("overview.c.programme.how", lang)
    total = len(schedule.items)
    if total == 0:
        return Component(
            "programme", label, None, WEIGHTS["programme"], WARNING, t("overview.c.programme.none", lang), method
        )
    with_presenter = total - len(schedule.missing_presenter)
    value = with_presenter / total
    status = WARNING if schedule.missing_presenter or schedule.overrun_minutes > 0 else OK
    detail = t(
        "overview.c.programme.detail",
        lang,
        done=with_presenter,
        total=total,
        minutes=schedule.total_minutes,
        session=schedule.session_minutes,
    )
    return Component("programme", label, value, WEIGHTS["programme"], status, detail, method)


def budget_component(summary: budget_service.BudgetSummary, lang: str = "vi") -> Component:
    label, method = t("overview.c.budget", lang), t("overview.c.budget.how", lang)
    lines = len(summary.lines)
    if lines == 0:
        return Component("budget", label, None, WEIGHTS["budget"], WARNING, t("overview.c.budget.none", lang), method)
    over = len(summary.over_budget)
    value = (lines - over) / lines
    status = DANGER if summary.total_actual > summary.total_estimate else (WARNING if over else OK)
    detail = t(
        "overview.c.budget.detail",
        lang,
        actual=vnd(summary.total_actual, lang),  # in the screen's language, as the budget page shows it
        estimate=vnd(summary.total_estimate, lang),
        share=percent(summary.spent_ratio, lang) if summary.spent_ratio is not None else "—",
        over=over,
    )
    return Component("budget", label, value, WEIGHTS["budget"], status, detail, method)


def readiness_score(components: list[Component]) -> int | None:
    """Weighted mean of the components that have a value, as 0–100; None if none has."""
    measured = [(c.value, c.weight) for c in components if c.value is not None]
    weight = sum(w for _, w in measured)
    if not weight:
        return None
    return round(100 * sum(v * w for v, w in measured) / weight)


def overdue_tasks(tasks: pd.DataFrame, today: date) -> pd.DataFrame:
    """Not-done tasks whose due date has passed, most late first: id, task, unit, owner, due, days_late."""
    columns = ["id", "task", "unit", "owner", "due", "days_late"]
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    due = pd.to_datetime(tasks["due"], errors="coerce")
    late_mask = due.notna() & (due < pd.Timestamp(today)) & (tasks["status"] != DONE)
    late = tasks[late_mask]
    out = pd.DataFrame(
        {
            "id": late.index.astype(str),
            "task": late["task"].astype(str).to_numpy(),
            "unit": late["unit"].astype(str).to_numpy() if "unit" in late else "",
            "owner": late["owner"].astype(str).to_numpy() if "owner" in late else "",
            "due": [d.date() for d in due[late_mask]],
            "days_late": [(today - d.date()).days for d in due[late_mask]],
        },
        columns=columns,
    )
    return out.sort_values(["days_late", "id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def due_soon_tasks(tasks: pd.DataFrame, today: date) -> pd.DataFrame:
    """The tasks the "N sắp đến hạn" of the tasks component counts: not done, due today or within SOON_DAYS,
    soonest first: id, task, unit, owner, due, days_left."""
    columns = ["id", "task", "unit", "owner", "due", "days_left"]
    rows = []
    for row_id, row in tasks.iterrows():
        due = calendar_day(row.get("due"))
        if due is None or _progress(row.get("status"), row.get("progress")) >= 1:
            continue
        if 0 <= (due - today).days <= SOON_DAYS:
            rows.append((str(row_id), str(row["task"]), str(row.get("unit") or ""), str(row.get("owner") or ""), due))
    out = pd.DataFrame([(*r, (r[4] - today).days) for r in rows], columns=columns)
    return out.sort_values(["days_left", "id"], kind="stable").reset_index(drop=True)


def due_soon(data: Dataset, today: date) -> pd.DataFrame:
    return due_soon_tasks(data.frames["tasks"], today)


def assess(data: Dataset, today: date, lang: str = "vi") -> Readiness:
    """Everything the overview shows about readiness, from one dataset and one day."""
    s = data.settings
    tasks, attendees, nominations = data.frames["tasks"], data.frames["attendees"], data.frames["nominations"]
    due = submission(data, today)
    schedule = schedule_service.build_schedule(data.frames["programme"], s.start_time, s.session_minutes)
    summary = budget_service.summarize(data.frames["budget"])
    components = [
        tasks_component(tasks, today, lang),
        submission_component(due, s.report_lead_days, lang),
        attendees_component(attendees, s.capacity, lang),
        nominations_component(nominations, lang, award_split(data)),
        programme_component(schedule, lang),
        budget_component(summary, lang),
    ]
    return Readiness(
        score=readiness_score(components),
        components=components,
        countdown=countdown(s.event_date, today),
        submission=due,
        overdue=overdue_tasks(tasks, today),
        kpis=Kpis(
            tasks_done=_count(tasks.get("status"), DONE),
            tasks=len(tasks),
            confirmed=_count(attendees.get("rsvp"), CONFIRMED),
            invited=len(attendees),
            capacity=s.capacity,
            approved=_count(nominations.get("status"), APPROVED),
            nominations=len(nominations),
        ),
    )

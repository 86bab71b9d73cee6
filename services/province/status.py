"""One row per unit for the provincial council: conference date, the T-15 deadline and whether the dossier was sent,
readiness, honorees by form, proposals to the Chủ tịch UBND tỉnh and delegates to the provincial congress.

Every figure comes from the unit's own rules, never a copy: the deadline is `readiness.submission` (the task that
sends the dossier, else T-`report_lead_days`), the score `readiness.assess`, the forms `honours.lawful_order`, the
proposals `upward.proposed_upward` (forms the Giám đốc Sở may not give, Luật TĐKT 2022 Điều 80 khoản 1), the
delegates `honours.delegates`. A unit whose data cannot be read is a row with the store's Vietnamese error.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

from services.awards import honours, law
from services.documents.upward import proposed_upward
from services.parsing import CellError, parse_date
from services.planning import readiness
from services.store import StoreError
from services.text import tidy
from services.validation import Dataset

# When the dossier left: a setting of the unit's `Sự kiện` tab (services.schema). Nothing else records the day —
# the submission task's "Hoàn thành" says that it left, not when.
SENT_SETTING = "dossier_sent_date"

# Row states, in the order the council reads them: late first (past T-15 without the dossier sent).
LATE, DUE_SOON, PENDING, NO_DATE, SENT, UNREADABLE = "late", "due_soon", "pending", "no_date", "sent", "unreadable"
STATES = (LATE, UNREADABLE, DUE_SOON, PENDING, NO_DATE, SENT)


@dataclass(frozen=True)
class UnitSnapshot:
    """What the read side returned for one unit: its dataset (possibly the last good one), or the error that
    prevented reading it (both when the last good data is served while the source fails)."""

    code: str
    name: str
    data: Dataset | None
    error: StoreError | None = None


@dataclass(frozen=True)
class UnitFacts:
    """What one unit's dataset says, worked out once per dataset version and day (`Reads.shared`)."""

    conference: date | None
    deadline: date | None
    lead_days: int | None  # days between the deadline and the conference, as the unit's overview prints it
    sent: bool
    sent_on: date | None  # None while sent: the task is done but nobody typed the day
    readiness: int | None
    by_form: tuple[tuple[str, int], ...]  # (form, honorees) in the law's rank order
    proposals: int  # to the Chủ tịch UBND tỉnh
    delegates: int
    delegate_quota: int


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    state: str
    facts: UnitFacts | None  # None: unreadable
    error: str = ""  # the store's Vietnamese message ("" when read)

    @property
    def honorees(self) -> int:
        return sum(n for _, n in self.facts.by_form) if self.facts else 0

    def count(self, form: str) -> int:
        return dict(self.facts.by_form).get(form, 0) if self.facts else 0


def sent_date(data: Dataset) -> date | None:
    """The `dossier_sent_date` setting; None when blank or unreadable (the Dữ liệu page names a bad cell)."""
    try:
        return parse_date(data.settings.text(SENT_SETTING))
    except CellError:
        return None


def form_order(name: str) -> tuple[int, str]:
    """The law's rank (highest form first); a unit's own forms after the law's, by name."""
    rule = law.rule_for(name)
    return (rule.rank if rule else len(law.RULES) + 1, name)


def unit_facts(data: Dataset, today: date) -> UnitFacts:
    due = readiness.submission(data, today)
    sent_on = sent_date(data)
    lawful = honours.lawful_order(data)
    counts = lawful["award"].map(lambda a: tidy(a, one_line=True)).value_counts()
    by_form = tuple(sorted(((str(form), int(n)) for form, n in counts.items()), key=lambda p: form_order(p[0])))
    return UnitFacts(
        conference=data.settings.event_date,
        deadline=due.deadline,
        lead_days=due.lead_days,
        sent=sent_on is not None or due.state == "done",
        sent_on=sent_on,
        readiness=readiness.assess(data, today).score,
        by_form=by_form,
        proposals=len(proposed_upward(data)),
        delegates=len(honours.delegates(data)),
        delegate_quota=data.settings.delegate_quota,
    )


def state_of(facts: UnitFacts, today: date) -> str:
    """Sent, else late once the deadline has passed, due soon within `readiness.BANNER_DAYS` (the unit's own red
    banner), pending, or no date (no conference date and no dated submission task)."""
    if facts.sent:
        return SENT
    if facts.deadline is None:
        return NO_DATE
    days_left = (facts.deadline - today).days
    if days_left < 0:
        return LATE
    return DUE_SOON if days_left <= readiness.BANNER_DAYS else PENDING


Facts = Callable[[Dataset, date], UnitFacts]


def province_rows(snapshots: Sequence[UnitSnapshot], today: date, facts: Facts = unit_facts) -> list[UnitRow]:
    """One row per unit, late units first, then as `STATES` orders them, each state in the deployment's order.
    `facts` lets a caller share the per-unit work (the page passes `Reads.shared`)."""
    rows = []
    for snap in snapshots:
        error = str(snap.error) if snap.error is not None else ""
        if snap.data is None:
            rows.append(UnitRow(snap.code, snap.name, UNREADABLE, None, error or "Không đọc được dữ liệu."))
            continue
        found = facts(snap.data, today)
        rows.append(UnitRow(snap.code, snap.name, state_of(found, today), found, error))
    order = {state: n for n, state in enumerate(STATES)}
    return sorted(rows, key=lambda row: order[row.state])  # stable: the deployment's order within a state


def forms_in(rows: Sequence[UnitRow]) -> list[str]:
    """Every form some unit has honorees in, highest first: the choices of the form filter."""
    return sorted({form for row in rows if row.facts for form, _ in row.facts.by_form}, key=form_order)


def filter_rows(rows: Sequence[UnitRow], states: Collection[str] = (), form: str = "") -> list[UnitRow]:
    """Rows in one of `states` (all when empty) that have honorees in `form` (any when blank)."""
    return [row for row in rows if (not states or row.state in states) and (not form or row.count(form) > 0)]

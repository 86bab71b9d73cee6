"""Award forms, council votes, the nomination workflow, and the honoree list: order, batches, talks, delegates, proofs.

Pure functions on the validated Dataset (no streamlit). What the documents builders import:

- ``honoree_order(dataset) -> DataFrame`` — what the ceremony announces: approved nominations the law allows at this
  conference and that are decided (the Director's forms; a Chủ tịch UBND tỉnh form once its Số quyết định is filled),
  in ceremony order, index = nomination ID; ``lawful_order`` adds the proposals awaiting the province (the Tờ trình),
  ``approved_order`` every approved row (proofreading). Columns:
  ``id, seq`` (1.. over the whole ceremony), ``batch`` (1.. over the ceremony; a batch never mixes award forms),
  ``award_seq`` (1.. within the award form), ``award, rank`` (1 = highest), ``decider, kind`` ("tập thể"/"cá nhân"),
  ``name, gender, ethnicity, position, unit, members, talk_title, delegate, decision_no, award_order, proofread``.
- ``presentations(dataset) -> DataFrame`` — talks (tham luận), in ceremony order. Columns:
  ``order, id, kind, name, position, unit, award, talk_title, status``.
- ``delegates(dataset) -> DataFrame`` — delegates to the higher-level congress, in Vietnamese name order. Columns:
  ``source`` ("khen thưởng" = approved honoree / "cán bộ" = staff from the attendees tab), ``id, name, gender,
  ethnicity, position, unit, award``.
- ``unproofread(dataset) -> DataFrame`` — approved honorees whose printed line is not marked "đã rà soát"
  (same columns as ``honoree_order`` plus ``line``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from services.awards import law
from services.display.formatting import format_percent
from services.parsing import CellError, parse_decimal, parse_number
from services.schema import NominationStatus, NomineeKind
from services.text import match_key, name_sort_key, sort_key, tidy
from services.validation import Dataset

PROPOSED, REVIEW, APPROVED, REJECTED = (str(s) for s in NominationStatus)
INDIVIDUAL, COLLECTIVE = NomineeKind.PERSON.value, NomineeKind.COLLECTIVE.value
OVERRIDE_PREFIX = "Phê duyệt vượt ngưỡng: "
UNKNOWN_RANK = 99  # award forms missing from the awards tab go after every known one
STAFF_SOURCE, HONOREE_SOURCE = "cán bộ", "khen thưởng"
RATIO_AWARD, RATIO_BASE = "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"

# Which status may follow which. Approval and rejection need a council review first; a decision can be reopened.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PROPOSED: (REVIEW, REJECTED),
    REVIEW: (APPROVED, REJECTED, PROPOSED),
    APPROVED: (REVIEW,),
    REJECTED: (REVIEW,),
}

DEFAULT_AWARD_ROWS = law.default_award_rows()  # a new workbook's awards tab (services.setup.seed writes the same)


class HonoursError(Exception):
    """A rule the user's action breaks; the message is Vietnamese and shown as is."""


@dataclass(frozen=True)
class AwardType:
    """A form of award (Giấy khen, Chiến sĩ thi đua cơ sở …) as the awards tab defines it — not a UI form — with the
    law's rule when `services.awards.law` knows the form (then the law's decider, subject and vote win over the tab)."""

    name: str
    rank: int  # 1 = highest
    subject: str = ""  # "cá nhân", "tập thể" or "" (both)
    decider: str = ""
    threshold: int | None = None  # % of the council's total membership; None = no vote required
    coef_person: float | None = None  # reward = coefficient × the base salary (mức lương cơ sở)
    coef_collective: float | None = None
    rule: law.AwardRule | None = None
    vote: law.VoteRule | None = None  # the Sở council's rule for a law-known form (None: no ballot)

    def coefficient(self, kind: str) -> float | None:
        return self.coef_collective if kind == COLLECTIVE else self.coef_person


def setting_share(dataset: Dataset | None, key: str) -> int | None:
    """A percentage setting (vote shares), None when blank or unreadable."""
    if dataset is None:
        return None
    try:
        value = parse_number(dataset.settings.text(key))
    except CellError:
        return None
    return value if value and 0 < value <= 100 else None


def lawful(form: AwardType, dataset: Dataset | None = None) -> AwardType:
    """The form with what the law fixes put over the tab's cells: decider, subject, vote rule, and the coefficients
    the decree sets (the tab's cell stays where the decree was not found to set one). A form the law does not know is
    returned as the tab has it."""
    rule = law.rule_for(form.name)
    if rule is None:
        return form
    vote = law.vote_rule(
        rule, setting_share(dataset, "vote_share_base_title"), setting_share(dataset, "vote_share_upward")
    )
    return AwardType(
        name=form.name,
        rank=form.rank,
        subject=rule.subject,
        decider=rule.decider,
        threshold=vote.share if vote else None,
        coef_person=rule.coef_person if rule.coef_person is not None else form.coef_person,
        coef_collective=rule.coef_collective if rule.coef_collective is not None else form.coef_collective,
        rule=rule,
        vote=vote,
    )


DEFAULT_AWARD_FORMS: tuple[AwardType, ...] = tuple(
    AwardType(
        name,
        rank,
        subject,
        decider,
        int(threshold) if threshold else None,
        parse_decimal(person),  # the seed's "0,3" read by the parser the awards tab's cells go through
        parse_decimal(collective),
    )
    for name, rank, subject, decider, threshold, person, collective in DEFAULT_AWARD_ROWS
)


def _float(value: Any) -> float | None:  # a cell of a typed frame: a number, NA or None
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def _int(value: Any) -> int | None:  # a cell of a typed frame: a number, NA or None
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return int(value)


def award_forms(dataset: Dataset) -> dict[str, AwardType]:
    """The award forms of the awards tab (the law's defaults if the tab is empty), keyed by canonical name."""
    frame = dataset.frames["awards"]
    forms = [
        AwardType(
            name=tidy(row["name"], one_line=True),
            rank=_int(row["rank"]) or UNKNOWN_RANK,
            subject=row["subject"] or "",
            decider=row["decider"] or "",
            threshold=_int(row["threshold"]) or None,
            coef_person=_float(row["coef_person"]),
            coef_collective=_float(row["coef_collective"]),
        )
        for _, row in frame.iterrows()
        if str(row["name"]).strip()
    ] or list(DEFAULT_AWARD_FORMS)
    lawful_forms = [lawful(form, dataset) for form in forms]
    return {match_key(form.name): form for form in sorted(lawful_forms, key=lambda f: f.rank)}


def find_award(forms: dict[str, AwardType], name: object) -> AwardType | None:
    """The form by its name, or by another spelling the law knows ("Giấy khen" for "Giấy khen của Giám đốc Sở")."""
    found = forms.get(match_key(name))
    if found is None and (rule := law.rule_for(name)) is not None:
        found = next((f for f in forms.values() if f.rule is rule), None)
    return found


# --- council votes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteResult:
    required: bool
    passed: bool
    reason: str  # Vietnamese, for the page and for refusals
    yes: int | None = None
    members: int | None = None
    threshold: int | None = None

    @property
    def percent(self) -> float | None:
        return 100 * self.yes / self.members if self.yes is not None and self.members else None


def vote_result(award: AwardType | None, yes: int | None, members: int | None) -> VoteResult:
    """Yes votes over the council's TOTAL membership (not those present) against the form's threshold; ≥ passes."""
    if award is None:
        return VoteResult(False, False, "Hình thức khen thưởng không có trong danh mục — không xác định được ngưỡng.")
    if award.rule is not None:  # a form the law knows: its vote rule (or none: bình xét without ballot)
        rule = award.vote
    elif award.threshold:
        rule = law.VoteRule(award.threshold, False, law.Source("Tab Hình thức khen thưởng", "", law.SETTING))
    else:
        rule = None
    if rule is None:
        return VoteResult(False, True, f"“{award.name}” không yêu cầu biểu quyết.", yes, members)
    threshold = rule.share
    need = f"{rule.text()} tổng số thành viên"
    if not members or members <= 0:
        return VoteResult(
            True,
            False,
            "Hội đồng chưa có thành viên (tổng số = 0): không tính được tỷ lệ phiếu.",
            yes,
            members,
            threshold,
        )
    if yes is None:
        return VoteResult(True, False, f"Chưa có kết quả biểu quyết (cần {need}).", yes, members, threshold)
    if yes < 0 or yes > members:
        return VoteResult(
            True,
            False,
            f"Số phiếu đồng ý ({yes}) phải từ 0 đến tổng số thành viên Hội đồng ({members}).",
            yes,
            members,
            threshold,
        )
    share = f"{yes}/{members} = {format_percent(yes / members, 1)}"  # "88,9%", as in the PDFs
    if rule.passes(yes, members):  # integers: exactly at a "≥" threshold passes, no rounding surprises
        return VoteResult(True, True, f"Đạt: {share} {rule.symbol(' ')}.", yes, members, threshold)
    below = f"≤ {threshold}%" if rule.strict else f"< {threshold}%"
    return VoteResult(True, False, f"Không đạt: {share} {below} (cần {need}).", yes, members, threshold)


def vote_changes(yes: int, members: int) -> dict[str, str]:
    """The cells of a recorded vote; refuses numbers that cannot be a vote."""
    if members <= 0:
        raise HonoursError("Tổng số thành viên Hội đồng phải lớn hơn 0.")
    if not 0 <= yes <= members:
        raise HonoursError(f"Số phiếu đồng ý ({yes}) phải từ 0 đến tổng số thành viên Hội đồng ({members}).")
    return {"votes_yes": str(yes), "votes_total": str(members)}


def nomination_vote(dataset: Dataset, row_id: str) -> VoteResult:
    """The recorded vote of one nomination; a blank membership means the council size setting."""
    row = dataset.frames["nominations"].loc[row_id]
    members = _int(row["votes_total"]) or dataset.settings.council_members
    return vote_result(find_award(award_forms(dataset), row["award"]), _int(row["votes_yes"]), members)


def nomination_votes(dataset: Dataset) -> dict[str, VoteResult]:
    """Every nomination's recorded vote at once (award forms read once, columns not rows: 5,000 in ~0.1 s)."""
    frame = dataset.frames["nominations"]
    forms = award_forms(dataset)
    council = dataset.settings.council_members
    known: dict[tuple[object, ...], VoteResult] = {}  # the same award and numbers repeat: one verdict each
    votes = {}
    columns = (frame[c].tolist() for c in ("award", "votes_yes", "votes_total"))
    for row_id, award, yes, total in zip(frame.index, *columns, strict=True):
        key = (award, _int(yes), _int(total) or council)
        vote = known.get(key)
        if vote is None:
            vote = known[key] = vote_result(find_award(forms, award), key[1], key[2])
        votes[row_id] = vote
    return votes


# --- workflow ---------------------------------------------------------------------------------


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current or PROPOSED, ())


def ratio_cap(dataset: Dataset) -> int | None:
    """The optional cap (%) of Chiến sĩ thi đua cơ sở against Lao động tiên tiến; None = off (the default)."""
    try:
        cap = parse_number(dataset.settings.text("emulation_ratio_cap"))
    except CellError:
        return None
    return cap if cap and cap > 0 else None


def ratio_problem(dataset: Dataset, adding: int = 0) -> str | None:
    """Why approving `adding` more Chiến sĩ thi đua cơ sở would break the cap (approved counts), or None."""
    cap = ratio_cap(dataset)
    if cap is None:
        return None
    approved = dataset.frames["nominations"]
    approved = approved[approved["status"] == APPROVED]
    awards = approved["award"].map(match_key)
    top = int((awards == match_key(RATIO_AWARD)).sum()) + adding
    base = int((awards == match_key(RATIO_BASE)).sum())
    if top * 100 <= cap * base:
        return None
    return f"Vượt tỷ lệ: {top} {RATIO_AWARD} so với {base} {RATIO_BASE} (tối đa {cap}%)."


class LawCheck:
    """The law's verdict on nominations of one dataset, worked out once: the approved nominees' forms (for
    prerequisites) and each form's rule are gathered a single time, so checking 10,000 rows stays linear."""

    def __init__(self, dataset: Dataset, forms: dict[str, AwardType] | None = None) -> None:
        self.forms = award_forms(dataset) if forms is None else forms
        frame = dataset.frames["nominations"]
        approved = frame[frame["status"] == APPROVED]
        self._rules: dict[object, law.AwardRule | None] = {}
        self.held = {  # (name, kind, form the law knows) of every approved nomination
            (match_key(name), kind, rule.name)
            for name, kind, award in zip(approved["name"], approved["kind"], approved["award"], strict=True)
            if (rule := self.rule(award)) is not None
        }

    def rule(self, award: object) -> law.AwardRule | None:
        if award not in self._rules:
            form = find_award(self.forms, award)
            self._rules[award] = form.rule if form else law.rule_for(award)
        return self._rules[award]

    def problems(self, award: object, kind: object, name: object) -> list[str]:
        """Why the law does not let this nomination be approved at this conference, each with its article."""
        rule = self.rule(award)
        if rule is None:
            return []
        problems = [
            p
            for p in (law.subject_problem(rule, str(kind or "")), law.period_problem(rule, law.CONFERENCE_PERIOD))
            if p
        ]
        for needed in rule.requires:
            if (match_key(name), kind, needed) not in self.held:
                problems.append(
                    f"“{rule.name}” đòi hỏi đạt “{needed}” ({rule.conditions_source.cite()}); "
                    f"{name} chưa có đề cử “{needed}” được duyệt."
                )
        return problems


def law_problems(dataset: Dataset, row_id: str, forms: dict[str, AwardType] | None = None) -> list[str]:
    """Why the law does not let this nomination be approved at this conference, each with its article; [] when it
    may (or when the form is one the law module does not know: the awards tab rules it). Many rows: use LawCheck."""
    row = dataset.frames["nominations"].loc[row_id]
    return LawCheck(dataset, forms).problems(row["award"], row["kind"], row["name"])


def decide(
    dataset: Dataset,
    row_id: str,
    target: str,
    *,
    decision_no: str | None = None,
    override_note: str = "",
    may_override: bool = False,
) -> dict[str, str]:
    """The cells to write to move one nomination to `target`; HonoursError (with the reason) if not allowed.

    Approval needs a passing council vote (and the ratio cap, when set). An admin may approve anyway with a note,
    which is kept in the nomination's note prefixed "Phê duyệt vượt ngưỡng: ".
    """
    if row_id not in dataset.frames["nominations"].index:
        raise HonoursError(f"Không tìm thấy đề cử “{row_id}”.")
    row = dataset.frames["nominations"].loc[row_id]
    current = row["status"] or PROPOSED
    if not can_transition(current, target):
        allowed = ", ".join(f"“{s}”" for s in TRANSITIONS.get(current, ())) or "không có"
        raise HonoursError(f"{row['name']}: không thể chuyển từ “{current}” sang “{target}” (được phép: {allowed}).")
    changes = {"status": target}
    if decision_no is not None and decision_no.strip() != str(row["decision_no"] or ""):
        changes["decision_no"] = decision_no.strip()
    if target != APPROVED:
        return changes
    refused = law_problems(dataset, row_id)
    if refused:  # the law is not the council's to overrule: no override note lifts these
        raise HonoursError(f"{row['name']}: không thể phê duyệt — {' '.join(refused)}")
    reasons = []
    vote = nomination_vote(dataset, row_id)
    if not vote.passed:
        reasons.append(vote.reason)
    if match_key(cast(str, row["award"])) == match_key(RATIO_AWARD):  # the award column holds text
        problem = ratio_problem(dataset, adding=1)
        if problem:
            reasons.append(problem)
    if not reasons:
        return changes
    note = override_note.strip()
    if not (may_override and note):
        hint = " Quản trị viên có thể phê duyệt vượt ngưỡng kèm ghi chú." if may_override else ""
        raise HonoursError(f"{row['name']}: chưa thể phê duyệt — {' '.join(reasons)}{hint}")
    old = str(row["note"] or "").strip()
    changes["note"] = OVERRIDE_PREFIX + note + (f"; {old}" if old else "")
    return changes


def approval_problems(dataset: Dataset, votes: dict[str, VoteResult] | None = None) -> list[str]:
    """Approved nominations whose recorded vote fails and that carry no override note (e.g. typed in the sheet).

    `votes`: the dataset's nomination_votes when the caller has them already."""
    frame = dataset.frames["nominations"]
    votes = nomination_votes(dataset) if votes is None else votes
    approved = frame[frame["status"] == APPROVED]
    forms = award_forms(dataset)
    problems = []
    for row_id, name, note in zip(approved.index, approved["name"], approved["note"], strict=True):
        vote = votes[row_id]
        if not vote.passed and not str(note or "").startswith(OVERRIDE_PREFIX):
            problems.append(f"{row_id} · {name}: đã duyệt nhưng {vote.reason[0].lower()}{vote.reason[1:]}")
        problems += [
            f"{row_id} · {name}: đã duyệt nhưng không được tặng — {p}" for p in law_problems(dataset, row_id, forms)
        ]
    return problems


def bulk_decide(
    dataset: Dataset, row_ids: Iterable[str], target: str, *, decision_no: str | None = None
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(changes for each nomination that may move, reason for each that may not) — never an override in bulk."""
    allowed: dict[str, dict[str, str]] = {}
    refused: dict[str, str] = {}
    for row_id in row_ids:
        try:
            allowed[row_id] = decide(dataset, row_id, target, decision_no=decision_no)
        except HonoursError as exc:
            refused[row_id] = str(exc)
    return allowed, refused


# --- the honoree list -------------------------------------------------------------------------

_KIND_ORDER = {COLLECTIVE: 0, INDIVIDUAL: 1}
_Record = dict[str, Any]  # one row of a frame, its cells by column name


def _records(frame: pd.DataFrame) -> list[_Record]:
    """Rows as plain dicts with their ID under "id" (much faster to sort and read than Series)."""
    columns = {c: frame[c].tolist() for c in frame.columns}  # column lists: DataFrame.to_dict is slow on Int64
    return [{**{c: values[n] for c, values in columns.items()}, "id": row_id} for n, row_id in enumerate(frame.index)]


def _auto_key(row: _Record) -> tuple[object, ...]:
    kind = _KIND_ORDER.get(row["kind"], 2)
    # Collectives by their whole name; people by given name, then family and middle names.
    key = name_sort_key(row["name"]) if kind == 1 else (sort_key(row["name"]),)
    return kind, key, row["id"]


def _with_manual_slots(rows: list[_Record]) -> list[_Record]:
    """Automatic order, with each manually numbered row placed at its number (slot) within the award form."""
    manual = sorted((r for r in rows if _int(r["award_order"]) is not None), key=lambda r: (_int(r["award_order"]),))
    auto = [r for r in rows if _int(r["award_order"]) is None]
    merged: list[_Record] = []
    while manual or auto:
        slot = len(merged) + 1
        if manual and (not auto or cast(int, _int(manual[0]["award_order"])) <= slot):  # manual rows have one
            merged.append(manual.pop(0))
        else:
            merged.append(auto.pop(0))
    return merged


ORDER_COLUMNS = [
    "id",
    "seq",
    "batch",
    "award_seq",
    "award",
    "rank",
    "decider",
    "kind",
    "name",
    "gender",
    "ethnicity",
    "position",
    "unit",
    "members",
    "talk_title",
    "delegate",
    "decision_no",
    "award_order",
    "proofread",
]


def decided(decider: str, decision_no: object) -> bool:
    """Whether an approved (and lawful) nomination is decided, so the ceremony may announce it: a form the Director
    gives (his decision is the conference's own); a higher form once its decision number is on the nomination."""
    return match_key(decider) == match_key(law.DIRECTOR) or bool(str(decision_no or "").strip())


ALL, LAWFUL, ANNOUNCED = "all", "lawful", "announced"


def honoree_order(dataset: Dataset, batch_size: int | None = None) -> pd.DataFrame:
    """The honorees the ceremony announces, in ceremony order: approved nominations the law allows here that are
    decided (see ``decided``); the Chủ tịch UBND tỉnh's forms awaiting a decision number are in ``lawful_order``."""
    return _order(dataset, batch_size, ANNOUNCED)


def lawful_order(dataset: Dataset, batch_size: int | None = None) -> pd.DataFrame:
    """Approved nominations the law allows at this conference, decided or not: the Director's decision and the Tờ
    trình's proposals (and what the money is counted on)."""
    return _order(dataset, batch_size, LAWFUL)


def approved_order(dataset: Dataset, batch_size: int | None = None) -> pd.DataFrame:
    """Every approved nomination in ceremony order, even one the law refuses (typed in the sheet): what to proofread."""
    return _order(dataset, batch_size, ALL)


def _order(dataset: Dataset, batch_size: int | None, keep: str) -> pd.DataFrame:
    forms = award_forms(dataset)
    size = max(1, batch_size or dataset.settings.honoree_batch_size or 10)
    frame = dataset.frames["nominations"]
    approved = frame[frame["status"] == APPROVED]
    if keep != ALL and len(approved):
        check = LawCheck(dataset, forms)
        kept = []
        columns = (approved[c].tolist() for c in ("award", "decision_no", "kind", "name"))
        for award, number, kind, name in zip(*columns, strict=True):
            form = find_award(forms, award)
            allowed = not check.problems(award, kind, name)
            kept.append(allowed and (keep == LAWFUL or decided(form.decider if form else "", number)))
        approved = approved[kept]
    groups: dict[str, list[_Record]] = {}
    for row in _records(approved):
        form = find_award(forms, row["award"])
        groups.setdefault(match_key(form.name if form else row["award"]), []).append(row)

    def group_key(canon: str) -> tuple[object, ...]:
        form = forms.get(canon)
        return (form.rank if form else UNKNOWN_RANK, sort_key(canon))

    records: list[dict[str, object]] = []
    batch = 0
    for canon in sorted(groups, key=group_key):
        form = forms.get(canon)
        ordered = _with_manual_slots(sorted(groups[canon], key=_auto_key))
        for n, row in enumerate(ordered):
            if n % size == 0:
                batch += 1
            record = {c: row[c] for c in ORDER_COLUMNS if c in row}
            record.update(
                seq=len(records) + 1,
                batch=batch,
                award_seq=n + 1,
                award=form.name if form else tidy(row["award"], one_line=True),
                rank=form.rank if form else UNKNOWN_RANK,
                decider=form.decider if form else "",
            )
            records.append(record)
    result = pd.DataFrame.from_records(records, columns=ORDER_COLUMNS)
    result.index = pd.Index(result["id"].tolist(), name="id")
    return result


def batches(order: pd.DataFrame) -> list[pd.DataFrame]:
    """The honoree order split into its award batches, in calling order."""
    return [group for _, group in order.groupby("batch", sort=True)]


def _line(name: object, position: object, unit: object, award: object) -> str:
    parts = [str(v or "").strip() for v in (name, position, unit)]
    return ", ".join(p for p in parts if p) + f" — {award}"


def printed_line(row: pd.Series) -> str:
    """What a certificate/decision prints for one honoree — the line an editor proofreads."""
    return _line(row.get("name"), row.get("position"), row.get("unit"), row.get("award", ""))


def unproofread(dataset: Dataset, order: pd.DataFrame | None = None) -> pd.DataFrame:
    """Approved honorees not yet marked "đã rà soát" (decided or proposed upward: every line some document prints),
    in ceremony order, with the line to check. `order`: the dataset's approved_order when the caller has it already."""
    order = approved_order(dataset) if order is None else order
    pending = order[~order["proofread"].astype(bool)].copy()
    columns = [pending[c].tolist() for c in ("name", "position", "unit", "award")]
    pending["line"] = [_line(*values) for values in zip(*columns, strict=True)]
    return pending


# --- presentations and delegates ----------------------------------------------------------------

PRESENTATION_COLUMNS = ["order", "id", "kind", "name", "position", "unit", "award", "talk_title", "status"]


def presentations(dataset: Dataset, order: pd.DataFrame | None = None) -> pd.DataFrame:
    """Talks (tham luận) by exemplars not rejected: approved ones in ceremony order, then those still pending.

    `order`: the dataset's honoree_order when the caller has it already."""
    frame = dataset.frames["nominations"]
    talks = frame[(frame["talk_title"].astype(str).str.strip() != "") & (frame["status"] != REJECTED)]
    seq = (honoree_order(dataset) if order is None else order)["seq"]
    ranked = sorted(_records(talks), key=lambda r: (seq.get(r["id"], len(seq) + 1), _auto_key(r)))
    records = [{c: r.get(c) for c in PRESENTATION_COLUMNS} for r in ranked]
    result = pd.DataFrame.from_records(records, columns=PRESENTATION_COLUMNS)
    result["order"] = range(1, len(result) + 1)
    return result


def staff_delegate_ids(dataset: Dataset) -> list[str]:
    """Attendee IDs listed in the `delegate_staff` setting, in the order written."""
    return [p for p in re.split(r"[,;\s]+", dataset.settings.text("delegate_staff")) if p]


DELEGATE_COLUMNS = ["source", "id", "name", "gender", "ethnicity", "position", "unit", "award"]


def delegates(dataset: Dataset) -> pd.DataFrame:
    """Approved individual honorees marked for the higher-level congress, plus the staff in the setting."""
    frame = dataset.frames["nominations"]
    chosen = frame[frame["delegate"].astype(bool) & (frame["status"] == APPROVED) & (frame["kind"] == INDIVIDUAL)]
    records = [
        {"source": HONOREE_SOURCE, "id": i, **{c: row[c] for c in DELEGATE_COLUMNS[2:]}} for i, row in chosen.iterrows()
    ]
    attendees = dataset.frames["attendees"]
    for attendee_id in staff_delegate_ids(dataset):
        if attendee_id in attendees.index:
            row = attendees.loc[attendee_id]
            records.append(
                {
                    "source": STAFF_SOURCE,
                    "id": attendee_id,
                    **{c: row[c] for c in ("name", "gender", "position", "unit")},
                    "ethnicity": "",
                    "award": "",
                }
            )
    records.sort(key=lambda r: (name_sort_key(str(r["name"])), r["id"]))
    return pd.DataFrame.from_records(records, columns=DELEGATE_COLUMNS)


def delegate_problems(dataset: Dataset) -> list[str]:
    """Marks that do not count: delegates not (yet) approved or collectives, and unknown staff IDs."""
    frame = dataset.frames["nominations"]
    problems = [
        f"{i} · {row['name']}: đánh dấu dự Đại hội nhưng chưa được duyệt hoặc là tập thể — không được tính."
        for i, row in frame[frame["delegate"].astype(bool)].iterrows()
        if row["status"] != APPROVED or row["kind"] != INDIVIDUAL
    ]
    attendees = dataset.frames["attendees"].index
    problems += [
        f"Mã đại biểu “{i}” trong danh sách cán bộ dự Đại hội không có trong trang Đại biểu."
        for i in staff_delegate_ids(dataset)
        if i not in attendees
    ]
    return problems


def check_delegate_quota(count: int, quota: int | None) -> None:
    """Refuse a delegate list longer than the quota given by the higher-level congress."""
    if quota is not None and quota >= 0 and count > quota:
        raise HonoursError(f"Vượt chỉ tiêu: {count} đại biểu, chỉ tiêu là {quota}.")

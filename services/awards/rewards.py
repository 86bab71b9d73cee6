"""Tiền thưởng: what each approved honoree's award form carries — its coefficient × the base salary (mức lương cơ sở).

The coefficients are the law's (`services.awards.law`, Nghị định 152/2025/NĐ-CP Điều 50 and 54), the awards tab's
cell where the decree was not found to fix one (Giấy khen cá nhân) or the form is a unit's own; the base salary is the
`base_salary` setting when typed, else the one in force on the decision date (Điều 49 khoản 1; `law.base_salary_on`). Pure functions on the validated Dataset, no streamlit. What callers use:

- ``base_salary(data) -> int`` and ``base_salary_problem(data)`` (why the setting was not used, or None);
- ``reward_lines(data, deciders=None) -> list[RewardLine]`` — one line per award form with approved honorees, highest
  form first: counts of individuals and collectives, the coefficient and the amount each, the line's total;
- ``reward_total(data, deciders=None) -> int``; ``missing_coefficients(data, deciders=None) -> list[str]``;
- ``director_rewards(data)`` / ``higher_rewards(data)`` -> ``RewardSummary`` — the forms the Director decides and the
  law lets him give at this conference, and those proposed to the Chủ tịch UBND tỉnh by the Tờ trình (decided or
  not), separately — both counted on ``honours.lawful_order``; ``other_rewards(data)`` — the rest (a form missing
  from the awards tab, or a decider typed as neither);
- ``reward_table(summary) -> pd.DataFrame`` — a summary as the page shows it (Hình thức | Cá nhân | Tập thể | Mức
  thưởng cá nhân | Mức thưởng tập thể | Thành tiền), amounts as "2.340.000" text, a total row last.

Amounts: coefficient × base salary rounded UP to the next 10.000 đồng (Nghị định 152/2025/NĐ-CP Điều 49 khoản 2;
``law.reward_amount``): Lao động tiên tiến 0,3 × 2.340.000 = 702.000 → 710.000 đồng.

A form with honorees of a kind that has no coefficient (blank in the awards tab, or a form missing from the tab)
counts 0 for them and is reported by ``RewardLine.missing`` / ``missing_coefficients`` — never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours, law
from services.display.numbers import number
from services.parsing import CellError, parse_date, parse_number
from services.schema import SETTING_BY_KEY, Decider
from services.text import match_key
from services.validation import Dataset

DEFAULT_BASE_SALARY = int(SETTING_BY_KEY["base_salary"].default or law.base_salary_on(date.today()))
DIRECTOR = (str(Decider.DIRECTOR),)
HIGHER = (str(Decider.PROVINCE_CHAIR),)


def decision_day(data: Dataset) -> date:
    """The day the Director's decision is (to be) signed: the `decision_date` setting, else today."""
    try:
        day = parse_date(data.settings.text("decision_date"))
    except CellError:
        day = None
    return day or date.today()


def base_salary(data: Dataset) -> int:
    """The `base_salary` setting in đồng when typed; else (blank, unreadable or not positive) the base salary in force
    on the decision date (Nghị định 152/2025/NĐ-CP Điều 49 khoản 1)."""
    by_law = law.base_salary_on(decision_day(data))
    try:
        value = parse_number(data.settings.text("base_salary"))
    except CellError:
        return by_law
    return value if value and value > 0 else by_law


def base_salary_problem(data: Dataset) -> str | None:
    """Why the typed base salary was not used (the default was), or None when it was used or left blank."""
    text = data.settings.text("base_salary").strip()
    if not text:
        return None
    by_law = f"{law.base_salary_on(decision_day(data)):,}".replace(",", ".")
    try:
        value = parse_number(text)
    except CellError as exc:
        return f"Mức lương cơ sở: {exc} — đang dùng mức có hiệu lực vào ngày quyết định, {by_law} đồng."
    if value is None or value <= 0:
        return f"Mức lương cơ sở phải lớn hơn 0 — đang dùng mức có hiệu lực vào ngày quyết định, {by_law} đồng."
    return None


def amount(coefficient: float | None, salary: int) -> int:
    """Coefficient × base salary rounded up to the next 10.000 đồng (``law.reward_amount``); 0 without a usable
    coefficient."""
    if coefficient is None or pd.isna(coefficient):
        return 0
    return law.reward_amount(float(coefficient), salary)


def _usable(coefficient: float | None) -> bool:
    return coefficient is not None and not pd.isna(coefficient) and coefficient >= 0


@dataclass(frozen=True)
class RewardLine:
    """One award form's honorees and what they receive."""

    award: str
    decider: str
    rank: int
    individuals: int
    collectives: int
    coef_person: float | None
    coef_collective: float | None
    amount_person: int  # đồng, each individual
    amount_collective: int  # đồng, each collective

    @property
    def total(self) -> int:
        return self.individuals * self.amount_person + self.collectives * self.amount_collective

    @property
    def missing(self) -> tuple[str, ...]:
        """The kinds this form has honorees of but no coefficient for: ("tập thể",), ("cá nhân",) or ()."""
        kinds = []
        if self.collectives and not _usable(self.coef_collective):
            kinds.append(honours.COLLECTIVE)
        if self.individuals and not _usable(self.coef_person):
            kinds.append(honours.INDIVIDUAL)
        return tuple(kinds)


@dataclass(frozen=True)
class RewardSummary:
    base_salary: int
    lines: tuple[RewardLine, ...]

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def individuals(self) -> int:
        return sum(line.individuals for line in self.lines)

    @property
    def collectives(self) -> int:
        return sum(line.collectives for line in self.lines)

    @property
    def missing(self) -> list[str]:
        return _missing(self.lines)


def _missing(lines: Iterable[RewardLine]) -> list[str]:
    return [f"{line.award} ({kind})" for line in lines for kind in line.missing]


def _wanted(deciders: Iterable[str] | None) -> set[str] | None:
    return None if deciders is None else {match_key(d) for d in deciders}


def honorees_of(
    data: Dataset, deciders: Iterable[str] | None = None, order: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Approved honorees the law allows (``honours.lawful_order``, ceremony order) whose award form is decided by one
    of `deciders` (all when None)."""
    order = honours.lawful_order(data) if order is None else order
    wanted = _wanted(deciders)
    if wanted is None:
        return order
    return order[order["decider"].map(match_key).isin(wanted)]  # a mask, never a (possibly empty) list of columns


def reward_lines(
    data: Dataset, deciders: Iterable[str] | None = None, order: pd.DataFrame | None = None
) -> list[RewardLine]:
    """One line per award form with approved honorees decided by one of `deciders` (every form when None), highest
    form first. `order`: the dataset's lawful_order when the caller has it already."""
    honorees = honorees_of(data, deciders, order)
    forms = honours.award_forms(data)
    salary = base_salary(data)
    lines = []
    for award, group in honorees.groupby("award", sort=False):
        form = honours.find_award(forms, award)
        person = form.coef_person if form else None
        collective = form.coef_collective if form else None
        kinds = group["kind"].tolist()
        lines.append(
            RewardLine(
                award=str(award),
                decider=form.decider if form else "",
                rank=form.rank if form else honours.UNKNOWN_RANK,
                individuals=sum(k == honours.INDIVIDUAL for k in kinds),
                collectives=sum(k == honours.COLLECTIVE for k in kinds),
                coef_person=person,
                coef_collective=collective,
                amount_person=amount(person, salary),
                amount_collective=amount(collective, salary),
            )
        )
    return lines


def reward_summary(
    data: Dataset, deciders: Iterable[str] | None = None, order: pd.DataFrame | None = None
) -> RewardSummary:
    return RewardSummary(base_salary(data), tuple(reward_lines(data, deciders, order)))


def director_rewards(data: Dataset, order: pd.DataFrame | None = None) -> RewardSummary:
    """The forms the Director decides (Quyết định khen thưởng of the Sở)."""
    return reward_summary(data, DIRECTOR, order)


def higher_rewards(data: Dataset, order: pd.DataFrame | None = None) -> RewardSummary:
    """The forms the Chủ tịch UBND tỉnh decides (proposed by the Sở's Tờ trình): every lawful approved one, decided
    or not. `order`: the dataset's ``honours.lawful_order`` when the caller has it already."""
    return reward_summary(data, HIGHER, order)


def other_rewards(data: Dataset, order: pd.DataFrame | None = None) -> RewardSummary:
    """The forms decided by neither the Director nor the Chủ tịch UBND tỉnh: a form missing from the awards tab, or
    one whose decider is typed otherwise. Usually empty; with it the three summaries add up to ``reward_summary``."""
    order = honours.lawful_order(data) if order is None else order
    known = {match_key(d) for d in (*DIRECTOR, *HIGHER)}
    rest = order[~order["decider"].map(match_key).isin(known)]
    return reward_summary(data, None, rest)


def reward_total(data: Dataset, deciders: Iterable[str] | None = None, order: pd.DataFrame | None = None) -> int:
    """Σ coefficient × base salary over the approved honorees of these deciders' forms, in đồng."""
    return sum(line.total for line in reward_lines(data, deciders, order))


def missing_coefficients(
    data: Dataset, deciders: Iterable[str] | None = None, order: pd.DataFrame | None = None
) -> list[str]:
    """ "Chiến sĩ thi đua cơ sở (tập thể)" for each form and kind with honorees but no coefficient (counted as 0)."""
    return _missing(reward_lines(data, deciders, order))


# --- the table the Khen thưởng page shows -------------------------------------------------------------------------

TABLE_COLUMNS = {
    "award": "Hình thức",
    "individuals": "Cá nhân",
    "collectives": "Tập thể",
    "amount_person": "Mức thưởng cá nhân",
    "amount_collective": "Mức thưởng tập thể",
    "total": "Thành tiền",
}
NO_COEFFICIENT = "—"  # honorees of this kind, but no coefficient: they count 0 (``RewardSummary.missing`` says so)


def _level(count: int, coefficient: float | None, each: int, lang: str = "vi") -> str:
    if _usable(coefficient):
        return number(each, lang)
    return NO_COEFFICIENT if count else ""


def reward_table(
    summary: RewardSummary, labels: Mapping[str, str] | None = None, total_label: str = "Cộng", lang: str = "vi"
) -> pd.DataFrame:
    """One row per award form of `summary` (highest first) and a total row: the counts as numbers, the amount each
    and the line's total as "2.340.000" text (đồng). A kind with honorees but no coefficient shows "—"; a kind with
    neither a coefficient nor honorees is left blank. Columns are TABLE_COLUMNS' Vietnamese names unless `labels`
    renames its keys. No lines: the columns and no rows. Amounts in `lang`'s form ("2,340,000" in English)."""
    rows = [
        (
            line.award,
            line.individuals,
            line.collectives,
            _level(line.individuals, line.coef_person, line.amount_person, lang),
            _level(line.collectives, line.coef_collective, line.amount_collective, lang),
            number(line.total, lang),
        )
        for line in summary.lines
    ]
    if rows:
        rows.append((total_label, summary.individuals, summary.collectives, "", "", number(summary.total, lang)))
    names = {**TABLE_COLUMNS, **(labels or {})}
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    table = table.astype({"individuals": "int64", "collectives": "int64"})
    return table.rename(columns=names)


# --- the amount in words, as a decision prints it: "(Bằng chữ: Bảy trăm linh hai nghìn đồng)" -----------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")


def _three(n: int, leading: bool) -> list[str]:
    """Words of 0 < n < 1000; a group after the first reads its zero hundreds ("không trăm linh năm")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones:
            words += (["linh"] if words else []) + [_DIGITS[ones]]
        return words
    if tens == 1:
        words.append("mười")
        if ones:
            words.append("lăm" if ones == 5 else _DIGITS[ones])
        return words
    words += [_DIGITS[tens], "mươi"]
    if ones:
        words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(ones, _DIGITS[ones]))
    return words


def _words(n: int) -> list[str]:
    """0 < n: groups of three digits — nghìn, triệu, then tỷ over again for the billions."""
    billions, rest = divmod(n, 1_000_000_000)
    words = [*_words(billions), "tỷ"] if billions else []
    groups = [rest // 1_000_000, rest // 1000 % 1000, rest % 1000]
    for i, group in enumerate(groups):
        if group:
            words += _three(group, leading=not words) + ([_GROUPS[2 - i]] if _GROUPS[2 - i] else [])
    return words


def amount_in_words(value: int) -> str:
    """ "Hai triệu ba trăm bốn mươi nghìn đồng" — a whole number of đồng read out, capitalised."""
    value = int(value)
    words = _words(abs(value)) if value else ["không"]
    text = " ".join((["âm"] if value < 0 else []) + words + ["đồng"])
    return text[0].upper() + text[1:]

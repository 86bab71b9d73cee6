"""Budget arithmetic: totals of estimate and actual, what remains, and the lines that spent more than planned; and the
budget lines for tiền thưởng set against the amount the honoree list computes (`reward_check`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from services.display.numbers import vnd
from services.text import fold

COLUMNS = ["id", "item", "estimate", "actual", "remaining", "over", "note"]


@dataclass(frozen=True)
class BudgetSummary:
    lines: pd.DataFrame  # COLUMNS; estimate/actual/remaining as Int64 (blank actual → 0 spent)
    total_estimate: int
    total_actual: int
    over_budget: list[str] = field(default_factory=list)  # row IDs with actual > estimate

    @property
    def remaining(self) -> int:
        return self.total_estimate - self.total_actual

    @property
    def spent_ratio(self) -> float | None:
        return self.total_actual / self.total_estimate if self.total_estimate else None

    @property
    def over_total(self) -> bool:
        return self.total_actual > self.total_estimate


def summarize(budget: pd.DataFrame) -> BudgetSummary:
    """Blank or unreadable amounts count as 0 (validation already reported them); a line is over when actual > estimate."""
    if budget.empty:
        return BudgetSummary(pd.DataFrame(columns=COLUMNS), 0, 0)
    # pandas-stubs: pd.array's overloads take no Series, which pandas accepts (the Int64 conversion is wanted here)
    estimate = pd.array(budget["estimate"], dtype="Int64").fillna(0)  # type: ignore[call-overload]
    actual = pd.array(budget["actual"], dtype="Int64").fillna(0)  # type: ignore[call-overload]
    over = actual > estimate
    lines = pd.DataFrame(
        {
            "id": budget.index.astype(str),
            "item": budget["item"].astype(str).to_numpy(),
            "estimate": estimate,
            "actual": actual,
            "remaining": estimate - actual,
            "over": pd.array(over, dtype=bool),
            "note": budget["note"].astype(str).to_numpy() if "note" in budget else "",
        },
        columns=COLUMNS,
    )
    return BudgetSummary(
        lines=lines,
        total_estimate=int(estimate.sum()),
        total_actual=int(actual.sum()),
        over_budget=lines.loc[lines["over"], "id"].tolist(),
    )


OVER_STYLE = "background-color: #fde0dc; color: #a50e0e; font-weight: 600"


def budget_table(
    summary: BudgetSummary, labels: dict[str, str], total_label: str, lang: str = "vi"
) -> pd.io.formats.style.Styler:
    """The lines as VND text plus a total row, over-budget lines in red; `labels` renames the COLUMNS keys."""
    keys = ["id", "item", "estimate", "actual", "remaining", "note"]
    rows = summary.lines[keys].copy()
    total = ["", total_label, summary.total_estimate, summary.total_actual, summary.remaining, ""]
    rows.loc[len(rows)] = total  # type: ignore[assignment]  # pandas-stubs: a row from a list is not in .loc's types
    over = [*summary.lines["over"].tolist(), summary.over_total]
    for key in ("estimate", "actual", "remaining"):
        rows[key] = [vnd(v, lang, nbsp=True) for v in rows[key]]
    shown = rows.rename(columns=labels)

    def highlight(row: pd.Series) -> list[str]:
        return [OVER_STYLE if over[cast(int, row.name)] else "" for _ in row]  # rows has a RangeIndex

    styled = shown.style.apply(highlight, axis=1)
    return styled.set_properties(
        subset=[labels.get(k, k) for k in ("estimate", "actual", "remaining")], **{"text-align": "right"}
    )


# --- tiền thưởng: what the budget plans against what the honoree list computes ---------------------------------

REWARD_WORDS = ("khen thuong", "tien thuong")  # folded: "Tiền thưởng kèm theo…", "Chi khen thưởng" (not "Giấy khen")


@dataclass(frozen=True)
class RewardCheck:
    computed: int  # đồng: coefficient × base salary over the honorees (the caller says which deciders)
    ids: list[str]  # the budget lines whose item mentions khen thưởng / tiền thưởng
    items: list[str]
    estimate: int | None  # their estimates summed; None when no line mentions rewards

    @property
    def difference(self) -> int | None:
        """Estimate − computed: above 0 the budget has this much to spare (dư), below 0 it is short (thiếu)."""
        return None if self.estimate is None else self.estimate - self.computed


def reward_lines(summary: BudgetSummary) -> pd.DataFrame:
    """The budget lines whose item mentions "khen thưởng" or "tiền thưởng", however typed (case, accents)."""
    lines = summary.lines
    mask = [any(word in fold(item) for word in REWARD_WORDS) for item in lines["item"]]
    return lines[pd.array(mask, dtype=bool)] if len(lines) else lines


def reward_check(summary: BudgetSummary, computed: int) -> RewardCheck:
    """`computed` (the rewards total, recomputed every run) beside the budget lines planned for rewards."""
    rows = reward_lines(summary)
    estimate = int(rows["estimate"].sum()) if len(rows) else None
    return RewardCheck(int(computed), rows["id"].tolist(), rows["item"].tolist(), estimate)

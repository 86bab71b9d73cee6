"""Budget arithmetic: totals of estimate and actual, what remains, and the lines that spent more than planned."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from services.formatting import format_vnd

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
    estimate = pd.array(budget["estimate"], dtype="Int64").fillna(0)
    actual = pd.array(budget["actual"], dtype="Int64").fillna(0)
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


def budget_table(summary: BudgetSummary, labels: dict[str, str], total_label: str) -> pd.io.formats.style.Styler:
    """The lines as VND text plus a total row, over-budget lines in red; `labels` renames the COLUMNS keys."""
    keys = ["id", "item", "estimate", "actual", "remaining", "note"]
    rows = summary.lines[keys].copy()
    rows.loc[len(rows)] = ["", total_label, summary.total_estimate, summary.total_actual, summary.remaining, ""]
    over = [*summary.lines["over"].tolist(), summary.over_total]
    for key in ("estimate", "actual", "remaining"):
        rows[key] = [format_vnd(v, nbsp=True) for v in rows[key]]
    shown = rows.rename(columns=labels)

    def highlight(row: pd.Series) -> list[str]:
        return [OVER_STYLE if over[row.name] else "" for _ in row]

    styled = shown.style.apply(highlight, axis=1)
    return styled.set_properties(
        subset=[labels.get(k, k) for k in ("estimate", "actual", "remaining")], **{"text-align": "right"}
    )

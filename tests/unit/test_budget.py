"""Budget totals, remaining, over-budget lines and the highlighted VND table."""

from __future__ import annotations

from services.planning.budget import OVER_STYLE, budget_table, summarize
from tests.frames import budget


def test_totals_remaining_and_over_lines():
    s = summarize(budget(("Hoa", 2_500_000, 3_000_000), ("In ấn", 3_000_000, None), ("Khung", None, 100_000)))
    assert s.total_estimate == 5_500_000 and s.total_actual == 3_100_000 and s.remaining == 2_400_000
    assert s.over_budget == ["KP-01", "KP-03"]  # a blank estimate with spending is over
    assert s.lines["remaining"].tolist() == [-500_000, 3_000_000, -100_000]
    assert not s.over_total and round(s.spent_ratio, 3) == 0.564


def test_empty_budget():
    s = summarize(budget())
    assert s.total_estimate == 0 and s.spent_ratio is None and s.over_budget == [] and s.lines.empty


def test_table_formats_vnd_and_highlights_over_lines_and_total():
    s = summarize(budget(("Hoa", 1_000_000, 1_234_000), ("In ấn", 100_000, 0)))
    styled = budget_table(s, {"item": "Khoản mục", "actual": "Thực chi"}, "Tổng cộng")
    data = styled.data
    assert data["Thực chi"].tolist() == ["1.234.000\u00a0₫", "0\u00a0₫", "1.234.000\u00a0₫"]
    assert data["Khoản mục"].iloc[-1] == "Tổng cộng"
    styled._compute()  # pandas fills .ctx (cell → CSS) only when it renders
    red_rows = {row for (row, _), props in styled.ctx.items() if ("background-color", "#fde0dc") in props}
    assert red_rows == {0, 2}  # the over line and the total row
    assert OVER_STYLE.startswith("background-color: #fde0dc")

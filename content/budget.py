"""Kinh phí — budget lines, totals, estimate vs actual and what remains; over-budget lines highlighted."""

import streamlit as st

from services.display.numbers import percent, vnd
from services.planning import budget as budget_service
from services.planning.charts import budget_figure
from ui.auth import require
from ui.context import lang, shared, t
from ui.page_data import require_dataset
from ui.rewards_view import budget_reward_line

require("budget")

data = require_dataset()
language = lang()
summary = budget_service.summarize(data.frames["budget"])

st.title(t("budget.title"))
if summary.lines.empty:
    st.info(t("budget.empty"))
    budget_reward_line(data, summary)
    st.stop()

cols = st.columns(3)
cols[0].metric(t("budget.estimate"), vnd(summary.total_estimate, language))
cols[1].metric(
    t("budget.actual"),
    vnd(summary.total_actual, language),
    help=t("budget.spent", share=percent(summary.spent_ratio, language)) if summary.spent_ratio is not None else None,
)
cols[2].metric(t("budget.remaining"), vnd(summary.remaining, language))
if summary.spent_ratio is not None:
    st.progress(min(1.0, summary.spent_ratio), text=t("budget.spent", share=percent(summary.spent_ratio, language)))

if summary.over_total:
    st.error(t("budget.over_total", amount=vnd(-summary.remaining, language)), icon=":material/error:")
if summary.over_budget:
    st.warning(t("budget.over_lines", count=len(summary.over_budget)), icon=":material/warning:")
budget_reward_line(data, summary)

labels = {key: t(f"budget.col.{key}") for key in budget_service.COLUMNS}
st.dataframe(
    budget_service.budget_table(summary, labels, t("budget.total_row"), language),
    hide_index=True,
    width="stretch",
    key="budget_table",
)
st.plotly_chart(shared(data, budget_figure, language), key="budget_chart")  # built once for every viewer

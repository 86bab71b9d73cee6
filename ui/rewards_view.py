"""Tiền thưởng as the staff see it: the section of the Khen thưởng page, and the computed line on the budget page.

Everything is computed from the workbook (`services.awards.rewards`, once per dataset version for all viewers);
nothing here is typed by hand.
"""

from __future__ import annotations

import streamlit as st

from services.awards import rewards
from services.display.numbers import number, vnd
from services.planning import budget as budget_service
from services.validation import Dataset
from ui.context import lang, md, shared, t


def _amount(value: int) -> str:
    return t("rewards.amount", amount=number(value, lang()))


def _warnings(data: Dataset, missing: list[str]) -> None:
    """The base salary that was not used, and the forms counted as 0 for want of a coefficient."""
    if problem := rewards.base_salary_problem(data):
        st.warning(md(problem))
    if missing:
        st.warning(t("rewards.missing", forms="; ".join(missing)))


def reward_section(data: Dataset) -> None:
    """Totals for the Director's forms, the Chủ tịch UBND tỉnh's and both; then one table per decider."""
    groups = {
        "director": shared(data, rewards.director_rewards),
        "higher": shared(data, rewards.higher_rewards),
        "other": shared(data, rewards.other_rewards),
    }
    total = shared(data, rewards.reward_summary)
    st.subheader(t("rewards.title"))
    columns = st.columns(3)
    columns[0].metric(t("rewards.metric.director"), _amount(groups["director"].total))
    columns[1].metric(t("rewards.metric.higher"), _amount(groups["higher"].total))
    columns[2].metric(t("rewards.metric.total"), _amount(total.total))
    st.caption(t("rewards.base_salary", amount=number(total.base_salary, lang())) + " " + t("rewards.how"))
    _warnings(data, total.missing)
    labels = {key: t(f"rewards.col.{key}") for key in rewards.TABLE_COLUMNS}
    for key, summary in groups.items():
        if key == "other" and not summary.lines:
            continue
        st.markdown(f"**{t(f'rewards.group.{key}')}**")
        if not summary.lines:
            st.caption(t("rewards.none"))
            continue
        table = rewards.reward_table(summary, labels, t("rewards.total_row"), lang())
        st.dataframe(table, hide_index=True, width="stretch", key=f"rewards_table_{key}")


def _gap(difference: int) -> str:
    if difference < 0:
        return t("rewards.gap.short", amount=vnd(-difference, lang()))
    if difference > 0:
        return t("rewards.gap.spare", amount=vnd(difference, lang()))
    return t("rewards.gap.even")


def budget_reward_line(data: Dataset, summary: budget_service.BudgetSummary) -> None:
    """The Director's reward total beside the budget lines planned for rewards; short of it is a warning."""
    director = shared(data, rewards.director_rewards)
    check = budget_service.reward_check(summary, director.total)
    with st.container(border=True):
        st.markdown(t("rewards.budget_line", amount=vnd(check.computed, lang())))
        if check.estimate is None:
            st.caption(t("rewards.budget_no_row"))
        else:
            text = t(
                "rewards.budget_compare",
                items="; ".join(f"{i} {item}" for i, item in zip(check.ids, check.items, strict=True)),
                estimate=vnd(check.estimate, lang()),
                computed=vnd(check.computed, lang()),
                gap=_gap(check.difference or 0),
            )
            (st.warning if (check.difference or 0) < 0 else st.caption)(text)
        _warnings(data, director.missing)

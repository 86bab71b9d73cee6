"""The overview's task lists: due within a week (under the tasks component) and overdue (days late highlighted)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.display.formatting import short_date
from services.planning.task_views import highlight_late
from ui.context import t


def due_soon_list(due_soon: pd.DataFrame) -> None:
    """Every task the "N sắp đến hạn" counts, soonest first, by name."""
    if due_soon.empty:
        return
    st.caption(f"**{t('overview.due_soon', count=len(due_soon))}**")
    lines = [
        t("overview.due_soon.item", id=row.id, task=row.task, due=short_date(row.due), days=row.days_left)
        if row.days_left
        else t("overview.due_soon.today", id=row.id, task=row.task)
        for row in due_soon.itertuples()
    ]
    st.caption("\n".join(f"- {line}" for line in lines))  # small print: the card stays a card


def overdue_table(overdue: pd.DataFrame) -> None:
    st.subheader(t("overview.overdue"))
    if overdue.empty:
        st.success(t("overview.overdue.none"))
        return
    table = overdue.assign(due=[short_date(d) for d in overdue["due"]])[
        ["id", "days_late", "due", "task", "unit", "owner"]
    ]
    names = {c: t(f"overview.col.{c}") for c in table.columns}
    st.dataframe(
        highlight_late(table.rename(columns=names), names["days_late"], late_when_positive=True),
        hide_index=True,
        width="stretch",
        key="overview_overdue",
        placeholder="—",
    )

"""The Nhiệm vụ page's list: filters by unit, status and owner, and the table with late days highlighted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.display.display_names import with_value_names
from services.planning import tasks as task_rules
from services.planning.task_views import highlight_late
from ui.context import lang, t
from ui.labels import value_labels


def task_list(table: pd.DataFrame) -> pd.DataFrame:
    """Draws the filters and the table; returns the rows shown (stored values: the editors below pick from them)."""
    filters = st.columns(3)
    chosen = {
        col: filters[i].multiselect(
            t(f"tasks.filter.{col}"),
            task_rules.filter_options(table, col),
            key=f"tasks_filter_{col}",
            format_func=value_labels(),  # a unit or an owner shows as typed; a status in the user's language
            placeholder=t("tasks.filter.all"),
        )
        for i, col in enumerate(("unit", "status", "owner"))
    }
    shown = task_rules.filtered(table, chosen)
    st.caption(t("tasks.count", shown=len(shown), total=len(table)))
    st.dataframe(  # the days of a late task stand out
        highlight_late(
            with_value_names(shown, ["status"], lang()).rename(columns={c: t(f"tasks.col.{c}") for c in shown.columns}),
            t("tasks.col.days_left"),
        ),
        hide_index=True,
        width="stretch",
        key="tasks_table",
        placeholder="—",
        column_config={
            t("tasks.col.task"): st.column_config.TextColumn(width="large"),
            t("tasks.col.progress"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%"),
        },
    )
    return shown

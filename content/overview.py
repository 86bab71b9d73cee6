"""Tổng quan — leadership's page: countdown, readiness score with its components, T-15 banner, charts, overdue list."""

import streamlit as st

from services.display.display_names import event_day
from services.display.formatting import short_date
from services.planning import charts, readiness
from ui.auth import require
from ui.context import lang, md, shared, t
from ui.overview_lists import due_soon_list, overdue_table
from ui.page_data import require_dataset

require("overview")

STATUS_ICON = {"ok": ":material/check_circle:", "warning": ":material/warning:", "danger": ":material/error:"}
STATUS_COLOUR = {"ok": "green", "warning": "orange", "danger": "red"}

data = require_dataset()
today = readiness.reference_day()
language = lang()
with st.spinner():  # worked out once per dataset version, day and language, for every viewer
    result = shared(data, readiness.assess, today, language)
    figures = shared(data, charts.overview_figures, today, language)
settings = data.settings

st.title(t("overview.title"))
st.caption(" · ".join(md(p) for p in (settings.text("event_name"), event_day(settings.event_date, language)) if p))

if data.errors:
    st.warning(t("overview.problems", count=len(data.errors)), icon=":material/report:")
    st.page_link("content/data.py", label=t("overview.problems_link"), icon=":material/database:")

submission = result.submission
if submission.banner:
    st.error(
        t(
            f"overview.banner.{submission.state}",
            days=abs(submission.days_left or 0),
            deadline=short_date(submission.deadline),
            task=submission.task or "—",
        ),
        icon=":material/notification_important:",
    )

# --- headline: countdown, score, KPIs -------------------------------------------------------------
count = result.countdown
countdown_text = t(f"overview.countdown.{count.state}", days=abs(count.days or 0))
kpis = result.kpis
head = st.columns([1, 1, 2])
head[0].metric(
    t("overview.countdown"),
    countdown_text,
    help=t("overview.countdown.no_date_help") if count.state == "no_date" else short_date(count.event_date),
)
head[1].metric(
    t("overview.score"),
    "—" if result.score is None else f"{result.score}/100",
    help=t("overview.score.how"),
)
left, right = head[2].columns(2)
left.metric(t("overview.kpi.tasks"), f"{kpis.tasks_done}/{kpis.tasks}")
right.metric(t("overview.kpi.overdue"), len(result.overdue))
left.metric(
    t("overview.kpi.confirmed"),
    f"{kpis.confirmed}/{kpis.invited}",  # of those invited; the hall's seats are in the help
    help=t("overview.kpi.confirmed_help", invited=kpis.invited, capacity=kpis.capacity or "—"),
)
right.metric(t("overview.kpi.approved"), f"{kpis.approved}/{kpis.nominations}")
if result.score is not None:
    st.progress(result.score / 100)

# --- components -----------------------------------------------------------------------------------
st.subheader(t("overview.components"))
grid = st.columns(3)
for i, component in enumerate(result.components):
    with grid[i % 3].container(border=True):
        colour = STATUS_COLOUR[component.status]
        st.markdown(f":{colour}[{STATUS_ICON[component.status]}] **{component.label}**")
        value = "—" if component.percent is None else f"{component.percent}%"
        st.metric(
            t(f"overview.status.{component.status}"),
            value,
            help=t("overview.weight", weight=int(component.weight)),
        )
        st.caption(component.detail)
        if component.key == "tasks":
            due_soon_list(shared(data, readiness.due_soon, today))
        with st.expander(t("overview.how"), key=f"overview_how_{component.key}"):
            st.write(component.method)
            st.caption(t("overview.weight", weight=int(component.weight)))

# --- charts ---------------------------------------------------------------------------------------
st.subheader(t("overview.charts"))
for row in (("units", "responses"), ("timeline",), ("nominations", "budget")):  # two charts side by side, or one
    for place, name in zip(st.columns(2) if len(row) == 2 else [st], row, strict=True):
        place.plotly_chart(figures[name], key=f"overview_chart_{name}")

# --- overdue list ---------------------------------------------------------------------------------
overdue_table(result.overdue)

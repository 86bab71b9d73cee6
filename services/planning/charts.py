"""Plotly figures for the overview, labelled in the user's language; pages only pass them to st.plotly_chart."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from services.awards.honours import award_forms
from services.display.display_names import value_name
from services.display.numbers import separators
from services.i18n import t
from services.planning.budget import BudgetSummary, summarize
from services.planning.readiness import submission
from services.schema import ATTENDEE_GROUPS, NOMINATION_STATUS, RSVP, TASK_STATUS, NominationStatus, Rsvp, TaskStatus
from services.text import match_key
from services.validation import Dataset

# One colour per meaning, used the same way on every chart.
STATUS_COLOURS = {
    TaskStatus.TODO: "#d62728",
    TaskStatus.DOING: "#ff7f0e",
    TaskStatus.DONE: "#2ca02c",
    Rsvp.PENDING: "#bdbdbd",
    Rsvp.ATTENDING: "#2ca02c",
    Rsvp.ABSENT: "#d62728",
    NominationStatus.PROPOSED: "#bdbdbd",
    NominationStatus.REVIEWING: "#ff7f0e",
    NominationStatus.APPROVED: "#2ca02c",
    NominationStatus.REJECTED: "#d62728",
}
HEIGHT = 360
TIMELINE_SPAN_DAYS = 7  # a task bar ends at its due date and starts this many days earlier
MAX_LABEL = 38


def _short(text: object, width: int = MAX_LABEL) -> str:
    text = str(text or "")
    return text if len(text) <= width else text[: width - 1] + "…"


def _layout(fig: go.Figure, title: str, lang: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        separators=separators(lang),  # "1.234" and "45,5%" in Vietnamese, as on the rest of the screen
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"title": {"text": ""}},  # colours are self-explaining; a title would crowd narrow columns
        # Streamlit's own theme styles the chart in the browser; plotly's default template was 7 KB of every figure's
        # JSON (two thirds of the overview's five), sent to every viewer on every view and never seen.
        template="none",
    )
    return fig


def _empty(title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("chart.empty", lang), showarrow=False, font={"size": 14, "color": "#888"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, lang)


def _label(value: object, lang: str) -> str:
    """A value as the chart shows it: its name in the user's language (statuses, groups …), or "(blank)"."""
    text = str(value or "").strip()
    return value_name(text, lang) if text else t("chart.blank", lang)


def _names(values: tuple[str, ...], lang: str) -> list[str]:
    return [value_name(v, lang) for v in values]


def _colours(lang: str) -> dict[str, str]:
    """STATUS_COLOURS keyed by the names the legend shows."""
    return {value_name(k, lang): c for k, c in STATUS_COLOURS.items()}


def _status_bars(
    rows: pd.DataFrame,
    by: str,
    statuses: tuple[str, ...],
    title: str,
    axis: str,
    width: int,
    lang: str,
    order: list[str] | None = None,
) -> go.Figure:
    """Horizontal bars, one per value of `by`, stacked by status in workflow order; the longest bar on top, or
    `order` (full values, first on top) when the values have a rank of their own. The axis shows names cut to
    `width`; the hover shows them in full."""
    if rows.empty:
        return _empty(title, lang)
    full = [_label(v, lang) for v in rows[by]]
    frame = pd.DataFrame(
        {by: [_short(v, width) for v in full], "full": full, "status": [_label(s, lang) for s in rows["status"]]}
    )
    counts = frame.groupby([by, "full", "status"]).size().reset_index(name="count")
    fig = px.bar(
        counts,
        x="count",
        y=by,
        color="status",
        orientation="h",
        text="count",
        hover_data={by: False, "full": True},
        category_orders={"status": _names(statuses, lang)},
        color_discrete_map=_colours(lang),
        labels={by: axis, "full": axis, "status": t("chart.status", lang), "count": t("chart.count", lang)},
    )
    if order is None:
        fig.update_layout(barmode="stack", yaxis={"categoryorder": "total ascending"})
    else:  # ranked values first (on top), then any value the ranking does not know
        known = [_short(v, width) for v in order]
        shown = [*dict.fromkeys([*known, *sorted(set(frame[by]) - set(known))])]
        present = [v for v in shown if v in set(frame[by])]
        fig.update_layout(barmode="stack", yaxis={"categoryorder": "array", "categoryarray": present[::-1]})
    return _layout(fig, title, lang)


def tasks_by_unit(tasks: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Stacked horizontal bars: one bar per lead unit, split by status."""
    title, axis = t("chart.tasks_by_unit", lang), t("chart.unit", lang)
    return _status_bars(tasks, "unit", TASK_STATUS, title, axis, 30, lang)


def _timeline_frame(dated: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One bar per dated task: TIMELINE_SPAN_DAYS before its due day to the end of that day, earliest due first."""
    due = pd.to_datetime(dated["due"])
    return pd.DataFrame(
        {
            "task": [f"{_short(name)} ({row_id})" for row_id, name in dated["task"].items()],
            "name": dated["task"].astype(str).to_numpy(),  # the full name, for the hover
            "start": due - pd.Timedelta(days=TIMELINE_SPAN_DAYS),
            "due": due + pd.Timedelta(hours=23),  # the whole due day
            "status": [_label(s, lang) for s in dated["status"]],
            "unit": dated["unit"].astype(str).to_numpy(),
        }
    ).sort_values("due")


def _timeline_bars(frame: pd.DataFrame, lang: str) -> go.Figure:
    fig = px.timeline(
        frame,
        x_start="start",
        x_end="due",
        y="task",
        color="status",
        hover_data={"task": False, "name": True, "unit": True, "start": False, "due": "|%d/%m/%Y"},
        category_orders={"status": _names(TASK_STATUS, lang)},
        color_discrete_map=_colours(lang),
        labels={
            "task": t("chart.task", lang),
            "name": t("chart.task", lang),
            "start": t("chart.start", lang),
            "due": t("chart.due", lang),
            "status": t("chart.status", lang),
            "unit": t("chart.unit", lang),
        },
    )
    fig.update_yaxes(autorange="reversed", title=None)
    return fig


def _mark_days(
    fig: go.Figure, today: date, deadline: date | None, event_date: date | None, lead_days: int, lang: str
) -> None:
    """Vertical lines for today, the T-n deadline and the event, each labelled above the plot."""
    lines = [(today, t("chart.today", lang), "#1f77b4", "dot")]
    if deadline:
        lines.append((deadline, t("chart.deadline", lang, days=lead_days), "#d62728", "dash"))
    if event_date:
        lines.append((event_date, t("chart.event", lang), "#2ca02c", "solid"))
    for step, (day, text, colour, dash) in enumerate(lines):
        # add_vline's annotation cannot place text on a date axis in every plotly version; draw shape + label.
        # Labels sit on staggered rows so close dates (today and T-15) do not print over each other.
        x = pd.Timestamp(day).isoformat()
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line={"color": colour, "dash": dash})
        fig.add_annotation(
            x=x,
            y=1.0 + 0.045 * (step % 2),
            yref="paper",
            text=text,
            showarrow=False,
            yanchor="bottom",
            font={"color": colour, "size": 11},
        )


def task_timeline(
    tasks: pd.DataFrame,
    today: date,
    deadline: date | None,
    event_date: date | None,
    lead_days: int,
    lang: str = "vi",
) -> go.Figure:
    """Gantt-like bars ending at each task's due date, with vertical lines for today, the T-n deadline and the event."""
    title = t("chart.timeline", lang)
    dated = tasks[pd.to_datetime(tasks["due"], errors="coerce").notna()] if not tasks.empty else tasks
    if dated.empty:
        return _empty(title, lang)
    frame = _timeline_frame(dated, lang)
    fig = _timeline_bars(frame, lang)
    _mark_days(fig, today, deadline, event_date, lead_days, lang)
    height = max(HEIGHT, 22 * min(len(frame), 60) + 120)
    fig = _layout(fig, title, lang)
    fig.update_layout(height=height, margin={"t": 70})
    fig.update_xaxes(tickformat="%d/%m", hoverformat="%d/%m/%Y")
    fig.update_xaxes(
        range=[
            frame["start"].min() - timedelta(days=1),
            max(frame["due"].max(), pd.Timestamp(event_date or today)) + timedelta(days=2),
        ]
    )
    return fig


def responses_by_group(attendees: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """One small donut per attendee group (responses split by RSVP), groups in the schema's order."""
    title = t("chart.responses", lang)
    if attendees.empty:
        return _empty(title, lang)
    frame = pd.DataFrame(
        {
            "group": [_label(g, lang) for g in attendees["group"]],
            "rsvp": [str(r or "") or Rsvp.PENDING for r in attendees["rsvp"]],
        }
    )
    counts = frame.groupby(["group", "rsvp"]).size()
    order = {value_name(g, lang): i for i, g in enumerate(ATTENDEE_GROUPS)}
    groups = sorted(frame["group"].unique(), key=lambda g: (order.get(g, 99), g))
    cols = min(3, len(groups))
    rows = -(-len(groups) // cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        specs=[[{"type": "domain"}] * cols for _ in range(rows)],
        subplot_titles=[f"{g} ({int(counts[g].sum())})" for g in groups],
        vertical_spacing=0.12,
    )
    for i, group in enumerate(groups):
        split = counts[group].reindex(list(RSVP), fill_value=0)
        fig.add_trace(
            go.Pie(
                labels=_names(tuple(split.index), lang),
                values=split.to_numpy(),
                hole=0.55,
                sort=False,
                marker={"colors": [STATUS_COLOURS[r] for r in split.index]},
                text=[str(v) if v else "" for v in split.to_numpy()],  # the count on its slice; none on an empty one
                textinfo="text",
                textposition="inside",
                hovertemplate="%{label}: %{value} (%{percent})<extra>" + group + "</extra>",
                showlegend=i == 0,
                name=group,
            ),
            row=i // cols + 1,
            col=i % cols + 1,
        )
    fig.update_annotations(font_size=12)
    fig = _layout(fig, title, lang)
    fig.update_layout(height=max(HEIGHT, 170 * rows + 90))
    return fig


def nominations_by_award(nominations: pd.DataFrame, lang: str = "vi", ranked: list[str] | None = None) -> go.Figure:
    """Horizontal bars per award form, stacked by status (proposed → under review → approved / rejected), in the
    forms' rank order (`ranked`, highest first: Cờ thi đua on top), not by count."""
    title, axis = t("chart.nominations", lang), t("chart.award", lang)
    rows = nominations
    if ranked is not None and not nominations.empty:  # spell each award as the ranking does ("cờ thi đua…" → form)
        canon = {match_key(name): name for name in ranked}
        rows = nominations.assign(award=[canon.get(match_key(a), a) for a in nominations["award"]])
    fig = _status_bars(rows, "award", NOMINATION_STATUS, title, axis, 34, lang, order=ranked)
    fig.update_layout(yaxis_title=None)
    return fig


def budget_estimate_vs_actual(summary: BudgetSummary, lang: str = "vi") -> go.Figure:
    """Grouped bars per budget line: estimate next to actual."""
    title = t("chart.budget", lang)
    if summary.lines.empty:
        return _empty(title, lang)
    lines = summary.lines
    names = [_short(i, 30) for i in lines["item"]]
    fig = go.Figure(
        [
            go.Bar(
                name=t("chart.estimate", lang),
                y=names,
                x=lines["estimate"].astype(float),
                orientation="h",
                marker_color="#9ecae1",
            ),
            go.Bar(
                name=t("chart.actual", lang),
                y=names,
                x=lines["actual"].astype(float),
                orientation="h",
                marker_color=["#d62728" if o else "#3182bd" for o in lines["over"]],
            ),
        ]
    )
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed"})
    fig.update_xaxes(title=t("chart.amount", lang), tickformat=",d")
    return _layout(fig, title, lang)


def overview_figures(data: Dataset, today: date, lang: str = "vi") -> dict[str, go.Figure]:
    """Every chart of the overview, from one dataset, one day and one language (so built once and shared)."""
    s = data.settings
    tasks = data.frames["tasks"]
    due = submission(data, today)
    return {
        "units": tasks_by_unit(tasks, lang),
        "responses": responses_by_group(data.frames["attendees"], lang),
        "timeline": task_timeline(
            tasks,
            today,
            due.deadline,
            s.event_date,
            s.report_lead_days if due.lead_days is None else due.lead_days,
            lang,
        ),
        "nominations": nominations_by_award(data.frames["nominations"], lang, award_rank_order(data)),
        "budget": budget_figure(data, lang),
    }


def award_rank_order(data: Dataset) -> list[str]:
    """The award forms' names, highest rank first (the awards tab's Thứ bậc; the law's defaults when empty)."""
    return [form.name for form in award_forms(data).values()]


def budget_figure(data: Dataset, lang: str = "vi") -> go.Figure:
    return budget_estimate_vs_actual(summarize(data.frames["budget"]), lang)

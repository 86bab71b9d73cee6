"""Hội đồng tỉnh — the provincial council's page: every unit in one table (late units first, filters), and the
merged delegate and proposal lists. Each unit is read through its own read side (ui.province.snapshots)."""

import pandas as pd
import streamlit as st

from services.display.formatting import short_date
from services.people import exports
from services.planning.readiness import reference_day
from services.province.merged import FORMATS, MERGED
from services.province.status import LATE, STATES, UNREADABLE, UnitRow, filter_rows, forms_in, province_rows
from ui.context import t
from ui.province import require_council, sign_out, snapshots, units

user = require_council()  # first: the council's own sign-in (never a unit's role); draws the title
MIME = {"pdf": "application/pdf", "xlsx": exports.XLSX_MIME}
st.sidebar.markdown(t("province.signed_in", user=user))
sign_out()
st.caption(t("province.intro"))

today = reference_day()
with st.spinner(t("province.loading", count=len(units().units))):
    found, facts = snapshots()
    rows = province_rows(found, today, facts)

late = [r for r in rows if r.state == LATE]
if late:
    st.error(t("province.late", count=len(late), names=", ".join(r.name for r in late)), icon=":material/alarm:")
unreadable = [r for r in rows if r.state == UNREADABLE]
if unreadable:
    st.warning(t("province.unreadable", count=len(unreadable)), icon=":material/report:")

left, right = st.columns(2)
states = left.multiselect(
    t("province.filter.states"),
    [s for s in STATES if any(r.state == s for r in rows)],
    format_func=lambda s: t(f"province.state.{s}"),
    key="province_states",
    placeholder=t("province.filter.every_state"),
)
forms = forms_in(rows)
form = right.selectbox(
    t("province.filter.form"),
    ["", *forms],
    format_func=lambda f: f or t("province.filter.any_form"),
    key="province_form",
    placeholder=t("province.filter.any_form"),
)
shown = filter_rows(rows, states, form)


def sent_text(row: UnitRow) -> str:
    if row.facts is None or not row.facts.sent:
        return ""
    return short_date(row.facts.sent_on) if row.facts.sent_on else t("province.sent_undated")


FIGURES = ("readiness", "honorees", "proposals")


def col(key: str) -> str:
    return t(f"province.col.{key}")


def figures(values: list[int | None]) -> list[str]:
    """Counts as text: blank for an unreadable unit (st.dataframe draws a missing number as a grey “None”), padded
    with spaces to one width, so that a click on the column header still sorts the units by value."""
    width = max((len(str(v)) for v in values if v is not None), default=0)
    return ["" if v is None else str(v).rjust(width) for v in values]


def table(rows: list[UnitRow]) -> pd.DataFrame:
    records = []
    for row in rows:
        f = row.facts
        records.append(
            {
                col("unit"): row.name,
                col("state"): t(f"province.state.{row.state}"),
                col("conference"): short_date(f.conference) if f else "",
                col("deadline"): (short_date(f.deadline) + (f" (T-{f.lead_days})" if f.lead_days else ""))
                if f and f.deadline
                else "",
                col("sent"): sent_text(row),
                col("readiness"): f.readiness if f else None,
                col("honorees"): row.honorees if f else None,
                col("forms"): " · ".join(f"{name}: {n}" for name, n in f.by_form) if f else "",
                col("proposals"): f.proposals if f else None,
                col("delegates"): f"{f.delegates}/{f.delegate_quota}" if f else "",
                col("note"): (t("province.stale", error=row.error) if f else row.error) if row.error else "",
            }
        )
    frame = pd.DataFrame.from_records(records)
    for key in FIGURES:
        if col(key) in frame:
            frame[col(key)] = figures([r[col(key)] for r in records])
    return frame


st.caption(t("province.shown", shown=len(shown), total=len(rows)))
right_aligned = {col(key): st.column_config.TextColumn(alignment="right") for key in FIGURES}
st.dataframe(table(shown), hide_index=True, width="stretch", column_config=right_aligned)

st.subheader(t("province.exports"))
st.caption(t("province.exports.note"))
for doc in MERGED:
    label, *buttons = st.columns([4, 1, 1], vertical_alignment="center")
    label.markdown(f"**{t(f'province.export.{doc.key}')}**")
    for place, fmt in zip(buttons, FORMATS, strict=True):
        place.download_button(
            t("province.download", fmt=fmt.upper()),
            lambda doc=doc, fmt=fmt: doc.build(found, today, fmt),  # built on click, from the data drawn
            file_name=doc.file_name(fmt),
            mime=MIME[fmt],
            key=f"province_dl_{doc.key}_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )

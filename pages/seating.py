"""Sơ đồ chỗ ngồi — hall summary, automatic assignment (preview, then apply), the chart, and moves by hand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services import seating
from services.store import StoreError
from ui.auth import writer
from ui.context import md, refresh, require_dataset, t
from ui.editing import current_user, save_row
from ui.routing import through_app

through_app()

PLAN = "seating_plan"

data = require_dataset()
people, raw = data.frames["attendees"], data.raw["attendees"]
st.title(t("seating.title"))
try:
    hall = seating.hall_from_settings(data.settings.values)
except seating.SeatingError as exc:
    st.error(md(str(exc)))
    st.caption(t("seating.settings_hint"))
    st.stop()

labels = {c: t(f"seating.cat.{c}") for c in seating.CATEGORIES} | {
    "empty": t("seating.cat.empty"),
    "stage": t("seating.stage"),
}
zones = seating.seat_count(hall)
st.caption(
    t(
        "seating.hall",
        rows=hall.rows,
        seats=hall.seats_per_row,
        capacity=hall.capacity,
        leaders=zones["leaders"],
        honorees=zones["honorees"],
        guests=zones["guests"],
        general=zones[""],
        wanted=int(seating.eligible(people).sum()),
    )
)
st.caption(t("seating.settings_hint"))

keep, pending, go = st.columns([1, 1, 1], vertical_alignment="bottom")
keep_existing = keep.checkbox(t("seating.keep"), key="seating_keep", value=True)
include_pending = pending.checkbox(t("seating.pending"), key="seating_pending")
if go.button(t("seating.preview"), key="seating_preview", type="primary", icon=":material/auto_fix_high:"):
    st.session_state[PLAN] = seating.assign(data, hall, keep_existing=keep_existing, include_pending=include_pending)

plan: seating.SeatingPlan | None = st.session_state.get(PLAN)
if plan is not None:
    for note in plan.notes:
        st.warning(note)
    changes, names = plan.changes(raw), raw["name"].to_dict()
    st.caption(t("seating.preview_caption", count=len(changes)))
    st.plotly_chart(seating.seating_figure(data, hall, plan.seats, labels), key="seating_preview_chart")
    table = pd.DataFrame(
        [(c.attendee_id, names[c.attendee_id], c.old, c.new) for c in changes],
        columns=[t("seating.col.id"), t("seating.col.name"), t("seating.col.old"), t("seating.col.new")],
    )
    st.dataframe(table, hide_index=True, width="stretch", height=240, key="seating_changes")
    apply, discard = st.columns(2)
    if apply.button(t("seating.apply"), key="seating_apply", type="primary", disabled=not changes):
        with st.spinner(t("edit.saving")):
            result = seating.apply_changes(writer(), changes, user=current_user())
        refresh()
        st.session_state.pop(PLAN, None)
        st.session_state["seating_result"] = result
        st.rerun()
    if discard.button(t("seating.discard"), key="seating_discard"):
        st.session_state.pop(PLAN, None)
        st.rerun()

if (result := st.session_state.pop("seating_result", None)) is not None:
    st.success(t("seating.applied", count=len(result.landed)))
    if result.conflicts:
        st.error(t("seating.conflicts", count=len(result.conflicts), ids=", ".join(i for i, _ in result.conflicts)))

if plan is None:
    st.subheader(t("seating.current"))
    st.plotly_chart(seating.seating_figure(data, hall, labels=labels), key="seating_chart")

st.subheader(t("seating.manual"))
options = raw.index.tolist()
# One string per attendee up front: a format_func with per-row lookups costs seconds at 20,000 attendees.
seat_or_dash = raw["seat"].where(raw["seat"] != "", "—")
choices = dict(
    zip(raw.index, raw["name"] + " · " + raw["unit"] + " · " + seat_or_dash + " (" + raw.index + ")", strict=True)
)
who, where, save = st.columns([3, 1, 1], vertical_alignment="bottom")
person = who.selectbox(
    t("seating.person"),
    options,
    format_func=choices.get,
    key="seating_person",
)
seat_text = where.text_input(
    t("seating.seat"), key=f"seating_seat_{person}", value=raw.at[person, "seat"] if person else ""
)
if save.button(t("seating.save"), key="seating_save") and person:
    try:
        label = seating.check_move(data, hall, person, seat_text)
    except StoreError as exc:
        st.error(md(str(exc)))
    else:
        if save_row("attendees", person, {"seat": label}, data.seen("attendees", person, ["seat"])):
            st.session_state["seating_saved"] = t("seating.saved", name=raw.at[person, "name"], seat=label or "—")
            st.rerun()
if saved := st.session_state.pop("seating_saved", None):
    st.success(saved)

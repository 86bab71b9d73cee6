"""Sơ đồ chỗ ngồi — hall summary, automatic assignment (preview, then apply), the chart, and moves by hand."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.people import seating
from services.people.attendee_edits import picker_labels
from services.store import StoreError
from ui.auth import require, store_error_text
from ui.context import lang, shared, t
from ui.editing import run, save_row
from ui.flash import flash, outcome, rerun_with, show_flash
from ui.labels import pick
from ui.page_data import require_dataset

require("seating")

PLAN, FLASH = "seating_plan", "seating_flash"

data = require_dataset()
people, raw = data.frames["attendees"], data.raw["attendees"]
st.title(t("seating.title"))
show_flash(FLASH)
try:
    hall = seating.hall_from_settings(data.settings.values)
except seating.SeatingError as exc:
    st.error(store_error_text(exc))
    st.caption(t("seating.settings_hint"))
    st.stop()

labels = seating.chart_labels(lang())
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
        _, result = run(lambda store, user: seating.apply_changes(store, changes, user=user))
        if result is not None:
            st.session_state.pop(PLAN, None)
            done = t("seating.applied", count=len(result.landed))
            flash(FLASH, *outcome(result, done, lambda n, ids: t("seating.conflicts", count=n, ids=ids)))
            st.rerun()
    if discard.button(t("seating.discard"), key="seating_discard"):
        st.session_state.pop(PLAN, None)
        st.rerun()

if plan is None:
    st.subheader(t("seating.current"))
    st.plotly_chart(shared(data, seating.current_figure, lang()), key="seating_chart")  # once for every viewer

st.subheader(t("seating.manual"))
who, where, save = st.columns([3, 1, 1], vertical_alignment="bottom")
person = pick(t("seating.person"), picker_labels(raw, seat=True), key="seating_person", where=who)
seat_text = where.text_input(
    t("seating.seat"), key=f"seating_seat_{person}", value=raw.at[person, "seat"] if person else ""
)
if save.button(t("seating.save"), key="seating_save") and person:
    try:
        label = seating.check_move(data, hall, person, seat_text)
    except StoreError as exc:
        st.error(store_error_text(exc))
    else:
        if save_row("attendees", person, {"seat": label}, data.seen("attendees", person, ["seat"])):
            rerun_with(FLASH, t("seating.saved", name=raw.at[person, "name"], seat=label or "—"))

"""Điểm danh — the door desk: camera scan, or one search box (typed or USB-scanned), one click to check in, the
result card (name, unit, seat), undo, live counters."""

from __future__ import annotations

import streamlit as st

from services.display.display_names import with_value_names
from services.display.numbers import number
from services.people import checkin, search
from services.text import fold
from ui.auth import is_desk, require
from ui.context import lang, md, t
from ui.desk_result import result_card
from ui.desk_scanner import scanner_panel
from ui.door_desk import (
    FLASH,
    LAST,
    QUERY,
    RESULT,
    WALKIN_FLASH,
    check_in,
    on_query,
    people_shown,
    scanned,
    undo_button,
    undo_matches,
    walk_in_form,
)
from ui.door_outage import outage_notice
from ui.flash import show_flash
from ui.page_data import require_dataset

require("checkin")

LIMIT = 12
COUNTS = ("group", "arrived", "confirmed", "invited")

data = require_dataset()
people = people_shown(data.frames["attendees"])
desk_only = is_desk()
st.title(t("checkin.title"))
notices = st.container()  # connection notices go in here: one slot always, so the scanner below never moves
with notices:
    outage_notice()
desk, side = st.columns([3, 2], gap="large")

with desk:
    # The scanner comes first, after a fixed number of elements: Streamlit places elements by position, so anything
    # drawn above it only sometimes (a card, a notice) would remount it and switch the camera off after each scan.
    with st.expander(t("scanner.title"), expanded=True, icon=":material/qr_code_scanner:"):
        scanner_panel(st.session_state.get(RESULT), scanned)
    shown = st.session_state.get(RESULT)
    result_card(shown)  # the last guest's card stays up until the next one
    show_flash(FLASH, keep=True)
    # Undo sits under the card only when the card is the guest it undoes; under anyone else's card (a red "not on
    # the list", an orange "already in") a thumb would undo the previous guest by mistake, so it waits further down.
    undo_here = undo_matches(shown, st.session_state.get(LAST))
    if undo_here:
        undo_button()
    st.text_input(
        t("checkin.query"), key=QUERY, on_change=on_query, placeholder=t("checkin.placeholder"), type="search"
    )
    st.caption(t("checkin.hint"))
    query = st.session_state.get(QUERY, "")
    if fold(query):
        found = search.search(people, query)
        if found.empty:
            st.info(t("checkin.none", query=query))
        for attendee_id, row in found.head(LIMIT).iterrows():
            with st.container(border=True):
                who, action = st.columns([5, 2], vertical_alignment="center")
                who.markdown(f"**{md(row['name'])}** · {md(attendee_id)}")
                seat = t("desk.caption.seat", seat=row["seat"]) if isinstance(row.get("seat"), str) else ""
                shown = (row["unit"], seat) if desk_only else (row["position"], row["unit"], row["group"], seat)
                who.caption(" · ".join(md(v) for v in shown if v))
                if arrived := checkin.arrival_time(people, attendee_id):
                    action.success(t("checkin.present", time=arrived), icon=":material/check:")
                else:
                    action.button(
                        t("checkin.button"),
                        key=f"checkin_do_{attendee_id}",
                        type="primary",
                        on_click=check_in,
                        args=(attendee_id, str(row["name"])),
                        width="stretch",
                    )
        if len(found) > LIMIT:
            st.caption(t("checkin.more", count=len(found) - LIMIT))
    if not undo_here and LAST in st.session_state and WALKIN_FLASH not in st.session_state:
        with st.expander(t("checkin.undo_previous"), icon=":material/undo:"):
            undo_button()

with side:
    st.subheader(t("checkin.counters"))
    counts = checkin.counters(people)
    total = counts.iloc[-1]
    arrived, confirmed, invited = st.columns(3)
    arrived.metric(t("checkin.arrived"), number(int(total["arrived"]), lang()))
    confirmed.metric(t("checkin.confirmed"), number(int(total["confirmed"]), lang()))
    invited.metric(t("checkin.invited"), number(int(total["invited"]), lang()))
    table = with_value_names(counts, ["group"], lang())[list(COUNTS)].rename(
        columns={c: t(f"checkin.col.{c}") for c in COUNTS}
    )
    st.dataframe(table, hide_index=True, width="stretch", key="checkin_counts")
    walk_in_form()

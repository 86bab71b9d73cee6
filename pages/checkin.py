"""Điểm danh — the door desk: one search box (typed or scanned), one click to check in, undo, live counters."""

from __future__ import annotations

import streamlit as st

from services.people import checkin, search
from services.people.checkin import clock
from services.schema import ATTENDEE_GROUPS
from services.store import StoreError
from services.text import fold
from ui.auth import require, writer
from ui.context import md, refresh, require_dataset, t
from ui.door_desk import FLASH, LAST, QUERY, check_in, on_query, undo
from ui.editing import current_user
from ui.flash import flash, show_flash
from ui.routing import through_app

through_app()
require("checkin")

LIMIT = 12
COUNTS = ("group", "arrived", "confirmed", "invited")

data = require_dataset()
people = data.frames["attendees"]
st.title(t("checkin.title"))
desk, side = st.columns([3, 2], gap="large")

with desk:
    st.text_input(
        t("checkin.query"), key=QUERY, on_change=on_query, placeholder=t("checkin.placeholder"), type="search"
    )
    st.caption(t("checkin.hint"))
    show_flash(FLASH, keep=True)  # the last message stays up until the next guest
    if LAST in st.session_state:
        last = t("checkin.undo", name=st.session_state[LAST][2])
        st.button(last, key="checkin_undo", on_click=undo, icon=":material/undo:")
    query = st.session_state.get(QUERY, "")
    if fold(query):
        found = search.search(people, query)
        if found.empty:
            st.info(t("checkin.none", query=query))
        for attendee_id, row in found.head(LIMIT).iterrows():
            with st.container(border=True):
                who, action = st.columns([5, 2], vertical_alignment="center")
                who.markdown(f"**{md(row['name'])}** · {md(attendee_id)}")
                who.caption(" · ".join(md(v) for v in (row["position"], row["unit"], row["group"]) if v))
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

with side:
    st.subheader(t("checkin.counters"))
    counts = checkin.counters(people)
    total = counts.iloc[-1]
    arrived, confirmed, invited = st.columns(3)
    arrived.metric(t("checkin.arrived"), int(total["arrived"]))
    confirmed.metric(t("checkin.confirmed"), int(total["confirmed"]))
    invited.metric(t("checkin.invited"), int(total["invited"]))
    table = counts[list(COUNTS)].rename(columns={c: t(f"checkin.col.{c}") for c in COUNTS})
    st.dataframe(table, hide_index=True, width="stretch", key="checkin_counts")
    with (
        st.expander(t("checkin.walkin"), icon=":material/person_add:"),
        st.form("checkin_walkin", clear_on_submit=True),
    ):
        values = {
            "name": st.text_input(t("checkin.walkin.name"), key="checkin_walkin_name"),
            "unit": st.text_input(t("checkin.walkin.unit"), key="checkin_walkin_unit"),
            "position": st.text_input(t("checkin.walkin.position"), key="checkin_walkin_position"),
            "phone": st.text_input(t("checkin.walkin.phone"), key="checkin_walkin_phone"),
        }
        guest = ATTENDEE_GROUPS.index(checkin.WALK_IN_GROUP)
        values["group"] = st.selectbox(t("checkin.walkin.group"), ATTENDEE_GROUPS, guest, key="checkin_walkin_group")
        if st.form_submit_button(t("checkin.walkin.submit"), type="primary", key="checkin_walkin_submit"):
            try:
                new_id, stamp = checkin.walk_in(writer(), values, user=current_user())
            except StoreError as exc:
                st.error(md(str(exc)))
            else:
                name = values["name"]
                st.session_state[LAST] = (new_id, stamp, name)
                flash(FLASH, ("success", t("checkin.walkin.done", name=name, id=new_id, time=clock(stamp))))
                refresh()
                st.rerun()

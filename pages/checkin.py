"""Điểm danh — the door desk: one search box (typed or scanned), one click to check in, undo, live counters."""

from __future__ import annotations

import streamlit as st

from services import checkin, search
from services.schema import ATTENDEE_GROUPS
from services.store import StoreError
from ui.auth import writer
from ui.context import dataset, md, refresh, require_dataset, t
from ui.editing import current_user
from ui.routing import through_app

through_app()

QUERY, FLASH, LAST = "checkin_query", "checkin_flash", "checkin_last"
LIMIT = 12


def _hhmm(stamp: str) -> str:
    return stamp[11:16] if len(stamp) >= 16 else stamp


def _check_in(attendee_id: str, name: str) -> None:
    """Runs as a widget callback, before the page draws: the message and cleared box show on this very rerun."""
    try:
        stamp = checkin.check_in(writer(), attendee_id, user=current_user())
    except checkin.AlreadyCheckedIn as exc:
        st.session_state[FLASH] = ("warning", t("checkin.already", name=name, id=attendee_id, time=_hhmm(exc.at)))
    except StoreError as exc:
        st.session_state[FLASH] = ("error", str(exc))
    else:
        st.session_state[FLASH] = ("success", t("checkin.done", name=name, id=attendee_id, time=_hhmm(stamp)))
        st.session_state[LAST] = (attendee_id, stamp, name)
        st.session_state[QUERY] = ""  # ready for the next guest or scan
    refresh()


def _on_query() -> None:
    """A scanner types the ID and Enter: an exact ID checks that person in directly."""
    data, _ = dataset()
    typed = st.session_state.get(QUERY, "")
    if data is None:
        return
    attendee_id = search.exact_id(data.frames["attendees"], typed)
    if attendee_id is not None:
        _check_in(attendee_id, str(data.frames["attendees"].at[attendee_id, "name"]))
    else:
        st.session_state.pop(FLASH, None)


def _undo() -> None:
    attendee_id, stamp, name = st.session_state.pop(LAST)
    try:
        checkin.undo_check_in(writer(), attendee_id, stamp, user=current_user())
    except StoreError as exc:
        st.session_state[FLASH] = ("error", str(exc))
    else:
        st.session_state[FLASH] = ("info", t("checkin.undone", name=name))
    refresh()


data = require_dataset()
people = data.frames["attendees"]
st.title(t("checkin.title"))
desk, side = st.columns([3, 2], gap="large")

with desk:
    st.text_input(
        t("checkin.query"), key=QUERY, on_change=_on_query, placeholder=t("checkin.placeholder"), type="search"
    )
    st.caption(t("checkin.hint"))
    if flash := st.session_state.get(FLASH):
        getattr(st, flash[0])(flash[1])
    if LAST in st.session_state:
        st.button(
            t("checkin.undo", name=st.session_state[LAST][2]),
            key="checkin_undo",
            on_click=_undo,
            icon=":material/undo:",
        )
    query = st.session_state.get(QUERY, "")
    if search.fold(query):
        found = search.search(people, query)
        if found.empty:
            st.info(t("checkin.none", query=query))
        for attendee_id, row in found.head(LIMIT).iterrows():
            with st.container(border=True):
                who, action = st.columns([5, 2], vertical_alignment="center")
                who.markdown(f"**{md(row['name'])}** · {md(attendee_id)}")
                who.caption(" · ".join(md(v) for v in (row["position"], row["unit"], row["group"]) if v))
                arrived = checkin.arrival_time(people, attendee_id)
                if arrived:
                    action.success(t("checkin.present", time=arrived), icon=":material/check:")
                else:
                    action.button(
                        t("checkin.button"),
                        key=f"checkin_do_{attendee_id}",
                        type="primary",
                        on_click=_check_in,
                        args=(attendee_id, str(row["name"])),
                        width="stretch",
                    )
        if len(found) > LIMIT:
            st.caption(t("checkin.more", count=len(found) - LIMIT))

with side:
    st.subheader(t("checkin.counters"))
    counts = checkin.counters(people)
    total = counts.iloc[-1]
    a, c, i = st.columns(3)
    a.metric(t("checkin.arrived"), int(total["arrived"]))
    c.metric(t("checkin.confirmed"), int(total["confirmed"]))
    i.metric(t("checkin.invited"), int(total["invited"]))
    st.dataframe(
        counts[["group", "arrived", "confirmed", "invited"]].rename(
            columns={
                "group": t("checkin.col.group"),
                "arrived": t("checkin.col.arrived"),
                "confirmed": t("checkin.col.confirmed"),
                "invited": t("checkin.col.invited"),
            }
        ),
        hide_index=True,
        width="stretch",
        key="checkin_counts",
    )
    with (
        st.expander(t("checkin.walkin"), icon=":material/person_add:"),
        st.form("checkin_walkin", clear_on_submit=True),
    ):
        name = st.text_input(t("checkin.walkin.name"), key="checkin_walkin_name")
        unit = st.text_input(t("checkin.walkin.unit"), key="checkin_walkin_unit")
        position = st.text_input(t("checkin.walkin.position"), key="checkin_walkin_position")
        phone = st.text_input(t("checkin.walkin.phone"), key="checkin_walkin_phone")
        group = st.selectbox(
            t("checkin.walkin.group"),
            ATTENDEE_GROUPS,
            index=ATTENDEE_GROUPS.index("khách mời"),
            key="checkin_walkin_group",
        )
        if st.form_submit_button(t("checkin.walkin.submit"), type="primary"):
            values = {"name": name, "unit": unit, "position": position, "phone": phone, "group": group}
            try:
                new_id, stamp = checkin.walk_in(writer(), values, user=current_user())
            except StoreError as exc:
                st.error(md(str(exc)))
            else:
                st.session_state[LAST] = (new_id, stamp, name)
                st.session_state[FLASH] = (
                    "success",
                    t("checkin.walkin.done", name=name, id=new_id, time=_hhmm(stamp)),
                )
                refresh()
                st.rerun()

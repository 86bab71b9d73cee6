"""The door desk's actions, run as widget callbacks before the page draws, so their result (kept until the next guest)
and the cleared search box show on that very rerun. A check-in's result is a `DeskResult` (the big coloured card
with name, unit and seat); errors and undo are flash messages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.people import checkin, search
from services.people.checkin import clock
from services.people.desk import DeskResult, Outcome, desk_view, result_for
from services.people.door_sync import ScanNotKept
from services.schema import ATTENDEE_GROUPS
from services.store import StoreError
from ui.auth import is_desk, writer
from ui.context import dataset, md, refresh, t
from ui.door_outage import record
from ui.editing import current_user
from ui.flash import flash, show_flash
from ui.labels import value_labels

QUERY, FLASH, LAST, RESULT = "checkin_query", "checkin_flash", "checkin_last", "checkin_result"
WALKIN_FLASH = "checkin_walkin_flash"  # the walk-in's confirmation, shown by its form


def people_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The attendees this session may see: the door desk role gets name, unit and seat only (no phone, no e-mail)."""
    return desk_view(frame) if is_desk() else frame


def _attendees() -> pd.DataFrame:
    data, _ = dataset()
    return pd.DataFrame() if data is None else people_shown(data.frames["attendees"])


def _show(outcome: Outcome, attendee_id: str, time: str = "") -> None:
    previous = st.session_state.get(RESULT)
    seq = previous.seq + 1 if previous is not None else 1
    frame = _attendees()
    if outcome is Outcome.UNKNOWN or attendee_id not in frame.index:
        st.session_state[RESULT] = DeskResult(Outcome.UNKNOWN, attendee_id, seq=seq)
    else:
        st.session_state[RESULT] = result_for(frame, attendee_id, outcome, time, seq)
    flash(FLASH)
    flash(WALKIN_FLASH)  # the next guest: the walk-in's note by the form has been read


def check_in(attendee_id: str, name: str) -> None:
    """Runs as a widget callback, before the page draws: the result and cleared box show on this very rerun."""
    try:
        done = record(attendee_id)  # written now, or kept in the outage journal (ui.door_outage)
    except checkin.AlreadyCheckedIn as exc:
        _show(Outcome.ALREADY, attendee_id, clock(exc.at))
    except ScanNotKept as exc:  # shown on the card, to be written on paper: never lost silently
        st.session_state.pop(LAST, None)
        _show(Outcome.NOT_SAVED, attendee_id, clock(exc.stamp))
        flash(FLASH, ("error", str(exc)))
        st.session_state[QUERY] = ""
    except StoreError as exc:
        flash(FLASH, ("error", str(exc)))
    else:
        _show(Outcome.OK, attendee_id, clock(done.stamp))
        if done.queued:  # no undo for a scan not yet sent: the replay would write it back
            st.session_state.pop(LAST, None)
            flash(FLASH, ("warning", t("outage.queued", name=name, time=clock(done.stamp))))
        else:
            st.session_state[LAST] = (attendee_id, done.stamp, name)
        st.session_state[QUERY] = ""  # ready for the next guest or scan
    refresh()


def scanned(text: str) -> None:
    """A badge read by the camera: its holder is checked in, or the card says the code is nobody's."""
    frame = _attendees()
    attendee_id = search.exact_id(frame, text) if not frame.empty else None
    if attendee_id is None:
        _show(Outcome.UNKNOWN, search.normalise_id(text))
    else:
        check_in(attendee_id, str(frame.at[attendee_id, "name"]))


def on_query() -> None:
    """A scanner types the ID and Enter: an exact (or loosely typed) ID checks that person in directly; text shaped
    like an ID that names nobody says so in red; anything else is a name search."""
    text = st.session_state.get(QUERY, "")
    frame = _attendees()
    if frame.empty:
        return
    attendee_id = search.exact_id(frame, text)
    if attendee_id is not None:
        check_in(attendee_id, str(frame.at[attendee_id, "name"]))
    elif search.looks_like_id(text):
        _show(Outcome.UNKNOWN, search.normalise_id(text))
    else:
        flash(FLASH)


def undo_matches(shown: DeskResult | None, last: tuple[str, str, str] | None) -> bool:
    """The card on screen is the guest the undo would clear (a walk-in has no card: its undo sits by its form)."""
    return last is not None and shown is not None and shown.outcome is Outcome.OK and shown.code == last[0]


def undo_button() -> None:
    name = st.session_state[LAST][2]
    st.button(t("checkin.undo", name=name), key="checkin_undo", on_click=undo, icon=":material/undo:")


def undo() -> None:
    attendee_id, stamp, name = st.session_state.pop(LAST)
    slot = WALKIN_FLASH if WALKIN_FLASH in st.session_state else FLASH  # answered where the button was
    flash(WALKIN_FLASH)
    try:
        checkin.undo_check_in(writer(), attendee_id, stamp, user=current_user())
    except StoreError as exc:
        flash(slot, ("error", str(exc)))
    else:
        st.session_state.pop(RESULT, None)
        flash(slot, ("info", t("checkin.undone", name=name)))
    refresh()


def walk_in_form() -> None:
    """Add a guest who is not on the list and check them in (the desk role types no phone number). The confirmation
    and the undo of that guest appear right here, by the form, where the phone's screen is."""
    walked_in = any(kind == "success" for kind, _ in st.session_state.get(WALKIN_FLASH, []))
    show_flash(WALKIN_FLASH, keep=True)
    if walked_in and LAST in st.session_state:
        st.button(
            t("checkin.undo", name=st.session_state[LAST][2]),
            key="checkin_walkin_undo",
            on_click=undo,
            icon=":material/undo:",
        )
    with (
        st.expander(t("checkin.walkin"), icon=":material/person_add:"),
        st.form("checkin_walkin", clear_on_submit=True),
    ):
        fields = ("name", "unit", "position") + (() if is_desk() else ("phone",))
        values = {f: st.text_input(t(f"checkin.walkin.{f}"), key=f"checkin_walkin_{f}") for f in fields}
        guest = ATTENDEE_GROUPS.index(checkin.WALK_IN_GROUP)
        values["group"] = st.selectbox(
            t("checkin.walkin.group"),
            ATTENDEE_GROUPS,
            guest,
            format_func=value_labels(),
            placeholder=t("common.choose"),
            key="checkin_walkin_group",
        )
        if st.form_submit_button(t("checkin.walkin.submit"), type="primary", key="checkin_walkin_submit"):
            try:
                new_id, stamp = checkin.walk_in(writer(), values, user=current_user())
            except StoreError as exc:
                st.error(md(str(exc)))
            else:
                st.session_state[LAST] = (new_id, stamp, values["name"])
                done = t("checkin.walkin.done", name=values["name"], id=new_id, time=clock(stamp))
                flash(WALKIN_FLASH, ("success", done))  # said by the form, where the user is (not off screen)
                flash(FLASH)
                st.session_state.pop(RESULT, None)
                refresh()
                st.rerun()

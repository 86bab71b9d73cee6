"""The door desk's actions, run as widget callbacks before the page draws, so their message (kept in the page's flash
slot until the next one) and the cleared search box show on that very rerun."""

from __future__ import annotations

import streamlit as st

from services.people import checkin, search
from services.people.checkin import clock
from services.store import StoreError
from ui.auth import writer
from ui.context import dataset, refresh, t
from ui.editing import current_user
from ui.flash import flash

QUERY, FLASH, LAST = "checkin_query", "checkin_flash", "checkin_last"


def check_in(attendee_id: str, name: str) -> None:
    """Runs as a widget callback, before the page draws: the message and cleared box show on this very rerun."""
    try:
        stamp = checkin.check_in(writer(), attendee_id, user=current_user())
    except checkin.AlreadyCheckedIn as exc:
        flash(FLASH, ("warning", t("checkin.already", name=name, id=attendee_id, time=clock(exc.at))))
    except StoreError as exc:
        flash(FLASH, ("error", str(exc)))
    else:
        flash(FLASH, ("success", t("checkin.done", name=name, id=attendee_id, time=clock(stamp))))
        st.session_state[LAST] = (attendee_id, stamp, name)
        st.session_state[QUERY] = ""  # ready for the next guest or scan
    refresh()


def on_query() -> None:
    """A scanner types the ID and Enter: an exact ID checks that person in directly."""
    data, _ = dataset()
    if data is None:
        return
    attendee_id = search.exact_id(data.frames["attendees"], st.session_state.get(QUERY, ""))
    if attendee_id is not None:
        check_in(attendee_id, str(data.frames["attendees"].at[attendee_id, "name"]))
    else:
        flash(FLASH)


def undo() -> None:
    attendee_id, stamp, name = st.session_state.pop(LAST)
    try:
        checkin.undo_check_in(writer(), attendee_id, stamp, user=current_user())
    except StoreError as exc:
        flash(FLASH, ("error", str(exc)))
    else:
        flash(FLASH, ("info", t("checkin.undone", name=name)))
    refresh()

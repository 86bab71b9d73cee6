"""After a save of several rows that has no preview dialog (delegates, the programme's order, settings): one
“Hoàn tác” that reverts the whole save from `Nhật ký`, conflict-checked, as Dữ liệu would — until it is undone or
the next such save on the page replaces it."""

from __future__ import annotations

import streamlit as st

from services.edits import change_log
from services.edits.change_log import DONE, RACED
from services.store import StoreError
from ui.auth import is_admin, session, store_error_text, writer
from ui.context import lang, refresh, t
from ui.flash import flash

KEY = "_undo_last"  # session: page slot → (operation ID, rows written)


def remember(slot: str, operation: str, rows: int) -> None:
    st.session_state.setdefault(KEY, {})[slot] = (operation, rows)


def undo_last(slot: str) -> None:
    """The page's last save and its “Hoàn tác” button, if there is one to undo."""
    held = st.session_state.get(KEY, {}).get(slot)
    if held is None:
        return
    operation, rows = held
    hint, button = st.columns([3, 1], vertical_alignment="center")
    hint.caption(t("bulk.undo_hint", op=operation, count=rows))
    if not button.button(t("bulk.undo"), key=f"{slot}_undo_last"):
        return
    try:
        with st.spinner(t("edit.saving")):
            done = change_log.revert(writer(), operation, user=session().user, admin=is_admin())
    except StoreError as exc:
        st.error(store_error_text(exc))
        return
    text = change_log.outcome_text(done, operation, lang())
    if done.status not in (DONE, RACED):  # nothing written: a cell changed since is named, the button stays
        st.error(text)
        return
    st.session_state[KEY].pop(slot, None)
    refresh()
    flash(slot, ("success" if done.status == DONE else "warning", text))
    st.rerun()

"""Writes from pages: through the store, row by row, logged with the user's name; a Conflict or error is shown, never raised."""

from __future__ import annotations

import streamlit as st

from services.store import Conflict, StoreError
from ui.auth import session, writer
from ui.context import md, refresh, t


def current_user() -> str:
    """Who is writing, for the `Nhật ký` log: the signed-in e-mail, or the role."""
    return session().user


def _show(exc: StoreError) -> None:
    st.error(md(str(exc)))
    if isinstance(exc, Conflict):
        st.caption(t("edit.conflict_hint"))


def save_row(tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str]) -> bool:
    """True if written. On failure the message is shown and the caller keeps the user's input on screen."""
    try:
        with st.spinner(t("edit.saving")):
            writer().update_row(tab, row_id, changes, expected, user=current_user())
    except StoreError as exc:
        _show(exc)
        return False
    refresh()
    return True


def add_rows(tab: str, rows: list[dict[str, str]]) -> list[str] | None:
    try:
        with st.spinner(t("edit.saving")):
            ids = writer().append_rows(tab, rows, user=current_user())
    except StoreError as exc:
        _show(exc)
        return None
    refresh()
    return ids


def delete_row(tab: str, row_id: str, expected: dict[str, str]) -> bool:
    try:
        with st.spinner(t("edit.saving")):
            writer().delete_row(tab, row_id, expected, user=current_user())
    except StoreError as exc:
        _show(exc)
        return False
    refresh()
    return True

"""Writes from pages: through the store, row by row, logged with the user's name; a Conflict or error is shown, never raised."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import streamlit as st

from services.access import GuardedStore
from services.edits.row_edits import Written, write_rows
from services.store import Conflict, StoreError
from services.store.rows import operation
from services.validation import Dataset
from ui.auth import session, store_error_text, writer
from ui.context import md, refresh, t
from ui.flash import rerun_with
from ui.undo_last import remember

T = TypeVar("T")


def current_user() -> str:
    """Who is writing, for the `Nhật ký` log: the signed-in e-mail, or the role."""
    return session().user


def _show(exc: StoreError) -> None:
    st.error(store_error_text(exc))
    if isinstance(exc, Conflict):
        st.caption(t("edit.conflict_hint"))


def run(write: Callable[[GuardedStore, str], T]) -> tuple[bool, T | None]:
    """(True, result) once `write(store, user)` is done and the cache refreshed; on a refusal (False, None), the
    message shown and nothing refreshed, so the user's input stays on screen against the data they saw."""
    try:
        with st.spinner(t("edit.saving")):
            result = write(writer(), current_user())
    except StoreError as exc:
        _show(exc)
        return False, None
    refresh()
    return True, result


def save_written(write: Callable[[GuardedStore, str], Written], undo_slot: str | None = None) -> bool:
    """For a service that writes several rows itself and says how far it got: True if every row landed, else the
    refusal is shown. Rows that landed before it are re-read; on nothing written the user's input stays as it was.
    `undo_slot`: the page's slot where `ui.undo_last` offers to undo what landed (one operation in the log)."""
    with st.spinner(t("edit.saving")), operation() as op:
        written = write(writer(), current_user())
    if written.error is not None:
        _show(written.error)
    if written.rows:
        refresh()
        if undo_slot is not None:
            remember(undo_slot, op, written.rows)
    return written.complete


def save_row(tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str]) -> bool:
    """True if written. On failure the message is shown and the caller keeps the user's input on screen."""
    return run(lambda store, user: store.update_row(tab, row_id, changes, expected, user=user))[0]


def save_rows(
    tab: str, changes_by_id: Mapping[str, Mapping[str, str]], data: Dataset, undo_slot: str | None = None
) -> bool:
    """Several rows, each checked against what the user saw in `data`; stops at the first refusal (shown)."""
    return save_written(lambda store, user: write_rows(store, data, tab, changes_by_id, user=user), undo_slot)


def save_checked(
    tab: str,
    data: Dataset,
    make: Callable[[], Mapping[str, Mapping[str, str]]],
    refused: type[Exception],
    slot: str,
    message: str,
) -> None:
    """The rows a rule computes (its `refused` error shown as is), written; then a rerun with `message` in `slot`."""
    try:
        changes = make()
    except refused as exc:
        st.error(md(str(exc)))
    else:
        if save_rows(tab, changes, data):
            rerun_with(slot, message)


def add_rows(tab: str, rows: list[dict[str, str]]) -> list[str] | None:
    return run(lambda store, user: store.append_rows(tab, rows, user=user))[1]


def delete_row(tab: str, row_id: str, expected: dict[str, str]) -> bool:
    return run(lambda store, user: store.delete_row(tab, row_id, expected, user=user))[0]

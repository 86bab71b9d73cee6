"""Messages that outlive a rerun: a page writes, stores what to tell the user in its slot, reruns, and shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

import streamlit as st

from services.edits.row_edits import BulkResult

Message = tuple[str, str]  # (st function name: success | info | warning | error, text)


def flash(slot: str, *messages: Message) -> None:
    """Replaces what the page's slot holds (no messages: clears it)."""
    if messages:
        st.session_state[slot] = list(messages)
    else:
        st.session_state.pop(slot, None)


def rerun_with(slot: str, message: str) -> NoReturn:
    """After a write: redraw the page from the fresh data, with this success message on top."""
    flash(slot, ("success", message))
    st.rerun()


def show_flash(slot: str, *, keep: bool = False) -> None:
    """Draws the slot's messages; `keep` leaves them for later reruns (the door desk keeps its last message up)."""
    messages = st.session_state.get(slot, []) if keep else st.session_state.pop(slot, [])
    for kind, text in messages:
        getattr(st, kind)(text)


def outcome(result: BulkResult, done: str, conflicts: Callable[[int, str], str]) -> list[Message]:
    """A bulk write's messages: what landed, and (count, IDs) of the rows someone changed meanwhile."""
    messages = [("success", done)]
    if result.conflicts:
        messages.append(("error", conflicts(len(result.conflicts), ", ".join(i for i, _ in result.conflicts))))
    return messages

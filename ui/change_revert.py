"""On Dữ liệu: pick a change (or a whole bulk operation) from `Nhật ký` and revert it, conflict-checked and logged."""

from __future__ import annotations

import streamlit as st

from services.edits import change_log
from services.edits.change_log import Change
from services.validation import ROW, Dataset
from ui.auth import can_edit, is_admin
from ui.context import lang, shared, t
from ui.editing import current_user, run
from ui.flash import rerun_with

SHOWN = 300  # newest changes offered; older ones are reverted with `cli revert ID`


def _changes(data: Dataset) -> list[Change]:
    return change_log.read_changes(data.raw["audit"], data.frames["audit"][ROW].tolist())


def _options(changes: list[Change]) -> dict[str, str]:
    """ID → label, newest first; a bulk operation (several changes) is offered as a whole before its changes."""
    per_op: dict[str, int] = {}
    for change in changes:
        if change.operation:
            per_op[change.operation] = per_op.get(change.operation, 0) + 1
    options: dict[str, str] = {}
    for change in reversed(changes[-SHOWN:]):
        if per_op.get(change.operation, 0) > 1 and change.operation not in options:
            options[change.operation] = t("revert.op_label", op=change.operation, count=per_op[change.operation])
        options[change.id] = (
            f"{change.id} · {change.time} · {change.user} · {change.tab_title} {change.row_id}: {change.summary}"
        )
    return options


def revert_panel(data: Dataset, slot: str) -> None:
    if not can_edit():
        return
    st.subheader(t("revert.title"))
    user, admin = current_user(), is_admin()
    mine = [c for c in shared(data, _changes) if c.revertible and change_log.may_revert(c, user, admin=admin)]
    if not mine:
        st.caption(t("revert.none"))
        return
    options = _options(mine)
    ident = st.selectbox(
        t("revert.pick"),
        list(options),
        format_func=options.__getitem__,
        index=None,
        placeholder=t("revert.placeholder"),
        help=t("revert.pick_help"),
        key="data_revert_pick",
    )
    if ident and st.button(t("revert.apply"), key="data_revert_apply", type="primary"):
        _, done = run(lambda store, who: change_log.revert(store, ident, user=who, admin=admin))
        if done is None:
            return
        text = change_log.outcome_text(done, ident, lang())
        if done.status == change_log.DONE:
            rerun_with(slot, text)
        (st.warning if done.status == change_log.RACED else st.error)(text)

"""Every bulk action the same way: a button that only opens a preview (count, old → new) in a dialog, the write on
Confirm, and one “Hoàn tác” button that puts back exactly what it changed."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from services.edits import bulk_edits
from services.edits.bulk_edits import Applied, BulkPlan
from services.edits.change_log import RevertPlan
from services.edits.row_edits import BulkResult
from services.schema import TAB_BY_KEY
from ui.context import t
from ui.editing import run
from ui.flash import Message, flash
from ui.labels import in_language


def _pending(key: str) -> str:
    return f"{key}_pending"


def _undo(key: str) -> str:
    return f"{key}_undo"


def bulk_button(
    column,
    key: str,
    count: int,
    make: Callable[[], BulkPlan],
    raw: pd.DataFrame,
    slot: str,
    done: Callable[[Applied], list[Message]],
) -> None:
    """`count` rows selected (0: the button is disabled and asks for a selection). `make` gives the plan on click;
    `done` the messages once it is written."""
    label = t("bulk.apply_to", count=count) if count else t("bulk.select_first")
    if column.button(label, key=key, disabled=not count):
        bulk = make()
        if bulk.count:
            st.session_state[_pending(key)] = (bulk, bulk_edits.preview(bulk, raw))
        else:
            st.info(t("bulk.nothing"))
    if _pending(key) in st.session_state:
        _confirm(key, slot, done)


def _confirm(key: str, slot: str, done: Callable[[Applied], list[Message]]) -> None:
    bulk, preview = st.session_state[_pending(key)]
    spec = TAB_BY_KEY[bulk.tab]

    def body() -> None:
        st.markdown(t("bulk.confirm_count", count=bulk.count, tab=in_language(spec.title, spec.title_en)))
        shown = preview.rename(columns={c: t(f"bulk.col.{c}") for c in preview.columns})
        st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_preview")
        yes, no = st.columns(2)
        if yes.button(t("bulk.confirm"), key=f"{key}_confirm", type="primary"):
            st.session_state.pop(_pending(key), None)
            _, applied = run(lambda store, user: bulk_edits.apply(store, bulk, user=user))
            if applied is not None:
                if applied.writes:
                    st.session_state[_undo(key)] = applied
                # A row changed since the preview: its field and old → new, as any edit reports a conflict.
                details = [("error", message) for _, message in applied.result.conflicts]
                flash(slot, *done(applied), *details)
                st.rerun()
        if no.button(t("bulk.cancel"), key=f"{key}_cancel"):
            st.session_state.pop(_pending(key), None)
            st.rerun()

    def dismissed() -> None:
        st.session_state.pop(_pending(key), None)

    st.dialog(t("bulk.confirm_title"), width="large", on_dismiss=dismissed)(body)()


def drift_text(plan: RevertPlan) -> str:
    return "; ".join(d.text for d in plan.drifts)


def undo_button(key: str, slot: str) -> None:
    """Shown after the bulk action `key` wrote something, until it is undone."""
    applied: Applied | None = st.session_state.get(_undo(key))
    if applied is None:
        return
    hint, button = st.columns([3, 1], vertical_alignment="center")
    hint.caption(t("bulk.undo_hint", op=applied.operation, count=len(applied.writes)))
    if not button.button(t("bulk.undo"), key=f"{key}_undo_button"):
        return
    ok, outcome = run(lambda store, user: bulk_edits.undo(store, applied, user=user))
    if not ok or outcome is None:
        return
    checked, result = outcome
    if result is None:
        st.error(t("bulk.undo_refused", cells=drift_text(checked)))
        return
    st.session_state.pop(_undo(key), None)
    flash(slot, *_undone(result))
    st.rerun()


def _undone(result: BulkResult) -> list[Message]:
    if result.conflicts:
        ids = ", ".join(i for i, _ in result.conflicts)
        return [("warning", t("bulk.undo_raced", count=len(result.landed), ids=ids))]
    return [("success", t("bulk.undone", count=len(result.landed)))]

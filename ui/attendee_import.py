"""The Đại biểu page's import tab: upload, map the file's columns, see every accepted and rejected row, then import
in one append — all rows, or only the accepted ones when the user says so (`importer` keeps that gate)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.people import importer
from services.schema import ATTENDEES
from services.store import StoreError
from ui.auth import store_error_text
from ui.context import md, t
from ui.editing import run
from ui.flash import rerun_with
from ui.labels import display_frame, value_labels


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    return display_frame(frame, ATTENDEES, {"line": t("attendees.col.line"), "reason": t("attendees.col.reason")})


def _mapping(header: list[str], line: int) -> dict[int, str]:
    """File column → schema key, one picker per column, starting from the guessed mapping ("" = skip); the pickers
    start afresh when another row becomes the header."""
    guessed = importer.guess_mapping(header)
    keys = ["", *(c.key for c in ATTENDEES.columns)]
    names = {c.key: c.header for c in ATTENDEES.columns} | {"": t("attendees.skip")}
    columns = st.columns(max(1, min(len(header), 6)))
    return {
        i: columns[i % len(columns)].selectbox(
            text or f"#{i + 1}",
            keys,
            keys.index(guessed.get(i, "")),
            format_func=names.get,
            placeholder=t("common.choose"),
            key=f"attendees_map_{line}_{i}",
        )
        for i, text in enumerate(header)
    }


HEADER_ROW = "attendees_import_header"
UPLOADS = "attendees_import_uploads"  # imports done in this session: a new uploader (an empty one) after each


def _uploader_key() -> str:
    done = st.session_state.get(UPLOADS, 0)
    return "attendees_import_file" if not done else f"attendees_import_file_{done}"


def _header_row(upload) -> int | None:
    """The header row the user typed for this file (None: let the importer find it); forgotten for another file."""
    signature = f"{upload.name}:{upload.size}"
    if st.session_state.get("attendees_import_for") != signature:
        st.session_state["attendees_import_for"] = signature
        st.session_state.pop(HEADER_ROW, None)
    return st.session_state.get(HEADER_ROW)


def _header_picker() -> None:
    st.number_input(t("attendees.header_row"), min_value=1, value=None, step=1, key=HEADER_ROW)


def import_tab(raw: pd.DataFrame, slot: str) -> None:
    st.caption(t("attendees.all_or_nothing"))
    upload = st.file_uploader(
        t("attendees.file", rows=importer.HEADER_SEARCH_ROWS),
        type=["csv", "xlsx", "tsv", "txt"],
        key=_uploader_key(),
    )
    if upload is None:
        return
    chosen = _header_row(upload)
    try:
        source = importer.read_table(upload.getvalue(), upload.name, header_row=chosen)
    except StoreError as exc:
        st.error(store_error_text(exc))
        if chosen is not None:  # a row that is not a header: let the user pick another
            _header_picker()
        return
    for notice in source.notices:
        st.info(md(notice))
    if source.header_hint or chosen is not None:
        if source.header_hint:
            st.warning(md(source.header_hint))
        _header_picker()
    try:
        st.markdown(f"**{t('attendees.mapping')}**")
        mapping = {i: k for i, k in _mapping(source.header, source.header_line).items() if k}
        group = st.selectbox(
            t("attendees.default_group"),
            ATTENDEES.column("group").choices,
            index=None,
            format_func=value_labels(),
            placeholder=t("friction.import.no_group"),  # never Streamlit's English "Choose an option"
            key="attendees_import_group",
        )
        plan = importer.plan_import(source, mapping, raw, {"group": group or ""})
    except StoreError as exc:
        st.error(store_error_text(exc))
        return
    st.success(t("attendees.accepted", count=len(plan.accepted)))
    st.dataframe(_table(plan.accepted_frame().drop(columns="reason")), hide_index=True, key="attendees_ok")
    if plan.rejected:
        st.error(t("attendees.rejected", count=len(plan.rejected)))
        st.dataframe(_table(plan.rejected_frame()), hide_index=True, key="attendees_rejected")
    if plan.blank_lines:
        st.caption(t("attendees.blank", lines=", ".join(map(str, plan.blank_lines))))
    partial = bool(plan.rejected) and st.checkbox(t("attendees.partial"), key="attendees_import_partial")
    label = t("attendees.import", count=len(plan.accepted))
    if st.button(label, key="attendees_import_go", type="primary", disabled=not plan.ready(partial)):
        done, ids = run(lambda store, user: importer.commit_import(store, plan, user=user, only_accepted=partial))
        if done:  # the file is in: clear the uploader, or the tab would judge the same rows again as duplicates
            st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
            rerun_with(slot, t("attendees.imported", count=len(ids or [])))

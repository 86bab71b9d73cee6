"""The sidebar frame: backend badge, data age, refresh, language; at the local desk, missing tabs and columns."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from services.i18n import LANGUAGES
from services.i18n import t as translate
from services.reads.freshness import age_in_words
from services.schema import TABS
from services.store import StoreError
from services.store.rows import missing_headers
from ui.auth import ANONYMOUS_USER, session, store_error_text, structure_fix, writer
from ui.context import LANG_KEY, dataset, lang, refresh, store, t

STRUCTURE_DONE = "sidebar_structure_done"


def language_picker() -> None:
    st.sidebar.selectbox(
        t("sidebar.language"),
        LANGUAGES,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        placeholder=t("common.choose"),
        key=LANG_KEY,
    )


def _missing_structure() -> list[str]:
    """The schema tabs and columns the workbook lacks, as markdown-safe phrases (the read is cached by the store)."""
    try:
        snapshot = store().load()
    except Exception:  # the page's own read shows what went wrong; this hint must never take the sidebar down
        return []
    missing: list[str] = []
    for spec in TABS:
        data = snapshot.get(spec.key)
        if data is None:
            missing.append(t("structure.local_tab", tab=spec.title))
        elif absent := missing_headers(spec, data.header):
            columns = ", ".join(f"“{h}”" for h in absent)
            missing.append(t("structure.local_columns", tab=data.title, columns=columns))
    return missing


def structure_check() -> None:
    """The local desk has no admin and so no “Khởi tạo cấu trúc” on the Dữ liệu page: when the workbook lacks a tab
    or a column, say which, with a button here that adds them (never renaming or deleting anything)."""
    if report := st.session_state.pop(STRUCTURE_DONE, None):
        st.sidebar.success(t("structure.local_done", report=" ".join(report)))
    if not session().local_mode:
        return
    missing = _missing_structure()
    if not missing:
        return
    # the phrases are escaped already: formatted without a second escape
    st.sidebar.warning(translate("structure.local_missing", lang(), items="; ".join(missing)) + " " + structure_fix())
    if st.sidebar.button(t("structure.local_button"), key="sidebar_fix_structure", icon=":material/build:"):
        try:
            report = writer().ensure_schema()
        except StoreError as exc:
            st.sidebar.error(store_error_text(exc))
            return
        refresh()
        st.session_state[STRUCTURE_DONE] = report
        st.rerun()


def status() -> None:
    info = store().info()
    badge = "sidebar.backend.gsheets" if info.kind == "gsheets" else "sidebar.backend.workbook"
    st.sidebar.caption(t(badge, title=info.title))
    current = session()
    if current.local_mode:
        st.sidebar.info(t("auth.local_badge"), icon=":material/computer:")
    elif info.kind == "gsheets" and current.role is not None and current.user == ANONYMOUS_USER:
        st.sidebar.info(t("auth.read_only_sheet"))
    data, error = dataset()
    if data is not None:
        age = age_in_words(data.loaded_at, datetime.now(), lang())
        st.sidebar.caption(f"{t('sidebar.data_as_of', time=data.loaded_at.strftime('%H:%M:%S'))} — {age}")
        if data.settings.demo_data:
            st.sidebar.caption(t("sidebar.demo"))
        if data.errors:
            st.sidebar.warning(t("sidebar.problems", count=len(data.errors)))
    if error is not None:
        st.sidebar.error(store_error_text(error))
    if data is not None and error is None:
        structure_check()
    if st.sidebar.button(t("sidebar.refresh"), key="sidebar_refresh", icon=":material/refresh:"):
        refresh()
        st.rerun()

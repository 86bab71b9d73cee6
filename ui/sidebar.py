"""The sidebar frame: backend badge, data age, refresh, language."""

from __future__ import annotations

import streamlit as st

from services.i18n import LANGUAGES
from ui.auth import session
from ui.context import LANG_KEY, dataset, md, refresh, store, t


def language_picker() -> None:
    st.sidebar.selectbox(
        t("sidebar.language"),
        LANGUAGES,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key=LANG_KEY,
    )


def status() -> None:
    info = store().info()
    badge = "sidebar.backend.gsheets" if info.kind == "gsheets" else "sidebar.backend.workbook"
    st.sidebar.caption(t(badge, title=info.title))
    current = session()
    if current.local_mode:
        st.sidebar.info(t("auth.local_badge"), icon=":material/computer:")
    elif info.kind == "gsheets" and current.role is not None and current.user == t("auth.user.anonymous"):
        st.sidebar.info(t("auth.read_only_sheet"))
    data, error = dataset()
    if data is not None:
        st.sidebar.caption(t("sidebar.data_as_of", time=data.loaded_at.strftime("%H:%M:%S")))
        if data.settings.demo_data:
            st.sidebar.caption(t("sidebar.demo"))
        if data.errors:
            st.sidebar.warning(t("sidebar.problems", count=len(data.errors)))
    if error is not None:
        st.sidebar.error(md(str(error)))
    if st.sidebar.button(t("sidebar.refresh"), key="sidebar_refresh", icon=":material/refresh:"):
        refresh()
        st.rerun()

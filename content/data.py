"""Dữ liệu — backend status, rows per tab, and every cell that needs fixing with its sheet reference."""

import pandas as pd
import streamlit as st

from services.edits.audit import latest_entries
from services.schema import AUDIT, TABS
from services.store import StoreError
from services.store.sheet_doctor import blocking, diagnose
from ui.auth import is_admin, rehash_warning, require, store_error_text, writer
from ui.change_revert import revert_panel
from ui.context import refresh, store, t
from ui.flash import show_flash
from ui.labels import headers, in_language
from ui.page_data import require_dataset

require("data")
FLASH = "data_flash"

st.title(t("data.title"))
show_flash(FLASH)
data = require_dataset()
info = store().info()

left, middle, right = st.columns(3)
left.metric(t("data.backend"), t(f"friction.backend.{'gsheets' if info.kind == 'gsheets' else 'workbook'}"))
middle.metric(t("data.loaded_at"), data.loaded_at.strftime("%H:%M:%S"))
right.metric(t("data.problems"), len(data.problems))
st.caption(f"{t('data.location')}: {info.location}")
if is_admin() and (stale := rehash_warning()):
    st.warning(stale)

st.subheader(t("data.counts"))
counts = pd.DataFrame(
    {
        t("data.tab"): [in_language(tab.title, tab.title_en) for tab in TABS],
        t("data.rows"): [len(data.raw[tab.key]) for tab in TABS],
    }
)
st.dataframe(counts, hide_index=True)
if data.other_tabs:
    st.caption(t("data.other_tabs", tabs=", ".join(data.other_tabs)))

st.subheader(t("data.problems"))
if not data.problems:
    st.success(t("data.no_problems"))
else:
    st.write(t("data.errors_warnings", errors=len(data.errors), warnings=len(data.warnings)))
    problems = pd.DataFrame(
        {
            t("data.col.ref"): [p.ref for p in data.problems],
            t("data.col.value"): [p.value for p in data.problems],
            t("data.col.message"): [p.message for p in data.problems],
            t("data.col.severity"): [t(f"data.severity.{p.severity}") for p in data.problems],
        }
    )
    st.dataframe(problems, hide_index=True, width="stretch")

if info.kind == "gsheets":
    st.subheader(t("data.doctor"))
    st.caption(t("data.doctor_help"))
    if st.button(t("data.doctor_run"), key="data_doctor"):
        try:
            with st.spinner(t("data.doctor_run")):
                st.session_state["data_doctor_findings"] = diagnose(store())
        except StoreError as exc:
            st.error(store_error_text(exc))
    findings = st.session_state.get("data_doctor_findings")
    if findings:
        stops = blocking(findings)
        (st.warning if stops else st.success)(
            t("data.doctor_blocks", count=len(stops)) if stops else t("data.doctor_ok")
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.doctor.blocks"): ["⚠" if f.blocks else "" for f in findings],
                    t("data.doctor.topic"): [f.topic for f in findings],
                    t("data.doctor.where"): [f.where for f in findings],
                    t("data.doctor.found"): [f.found for f in findings],
                    t("data.doctor.action"): [f.action for f in findings],
                }
            ),
            hide_index=True,
            width="stretch",
        )

st.subheader(t("data.audit"))
audit = data.raw["audit"]
if audit.empty:
    st.caption(t("data.audit_empty"))
else:
    left, middle, right = st.columns(3)
    everything = t("data.audit_all")
    tabs = left.multiselect(
        t("data.audit_tab"), sorted(set(audit["tab"])), key="data_audit_tab", placeholder=everything
    )
    users = middle.multiselect(
        t("data.audit_user"), sorted(set(audit["user"])), key="data_audit_user", placeholder=everything
    )
    row_id = right.text_input(t("data.audit_row"), key="data_audit_row").strip()
    shown = latest_entries(audit, tabs=tabs, users=users, row_id=row_id)
    st.dataframe(headers(shown, AUDIT), hide_index=True, width="stretch")
    revert_panel(data, FLASH)

if is_admin() and st.button(t("data.ensure"), key="data_ensure_schema"):
    try:
        with st.spinner(t("data.ensure")):
            report = writer().ensure_schema()
    except StoreError as exc:
        st.error(store_error_text(exc))
    else:
        refresh()
        st.success(t("data.ensure_done") + (" " + " ".join(report) if report else " " + t("data.ensure_nothing")))

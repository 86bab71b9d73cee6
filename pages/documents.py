"""Tài liệu — one button per document: build it from the current data with a spinner, then download the PDF."""

from datetime import datetime

import streamlit as st

from services.awards import honours
from services.documents import DOCUMENTS, dossier_zip, honoree_table
from services.documents.fonts import FontNotFound
from services.formatting import short_date
from services.people import exports
from services.planning.readiness import reference_day, submission
from ui.auth import require
from ui.context import md, require_dataset, t
from ui.labels import in_language
from ui.routing import through_app

through_app()
require("documents")

st.title(t("documents.title"))
data = require_dataset()
today = reference_day()
stamp = data.loaded_at.isoformat()
st.caption(t("documents.intro"))

pending = honours.unproofread(data)
if not pending.empty:
    names = ", ".join(pending["name"].astype(str).head(10)) + (" …" if len(pending) > 10 else "")
    st.warning(t("documents.unproofread", count=len(pending), names=names))


def built(key: str) -> tuple[bytes, str] | None:
    """Bytes built earlier in this session from the same data; stale ones are dropped."""
    entry = st.session_state.get(f"doc_bytes_{key}")
    return (entry[1], entry[2]) if entry and entry[0] == stamp else None


def build_button(key: str, title: str, make) -> None:
    if st.button(t("documents.build"), key=f"doc_build_{key}"):
        try:
            with st.spinner(t("documents.building", title=title)):
                st.session_state[f"doc_bytes_{key}"] = (stamp, make(), datetime.now().strftime("%H:%M:%S"))
        except FontNotFound as exc:
            st.error(md(str(exc)))


for doc in DOCUMENTS:
    title = in_language(doc.title, doc.title_en)
    left, middle, right = st.columns([5, 1, 2], vertical_alignment="center")
    left.markdown(f"**{title}**")
    with middle:
        build_button(doc.key, title, lambda doc=doc: doc.build(data, today))
    result = built(doc.key)
    if result:
        pdf, at = result
        right.download_button(
            t("documents.download"), pdf, file_name=doc.file_name, mime="application/pdf", key=f"doc_dl_{doc.key}"
        )
        left.caption(t("documents.size", size=round(len(pdf) / 1024), time=at))

st.divider()
left, middle, right = st.columns([5, 1, 2], vertical_alignment="center")
left.markdown(f"**{t('documents.dossier')}**")
due = submission(data, today)  # the deadline the overview's T-15 banner counts down to
if due.days_before_event is not None:
    left.caption(t("documents.dossier_due", date=short_date(due.deadline), days=due.days_before_event))
with middle:
    build_button("dossier", t("documents.dossier"), lambda: dossier_zip(data, today))
result = built("dossier")
if result:
    right.download_button(
        t("documents.dossier_download"), result[0], file_name="ho-so-hoi-nghi.zip", mime="application/zip",
        key="doc_dl_dossier",
    )  # fmt: skip

left, _, right = st.columns([5, 1, 2], vertical_alignment="center")
left.markdown(f"**{t('documents.xlsx')}**")
right.download_button(
    t("documents.xlsx_download"),
    lambda: exports.to_xlsx(honoree_table(data), "Khen thưởng", "Danh sách khen thưởng"),  # built on click
    file_name="danh-sach-khen-thuong.xlsx",
    mime=exports.XLSX_MIME,
    key="doc_dl_honorees_xlsx",
)

"""Tài liệu — every document of the paperwork chain, one click each for PDF or Word, built from the current data."""

import streamlit as st

from services.awards import honours
from services.documents import DOCUMENTS, GROUPS, font_notice, honoree_table, omissions, problems
from services.documents.ballots import ballot_count
from services.people import exports
from services.planning.readiness import reference_day
from ui.auth import require
from ui.context import md, shared, t
from ui.document_rows import document_row, dossier_section, one_invitation, provincial_row
from ui.page_data import require_dataset

require("documents")

st.title(t("documents.title"))
data = require_dataset()
today = reference_day()
st.caption(t("documents.intro"))

pending = shared(data, honours.unproofread)  # once per dataset version for every viewer
if not pending.empty:
    names = ", ".join(pending["name"].astype(str).head(10)) + (" …" if len(pending) > 10 else "")
    st.warning(t("documents.unproofread", count=len(pending), names=names))

if notice := font_notice(data):
    st.warning(md(notice))
blocked = shared(data, problems)
print_note = t("documents.print_note")  # certificates.PRINT_NOTE in the user's language
notes = {
    "ballots": t("documents.ballot_count", count=ballot_count(data)),
    "certificates": print_note,
    "calibration": print_note,
    **shared(data, omissions),
}
for group in GROUPS:
    st.subheader(t(f"documents.group.{group}"))
    for doc in (d for d in DOCUMENTS if d.group == group):
        document_row(doc, data, today, blocked.get(doc.key, ""), notes.get(doc.key, ""))
        if doc.key == "invitations":
            one_invitation(data, today, disabled="invitations" in blocked)
    if group == "awards":
        provincial_row(data, today)

st.divider()
dossier_section(data, today)

st.divider()
left, right = st.columns([5, 3], vertical_alignment="center")
left.markdown(f"**{t('documents.xlsx')}**")
right.download_button(
    t("documents.xlsx_download"),
    lambda: exports.to_xlsx(honoree_table(data), "Khen thưởng", "Danh sách khen thưởng"),  # built on click
    file_name="danh-sach-khen-thuong.xlsx",
    mime=exports.XLSX_MIME,
    key="doc_dl_honorees_xlsx",
    on_click="ignore",
    icon=":material/download:",
)

"""The Tài liệu page's rows: one document, two one-click downloads (PDF, Word) built only when clicked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from services.display.formatting import short_date
from services.documents import MIME, Document, dossier_status, dossier_zip, provincial_zip, render
from services.documents.dossier import ACCEPTED, UPLOAD_ITEMS, DossierError, DossierItem, DossierStatus, Upload
from services.documents.invitations import invitation_file_name, invitations, invitees
from services.documents.provincial_dossier import ZIP_NAME
from services.documents.upward import proposed_upward
from services.i18n import t as translate
from services.validation import Dataset
from ui.context import lang, md, reads, shared, t
from ui.labels import in_language

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word"}


def downloads(key: str, make: Callable[[str], bytes], file_name: Callable[[str], str], disabled: bool = False) -> None:
    """A PDF and a Word button side by side. The bytes are made when the button is pressed (Streamlit's deferred
    download; the button shows that it is working meanwhile) and the page does not rerun."""
    for column, fmt in zip(st.columns(2), FORMAT_LABELS, strict=True):
        column.download_button(
            FORMAT_LABELS[fmt], data=lambda fmt=fmt: make(fmt), file_name=file_name(fmt), mime=MIME[fmt],
            key=f"doc_dl_{key}_{fmt}", on_click="ignore", disabled=disabled, icon=":material/download:",
            width="stretch",
        )  # fmt: skip


def document_row(doc: Document, data: Dataset, today: date, problem: str = "", note: str = "") -> None:
    left, right = st.columns([5, 3], vertical_alignment="center")
    left.markdown(f"**{md(in_language(doc.title, doc.title_en))}**")
    if note:
        left.caption(md(note))
    if problem:
        left.error(md(problem))
    with right:
        downloads(doc.key, lambda fmt: doc.build(data, today, fmt), doc.file_name, disabled=bool(problem))


def one_invitation(data: Dataset, today: date, disabled: bool) -> None:
    """The invitation of one guest, on request (the batch holds everyone)."""
    people = shared(data, invitees)
    if people.empty:
        return
    left, right = st.columns([5, 3], vertical_alignment="bottom")
    labels = {i: f"{r['name']} — {r['position']}".rstrip(" —") for i, r in people.iterrows()}
    chosen = left.selectbox(
        t("documents.one_invitation"),
        list(labels),
        format_func=labels.get,
        placeholder=t("common.choose"),
        key="doc_invitee",
    )
    with right:
        downloads(
            "invitation_one",
            lambda fmt: render(invitations(data, today, only=chosen), fmt),
            lambda fmt: invitation_file_name(data, chosen, fmt),
            disabled=disabled,
        )


def item_label(item: DossierItem) -> str:
    """The dossier item's name in the user's language (the Vietnamese is the label the dossier prints)."""
    return t(f"dossier.item.{item.key}")


def deadline_text(status: DossierStatus) -> str:
    """`DossierStatus.deadline_text` in the user's language."""
    if lang() != "en":
        return status.deadline_text()
    if status.deadline is None:
        return translate("dossier.deadline.none", "en")
    text = translate("dossier.deadline", "en", date=short_date(status.deadline))
    if status.days_before_event is not None:
        text += translate("dossier.deadline.before", "en", days=status.days_before_event)
    if status.days_left is None or (status.days_left < 0 and not status.overdue):
        return text + "."
    if status.overdue:
        return text + translate("dossier.deadline.overdue", "en", days=-status.days_left)
    if status.days_left == 0:
        return text + translate("dossier.deadline.today", "en")
    return text + translate("dossier.deadline.left", "en", days=status.days_left)


def dossier_section(data: Dataset, today: date) -> None:
    """Uploads for the Office's own files, what is still missing against the T-15 date, and the one-click .zip."""
    st.subheader(t("documents.dossier"))
    uploads: list[Upload] = []
    for item, column in zip(UPLOAD_ITEMS, st.columns(len(UPLOAD_ITEMS)), strict=True):
        for file in (
            column.file_uploader(
                item_label(item),
                type=[e.lstrip(".") for e in ACCEPTED],
                accept_multiple_files=True,
                key=f"dossier_{item.key}",
            )
            or []
        ):
            try:
                uploads.append(Upload(file.name, file.getvalue(), item.key))
            except DossierError as exc:
                column.error(md(str(exc)))
    # without uploads of this session's own, the status is the same for every viewer
    status = dossier_status(data, today, uploads) if uploads else shared(data, dossier_status, today)
    (st.error if status.overdue else st.caption)(md(deadline_text(status)))
    for entry in status.items:
        mark = ":material/check_circle:" if entry.present else ":material/radio_button_unchecked:"
        why = md(entry.note) if entry.note else t("documents.missing")  # "Dự thảo …", "Trang … còn trống"
        st.markdown(f"{mark} {md(item_label(entry.item))}" + ("" if entry.present else f" — *{why}*"))
    made_from = (reads().data_version(data), today, tuple((u.item, u.name, len(u.data)) for u in uploads))
    zip_on_click(
        "dossier", lambda: dossier_zip(data, today, uploads), made_from, "ho-so-hoi-nghi.zip",
        t("documents.dossier_download"),
    )  # fmt: skip


def zip_on_click(key: str, make: Callable[[], bytes], made_from: object, file_name: str, label: str) -> None:
    """A .zip built on a click of its own, under a spinner (seconds: every document in PDF and Word), then offered
    for download; a build made from other data (or other uploads) is not offered."""
    held = f"doc_{key}_zip"  # (what it was made from, the .zip) of this session's last build
    if st.button(t("documents.dossier_build"), key=f"doc_{key}_build", icon=":material/folder_zip:"):
        with st.spinner(t("documents.dossier_building")):
            st.session_state[held] = (made_from, make())
    built = st.session_state.get(held)
    if built is not None and built[0] == made_from:
        st.download_button(
            label, data=built[1], file_name=file_name, mime="application/zip", key=f"doc_dl_{key}",
            on_click="ignore", icon=":material/download:", type="primary",
        )  # fmt: skip


def provincial_row(data: Dataset, today: date) -> None:
    """The dossier proposed to the Chủ tịch UBND tỉnh, one .zip built when clicked."""
    left, right = st.columns([5, 3], vertical_alignment="center")
    left.markdown(f"**{t('documents.provincial')}**")
    left.caption(md(t("documents.provincial_note", count=len(shared(data, proposed_upward)))))
    with right:
        zip_on_click(
            "provincial", lambda: provincial_zip(data, today), (reads().data_version(data), today), ZIP_NAME,
            t("documents.provincial_download"),
        )  # fmt: skip

"""Khen thưởng — nominations, council votes and decisions, the honoree list in ceremony order, talks and delegates."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from services.awards import ceremony, honours, talks
from services.awards import nomination_forms as forms_svc
from services.awards.honours import HonoursError
from services.schema import NOMINATIONS
from ui import auth
from ui.context import shared, t
from ui.council_desk import council_tab
from ui.delegate_picker import delegate_picker
from ui.editing import save_checked
from ui.flash import show_flash
from ui.labels import display_frame, pick
from ui.nomination_form import nomination_form
from ui.page_data import require_dataset
from ui.rewards_view import reward_section

auth.require("nominations")

TAB, FLASH = "nominations", "nom_flash"
ORDER = ["seq", "batch", "award", "kind", "name", "position", "unit"]  # the honoree list's columns
st.title(t("page.nominations"))
data = require_dataset()
# Worked out once per dataset version for every viewer (shared results: read, never change them in place).
forms = shared(data, honours.award_forms)
order = shared(data, honours.honoree_order)
frame = data.frames[TAB]
is_admin = auth.is_admin()  # only an admin may approve against a failing vote (with a note)
show_flash(FLASH)


def named(table: pd.DataFrame) -> pd.DataFrame:
    """Sheet headers (or English) for schema columns, catalogue strings for computed ones; values in the language."""
    return display_frame(table, NOMINATIONS, lambda key: t(f"nom.col.{key}"))


def show(table: pd.DataFrame, key: str | None = None) -> None:
    st.dataframe(named(table), hide_index=True, width="stretch", key=key)


def write(make: Callable[[], dict[str, dict[str, str]]], message: str) -> None:
    """The rows a rule gives (its refusal shown as is), then a rerun with `message`."""
    save_checked(TAB, data, make, HonoursError, FLASH, message)


if not auth.can_edit():
    # Leadership read the lists; every form below is for staff (and writes are refused for viewers anyway).
    show(shared(data, forms_svc.nomination_table), key="nom_view_all")
    st.subheader(t("nom.tab.list"))
    show(order[ORDER], key="nom_view_order")
    st.subheader(t("nom.talks"))
    show(shared(data, honours.presentations), key="nom_view_talks")
    st.subheader(t("nom.delegates"))
    show(shared(data, honours.delegates), key="nom_view_delegates")
    auth.stop_unless_editor()

labels = shared(data, forms_svc.labels)
entry, council, honorees, talks_tab = st.tabs(
    [t("nom.tab.entry"), t("nom.tab.council"), t("nom.tab.list"), t("nom.tab.talks")], key="nom_tabs"
)

with entry:
    show(shared(data, forms_svc.nomination_table))
    nomination_form(data, forms, labels, FLASH)

with council:
    council_tab(data, forms, labels, is_admin, FLASH)

with honorees:
    pending = honours.unproofread(data, order)  # the ceremony's lines; the Tờ trình's are listed below
    size = data.settings.honoree_batch_size
    st.caption(t("nom.batch_note", size=size, count=len(order), batches=order["batch"].nunique()))
    if len(pending):
        st.warning(t("nom.unproofread", count=len(pending)))
    shown = named(order[[*ORDER, "award_order", "proofread"]])
    editor = st.data_editor(
        shown, hide_index=True, width="stretch", key="nom_proof_editor", disabled=list(shown.columns[:-1])
    )
    if st.button(t("nom.proof_save"), key="nom_proof_save"):
        marks = dict(zip(order.index, editor[shown.columns[-1]].astype(bool), strict=True))
        changes = forms_svc.proofread_changes(data, marks)
        write(lambda: changes, t("nom.proof_saved", count=len(changes)))
    awaiting = shared(data, ceremony.awaiting_decision)
    if len(awaiting):
        st.caption(t("nom.awaiting", count=len(awaiting)))
        show(awaiting[["award", "kind", "name", "position", "unit"]], key="nom_awaiting")
    reward_section(data)

with talks_tab:
    st.subheader(t("nom.talks"))
    talk_id = pick(t("nom.pick"), {i: labels[i] for i in shared(data, talks.talk_candidates)}, key="nom_talk_pick")
    if talk_id:
        title = st.text_input(t("nom.talk_title"), frame.loc[talk_id, "talk_title"], key=f"nom_talk_title_{talk_id}")
        if st.button(t("nom.talk_save"), key="nom_talk_save"):
            write(lambda: {talk_id: forms_svc.talk_changes(data, talk_id, title)}, t("nom.talk_saved"))
    show(shared(data, honours.presentations))
    delegate_picker(data, FLASH, show)

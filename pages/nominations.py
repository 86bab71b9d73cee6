"""Khen thưởng — nominations, council votes and decisions, the honoree list in ceremony order, talks and delegates."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from services.awards import honours, talks
from services.awards import nomination_forms as forms_svc
from services.awards.honours import HonoursError
from services.schema import NOMINATIONS
from ui import auth
from ui.context import md, require_dataset, shared, t
from ui.council_desk import council_tab
from ui.delegate_picker import delegate_picker
from ui.editing import add_rows, save_checked, save_row
from ui.fields import field_inputs
from ui.flash import rerun_with, show_flash
from ui.labels import display_frame, pick, value_labels
from ui.rewards_view import reward_section
from ui.routing import through_app

through_app()
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
    chosen = pick(t("nom.pick"), labels, key="nom_pick", new=t("nom.new"))
    seen = data.raw[TAB].loc[chosen] if chosen else pd.Series(dtype=str)
    p, current = chosen or "new", forms_svc.form_values(seen)
    with st.form(f"nom_form_{p}"):
        fields = ("kind", "award", "name", "gender", "ethnicity", "position", "unit", "proposer")
        values = field_inputs(
            {k: t(f"nom.f.{k}") for k in fields},
            current,
            forms_svc.form_choices(forms),
            f"nom_{{}}_{p}",
            "—",
            name=value_labels(),
        )
        for key in ("achievement", "members", "note"):
            values[key] = st.text_area(t(f"nom.f.{key}"), current[key], key=f"nom_{key}_{p}", height=68)
        submitted = st.form_submit_button(t("nom.save"), key=f"nom_save_{p}", type="primary")
    if submitted:
        try:
            row = forms_svc.edit_changes(data, chosen, values) if chosen else forms_svc.new_nomination(values, forms)
        except HonoursError as exc:
            st.error(md(str(exc)))
        else:
            if not chosen and add_rows(TAB, [row]):
                rerun_with(FLASH, t("nom.added", name=row["name"]))
            elif chosen and (not row or save_row(TAB, chosen, row, data.seen(TAB, chosen, list(row)))):
                rerun_with(FLASH, t("nom.saved", name=row.get("name", seen["name"])))

with council:
    council_tab(data, forms, labels, is_admin, FLASH)

with honorees:
    pending = shared(data, honours.unproofread)
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

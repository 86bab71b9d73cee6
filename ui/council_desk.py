"""The council tab of the Khen thưởng page: one nomination's vote and decision, and moves of many at once."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from services.awards import council, honours
from services.awards.honours import APPROVED, REJECTED, REVIEW, AwardType, HonoursError
from services.edits import bulk_edits
from services.schema import NOMINATION_STATUS
from services.validation import Dataset
from ui.bulk_confirm import bulk_button, undo_button
from ui.context import md, shared, t
from ui.editing import save_checked
from ui.flash import Message, outcome
from ui.labels import pick, value_label, value_labels
from ui.warning_list import warning_list

TAB = "nominations"
REFUSED = "nom_bulk_refused"  # why some chosen nominations may not move, shown again after the confirmed write
MOVES = ((REVIEW, "review"), (APPROVED, "approve"), (REJECTED, "reject"))  # target status, button key


def _vote_and_decide(
    data: Dataset, forms: Mapping[str, AwardType], vote_id: str, may_override: bool, slot: str
) -> None:
    row = data.frames[TAB].loc[vote_id]
    form, recorded = honours.find_award(forms, row["award"]), honours.nomination_vote(data, vote_id)
    rule, decider = council.vote_rule_text(form), council.decider_text(form)
    st.caption(t("nom.threshold", award=row["award"], threshold=rule, decider=decider))  # t() escapes the values
    refused = honours.law_problems(data, vote_id)  # the service decides; the page shows it before anyone clicks
    if refused:
        st.warning(t("nom.law_refuses", reasons=" ".join(refused)))
    left, right = st.columns(2)
    size = council.council_size(data, recorded)
    members = int(left.number_input(t("nom.members"), 0, 999, size, key=f"nom_vote_members_{vote_id}"))
    yes = int(right.number_input(t("nom.yes"), 0, 999, int(recorded.yes or 0), key=f"nom_vote_yes_{vote_id}"))
    verdict = honours.vote_result(form, yes, members)
    (st.success if verdict.passed else st.error)(md(verdict.reason))  # the reason may quote the award form's name
    if st.button(t("nom.vote_save"), key="nom_vote_save"):
        saved = t("nom.vote_saved", name=row["name"], verdict=verdict.reason)
        save_checked(TAB, data, lambda: {vote_id: honours.vote_changes(yes, members)}, HonoursError, slot, saved)
    st.caption(t("nom.recorded", status=council.recorded_status(row["status"]), verdict=recorded.reason))
    decision_no = st.text_input(t("nom.decision_no"), row["decision_no"], key=f"nom_decision_no_{vote_id}")
    note = ""
    if may_override and st.checkbox(t("nom.override"), key=f"nom_override_{vote_id}"):
        note = st.text_area(t("nom.override_note"), key=f"nom_override_note_{vote_id}", height=68)
    clicked = [
        target
        for column, (target, key) in zip(st.columns(len(MOVES)), MOVES, strict=True)
        if column.button(
            t(f"nom.to.{key}"), key=f"nom_{key}", disabled=not honours.can_transition(row["status"], target)
        )
    ]
    if clicked:
        target = clicked[0]  # one button per run
        rules = {"decision_no": decision_no, "override_note": note, "may_override": may_override}
        moved = t("nom.moved", name=row["name"], status=value_label(target))
        save_checked(
            TAB, data, lambda: {vote_id: honours.decide(data, vote_id, target, **rules)}, HonoursError, slot, moved
        )


def council_tab(
    data: Dataset,
    forms: Mapping[str, AwardType],
    labels: Mapping[str, str],
    may_override: bool,
    slot: str,
) -> None:
    """`may_override`: an admin may approve against a failing vote, with a note."""
    warning_list(shared(data, honours.approval_problems), "warnings.approval")
    vote_id = pick(t("nom.pick"), labels, key="nom_vote_pick")
    if vote_id:
        _vote_and_decide(data, forms, vote_id, may_override, slot)
    st.subheader(t("nom.bulk"))
    chosen = st.multiselect(
        t("nom.bulk_pick"),
        list(labels),
        format_func=lambda i: labels[i],
        placeholder=t("friction.nom.bulk_placeholder"),
        key="nom_bulk_ids",
    )
    target = st.selectbox(
        t("nom.bulk_target"),
        NOMINATION_STATUS,
        index=1,
        format_func=value_labels(),
        placeholder=t("common.choose"),
        key="nom_bulk_target",
    )

    def make() -> bulk_edits.BulkPlan:
        allowed, refused = honours.bulk_decide(data, chosen, target)
        warning_list(list(refused.values()), "warnings.bulk_refused")
        st.session_state[REFUSED] = list(refused.values())
        return bulk_edits.plan(TAB, data.raw[TAB], allowed)

    def done(applied: bulk_edits.Applied) -> list[Message]:
        moved = t("nom.bulk_done", count=len(applied.result.landed), status=value_label(target))
        refused = [("warning", md(reason)) for reason in st.session_state.pop(REFUSED, [])]
        return [
            *outcome(applied.result, moved, lambda n, ids: t("bulk.conflicts", count=n, ids=ids)),
            *refused,
        ]

    bulk_button(st, "nom_bulk_apply", len(chosen), make, data.raw[TAB], slot, done)
    undo_button("nom_bulk_apply", slot)

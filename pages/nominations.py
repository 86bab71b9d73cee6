"""Khen thưởng — nominations, council votes and decisions, the honoree list in ceremony order, talks and delegates."""

import pandas as pd
import streamlit as st

from services import honours
from services import nomination_forms as forms_svc
from services.honours import APPROVED, REJECTED, REVIEW, HonoursError
from services.schema import NOMINATION_STATUS
from services.schema import tab as schema_tab
from ui import auth
from ui.context import lang, md, require_dataset, t
from ui.editing import add_rows, save_row
from ui.routing import through_app

through_app()

TAB = "nominations"
st.title(t("page.nominations"))
data = require_dataset()
forms = honours.award_forms(data)
frame = data.frames[TAB]
is_admin = auth.is_admin()  # only an admin may approve against a failing vote (with a note)
if flash := st.session_state.pop("nom_flash", None):
    st.success(flash)


def headers(table: pd.DataFrame) -> pd.DataFrame:
    """Sheet headers (or English) for schema columns, catalogue strings for computed ones."""
    spec = schema_tab(TAB).by_key
    names = {
        k: (spec[k].header_en if lang() == "en" else spec[k].header) if k in spec else t(f"nom.col.{k}") for k in table
    }
    return table.rename(columns=names)


def done(message: str) -> None:
    st.session_state["nom_flash"] = message
    st.rerun()


def write(changes_by_id: dict[str, dict[str, str]]) -> int:
    """Row by row, each checked against what this user saw; stops at the first refusal (shown by ui.editing)."""
    written = 0
    for row_id, changes in changes_by_id.items():
        if not save_row(TAB, row_id, changes, data.seen(TAB, row_id, list(changes))):
            break
        written += 1
    return written


if not auth.can_edit():
    # Leadership read the lists; every form below is for staff (and writes are refused for viewers anyway).
    st.dataframe(headers(forms_svc.nomination_table(data)), hide_index=True, width="stretch", key="nom_view_all")
    st.subheader(t("nom.tab.list"))
    order = honours.honoree_order(data)
    columns = ["seq", "batch", "award", "kind", "name", "position", "unit"]
    st.dataframe(headers(order[columns]), hide_index=True, width="stretch", key="nom_view_order")
    st.subheader(t("nom.talks"))
    st.dataframe(headers(honours.presentations(data)), hide_index=True, width="stretch", key="nom_view_talks")
    st.subheader(t("nom.delegates"))
    st.dataframe(headers(honours.delegates(data)), hide_index=True, width="stretch", key="nom_view_delegates")
    auth.stop_unless_editor()


picker_labels = forms_svc.labels(data)


def label(row_id: str) -> str:
    return picker_labels.get(row_id, row_id) if row_id else t("nom.new")


entry, council, honorees, talks = st.tabs(
    [t("nom.tab.entry"), t("nom.tab.council"), t("nom.tab.list"), t("nom.tab.talks")]
)

with entry:
    st.dataframe(headers(forms_svc.nomination_table(data)), hide_index=True, width="stretch")
    pick = st.selectbox(t("nom.pick"), ["", *frame.index], format_func=label, key="nom_pick")
    seen = data.raw[TAB].loc[pick] if pick else pd.Series(dtype=str)
    p = pick or "new"
    options, current = forms_svc.form_choices(forms), forms_svc.form_values(seen)
    with st.form(f"nom_form_{p}"):
        sides, values = st.columns(2), {}
        for n, key in enumerate(("kind", "award", "name", "gender", "ethnicity", "position", "unit", "proposer")):
            label_, widget = t(f"nom.f.{key}"), f"nom_{key}_{p}"
            if key in options:
                index = options[key].index(current[key]) if current[key] in options[key] else 0
                values[key] = sides[n % 2].selectbox(
                    label_, options[key], index, format_func=lambda v: v or "—", key=widget
                )
            else:
                values[key] = sides[n % 2].text_input(label_, current[key], key=widget)
        for key in ("achievement", "members", "note"):
            values[key] = st.text_area(t(f"nom.f.{key}"), current[key], key=f"nom_{key}_{p}", height=68)
        submitted = st.form_submit_button(t("nom.save"), key=f"nom_save_{p}", type="primary")
    if submitted:
        try:
            row = forms_svc.edit_changes(data, pick, values) if pick else forms_svc.new_nomination(values, forms)
        except HonoursError as exc:
            st.error(md(str(exc)))
        else:
            if not pick and add_rows(TAB, [row]):
                done(t("nom.added", name=row["name"]))
            elif pick and (not row or save_row(TAB, pick, row, data.seen(TAB, pick, list(row)))):
                done(t("nom.saved", name=row.get("name", seen["name"])))

with council:
    for problem in honours.approval_problems(data):
        st.warning(md(problem))
    open_ids = list(frame.index)
    vote_id = st.selectbox(t("nom.pick"), open_ids, format_func=label, key="nom_vote_pick") if open_ids else None
    if vote_id:
        row = frame.loc[vote_id]
        form = honours.find_award(forms, row["award"])
        recorded = honours.nomination_vote(data, vote_id)
        st.caption(
            t(
                "nom.threshold",
                award=row["award"],
                threshold=form.threshold if form and form.threshold else "—",
                decider=form.decider if form else "—",
            )
        )
        left, right = st.columns(2)
        members_default = int(recorded.members or data.settings.council_members or 0)
        members = left.number_input(t("nom.members"), 0, 999, members_default, key=f"nom_vote_members_{vote_id}")
        yes = right.number_input(t("nom.yes"), 0, 999, int(recorded.yes or 0), key=f"nom_vote_yes_{vote_id}")
        verdict = honours.vote_result(form, int(yes), int(members))
        (st.success if verdict.passed else st.error)(verdict.reason)
        if st.button(t("nom.vote_save"), key="nom_vote_save"):
            try:
                changes = honours.vote_changes(int(yes), int(members))
            except HonoursError as exc:
                st.error(md(str(exc)))
            else:
                if write({vote_id: changes}):
                    done(t("nom.vote_saved", name=row["name"], verdict=verdict.reason))
        st.caption(t("nom.recorded", status=row["status"] or "đề xuất", verdict=recorded.reason))
        decision_no = st.text_input(t("nom.decision_no"), row["decision_no"], key=f"nom_decision_no_{vote_id}")
        override_note = ""
        if is_admin and st.checkbox(t("nom.override"), key=f"nom_override_{vote_id}"):
            override_note = st.text_area(t("nom.override_note"), key=f"nom_override_note_{vote_id}", height=68)
        cols = st.columns(3)
        for column, target, key in (
            (cols[0], REVIEW, "review"),
            (cols[1], APPROVED, "approve"),
            (cols[2], REJECTED, "reject"),
        ):
            if column.button(
                t(f"nom.to.{key}"), key=f"nom_{key}", disabled=not honours.can_transition(row["status"], target)
            ):
                try:
                    changes = honours.decide(
                        data,
                        vote_id,
                        target,
                        decision_no=decision_no,
                        override_note=override_note,
                        may_override=is_admin,
                    )
                except HonoursError as exc:
                    st.error(md(str(exc)))
                else:
                    if write({vote_id: changes}):
                        done(t("nom.moved", name=row["name"], status=target))
    st.subheader(t("nom.bulk"))
    chosen = st.multiselect(t("nom.bulk_pick"), list(frame.index), format_func=label, key="nom_bulk_ids")
    target = st.selectbox(t("nom.bulk_target"), NOMINATION_STATUS, index=1, key="nom_bulk_target")
    if st.button(t("nom.bulk_apply"), key="nom_bulk_apply", disabled=not chosen):
        allowed, refused = honours.bulk_decide(data, chosen, target)
        for reason in refused.values():
            st.warning(md(reason))
        if allowed and write(allowed) == len(allowed) and not refused:
            done(t("nom.bulk_done", count=len(allowed), status=target))

with honorees:
    order = honours.honoree_order(data)
    pending = honours.unproofread(data)
    st.caption(
        t("nom.batch_note", size=data.settings.honoree_batch_size, count=len(order), batches=order["batch"].nunique())
    )
    if len(pending):
        st.warning(t("nom.unproofread", count=len(pending)))
    shown = headers(order[["seq", "batch", "award", "kind", "name", "position", "unit", "award_order", "proofread"]])
    proof_column = shown.columns[-1]
    edited = st.data_editor(
        shown, hide_index=True, width="stretch", key="nom_proof_editor", disabled=list(shown.columns[:-1])
    )
    if st.button(t("nom.proof_save"), key="nom_proof_save"):
        marks = dict(zip(order.index, edited[proof_column].astype(bool), strict=True))
        changes = forms_svc.proofread_changes(data, marks)
        if write(changes) == len(changes):
            done(t("nom.proof_saved", count=len(changes)))

with talks:
    st.subheader(t("nom.talks"))
    talk_ids = [i for i in frame.index if frame.loc[i, "status"] != REJECTED]
    talk_id = st.selectbox(t("nom.pick"), talk_ids, format_func=label, key="nom_talk_pick") if talk_ids else None
    if talk_id:
        title = st.text_input(t("nom.talk_title"), frame.loc[talk_id, "talk_title"], key=f"nom_talk_title_{talk_id}")
        if st.button(t("nom.talk_save"), key="nom_talk_save"):
            try:
                saved = write({talk_id: forms_svc.talk_changes(data, talk_id, title)})
            except HonoursError as exc:
                st.error(md(str(exc)))
            else:
                if saved:
                    done(t("nom.talk_saved"))
    st.dataframe(headers(honours.presentations(data)), hide_index=True, width="stretch")
    st.subheader(t("nom.delegates"))
    chosen_now = honours.delegates(data)
    st.metric(t("nom.delegate_count"), f"{len(chosen_now)} / {data.settings.delegate_quota}")
    for problem in honours.delegate_problems(data):
        st.warning(md(problem))
    candidates = forms_svc.delegate_candidates(data)
    picked = st.multiselect(
        t("nom.delegate_pick"),
        list(candidates),
        default=[i for i in chosen_now["id"] if i in candidates],
        format_func=lambda i: candidates[i],
        key="nom_delegates",
    )
    if st.button(t("nom.delegate_save"), key="nom_delegate_save"):
        try:
            changes, staff = forms_svc.delegate_plan(
                data, [i for i in picked if i in frame.index], [i for i in picked if i not in frame.index]
            )
        except HonoursError as exc:
            st.error(md(str(exc)))
        else:
            ok = write(changes) == len(changes)
            if ok and staff != data.settings.text("delegate_staff"):
                key = "delegate_staff"
                ok = (
                    save_row("settings", key, {"value": staff}, data.seen("settings", key, ["value"]))
                    if key in data.raw["settings"].index
                    else bool(add_rows("settings", [forms_svc.setting_row(key, staff)]))
                )
            if ok:
                done(t("nom.delegates_saved", count=len(picked)))
    st.dataframe(headers(chosen_now), hide_index=True, width="stretch")

"""Đại biểu — searchable list with filters and counts, bulk responses, add/edit/delete, import and export."""

from __future__ import annotations

import streamlit as st

from services import checkin, exports, importer, search
from services.qr import qr_png
from services.schema import ATTENDEES, RSVP
from services.store import StoreError
from ui.auth import writer
from ui.context import lang, md, refresh, require_dataset, t
from ui.editing import add_rows, current_user, delete_row, save_row
from ui.routing import through_app

through_app()

FLASH = "attendees_flash"
FORM_FIELDS = ("name", "gender", "position", "unit", "group", "phone", "email", "rsvp", "seat", "note")


def headers(frame):
    names = {c.key: (c.header_en if lang() == "en" else c.header) for c in ATTENDEES.columns}
    return frame.rename(columns=names | {"line": t("attendees.col.line"), "reason": t("attendees.col.reason")})


data = require_dataset()
people, raw = data.frames["attendees"], data.raw["attendees"]
st.title(t("attendees.title"))
for kind, message in st.session_state.pop(FLASH, []):
    getattr(st, kind)(message)
counts = checkin.counters(people)
for column, (_, row) in zip(st.columns(len(counts)), counts.iterrows(), strict=True):
    column.metric(row["group"], f"{row['confirmed']}/{row['invited']}", help=t("attendees.count"))

listing, editing, importing = st.tabs([t("attendees.tab.list"), t("attendees.tab.edit"), t("attendees.tab.import")])
with listing:
    query = st.text_input(t("attendees.query"), key="attendees_query")
    g, u, r = st.columns(3)
    groups = g.multiselect(
        t("attendees.groups"), ATTENDEES.column("group").choices, key="attendees_groups", placeholder=t("attendees.all")
    )
    units = u.multiselect(
        t("attendees.units"),
        sorted(u for u in people["unit"].unique() if u),
        key="attendees_units",
        placeholder=t("attendees.all"),
    )
    responses = r.multiselect(t("attendees.responses"), RSVP, key="attendees_responses", placeholder=t("attendees.all"))
    shown = raw.loc[search.filter_people(people, query, groups, units, responses).index]
    st.caption(t("attendees.shown", shown=len(shown), total=len(raw)))
    picked = st.dataframe(
        headers(shown), hide_index=True, width="stretch", key="attendees_table", on_select="rerun"
    ).selection.rows
    target = shown.iloc[picked] if picked else shown
    value, apply, xlsx, csv = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    response = value.selectbox(t("attendees.bulk_value"), RSVP, index=1, key="attendees_bulk_value")
    if apply.button(t("attendees.bulk_apply", count=len(target)), key="attendees_bulk_apply", disabled=target.empty):
        with st.spinner(t("edit.saving")):
            result = checkin.set_responses(writer(), target["rsvp"].to_dict(), response, user=current_user())
        refresh()
        st.session_state[FLASH] = [("success", t("attendees.bulk_done", count=len(result.landed)))]
        if result.conflicts:
            ids = ", ".join(i for i, _ in result.conflicts)
            st.session_state[FLASH].append(
                ("error", t("attendees.bulk_conflicts", count=len(result.conflicts), ids=ids))
            )
        st.rerun()
    export, title = headers(shown), t("attendees.export_title")
    xlsx.download_button(
        t("attendees.export_xlsx"),
        lambda: exports.to_xlsx(export, ATTENDEES.title, title),  # built on click, not on every rerun
        "dai-bieu.xlsx",
        exports.XLSX_MIME,
        key="attendees_export_xlsx",
    )
    csv.download_button(
        t("attendees.export_csv"),
        lambda: exports.to_csv(export),
        "dai-bieu.csv",
        exports.CSV_MIME,
        key="attendees_export_csv",
    )

with editing:
    ids = ["", *raw.index]
    labels = dict(zip(raw.index, raw["name"] + " · " + raw["unit"] + " (" + raw.index + ")", strict=True))
    chosen = st.selectbox(
        t("attendees.pick"),
        ids,
        format_func=lambda i: labels[i] if i else t("attendees.new"),
        key="attendees_pick",
    )
    before = {k: raw.at[chosen, k] for k in FORM_FIELDS} if chosen else {k: "" for k in FORM_FIELDS}
    with st.form(f"attendees_form_{chosen or 'new'}"):
        values = {}
        left, right = st.columns(2)
        for n, key in enumerate(FORM_FIELDS):
            column, spec = (left if n % 2 == 0 else right), ATTENDEES.column(key)
            label = spec.header_en if lang() == "en" else spec.header
            widget_key = f"attendees_f_{key}_{chosen or 'new'}"
            if spec.choices:
                options = ["", *spec.choices]
                index = options.index(before[key]) if before[key] in options else 0
                values[key] = column.selectbox(label, options, index=index, key=widget_key)
            else:
                values[key] = column.text_input(label, before[key], key=widget_key)
        submitted = st.form_submit_button(t("attendees.save"), type="primary")
    if submitted:
        changes = {k: v.strip() for k, v in values.items() if v.strip() != before[k]}
        if not values["name"].strip():
            st.error(t("attendees.need_name"))
        elif not chosen:
            if new_ids := add_rows("attendees", [values]):
                st.session_state[FLASH] = [("success", t("attendees.added", name=values["name"], id=new_ids[0]))]
                st.rerun()
        elif not changes:
            st.info(t("attendees.unchanged"))
        elif save_row("attendees", chosen, changes, data.seen("attendees", chosen, list(changes))):
            st.session_state[FLASH] = [("success", t("attendees.saved", name=values["name"]))]
            st.rerun()
    if chosen:
        qr, danger = st.columns(2)
        png = qr_png(chosen)
        qr.image(png, caption=f"{t('attendees.qr')}: {chosen}", width=160)
        qr.download_button(t("attendees.qr_download"), png, f"{chosen}.png", "image/png", key="attendees_qr")
        sure = danger.checkbox(t("attendees.delete_confirm"), key=f"attendees_delete_confirm_{chosen}")
        if danger.button(t("attendees.delete"), key="attendees_delete", disabled=not sure) and delete_row(
            "attendees", chosen, data.seen("attendees", chosen)
        ):
            st.session_state[FLASH] = [("success", t("attendees.deleted", id=chosen))]
            st.rerun()

with importing:
    st.caption(t("attendees.all_or_nothing"))
    upload = st.file_uploader(t("attendees.file"), type=["csv", "xlsx", "tsv", "txt"], key="attendees_import_file")
    if upload is not None:
        try:
            table = importer.read_table(upload.getvalue(), upload.name)
            guessed = importer.guess_mapping(table.header)
            st.markdown(f"**{t('attendees.mapping')}**")
            choices = ["", *(c.key for c in ATTENDEES.columns)]
            names = {c.key: c.header for c in ATTENDEES.columns} | {"": t("attendees.skip")}
            mapping: dict[int, str] = {}
            columns = st.columns(max(1, min(len(table.header), 6)))
            for i, text in enumerate(table.header):
                mapping[i] = columns[i % len(columns)].selectbox(
                    text or f"#{i + 1}",
                    choices,
                    choices.index(guessed.get(i, "")),
                    format_func=names.get,
                    key=f"attendees_map_{i}",
                )
            group = st.selectbox(
                t("attendees.default_group"), ["", *ATTENDEES.column("group").choices], key="attendees_import_group"
            )
            plan = importer.plan_import(table, {i: k for i, k in mapping.items() if k}, raw, {"group": group})
        except StoreError as exc:
            st.error(md(str(exc)))
        else:
            st.success(t("attendees.accepted", count=len(plan.accepted)))
            st.dataframe(headers(plan.accepted_frame().drop(columns="reason")), hide_index=True, key="attendees_ok")
            if plan.rejected:
                st.error(t("attendees.rejected", count=len(plan.rejected)))
                st.dataframe(headers(plan.rejected_frame()), hide_index=True, key="attendees_rejected")
            if plan.blank_lines:
                st.caption(t("attendees.blank", lines=", ".join(map(str, plan.blank_lines))))
            partial = bool(plan.rejected) and st.checkbox(t("attendees.partial"), key="attendees_import_partial")
            ready = plan.accepted and (not plan.rejected or partial)
            if st.button(
                t("attendees.import", count=len(plan.accepted)),
                key="attendees_import_go",
                type="primary",
                disabled=not ready,
            ) and (new_ids := add_rows("attendees", plan.rows)):
                st.session_state[FLASH] = [("success", t("attendees.imported", count=len(new_ids)))]
                st.rerun()

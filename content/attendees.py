"""Đại biểu — searchable list with filters and counts, bulk responses, add/edit/delete, import and export."""

from __future__ import annotations

import streamlit as st

from services.people import attendee_edits, checkin, exports, search
from services.people.qr import qr_png
from services.schema import ATTENDEES, RSVP
from ui.attendee_bulk import bulk_responses
from ui.attendee_import import import_tab
from ui.auth import require
from ui.context import md, t
from ui.editing import add_rows, delete_row, save_row
from ui.fields import field_inputs
from ui.flash import rerun_with, show_flash
from ui.labels import display_frame, header, headers, pick, value_label, value_labels
from ui.page_data import require_dataset

require("attendees")

FLASH = "attendees_flash"
FIRST_COLUMNS = ("id", "name", "rsvp", "checked_in")

data = require_dataset()
people, raw = data.frames["attendees"], data.raw["attendees"]
st.title(t("attendees.title"))
show_flash(FLASH)
counts = checkin.counters(people)
PER_ROW = 4  # seven counts in one row were cut to "người lao đ…" and "3…" on a laptop screen
rows = [counts.iloc[i : i + PER_ROW] for i in range(0, len(counts), PER_ROW)]
for part in rows:
    for column, (_, row) in zip(st.columns(PER_ROW), part.iterrows(), strict=False):
        column.metric(value_label(row["group"]), f"{row['confirmed']}/{row['invited']}", help=t("attendees.count"))

listing, editing, importing = st.tabs([t("attendees.tab.list"), t("attendees.tab.edit"), t("attendees.tab.import")])
with listing:
    query = st.text_input(t("attendees.query"), key="attendees_query")
    g, u, r = st.columns(3)
    everyone = t("attendees.all")
    groups = g.multiselect(
        t("attendees.groups"),
        ATTENDEES.column("group").choices,
        format_func=value_labels(),
        key="attendees_groups",
        placeholder=everyone,
    )
    known_units = sorted(unit for unit in people["unit"].unique() if unit)
    units = u.multiselect(t("attendees.units"), known_units, key="attendees_units", placeholder=everyone)
    answers = r.multiselect(
        t("attendees.responses"), RSVP, format_func=value_labels(), key="attendees_responses", placeholder=everyone
    )
    rows = raw.loc[search.filter_people(people, query, groups, units, answers).index]
    st.caption(t("attendees.shown", shown=len(rows), total=len(raw)))
    export, title = headers(rows, ATTENDEES), t("attendees.export_title")
    shown = display_frame(rows, ATTENDEES)
    # What the bulk edit changes (Phản hồi) next to who it is, not cut off at the right edge of a laptop screen.
    named = dict(zip(rows.columns, shown.columns, strict=False)) if len(rows.columns) == len(shown.columns) else {}
    first = [named[k] for k in FIRST_COLUMNS if k in named]
    picked = st.dataframe(
        shown,
        column_order=[*first, *(c for c in shown.columns if c not in first)] if first else None,
        hide_index=True,
        width="stretch",
        key="attendees_table",
        on_select="rerun",
    ).selection.rows
    # Only rows the user selected (nothing applies to "all" by default); a selection outlives a filter that shrank.
    target = rows.iloc[[i for i in picked if i < len(rows)]]
    value, apply, xlsx, csv = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    bulk_responses(value, apply, raw, target, FLASH)
    # Both files are built on click, not on every rerun.
    xlsx.download_button(
        t("attendees.export_xlsx"),
        lambda: exports.to_xlsx(export, ATTENDEES.title, title),
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
    labels = attendee_edits.picker_labels(raw)
    chosen = pick(t("attendees.pick"), labels, key="attendees_pick", new=t("attendees.new"))
    before, form = attendee_edits.form_values(raw, chosen), chosen or "new"
    with st.form(f"attendees_form_{form}"):
        fields = {k: header(ATTENDEES.column(k)) for k in attendee_edits.FORM_FIELDS}
        choices = {k: ["", *c.choices] for k in fields if (c := ATTENDEES.column(k)).choices}
        values = field_inputs(fields, before, choices, f"attendees_f_{{}}_{form}", name=value_labels())
        submitted = st.form_submit_button(t("attendees.save"), type="primary", key=f"attendees_save_{form}")
    if submitted:
        try:
            changes = attendee_edits.changes(before, values)
            problems = attendee_edits.form_problems(values, raw, chosen)  # the import's rules, in the same words
        except attendee_edits.NameMissing:
            st.error(t("attendees.need_name"))
        else:
            if problems:
                st.error(md(t("attendees.form_problems", reasons="; ".join(problems))))
            elif not chosen and (new_ids := add_rows("attendees", [values])):
                rerun_with(FLASH, t("attendees.added", name=values["name"], id=new_ids[0]))
            elif chosen and not changes:
                st.info(t("attendees.unchanged"))
            elif chosen and save_row("attendees", chosen, changes, data.seen("attendees", chosen, list(changes))):
                rerun_with(FLASH, t("attendees.saved", name=values["name"]))
    if chosen:
        qr, danger = st.columns(2)
        png = qr_png(chosen)
        qr.image(png, caption=f"{t('attendees.qr')}: {chosen}", width=160)
        qr.download_button(t("attendees.qr_download"), png, f"{chosen}.png", "image/png", key="attendees_qr")
        sure = danger.checkbox(t("attendees.delete_confirm"), key=f"attendees_delete_confirm_{chosen}")
        if danger.button(t("attendees.delete"), key="attendees_delete", disabled=not sure) and delete_row(
            "attendees", chosen, data.seen("attendees", chosen)
        ):
            rerun_with(FLASH, t("attendees.deleted", id=chosen))

with importing:
    import_tab(raw, FLASH)

"""Chương trình — programme items in order with computed start/end times, reorder and edit, and warnings."""

import streamlit as st

from services.display.formatting import format_time
from services.edits.row_edits import changed_cells
from services.planning import schedule as schedule_service
from ui.auth import require, stop_unless_editor
from ui.context import t
from ui.editing import save_row, save_rows
from ui.flash import rerun_with, show_flash
from ui.labels import id_labels, pick
from ui.page_data import require_dataset
from ui.undo_last import undo_last

require("programme")

FLASH = "programme_flash"

data = require_dataset()
settings = data.settings
schedule = schedule_service.build_schedule(data.frames["programme"], settings.start_time, settings.session_minutes)

st.title(t("programme.title"))
show_flash(FLASH)
undo_last(FLASH)
if schedule.items.empty:
    st.info(t("programme.empty"))
    st.stop()

st.caption(t("programme.caption", start=format_time(schedule.start), end=format_time(schedule.end)))
cols = st.columns(3)
cols[0].metric(t("programme.total"), t("programme.minutes", minutes=schedule.total_minutes))
cols[1].metric(t("programme.session"), t("programme.minutes", minutes=schedule.session_minutes))
cols[2].metric(t("programme.end"), format_time(schedule.end))

if schedule.overrun_minutes:
    st.warning(
        t(
            "programme.overrun",
            total=schedule.total_minutes,
            session=schedule.session_minutes,
            over=schedule.overrun_minutes,
        ),
        icon=":material/timer_off:",
    )
if schedule.missing_presenter:
    st.warning(t("programme.no_presenter", items=", ".join(schedule.missing_presenter)), icon=":material/person_off:")
if schedule.missing_minutes:
    st.warning(t("programme.no_minutes", items=", ".join(schedule.missing_minutes)), icon=":material/warning:")

table = schedule.items.assign(
    start=[format_time(v) for v in schedule.items["start"]],
    end=[format_time(v) for v in schedule.items["end"]],
)[["order", "start", "end", "item", "presenter", "minutes", "id"]]
st.dataframe(
    table.rename(columns={c: t(f"programme.col.{c}") for c in table.columns}),
    hide_index=True,
    width="stretch",
    key="programme_table",
    placeholder="—",
    column_config={t("programme.col.item"): st.column_config.TextColumn(width="large")},
)

# --- reorder and edit one item --------------------------------------------------------------------
stop_unless_editor()
st.subheader(t("programme.edit"))
names = id_labels(schedule.items["id"], schedule.items["item"])
row_id = pick(t("programme.pick"), names, key="programme_pick")
position = list(names).index(row_id)
up, down, _ = st.columns([1, 1, 4])
for button, step, column, disabled in (
    ("programme_up", -1, up, position == 0),
    ("programme_down", 1, down, position == len(names) - 1),
):
    label = t("programme.up" if step < 0 else "programme.down")
    icon = ":material/arrow_upward:" if step < 0 else ":material/arrow_downward:"
    if column.button(label, key=button, icon=icon, disabled=disabled):
        writes = schedule_service.move(schedule, row_id, step)
        # Two cells, two rows: each write checks the STT the user saw, so a concurrent reorder is caught.
        if save_rows("programme", {i: {"order": o} for i, o in writes.items()}, data, FLASH):
            rerun_with(FLASH, t("programme.moved"))

seen = data.seen("programme", row_id, ["item", "presenter", "minutes"])
with st.form(key="programme_edit_form"):
    item = st.text_area(t("programme.field.item"), seen["item"], key=f"programme_item_{row_id}", height=80)
    left, right = st.columns([3, 1])
    presenter = left.text_input(t("programme.field.presenter"), seen["presenter"], key=f"programme_presenter_{row_id}")
    current = schedule.items.set_index("id").at[row_id, "minutes"]
    minutes = right.number_input(
        t("programme.field.minutes"),
        min_value=0,
        max_value=600,
        step=5,
        value=int(current) if current is not None and current == current else 0,
        key=f"programme_minutes_{row_id}",
    )
    submitted = st.form_submit_button(t("programme.save"), type="primary", key="programme_save")
if submitted:
    changes = changed_cells(seen, {"item": item, "presenter": presenter, "minutes": str(minutes)})
    if not changes:
        st.info(t("programme.nothing"))
    elif save_row("programme", row_id, changes, data.seen("programme", row_id, list(changes))):
        rerun_with(FLASH, t("programme.saved", id=row_id))

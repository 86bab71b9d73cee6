"""Nhiệm vụ — filter the preparation tasks, update status/progress/owner/due in place, add and delete tasks."""

import streamlit as st

from services import readiness
from services.parsing import parse_number
from services.schema import TASK_STATUS
from ui.auth import stop_unless_editor
from ui.context import md, require_dataset, t
from ui.editing import add_rows, delete_row, save_row
from ui.routing import through_app

through_app()

FLASH = "tasks_flash"
EDITABLE = ["status", "progress", "owner", "due"]

data = require_dataset()
today = readiness.reference_day()
tasks, raw = data.frames["tasks"], data.raw["tasks"]
event_date = data.settings.event_date

st.title(t("tasks.title"))
st.caption(t("tasks.caption"))
if message := st.session_state.pop(FLASH, None):
    st.success(message)

table = readiness.task_table(tasks, raw, today)[
    ["id", "task", "due", "status", "progress", "days_left", "unit", "owner"]
]
filters = st.columns(3)
chosen = {
    col: filters[i].multiselect(
        t(f"tasks.filter.{col}"),
        sorted({v for v in table[col] if v}),
        key=f"tasks_filter_{col}",
        placeholder=t("tasks.filter.all"),
    )
    for i, col in enumerate(("unit", "status", "owner"))
}
shown = table
for col, values in chosen.items():
    if values:
        shown = shown[shown[col].isin(values)]
st.caption(t("tasks.count", shown=len(shown), total=len(table)))
st.dataframe(
    shown.rename(columns={c: t(f"tasks.col.{c}") for c in shown.columns}),
    hide_index=True,
    width="stretch",
    key="tasks_table",
    placeholder="—",
    column_config={
        t("tasks.col.task"): st.column_config.TextColumn(width="large"),
        t("tasks.col.progress"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%"),
    },
)

# --- update one task ------------------------------------------------------------------------------
stop_unless_editor()
st.subheader(t("tasks.edit"))
if shown.empty:
    st.info(t("tasks.none"))
else:
    names = dict(zip(shown["id"], shown["task"], strict=True))
    row_id = st.selectbox(t("tasks.pick"), list(names), format_func=lambda i: f"{i} — {names[i]}", key="tasks_pick")
    seen = data.seen("tasks", row_id, EDITABLE)
    with st.form(key="tasks_edit_form"):
        left, right = st.columns(2)
        status_now = tasks.at[row_id, "status"] or TASK_STATUS[0]
        status = left.selectbox(
            t("tasks.field.status"),
            TASK_STATUS,
            index=TASK_STATUS.index(status_now),
            key=f"tasks_status_{row_id}",
        )
        try:
            progress_now = parse_number(seen["progress"]) or 0
        except ValueError:
            progress_now = 0
        progress = right.number_input(
            t("tasks.field.progress"),
            min_value=0,
            max_value=100,
            step=5,
            value=min(100, max(0, progress_now)),
            key=f"tasks_progress_{row_id}",
        )
        owner = left.text_input(t("tasks.field.owner"), seen["owner"], key=f"tasks_owner_{row_id}")
        due = right.text_input(t("tasks.field.due"), seen["due"], key=f"tasks_due_{row_id}")
        right.caption(readiness.due_label(seen["due"], tasks.at[row_id, "due"]))
        submitted = st.form_submit_button(t("tasks.save"), type="primary", key="tasks_save")
    if submitted:
        edited = {"status": status, "progress": progress, "owner": owner, "due": due}
        changes = readiness.changed_cells(seen, edited)
        try:
            readiness.check_due(due, event_date)
        except readiness.TaskInputError as exc:
            st.error(md(str(exc)))
        else:
            if not changes:
                st.info(t("tasks.nothing"))
            elif save_row("tasks", row_id, changes, data.seen("tasks", row_id, list(changes))):
                st.session_state[FLASH] = t("tasks.saved", id=row_id)
                st.rerun()

    with st.expander(t("tasks.delete"), key="tasks_delete_box"):
        sure = st.checkbox(t("tasks.delete.confirm", id=row_id), key=f"tasks_delete_sure_{row_id}")
        clicked = st.button(t("tasks.delete"), key="tasks_delete", disabled=not sure)
        if clicked and delete_row("tasks", row_id, data.seen("tasks", row_id)):
            st.session_state[FLASH] = t("tasks.deleted", id=row_id)
            st.rerun()

# --- add a task -----------------------------------------------------------------------------------
with st.expander(t("tasks.add"), key="tasks_add_box"):
    with st.form(key="tasks_add_form", clear_on_submit=False):
        name = st.text_input(t("tasks.field.task"), key="tasks_new_task")
        left, right = st.columns(2)
        unit = left.text_input(t("tasks.field.unit"), key="tasks_new_unit")
        owner_new = right.text_input(t("tasks.field.owner"), key="tasks_new_owner")
        due_new = left.text_input(t("tasks.field.due"), key="tasks_new_due")
        status_new = right.selectbox(t("tasks.field.status"), TASK_STATUS, key="tasks_new_status")
        add = st.form_submit_button(t("tasks.add.submit"), key="tasks_add")
    if add:
        try:
            if not name.strip():
                raise readiness.TaskInputError(t("tasks.add.missing"))
            readiness.check_due(due_new, event_date)
        except readiness.TaskInputError as exc:
            st.error(md(str(exc)))
        else:
            row = {"task": name, "unit": unit, "owner": owner_new, "due": due_new, "status": status_new}
            if ids := add_rows("tasks", [{**row, "progress": "100" if status_new == "hoàn thành" else "0"}]):
                st.session_state[FLASH] = t("tasks.added", id=ids[0])
                for key in ("tasks_new_task", "tasks_new_unit", "tasks_new_owner", "tasks_new_due"):
                    st.session_state.pop(key, None)  # an empty form for the next task
                st.rerun()

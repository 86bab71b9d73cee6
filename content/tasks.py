"""Nhiệm vụ — filter the preparation tasks, update status/progress/owner/due in place, add and delete tasks."""

import streamlit as st

from services.planning import tasks as task_rules
from services.planning.readiness import reference_day
from services.schema import TASK_STATUS
from ui.auth import require, stop_unless_editor
from ui.context import lang, md, t
from ui.editing import add_rows, delete_row, save_row
from ui.flash import rerun_with, show_flash
from ui.labels import id_labels, pick, value_labels
from ui.page_data import require_dataset
from ui.task_list import task_list

require("tasks")

FLASH = "tasks_flash"
EDITABLE = ["status", "progress", "owner", "due"]
NEW_FIELDS = ("tasks_new_task", "tasks_new_unit", "tasks_new_owner", "tasks_new_due")

data = require_dataset()
tasks, raw = data.frames["tasks"], data.raw["tasks"]
event_date = data.settings.event_date

st.title(t("tasks.title"))
st.caption(t("tasks.caption"))
show_flash(FLASH)

table = task_rules.task_table(tasks, raw, reference_day())
table = table[["id", "task", "due", "status", "progress", "days_left", "unit", "owner"]]
shown = task_list(table)

# --- update one task ------------------------------------------------------------------------------
stop_unless_editor()
st.subheader(t("tasks.edit"))
row_id = pick(t("tasks.pick"), id_labels(shown["id"], shown["task"]), key="tasks_pick")
if row_id is None:
    st.info(t("tasks.none"))
else:
    seen = data.seen("tasks", row_id, EDITABLE)
    with st.form(key="tasks_edit_form"):
        left, right = st.columns(2)
        status_now = task_rules.shown_status(tasks.at[row_id, "status"])
        status = left.selectbox(
            t("tasks.field.status"),
            TASK_STATUS,
            index=TASK_STATUS.index(status_now),
            format_func=value_labels(),
            placeholder=t("common.choose"),
            key=f"tasks_status_{row_id}",
        )
        progress = right.number_input(
            t("tasks.field.progress"),
            min_value=0,
            max_value=100,
            step=5,
            value=task_rules.shown_progress(seen["progress"]),
            key=f"tasks_progress_{row_id}",
        )
        owner = left.text_input(t("tasks.field.owner"), seen["owner"], key=f"tasks_owner_{row_id}")
        due = right.text_input(t("tasks.field.due"), seen["due"], key=f"tasks_due_{row_id}")
        right.caption(task_rules.due_label(seen["due"], tasks.at[row_id, "due"]))
        submitted = st.form_submit_button(t("tasks.save"), type="primary", key="tasks_save")
    if submitted:
        edited = {"status": status, "progress": progress, "owner": owner, "due": due}
        try:
            changes = task_rules.edit_changes(seen, edited, event_date)
        except task_rules.TaskInputError as exc:
            st.error(md(str(exc)))
        else:
            if not changes:
                st.info(t("tasks.nothing"))
            elif save_row("tasks", row_id, changes, data.seen("tasks", row_id, list(changes))):
                rerun_with(FLASH, t("tasks.saved", id=row_id))

    with st.expander(t("tasks.delete"), key="tasks_delete_box"):
        sure = st.checkbox(t("tasks.delete.confirm", id=row_id), key=f"tasks_delete_sure_{row_id}")
        clicked = st.button(t("tasks.delete"), key="tasks_delete", disabled=not sure)
        if clicked and delete_row("tasks", row_id, data.seen("tasks", row_id)):
            rerun_with(FLASH, t("tasks.deleted", id=row_id))

# --- add a task -----------------------------------------------------------------------------------
with st.expander(t("tasks.add"), key="tasks_add_box"):
    with st.form(key="tasks_add_form", clear_on_submit=False):
        name = st.text_input(t("tasks.field.task"), key="tasks_new_task")
        left, right = st.columns(2)
        unit = left.text_input(t("tasks.field.unit"), key="tasks_new_unit")
        owner_new = right.text_input(t("tasks.field.owner"), key="tasks_new_owner")
        due_new = left.text_input(t("tasks.field.due"), key="tasks_new_due")
        status_new = right.selectbox(
            t("tasks.field.status"),
            TASK_STATUS,
            format_func=value_labels(),
            placeholder=t("common.choose"),
            key="tasks_new_status",
        )
        add = st.form_submit_button(t("tasks.add.submit"), key="tasks_add")
    if add:
        values = {"task": name, "unit": unit, "owner": owner_new, "due": due_new, "status": status_new}
        try:
            row = task_rules.new_task(values, event_date, lang())
        except task_rules.TaskInputError as exc:
            st.error(md(str(exc)))
        else:
            if ids := add_rows("tasks", [row]):
                for key in NEW_FIELDS:
                    st.session_state.pop(key, None)  # an empty form for the next task
                rerun_with(FLASH, t("tasks.added", id=ids[0]))

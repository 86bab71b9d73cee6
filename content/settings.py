"""Cài đặt — every key of the `Sự kiện` tab, grouped, each checked before anything is written (admins only)."""

import streamlit as st

from services.setup import settings_form as sf
from ui.auth import require
from ui.context import lang, md, t
from ui.editing import save_written
from ui.flash import rerun_with, show_flash
from ui.page_data import require_dataset
from ui.settings_fields import clear_inputs, field_input, font_upload, hall_preview
from ui.undo_last import undo_last

require("settings")

FLASH = "settings_flash"
data = require_dataset()
language = lang()
st.title(t("settings.title"))
show_flash(FLASH)
undo_last(FLASH)
st.caption(t("settings.intro"))
shown = sf.shown_values(data)

inputs: dict[str, str] = {}
with st.form("settings_form"):
    for group, tab in zip(sf.GROUPS, st.tabs([t(f"settings.group.{g}") for g in sf.GROUPS]), strict=True):
        with tab:
            for field in sf.fields(group):
                inputs[field.key] = field_input(field, shown[field.key], language)
    left, right = st.columns(2)
    checking = left.form_submit_button(t("settings.check"), icon=":material/fact_check:", key="settings_check")
    saving = right.form_submit_button(t("settings.save"), type="primary", icon=":material/save:", key="settings_save")

if checking or saving:
    values, errors = sf.check(shown, sf.changed(shown, inputs), language, data.raw["attendees"].index)
    if errors:
        st.error(t("settings.refused", count=len(errors)))
        for error in errors:
            st.error(md(error.message))
    elif not values:
        st.info(t("settings.nothing"))
    elif checking:
        st.success(t("settings.valid", count=len(values)))
    elif save_written(lambda store, user: sf.write(store, data, values, user=user), FLASH):
        clear_inputs()
        rerun_with(FLASH, t("settings.saved", count=len(values)))

hall_preview(data, shown, inputs, language)
font_upload(language)

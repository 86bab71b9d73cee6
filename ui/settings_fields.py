"""Widgets of the settings screen: one input per `Sự kiện` key by its kind, the font picker and upload, the hall
preview. What is valid is decided in services.setup.settings_form; these only draw and hand back text."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from services.documents import fonts
from services.parsing import parse_bool
from services.people.seating import SeatingError, chart_labels, seating_figure
from services.schema import Kind
from services.setup import settings_form as sf
from services.validation import Dataset
from ui.context import md, t

PREFIX = "setting_"
PLACEHOLDERS = {Kind.DATE: "dd/mm/yyyy", Kind.TIME: "HH:MM"}
UPLOADED = "settings_font_uploaded"  # the upload already kept, so a rerun does not save it again


def field_input(field: sf.Field, shown: str, lang: str) -> str:
    """The input for one setting, starting from the text the sheet holds; returns the text entered."""
    key, label, help_text = PREFIX + field.key, field.label(lang), field.help(lang)
    if field.kind == Kind.BOOL:
        return sf.YES if st.toggle(label, value=parse_bool(shown), help=help_text, key=key) else sf.NO
    if field.key == sf.FONT:
        return font_picker(label, help_text, shown, key)
    placeholder = PLACEHOLDERS.get(field.kind) or field.setting.default or None
    return st.text_input(label, value=shown, help=help_text, key=key, placeholder=placeholder)


def font_picker(label: str, help_text: str, shown: str, key: str) -> str:
    """The fonts this server allows (checked), the current one even if it is not among them; a path may be typed."""
    options = ["", *fonts.available_fonts()]
    if shown and shown not in options:
        options.append(shown)
    shipped = t("settings.font_shipped")
    chosen = st.selectbox(
        label, options, index=options.index(shown) if shown in options else 0, help=help_text, key=key,
        format_func=lambda name: name or shipped, accept_new_options=True, placeholder=t("common.choose"),
    )  # fmt: skip
    return chosen or ""


def font_upload(lang: str) -> None:
    """A .ttf checked (type, size, Vietnamese letters) before it is kept; it then appears in the font picker."""
    file = st.file_uploader(t("settings.font_upload"), type=["ttf", "otf"], key="settings_font_file")
    if file is None or st.session_state.get(UPLOADED) == file.file_id:
        return
    try:
        name = fonts.save_uploaded_font(file.name, file.getvalue())
    except (ValueError, OSError) as exc:  # the service says OS errors in Vietnamese; an unforeseen one still no crash
        st.error(md(t("settings.error", field=sf.FIELD_BY_KEY[sf.FONT].label(lang), reason=str(exc).rstrip("."))))
        return
    st.session_state[UPLOADED] = file.file_id
    st.success(md(t("settings.font_uploaded", name=name)))


def clear_inputs() -> None:
    """After a save: the inputs start again from what the sheet now holds."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]


def hall_preview(data: Dataset, shown: Mapping[str, str], inputs: Mapping[str, str], lang: str) -> None:
    """The hall as the entered rows, seats and reserved zones would lay it out, before anything is saved."""
    with st.expander(t("settings.preview"), expanded=False):
        try:
            hall = sf.hall_preview(shown, inputs)
        except SeatingError as exc:
            st.error(md(str(exc)))
            return
        st.caption(t("settings.preview_caption", rows=hall.rows, seats=hall.seats_per_row, capacity=hall.capacity))
        figure = seating_figure(data, hall, labels=chart_labels(lang))
        st.plotly_chart(figure, key="settings_hall_preview")

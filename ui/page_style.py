"""Style the pages share, drawn in the sidebar on every run (so the pages' own element positions never change):

- Streamlit's file uploader speaks English ("Upload", "200MB per file • TTF") with no option for another language: in
  the Vietnamese UI its button and instructions are replaced through CSS (the texts themselves cannot be reached).
- Metric labels and values are cut with "…" when a column is narrow ("người lao đ…", "3…" for 37/63 among the seven
  group counts on Đại biểu at 1024 px): they wrap instead."""

from __future__ import annotations

import streamlit as st

from ui.context import lang, t

ZONE = '[data-testid="stFileUploaderDropzone"]'
HINT = '[data-testid="stFileUploaderDropzoneInstructions"]'
METRIC_LABEL = '[data-testid="stMetricLabel"]'
WRAPPED_LABELS = (
    f"{METRIC_LABEL} *{{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}}"
)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploader_css(button: str, hint: str) -> str:
    """Rules that show `button` and `hint` in place of Streamlit's English."""
    return (
        f"{ZONE} button{{font-size:0}}"
        # the button's label is a markdown paragraph with its own font size: font-size 0 on the button misses it
        f'{ZONE} button [data-testid="stMarkdownContainer"]{{display:none}}'
        f"{ZONE} button::after{{content:{_quoted(button)};font-size:.875rem}}"
        f"{HINT} span{{font-size:0}}"
        f"{HINT} span::before{{content:{_quoted(hint)};font-size:.875rem}}"
    )


def page_style() -> None:
    rules = WRAPPED_LABELS
    if lang() != "en":
        limit = st.get_option("server.maxUploadSize")
        rules += uploader_css(t("uploader.button"), t("uploader.hint", mb=limit))
    with st.sidebar:
        st.html(f"<style>{rules}</style>")

"""A page that is not built yet says what is coming and shows the rows it will work on."""

from __future__ import annotations

import streamlit as st

from services.schema import tab as schema_tab
from ui.context import lang, require_dataset, t
from ui.routing import through_app


def placeholder_page(page_key: str, tab_key: str | None) -> None:
    through_app()
    st.title(t(f"page.{page_key}"))
    st.info(t("placeholder.coming", what=t(f"placeholder.{page_key}")))
    if tab_key is None:
        return
    data = require_dataset()
    spec = schema_tab(tab_key)
    raw = data.raw[tab_key]
    st.caption(t("placeholder.preview", count=len(raw)))
    headers = {c.key: (c.header_en if lang() == "en" else c.header) for c in spec.columns}
    st.dataframe(raw.rename(columns=headers), hide_index=True, width="stretch")

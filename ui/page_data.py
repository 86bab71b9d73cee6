"""What a page draws from: the dataset, or why there is none in words this user can act on (ui.auth knows the
user's role, ui.context the data, so the gate that needs both sits above them)."""

from __future__ import annotations

import streamlit as st

from services.validation import Dataset
from ui.auth import store_error_text
from ui.context import dataset, refresh, t


def require_dataset() -> Dataset:
    """The dataset for a page to draw; shows why and stops the page if there is none at all."""
    data, error = dataset()
    if data is None:
        st.error(store_error_text(error) if error else t("error.unexpected", detail=""))
        st.stop()
    if error is not None:
        stale = t("outage.stale", time=data.loaded_at.strftime("%H:%M"))
        st.warning(f"{stale}\n\n" + t("error.unavailable", time=data.loaded_at.strftime("%H:%M:%S"), detail=str(error)))
        if st.button(t("error.retry"), key="data_retry", icon=":material/refresh:"):
            refresh()
            st.rerun()
    return data

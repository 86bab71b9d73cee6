"""First run: secrets that are still the example's, or a backend that cannot be opened, get a page saying what is
wrong and how to fix it (services.setup.setup_check) — never Streamlit's "This app has encountered an error"."""

from __future__ import annotations

import streamlit as st

from services.setup.setup_check import secret_problems
from services.store import StoreError
from ui.context import config, md, secrets, store, t


def stop_if_misconfigured() -> None:
    problems = secret_problems(secrets(), uses_sheet=config().uses_sheet)
    if not problems:
        try:
            store()
        except StoreError as exc:
            problems = [str(exc)]
    if not problems:
        return
    st.title(t("setup.title"))
    for problem in problems:
        st.error(md(problem))
    st.markdown(t("setup.how"))
    st.stop()

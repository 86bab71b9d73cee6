"""Make sure every page is drawn inside app.py's frame (navigation, sidebar), never on its own.

Streamlit treats a `pages/` folder next to the main script as a v1 multipage app until the first `st.navigation`
call in the process: on a fresh server (and in every AppTest run) a request for a page URL runs
`pages/<page>.py` directly, skipping app.py and its sidebar. Each page calls `through_app()` first; in such a v1 run
it switches the process to navigation mode and runs app.py in place (same run, so widget events are kept). The
page's own v1 run stops there.

This relies on Streamlit internals, so it is not what keeps a viewer out of a staff page: every page's next line,
`ui.auth.require`, does that through public API whether or not this helper still works.
"""

from __future__ import annotations

import runpy

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def through_app() -> None:
    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    runpy.run_path(ctx.pages_manager.main_script_path, run_name="__main__")
    st.stop()

"""Entry point: page config, navigation by section, and the sidebar frame. Pages draw; services decide."""

import streamlit as st

from ui.context import t
from ui.sidebar import language_picker, status

st.set_page_config(page_title="Hội nghị điển hình tiên tiến", page_icon="🏅", layout="wide")

sections = {
    t("nav.leadership"): [
        st.Page("pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True),
    ],
    t("nav.preparation"): [
        st.Page("pages/tasks.py", title=t("page.tasks"), icon=":material/checklist:"),
        st.Page("pages/attendees.py", title=t("page.attendees"), icon=":material/groups:"),
        st.Page("pages/nominations.py", title=t("page.nominations"), icon=":material/military_tech:"),
        st.Page("pages/programme.py", title=t("page.programme"), icon=":material/schedule:"),
        st.Page("pages/budget.py", title=t("page.budget"), icon=":material/payments:"),
    ],
    t("nav.meeting"): [
        st.Page("pages/checkin.py", title=t("page.checkin"), icon=":material/how_to_reg:"),
        st.Page("pages/seating.py", title=t("page.seating"), icon=":material/event_seat:"),
        st.Page("pages/documents.py", title=t("page.documents"), icon=":material/picture_as_pdf:"),
    ],
    t("nav.admin"): [
        st.Page("pages/data.py", title=t("page.data"), icon=":material/database:"),
    ],
}

navigation = st.navigation(sections)
language_picker()
status()
navigation.run()

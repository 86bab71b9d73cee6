"""Entry point: page config, navigation by section and role, and the sidebar frame. Pages draw; services decide."""

import streamlit as st

from services.access import Role
from ui.auth import session, sign_in_panel
from ui.context import t
from ui.sidebar import language_picker, status

st.set_page_config(page_title="Hội nghị điển hình tiên tiến", page_icon="🏅", layout="wide")


def sign_in_required() -> None:
    st.title(t("app.title"))
    current = session()
    st.info(t("auth.no_role", user=current.user) if current.user else t("auth.please_sign_in"))


def page(file: str, key: str, icon: str, **kwargs) -> st.Page:
    return st.Page(f"pages/{file}.py", title=t(f"page.{key}"), icon=icon, **kwargs)


role = session().role
if role is None:
    sections = {t("app.title"): [st.Page(sign_in_required, title=t("auth.sign_in"), icon=":material/login:")]}
else:
    sections = {
        t("nav.leadership"): [page("overview", "overview", ":material/dashboard:", default=True)],
        t("nav.preparation"): [
            page("tasks", "tasks", ":material/checklist:"),
            page("nominations", "nominations", ":material/military_tech:"),
            page("programme", "programme", ":material/schedule:"),
            page("budget", "budget", ":material/payments:"),
        ],
        t("nav.meeting"): [page("documents", "documents", ":material/picture_as_pdf:")],
    }
    if role >= Role.EDITOR:
        # Personal data and the door desk are for staff only.
        sections[t("nav.preparation")].insert(1, page("attendees", "attendees", ":material/groups:"))
        sections[t("nav.meeting")][:0] = [
            page("checkin", "checkin", ":material/how_to_reg:"),
            page("seating", "seating", ":material/event_seat:"),
        ]
        sections[t("nav.admin")] = [page("data", "data", ":material/database:")]

navigation = st.navigation(sections)
language_picker()
sign_in_panel()
status()
navigation.run()

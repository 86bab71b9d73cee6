"""Entry point: page config, navigation by section and role, and the sidebar frame. Pages draw; services decide."""

import streamlit as st

from ui.auth import may_open, refuse_if_exposed, session, sign_in_panel
from ui.context import begin_run, end_run, t
from ui.page_style import page_style
from ui.province import council_view
from ui.setup import stop_if_misconfigured
from ui.sidebar import language_picker, status
from ui.unit_scope import choose_unit, unit_badge

st.set_page_config(page_title="Hội nghị điển hình tiên tiến", page_icon="🏅", layout="wide")
if council_view():  # ?view=council with a deployment: the provincial council's page, outside every unit (ui.province)
    language_picker()
    st.navigation([st.Page("content/province.py", title=t("page.province"), icon=":material/account_balance:",
                           url_path="province")]).run()  # fmt: skip
    st.stop()
choose_unit()  # with a deployment file: the unit this session works in (?unit=code, or a picker); else nothing
stop_if_misconfigured()  # secrets still the example's, or a backend that cannot open: a page saying how to fix it
refuse_if_exposed()  # 0.0.0.0 (or any non-loopback address) without [roles]: nothing else is drawn
begin_run()  # the sidebar and the page then share one dataset fetch

# Section → (page file, icon), in menu order; who sees a page is ui.auth.PAGE_ROLES (which each page checks itself).
NAVIGATION = {
    "nav.leadership": [("overview", ":material/dashboard:")],
    "nav.preparation": [
        ("tasks", ":material/checklist:"),
        ("attendees", ":material/groups:"),
        ("nominations", ":material/military_tech:"),
        ("programme", ":material/schedule:"),
        ("budget", ":material/payments:"),
    ],
    "nav.meeting": [
        ("checkin", ":material/how_to_reg:"),
        ("seating", ":material/event_seat:"),
        ("documents", ":material/picture_as_pdf:"),
    ],
    "nav.admin": [("data", ":material/database:"), ("settings", ":material/settings:")],
}


def sign_in_required() -> None:
    st.title(t("app.title"))
    current = session()
    st.info(t("auth.no_role", user=current.user) if current.user else t("auth.please_sign_in"))


def page(file: str, icon: str) -> st.Page:
    # content/, not pages/: Streamlit would run a pages/ file on its own, outside this frame. The URL is the page's
    # name, stated, so bookmarks and the desk phones' links (…/checkin) never follow where the file lives.
    return st.Page(f"content/{file}.py", title=t(f"page.{file}"), icon=icon, url_path=file, default=file == "overview")


role = session().role
if role is None:
    sections = {t("app.title"): [st.Page(sign_in_required, title=t("auth.sign_in"), icon=":material/login:")]}
else:
    sections = {
        t(section): shown
        for section, pages in NAVIGATION.items()
        if (shown := [page(file, icon) for file, icon in pages if may_open(role, file)])
    }

navigation = st.navigation(sections)
try:
    language_picker()
    page_style()
    unit_badge()
    sign_in_panel()
    status()
    navigation.run()
finally:
    end_run()  # the session keeps no copy of the dataset between runs

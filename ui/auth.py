"""Who is using this session: sign-in (OIDC e-mail or passcode), session timeout, and the role the pages obey."""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from services.access import (
    HASH_ITERATIONS,
    MAX_FAILURES,
    SESSION_WINDOW_S,
    AccessPolicy,
    FailureLog,
    GuardedStore,
    Role,
    client_key,
    default_role,
    exposed_without_roles,
    load_policy,
    needs_rehash,
    try_passcode,
    waiting,
)
from services.display.formatting import format_number
from services.i18n import DEFAULT_LANGUAGE
from services.i18n import t as translate
from services.store import HeaderMissing, StoreError, TabMissing
from ui.context import deployment, md, secrets, store, t, unit_code

ROLE_KEY, USER_KEY, SINCE_KEY = "auth_role", "auth_user", "auth_since"
UNIT_SIGNED_KEY = "auth_unit"  # the unit a passcode sign-in was made for ("" for the single unit): valid there only
FAILURES_KEY = "auth_failures"  # this session's failed passcode attempts (monotonic times)

# The least role that may open each page (file in content/). app.py's navigation and each page's own `require` read
# this one table, so a page a role may not see is neither listed nor drawn, even if a page file ran past the menu.
PAGE_ROLES: dict[str, Role] = {
    "overview": Role.VIEWER,
    "tasks": Role.VIEWER,
    "attendees": Role.EDITOR,  # personal data and the door desk are for staff only
    "nominations": Role.VIEWER,
    "programme": Role.VIEWER,
    "budget": Role.VIEWER,
    "checkin": Role.EDITOR,
    "seating": Role.EDITOR,
    "documents": Role.VIEWER,
    "data": Role.EDITOR,
    "settings": Role.ADMIN,  # the event's own configuration (GuardedStore asks the same of every settings write)
}
# The door desk role opens these pages and no other (it ranks below viewer, so PAGE_ROLES alone opens nothing).
DESK_PAGES = frozenset({"checkin"})


@dataclass(frozen=True)
class Session:
    role: Role | None  # None: must sign in first
    user: str
    local_mode: bool = False


def policy() -> AccessPolicy:
    """The roles of the unit this session works in (services.setup.deployment), or `[roles]` in secrets for the single unit."""
    return unit_policy(unit_code())


@st.cache_resource(show_spinner=False)
def unit_policy(code: str) -> AccessPolicy:
    units = deployment()
    try:
        return load_policy(units.unit(code).access_secrets(secrets()) if units is not None and code else secrets())
    except ValueError as exc:
        # A misconfigured [roles] section must fail closed: nobody may edit until it is fixed.
        st.error(str(exc))
        return AccessPolicy(passcodes={Role.ADMIN: "invalid"})


def _oidc_email() -> str | None:
    try:
        return st.user.email if st.user.is_logged_in else None
    except (AttributeError, KeyError):
        return None


def logged_name(key: str, **values: object) -> str:
    """A user name as `Nhật ký` records it: in Vietnamese whatever the screen's language, so a user who switches
    language is still offered (and allowed) to undo their own earlier changes."""
    return translate(key, DEFAULT_LANGUAGE, **values)


def role_name(role: Role) -> str:
    """The role in the screen's language (`Role.label` is the Vietnamese that messages from services carry)."""
    return t(f"role.{role.name.lower()}")


def shown_user(current: Session) -> str:
    """Who is signed in, in the screen's language: the passcode and local users are named by the app (in Vietnamese
    in `Nhật ký`, see `logged_name`), an e-mail is itself."""
    if current.role is not None and current.user == logged_name("auth.user.by_role", role=current.role.label):
        return t("auth.user.by_role", role=role_name(current.role))
    for key in ("auth.user.local", "auth.user.anonymous"):
        if current.user == logged_name(key):
            return t(key)
    return current.user


LOCAL_USER = logged_name("auth.user.local")
ANONYMOUS_USER = logged_name("auth.user.anonymous")


def session() -> Session:
    rules = policy()
    fallback = default_role(rules, store().info())
    local = store().info().kind == "workbook"
    unsigned = Session(fallback, LOCAL_USER if local else ANONYMOUS_USER, local_mode=local) if fallback else None
    if unsigned is not None and not rules.configured:
        return unsigned
    email = _oidc_email() if rules.oidc else None
    if email:
        role = rules.role_for_email(email)
        return Session(role, email) if role else Session(None, email)
    since = st.session_state.get(SINCE_KEY)
    if since is not None and time.time() - since > rules.timeout_min * 60:
        for key in (ROLE_KEY, USER_KEY, SINCE_KEY):
            st.session_state.pop(key, None)
        st.session_state["auth_expired"] = True
    role_name = st.session_state.get(ROLE_KEY)
    if role_name and st.session_state.get(UNIT_SIGNED_KEY, "") != unit_code():
        # signed in to another unit: not a sign-in here (ui.unit_scope drops it on the way; this is the last guard)
        role_name = None
    if role_name:
        st.session_state[SINCE_KEY] = time.time()  # activity extends the session
        return Session(Role[role_name], st.session_state.get(USER_KEY, role_name.lower()))
    return unsigned or Session(None, "")  # `local_desk`: this machine is the local desk until someone signs in


def refuse_if_exposed() -> None:
    """Before anything is drawn: a server reachable from the network without `[roles]` shows only why it refuses."""
    if exposed_without_roles(st.get_option("server.address"), policy()):
        st.error(t("auth.exposed", address=st.get_option("server.address") or "0.0.0.0"))
        st.stop()


def can_edit() -> bool:
    role = session().role
    return role is not None and role >= Role.EDITOR


def is_admin() -> bool:
    role = session().role
    return role is not None and role >= Role.ADMIN


def writer() -> GuardedStore:
    """The store as this session may use it: every write re-checks the role here, on the server. The local desk may
    add missing tabs and columns itself: it has no admin to ask."""
    current = session()
    return GuardedStore(store(), current.role or Role.VIEWER, current.user or "?", may_reshape=current.local_mode)


def _failures() -> FailureLog:
    return FailureLog(MAX_FAILURES, SESSION_WINDOW_S, stamps=st.session_state.setdefault(FAILURES_KEY, []))


def client() -> str:
    """This browser's device, for the per-client passcode limit (`services.access.client_key` decides which address
    counts: the connection's own, or the one a local reverse proxy forwards)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except (AttributeError, KeyError, RuntimeError):
        peer, forwarded = None, None
    return client_key(peer, forwarded)


def _passcode_submitted(rules: AccessPolicy, code: str) -> None:
    """At most MAX_FAILURES wrong passcodes per session, and a growing wait per client after that many
    (`services.access.try_passcode`); while a wait lasts even the right passcode is refused — on that client only."""
    log = _failures()
    device = client()
    attempt = try_passcode(rules, code, log, device)
    if attempt.role is not None:
        st.session_state[ROLE_KEY] = attempt.role.name
        st.session_state[USER_KEY] = logged_name("auth.user.by_role", role=attempt.role.label)
        st.session_state[SINCE_KEY] = time.time()
        st.session_state[UNIT_SIGNED_KEY] = unit_code()
        st.rerun()
    if attempt.wait_s:
        st.error(t(f"auth.too_many.{attempt.scope}", count=MAX_FAILURES, seconds=attempt.wait_s))
    elif attempt.left:
        st.error(t("auth.wrong_passcode_left", left=attempt.left))
    else:
        seconds, scope = waiting(log, device)
        st.error(
            t("auth.wrong_passcode")
            + " "
            + t(f"auth.too_many.{scope or 'session'}", count=MAX_FAILURES, seconds=max(1, seconds))
        )


def passcodes_to_rehash() -> list[Role]:
    """Roles whose passcode hash in secrets has fewer iterations than new hashes get (`needs_rehash`)."""
    return sorted(role for role, stored in policy().passcodes.items() if needs_rehash(stored))


def rehash_warning() -> str | None:
    """The admin's note to make new hashes for `passcodes_to_rehash`, or None when every hash is current."""
    roles = passcodes_to_rehash()
    if not roles:
        return None
    roles_text = ", ".join(role_name(r) for r in roles)
    return t("auth.rehash", roles=roles_text, iterations=format_number(HASH_ITERATIONS))


# --- missing tabs and columns: what this user can do about them -----------------------------------------------


def may_fix_structure() -> bool:
    """Who may add missing tabs/columns: an admin (the Dữ liệu page's button), or the local desk (the sidebar's)."""
    return is_admin() or session().local_mode


def structure_fix() -> str:
    """One sentence (markdown-safe) telling this user how missing tabs or columns get added: the local desk's own
    sidebar button, the admin's button on the Dữ liệu page, or asking an admin (who may also use the CLI for Google)."""
    info = store().info()
    if session().local_mode:
        return t("structure.fix.local", button=t("structure.local_button"), file=info.title)
    button = t("data.ensure")
    if is_admin():
        return t("structure.fix.admin", button=button)
    return t("structure.fix.ask_admin_sheet" if info.kind == "gsheets" else "structure.fix.ask_admin", button=button)


def store_error_text(exc: StoreError) -> str:
    """A store error as markdown-safe text for this session; a missing tab or column ends with `structure_fix`
    instead of a button the user may not have."""
    if isinstance(exc, TabMissing):
        return t("structure.tab_missing", tab=exc.tab_title) + " " + structure_fix()
    if isinstance(exc, HeaderMissing):
        columns = ", ".join(f"“{h}”" for h in exc.headers)
        return t("structure.header_missing", tab=exc.tab_title, columns=columns) + " " + structure_fix()
    return md(str(exc))


def sign_in_panel() -> None:
    """Sidebar sign-in: the OIDC button and/or a passcode form; sign-out when signed in."""
    rules = policy()
    if not rules.configured:
        return
    current = session()
    if current.role is not None and not current.local_mode:
        st.sidebar.caption(t("auth.signed_in", user=shown_user(current), role=role_name(current.role)))
        if st.sidebar.button(t("auth.sign_out"), key="auth_sign_out"):
            for key in (ROLE_KEY, USER_KEY, SINCE_KEY, UNIT_SIGNED_KEY):
                st.session_state.pop(key, None)
            if _oidc_email():
                st.logout()
            st.rerun()
        return
    if st.session_state.pop("auth_expired", False):
        st.sidebar.warning(t("auth.expired"))
    if rules.oidc and st.sidebar.button(t("auth.sign_in_oidc"), key="auth_sign_in_oidc"):
        st.login()
    if rules.passcodes:
        with st.sidebar.form("auth_passcode_form", clear_on_submit=True):
            code = st.text_input(t("auth.passcode"), type="password", key="auth_passcode")
            if st.form_submit_button(t("auth.sign_in"), key="auth_passcode_submit"):
                _passcode_submitted(rules, code)


def stop_unless_editor() -> None:
    """Below this point a page only edits: viewers get a note instead of the forms (writes are refused anyway)."""
    if not can_edit():
        st.caption(t("auth.viewer_note"))
        st.stop()


def may_open(role: Role | None, page: str) -> bool:
    if role is Role.DESK:
        return page in DESK_PAGES
    return role is not None and role >= PAGE_ROLES[page]


def is_desk() -> bool:
    """The door desk role: name, unit and seat only — pages draw from `services.people.desk.desk_view`."""
    return session().role is Role.DESK


def require(page: str) -> None:
    """At the top of every page: unless this session's role may open `page`, a note instead of the page."""
    role = session().role
    if may_open(role, page):
        return
    if role is None:
        st.info(t("auth.please_sign_in"))
    else:
        st.warning(t("auth.page_refused", role=role_name(PAGE_ROLES[page])))
    st.stop()

"""The provincial council's side of a deployment (services.setup.deployment): its own way in (?view=council), its own
sign-in (`[council.roles]`, checked like a unit's passcodes and never a unit's role), and each unit's dataset through
that unit's own read side (`ui.context.unit_reads`, the one the unit's pages use: one Google read per unit per window
whoever looks)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import streamlit as st

from services.access import AccessPolicy, load_policy, try_passcode
from services.province.status import UnitFacts, UnitSnapshot, unit_facts
from services.reads import Reads
from services.setup.deployment import Deployment, DeploymentError
from services.validation import Dataset
from ui.auth import MAX_FAILURES, _failures, client
from ui.context import deployment, secrets, t, unit_reads

VIEW_PARAM, COUNCIL_VIEW = "view", "council"  # …/?view=council opens the council's page, outside every unit
COUNCIL_KEY, COUNCIL_SINCE_KEY = "council_user", "council_since"
READERS = 8  # units read at once on the council's first draw (each a Google read at most: 30 are within quota)


def council_view() -> bool:
    """This run is the council's: a deployment serves several units and the URL asks for the council's page."""
    try:
        units = deployment()
    except DeploymentError:
        return False  # ui.unit_scope shows what is wrong with the file
    return units is not None and st.query_params.get(VIEW_PARAM) == COUNCIL_VIEW


def units() -> Deployment:
    """The deployment; a page reached without one (a single unit has no council view) stops here."""
    found = deployment()
    if found is None:
        st.info(t("province.no_deployment"))
        st.stop()
    return found


@st.cache_resource(show_spinner=False)
def council_policy() -> AccessPolicy:
    """`[council.roles]` of the deployment file: every role it names opens the council's page, and only that."""
    return load_policy(units().council_secrets(secrets()))


def council_user() -> str | None:
    """Who is signed in as the council in this session (None: nobody, or the session timed out)."""
    since = st.session_state.get(COUNCIL_SINCE_KEY)
    if since is None or time.time() - since > council_policy().timeout_min * 60:
        st.session_state.pop(COUNCIL_KEY, None)
        return None
    st.session_state[COUNCIL_SINCE_KEY] = time.time()
    return st.session_state.get(COUNCIL_KEY)


def require_council() -> str:
    """The council's name for this session, or a sign-in form and a stop. Without `[council.roles]` nobody gets in:
    the council reads every unit, so it never opens by default."""
    st.title(t("province.title"))
    rules = council_policy()
    if not rules.configured:
        st.warning(t("province.no_roles"))
        st.stop()
    user = council_user()
    if user:
        return user
    email = None
    try:
        email = st.user.email if rules.oidc and st.user.is_logged_in else None
    except (AttributeError, KeyError):
        email = None
    if email and rules.role_for_email(email):
        return email
    with st.form("council_sign_in", clear_on_submit=True):
        code = st.text_input(t("province.passcode"), type="password", key="council_passcode")
        if st.form_submit_button(t("auth.sign_in"), key="council_submit"):
            attempt = try_passcode(rules, code, _failures(), client())
            if attempt.role is not None:
                st.session_state[COUNCIL_KEY] = t("province.user")
                st.session_state[COUNCIL_SINCE_KEY] = time.time()
                st.rerun()
            if attempt.wait_s:
                st.error(t(f"auth.too_many.{attempt.scope}", count=MAX_FAILURES, seconds=attempt.wait_s))
            else:
                st.error(t("auth.wrong_passcode"))
    if rules.oidc and st.button(t("auth.sign_in_oidc"), key="council_oidc"):
        st.login()
    st.stop()


def sign_out() -> None:
    if st.sidebar.button(t("auth.sign_out"), key="council_sign_out"):
        for key in (COUNCIL_KEY, COUNCIL_SINCE_KEY):
            st.session_state.pop(key, None)
        st.rerun()


def snapshots() -> tuple[list[UnitSnapshot], Callable[[Dataset, date], UnitFacts]]:
    """Every unit's latest data (or its error), in the deployment file's order, through the unit's own read side;
    and the facts function that works each unit's row out once per dataset version for every viewer."""
    listed = units().units
    sides = [unit_reads(unit.code) for unit in listed]  # in this run's thread: the cache_resource lookups
    # The reads themselves at once: a unit's read is mostly waiting on its source (Google's answer, the disk), and the
    # read side is thread-safe; one slow or failing unit no longer holds up the others' first draw.
    with ThreadPoolExecutor(max_workers=min(READERS, len(sides)) or 1) as pool:
        answers = list(pool.map(lambda reads: reads.dataset(), sides))
    found: list[UnitSnapshot] = []
    reads_of: dict[int, Reads] = {}
    for unit, reads, (data, error) in zip(listed, sides, answers, strict=True):
        found.append(UnitSnapshot(unit.code, unit.name, data, error))
        if data is not None:
            reads_of[id(data)] = reads

    def facts(data: Dataset, today: date) -> UnitFacts:
        return reads_of[id(data)].shared(data, unit_facts, today)

    return found, facts

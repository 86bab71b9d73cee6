"""Which unit this session works in, when one deployment serves several (services.setup.deployment): the unit in the URL
(?unit=code), else the one the session already works in, else a picker. Entering a unit starts the session afresh
— its sign-in, its page state and its held downloads are the previous unit's and are dropped — so a person signed
in to unit A reads unit B only after signing in to B."""

from __future__ import annotations

import streamlit as st

from services.setup.deployment import UNIT_PARAM, Deployment, DeploymentError, Unit
from ui.auth import FAILURES_KEY
from ui.context import LANG_KEY, UNIT_KEY, deployment, md, t, unit

# Kept across a change of unit: the language, and the failed passcodes (switching units must not reset the count).
KEPT = frozenset({LANG_KEY, FAILURES_KEY})
PICKER_KEY = "unit_picker"


def _enter(chosen: Unit) -> None:
    for key in list(st.session_state.keys()):
        if key not in KEPT:
            del st.session_state[key]
    st.session_state[UNIT_KEY] = chosen.code
    if st.query_params.get(UNIT_PARAM) != chosen.code:
        st.query_params[UNIT_PARAM] = chosen.code


def _picker(units: Deployment) -> None:
    st.title(t("unit.title"))
    st.write(t("unit.intro"))
    names = {u.code: u.name for u in units.units}
    code = st.selectbox(
        t("unit.label"), list(names), format_func=lambda c: names[c], placeholder=t("common.choose"), key=PICKER_KEY
    )
    if st.button(t("unit.open"), key="unit_open", type="primary"):
        st.query_params[UNIT_PARAM] = code
        st.rerun()
    st.stop()


def choose_unit() -> None:
    """First thing of every run (app.py). Without a deployment file: nothing (one unit, as ever)."""
    try:
        units = deployment()
    except DeploymentError as exc:
        st.title(t("setup.title"))
        st.error(md(str(exc)))
        st.stop()
    if units is None:
        return
    asked = st.query_params.get(UNIT_PARAM)
    current = units.find(st.session_state.get(UNIT_KEY))
    if asked is None or not asked.strip():
        if current is not None:  # moving between pages drops the query string: the session's unit stays
            st.query_params[UNIT_PARAM] = current.code
        elif not units.is_multi:
            _enter(units.units[0])
        else:
            _picker(units)
        return
    chosen = units.find(asked)
    if chosen is None:
        st.error(t("unit.unknown", code=asked))
        _picker(units)
    elif current is None or chosen.code != current.code:
        _enter(chosen)


def unit_badge() -> None:
    """The sidebar's line naming the unit, and the way to another (which signs out: `choose_unit`)."""
    chosen = unit()
    if chosen is None:
        return
    st.sidebar.markdown(t("unit.badge", name=chosen.name))
    units = deployment()
    multi = units is not None and units.is_multi
    if multi and st.sidebar.button(t("unit.switch"), key="unit_switch", help=t("unit.switch_help")):
        for key in list(st.session_state.keys()):
            if key not in KEPT:
                del st.session_state[key]
        del st.query_params[UNIT_PARAM]
        st.rerun()

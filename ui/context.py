"""The UI's handle on the server: one store, one read side (services.reads) shared by all sessions, the dataset
fetched once per script run, the user's language. With a deployment file (services.setup.deployment) the server serves
several units: the session works inside one (`unit()`, chosen by ui.unit_scope), and the store, the read side and
every cache are that unit's — keyed by its code, so nothing of one unit is ever served to another."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from services.config import StoreConfig, load_config
from services.i18n import DEFAULT_LANGUAGE
from services.i18n import t as translate
from services.reads import Reads
from services.reads.source import DEFAULT_UNIT
from services.setup.backend import open_store
from services.setup.deployment import Deployment, Unit, load_deployment
from services.shared.engine import SharedEngine, connect
from services.shared.read_cache import SharedReads
from services.store import Store, StoreError
from services.validation import Dataset

LANG_KEY = "lang"
RUN_KEY = "_run_dataset"  # this script run's (dataset, error): the sidebar and the page read it once
UNIT_KEY = "_unit"  # the code of the unit this session works in (with a deployment file; set by ui.unit_scope)
P = ParamSpec("P")
T = TypeVar("T")


def secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file, or one Streamlit cannot parse: the defaults
        return {}


@st.cache_resource(show_spinner=False)
def deployment() -> Deployment | None:
    """The units this server serves (services.setup.deployment); None: one unit, today's product. A wrong file raises
    DeploymentError (ui.setup shows it)."""
    return load_deployment(secrets=secrets())


def unit() -> Unit | None:
    """The unit this session works in; None without a deployment. With one, a run that has no unit chosen (a page
    reached past app.py's unit choice) stops here: no unit, no data."""
    units = deployment()
    if units is None:
        return None
    chosen = units.find(st.session_state.get(UNIT_KEY))
    if chosen is None:
        st.info(t("unit.choose_first"))
        st.stop()
    return chosen


def unit_code() -> str:
    """The key of every per-unit cache: the unit's code, "" for the single unit."""
    chosen = unit()
    return chosen.code if chosen is not None else ""


def config() -> StoreConfig:
    return unit_config(unit_code())


def store() -> Store:
    return unit_store(unit_code())


def reads() -> Reads:
    return unit_reads(unit_code())


@st.cache_resource(show_spinner=False)
def unit_config(code: str) -> StoreConfig:
    """A unit's source (the council's view reads every unit through `unit_reads(code)`); with a deployment, "" or an
    unknown code raises UnknownUnit — never a fall back to the single-unit configuration."""
    units = deployment()
    return load_config(secrets()) if units is None else units.unit(code).store_config


@st.cache_resource(show_spinner=False)
def unit_store(code: str) -> Store:
    return open_store(unit_config(code), interactive=True)


@st.cache_resource(show_spinner=False)
def shared_engine() -> SharedEngine | None:
    """Redis shared by the replicas (CONFERENCE_REDIS_URL or [redis] url), or None: this process alone."""
    return connect(secrets())


# One read side per unit per server (shared with the other replicas through Redis when configured). Every session
# gets the same Dataset object (no copy unpickled per run: 4 ms seeded, 9 ms at 2,000 attendees); pages treat frames
# and shared results as read-only (tests/pages/test_shared_results.py).
@st.cache_resource(show_spinner=False)
def unit_reads(code: str) -> Reads:
    configured = unit_config(code)
    engine = shared_engine()
    shared_reads = SharedReads(engine) if engine is not None else None
    return Reads(
        lambda: unit_store(code),
        configured.cache_ttl_s,
        configured.local_anchor,
        shared_reads=shared_reads,
        unit=code or DEFAULT_UNIT,
    )


def begin_run() -> None:
    """Called first by app.py on every script run: the run fetches the dataset afresh (once)."""
    st.session_state.pop(RUN_KEY, None)


def end_run() -> None:
    """Called last by app.py (also when the page stops or reruns): drop this run's copy of the dataset."""
    st.session_state.pop(RUN_KEY, None)


def dataset() -> tuple[Dataset | None, StoreError | None]:
    """The latest data, fetched once per script run (the sidebar and the page share it); see `Reads.dataset`."""
    held = st.session_state.get(RUN_KEY)
    if held is None:
        held = st.session_state[RUN_KEY] = reads().dataset()
    return held


def refresh() -> None:
    """Forget cached reads and what was derived from them — after our own writes, or when the user asks for fresh
    data (or a retry)."""
    refresh_cache()
    st.session_state.pop(RUN_KEY, None)


def refresh_cache() -> None:
    """`refresh` without this session's copy (a background thread, which has no session and so no unit, calls its
    unit's `unit_reads(code).refresh` instead: the desk's replay)."""
    reads().refresh()


def shared(data: Dataset, compute: Callable[Concatenate[Dataset, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """compute(data, *args, **kwargs) once per dataset version and arguments for all sessions (`Reads.shared`)."""
    return reads().shared(data, compute, *args, **kwargs)


def lang() -> str:
    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


# Characters that Streamlit's markdown (alerts, captions, labels, buttons) would turn into formatting, links, math,
# colour directives (`:red[…]`, `:smile:`) or bare links (`http://…`); a colon before a space or digit is left alone.
# Data interpolated into UI strings is escaped, so a name like "**A** $x$ [b](c)" shows as typed.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~$]|:(?=[^\s\d]))")


def md(value: object) -> str:
    """Data as literal text inside markdown."""
    return _MARKDOWN.sub(r"\\\1", str(value))


def t(key: str, **values: object) -> str:
    """A UI string in the user's language; text values are escaped for markdown (they come from the sheet)."""
    return translate(key, lang(), **{k: md(v) if isinstance(v, str) else v for k, v in values.items()})

"""The UI's handle on the server: one store, one read side (services.reads) shared by all sessions, the dataset
fetched once per script run, the user's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from services.backend import open_store
from services.config import StoreConfig, load_config
from services.i18n import DEFAULT_LANGUAGE
from services.i18n import t as translate
from services.reads import Reads
from services.shared.engine import SharedEngine, connect
from services.shared.read_cache import SharedReads
from services.store import Store, StoreError
from services.validation import Dataset

LANG_KEY = "lang"
RUN_KEY = "_run_dataset"  # this script run's (dataset, error): the sidebar and the page read it once
P = ParamSpec("P")
T = TypeVar("T")


def secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file, or one Streamlit cannot parse: the defaults
        return {}


@st.cache_resource(show_spinner=False)
def config() -> StoreConfig:
    return load_config(secrets())


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return open_store(config(), interactive=True)


@st.cache_resource(show_spinner=False)
def shared_engine() -> SharedEngine | None:
    """Redis shared by the replicas (CONFERENCE_REDIS_URL or [redis] url), or None: this process alone."""
    return connect(secrets())


# One read side per server. Every session gets the same Dataset object (no copy unpickled per run: 4 ms seeded, 9 ms
# at 2,000 attendees); pages treat frames and shared results as read-only (tests/pages/test_shared_results.py).
@st.cache_resource(show_spinner=False)
def reads() -> Reads:
    engine = shared_engine()
    shared_reads = SharedReads(engine) if engine is not None else None
    return Reads(store, config().cache_ttl_s, config().workbook, shared_reads=shared_reads)


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
    """`refresh` without this session's copy: safe from a background thread (the desk's replay)."""
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

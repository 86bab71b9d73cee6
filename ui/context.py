"""One store per server, one cached dataset shared by all sessions (fetched once per script run), results derived
from it shared by all sessions too, the user's language."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from services.backend import open_store
from services.config import StoreConfig, load_config
from services.derived import DerivedResults, name_of
from services.freshness import ReadGeneration
from services.i18n import DEFAULT_LANGUAGE
from services.i18n import t as translate
from services.read_reuse import ValidatedReads
from services.store import Store, StoreError, last_good
from services.store.errors import ReadFailed
from services.validation import Dataset, validate

LANG_KEY = "lang"
RUN_KEY = "_run_dataset"  # this script run's (dataset, error): the sidebar and the page read it once
# "off": every view fetches its own copy and works everything out again — the old way, which benchmarks compare with
DERIVED_ENV = "CONFERENCE_DERIVED_CACHE"
log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


def secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, KeyError, ValueError, AttributeError):
        return {}
    except Exception:
        return {}


@st.cache_resource(show_spinner=False)
def config() -> StoreConfig:
    return load_config(secrets())


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return open_store(config(), interactive=True)


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, Dataset]:
    return {}


@st.cache_resource(show_spinner=False)
def _recent_failures() -> dict[str, tuple[float, StoreError]]:
    return {}


_state_lock = threading.Lock()
# After a failed read, serve the last good data for this long before trying the source again, so one page render
# (sidebar + page) and many sessions do not each wait through the retries of a source that is down.
FAILURE_HOLD_S = 10.0


def _backend_key() -> str:
    return store().info().location


@st.cache_resource(show_spinner=False)
def _generations() -> dict[str, ReadGeneration]:
    return {}


def _generation(key: str) -> int:
    """Which read of this backend is current: a new one once the last is TTL old (the TTL read now, not at import)."""
    with _state_lock:
        return _generations().setdefault(key, ReadGeneration()).current(time.monotonic(), config().cache_ttl_s)


@st.cache_resource(show_spinner=False)
def _reads() -> ValidatedReads:
    return ValidatedReads()


# cache_resource, not cache_data: every session gets the same Dataset object instead of unpickling its own copy on
# every run (4 ms seeded, 9 ms at 2,000 attendees). Pages and the shared results treat frames as read-only
# (tests/pages/test_shared_results.py draws every page, then compares the dataset with a fresh read).
@st.cache_resource(max_entries=4, show_spinner=False)
def _load(backend_key: str, generation: int) -> Dataset:
    """One read per backend and generation, shared by all sessions (`generation` is only part of the cache key)."""
    snapshot = store().load()
    data, keep_copy = _reads().dataset(backend_key, snapshot, time.monotonic())
    if keep_copy:  # the copy a restart during an outage serves (services.store.last_good)
        try:
            last_good.save(last_good.copy_path(config().workbook, backend_key), backend_key, snapshot)
        except OSError:
            log.warning("Không lưu được bản sao dữ liệu trên máy chủ", exc_info=True)
    return data


def _from_disk(key: str) -> Dataset | None:
    """The last good dataset saved on disk (after a restart nothing is in memory yet)."""
    snapshot = last_good.load(last_good.copy_path(config().workbook, key), key)
    if snapshot is None:
        return None
    try:
        return validate(snapshot)
    except Exception:
        log.exception("Không dùng được bản lưu dữ liệu")
        return None


def _fallback(key: str) -> Dataset | None:
    """Under _state_lock: the last good data in memory, else from disk (remembered in memory from then on)."""
    held = _last_good().get(key)
    if held is None:
        held = _from_disk(key)
        if held is not None:
            _last_good()[key] = held
    return held


def _derived_on() -> bool:
    return os.environ.get(DERIVED_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def begin_run() -> None:
    """Called first by app.py on every script run: the run fetches the dataset afresh (once)."""
    st.session_state.pop(RUN_KEY, None)


def end_run() -> None:
    """Called last by app.py (also when the page stops or reruns): drop this run's copy of the dataset."""
    st.session_state.pop(RUN_KEY, None)


def dataset() -> tuple[Dataset | None, StoreError | None]:
    """The latest data, fetched once per script run (the sidebar and the page share it); see `_read_dataset`."""
    if not _derived_on():
        return _read_dataset()
    held = st.session_state.get(RUN_KEY)
    if held is None:
        held = st.session_state[RUN_KEY] = _read_dataset()
    return held


def _read_dataset() -> tuple[Dataset | None, StoreError | None]:
    """The latest data (cached for all sessions); if the source is down, the last good data and the error.

    No data makes a page die: a failure no store foresaw (a bug, a cell nobody expected) is logged with its
    traceback and shown like a store error — "Không đọc được dữ liệu: <type>: <message>" — over the last good data.
    """
    try:
        key = _backend_key()
    except StoreError as exc:
        return None, exc
    except Exception as exc:
        log.exception("Không mở được nguồn dữ liệu")
        return None, ReadFailed(exc)
    with _state_lock:
        failed = _recent_failures().get(key)
        if failed is not None and time.monotonic() - failed[0] < FAILURE_HOLD_S:
            return _fallback(key), failed[1]
    try:
        data = _load(key, _generation(key))
    except Exception as exc:
        if isinstance(exc, StoreError):
            error: StoreError = exc
        else:
            log.exception("Không đọc được dữ liệu")
            error = ReadFailed(exc)
        with _state_lock:
            _recent_failures()[key] = (time.monotonic(), error)
            return _fallback(key), error
    with _state_lock:
        _recent_failures().pop(key, None)
        _last_good()[key] = data
    return data, None


def refresh() -> None:
    """Forget cached reads and what was derived from them — after our own writes, or when the user asks for fresh
    data (or a retry)."""
    refresh_cache()
    st.session_state.pop(RUN_KEY, None)


def refresh_cache() -> None:
    """`refresh` without this session's copy: safe from a background thread (the desk's replay)."""
    _load.clear()
    with _state_lock:
        _recent_failures().clear()
        for reads in _generations().values():  # a new number, never a reused one a read still in flight may fill
            reads.started = None
    _reads().forget()  # "Tải lại" starts over: the next read is validated even if its text is the same
    derived_results().clear()


@st.cache_resource(show_spinner=False)
def derived_results() -> DerivedResults:
    return DerivedResults()


def data_version(data: Dataset) -> Hashable:
    """Which data this is: the backend and the text's fingerprint, so a read that finds what the last one did keeps
    the shared results (a dataset made without one — tests, the CLI — counts each read as new)."""
    return (_backend_key(), data.fingerprint or data.loaded_at)


def shared(data: Dataset, compute: Callable[Concatenate[Dataset, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """compute(data, *args, **kwargs), worked out once per dataset version and arguments for all sessions.

    The arguments (language, day, …) must be hashable and, with the data, all the result depends on. The result is
    shared: read it, never change it in place.
    """
    if not _derived_on():
        return compute(data, *args, **kwargs)
    key = (*args, *sorted(kwargs.items()))
    return derived_results().get(data_version(data), name_of(compute), key, lambda: compute(data, *args, **kwargs))


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

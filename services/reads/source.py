"""The validated dataset of one server's store, shared by all its sessions, and the results derived from it.

One read per TTL (`ReadGeneration` numbers them), however many sessions view; a read that finds the text of the last
one reuses its dataset and so its derived results (`ValidatedReads`, keyed by fingerprint). When the source fails,
the last good data is served with the error — from memory, or after a restart from the disk copy
(`services.store.last_good`) — and for `FAILURE_HOLD_S` the source is not tried again, so one page render (sidebar +
page) and many sessions do not each wait through the retries of a source that is down.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from services.reads.derived import DerivedResults, name_of
from services.reads.freshness import ReadGeneration
from services.reads.reuse import ValidatedReads
from services.shared.read_cache import SharedReads
from services.store import Store, StoreError, last_good
from services.store.errors import ReadFailed
from services.store.rows import Snapshot
from services.validation import Dataset, validate

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

FAILURE_HOLD_S = 10.0
LOADS_KEPT = 4  # reads (backend, generation) kept: a session may still draw one while another has the next
_LOAD = "load"


DEFAULT_UNIT = "default"  # the shared-cache key of a server serving one unit (no deployment file)


class Reads:
    """The read side of one server; thread-safe. `store` opens (or returns the already open) store — it may raise
    a StoreError, which a read reports like any other failure.

    `share=False` works every derived result out again for each caller: only the benchmarks build one, as the
    baseline they compare with (benchmarks/bench_concurrent_views.py).

    `shared_reads` (replicas sharing through Redis, services.shared): the source is read once per TTL by one replica
    of all, under the key of `unit`; the others take its text. None: this process reads for itself, as always."""

    def __init__(
        self,
        store: Callable[[], Store],
        ttl_s: int,
        workbook: Path,
        *,
        share: bool = True,
        failure_hold_s: float = FAILURE_HOLD_S,
        clock: Callable[[], float] = time.monotonic,
        shared_reads: SharedReads | None = None,
        unit: str = DEFAULT_UNIT,
    ) -> None:
        self._store = store
        self._shared = shared_reads
        self.unit = unit
        self._ttl_s = ttl_s
        self._workbook = workbook
        self.share = share
        self._hold_s = failure_hold_s
        self._clock = clock
        self._lock = threading.Lock()
        self._generations: dict[str, ReadGeneration] = {}
        self._failures: dict[str, tuple[float, StoreError]] = {}
        self._last_good: dict[str, Dataset] = {}
        self._loads = DerivedResults(keep_versions=LOADS_KEPT)  # one read per (backend, generation)
        self.validated = ValidatedReads()  # the last validated dataset per backend (tests and diagnosis read it)
        self.derived = DerivedResults()  # shared results per dataset version

    # --- the dataset ------------------------------------------------------------------------

    def backend_key(self) -> str:
        return self._store().info().location

    def dataset(self) -> tuple[Dataset | None, StoreError | None]:
        """The latest data (one read per TTL for all callers); if the source is down, the last good data and the
        error.

        No data makes a caller die: a failure no store foresaw (a bug, a cell nobody expected) is logged with its
        traceback and reported like a store error — "Không đọc được dữ liệu: <type>: <message>" — over the last
        good data.
        """
        try:
            key = self.backend_key()
        except StoreError as exc:
            return None, exc
        except Exception as exc:
            log.exception("Không mở được nguồn dữ liệu")
            return None, ReadFailed(exc)
        with self._lock:
            failed = self._failures.get(key)
            if failed is not None and self._clock() - failed[0] < self._hold_s:
                return self._fallback(key), failed[1]
        try:
            version = (key, self._generation(key))
            data = self._loads.get(version, _LOAD, (), lambda: self._load(key, version[1]))
        except Exception as exc:
            if isinstance(exc, StoreError):
                error: StoreError = exc
            else:
                log.exception("Không đọc được dữ liệu")
                error = ReadFailed(exc)
            with self._lock:
                self._failures[key] = (self._clock(), error)
                return self._fallback(key), error
        with self._lock:
            self._failures.pop(key, None)
            self._last_good[key] = data
        return data, None

    def _generation(self, key: str) -> int:
        """Which read of this backend is current: a new one once the last is TTL old."""
        with self._lock:
            return self._generations.setdefault(key, ReadGeneration()).current(self._clock(), self._ttl_s)

    def _load(self, key: str, generation: int) -> Dataset:
        if self._shared is None:
            snapshot = self._store().load()
        else:
            snapshot, age = self._shared.snapshot(self.unit, key, self._ttl_s, lambda: self._store().load())
            with self._lock:  # another replica's read: this window ends when that read is TTL old
                current = self._generations.get(key)
                if current is not None and current.number == generation and current.started is not None:
                    current.started -= age
        data, keep_copy = self.validated.dataset(key, snapshot, self._clock())
        if keep_copy:  # the copy a restart during an outage serves
            try:
                last_good.save(last_good.copy_path(self._workbook, key), key, snapshot)
            except OSError:
                log.warning("Không lưu được bản sao dữ liệu trên máy chủ", exc_info=True)
        return data

    def _fallback(self, key: str) -> Dataset | None:
        """Under the lock: the last good data in memory, else any replica's (Redis), else from disk (remembered in
        memory from then on)."""
        held = self._last_good.get(key)
        if held is None:
            held = self._from_replicas(key) or self._from_disk(key)
            if held is not None:
                self._last_good[key] = held
        return held

    def _from_replicas(self, key: str) -> Dataset | None:
        """The last text any replica read (a replica started during an outage has nothing of its own yet)."""
        return None if self._shared is None else self._valid(self._shared.latest(self.unit, key))

    def _from_disk(self, key: str) -> Dataset | None:
        """The last good dataset saved on disk (after a restart nothing is in memory yet)."""
        return self._valid(last_good.load(last_good.copy_path(self._workbook, key), key))

    def _valid(self, snapshot: Snapshot | None) -> Dataset | None:
        if snapshot is None:
            return None
        try:
            return validate(snapshot)
        except Exception:
            log.exception("Không dùng được bản lưu dữ liệu")
            return None

    def expire(self) -> None:
        """What the TTL does: the next `dataset()` reads the source again (the results of unchanged text stay)."""
        self._loads.clear()

    def refresh(self) -> None:
        """Forget the reads and everything derived from them — after the app's own writes, or when the user asks for
        fresh data (or a retry). Safe from any thread."""
        self._loads.clear()
        with self._lock:
            self._failures.clear()
            for generation in self._generations.values():  # a new number, never one a read in flight may fill
                generation.started = None
            sources = list(self._generations)
        if self._shared is not None:  # every replica's next read goes to the source
            for source in sources:
                self._shared.invalidate(self.unit, source)
        self.validated.forget()  # "Tải lại" starts over: the next read is validated even if its text is the same
        self.derived.clear()

    # --- results derived from it ------------------------------------------------------------

    def data_version(self, data: Dataset) -> Hashable:
        """Which data this is: the backend and the text's fingerprint, so a read that finds what the last one did
        keeps the shared results (a dataset made without one — tests, the CLI — counts each read as new)."""
        return (self.backend_key(), data.fingerprint or data.loaded_at)

    def shared(
        self, data: Dataset, compute: Callable[Concatenate[Dataset, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """compute(data, *args, **kwargs), worked out once per dataset version and arguments for all callers.

        The arguments (language, day, …) must be hashable and, with the data, all the result depends on. The result
        is shared: read it, never change it in place.
        """
        if not self.share:
            return compute(data, *args, **kwargs)
        key = (*args, *sorted(kwargs.items()))
        return self.derived.get(self.data_version(data), name_of(compute), key, lambda: compute(data, *args, **kwargs))

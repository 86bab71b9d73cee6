"""One source read per unit per freshness window across all replicas, and the last good data they all share.

The text of a unit's last read lives in Redis (`conference:<unit>:read:<source digest>`: its fingerprint, when it was
stored and the grids, in `store.last_good`'s JSON form). A replica whose own read generation has expired
(`reads.freshness`) takes the entry if it is younger than the TTL; otherwise it takes the unit's refresh lock
(SET NX PX), reads the source once and stores the text; the other replicas wait up to `WAIT_S` for that text and,
if the reader is slow, serve the previous entry rather than read Google themselves. The same text gives the same
`Snapshot.fingerprint` — so the same dataset versions and shared results as one process has.

The entry never expires: it is also the last good data a replica started during an outage serves. While Redis does
not answer, every replica reads for itself (engine.SharedEngine.run).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import redis

from services.shared.engine import SharedEngine
from services.store import last_good
from services.store.rows import Snapshot

WAIT_S = 3.0  # how long a replica waits for another one's read before serving the previous text
POLL_S = 0.05
LOCK_MS = 40_000  # longer than one read's worst case with retries (RetryPolicy.worst_case_s = 35 s)
log = logging.getLogger(__name__)

# Delete the lock only if it is still ours (a slow reader whose lock expired must not free another replica's).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


class SharedReads:
    """Thread-safe; one per process. `clock`: wall-clock seconds (replicas compare ages across processes)."""

    def __init__(
        self,
        engine: SharedEngine,
        *,
        wait_s: float = WAIT_S,
        lock_ms: int = LOCK_MS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.wait_s = wait_s
        self.lock_ms = lock_ms
        self._clock = clock
        self._memo: dict[tuple[str, str], tuple[str, Snapshot]] = {}  # the last text decoded, per (unit, source)
        self._memo_lock = threading.Lock()
        self.source_reads = 0  # reads of the source by this process (tests and benchmarks)

    def _keys(self, unit: str, source: str) -> tuple[str, str]:
        digest = _digest(source)
        return self.engine.key(unit, "read", digest), self.engine.key(unit, "read-lock", digest)

    # --- the read ------------------------------------------------------------------------------------

    def snapshot(self, unit: str, source: str, ttl_s: float, load: Callable[[], Snapshot]) -> tuple[Snapshot, float]:
        """(the source's text no older than `ttl_s`, its age in seconds) — read by this replica only if no other one
        has (or is). The caller's window ends when the text is `ttl_s` old, not `ttl_s` after taking it."""
        loaded: list[Snapshot] = []

        def read() -> tuple[Snapshot, float]:
            snap = load()
            with self._memo_lock:
                self.source_reads += 1
            loaded.append(snap)
            return snap, 0.0

        def fallback() -> tuple[Snapshot, float]:
            return (loaded[0], 0.0) if loaded else read()  # Redis failed after our own read: never read twice

        return self.engine.run(lambda client: self._shared(client, unit, source, ttl_s, read), fallback)

    def _shared(
        self, client: redis.Redis, unit: str, source: str, ttl_s: float, read: Callable[[], tuple[Snapshot, float]]
    ) -> tuple[Snapshot, float]:
        entry_key, lock_key = self._keys(unit, source)
        deadline = self._clock() + self.wait_s
        while True:
            fresh = self._entry(client, unit, source, entry_key, max_age_s=ttl_s)
            if fresh is not None:
                return fresh
            token = uuid.uuid4().hex
            if client.set(lock_key, token, nx=True, px=self.lock_ms):
                try:
                    fresh = self._entry(client, unit, source, entry_key, max_age_s=ttl_s)  # read while we asked?
                    if fresh is not None:
                        return fresh
                    snap, age = read()
                    self._store(client, unit, source, entry_key, snap)
                    return snap, age
                finally:
                    with contextlib.suppress(redis.RedisError):  # else the lock expires by itself
                        client.eval(_RELEASE, 1, lock_key, token)
            if self._clock() >= deadline:
                break
            time.sleep(POLL_S)
        stale = self._entry(client, unit, source, entry_key, max_age_s=None)  # the reader is slow: its previous text
        return (stale[0], 0.0) if stale is not None else read()  # (kept one window, as a slow read of our own)

    def _store(self, client: redis.Redis, unit: str, source: str, entry_key: str, snap: Snapshot) -> None:
        fingerprint = snap.fingerprint()
        body = json.dumps(last_good.body_of(source, snap), ensure_ascii=False)
        fields: dict[Any, Any] = {
            "fp": fingerprint,
            "at": repr(self._clock()),
            "loaded": snap.loaded_at.isoformat(),
            "body": body,
        }
        client.hset(entry_key, mapping=fields)
        with self._memo_lock:
            self._memo[(unit, source)] = (fingerprint, snap)

    def _entry(
        self, client: redis.Redis, unit: str, source: str, entry_key: str, *, max_age_s: float | None
    ) -> tuple[Snapshot, float] | None:
        """(the stored text, its age) if it is younger than `max_age_s` (any age with None). Unchanged text comes back
        as the same tabs object as last time — its grids are not even fetched — so `reads.reuse` does not hash it
        again."""
        fp_raw, at_raw, loaded_raw = client.hmget(entry_key, ["fp", "at", "loaded"])
        if fp_raw is None or at_raw is None or loaded_raw is None:
            return None
        age = max(0.0, self._clock() - float(at_raw))
        if max_age_s is not None and age >= max(1.0, max_age_s):
            return None
        fingerprint = _text(fp_raw)
        with self._memo_lock:
            memo = self._memo.get((unit, source))
        try:
            if memo is not None and memo[0] == fingerprint:  # the same text, the time of the read that found it
                same = Snapshot(memo[1].tabs, datetime.fromisoformat(_text(loaded_raw)), memo[1].other_tabs)
                return same, age
            body_raw = client.hget(entry_key, "body")
            snap = None if body_raw is None else last_good.snapshot_of(json.loads(body_raw), source)
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("Bỏ qua bản dữ liệu dùng chung không đọc được (%s)", entry_key)
            return None
        if snap is None:
            return None
        with self._memo_lock:
            self._memo[(unit, source)] = (fingerprint, snap)
        return snap, age

    # --- the last good data, and forgetting ----------------------------------------------------------

    def latest(self, unit: str, source: str) -> Snapshot | None:
        """The last text any replica read, whatever its age (None without one, or while Redis does not answer)."""
        entry_key, _ = self._keys(unit, source)
        found = self.engine.run(lambda c: self._entry(c, unit, source, entry_key, max_age_s=None), lambda: None)
        return None if found is None else found[0]

    def invalidate(self, unit: str, source: str) -> None:
        """After our own write: the next read of any replica goes to the source (the text stays as last good)."""
        entry_key, _ = self._keys(unit, source)
        self.engine.run(lambda c: c.hset(entry_key, "at", "0"), lambda: 0)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value

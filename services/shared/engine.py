"""The connection to Redis, and per-process behaviour while it does not answer.

Every shared operation goes through `SharedEngine.run(operation, fallback)`: when Redis is unreachable the fallback
answers (the caller's per-process way), the outage is logged once — in Vietnamese and English — and Redis is tried
again after `RETRY_S`; its return is logged once too.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import redis

REDIS_URL_ENV = "CONFERENCE_REDIS_URL"
PREFIX = "conference"  # every key starts with it, so one Redis may serve other things too
RETRY_S = 5.0  # after a failure, Redis is left alone this long (no page waits on a dead socket each time)
TIMEOUT_S = 1.0  # one Redis command; a local Redis answers in well under a millisecond
DOWN_MESSAGE = (
    "Mất kết nối Redis (%s) — các máy chủ tạm dùng bộ nhớ đệm riêng của từng tiến trình; không mất dữ liệu. "
    "/ Redis unreachable — falling back to per-process caching; nothing is lost."
)
BACK_MESSAGE = "Đã kết nối lại Redis — dùng chung bộ nhớ đệm. / Redis reachable again — sharing resumed."
log = logging.getLogger(__name__)
T = TypeVar("T")


def redis_url(secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> str | None:
    """$CONFERENCE_REDIS_URL, else `url` under `[redis]` in secrets; None: no sharing (one process, as always)."""
    env = os.environ if env is None else env
    text = (env.get(REDIS_URL_ENV) or "").strip()
    if not text:
        section = (secrets or {}).get("redis") or {}
        text = str(section.get("url") or "").strip() if isinstance(section, Mapping) else ""
    return text or None


class SharedEngine:
    """One Redis client for a process (thread-safe: redis-py keeps a connection pool)."""

    def __init__(self, url: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self.client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S, decode_responses=False
        )
        self._clock = clock
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self.outages = 0  # times Redis was found down (tests and diagnosis)

    def key(self, unit: str, *parts: str) -> str:
        """conference:<unit>:<parts…> — each unit's keys apart from every other's."""
        return ":".join((PREFIX, unit, *parts))

    def up(self) -> bool:
        """Not known to be down (or the retry time has come)."""
        with self._lock:
            return self._down_since is None or self._clock() - self._down_since >= RETRY_S

    def run(self, operation: Callable[[redis.Redis], T], fallback: Callable[[], T]) -> T:
        """operation(client), or fallback() while Redis does not answer."""
        if not self.up():
            return fallback()
        try:
            result = operation(self.client)
        except redis.RedisError as exc:  # unreachable, timed out, out of memory, read-only replica …
            self._went_down(exc)
            return fallback()
        self._came_back()
        return result

    def _went_down(self, exc: BaseException) -> None:
        with self._lock:
            first = self._down_since is None
            self._down_since = self._clock()
            if first:
                self.outages += 1
        if first:
            log.warning(DOWN_MESSAGE, exc)

    def _came_back(self) -> None:
        with self._lock:
            if self._down_since is None:
                return
            self._down_since = None
        log.warning(BACK_MESSAGE)


def connect(secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> SharedEngine | None:
    """The process's engine if a Redis URL is configured (no connection is made yet: Redis may start later)."""
    url = redis_url(secrets, env)
    return SharedEngine(url) if url else None

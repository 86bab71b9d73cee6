"""The write tokens of one Google identity, as the door's coalescer takes them before each write
(services.people.door_batch): a bucket of `burst` tokens refilled one per `gap_s`. `LocalBucket` counts in this
process; `services.shared.tokens.SharedBucket` keeps the same bucket in Redis for replicas.

A take may leave the bucket below zero: the caller reserves its token and waits the time `take` returns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class WriteTokens(Protocol):
    def take(self) -> float:
        """Take a token; the seconds to wait before writing (0 when one was there)."""
        ...


class LocalBucket:
    def __init__(self, burst: int, gap_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.gap_s = gap_s
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = float(burst)
        self._filled_at = clock()

    def take(self) -> float:
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._filled_at) / self.gap_s)
            self._filled_at = now
            self._tokens -= 1
            return max(0.0, -self._tokens * self.gap_s)

"""Check-ins from every desk of one server coalesced into one store write (with their audit lines): a queue at three
desks stays inside Google's 60 write requests a minute, and each desk still gets its own answer.

The first scan to arrive leads: it waits a short window (and, when writes come fast, for a write token: a bucket of
`burst` tokens refilled one per `gap_s`, so batches stay under 60 a minute with room for the desk's other writes),
takes every scan that arrived meanwhile and writes them with `checkin.check_in_many` (one `update_rows`); each desk
waits for its own result only. The scans were authorised by each desk's guarded store before they joined the queue.
The bucket is the process's own, or (replicas writing as one Google identity) one in Redis (services.shared.tokens).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from services.parsing import clean
from services.people.checkin import check_in_many
from services.people.write_tokens import LocalBucket, WriteTokens
from services.store import Store, StoreError

WINDOW_S = 0.25  # how long a leader waits for other desks' scans
GAP_S = 1.1  # one write token per 1.1 s (≈ 55 a minute) plus a burst of BURST: under Google's 60 writes/min/user
BURST = 5
MAX_BATCH = 50
WAIT_S = 60.0  # a follower never waits longer than this for its leader (the store's own retries are bounded)


@dataclass
class _Waiting:
    attendee_id: str
    stamp: str
    user: str
    done: threading.Event = field(default_factory=threading.Event)
    result: str | BaseException | None = None


class Coalescer:
    def __init__(
        self,
        store: Store,
        *,
        window_s: float = WINDOW_S,
        gap_s: float = GAP_S,
        burst: int = BURST,
        clock: Callable[[], float] = time.monotonic,
        tokens: WriteTokens | None = None,
    ) -> None:
        self.store = store
        self.window_s = window_s
        self.gap_s = gap_s
        self.burst = burst
        self._clock = clock
        self._lock = threading.Lock()
        self._open: list[_Waiting] = []
        self.tokens = tokens or LocalBucket(burst, gap_s, clock)
        self.batches = 0  # writes made (the benchmark reports check-ins per write)

    def check_in(self, attendee_id: str, stamp: str, user: str) -> str:
        """The stamp written; raises this scan's own error (AlreadyCheckedIn, RowNotFound) or the batch's outage."""
        mine = _Waiting(clean(attendee_id), stamp, user)
        with self._lock:
            self._open.append(mine)
            leader = len(self._open) == 1
        if leader:
            self._lead()
        elif not mine.done.wait(WAIT_S):
            raise StoreError("Không nhận được kết quả ghi điểm danh kịp thời. Hãy tải lại trang và kiểm tra.")
        if isinstance(mine.result, BaseException):
            raise mine.result
        return str(mine.result)

    def _lead(self) -> None:
        wait = max(self.window_s, self.tokens.take())
        time.sleep(wait)
        with self._lock:
            batch, self._open = self._open[:MAX_BATCH], self._open[MAX_BATCH:]
            if self._open:  # more than one batch waited: the next one leads itself
                threading.Thread(target=self._lead, daemon=True).start()
        try:
            results: list[str | BaseException] = list(
                check_in_many(self.store, [(w.attendee_id, w.stamp, w.user) for w in batch])
            )
            self.batches += 1
        except Exception as exc:  # the whole batch: each desk journals its own scan (door_sync)
            results = [exc] * len(batch)
        for waiting, result in zip(batch, results, strict=True):
            waiting.result = result
            waiting.done.set()

"""The coalescer on the workbook: three desks at once share writes, each gets its own answer, and after the burst
batches start no closer than one write token apart (how the desks stay inside a per-minute write quota)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

from services.people.checkin import AlreadyCheckedIn
from services.people.door_batch import Coalescer
from services.store.workbook import WorkbookStore
from services.validation import validate

T0 = datetime(2026, 12, 16, 7, 0, 0)


class Timed:
    """The workbook, noting when each batched write starts."""

    def __init__(self, inner: WorkbookStore) -> None:
        self.inner, self.starts = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def update_rows(self, tab, items):
        self.starts.append(time.monotonic())
        return self.inner.update_rows(tab, items)


def test_three_desks_share_batches_spaced_by_the_write_token(seeded_path):
    store = Timed(WorkbookStore(seeded_path))
    coalescer = Coalescer(store, window_s=0.05, gap_s=0.4, burst=1)
    results: dict[str, object] = {}

    def desk(d: int) -> None:
        for n in range(4):
            attendee = f"DB-{10 + d * 4 + n:03d}"
            stamp = (T0 + timedelta(seconds=d * 4 + n)).strftime("%d/%m/%Y %H:%M:%S")
            try:
                results[attendee] = coalescer.check_in(attendee, stamp, f"bàn {d}")
            except Exception as exc:  # the test looks at every answer
                results[attendee] = exc
        # and the same guest as desk 0's first, scanned again at the end
        if d == 2:
            try:
                results["again"] = coalescer.check_in("DB-010", T0.strftime("%d/%m/%Y %H:%M:%S"), "bàn 2")
            except Exception as exc:
                results["again"] = exc

    threads = [threading.Thread(target=desk, args=(d,)) for d in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(results[f"DB-{i:03d}"], str) for i in range(10, 22)), results
    assert isinstance(results["again"], AlreadyCheckedIn)
    assert len(store.starts) == coalescer.batches < 13  # 13 check-ins, fewer writes
    gaps = [b - a for a, b in zip(store.starts, store.starts[1:], strict=False)]
    assert all(g >= 0.3 for g in gaps), gaps  # one token per 0.4 s (less the 0.05 s window) after the burst
    raw = validate(WorkbookStore(seeded_path).load()).raw
    assert sorted(raw["audit"]["row_id"]) == sorted(f"DB-{i:03d}" for i in range(10, 22))

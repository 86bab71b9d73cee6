"""Check-ins from desks on 3 replicas writing as one Google identity, the write bucket per process or shared in
Redis (issue 29), against Google's 60 write requests a minute per user modelled by the emulator (429 beyond it).

One sheet (the seeded roster); 3 replicas, each its own store and coalescer (services.people.door_batch) in this
process; one desk per replica (sticky sessions put a unit's desks on different replicas) scanning 20 different
people, one scan every 0.5 s, each scan waiting for its answer. The coalescers take write tokens from their own
`LocalBucket` each, or from one `SharedBucket` in a real redis-server. Reported: the 429s the emulator answered, the
scans that failed (the store gave up after its retries: the desk would keep them in the journal), the writes
applied and how long the 60 scans took, and the answer times' p50 / p95. Both ways in the same run, on fresh sheets.
"""

from __future__ import annotations

import statistics
import threading
import time
from datetime import datetime, timedelta

from services.people.door_batch import BURST, GAP_S, Coalescer
from services.people.write_tokens import WriteTokens
from services.shared.engine import SharedEngine
from services.shared.limits import WRITES_PER_MIN_PER_USER
from services.shared.tokens import SharedBucket
from services.store.gsheets import GoogleSheetStore
from tests.redis_server import running_redis
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.server import WRITE_KINDS
from tests.store.test_door_outage import seeded_tabs

REPLICAS = 3
SCANS_PER_DESK = 20
SCAN_EVERY_S = 0.5
T0 = datetime(2026, 12, 16, 7, 0, 0)
IDENTITY = "app@service-account.test"


def _run(emulator: SheetsEmulator, redis_url: str | None) -> dict[str, float]:
    key = emulator.create("Hội nghị", seeded_tabs())
    coalescers = []
    for _ in range(REPLICAS):
        store = GoogleSheetStore.for_emulator(emulator.host, key)
        store.load()
        tokens: WriteTokens | None = (
            SharedBucket(SharedEngine(redis_url), IDENTITY, BURST, GAP_S) if redis_url else None
        )
        coalescers.append(Coalescer(store, tokens=tokens))
    with emulator.lock:
        emulator._granted_writes.clear()
    emulator.reset_log()
    times: list[float] = []
    failed = [0]
    lock = threading.Lock()

    def desk(n: int) -> None:
        for k in range(SCANS_PER_DESK):
            person = f"DB-{1 + n + REPLICAS * k:03d}"
            stamp = (T0 + timedelta(seconds=k)).strftime("%d/%m/%Y %H:%M:%S")
            started = time.monotonic()
            try:
                coalescers[n].check_in(person, stamp, f"bàn {n}")
            except Exception:
                with lock:
                    failed[0] += 1
            took = time.monotonic() - started
            with lock:
                times.append(took)
            time.sleep(max(0.0, SCAN_EVERY_S - took))

    began = time.monotonic()
    threads = [threading.Thread(target=desk, args=(n,)) for n in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    minutes = (time.monotonic() - began) / 60
    with emulator.lock:
        writes = [r for r in emulator.requests if r.kind in WRITE_KINDS]
    ordered = sorted(times)
    return {
        "refused": sum(r.status == 429 for r in writes),
        "written": sum(r.status == 200 for r in writes),
        "failed": failed[0],
        "p50": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "minutes": minutes,
    }


def run(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    with SheetsEmulator() as emulator, running_redis() as redis:
        emulator.write_quota_per_min = WRITES_PER_MIN_PER_USER
        for name, url in (("bucket per process", None), ("one bucket in Redis", redis.url)):
            got = _run(emulator, url)
            size = f"{REPLICAS} replicas × 1 desk, {SCANS_PER_DESK} scans each every {SCAN_EVERY_S} s, {name}"
            note = (
                f"{got['failed']:.0f} of {REPLICAS * SCANS_PER_DESK} scans failed after retries; {got['written']:.0f} "
                f"writes applied in {got['minutes'] * 60:.0f} s; answer p50 {got['p50']:.2f} s, p95 {got['p95']:.2f} s"
            )
            rows.append(
                {
                    "benchmark": "replica writes: 429s",
                    "size": size,
                    "value": got["refused"],
                    "unit": "429s",
                    "note": note,
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

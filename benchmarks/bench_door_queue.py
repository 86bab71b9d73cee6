"""A queue at the door: three desks checking people in as fast as each gets its answer, against the emulator with
Google's write quota modelled (429 RESOURCE_EXHAUSTED beyond 60 write requests a minute). The coalesced path (one
batch for the check-ins of every desk that arrive together) against today's one-write-per-check-in path, same run.

The quota is modelled at the same RATE over a shorter window (20 writes per 20 s = 60/min; the coalescer's burst is
scaled alike), so a 20 s run per path measures the sustained rate instead of the first minute's burst; both paths
meet the same model. Two loads: a queue in front of every desk, and a steady 90 guests a minute.
"""

from __future__ import annotations

import statistics
import threading
import time
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from services.people import checkin
from services.people.checkin_journal import CheckinJournal
from services.people.door_batch import BURST, Coalescer
from services.people.door_sync import DoorCheckins
from services.schema import ATTENDEES, AUDIT
from services.store.gsheets import GoogleSheetStore
from services.store.retry import RetryPolicy
from tests.sheets_emulator import SheetsEmulator

DESKS = 3
QUOTA_PER_MIN = 60
PACED_PER_MIN = 90  # a steady arrival rate above the quota: 3 desks, one guest every 2 s each
PAGE_POLICY = RetryPolicy(attempts=3, total_s=5.0, timeout_s=8.0)  # what a desk page uses (services.setup.backend)


def _people(count: int) -> list[list[object]]:
    rows: list[list[object]] = [ATTENDEES.headers]
    for i in range(1, count + 1):
        rows.append([f"DB-{i:04d}", f"Người {i}", "Nam", "Chuyên viên", "Văn phòng Sở", "công chức", "", "", "tham dự"])
    return rows


def _queue(seconds: float, check_in, every_s: float | None) -> dict:
    """DESKS threads, each checking in its own next guest as soon as its previous answer came back (every_s None: a
    queue in front of every desk) or one guest every `every_s` seconds (a steady arrival rate)."""
    latencies: list[float] = []
    outcomes = {"ok": 0, "failed": 0, "queued": 0}
    lock = threading.Lock()
    first = time.monotonic()
    deadline = first + seconds

    def desk(number: int) -> None:
        n = 0
        while time.monotonic() < deadline:
            attendee = f"DB-{number * 1000 + n + 1:04d}"
            n += 1
            if every_s is not None:  # desks staggered, one guest per desk every every_s
                slot = first + (n - 1) * every_s + number * every_s / DESKS
                time.sleep(max(0.0, slot - time.monotonic()))
                if time.monotonic() >= deadline:
                    break
            started = time.monotonic()
            try:
                kind = check_in(attendee, f"bàn {number + 1}")
            except Exception:
                kind = "failed"
            with lock:
                outcomes[kind] += 1
                if kind == "ok":
                    latencies.append(time.monotonic() - started)

    threads = [threading.Thread(target=desk, args=(d,)) for d in range(DESKS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        **outcomes,
        "elapsed": elapsed,
        "median_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000) if latencies else None,
    }


def run(quick: bool = False) -> list[dict]:
    seconds = 10.0 if quick else 20.0
    rows: list[dict] = []
    scenarios = [
        (path, load) for load in ("queue", f"{PACED_PER_MIN}_per_min") for path in ("coalesced", "one_write_each")
    ]
    with SheetsEmulator() as emulator, TemporaryDirectory() as tmp:
        for path_name, load in scenarios:
            key = emulator.create(
                "Hội nghị (benchmark)", {ATTENDEES.title: _people(DESKS * 1000), AUDIT.title: [AUDIT.headers]}
            )
            store = GoogleSheetStore.for_emulator(emulator.host, key, policy=PAGE_POLICY)
            store.load()
            emulator.write_quota_per_min = None
            store.update_row("attendees", "DB-2999", {"note": "khởi động"}, {}, user="bench")  # journal tab made
            emulator.write_quota_window_s = seconds
            emulator.write_quota_per_min = round(QUOTA_PER_MIN * seconds / 60)
            emulator._granted_writes.clear()
            emulator.reset_log()
            if path_name == "coalesced":
                door = DoorCheckins(
                    store,
                    CheckinJournal(Path(tmp) / f"{key}.jsonl"),
                    coalescer=Coalescer(store, burst=max(1, round(BURST * seconds / 60))),
                    hold_s=2.0,
                )

                def one(attendee: str, user: str, door=door) -> str:
                    done = door.check_in(attendee, user=user, desk=user)
                    return "queued" if done.queued else "ok"
            else:

                def one(attendee: str, user: str, store=store) -> str:
                    checkin.check_in(store, attendee, user=user, now=datetime.now())
                    return "ok"

            got = _queue(seconds, one, None if load == "queue" else 60.0 / PACED_PER_MIN * DESKS)
            writes = sum(1 for r in emulator.requests if r.kind == "spreadsheets.batchUpdate" and r.status == 200)
            refused = sum(1 for r in emulator.requests if r.status == 429)
            total = emulator.count()
            per_min = 60.0 / got["elapsed"]
            label = f"{DESKS} bàn, {'hàng chờ' if load == 'queue' else f'{PACED_PER_MIN} khách/phút'}"
            note = f"quota {QUOTA_PER_MIN} writes/min modelled over {seconds:.0f} s"
            rows += [
                {
                    "benchmark": f"door_queue.{load}.{path_name}.check_ins_per_min",
                    "size": label,
                    "value": round(got["ok"] * per_min, 1),
                    "unit": "/min",
                    "note": f"{note}; failed {got['failed']}, kept in journal {got['queued']}",
                },
                {
                    "benchmark": f"door_queue.{load}.{path_name}.writes_per_min",
                    "size": label,
                    "value": round(writes * per_min, 1),
                    "unit": "/min",
                    "note": f"accepted batchUpdate; refused with 429: {refused}",
                },
                {
                    "benchmark": f"door_queue.{load}.{path_name}.requests_per_check_in",
                    "size": label,
                    "value": round(total / got["ok"], 2) if got["ok"] else None,
                    "unit": "requests",
                    "note": "every API request (reads, writes, 429s) / check-ins landed",
                },
                {
                    "benchmark": f"door_queue.{load}.{path_name}.latency_ms",
                    "size": label,
                    "value": got["median_ms"],
                    "unit": "ms",
                    "note": f"median per check-in at the desk; p95 {got['p95_ms']} ms",
                },
            ]
    return rows


if __name__ == "__main__":
    import sys

    for row in run(quick="--quick" in sys.argv):
        print(f"{row['benchmark']:<48} {row['size']:<12} {row['value']!s:>8} {row['unit']:<9} {row['note']}")

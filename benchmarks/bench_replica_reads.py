"""Google reads of a multi-unit deployment with 3 replicas, sharing through Redis or not (issue 29).

N units, each its own spreadsheet on the local Sheets emulator with Google's read quota modelled (300 read requests
a minute per project, refused with 429 beyond it: services.shared.limits); 3 replicas, each with its own read side
(`Reads`) and its own store per unit — as three app servers have — in this process, sharing one real redis-server
(`SharedReads`) or not. Every replica serves a view of every unit every second (a thread per replica walking the
units), for the run's duration, with the app's freshness window (10 s). Reported: read requests a minute the
emulator received (values.batchGet and the metadata gets), the 429s it answered, and the views that came back with
an error. Both ways run in the same run, on the same emulator and Redis.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from services.config import DEFAULT_CACHE_TTL_S
from services.reads import Reads
from services.shared.engine import SharedEngine
from services.shared.limits import READS_PER_MIN_PER_PROJECT
from services.shared.read_cache import SharedReads
from services.store.gsheets import GoogleSheetStore
from tests.redis_server import running_redis
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_door_outage import seeded_tabs

REPLICAS = 3
VIEW_EVERY_S = 1.0


def _run(emulator: SheetsEmulator, keys: list[str], redis_url: str | None, seconds: float) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-replicas-"))
    replicas: list[list[Reads]] = []
    for r in range(REPLICAS):
        shared = SharedReads(SharedEngine(redis_url)) if redis_url else None
        row = []
        for n, key in enumerate(keys):
            store = GoogleSheetStore.for_emulator(emulator.host, key)
            row.append(
                Reads(
                    lambda s=store: s,
                    DEFAULT_CACHE_TTL_S,
                    workdir / f"r{r}" / f"u{n}" / "conference.xlsx",
                    shared_reads=shared,
                    unit=f"unit-{n}",
                )
            )
        replicas.append(row)
    emulator.reset_log()
    failed = [0]
    views = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def serve(row: list[Reads]) -> None:
        while time.monotonic() < stop:
            started = time.monotonic()
            for reads in row:
                _, error = reads.dataset()
                with lock:
                    views[0] += 1
                    failed[0] += error is not None
            time.sleep(max(0.0, VIEW_EVERY_S - (time.monotonic() - started)))

    threads = [threading.Thread(target=serve, args=(row,)) for row in replicas]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    minutes = (time.monotonic() - began) / 60
    with emulator.lock:
        records = list(emulator.requests)
    reads = [r for r in records if r.kind not in ("values.batchUpdate", "spreadsheets.batchUpdate")]
    return {
        "reads_per_min": len(reads) / minutes,
        "batchget_per_min": sum(r.kind == "values.batchGet" for r in reads) / minutes,
        "refused_429": sum(r.status == 429 for r in reads),
        "views": views[0],
        "failed_views": failed[0],
    }


def run(quick: bool = False) -> list[dict]:
    units, seconds = (10, 30.0) if quick else (30, 60.0)
    rows: list[dict] = []
    with SheetsEmulator() as emulator, running_redis() as redis:
        keys = [emulator.create(f"Đơn vị {n}", seeded_tabs()) for n in range(units)]
        emulator.read_quota_per_min = READS_PER_MIN_PER_PROJECT
        for name, url in (("not sharing", None), ("sharing (Redis)", redis.url)):
            with emulator.lock:
                emulator._granted_reads.clear()
            got = _run(emulator, keys, url, seconds)
            size = f"{units} units × {REPLICAS} replicas, {seconds:.0f} s, TTL {DEFAULT_CACHE_TTL_S} s, {name}"
            note = (
                f"values.batchGet {got['batchget_per_min']:.0f}/min; {got['refused_429']:.0f} answered 429; "
                f"{got['failed_views']:.0f} of {got['views']:.0f} views with an error"
            )
            rows.append(
                {
                    "benchmark": "replica reads",
                    "size": size,
                    "value": got["reads_per_min"],
                    "unit": "reads/min",
                    "note": note,
                }
            )
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)

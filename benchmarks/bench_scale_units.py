"""The multi-unit scale run of issue 29, as far as this 2-core machine allows: one deployment file with N units, each
its own spreadsheet on the local Sheets emulator with Google's read quota modelled (300 read requests a minute per
project, 429 beyond it: services.shared.limits), 3 real app replicas behind nginx, socket sessions spread over the
units by ?unit=code — sharing through Redis or not, both ways in the same run.

Every unit has its own viewer passcode in the deployment file (hashed with 1,000 PBKDF2 iterations, as the tests do,
so the sign-in's hash does not swamp the figures): a session opens the default page with ?unit=code over Streamlit's
WebSocket (benchmarks/streamlit_session.py), fills the sidebar's passcode form, and runs the unit's overview to its
end — what a council member's phone does on a first visit. During the sessions, 3 check-in desks per unit on 5
units scan their unit's roster through the door's coalescer (services.people.door_batch), as bench_replica_writes.py
does: one coalescer per unit per replica (sticky sessions put a unit's 3 desks on different replicas), in this
process, as one Google identity with Google's 60 writes a minute modelled, taking write tokens from a bucket per
coalescer or from one bucket in Redis. Reported per way: Google read requests a minute in total and per unit (the
emulator's log by spreadsheet, during the sessions), the 429s it answered to reads and to writes, sessions and scans
that failed, the answer times' p50 / p95 (connect → the signed-in overview's end) and the replicas' CPU per session
(utime + stime of the three processes over the burst, divided by the sessions). Each way on fresh spreadsheets.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

from benchmarks import streamlit_session
from benchmarks.bench_concurrent_views import cpu_seconds
from benchmarks.bench_replica_views import REPLICAS
from benchmarks.bench_replica_writes import IDENTITY, T0
from services.access import hash_passcode
from services.people.door_batch import BURST, GAP_S, Coalescer
from services.shared.engine import SharedEngine
from services.shared.limits import READS_PER_MIN_PER_PROJECT, WRITES_PER_MIN_PER_USER
from services.shared.tokens import SharedBucket
from services.store.gsheets import GoogleSheetStore
from tests.proxy import run_proxy
from tests.redis_server import running_redis
from tests.server import run_server
from tests.sheets_emulator import SheetsEmulator
from tests.sheets_emulator.server import WRITE_KINDS
from tests.store.test_door_outage import seeded_tabs

TTL_S = 10  # the app's freshness window (services.config.DEFAULT_CACHE_TTL_S)
DESK_UNITS = 5
DESKS_PER_UNIT = REPLICAS  # one per replica: sticky sessions spread a unit's desks
ROSTER = 63  # people on the seeded roster (seeded_tabs): each desk scans its third, none twice
SCANS_PER_DESK = 20  # over the burst: 15 desks offer 300 scans, well over the identity's 60 writes a minute


def unit_code(n: int) -> str:
    return f"dv{n:02d}"


def passcode(code: str) -> str:
    return f"ma-xem-{code}"


def write_deployment(folder: Path, keys: list[str]) -> Path:
    """units.toml: unit dvNN on spreadsheet keys[NN], its own viewer passcode; unit data under `folder`."""
    text = '[deployment]\ndata_dir = "unit-data"\n\n'
    for n, key in enumerate(keys):
        code = unit_code(n)
        text += (
            f'[[unit]]\ncode = "{code}"\nname = "Đơn vị {n:02d}"\nsheet = "{key}"\n'
            f'[unit.roles]\npasscodes = {{ viewer = "{hash_passcode(passcode(code), iterations=1000)}" }}\n\n'
        )
    path = folder / "units.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def _burst(port: int, units: int, sessions: int, seconds: float) -> list[float | BaseException]:
    async def one(n: int) -> float:
        await asyncio.sleep(n * seconds / sessions)
        code = unit_code(n % units)
        answer = await streamlit_session.view(port, query_string=f"unit={code}", passcode=passcode(code))
        if not answer.elements["plotly_chart"]:  # the sign-in page or an error instead of the unit's overview
            raise RuntimeError(f"{code}: no overview drawn ({dict(answer.elements)})")
        return answer.seconds

    return list(await asyncio.gather(*(one(n) for n in range(sessions)), return_exceptions=True))


class Desks:
    """3 desks per unit on the first DESK_UNITS units, each scanning a different person every `every_s` through its
    replica's coalescer of that unit, in threads, until `stop()`. A scan waits for its write token as at the door, so
    fewer scans get done when the tokens run short; `failed` counts the scans the store gave up on after retries."""

    def __init__(self, emulator: SheetsEmulator, keys: list[str], redis_url: str | None, every_s: float) -> None:
        self.every_s = every_s
        self.coalescers: list[Coalescer] = []
        for key in keys[:DESK_UNITS]:
            for _ in range(DESKS_PER_UNIT):
                store = GoogleSheetStore.for_emulator(emulator.host, key)
                store.load()
                tokens = SharedBucket(SharedEngine(redis_url), IDENTITY, BURST, GAP_S) if redis_url else None
                self.coalescers.append(Coalescer(store, tokens=tokens))
        self.scans = 0
        self.failed = 0
        self.times: list[float] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._desk, args=(n,)) for n in range(len(self.coalescers))]

    def _desk(self, n: int) -> None:
        seat = n % DESKS_PER_UNIT
        for k in range(ROSTER // DESKS_PER_UNIT):
            if self._stop.is_set():
                return
            started = time.monotonic()
            stamp = (T0 + timedelta(seconds=k)).strftime("%d/%m/%Y %H:%M:%S")
            try:
                self.coalescers[n].check_in(f"DB-{1 + seat + DESKS_PER_UNIT * k:03d}", stamp, f"bàn {seat}")
                failed = 0
            except Exception:
                failed = 1
            took = time.monotonic() - started
            with self._lock:
                self.scans += 1
                self.failed += failed
                self.times.append(took)
            self._stop.wait(max(0.0, self.every_s - took))

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


def _measure(
    emulator: SheetsEmulator, keys: list[str], deployment: Path, redis_url: str | None, sessions: int, seconds: float
) -> dict:
    units = len(keys)
    env = {
        "SHEETS_EMULATOR_HOST": emulator.host,
        "CONFERENCE_DEPLOYMENT": str(deployment),
        "CONFERENCE_CACHE_TTL": str(TTL_S),
    }
    if redis_url:
        env["CONFERENCE_REDIS_URL"] = redis_url
    with ExitStack() as stack:
        servers = [stack.enter_context(run_server(env, timeout_s=90)) for _ in range(REPLICAS)]
        proxy = stack.enter_context(run_proxy([s.port for s in servers]))
        for server in servers:  # warm-up: each replica imports the pages and signs one session in
            asyncio.run(streamlit_session.view(server.port, query_string="unit=dv00", passcode=passcode("dv00")))
        desks = Desks(emulator, keys, redis_url, every_s=seconds / SCANS_PER_DESK)
        emulator.reset_log()
        with emulator.lock:
            emulator._granted_reads.clear()
            emulator._granted_writes.clear()
        cpu = sum(cpu_seconds(s.pid) for s in servers)
        began = time.monotonic()
        desks.start()
        results = asyncio.run(_burst(proxy.port, units, sessions, seconds))
        desks.stop()
        minutes = (time.monotonic() - began) / 60
        cpu_used = sum(cpu_seconds(s.pid) for s in servers) - cpu
    with emulator.lock:
        reads = [r for r in emulator.requests if r.kind not in WRITE_KINDS]
        writes = [r for r in emulator.requests if r.kind in WRITE_KINDS]
    answers = sorted(r for r in results if isinstance(r, float))
    failures = Counter(type(r).__name__ for r in results if not isinstance(r, float))
    per_unit = Counter(r.spreadsheet_id for r in reads)
    return {
        "reads_per_min": len(reads) / minutes,
        "batchget_per_min": sum(r.kind == "values.batchGet" for r in reads) / minutes,
        "unit_mean": len(reads) / units / minutes,
        "unit_max": max(per_unit.values(), default=0) / minutes,
        "refused_429": sum(r.status == 429 for r in reads),
        "writes": sum(r.status == 200 for r in writes),
        "writes_429": sum(r.status == 429 for r in writes),
        "scans": desks.scans,
        "scans_failed": desks.failed,
        "scans_offered": len(desks.coalescers) * SCANS_PER_DESK,
        "scan_p95": desks.p95(),
        "failed": sum(failures.values()),
        "failures": ", ".join(f"{k} ×{v}" for k, v in failures.items()),
        "p50": statistics.median(answers) if answers else float("nan"),
        "p95": answers[min(len(answers) - 1, int(0.95 * len(answers)))] if answers else float("nan"),
        "cpu_per_view": cpu_used / sessions,
        "minutes": minutes,
    }


# (units, sessions, seconds). The province: 30 units at the session rate this machine sustains (1 a second) is one
# view per unit per 30 s — below one per 10 s window, so no replica can save another a read. The busy morning: the 5
# units holding their conference that morning viewed every 2.5 s each, several views per unit per window.
FULL = ((30, 120, 120.0), (5, 120, 60.0))
QUICK = ((10, 30, 30.0),)


def run(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    for units, sessions, seconds in QUICK if quick else FULL:
        rows += _both_ways(units, sessions, seconds)
    return rows


def _both_ways(units: int, sessions: int, seconds: float) -> list[dict]:
    rows: list[dict] = []
    with SheetsEmulator() as emulator, running_redis() as redis:
        emulator.read_quota_per_min = READS_PER_MIN_PER_PROJECT
        emulator.write_quota_per_min = WRITES_PER_MIN_PER_USER
        for name, url in (("not sharing", None), ("sharing (Redis)", redis.url)):
            keys = [emulator.create(f"Đơn vị {n:02d}", seeded_tabs()) for n in range(units)]
            deployment = write_deployment(Path(tempfile.mkdtemp(prefix="bench-scale-units-")), keys)
            got = _measure(emulator, keys, deployment, url, sessions, seconds)
            size = (
                f"{units} units × {REPLICAS} replicas behind nginx, {sessions} signed-in sessions over "
                f"{seconds:.0f} s + {DESKS_PER_UNIT} desks × {DESK_UNITS} units, TTL {TTL_S} s, {name}"
            )
            failed = f"{got['failed']} of {sessions} sessions failed" + (
                f" ({got['failures']})" if got["failures"] else ""
            )
            rows += [
                {
                    "benchmark": "scale units: Google reads (total)",
                    "size": size,
                    "value": got["reads_per_min"],
                    "unit": "reads/min",
                    "note": (
                        f"values.batchGet {got['batchget_per_min']:.0f}/min; {got['refused_429']} reads answered 429; "
                        f"{failed}; quota {READS_PER_MIN_PER_PROJECT}/min modelled; {got['minutes']:.1f} min"
                    ),
                },
                {
                    "benchmark": "scale units: Google reads per unit",
                    "size": size,
                    "value": got["unit_mean"],
                    "unit": "reads/min",
                    "note": f"mean over units; busiest unit {got['unit_max']:.1f}/min; goal ≤ {60 // TTL_S}/min",
                },
                {
                    "benchmark": "scale units: desks' write 429s",
                    "size": size,
                    "value": got["writes_429"],
                    "unit": "429s",
                    "note": (
                        f"{got['scans']} of {got['scans_offered']} offered scans done in the burst, "
                        f"{got['scans_failed']} failed after retries, scan p95 {got['scan_p95']:.1f} s; "
                        f"{got['writes']} writes applied; quota {WRITES_PER_MIN_PER_USER}/min per identity modelled"
                    ),
                },
                {
                    "benchmark": "scale units: answer p50 / p95",
                    "size": size,
                    "value": got["p50"],
                    "unit": "s",
                    "note": f"p95 {got['p95']:.2f} s; connect → sign-in → the unit's overview finished",
                },
                {
                    "benchmark": "scale units: CPU per session (3 replicas)",
                    "size": size,
                    "value": got["cpu_per_view"],
                    "unit": "s",
                    "note": "utime + stime of the three replicas over the burst / sessions (sign-in run + overview)",
                },
            ]
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)

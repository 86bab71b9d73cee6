"""The multi-unit scale run of issue 29, as far as this 2-core machine allows: one deployment file with N units, each
its own spreadsheet on the local Sheets emulator with Google's read quota modelled (300 read requests a minute per
project, 429 beyond it: services.shared.limits), 3 real app replicas behind nginx, socket sessions spread over the
units by ?unit=code — sharing through Redis or not, both ways in the same run.

Every unit has its own viewer passcode in the deployment file (hashed with 1,000 PBKDF2 iterations, as the tests do,
so the sign-in's hash does not swamp the figures): a session opens the default page with ?unit=code over Streamlit's
WebSocket (benchmarks/streamlit_session.py), fills the sidebar's passcode form, and runs the unit's overview to its
end — what a council member's phone does on a first visit. Reported per way: Google read requests a minute in total
and per unit (the emulator's log by spreadsheet, during the sessions), the 429s it answered, sessions that failed,
the answer times' p50 / p95 (connect → the signed-in overview's end) and the replicas' CPU per session (utime + stime
of the three processes over the burst, divided by the sessions). Not here: the check-in desks writing through the
coalescer (bench_replica_writes.py measures the shared write bucket on its own).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from benchmarks import streamlit_session
from benchmarks.bench_concurrent_views import cpu_seconds
from benchmarks.bench_replica_views import REPLICAS
from services.access import hash_passcode
from services.shared.limits import READS_PER_MIN_PER_PROJECT
from tests.proxy import run_proxy
from tests.redis_server import running_redis
from tests.server import run_server
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_door_outage import seeded_tabs

TTL_S = 10  # the app's freshness window (services.config.DEFAULT_CACHE_TTL_S)
WRITE_KINDS = ("values.batchUpdate", "spreadsheets.batchUpdate")


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


def _measure(
    emulator: SheetsEmulator, deployment: Path, units: int, redis_url: str | None, sessions: int, seconds: float
) -> dict:
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
        emulator.reset_log()
        with emulator.lock:
            emulator._granted_reads.clear()
        cpu = sum(cpu_seconds(s.pid) for s in servers)
        began = time.monotonic()
        results = asyncio.run(_burst(proxy.port, units, sessions, seconds))
        minutes = (time.monotonic() - began) / 60
        cpu_used = sum(cpu_seconds(s.pid) for s in servers) - cpu
    with emulator.lock:
        reads = [r for r in emulator.requests if r.kind not in WRITE_KINDS]
    answers = sorted(r for r in results if isinstance(r, float))
    failures = Counter(type(r).__name__ for r in results if not isinstance(r, float))
    per_unit = Counter(r.spreadsheet_id for r in reads)
    return {
        "reads_per_min": len(reads) / minutes,
        "batchget_per_min": sum(r.kind == "values.batchGet" for r in reads) / minutes,
        "unit_mean": len(reads) / units / minutes,
        "unit_max": max(per_unit.values(), default=0) / minutes,
        "refused_429": sum(r.status == 429 for r in reads),
        "failed": sum(failures.values()),
        "failures": ", ".join(f"{k} ×{v}" for k, v in failures.items()),
        "p50": statistics.median(answers) if answers else float("nan"),
        "p95": answers[min(len(answers) - 1, int(0.95 * len(answers)))] if answers else float("nan"),
        "cpu_per_view": cpu_used / sessions,
        "minutes": minutes,
    }


def run(quick: bool = False) -> list[dict]:
    units, sessions, seconds = (10, 30, 30.0) if quick else (30, 120, 120.0)
    rows: list[dict] = []
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-units-"))
    with SheetsEmulator() as emulator, running_redis() as redis:
        keys = [emulator.create(f"Đơn vị {n:02d}", seeded_tabs()) for n in range(units)]
        deployment = write_deployment(folder, keys)
        emulator.read_quota_per_min = READS_PER_MIN_PER_PROJECT
        for name, url in (("not sharing", None), ("sharing (Redis)", redis.url)):
            got = _measure(emulator, deployment, units, url, sessions, seconds)
            size = (
                f"{units} units × {REPLICAS} replicas behind nginx, {sessions} signed-in sessions over "
                f"{seconds:.0f} s, TTL {TTL_S} s, {name}"
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
                        f"values.batchGet {got['batchget_per_min']:.0f}/min; {got['refused_429']} answered 429; "
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

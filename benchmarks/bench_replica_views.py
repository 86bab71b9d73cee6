"""Socket sessions through nginx to 3 real app replicas on one Google Sheet (the emulator), sharing through Redis or
not (issue 29, scaled down to this machine).

Per way: 3 `streamlit run app.py` replicas (tests/server.py) on the emulator's sheet with the app's 10 s window,
nginx in front rendered from deploy/nginx.conf (tests/proxy.py), and — sharing — one redis-server. After one warm-up
view per replica, sessions open at a steady rate through nginx over Streamlit's WebSocket (benchmarks/
streamlit_session.py: a new session each, so the consistent hash spreads them over the replicas) and each runs the
overview to its end. Reported: Google reads a minute (values.batchGet the emulator received during the sessions),
the answer times' p50 and p95 (connect → the run's end), and the replicas' CPU per view (utime + stime of the three
processes over the burst, divided by the sessions). Both ways in the same run.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from contextlib import ExitStack

from benchmarks import streamlit_session
from benchmarks.bench_concurrent_views import cpu_seconds
from tests.proxy import run_proxy
from tests.redis_server import running_redis
from tests.server import run_server
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_door_outage import seeded_tabs

REPLICAS = 3


async def _burst(port: int, sessions: int, seconds: float) -> list[float]:
    async def one(delay: float) -> float:
        await asyncio.sleep(delay)
        return (await streamlit_session.view(port)).seconds

    return list(await asyncio.gather(*(one(n * seconds / sessions) for n in range(sessions))))


def _measure(emulator: SheetsEmulator, key: str, redis_url: str | None, sessions: int, seconds: float) -> dict:
    env = {"SHEETS_EMULATOR_HOST": emulator.host, "GSHEETS_SPREADSHEET": key, "CONFERENCE_CACHE_TTL": "10"}
    if redis_url:
        env["CONFERENCE_REDIS_URL"] = redis_url
    with ExitStack() as stack:
        servers = [stack.enter_context(run_server(env, timeout_s=90)) for _ in range(REPLICAS)]
        proxy = stack.enter_context(run_proxy([s.port for s in servers]))
        for server in servers:  # warm-up: each replica's first read and shared results
            asyncio.run(streamlit_session.view(server.port))
        emulator.reset_log()
        cpu = sum(cpu_seconds(s.pid) for s in servers)
        began = time.monotonic()
        answers = asyncio.run(_burst(proxy.port, sessions, seconds))
        minutes = (time.monotonic() - began) / 60
        cpu_used = sum(cpu_seconds(s.pid) for s in servers) - cpu
    ordered = sorted(answers)
    return {
        "reads_per_min": emulator.count("values.batchGet") / minutes,
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "cpu_per_view": cpu_used / sessions,
        "minutes": minutes,
    }


def run(quick: bool = False) -> list[dict]:
    sessions, seconds = (30, 30.0) if quick else (120, 120.0)
    rows: list[dict] = []
    with SheetsEmulator() as emulator, running_redis() as redis:
        key = emulator.create("Hội nghị", seeded_tabs())
        for name, url in (("not sharing", None), ("sharing (Redis)", redis.url)):
            got = _measure(emulator, key, url, sessions, seconds)
            size = f"{REPLICAS} replicas behind nginx, {sessions} sessions over {seconds:.0f} s, {name}"
            rows += [
                {
                    "benchmark": "replica views: Google reads",
                    "size": size,
                    "value": got["reads_per_min"],
                    "unit": "reads/min",
                    "note": f"{got['minutes']:.1f} min of sessions; one unit, TTL 10 s",
                },
                {
                    "benchmark": "replica views: answer p50 / p95",
                    "size": size,
                    "value": got["p50"],
                    "unit": "s",
                    "note": f"p95 {got['p95']:.2f} s",
                },
                {
                    "benchmark": "replica views: CPU per view (3 replicas)",
                    "size": size,
                    "value": got["cpu_per_view"],
                    "unit": "s",
                    "note": "utime + stime of the three replicas over the burst / sessions",
                },
            ]
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)

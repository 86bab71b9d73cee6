"""Many viewers at once on the real server: server CPU seconds per page view and the time until the last of 1, 10 and
20 concurrent Chromium sessions is drawn — Tổng quan, Khen thưởng and Tài liệu, on the seeded workbook and at 2,000
attendees (5,000 nominations, 500 tasks, as the other page benchmarks).

Two servers per size, measured in the same run:
- `before`: every view works the readiness result, the charts, the honoree order … out again (the server runs
  `benchmarks/unshared_server.py`: the app's read side built with `Reads(share=False)`), with Streamlit's module
  watcher on and a full garbage collection after every script run (`fileWatcherType auto`, `runner.postScriptGC
  true`: Streamlit's defaults, which .streamlit/config.toml used before). The one dataset fetch per script run is
  not undone (the old switch also fetched it twice per run: a cached lookup, no read);
- `after`: the app as configured (derived results shared per dataset version, one dataset fetch per run, no watcher,
  no forced collection).

Each burst is measured twice on the same server:
- *browser*: N headless Chromium tabs at once on this machine, until the page's own content is drawn in the last tab;
- *socket*: N sessions opened at once over the WebSocket protocol itself (benchmarks/streamlit_session.py), until the
  last one's script run has ended — the server's answer, with the browsers on other devices as at the meeting (on two
  shared cores, 20 Chromium tabs drawing five plotly charts each mostly measure Chromium).

CPU is the server process's utime + stime from /proc/<pid>/stat (all its threads), read before the sessions open and
once the last one is drawn (answered); divided by the number of sessions. Each page is opened once first (the warm-up: the
dataset read and, after, the shared results). All sessions run in one headless Chromium (one browser context, so the
static files come from its cache after the warm-up) on the same machine as the server: the browser's own work
competes for the same cores, as it did when the issue was measured. One burst per figure — noisy on a shared machine.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import streamlit_session
from benchmarks.bench_overview import NOMINATIONS, TASKS
from benchmarks.synthetic import make_workbook
from services.i18n import t
from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, run_server, seeded_workbook

SESSIONS = (1, 10, 20)
ATTENDEES = 2_000
TICKS = os.sysconf("SC_CLK_TCK")
DRAW_TIMEOUT_MS = 180_000
# mode → (the module `python -m` starts the server with, its command-line options)
MODES = {
    "before": (
        "benchmarks.unshared_server",
        ("--server.fileWatcherType", "auto", "--runner.postScriptGC", "true"),
    ),
    "after": ("streamlit", ()),
}
# page → (url path, h1 text, a CSS selector and how many of it mean the page's own content is drawn)
PAGES = {
    "overview": ("", t("overview.title", "vi"), '[data-testid="stPlotlyChart"] .js-plotly-plot', 5),
    "nominations": ("nominations", t("page.nominations", "vi"), '[data-testid="stDataFrame"]', 1),
    "documents": ("documents", t("documents.title", "vi"), '[data-testid="stDownloadButton"]', 30),
}
# the same content as the elements a socket session receives: page → (element type, at least how many)
CONTENT = {"overview": ("plotly_chart", 5), "nominations": ("dataframe", 1), "documents": ("download_button", 30)}
WAYS = ("browser", "socket")
_DRAWN_JS = """([title, selector, count]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.querySelector('[data-stale="true"]')) return false;
  const h1 = main.querySelector('h1');
  if (!h1 || !h1.textContent.trim().startsWith(title)) return false;
  return main.querySelectorAll(selector).length >= count;
}"""


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (every thread), in seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state is field 3, utime 14, stime 15
    return (int(fields[11]) + int(fields[12])) / TICKS


async def _draw(context, url: str, page_key: str) -> float:
    """Open `url` in a new tab (a new Streamlit session); monotonic time when its own content is drawn."""
    _, title, selector, count = PAGES[page_key]
    tab = await context.new_page()
    await tab.goto(url, wait_until="domcontentloaded")
    await tab.wait_for_function(_DRAWN_JS, arg=[title, selector, count], timeout=DRAW_TIMEOUT_MS)
    return time.monotonic()


async def _burst(context, server, page_key: str, sessions: int) -> tuple[float, float]:
    """(server CPU seconds per view, seconds until the last session is drawn) for `sessions` tabs at once."""
    url = f"{server.url}/{PAGES[page_key][0]}"
    await asyncio.sleep(1.0)  # let the previous burst's closing sessions finish on the server
    cpu, start = cpu_seconds(server.pid), time.monotonic()
    drawn = await asyncio.gather(*(_draw(context, url, page_key) for _ in range(sessions)))
    cpu_used = cpu_seconds(server.pid) - cpu
    for tab in context.pages:
        await tab.close()
    return cpu_used / sessions, max(drawn) - start


async def _answer(server, page_key: str) -> float:
    """One socket session's view of the page; monotonic time when its run ended with the page's own content."""
    answer = await streamlit_session.view(server.port, PAGES[page_key][0], timeout_s=DRAW_TIMEOUT_MS / 1000)
    kind, count = CONTENT[page_key]
    if answer.elements["exception"] or answer.elements[kind] < count:
        raise RuntimeError(f"{page_key}: the answer lacks its content ({dict(answer.elements)})")
    return time.monotonic()


async def _socket_burst(server, page_key: str, sessions: int) -> tuple[float, float]:
    """(server CPU seconds per view, seconds until the last session's run ended) for `sessions` sockets at once."""
    await asyncio.sleep(1.0)
    cpu, start = cpu_seconds(server.pid), time.monotonic()
    answered = await asyncio.gather(*(_answer(server, page_key) for _ in range(sessions)))
    return (cpu_seconds(server.pid) - cpu) / sessions, max(answered) - start


async def _measure_server(workbook: Path, mode: str, counts: tuple[int, ...]) -> dict[tuple[str, int, str], tuple]:
    from playwright.async_api import async_playwright

    launcher, options = MODES[mode]
    results: dict[tuple[str, int, str], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-views-") as tmp:
        path = Path(tmp) / "conference.xlsx"
        shutil.copy(workbook, path)
        server_env = {"CONFERENCE_WORKBOOK": str(path), "CONFERENCE_TODAY": "2026-11-25"}
        with run_server(server_env, options=options, timeout_s=60, launcher=launcher) as server:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
                )
                try:
                    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                    for page_key in PAGES:
                        await _burst(context, server, page_key, 1)  # warm-up
                        for way in WAYS:
                            for sessions in counts:
                                if way == "browser":
                                    got = await _burst(context, server, page_key, sessions)
                                else:
                                    got = await _socket_burst(server, page_key, sessions)
                                results[(page_key, sessions, way)] = got
                                print(f"  {mode} {page_key} {way} ×{sessions}: {got[0]:.3f} s CPU/view, "
                                      f"last {got[1]:.2f} s", file=sys.stderr, flush=True)  # fmt: skip
                finally:
                    await browser.close()
    return results


def _rows(size: str, page_key: str, way: str, sessions: int, before: tuple, after: tuple) -> list[dict]:
    (cpu_before, last_before), (cpu_after, last_after) = before, after
    label = f"{PAGES[page_key][1]}, {sessions} concurrent {way} session{'s' if sessions > 1 else ''}"
    done = "last session drawn" if way == "browser" else "last session answered"
    note = "one burst after one warm-up view; noisy"
    return [
        {
            "benchmark": f"server CPU per view before → after: {label}",
            "size": size,
            "value": cpu_after,
            "unit": "s",
            "note": f"before {cpu_before:.3f} s ({cpu_before / max(cpu_after, 1e-9):.1f}×); {note}",
        },
        {
            "benchmark": f"{done} before → after: {label}",
            "size": size,
            "value": last_after,
            "unit": "s",
            "note": f"before {last_before:.2f} s; {note}",
        },
    ]


def run(quick: bool = False) -> list[dict]:
    counts = (1, 10) if quick else SESSIONS
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-views-seed-") as tmp:
        workbooks = {
            "seeded workbook": seeded_workbook(Path(tmp) / "seeded.xlsx"),
            f"{ATTENDEES:,} attendees": make_workbook(Path(tmp) / "big.xlsx", ATTENDEES, NOMINATIONS, TASKS),
        }
        for size, workbook in workbooks.items():
            measured = {mode: asyncio.run(_measure_server(workbook, mode, counts)) for mode in MODES}
            for page_key in PAGES:
                for way in WAYS:
                    for sessions in counts:
                        rows += _rows(
                            size, page_key, way, sessions, *(measured[m][(page_key, sessions, way)] for m in MODES)
                        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

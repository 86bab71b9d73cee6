"""The whole app as a server: cold start to healthy, first page drawn in Chromium, page switches, peak memory."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.harness import launch_chromium, rss_kib, run_server, seeded_workbook, wait_for_app

NAV_LINKS = '[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]'
_DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stMain"] [data-stale="true"]')
    && !!document.querySelector('[data-testid="stMain"] h1');
}"""


def _visit_every_page(page, base_url: str) -> dict[str, float]:
    """Open the home page, then follow each sidebar link once; seconds from click to the page drawn, by label."""
    page.goto(base_url + "/", wait_until="domcontentloaded")
    wait_for_app(page, None)
    labels = page.locator(NAV_LINKS + " span[label]").evaluate_all("els => els.map(e => e.getAttribute('label'))")
    seconds: dict[str, float] = {}
    for label in labels:
        link = page.locator(f'{NAV_LINKS}:has(span[label="{label}"])')
        href = link.get_attribute("href")
        start = time.monotonic()
        link.click()
        page.wait_for_url(href)
        page.wait_for_timeout(50)  # let the rerun start before we wait for it to finish
        page.wait_for_function(_DRAWN_JS, timeout=60_000)
        seconds[label] = time.monotonic() - start
    return seconds


def _one_run(workbook: Path, playwright) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        path = Path(tmp) / "conference.xlsx"
        shutil.copy(workbook, path)
        with run_server({"CONFERENCE_WORKBOOK": str(path)}) as server:
            idle_rss, _ = rss_kib(server.pid)
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                start = time.monotonic()
                page.goto(server.url + "/", wait_until="domcontentloaded")
                wait_for_app(page, None, timeout_ms=60_000)
                first_page = time.monotonic() - start
                switches = _visit_every_page(page, server.url)
            finally:
                browser.close()
            rss, peak = rss_kib(server.pid)
    return {
        "healthy": server.seconds_to_healthy,
        "first_page": first_page,
        "idle_rss": idle_rss / 1024,
        "rss": rss / 1024,
        "peak": peak / 1024,
        "switches": switches,
    }


def run(quick: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench-app-seed-") as tmp:
        workbook = seeded_workbook(Path(tmp) / "seeded.xlsx")
        with sync_playwright() as playwright:
            results = [_one_run(workbook, playwright) for _ in range(runs)]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in results)

    size = "seeded workbook"
    note = f"median of {runs} fresh servers"
    rows = [
        {
            "benchmark": "cold start: `streamlit run app.py` → /_stcore/health ok",
            "size": size,
            "value": median("healthy"),
            "unit": "s",
            "note": note,
        },
        {
            "benchmark": "first page drawn in Chromium after healthy (first script run, cold imports)",
            "size": size,
            "value": median("first_page"),
            "unit": "s",
            "note": note,
        },
        {
            "benchmark": "server RSS when healthy, before any session",
            "size": size,
            "value": median("idle_rss"),
            "unit": "MiB",
            "note": note,
        },
        {
            "benchmark": "server peak RSS (VmHWM) after every page loaded once in Chromium",
            "size": size,
            "value": median("peak"),
            "unit": "MiB",
            "note": note + f"; RSS at the end {median('rss'):.0f} MiB",
        },
    ]
    labels = sorted({label for r in results for label in r["switches"]}, key=list(results[0]["switches"]).index)
    for label in labels:
        times = [r["switches"][label] for r in results if label in r["switches"]]
        rows.append(
            {
                "benchmark": f"page switch in Chromium (click → drawn): {label}",
                "size": size,
                "value": statistics.median(times),
                "unit": "s",
                "note": f"first visit of the page in a session; median of {len(times)}",
            }
        )
    return rows

"""Server CPU per first view, with and without nginx serving Streamlit's static bundle (issue 29, item 4).

One real `streamlit run app.py` on the seeded workbook and nginx in front of it, rendered from deploy/nginx.conf
(tests/proxy.py). A *first view* is a new headless Chromium context (an empty cache, as a phone opening the app for
the first time) that opens the overview and waits until it is drawn; a *returning view* opens it again in the same
context (its cache holds the bundle). Measured: the app server process's utime + stime (/proc/<pid>/stat, all
threads) from before the page opens until it is drawn, one view at a time, the median of the views — straight to the
app server, and through nginx (which answers /static/ itself). After one warm-up view per way (the dataset read and
the shared results), in the same run.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from tempfile import mkdtemp

from benchmarks.bench_concurrent_views import cpu_seconds
from services.i18n import t
from tests.e2e.harness import launch_chromium, run_server, seeded_workbook, wait_for_app
from tests.proxy import run_proxy


def _view(browser_context, url: str, pid: int) -> float:
    page = browser_context.new_page()
    try:
        before = cpu_seconds(pid)
        page.goto(url)
        wait_for_app(page, t("overview.title", "vi"))
        return cpu_seconds(pid) - before
    finally:
        page.close()


def run(quick: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    views = 3 if quick else 7
    workbook = seeded_workbook(Path(mkdtemp(prefix="bench-first-view-")) / "conference.xlsx")
    rows: list[dict] = []
    with (
        run_server({"CONFERENCE_WORKBOOK": str(workbook)}, timeout_s=60) as server,
        run_proxy([server.port]) as proxy,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            for way, url in (("straight to the app server", server.url), ("through nginx (static)", proxy.url)):
                warm = browser.new_context()
                _view(warm, url, server.pid)
                warm.close()
                first: list[float] = []
                returning: list[float] = []
                for _ in range(views):
                    context = browser.new_context()
                    first.append(_view(context, url, server.pid))
                    returning.append(_view(context, url, server.pid))
                    context.close()
                for kind, got in (("first view", first), ("returning view", returning)):
                    spread = f"{min(got):.3f}–{max(got):.3f} s over {views} views"
                    rows.append(
                        {
                            "benchmark": "app server CPU per view",
                            "size": f"seeded, {kind}, {way}",
                            "value": statistics.median(got),
                            "unit": "s",
                            "note": spread,
                        }
                    )
        finally:
            browser.close()
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)

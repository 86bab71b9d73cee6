"""Launching Debian's Chromium and waiting for a page to settle; the server itself starts in `tests/server.py`.

Shared by the e2e fixtures and the benchmarks (`run_server` and `Server` are re-exported from tests.server).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from services.setup.seed import seed_rows
from services.store.workbook import WorkbookStore
from tests.conftest import FIXED_TODAY
from tests.server import Server as Server
from tests.server import run_server as run_server

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 60_000  # a loaded 2-core CI machine takes tens of seconds for a first draw


def seeded_workbook(path: Path) -> Path:
    """The seeded plan data and demo roster, dated as the other tests are (FIXED_TODAY)."""
    WorkbookStore(path, seed=lambda: seed_rows(FIXED_TODAY)).load()
    return path


class ChromiumMissing(RuntimeError):
    """The browser the e2e tests need is not installed: a setup error, never a reason to skip."""


def chromium_path() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        raise ChromiumMissing(
            f"Chromium not found at {CHROMIUM}. The real-browser tests need Debian's browser: "
            "`apt-get install chromium` (.ci/run does this). Playwright never downloads a browser here."
        )
    return CHROMIUM


def rss_kib(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process in KiB, from /proc/<pid>/status (VmRSS, VmHWM)."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def launch_chromium(playwright, extra_args: list[str] | None = None):
    args = CHROMIUM_ARGS + list(extra_args or [])
    return playwright.chromium.launch(executable_path=chromium_path(), args=args, headless=True)


_SETTLED_JS = """([title, navLabel, needNav]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const nav = document.querySelector('[data-testid="stSidebarNav"]');
  if (needNav && !nav) return false;
  if (navLabel !== null) {
    const current = nav.querySelector('a[aria-current="page"] span[label]');
    if (!current || current.getAttribute('label') !== navLabel) return false;
  }
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.querySelector('[data-stale="true"]')) return false;
  const h1 = main.querySelector('h1');
  if (!h1) return false;
  return title === null || h1.textContent.trim().startsWith(title);
}"""


def wait_for_app(
    page, title: str | None = None, nav_label: str | None = None, timeout_ms: int = TIMEOUT_MS, nav: bool = True
) -> None:
    """Until the script finished, the sidebar navigation is drawn and the page's own h1 is shown.

    Right after load Streamlit may briefly report `notRunning` before the first run, and after a click it keeps the
    previous page's elements (marked stale) while the new one runs — so we require no stale element, the page's
    title (h1 starting with `title`) and, when given, the sidebar link `nav_label` marked as the current page.
    `nav=False` for a one-page app (e.g. only the sign-in page), where Streamlit draws no navigation at all.
    """
    page.wait_for_function(_SETTLED_JS, arg=[title, nav_label, nav], timeout=timeout_ms)


def settle(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """After an interaction: give Streamlit a moment to start the rerun, then wait until it has finished.

    Always follow with an assertion on the expected state (Playwright's `expect` retries) — this only avoids
    acting on a page that is still being redrawn.
    """
    page.wait_for_timeout(250)
    wait_for_app(page, timeout_ms=timeout_ms)


def open_page(
    page, base_url: str, url_path: str, title: str | None = None, nav_label: str | None = None, nav: bool = True
) -> None:
    page.goto(f"{base_url}/{url_path}", wait_until="domcontentloaded")
    wait_for_app(page, title, nav_label, nav=nav)


def click_nav(page, label: str, title: str | None = None) -> None:
    """Follow a sidebar navigation link by its visible label, as a user does."""
    page.locator(f'[data-testid="stSidebarNav"] a:has(span[label="{label}"])').click()
    wait_for_app(page, title, nav_label=label)


def choose(page, key: str, option_text: str) -> None:
    """Pick the option containing `option_text` in the st.selectbox with this key (a searchable combobox)."""
    box = key_locator(page, key).get_by_role("combobox")
    option = page.get_by_role("option").filter(has_text=option_text).first
    for attempt in range(3):  # a rerun that lands while the list is open redraws the box and closes the list
        box.click()
        box.fill(option_text)
        try:
            option.click(timeout=TIMEOUT_MS / 3)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)


def metric_value(page, label: str) -> str:
    """The shown value of the st.metric whose label is exactly `label`."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^{re.escape(label)}$"))
    )
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def key_locator(page, key: str):
    """The element of the widget with this `key=` (Streamlit ≥ 1.40 adds the CSS class `st-key-<key>`)."""
    return page.locator(f".st-key-{key}")


def dataframe_cells(page, index: int = 0) -> list[str]:
    """The cell texts of the n-th st.dataframe (row by row), from the grid's accessible table."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    grid.locator('table[role="grid"]').wait_for(state="attached")
    return grid.locator('[role="gridcell"]').all_inner_texts()


def safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]

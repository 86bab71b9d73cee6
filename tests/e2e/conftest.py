"""Fixtures for the real-browser tests: one server and one Chromium per module, a fresh page per test.

A missing Chromium or Playwright FAILS these tests with a clear message (CI installs Chromium): never a skip.
A failing test leaves a full-page screenshot and the server log tail in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.harness import (
    TIMEOUT_MS,
    ChromiumMissing,
    Server,
    chromium_path,
    launch_chromium,
    safe_name,
    seeded_workbook,
)

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        chromium_path()
    except ChromiumMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - requirements-dev.txt pins it
        pytest.fail(
            f"Playwright for Python is not installed ({exc}): pip install -r requirements-dev.txt", pytrace=False
        )
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # a loaded 2-core CI machine redraws slowly; failures still end in 30 s
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory) -> Path:
    return seeded_workbook(tmp_path_factory.mktemp("e2e") / "conference.xlsx")


@pytest.fixture
def page(request, browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    reports = (getattr(request.node, f"rep_{when}", None) for when in ("setup", "call"))
    if any(report is not None and report.failed for report in reports):
        _save_artifacts(request, tab)
    context.close()


def _save_artifacts(request, tab) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = safe_name(request.node.nodeid)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, timeout=10_000)
    except Exception as exc:  # the screenshot must never hide the real failure
        (ARTIFACTS / f"{name}.screenshot-error.txt").write_text(repr(exc))
    for fixture in ("server", "emulator_server"):
        server = request.node.funcargs.get(fixture)
        if isinstance(server, Server):
            (ARTIFACTS / f"{name}.server.log").write_text(server.log_tail(20_000))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report

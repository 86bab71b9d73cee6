"""Server-side render time of the Tổng quan page (AppTest) at 200 / 2,000 / 20,000 attendees, 5,000 nominations, 500 tasks.

Two figures per size: `warm` is a rerun with the dataset already in st.cache_data (what every visitor within the
cache TTL gets — the target, ≤ 1.0 s at 20,000 attendees); `cold` includes reading and validating the workbook
(once per TTL for all sessions). Medians of ≥ 5 runs.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import make_workbook

ROOT = Path(__file__).resolve().parent.parent
SIZES = (200, 2_000, 20_000)
NOMINATIONS, TASKS = 5_000, 500
TARGET_S = 1.0


@contextmanager
def restored_env() -> Iterator[None]:
    """open_page() points the environment at a synthetic workbook; put it back afterwards."""
    saved = {k: os.environ.get(k) for k in ("CONFERENCE_WORKBOOK", "CONFERENCE_TODAY")}
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def open_page(path: Path, page: str = "overview") -> AppTest:
    """The real app in AppTest on this workbook, switched to `page`, caches cleared (not yet run on that page)."""
    os.environ["CONFERENCE_WORKBOOK"] = str(path)
    os.environ["CONFERENCE_TODAY"] = "2026-11-25"
    os.environ.pop("GSHEETS_SPREADSHEET", None)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page(f"content/{page}.py")
    return at


def _measure(path: Path, runs: int) -> tuple[float, float]:
    at = open_page(path)
    at.run()  # warm-up: first draw imports plotly and builds the dataset
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    cold, warm = [], []
    for _ in range(runs):
        st.cache_data.clear()  # the next draw reads and validates the workbook again
        start = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - start)
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    return statistics.median(cold), statistics.median(warm)


def run(quick: bool = False) -> list[dict]:
    sizes = SIZES[:2] if quick else SIZES
    runs = 5
    rows: list[dict] = []
    with restored_env(), tempfile.TemporaryDirectory(prefix="bench-overview-") as tmp:
        for size in sizes:
            path = make_workbook(Path(tmp) / f"c{size}.xlsx", size, NOMINATIONS, TASKS)
            cold, warm = _measure(path, runs)
            label = f"{NOMINATIONS:,} nominations, {TASKS} tasks"
            rows.append(
                {
                    "benchmark": "overview render, warm (AppTest)",
                    "size": size,
                    "value": warm,
                    "unit": "s",
                    "note": label
                    + (
                        f"; target ≤ {TARGET_S} s: " + ("met" if warm <= TARGET_S else "MISSED")
                        if size == SIZES[-1]
                        else ""
                    ),
                }
            )
            rows.append(
                {
                    "benchmark": "overview render, cold (load + validate + draw)",
                    "size": size,
                    "value": cold,
                    "unit": "s",
                    "note": label,
                }
            )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

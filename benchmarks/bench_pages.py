"""Server-side render time of every page (AppTest, dataset cached) at 200 / 2,000 / 20,000 attendees.

Same synthetic workbooks as the overview benchmark (5,000 nominations, 500 tasks); a page's first draw (imports,
dataset, search keys) is a warm-up, then the median of 5 reruns — what a visitor gets within the cache TTL.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_overview import NOMINATIONS, SIZES, TASKS, open_page, restored_env
from benchmarks.synthetic import make_workbook

PAGES = ("tasks", "attendees", "nominations", "programme", "budget", "checkin", "seating", "documents", "data")
RUNS = 5


def _page_time(path: Path, page: str) -> float:
    at = open_page(path, page)
    at.run()  # warm-up
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    sizes = SIZES[:2] if quick else SIZES
    rows: list[dict] = []
    with restored_env(), tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        for size in sizes:
            path = make_workbook(Path(tmp) / f"p{size}.xlsx", size, NOMINATIONS, TASKS)
            for page in PAGES:
                rows.append(
                    {
                        "benchmark": f"page render, warm (AppTest): {page}",
                        "size": size,
                        "value": _page_time(path, page),
                        "unit": "s",
                        "note": f"{NOMINATIONS:,} nominations, {TASKS} tasks; median of {RUNS}",
                    }
                )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)

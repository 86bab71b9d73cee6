"""Attendee search, import check and seating at conference scale (up to 20,000 attendees)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import make_workbook
from services.people import importer, search, seating
from services.people.exports import to_csv, to_xlsx
from services.store.workbook import WorkbookStore
from services.validation import validate

RUNS = 5
QUERIES = ("nguyen van", "hoa", "van phong", "DB-12345", "0912")


def _median_ms(job, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def run(quick: bool = False) -> list[dict]:
    size = 2_000 if quick else 20_000
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workbook(Path(tmp) / "bench.xlsx", attendees=size, nominations=200, tasks=50)
        data = validate(WorkbookStore(path).load())
        people = data.frames["attendees"]

        def build_keys():
            search.search_keys(people.copy())

        rows.append(
            {
                "benchmark": "search: fold key column",
                "size": size,
                "value": _median_ms(build_keys),
                "unit": "ms",
                "note": "once per loaded dataset (cached by frame)",
            }
        )
        search.search_keys(people)
        for query in QUERIES:
            rows.append(
                {
                    "benchmark": f"search “{query}”",
                    "size": size,
                    "value": _median_ms(lambda q=query: search.search(people, q)),
                    "unit": "ms",
                    "note": "accent-insensitive, keys already built",
                }
            )
        export = data.raw["attendees"]
        rows.append(
            {
                "benchmark": "export XLSX",
                "size": size,
                "value": _median_ms(lambda: to_xlsx(export), 3),
                "unit": "ms",
                "note": "median of 3",
            }
        )
        rows.append(
            {
                "benchmark": "export CSV",
                "size": size,
                "value": _median_ms(lambda: to_csv(export)),
                "unit": "ms",
                "note": "",
            }
        )
        csv = to_csv(export.drop(columns=["id"]).head(size // 10))
        table = importer.read_table(csv, "x.csv")
        mapping = importer.guess_mapping(table.header)
        rows.append(
            {
                "benchmark": "import check (duplicates vs existing)",
                "size": size // 10,
                "value": _median_ms(lambda: importer.plan_import(table, mapping, export)),
                "unit": "ms",
                "note": f"file rows, against {size} existing",
            }
        )
        hall = seating.Hall(rows=60, seats_per_row=80, zones={"A": "leaders", "B": "honorees", "C": "guests"})
        rows.append(
            {
                "benchmark": "seating: automatic assignment",
                "size": size,
                "value": _median_ms(lambda: seating.assign(data, hall, include_pending=True), 3),
                "unit": "ms",
                "note": "4,800-seat hall, median of 3",
            }
        )
    return rows

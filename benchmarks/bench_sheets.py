"""Google Sheet backend through the local emulator: requests per refresh/edit/cached render, and big-sheet load time."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import gspread
from google.auth.credentials import AnonymousCredentials

from benchmarks.synthetic import make_workbook
from services.store.gsheets import GoogleSheetStore, SheetsHTTPClient
from services.store.transfer import read_workbook
from tests.sheets_emulator import SheetsEmulator

RUNS = 5


def _median_s(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _tabs(attendees: int, nominations: int) -> dict[str, list[list[str]]]:
    """The synthetic conference of benchmarks/synthetic.py (seeded plan + generated rows), every tab as text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workbook(Path(tmp) / "bench.xlsx", attendees, nominations, 60)
        return read_workbook(path)


def _naive_load(emulator: SheetsEmulator, key: str, titles: list[str]) -> None:
    """What a first gspread app usually does: open, then worksheet + get_all_records for every tab."""
    client = gspread.Client(AnonymousCredentials())
    client.http_client = SheetsHTTPClient(AnonymousCredentials(), api_root=emulator.base_url)
    book = client.open_by_key(key)
    for title in titles:
        book.worksheet(title).get_all_records()


def _cached_render_requests(emulator: SheetsEmulator, key: str) -> tuple[int, int]:
    """(requests of the first page render, requests of a second render within the TTL) with Streamlit's AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    saved = {k: os.environ.get(k) for k in ("SHEETS_EMULATOR_HOST", "GSHEETS_SPREADSHEET", "CONFERENCE_CACHE_TTL")}
    os.environ.update(SHEETS_EMULATOR_HOST=emulator.host, GSHEETS_SPREADSHEET=key, CONFERENCE_CACHE_TTL="600")
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
        emulator.reset_log()
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        first = emulator.count()
        emulator.reset_log()
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        return first, emulator.count()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        st.cache_data.clear()
        st.cache_resource.clear()


def run(quick: bool = False) -> list[dict]:
    attendees, nominations = (2_000, 500) if quick else (20_000, 5_000)
    size = f"{attendees} đại biểu + {nominations} đề cử"
    rows: list[dict] = []
    with SheetsEmulator() as emulator:
        tabs = _tabs(attendees, nominations)
        key = emulator.create("Hội nghị (benchmark)", tabs)
        store = GoogleSheetStore.for_emulator(emulator.host, key)

        emulator.reset_log()
        store.load()
        cold = emulator.count()
        emulator.reset_log()
        store.load()
        warm = emulator.count()
        emulator.reset_log()
        _naive_load(emulator, key, list(tabs))
        naive = emulator.count()
        rows += [
            {
                "benchmark": "sheets.requests_first_load",
                "size": size,
                "value": cold,
                "unit": "requests",
                "note": "metadata once per process + one values:batchGet",
            },
            {
                "benchmark": "sheets.requests_per_refresh",
                "size": size,
                "value": warm,
                "unit": "requests",
                "note": "one values:batchGet for all tabs",
            },
            {
                "benchmark": "sheets.requests_per_refresh_naive",
                "size": size,
                "value": naive,
                "unit": "requests",
                "note": "open_by_key + worksheet() + get_all_records() per tab",
            },
        ]

        store.ensure_schema()  # as after init-sheet: the hidden write journal exists before the first write
        snapshot = store.load()
        target = snapshot.get("attendees").rows[len(snapshot.get("attendees").rows) // 2][0]
        emulator.reset_log()
        store.update_row("attendees", target, {"seat": "A1"}, {"seat": ""}, user="bench")
        edit = emulator.count()
        emulator.reset_log()
        store.append_rows("attendees", [{"name": "Vi Thị Lan", "group": "khách mời"}], user="bench")
        append = emulator.count()
        rows += [
            {
                "benchmark": "sheets.requests_per_edit",
                "size": size,
                "value": edit,
                "unit": "requests",
                "note": "batchGet (header + ID and written columns) + batchUpdate (journal copy + cells + Nhật ký, atomic)",
            },
            {
                "benchmark": "sheets.requests_per_append",
                "size": size,
                "value": append,
                "unit": "requests",
                "note": "batchGet (header + ID column) + batchUpdate appendCells (journal + rows + Nhật ký, atomic)",
            },
        ]

        load_s = _median_s(store.load)
        naive_s = _median_s(lambda: _naive_load(emulator, key, list(tabs)))
        edit_s = _median_s(
            lambda: store.update_row("attendees", target, {"note": str(time.perf_counter())}, {}, user="bench")
        )
        rows += [
            {
                "benchmark": "sheets.load_time",
                "size": size,
                "value": round(load_s * 1000),
                "unit": "ms",
                "note": f"median of {RUNS}; GoogleSheetStore.load() through the emulator over HTTP",
            },
            {
                "benchmark": "sheets.load_time_naive",
                "size": size,
                "value": round(naive_s * 1000),
                "unit": "ms",
                "note": f"median of {RUNS}; open + worksheet + get_all_records per tab, same emulator, same run",
            },
            {
                "benchmark": "sheets.edit_time",
                "size": size,
                "value": round(edit_s * 1000),
                "unit": "ms",
                "note": f"median of {RUNS}; one logged, verified edit (locate by ID in the big tab + write)",
            },
        ]

        small = emulator.create("Hội nghị (trang)", _tabs(63, 20))
        first, cached = _cached_render_requests(emulator, small)
        rows += [
            {
                "benchmark": "sheets.requests_first_render",
                "size": "seeded plan",
                "value": first,
                "unit": "requests",
                "note": "AppTest, first page render in a fresh process",
            },
            {
                "benchmark": "sheets.requests_per_cached_render",
                "size": "seeded plan",
                "value": cached,
                "unit": "requests",
                "note": "AppTest, a second render within the cache TTL",
            },
        ]
    return rows


if __name__ == "__main__":
    import sys

    for row in run(quick="--quick" in sys.argv):
        print(f"{row['benchmark']:<40} {row['size']:<28} {row['value']:>8} {row['unit']:<9} {row['note']}")

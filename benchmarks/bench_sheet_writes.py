"""Edits on the Google Sheet through the emulator: the verified write (read the header, the ID column and the columns
it writes or checks, one atomic batch with the journal copy) against the first build's write (read the whole tab,
write by row index), same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime

from services.people import checkin
from services.schema import ATTENDEES, AUDIT
from services.store.gsheets import GoogleSheetStore
from tests.sheets_emulator import SheetsEmulator

RUNS = 7


def _median_ms(action: Callable[[int], object], runs: int = RUNS) -> float:
    times = []
    for n in range(runs):
        started = time.perf_counter()
        action(n)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def _people(count: int) -> list[list[object]]:
    rows: list[list[object]] = [ATTENDEES.headers]
    for i in range(1, count + 1):
        rows.append([f"DB-{i:05d}", f"Người {i}", "Nam", "Chuyên viên", "Văn phòng Sở", "công chức", "", "", "tham dự"])
    return rows


def _whole_tab_edit(store: GoogleSheetStore, row_id: str, note: str) -> None:
    """The first build's write: the whole tab in one read, then the cell by its row index (no verification)."""
    grid = store.session.batch_get([f"'{ATTENDEES.title}'"])[0]
    index = next(i for i, r in enumerate(grid) if r and r[0] == row_id)
    ref = store.session.tab_ref(ATTENDEES)
    col = ATTENDEES.headers.index("Ghi chú")
    request = {
        "updateCells": {
            "start": {"sheetId": ref.sheet_id, "rowIndex": index, "columnIndex": col},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": note}}]}],
            "fields": "userEnteredValue",
        }
    }
    store.http.batch_update(store.key, {"requests": [request]})


def run(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    sizes = (200, 2_000) if quick else (200, 20_000)
    with SheetsEmulator() as emulator:
        for size in sizes:
            key = emulator.create(
                "Hội nghị (benchmark)", {ATTENDEES.title: _people(size), AUDIT.title: [AUDIT.headers]}
            )
            store = GoogleSheetStore.for_emulator(emulator.host, key)
            store.ensure_schema()
            store.load()
            target = f"DB-{size // 2:05d}"
            label = f"{size} đại biểu"

            emulator.reset_log()
            store.update_row("attendees", target, {"note": "x"}, {}, user="bench")
            edit_requests = emulator.count()
            emulator.reset_log()
            checkin.check_in(store, f"DB-{size // 3:05d}", user="bench", now=datetime(2026, 12, 1, 8, 0, 0))
            checkin_requests = emulator.count()
            emulator.reset_log()
            store.load()
            refresh_requests = emulator.count()

            new_ms = _median_ms(
                lambda n, s=store, t=target: s.update_row("attendees", t, {"note": f"v{n}"}, {}, user="bench")
            )
            old_ms = _median_ms(lambda n, s=store, t=target: _whole_tab_edit(s, t, f"w{n}"))
            rows += [
                {
                    "benchmark": "sheet_writes.edit_ms",
                    "size": label,
                    "value": new_ms,
                    "unit": "ms",
                    "note": f"median of {RUNS}; verified edit: ID + written columns read, one batch with journal copy + log",
                },
                {
                    "benchmark": "sheet_writes.edit_ms_whole_tab",
                    "size": label,
                    "value": old_ms,
                    "unit": "ms",
                    "note": f"median of {RUNS}; first build: whole-tab read, write by index, no check, no log",
                },
                {
                    "benchmark": "sheet_writes.requests_per_edit",
                    "size": label,
                    "value": edit_requests,
                    "unit": "requests",
                    "note": "values:batchGet + spreadsheets:batchUpdate",
                },
                {
                    "benchmark": "sheet_writes.requests_per_check_in",
                    "size": label,
                    "value": checkin_requests,
                    "unit": "requests",
                    "note": "the same two: a check-in is a verified edit of “Có mặt”",
                },
                {
                    "benchmark": "sheet_writes.requests_per_refresh",
                    "size": label,
                    "value": refresh_requests,
                    "unit": "requests",
                    "note": "one values:batchGet of every schema tab",
                },
            ]
    return rows


if __name__ == "__main__":
    import sys

    for row in run(quick="--quick" in sys.argv):
        print(f"{row['benchmark']:<40} {row['size']:<16} {row['value']:>8} {row['unit']:<9} {row['note']}")

"""Honoree-list PDF at 100 / 1,000 / 10,000 rows (time, size; targets 1,000 rows ≤ 1 s and ≤ 300 KB), and fpdf2's
table() against our cell() loop for the same 1,000 rows. Medians of ≥ 5 runs."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from services.awards import honours
from services.documents.layout import DecreePage, Letterhead
from services.documents.lists import HONOREE_COLUMNS, honoree_list_pdf, honoree_rows
from services.seed import seed_rows
from services.store.workbook import WorkbookStore
from services.validation import Dataset, validate

TODAY = date(2026, 12, 5)


def _dataset() -> Dataset:
    path = Path(tempfile.mkdtemp()) / "bench.xlsx"
    store = WorkbookStore(path, seed=lambda: seed_rows(date(2026, 11, 25)))
    store.load()
    return validate(store.load())


def _honorees(data: Dataset, n: int) -> pd.DataFrame:
    base = honours.honoree_order(data)
    reps = -(-n // len(base))
    frame = pd.concat([base] * reps).iloc[:n].copy()
    frame["name"] = [f"{name} {i:05d}" for i, name in enumerate(frame["name"])]
    frame.index = [f"B{i}" for i in range(n)]
    return frame


def _median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _fpdf_table(rows: list[list[str]]) -> bytes:
    """The same rows through fpdf2's table() API (header repeated by its `repeat_headings` default)."""
    pdf = DecreePage(Letterhead())
    pdf._font("", 12)
    widths = tuple(c.weight for c in HONOREE_COLUMNS)
    with FPDF.table(pdf, col_widths=widths, line_height=5.3) as table:
        table.row([c.header for c in HONOREE_COLUMNS])
        for row in rows:
            table.row(row)
    return pdf.to_bytes()


def _cell_loop(rows: list[list[str]]) -> bytes:
    pdf = DecreePage(Letterhead())
    pdf.table(list(HONOREE_COLUMNS), rows)
    return pdf.to_bytes()


def run(quick: bool = False) -> list[dict]:
    data = _dataset()
    runs = 5
    out: list[dict] = []
    for n in (100, 1_000) if quick else (100, 1_000, 10_000):
        honorees = _honorees(data, n)
        seconds, pdf = _median(lambda h=honorees: honoree_list_pdf(data, TODAY, honorees=h), 3 if n >= 10_000 else runs)
        target = " (target ≤ 1 s)" if n == 1_000 else ""
        out.append({"benchmark": "honoree list PDF: time", "size": n, "value": round(seconds, 3), "unit": "s",
                    "note": f"median of {3 if n >= 10_000 else runs}{target}"})  # fmt: skip
        kb = round(len(pdf) / 1024)  # type: ignore[arg-type]
        out.append({"benchmark": "honoree list PDF: size", "size": n, "value": kb, "unit": "KB",
                    "note": "target ≤ 300 KB" if n == 1_000 else ""})  # fmt: skip
    rows = [r for r in honoree_rows(_honorees(data, 1_000)) if isinstance(r, list)]
    loop_s, _ = _median(lambda: _cell_loop(rows), runs)
    table_s, _ = _median(lambda: _fpdf_table(rows), runs)
    out.append({"benchmark": "1,000-row table: cell() loop", "size": 1_000, "value": round(loop_s, 3), "unit": "s",
                "note": f"median of {runs}; what the documents use"})  # fmt: skip
    out.append({"benchmark": "1,000-row table: fpdf2 table()", "size": 1_000, "value": round(table_s, 3), "unit": "s",
                "note": f"median of {runs}; {table_s / loop_s:.1f}× the loop"})  # fmt: skip
    return out


if __name__ == "__main__":
    for row in run():
        print(row)

"""Honoree list as PDF and as Word at 100 / 1,000 / 10,000 rows (time, size; targets at 1,000 rows: ≤ 1 s each, PDF
≤ 300 KB), the Quyết định (decision + its list) at 1,000 honorees in both formats, and the naive ways beside ours:
fpdf2's table() against our cell() loop, python-docx's add_row()/cell API against the one-piece table XML the Word
renderer writes. Medians of ≥ 3 runs."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from services.awards import honours
from services.documents import render
from services.documents.decision import reward_decision
from services.documents.docx_render import render_docx
from services.documents.layout import DecreePage, Letterhead
from services.documents.lists import HONOREE_COLUMNS, honoree_list, honoree_rows
from services.documents.model import Doc, Table
from services.setup.seed import seed_rows
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
    pdf.data_table(list(HONOREE_COLUMNS), rows)
    return pdf.to_bytes()


def _docx_cell_api(rows: list[list[str]]) -> bytes:
    """The same rows through python-docx's public table API, the way its documentation builds a table."""
    import io

    from docx import Document as new_word

    word = new_word()
    table = word.add_table(rows=1, cols=len(HONOREE_COLUMNS))
    table.style = word.styles["Table Grid"]
    for cell, column in zip(table.rows[0].cells, HONOREE_COLUMNS, strict=True):
        cell.text = column.header
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_xml(rows: list[list[str]]) -> bytes:
    return render_docx(Doc(Letterhead(), [Table(HONOREE_COLUMNS, rows)]))


def run(quick: bool = False) -> list[dict]:
    data = _dataset()
    runs = 5
    out: list[dict] = []
    for n in (100, 1_000) if quick else (100, 1_000, 10_000):
        honorees = _honorees(data, n)
        repeat = 3 if n >= 10_000 else runs
        target = " (target ≤ 1 s)" if n == 1_000 else ""
        for fmt, label in (("pdf", "PDF"), ("docx", "Word")):
            seconds, made = _median(lambda h=honorees, f=fmt: render(honoree_list(data, TODAY, honorees=h), f), repeat)
            out.append({"benchmark": f"honoree list {label}: time", "size": n, "value": round(seconds, 3), "unit": "s",
                        "note": f"median of {repeat}; model + render{target}"})  # fmt: skip
            kb = round(len(made) / 1024)  # type: ignore[arg-type]
            out.append({"benchmark": f"honoree list {label}: size", "size": n, "value": kb, "unit": "KB",
                        "note": "target ≤ 300 KB" if n == 1_000 and fmt == "pdf" else ""})  # fmt: skip
    approved = data.frames["nominations"].copy()
    big = _thousand_approved(data)
    for fmt, label in (("pdf", "PDF"), ("docx", "Word")):
        seconds, _ = _median(lambda f=fmt: render(reward_decision(big, TODAY), f), 3)
        out.append({"benchmark": f"Quyết định + danh sách {label}", "size": 1_000, "value": round(seconds, 3),
                    "unit": "s", "note": "median of 3; 1,000 approved honorees of the Director's forms (target ≤ 1 s)"})  # fmt: skip
    del approved
    rows = [r for r in honoree_rows(_honorees(data, 1_000)) if isinstance(r, list)]
    loop_s, _ = _median(lambda: _cell_loop(rows), runs)
    table_s, _ = _median(lambda: _fpdf_table(rows), runs)
    out.append({"benchmark": "1,000-row table: cell() loop", "size": 1_000, "value": round(loop_s, 3), "unit": "s",
                "note": f"median of {runs}; what the documents use"})  # fmt: skip
    out.append({"benchmark": "1,000-row table: fpdf2 table()", "size": 1_000, "value": round(table_s, 3), "unit": "s",
                "note": f"median of {runs}; {table_s / loop_s:.1f}× the loop"})  # fmt: skip
    xml_s, _ = _median(lambda: _docx_xml(rows), runs)
    api_s, _ = _median(lambda: _docx_cell_api(rows), 3)
    out.append({"benchmark": "1,000-row Word table: one-piece XML", "size": 1_000, "value": round(xml_s, 3),
                "unit": "s", "note": f"median of {runs}; what the Word renderer uses"})  # fmt: skip
    out.append({"benchmark": "1,000-row Word table: python-docx cell API", "size": 1_000, "value": round(api_s, 3),
                "unit": "s", "note": f"median of 3; {api_s / xml_s:.1f}× the XML"})  # fmt: skip
    return out


def _thousand_approved(data: Dataset) -> Dataset:
    """The seeded dataset with 1,000 approved nominations spread over the Director's forms."""
    import dataclasses

    forms = [f.name for f in honours.award_forms(data).values() if f.decider == "Giám đốc Sở"]
    base = data.frames["nominations"]
    frame = pd.concat([base] * (-(-1_000 // len(base)))).iloc[:1_000].copy()
    frame.index = [f"DC-B{i:04d}" for i in range(1_000)]
    frame["name"] = [f"Người được khen {i:04d}" for i in range(1_000)]
    frame["award"] = [forms[i % len(forms)] for i in range(1_000)]
    frame["kind"] = [("tập thể" if forms[i % len(forms)].startswith("Tập thể") else "cá nhân") for i in range(1_000)]
    frame["status"] = honours.APPROVED
    return dataclasses.replace(data, frames={**data.frames, "nominations": frame})


if __name__ == "__main__":
    for row in run():
        print(row)

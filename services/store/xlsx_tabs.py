"""Schema tabs and headers the app adds to a workbook, and the audit rows each logged write appends."""

from __future__ import annotations

from openpyxl.styles import Font, PatternFill

from services.schema import TABS
from services.schema import tab as schema_tab
from services.store.errors import TabMissing
from services.store.rows import build_row, fit_audit, missing_headers, split_header, split_tabs
from services.store.xlsx_book import Book


def append_audit(book: Book, entries: list[dict[str, str]]) -> None:
    """Log rows go into the same workbook save as the change they describe (created with its tab if missing)."""
    spec = schema_tab("audit")
    try:
        ws, data = book.sheet(spec)
    except TabMissing:
        ensure_tabs(book)
        ws, data = book.sheet(spec)
    start = len(data.rows) + 2
    for offset, values in enumerate(fit_audit(data.header, entries)):
        book.put_row(ws, start + offset, spec, data.header, build_row(spec, data, values))


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def ensure_tabs(book: Book) -> list[str]:
    """Add missing tabs and headers at the end; never rename, reorder or delete what staff made."""
    wb = book.wb
    report: list[str] = []
    present, _ = split_tabs({name: ([], []) for name in wb.sheetnames})
    for spec in TABS:
        if spec.key not in present:
            ws = wb.create_sheet(spec.title)
            book.reshaped = True
            header: list[str] = []
            report.append(f"Đã tạo trang “{spec.title}”.")
        else:
            ws = wb[present[spec.key].title]
            header, _ = split_header(book.texts(ws)[:1])  # the table's header, not row 1 up to max_column
        absent = missing_headers(spec, header)
        if not absent:
            continue
        start = len(header) + 1
        for offset, text in enumerate(absent):
            c = book.put_header(ws, start + offset, text)
            c.font, c.fill = HEADER_FONT, HEADER_FILL
            ws.column_dimensions[c.column_letter].width = max(12, min(40, len(text) + 6))
        ws.freeze_panes = "A2"
        if header:
            report.append(f"Trang “{ws.title}”: đã thêm cột {', '.join(absent)}.")
    return report

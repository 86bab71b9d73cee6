"""Schema tabs and headers the app adds to a workbook, and the workbook as `row_writes`' working copy."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from services.schema import TABS, Tab
from services.store.cells import Typed, text_of
from services.store.rows import TabData, missing_headers, split_header, split_tabs
from services.store.xlsx_book import Book


@dataclass
class WorkbookTab:
    """One tab of the locked workbook (`row_writes.RowTab`): data row i is sheet row i + 2, column c is c + 1."""

    book: Book
    ws: Worksheet
    data: TabData

    def put(self, index: int, col: int, value: Typed) -> str:
        self.book.put(self.ws, index + 2, col + 1, value)  # CellProtected on a staff formula or a merged cell
        return text_of(value.value)

    def delete(self, index: int, row_id: str) -> None:
        self.book.delete_row(self.ws, index + 2, row_id)


@dataclass
class WorkbookRows:
    """The workbook of one locked write as `row_writes.RowBook`."""

    book: Book

    def tab(self, spec: Tab) -> WorkbookTab:
        ws, data = self.book.sheet(spec)
        return WorkbookTab(self.book, ws, data)

    def ensure_tabs(self) -> list[str]:
        return ensure_tabs(self.book)


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

"""One locked read-modify-write of the workbook: typed cell writes, guarded staff formulas and merges, row deletes
that move formulas, merges and row heights along, and a save that keeps the cached results a write cannot affect.

A tab is read as its table, never by openpyxl's `max_row`/`max_column`: one keystroke at row 1,048,576 or in column
XFD makes those the whole sheet, and iterating that grid creates a cell object for every position (a minute and
gigabytes per write). See `bounded_grid` for where a table ends.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from services.parsing import clean
from services.schema import Tab
from services.store.cells import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    NUMBER_FORMAT,
    TIME_FORMAT,
    Typed,
    kind_of,
    text_of,
    typed,
)
from services.store.errors import CellProtected, FormulaWouldBreak, TabMissing
from services.store.retype import Formula, cell_ref
from services.store.rows import TabData, cell, column_map, split_header, split_tabs
from services.store.xlsx_file import missing_sheet_parts
from services.store.xlsx_formulas import (
    Coord,
    Deletion,
    Result,
    formula_results,
    inject_results,
    references,
    result_value,
    touches,
)

# --- where a tab's table ends ---------------------------------------------------------------

ROW_GAP = 10_000  # more blank rows than this end the table
COLUMN_GAP = 256  # more blank columns than this end it on the right


def bounded_grid(rows: Iterable[tuple[int, list[str]]]) -> list[list[str]]:
    """A tab's rows (sheet row number ascending, each row's cell texts from column A) cut to its table.

    The table ends at its last non-blank row before more than ROW_GAP blank rows, and at its last non-blank column
    before more than COLUMN_GAP blank columns. Whatever lies beyond — one "x" typed at row 1,048,576 or in column
    XFD — stays in the file untouched (staff data is never dropped) but is not read, so it costs no time; `rows`
    is consumed only up to the first row past the gap. Blank means empty once cleaned, so a lone space does not
    stretch the table. Every row of the result has the table's width; rows missing from `rows` come back blank.
    """
    kept: list[tuple[int, list[str]]] = []
    last = 0
    for number, texts in rows:
        if number > last + ROW_GAP + 1:
            break
        if any(texts):
            kept.append((number, texts))
            last = number
    width = 0
    for column in sorted({c for _, texts in kept for c, text in enumerate(texts, start=1) if text}):
        if column > width + COLUMN_GAP + 1:
            break
        width = column
    grid = [[""] * width for _ in range(last)]
    for number, texts in kept:
        row = texts[:width]
        grid[number - 1] = row + [""] * (width - len(row))
    return grid


# --- one read-modify-write ------------------------------------------------------------------


class Book:
    """The workbook for one locked write, plus what it takes to save it without harming staff's formulas."""

    def __init__(self, wb: Workbook, results: dict[str, dict[Coord, Result]]) -> None:
        self.wb = wb
        self.results = results  # sheet title → formula cell → its cached result, in current coordinates
        self.written: dict[str, set[Coord]] = {}  # cells this write changed
        self.stale: dict[str, set[Coord]] = {}  # formula cells whose result this write may have changed
        self.reshaped = False  # a row deleted or a tab added
        self.strays: dict[str, set[Coord]] = {}  # whitespace-only cells outside a table read by this write

    @property
    def touched(self) -> bool:
        return self.reshaped or any(self.written.values())

    @classmethod
    def open(cls, content: bytes) -> Book:
        """The workbook in `content`; any of `xlsx_file.DAMAGE` if the file is damaged (nothing is changed then)."""
        missing = missing_sheet_parts(zipfile.ZipFile(io.BytesIO(content)))
        if missing:
            raise KeyError(f"missing part {', '.join(missing)}")
        return cls(load_workbook(io.BytesIO(content)), formula_results(content))

    # reading, as `load()` would see it

    def sheet(self, spec: Tab) -> tuple[Worksheet, TabData]:
        tabs, _ = split_tabs({name: ([], []) for name in self.wb.sheetnames})
        if spec.key not in tabs:
            raise TabMissing(spec.title)
        ws = self.wb[tabs[spec.key].title]
        header, rows = split_header(self.texts(ws))
        return ws, TabData(title=ws.title, header=header, rows=rows)

    def texts(self, ws: Worksheet) -> list[list[str]]:
        """The tab's table as text (see `bounded_grid`), read from the cells that exist — none are created."""
        return self._table(ws)[0]

    def cells(self, ws: Worksheet) -> list[list[Cell | MergedCell | None]]:
        """The tab's table as its cells, None where no cell exists (none are created)."""
        grid, by_row = self._table(ws)
        width = len(grid[0]) if grid else 0
        return [[by_row.get(r, {}).get(c) for c in range(1, width + 1)] for r in range(1, len(grid) + 1)]

    def _table(self, ws: Worksheet) -> tuple[list[list[str]], dict[int, dict[int, Cell | MergedCell]]]:
        by_row: dict[int, dict[int, Cell | MergedCell]] = {}
        for (r, c), target in ws._cells.items():
            by_row.setdefault(r, {})[c] = target

        def rows() -> Iterator[tuple[int, list[str]]]:
            for r in sorted(by_row):
                found = by_row[r]
                texts = [""] * max(found)
                for c, target in found.items():
                    if target.value is not None:
                        texts[c - 1] = text_of(self.value(ws, target))
                yield r, texts

        grid = bounded_grid(rows())
        height, width = len(grid), len(grid[0]) if grid else 0
        strays = self.strays.setdefault(ws.title, set())
        for r, found in by_row.items():
            if r > height or max(found) > width:
                strays.update((r, c) for c, t in found.items() if (r > height or c > width) and _blank_text(t))
        return grid, by_row

    def value(self, ws: Worksheet, target: Cell | MergedCell) -> object:
        """The cell's value; for a formula its last computed result (what a data-only read gives), not its text."""
        if target.data_type != "f":
            return target.value
        result = self.results.get(ws.title, {}).get((target.row, target.column))
        return result_value(result, target.number_format, self.wb.epoch) if result else None

    # writing

    def put(self, ws: Worksheet, row: int, col: int, value: Typed) -> None:
        """Write one cell, or refuse (CellProtected) if it holds a staff formula or sits inside a merged range."""
        target = ws.cell(row=row, column=col)
        if isinstance(target, MergedCell):
            merged = next((str(r) for r in ws.merged_cells.ranges if target.coordinate in r), "?")
            top_left = merged.split(":")[0]
            raise CellProtected(
                f"Ô {cell_ref(ws.title, target.coordinate)} nằm trong vùng ô gộp {merged}; chỉ ghi được vào ô đầu "
                f"của vùng ({top_left}). Chưa ghi gì — hãy bỏ gộp ô {merged} trong bảng tính rồi lưu lại."
            )
        if target.data_type == "f":
            formula = target.value.text if isinstance(target.value, ArrayFormula) else target.value
            raise CellProtected(
                f"Ô {cell_ref(ws.title, target.coordinate)} chứa công thức “{formula}” do người dùng đặt; ứng dụng "
                "không ghi đè công thức. Chưa ghi gì — hãy sửa ô này trực tiếp trong bảng tính."
            )
        _write_typed(target, value)
        self.written.setdefault(ws.title, set()).add((row, col))

    def put_grid(self, ws: Worksheet, spec: Tab | None, grid: Sequence[Sequence[object]]) -> None:
        """Cells copied from another store: typed in a schema tab's schema columns, literal text elsewhere."""
        header = [text_of(v) for v in grid[0]] if grid else []
        positions = column_map(spec, header) if spec else {}
        keys = {v: k for k, v in positions.items()}
        for r, row in enumerate(grid, start=1):
            texts = [text_of(v) for v in row]
            row_id = cell(texts, positions["id"]) if "id" in positions else ""
            for c, text in enumerate(texts, start=1):
                if not text:
                    continue
                key = keys.get(c - 1) if r > 1 else None
                self.put(ws, r, c, typed(kind_of(spec, key, row_id), text) if spec and key else Typed(text, "text"))

    def put_header(self, ws: Worksheet, col: int, text: str) -> Cell:
        self.put(ws, 1, col, Typed(text, "text"))
        return ws.cell(row=1, column=col)

    def delete_row(self, ws: Worksheet, row: int, label: str) -> None:
        """Delete one sheet row as a spreadsheet program would: formulas, merges and row heights follow."""
        deleted = Deletion(ws.title, row)
        self.reshaped = True
        edits = self._translate_formulas(deleted, label)
        names = self._translate_names(deleted, label)
        for target, text in edits:
            if isinstance(target.value, ArrayFormula):
                target.value.text = text
                if target.parent.title == ws.title:
                    target.value.ref = deleted.shift_area_text(target.value.ref) or target.value.ref
            else:
                target.value = text
        for holder, name, text in names:
            holder[name].attr_text = text

        merges = _shift_merges(ws, row)
        ws.delete_rows(row)
        for min_col, min_row, max_col, max_row in merges:
            if (min_row, min_col) != (max_row, max_col):
                ws.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row, end_column=max_col)
        _shift_row_dimensions(ws, row)
        for moved in ws._cells.values():
            if moved.hyperlink is not None:  # openpyxl keeps the old coordinate: the link would land on another row
                moved.hyperlink.ref = moved.coordinate

        title = ws.title
        if title in self.results:
            self.results[title] = {
                moved: result for at, result in self.results[title].items() if (moved := _shifted(at, row))
            }
        for cells in (self.written, self.stale, self.strays):
            if title in cells:
                cells[title] = {moved for at in cells[title] if (moved := _shifted(at, row))}

    def _translate_formulas(self, deleted: Deletion, label: str) -> list[tuple[Cell, str]]:
        edits: list[tuple[Cell, str]] = []
        for ws in self.wb.worksheets:
            for target in list(ws._cells.values()):
                if target.data_type != "f" or (ws.title == deleted.title and target.row == deleted.row):
                    continue
                value = target.value
                text = value.text if isinstance(value, ArrayFormula) else value
                if not isinstance(text, str):
                    continue
                new, broken, touched = deleted.translate(text, ws.title)
                if broken:
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: công thức “{text}” ở ô "
                        f"{cell_ref(ws.title, target.coordinate)} tham chiếu ô {broken} của dòng này, xóa dòng sẽ "
                        "làm công thức báo lỗi #REF!. Chưa xóa gì — hãy sửa công thức trong bảng tính trước."
                    )
                if isinstance(value, ArrayFormula) and deleted.spans_area(ws.title, value.ref):
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: dòng này cắt ngang công thức "
                        f"mảng ở {cell_ref(ws.title, value.ref)}. Chưa xóa gì — hãy sửa công thức trong bảng tính trước."
                    )
                if touched:
                    self.stale.setdefault(ws.title, set()).add((target.row, target.column))
                moves = isinstance(value, ArrayFormula) and ws.title == deleted.title and target.row > deleted.row
                if new != text or moves:
                    edits.append((target, new))
        return edits

    def _translate_names(self, deleted: Deletion, label: str) -> list[tuple[dict[str, Any], str, str]]:
        edits: list[tuple[dict[str, Any], str, str]] = []  # (openpyxl's DefinedNameDict, name, new text)
        holders = [self.wb.defined_names] + [ws.defined_names for ws in self.wb.worksheets]
        for holder in holders:
            for name, defined in holder.items():
                text = defined.attr_text or ""
                new, broken, _ = deleted.translate("=" + text, None)
                if broken:
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: tên vùng “{name}” ({text}) "
                        f"trỏ vào ô {broken} của dòng này. Chưa xóa gì — hãy sửa tên vùng trong bảng tính trước."
                    )
                if new[1:] != text:
                    edits.append((holder, name, new[1:]))
        return edits

    # saving

    def to_bytes(self) -> bytes:
        self._drop_empty_cells()
        formulas = self._formula_cells()
        self._drop_changed_results(formulas)
        if formulas:
            # Excel recomputes everything on open; LibreOffice computes the results we leave empty.
            self.wb.calculation.fullCalcOnLoad = True
        buffer = io.BytesIO()
        self.wb.save(buffer)
        content = buffer.getvalue()
        keep = {
            title: {coord: result for coord, result in results.items() if coord in formulas.get(title, {})}
            for title, results in self.results.items()
        }
        return inject_results(content, keep) if any(keep.values()) else content

    def _drop_empty_cells(self) -> None:
        """Blank out whitespace-only cells outside a table (a stray space at row 1,048,576 makes Excel and openpyxl
        think the sheet is that long), then forget cells that hold nothing at all — no value, style, note or link —
        so the saved sheet does not list an empty row element for each of them. Nothing visible changes."""
        for title, coords in self.strays.items():
            ws = self.wb[title] if title in self.wb.sheetnames else None
            for coord in coords:
                target = ws._cells.get(coord) if ws is not None else None
                if target is not None and _blank_text(target):
                    target.value = None
        for ws in self.wb.worksheets:
            empty = [
                coord
                for coord, target in ws._cells.items()
                if target._value is None
                and not isinstance(target, MergedCell)
                and not target.has_style
                and target._comment is None
                and target._hyperlink is None
            ]
            for coord in empty:
                del ws._cells[coord]

    def _formula_cells(self) -> dict[str, dict[Coord, str]]:
        found: dict[str, dict[Coord, str]] = {}
        for ws in self.wb.worksheets:
            for target in ws._cells.values():
                if target.data_type == "f":
                    value = target.value
                    text = value.text if isinstance(value, ArrayFormula) else value
                    found.setdefault(ws.title, {})[(target.row, target.column)] = text if isinstance(text, str) else ""
        return found

    def _drop_changed_results(self, formulas: dict[str, dict[Coord, str]]) -> None:
        """Forget every cached result that a cell this write changed may feed into, directly or via other formulas."""
        changed: dict[str, set[Coord]] = {}
        for table in (self.written, self.stale):
            for title, coords in table.items():
                changed.setdefault(title.casefold(), set()).update(coords)
        for title, coords in self.stale.items():
            for coord in coords:
                self.results.get(title, {}).pop(coord, None)
        if not any(changed.values()):
            return
        # Every formula takes part, cached or not: one without a result still passes a change on to its readers.
        pending = [
            (title, coord, references(text, title, self.wb))
            for title, cells in formulas.items()
            for coord, text in cells.items()
        ]
        progress = True
        while progress:
            progress = False
            for item in list(pending):
                title, coord, refs = item
                if refs is None or any(touches(ref, changed) for ref in refs):
                    self.results.get(title, {}).pop(coord, None)
                    changed.setdefault(title.casefold(), set()).add(coord)
                    pending.remove(item)
                    progress = True


def _blank_text(target: Cell | MergedCell) -> bool:
    """A cell holding only blanks ("  ", a no-break space): what the app reads as empty, yet stored as a value."""
    value = target.value
    return isinstance(value, str) and bool(value) and target.data_type != "f" and not clean(value)


def raw_value(target: Cell | MergedCell | None) -> object:
    """A cell as the backend-neutral retype planner wants it: formulas marked, everything else as stored."""
    if target is None:
        return None
    if target.data_type == "f":
        value = target.value
        return Formula(value.text if isinstance(value, ArrayFormula) else str(value))
    return target.value


def _write_typed(target: Cell, value: Typed) -> None:
    before = target.number_format
    if value.is_text:
        target.value = value.value or None
        if value.value:
            target.data_type = "s"  # "=…", "+1", "#N/A" typed by staff stay text (RAW input, as on the Google Sheet)
        if before in _APP_FORMATS:
            target.number_format = "General"
        return
    target.value = value.value
    target.number_format = before if _fits(before, value.kind) else value.pattern


_APP_FORMATS = {DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, NUMBER_FORMAT, MONEY_FORMAT}


def _fits(pattern: str, kind: str) -> bool:
    """Keep a format staff chose for this cell if it shows this kind of value fully (e.g. '#,##0 "đ"')."""
    if not pattern or pattern == "General" or pattern in _APP_FORMATS or pattern == "@":
        return False
    lowered = pattern.lower()
    has_day, has_hour = ("d" in lowered or "y" in lowered), "h" in lowered
    if kind == "number":
        return not is_date_format(pattern)
    if not is_date_format(pattern):
        return False
    return {"date": has_day and not has_hour, "datetime": has_day and has_hour, "time": has_hour and not has_day}[kind]


# --- row deletion: merges, row heights ------------------------------------------------------


def _shift_merges(ws: Worksheet, row: int) -> list[tuple[int, int, int, int]]:
    """Unmerge every range at or below `row`; return them as they must be re-merged after the delete."""
    again: list[tuple[int, int, int, int]] = []
    for merged in list(ws.merged_cells.ranges):
        min_col, min_row, max_col, max_row = merged.bounds
        if max_row < row:
            continue
        ws.unmerge_cells(str(merged))
        if min_row > row:
            again.append((min_col, min_row - 1, max_col, max_row - 1))
        elif min_row == max_row:
            continue  # the merge lived on the deleted row only: it goes with the row
        else:
            if min_row == row:
                # The value sits in the top-left cell, on the deleted row: it belongs to the rows that stay.
                source, dest = ws.cell(row=row, column=min_col), ws.cell(row=row + 1, column=min_col)
                dest._value, dest.data_type = source._value, source.data_type
                dest._style = copy(source._style)
                dest.comment = source.comment  # openpyxl copies a comment that is bound to another cell
                if source.hyperlink is not None:
                    dest.hyperlink = source.hyperlink
            again.append((min_col, min_row, max_col, max_row - 1))
    return again


def _shift_row_dimensions(ws: Worksheet, row: int) -> None:
    dims = ws.row_dimensions
    below = sorted(i for i in dims if i >= row)
    saved = {i: dims[i] for i in below}
    for i in below:
        del dims[i]
    for i, dim in saved.items():
        if i > row:
            dim.index = i - 1
            dims[i - 1] = dim


def _shifted(at: Coord, row: int) -> Coord | None:
    """Where cell (r, c) is after sheet row `row` is deleted; None for a cell of that row."""
    r, c = at
    return None if r == row else (r - 1 if r > row else r, c)

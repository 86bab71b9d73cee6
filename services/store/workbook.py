"""The local workbook backend: an .xlsx with the same tabs as the Google Sheet, written atomically under a lock.

Staff open the same file in Excel or LibreOffice and add their own formulas, merged cells and notes, so every app
write goes through `xlsx_book.Book`, which:

- writes schema columns as typed cells (numbers, dates, date-times, times; everything else literal text);
- never overwrites a staff formula or a cell hidden inside a merged range (the write is refused, nothing is saved);
- on a row delete, shifts staff formula references, merged ranges and row heights the way a spreadsheet program
  would (openpyxl does none of this), and refuses a delete that would turn a formula into #REF!;
- keeps the last computed result of every staff formula the write cannot have affected. openpyxl drops all cached
  results when it saves; without them the app reads those cells as blank. Results the write may have changed are
  left empty instead, so Excel and LibreOffice compute them afresh on open (LibreOffice never recalculates an .xlsx
  that carries results, so a stale one would stay on screen). Until then the app reads such a cell as blank.

A damaged file (not a zip, a part missing or cut short, unreadable XML or styles) is a `DamagedWorkbook` naming the
part, on every read and before any write starts — the file is left byte for byte as it is. Before each write the
workbook as it was (just opened, so known good) becomes the rolling backup `<name>.bak` next to it (see
`xlsx_file`); the damaged-file message tells staff to copy it over the damaged file.

A tab is read as its table (`xlsx_book.bounded_grid`): a stray keystroke far below or to the right of the data
costs nothing, is kept if it holds a value, and is blanked on the next save if it is only whitespace.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from filelock import FileLock, Timeout
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from services.schema import TAB_BY_KEY, TABS
from services.schema import tab as schema_tab
from services.store import BackendInfo, RowUpdate, row_writes
from services.store.cells import text_of
from services.store.disk import WRITE_ERRORS, explain
from services.store.errors import (
    BackendUnavailable,
    CellProtected,
    DamagedWorkbook,
    FormulaWouldBreak,
    StoreError,
)
from services.store.retype import Change, plan_retype
from services.store.rows import (
    Snapshot,
    split_header,
    split_tabs,
)
from services.store.xlsx_book import Book, bounded_grid, raw_value
from services.store.xlsx_file import DAMAGE, damaged, keep_backup, missing_sheet_parts, write_atomically
from services.store.xlsx_tabs import WorkbookRows, ensure_tabs

# CellProtected and FormulaWouldBreak are defined in services.store.errors; re-exported for callers of this store.
__all__ = [
    "DEFAULT_PATH",
    "LOCK_TIMEOUT_S",
    "CellProtected",
    "DamagedWorkbook",
    "FormulaWouldBreak",
    "WorkbookStore",
    "cell_text",
    "replace_tabs",
]

DEFAULT_PATH = Path("data") / "conference.xlsx"
LOCK_TIMEOUT_S = 15


def cell_text(value: object) -> str:
    """A stored cell as the text staff would see (the shared rule of services.store.cells)."""
    return text_of(value)


def sheet_texts(ws: ReadOnlyWorksheet) -> list[list[str]]:
    """A read-only tab's table as text (see `bounded_grid`), never padded to the size the file claims.

    The stored size says A1:XFD1048576 after one stray keystroke; read by it, every row would be padded to 16,384
    cells and every gap filled with empty rows. Only the rows up to the end of the table are parsed."""
    ws.reset_dimensions()
    source = ws.iter_rows(values_only=True)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(source, start=1):
            yield number, ["" if value is None else cell_text(value) for value in row]

    try:
        return bounded_grid(rows())
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()  # stop parsing the rest of the sheet


class WorkbookStore:
    """Reads are cached by file stamp; every write re-reads the file under the lock, so no edit is clobbered."""

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_PATH,
        seed: Callable[[], Mapping[str, list[dict[str, str]]]] | None = None,
    ) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._seed = seed
        self._cached: tuple[tuple[int, int], Snapshot] | None = None
        self._location: str | None = None

    # --- reading ----------------------------------------------------------------------------

    def info(self) -> BackendInfo:
        if self._location is None:  # resolved once: every page run asks (Path.resolve walks the path each time)
            self._location = str(self.path.resolve())
        return BackendInfo(kind="workbook", title=self.path.name, location=self._location)

    def load(self) -> Snapshot:
        """Every schema tab as text; DamagedWorkbook (naming the part and the backup) if the file is damaged."""
        self._create_if_missing()
        try:
            stat_ = self.path.stat()
            stamp = (stat_.st_mtime_ns, stat_.st_size)
            if self._cached and self._cached[0] == stamp:
                cached = self._cached[1]
                return Snapshot(tabs=cached.tabs, other_tabs=cached.other_tabs)
            content = self.path.read_bytes()
        except OSError as exc:
            raise BackendUnavailable(f"Không đọc được tệp dữ liệu “{self.path}”: {exc}") from exc
        try:
            values = self._read_values(content)
        except DAMAGE as exc:
            raise damaged(self.path, content, exc) from exc
        tabs, others = split_tabs({title: split_header(grid) if grid else ([], []) for title, grid in values})
        snapshot = Snapshot(tabs=tabs, other_tabs=others)
        self._cached = (stamp, snapshot)
        return snapshot

    @staticmethod
    def _read_values(content: bytes) -> list[tuple[str, list[list[str]] | None]]:
        """(title, table text) of every tab, in order; staff's own tabs are listed but not read (None)."""

        def schema_titles(titles: list[str]) -> set[str]:
            schema, _ = split_tabs({title: ([], []) for title in titles})
            return {data.title for data in schema.values()}

        return read_tab_texts(content, schema_titles)

    # --- writing ----------------------------------------------------------------------------

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        spec = schema_tab(tab)
        self._mutate(lambda book: row_writes.update_row(WorkbookRows(book), spec, row_id, changes, expected, user))

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Several `update_row`s in one locked read-modify-write (the door's coalesced check-ins): per item None
        (done) or its own error (Conflict, RowNotFound, …), which leaves the others unaffected."""
        spec = schema_tab(tab)
        results: list[StoreError | None] = []
        self._mutate(lambda book: results.extend(row_writes.update_rows(WorkbookRows(book), spec, items)))
        return results

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """The file itself refuses nobody (`GuardedStore` asks the role)."""

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        ids: list[str] = []
        self._mutate(lambda book: ids.extend(row_writes.append_rows(WorkbookRows(book), spec, rows, user)))
        return ids

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)
        self._mutate(lambda book: row_writes.delete_row(WorkbookRows(book), spec, row_id, expected, user))

    def ensure_schema(self) -> list[str]:
        report: list[str] = []

        def apply(book: Book) -> None:
            report.extend(ensure_tabs(book))

        self._mutate(apply)
        return report

    def retype(self) -> list[tuple[str, Change]]:
        """Turn number/date/time text in schema columns into typed cells; (tab title, change) for each one."""
        done: list[tuple[str, Change]] = []

        def apply(book: Book) -> None:
            tabs, _ = split_tabs({name: ([], []) for name in book.wb.sheetnames})
            for spec in TABS:
                if spec.key not in tabs:
                    continue
                ws = book.wb[tabs[spec.key].title]
                grid = [[raw_value(c) for c in row] for row in book.cells(ws)]
                if not grid:
                    continue
                header, _ = split_header(book.texts(ws)[:1])
                for change in plan_retype(spec, header, grid[1:]):
                    book.put(ws, change.row, change.column, change.cell)
                    done.append((ws.title, change))

        self._mutate(apply)
        return done

    # --- internals --------------------------------------------------------------------------

    def _create_if_missing(self) -> None:
        if self.path.exists():
            return
        try:
            with self._locked():
                if self.path.exists():
                    return
                wb = Workbook()
                wb.remove(wb.active)
                book = Book(wb, {})
                ensure_tabs(book)
                if self._seed is not None:
                    row_writes.seed(WorkbookRows(book), self._seed())
                write_atomically(self.path, book.to_bytes())
        except Timeout as exc:
            raise BackendUnavailable(
                f"Tệp dữ liệu “{self.path.name}” đang bị khóa bởi người khác. Hãy thử lại sau giây lát."
            ) from exc
        except WRITE_ERRORS as exc:
            raise explain(exc, "tệp dữ liệu", self.path) from exc

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock

    def _mutate(self, apply: Callable[[Book], None]) -> None:
        """One locked read-modify-write. A damaged file is refused before anything is written (DamagedWorkbook);
        otherwise the file as it was becomes the backup `<name>.bak` just before the new one replaces it."""
        self._create_if_missing()
        try:
            with self._locked():
                # Always start from the file as it is now: staff (or another desk) may have saved since our read.
                content = self.path.read_bytes()
                book = _open_book(self.path, content)
                apply(book)
                if book.touched:
                    new = book.to_bytes()
                    keep_backup(self.path, content)
                    write_atomically(self.path, new)
        except Timeout as exc:
            raise BackendUnavailable(
                f"Tệp dữ liệu “{self.path.name}” đang bị khóa bởi người khác. Hãy thử lại sau giây lát."
            ) from exc
        except WRITE_ERRORS as exc:
            raise explain(exc, "tệp dữ liệu", self.path) from exc
        finally:
            self._cached = None


def read_tab_texts(
    content: bytes, choose: Callable[[list[str]], set[str]] | None = None
) -> list[tuple[str, list[list[str]] | None]]:
    """(title, table text) of every tab of an .xlsx, in order — only the tabs `choose(titles)` picks (else None),
    all when no `choose`. A damaged file raises one of xlsx_file.DAMAGE, a missing sheet part included."""
    missing = missing_sheet_parts(zipfile.ZipFile(io.BytesIO(content)))
    if missing:
        raise KeyError(f"missing part {', '.join(missing)}")
    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        titles = [ws.title for ws in wb.worksheets]
        wanted = set(titles) if choose is None else choose(titles)
        return [(ws.title, sheet_texts(ws) if ws.title in wanted else None) for ws in wb.worksheets]
    finally:
        wb.close()


def _open_book(path: Path, content: bytes) -> Book:
    try:
        return Book.open(content)
    except DAMAGE as exc:
        raise damaged(path, content, exc) from exc


def replace_tabs(path: Path, grids: Mapping[str, Sequence[Sequence[object]]]) -> None:
    """Replace these tabs' cells (other tabs untouched), under the app's lock and with the app's safe save.

    Schema columns of schema tabs become typed cells, everything else literal text ("=x" is not a formula, "0912"
    keeps its 0); staff formulas elsewhere that read these tabs are left for the spreadsheet program to recompute.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
        content = path.read_bytes() if path.exists() else None
        if content is not None:
            book = _open_book(path, content)
        else:
            book = Book(Workbook(), {})
            book.wb.remove(book.wb.active)
        schema, _ = split_tabs({title: ([], []) for title in grids})
        spec_of = {data.title: TAB_BY_KEY[key] for key, data in schema.items()}
        for title, grid in grids.items():
            ws = book.wb[title] if title in book.wb.sheetnames else book.wb.create_sheet(title)
            book.reshaped = True
            book.written.setdefault(title, set()).update(ws._cells)  # every cell there was (not max_row × max_col)
            for merged in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(merged))
            ws._cells.clear()  # = delete_rows(1, max_row), which would visit every position up to max_row × max_col
            book.results.pop(title, None)
            book.put_grid(ws, spec_of.get(title), grid)
        new = book.to_bytes()
        if content is not None:
            keep_backup(path, content)
        write_atomically(path, new)

"""An in-memory store: the `Store` contract over text grids, for tests and tools that need data but no file or server.

It writes rows through the loops it shares with the workbook store (`row_writes.py` over `rows.py`: rows found by
ID, Conflict on a changed cell, IDs after the highest, audit lines in the same write) and keeps cells as the text the workbook store reads back: each value goes
through the same typing (`cells.typed`) and reading (`cells.text_of`) as a typed .xlsx cell, so "25/11/2026",
"44000000" or "0912 345 678" come back exactly as the workbook store returns them. A write is all or nothing (it
works on a copy, kept only if nothing was refused). What it does not have: staff formulas, merged cells, a file to
be damaged or locked, a network — the workbook and Google stores are tested for those.

`tests/store/test_store_contract.py` runs the same contract against it as against the workbook and the emulator.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import count

from services.schema import TABS, Tab
from services.schema import tab as schema_tab
from services.store import BackendInfo, RowUpdate, row_writes
from services.store.cells import Typed, text_of
from services.store.errors import StoreError, TabMissing
from services.store.rows import Snapshot, TabData, missing_headers, split_header, split_tabs
from services.store.xlsx_book import bounded_grid

Grids = dict[str, list[list[str]]]  # tab title → rows of cell text, header first, in tab order
_numbers = count(1)


def table(grid: list[list[str]]) -> list[list[str]]:
    """The grid cut to its table, every row as wide as the table (as the workbook store reads a tab)."""
    return bounded_grid(enumerate(grid, start=1))


@dataclass
class _Tab:
    """One tab of a write's working copy (`row_writes.RowTab`): its grid, header first, and its table as text."""

    grid: list[list[str]]
    data: TabData

    def put(self, index: int, col: int, value: Typed) -> str:
        text = text_of(value.value)  # what the workbook store reads back from a cell written with this value
        _put(self.grid, index + 1, col, text)
        return text

    def delete(self, index: int, row_id: str) -> None:
        del self.grid[index + 1]


def _put(grid: list[list[str]], row: int, col: int, text: str) -> None:
    """Cell (row, col) of a grid, 0-based with the header as row 0; the grid grows to hold it."""
    while len(grid) <= row:
        grid.append([])
    line = grid[row]
    line.extend([""] * (col + 1 - len(line)))
    line[col] = text


class _Book:
    """One write's working copy of the grids (`row_writes.RowBook`)."""

    def __init__(self, grids: Grids) -> None:
        self.grids = {title: [list(row) for row in grid] for title, grid in grids.items()}

    def tab(self, spec: Tab) -> _Tab:
        tabs, _ = split_tabs({title: ([], []) for title in self.grids})
        if spec.key not in tabs:
            raise TabMissing(spec.title)
        title = tabs[spec.key].title
        header, rows = split_header(table(self.grids[title]))
        return _Tab(self.grids[title], TabData(title=title, header=header, rows=rows))

    def ensure_tabs(self) -> list[str]:
        """Missing tabs and headers added at the end; nothing staff made renamed, reordered or deleted."""
        report: list[str] = []
        present, _ = split_tabs({title: ([], []) for title in self.grids})
        for spec in TABS:
            header: list[str] = []
            if spec.key not in present:
                title = spec.title
                self.grids[title] = [[]]
                report.append(f"Đã tạo trang “{spec.title}”.")
            else:
                title = present[spec.key].title
                header, _ = split_header(table(self.grids[title][:1]))
            absent = missing_headers(spec, header)
            for offset, text in enumerate(absent):
                _put(self.grids[title], 0, len(header) + offset, text)
            if absent and header:
                report.append(f"Trang “{title}”: đã thêm cột {', '.join(absent)}.")
        return report


class MemoryStore:
    """The `Store` contract in memory; thread-safe. `tabs`: title → grid (header first) as staff would have typed it;
    without it the schema's tabs are created, filled by `seed()` (key → rows of values) as a new workbook is."""

    def __init__(
        self,
        tabs: Mapping[str, list[list[object]]] | None = None,
        *,
        seed: Callable[[], Mapping[str, list[dict[str, str]]]] | None = None,
        title: str = "bộ nhớ",
    ) -> None:
        self._lock = threading.Lock()
        self._title = title
        self._location = f"memory://{next(_numbers)}"
        self._cached: Snapshot | None = None
        if tabs is not None:
            self._grids: Grids = {name: [[text_of(v) for v in row] for row in grid] for name, grid in tabs.items()}
            return
        book = _Book({})
        book.ensure_tabs()
        if seed is not None:
            row_writes.seed(book, seed())
        self._grids = book.grids

    # --- what staff see and do (tests) ------------------------------------------------------

    def cells(self, title: str) -> list[list[str]]:
        """The tab as a rectangle of text (as a spreadsheet shows it), without trailing empty rows."""
        with self._lock:
            rows = [list(row) for row in self._grids[title]]
        while rows and not any(rows[-1]):
            rows.pop()
        width = max((len(row) for row in rows), default=0)
        return [row + [""] * (width - len(row)) for row in rows]

    def edit(self, title: str, change: Callable[[list[list[str]]], None]) -> None:
        """A direct change of the grid (a staff member typing in the sheet)."""
        with self._lock:
            change(self._grids[title])
            self._cached = None

    # --- the Store contract -----------------------------------------------------------------

    def info(self) -> BackendInfo:
        return BackendInfo(kind="memory", title=self._title, location=self._location)

    def load(self) -> Snapshot:
        """Every tab as text; while nothing changed, the same tabs as the last load (as the workbook store's cache)."""
        with self._lock:
            if self._cached is None:
                raw = {title: split_header(table(grid)) for title, grid in self._grids.items()}
                tabs, others = split_tabs(raw)
                self._cached = Snapshot(tabs=tabs, other_tabs=others)
            return Snapshot(tabs=self._cached.tabs, other_tabs=self._cached.other_tabs)

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        spec = schema_tab(tab)
        self._mutate(lambda book: row_writes.update_row(book, spec, row_id, changes, expected, user))

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Several `update_row`s in one write: per item None (done) or its own error, the others unaffected."""
        spec = schema_tab(tab)
        results: list[StoreError | None] = []
        self._mutate(lambda book: results.extend(row_writes.update_rows(book, spec, items)))
        return results

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """The store itself refuses nobody (`GuardedStore` asks the role)."""

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        ids: list[str] = []
        self._mutate(lambda book: ids.extend(row_writes.append_rows(book, spec, rows, user)))
        return ids

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)
        self._mutate(lambda book: row_writes.delete_row(book, spec, row_id, expected, user))

    def ensure_schema(self) -> list[str]:
        report: list[str] = []
        self._mutate(lambda book: report.extend(book.ensure_tabs()))
        return report

    def _mutate(self, apply: Callable[[_Book], None]) -> None:
        """One write on a copy of the grids, kept only if `apply` refused nothing."""
        with self._lock:
            book = _Book(self._grids)
            apply(book)
            if book.grids != self._grids:
                self._grids = book.grids
                self._cached = None

"""An in-memory store: the `Store` contract over text grids, for tests and tools that need data but no file or server.

It uses the row logic every backend shares (`rows.py`: rows found by ID, Conflict on a changed cell, IDs after the
highest, audit lines in the same write) and keeps cells as the text the workbook store reads back: each value goes
through the same typing (`cells.typed`) and reading (`cells.text_of`) as a typed .xlsx cell, so "25/11/2026",
"44000000" or "0912 345 678" come back exactly as the workbook store returns them. A write is all or nothing (it
works on a copy, kept only if nothing was refused). What it does not have: staff formulas, merged cells, a file to
be damaged or locked, a network — the workbook and Google stores are tested for those.

`tests/store/test_store_contract.py` runs the same contract against it as against the workbook and the emulator.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from itertools import count

from services.parsing import clean
from services.schema import TABS
from services.schema import tab as schema_tab
from services.store import BackendInfo, RowUpdate
from services.store.cells import kind_of, text_of, typed
from services.store.errors import BackendUnavailable, StoreError, TabMissing
from services.store.rows import (
    ADDED,
    DELETED,
    Snapshot,
    TabData,
    assign_ids,
    audit_entries,
    build_row,
    cell,
    column_map,
    find_row,
    fit_audit,
    missing_headers,
    plan_update,
    row_summary,
    split_header,
    split_tabs,
)
from services.store.xlsx_book import bounded_grid

Grids = dict[str, list[list[str]]]  # tab title → rows of cell text, header first, in tab order
_numbers = count(1)


def table(grid: list[list[str]]) -> list[list[str]]:
    """The grid cut to its table, every row as wide as the table (as the workbook store reads a tab)."""
    return bounded_grid(enumerate(grid, start=1))


def stored_text(spec, key: str, row_id: str, text: object) -> str:
    """The text a typed cell of this column reads back as (what the workbook store would return)."""
    return text_of(typed(kind_of(spec, key, row_id), text).value)


class _Book:
    """One write's working copy of the grids."""

    def __init__(self, grids: Grids) -> None:
        self.grids = {title: [list(row) for row in grid] for title, grid in grids.items()}

    def sheet(self, spec) -> tuple[str, TabData]:
        tabs, _ = split_tabs({title: ([], []) for title in self.grids})
        if spec.key not in tabs:
            raise TabMissing(spec.title)
        title = tabs[spec.key].title
        header, rows = split_header(table(self.grids[title]))
        return title, TabData(title=title, header=header, rows=rows)

    def put(self, title: str, row: int, col: int, text: str) -> None:
        """Cell (row, col), 0-based with the header as row 0."""
        grid = self.grids[title]
        while len(grid) <= row:
            grid.append([])
        line = grid[row]
        line.extend([""] * (col + 1 - len(line)))
        line[col] = text

    def put_row(self, title: str, row: int, spec, header: list[str], values: list[str]) -> None:
        """A new row: blanks are left alone, as the workbook store does."""
        positions = column_map(spec, header)
        keys = {v: k for k, v in positions.items()}
        row_id = cell(values, positions["id"]) if "id" in positions else ""
        for col, text in enumerate(values):
            if text:
                self.put(title, row, col, stored_text(spec, keys.get(col, ""), row_id, text))

    def ensure_tabs(self) -> list[str]:
        """Missing tabs and headers added at the end; nothing staff made renamed, reordered or deleted."""
        report: list[str] = []
        present, _ = split_tabs({title: ([], []) for title in self.grids})
        for spec in TABS:
            if spec.key not in present:
                title, header = spec.title, []
                self.grids[title] = [[]]
                report.append(f"Đã tạo trang “{spec.title}”.")
            else:
                title = present[spec.key].title
                header, _ = split_header(table(self.grids[title][:1]))
            absent = missing_headers(spec, header)
            for offset, text in enumerate(absent):
                self.put(title, 0, len(header) + offset, text)
            if absent and header:
                report.append(f"Trang “{title}”: đã thêm cột {', '.join(absent)}.")
        return report

    def append_audit(self, entries: list[dict[str, str]]) -> None:
        spec = schema_tab("audit")
        try:
            title, data = self.sheet(spec)
        except TabMissing:
            self.ensure_tabs()
            title, data = self.sheet(spec)
        start = len(data.rows) + 1
        for offset, values in enumerate(fit_audit(data.header, entries)):
            self.put_row(title, start + offset, spec, data.header, build_row(spec, data, values))


class MemoryStore:
    """The `Store` contract in memory; thread-safe. `tabs`: title → grid (header first) as staff would have typed it;
    without it the schema's tabs are created, filled by `seed()` (key → rows of values) as a new workbook is."""

    def __init__(
        self,
        tabs: Mapping[str, list[list[object]]] | None = None,
        *,
        seed: Callable[[], dict] | None = None,
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
        for key, rows in (seed() if seed else {}).items():
            spec = schema_tab(key)
            for offset, values in enumerate(rows):
                row = [clean(values.get(c.key, "")) for c in spec.columns]
                book.put_row(spec.title, offset + 1, spec, spec.headers, row)
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

        def apply(book: _Book) -> None:
            title, data = book.sheet(spec)
            index = find_row(spec, data, row_id)
            planned = plan_update(spec, data, index, changes, expected)
            keys = {v: k for k, v in column_map(spec, data.header).items()}
            for col, value in planned:
                book.put(title, index + 1, col, stored_text(spec, keys[col], row_id, value))
            if user is not None and planned:
                before = data.rows[index]
                log = [(keys[col], cell(before, col), value) for col, value in planned]
                book.append_audit(audit_entries(spec, clean(row_id), log, user))

        self._mutate(apply)

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Several `update_row`s in one write: per item None (done) or its own error, the others unaffected."""
        spec = schema_tab(tab)
        results: list[StoreError | None] = [None] * len(items)

        def apply(book: _Book) -> None:
            title, data = book.sheet(spec)
            keys = {v: k for k, v in column_map(spec, data.header).items()}
            for n, (row_id, changes, expected, user) in enumerate(items):
                try:
                    index = find_row(spec, data, row_id)
                    planned = plan_update(spec, data, index, changes, expected)
                except StoreError as exc:
                    if isinstance(exc, BackendUnavailable):
                        raise
                    results[n] = exc
                    continue
                before = list(data.rows[index])
                for col, value in planned:
                    text = stored_text(spec, keys[col], row_id, value)
                    book.put(title, index + 1, col, text)
                    row = data.rows[index]  # the next item on this row sees this one's cells
                    row.extend([""] * (col + 1 - len(row)))
                    row[col] = text
                if user is not None and planned:
                    log = [(keys[col], cell(before, col), value) for col, value in planned]
                    book.append_audit(audit_entries(spec, clean(row_id), log, user))

        self._mutate(apply)
        return results

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """The store itself refuses nobody (`GuardedStore` asks the role)."""

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        ids: list[str] = []

        def apply(book: _Book) -> None:
            title, data = book.sheet(spec)
            prepared = assign_ids(spec, data, rows)
            start = len(data.rows) + 1
            log: list[dict[str, str]] = []
            for offset, values in enumerate(prepared):
                row = build_row(spec, data, values)
                book.put_row(title, start + offset, spec, data.header, row)
                if user is not None:
                    summary = row_summary(spec, data, row)
                    log += audit_entries(spec, values.get("id", ""), [(ADDED, "", summary)], user)
            if log:
                book.append_audit(log)
            ids[:] = [v.get("id", "") for v in prepared]

        self._mutate(apply)
        return ids

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)

        def apply(book: _Book) -> None:
            title, data = book.sheet(spec)
            index = find_row(spec, data, row_id)
            plan_update(spec, data, index, {}, expected)
            del book.grids[title][index + 1]
            if user is not None:
                summary = row_summary(spec, data, data.rows[index])
                book.append_audit(audit_entries(spec, clean(row_id), [(DELETED, summary, "")], user))

        self._mutate(apply)

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

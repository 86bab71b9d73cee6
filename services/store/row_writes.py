"""The row writes the workbook and in-memory stores share, written once over a `RowBook` (one write's working copy).

A backend supplies only how a cell, a new row's cells or a row deletion lands in its own working copy (an openpyxl
workbook, a grid of text) and how missing tabs are added; finding rows by ID, Conflict on a changed cell, IDs after
the highest and the `Nhật ký` lines in the same write are decided here (with `rows.py`), the same for both.
Indices are the table's: data row 0 is the row under the header, column 0 the first column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from services.parsing import clean
from services.schema import Tab
from services.schema import tab as schema_tab
from services.store import RowUpdate
from services.store.cells import Typed, kind_of, typed
from services.store.errors import BackendUnavailable, StoreError, TabMissing
from services.store.rows import (
    ADDED,
    DELETED,
    TabData,
    assign_ids,
    audit_entries,
    build_row,
    cell,
    column_map,
    find_row,
    fit_audit,
    plan_update,
    row_summary,
)


class RowTab(Protocol):
    """One schema tab of the working copy, read as `load()` would read it (`data`), and how a write lands in it."""

    @property
    def data(self) -> TabData: ...

    def put(self, index: int, col: int, value: Typed) -> str:
        """Write one cell (or raise a StoreError such as CellProtected); the text the cell now reads back as."""
        ...

    def delete(self, index: int, row_id: str) -> None:
        """Remove data row `index` (`row_id` names it in any message)."""
        ...


class RowBook(Protocol):
    """One write's working copy of a whole store."""

    def tab(self, spec: Tab) -> RowTab:
        """The tab of this schema spec; TabMissing if the copy has none."""
        ...

    def ensure_tabs(self) -> list[str]:
        """Missing tabs and headers added (nothing staff made renamed, reordered or deleted); what was added."""
        ...


def put_row(tab: RowTab, spec: Tab, index: int, values: list[str]) -> None:
    """A new row at data row `index`, laid out as `build_row` gives it: blanks are left alone (a staff formula
    filled down into empty rows stays)."""
    positions = column_map(spec, tab.data.header)
    keys = {v: k for k, v in positions.items()}
    row_id = cell(values, positions["id"]) if "id" in positions else ""
    for col, text in enumerate(values):
        if text:
            tab.put(index, col, typed(kind_of(spec, keys.get(col, ""), row_id), text))


def seed(book: RowBook, rows_by_tab: Mapping[str, Iterable[Mapping[str, str]]]) -> None:
    """A new store's first rows (schema key → rows of values), under the headers `ensure_tabs` just wrote."""
    for key, rows in rows_by_tab.items():
        spec = schema_tab(key)
        tab = book.tab(spec)
        for offset, values in enumerate(rows):
            put_row(tab, spec, offset, [clean(values.get(c.key, "")) for c in spec.columns])


def append_audit(book: RowBook, entries: list[dict[str, str]]) -> None:
    """Log rows go into the same write as the change they describe (the `Nhật ký` tab created if missing)."""
    spec = schema_tab("audit")
    try:
        tab = book.tab(spec)
    except TabMissing:
        book.ensure_tabs()
        tab = book.tab(spec)
    start = len(tab.data.rows)
    for offset, values in enumerate(fit_audit(tab.data.header, entries)):
        put_row(tab, spec, start + offset, build_row(spec, tab.data, values))


def update_row(
    book: RowBook, spec: Tab, row_id: str, changes: dict[str, str], expected: dict[str, str], user: str | None
) -> None:
    _update(book, book.tab(spec), spec, row_id, changes, expected, user)


def update_rows(book: RowBook, spec: Tab, items: list[RowUpdate]) -> list[StoreError | None]:
    """Each item as `update_row` writes it: per item None (done) or its own error, the others unaffected; an
    outage (BackendUnavailable) stops the whole write."""
    tab = book.tab(spec)
    results: list[StoreError | None] = [None] * len(items)
    for n, (row_id, changes, expected, user) in enumerate(items):
        try:
            _update(book, tab, spec, row_id, changes, expected, user)
        except BackendUnavailable:
            raise
        except StoreError as exc:
            results[n] = exc
    return results


def _update(
    book: RowBook,
    tab: RowTab,
    spec: Tab,
    row_id: str,
    changes: dict[str, str],
    expected: dict[str, str],
    user: str | None,
) -> None:
    data = tab.data
    index = find_row(spec, data, row_id)
    planned = plan_update(spec, data, index, changes, expected)
    keys = {v: k for k, v in column_map(spec, data.header).items()}
    row = data.rows[index]
    before = list(row)
    for col, value in planned:
        text = tab.put(index, col, typed(kind_of(spec, keys[col], row_id), value))
        row.extend([""] * (col + 1 - len(row)))
        row[col] = text  # a later item of the same batch on this row sees this one's cells
    if user is not None and planned:
        log = [(keys[col], cell(before, col), value) for col, value in planned]
        append_audit(book, audit_entries(spec, clean(row_id), log, user))


def append_rows(book: RowBook, spec: Tab, rows: list[dict[str, str]], user: str | None) -> list[str]:
    """The rows after the table's last, with IDs after the highest in use; their IDs."""
    tab = book.tab(spec)
    data = tab.data
    prepared = assign_ids(spec, data, rows)
    start = len(data.rows)
    log: list[dict[str, str]] = []
    for offset, values in enumerate(prepared):
        row = build_row(spec, data, values)
        put_row(tab, spec, start + offset, row)
        if user is not None:
            log += audit_entries(spec, values.get("id", ""), [(ADDED, "", row_summary(spec, data, row))], user)
    if log:
        append_audit(book, log)
    return [v.get("id", "") for v in prepared]


def delete_row(book: RowBook, spec: Tab, row_id: str, expected: dict[str, str], user: str | None) -> None:
    tab = book.tab(spec)
    data = tab.data
    index = find_row(spec, data, row_id)
    plan_update(spec, data, index, {}, expected)  # Conflict if the row changed since the user saw it
    summary = row_summary(spec, data, data.rows[index])
    tab.delete(index, clean(row_id))
    if user is not None:
        append_audit(book, audit_entries(spec, clean(row_id), [(DELETED, summary, "")], user))

"""`cli retype --sheet`: numbers, dates and times stored as text in the Google Sheet's schema columns become typed
cells, so staff formulas compute on them. Staff columns, formulas and other tabs are never touched; a second run
changes nothing.

Rows are rewritten in batches, each one atomic `batchUpdate` that first copies every row it touches into the write
journal: a row that staff moved or edited meanwhile is put back from its copy and reported, never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.schema import TABS
from services.store import sheet_journal as journal
from services.store.cells import text_of
from services.store.retype import Change, plan_retype
from services.store.rows import cell, column_map, header_of

if TYPE_CHECKING:  # the Google store imports gspread; retyping a workbook needs none of it
    from services.store.gsheets import GoogleSheetStore

BATCH = 200  # rows per batchUpdate: a moderate request, and few requests against the write quota


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def retype_sheet(store: GoogleSheetStore) -> tuple[list[tuple[str, Change]], list[str]]:
    """(tab title, change) for every cell retyped, and 'Tab: ID' for each row put back because it moved."""
    done: list[tuple[str, Change]] = []
    put_back: list[str] = []
    with store.session.lock:
        present = store.session.metadata(refresh=True).by_schema()
        for spec in TABS:
            ref = present.get(spec.key)
            if ref is None:
                continue
            # FORMULA render: a formula comes back as its text (skipped), a typed number or date as its value.
            grid = store.session.batch_get([journal.quoted(ref.title)], render="FORMULA")[0]
            if not grid:
                continue
            header = header_of(grid)
            changes = plan_retype(spec, header, grid[1:], is_formula=_is_formula)
            id_col = column_map(spec, header).get("id")
            by_row: dict[int, list[Change]] = {}
            for change in changes:
                by_row.setdefault(change.row, []).append(change)
            items = []
            for row, row_changes in by_row.items():
                raw = [text_of(v) for v in grid[row - 1]]
                row_id = cell(raw, id_col) if id_col is not None else ""
                typed_cells = {c.column - 1: c.cell for c in row_changes}
                seen = {c.column - 1: c.text for c in row_changes}
                items.append((row - 2, row_id, typed_cells, seen))
            moved: set[str] = set()
            for start in range(0, len(items), BATCH):
                moved.update(store.rewrite_cells(spec.key, header, items[start : start + BATCH]))
            put_back += [f"{ref.title}: {m}" for m in sorted(moved)]
            for change in changes:
                row_id = cell([text_of(v) for v in grid[change.row - 1]], id_col) if id_col is not None else ""
                if (row_id or f"dòng {change.row}") not in moved:
                    done.append((ref.title, change))
    return done, put_back

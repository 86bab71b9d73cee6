"""Turning numbers, dates and times that were stored as text into typed cells, without touching anything else.

Older workbooks (and sheets filled by hand or pulled before cells were typed) hold "44000000" or "16/12/2026" as
text, so a staff `=SUM()` over them gives 0. `plan_retype` finds exactly the cells to fix; it is backend-neutral:
its input is one tab's header and rows of raw cell values as the backend stores them (str for a text cell, int,
float, date, datetime or time for a typed one, and formulas marked — `Formula` by default, or any predicate).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from services.schema import Tab
from services.store.cells import Typed, kind_of, typed
from services.store.rows import cell, column_map

KIND_LABELS = {"number": "số", "date": "ngày", "datetime": "ngày giờ", "time": "giờ"}


@dataclass(frozen=True)
class Formula:
    """A formula cell as read from the backend (its text, e.g. "=SUM(C2:C8)"): never retyped."""

    text: str


@dataclass(frozen=True)
class Change:
    """One cell to rewrite: sheet row and column (1-based, the header is row 1), the text it held, the new cell."""

    row: int
    column: int
    text: str
    cell: Typed

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


def is_marked_formula(value: object) -> bool:
    return isinstance(value, Formula)


def plan_retype(
    tab: Tab,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    is_formula: Callable[[object], bool] = is_marked_formula,
) -> list[Change]:
    """Text cells in this tab's schema columns that `typed()` reads as a number, date, date-time or time.

    Staff columns, formulas, already-typed cells and text that stays text ("T-15", "0912…", "50%") are left alone.
    """
    positions = column_map(tab, list(header))
    id_index = positions.get("id")
    changes: list[Change] = []
    for index, row in enumerate(rows):
        row_id = cell([_as_text(v, is_formula) for v in row], id_index) if id_index is not None else ""
        for key, col in positions.items():
            if col >= len(row):
                continue
            raw = row[col]
            if not isinstance(raw, str) or is_formula(raw):
                continue
            target = typed(kind_of(tab, key, row_id), raw)
            if not target.is_text:
                changes.append(Change(row=index + 2, column=col + 1, text=raw, cell=target))
    return changes


def cell_ref(title: str, coordinate: str) -> str:
    """'Tab'!D7, the way the check command and the store's messages name a cell."""
    return "'{}'!{}".format(title.replace("'", "''"), coordinate)


def describe(title: str, change: Change) -> str:
    """'Kinh phí'!C2: "44000000" → số."""
    return (
        f'{cell_ref(title, change.coordinate)}: "{change.text}" → {KIND_LABELS.get(change.cell.kind, change.cell.kind)}'
    )


def _as_text(value: object, is_formula: Callable[[object], bool]) -> str:
    return "" if value is None or is_formula(value) else str(value)

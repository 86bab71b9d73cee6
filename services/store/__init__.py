"""The Store protocol: one interface to the conference data, whichever backend holds it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from services.store.errors import (
    AmbiguousId,
    BackendUnavailable,
    CellChange,
    CellProtected,
    Conflict,
    DuplicateId,
    FormulaCell,
    FormulaWouldBreak,
    HeaderMissing,
    RowMoved,
    RowNotFound,
    StoreError,
    TabMissing,
    Uncertain,
)
from services.store.rows import Snapshot, TabData

if TYPE_CHECKING:
    from services.store.sheet_features import Features

__all__ = [
    "AmbiguousId",
    "BackendInfo",
    "BackendUnavailable",
    "CellChange",
    "CellProtected",
    "Conflict",
    "DuplicateId",
    "FormulaCell",
    "FormulaWouldBreak",
    "HeaderMissing",
    "RowMoved",
    "RowNotFound",
    "RowUpdate",
    "SheetFeatureSource",
    "Snapshot",
    "Store",
    "StoreError",
    "TabData",
    "TabMissing",
    "Uncertain",
]


@dataclass(frozen=True)
class BackendInfo:
    kind: str  # "workbook" | "gsheets"
    title: str  # file name or spreadsheet title
    location: str  # path or URL


# One row's update in a batch: (row ID, changes, expected, user for the audit line — None: no audit line).
RowUpdate = tuple[str, dict[str, str], dict[str, str], str | None]


class Store(Protocol):
    """Rows are found by their ID at write time; `expected` holds the cells as the user saw them (compared by
    meaning: "44.000.000" is "44000000" in a money column).

    A write lands on the row whose ID it targets or on none, whatever staff do to the rows meanwhile, and of two
    writers expecting the same cell only one wins (the other gets Conflict). Values are text in, typed cells out
    (numbers, dates, date-times; text stays literal). When a backend cannot tell whether a write landed it raises
    Uncertain, never "not done". With `user`, the write also appends its `Nhật ký` (audit) rows in the same
    operation, so a write and its log never disagree: both land or neither does.
    """

    def info(self) -> BackendInfo: ...

    def load(self) -> Snapshot: ...

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None: ...

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Each item as `update_row` would write it, together (one locked write on a workbook, one batch on a
        sheet): per item None (done) or that item's own error (Conflict, RowNotFound, …), which leaves the others
        unaffected. Two items on one row (two desks scanning one guest) land one after the other: the later one,
        expecting what the earlier expected, gets Conflict with the earlier one's cells; an item expecting cells an
        earlier item of the same call writes is not supported (backends differ: send it in a later call). An outage
        (BackendUnavailable, Uncertain) raises for the whole call; a refused permission (PermissionDenied) raises
        before anything is written."""
        ...

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """Raise PermissionDenied unless `update_row` would accept these columns of this row from this user — asked
        before a write is queued to be made later or by another store (a check-in journaled during an outage, the
        door's coalesced batch). A backend itself refuses nobody."""
        ...

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]: ...

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None: ...

    def ensure_schema(self) -> list[str]: ...


@runtime_checkable
class SheetFeatureSource(Protocol):
    """What a Google Sheet store can also tell about the sheet staff shaped (`sheet_doctor`); a workbook cannot.
    Checked with `isinstance`, so a caller never digs into a store for it."""

    def features(self, *, refresh: bool = False) -> Features:
        """Locale, time zone, merges, protected ranges, filters, hidden rows, dropdown rules of every tab."""
        ...

    def formula_grids(self) -> list[tuple[str, str, list[list[Any]]]]:
        """(schema key, tab title, cells with formulas as their text) of every app tab the sheet has, in one read."""
        ...

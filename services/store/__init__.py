"""The Store protocol: one interface to the conference data, whichever backend holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]: ...

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None: ...

    def ensure_schema(self) -> list[str]: ...

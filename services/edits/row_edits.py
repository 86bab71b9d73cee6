"""Edits to sheet rows as the pages make them: which cells a form changed, and several rows written one by one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.parsing import CellError, parse_number
from services.store import Store, StoreError
from services.store.rows import operation
from services.validation import Dataset


def changed_cells(seen: Mapping[str, str], edited: Mapping[str, object]) -> dict[str, str]:
    """The cells to write: only fields whose text differs from what the user saw (progress compared as a number)."""

    changes: dict[str, str] = {}
    for key, value in edited.items():
        new = "" if value is None else str(value).strip()
        old = str(seen.get(key, "")).strip()
        if key == "progress":
            try:
                same = parse_number(old) == (int(float(new)) if new else None) or (not old and new in ("0", ""))
            except CellError:
                same = False
            new = str(int(float(new))) if new else ""
            if same:
                continue
        if new != old:
            changes[key] = new
    return changes


@dataclass(frozen=True)
class Written:
    """How far a run of writes got: rows that landed, and the refusal that stopped the rest (None = all landed)."""

    rows: int
    error: StoreError | None = None

    @property
    def complete(self) -> bool:
        return self.error is None


def write_rows(
    store: Store, data: Dataset, tab: str, changes_by_id: Mapping[str, Mapping[str, str]], *, user: str
) -> Written:
    """Row by row, each checked against what the user saw in `data`; stops at the first refusal (the rows before it
    stay written: each write is its own conditional write, and the caller says how far it got)."""
    written = 0
    with operation(bulk=len(changes_by_id) > 1):  # several rows: one operation in the log, reverted as a whole
        for row_id, changes in changes_by_id.items():
            try:
                store.update_row(tab, row_id, dict(changes), data.seen(tab, row_id, list(changes)), user=user)
            except StoreError as exc:
                return Written(written, exc)
            written += 1
    return Written(written)


@dataclass(frozen=True)
class BulkResult:
    landed: list[str]
    conflicts: list[tuple[str, str]]  # (ID, message)


def write_each(
    store: Store, tab: str, writes: Iterable[tuple[str, dict[str, str], dict[str, str]]], *, user: str
) -> BulkResult:
    """(row ID, changes, expected) each its own conditional write: a row changed meanwhile is reported, not
    overwritten, and the others still land."""
    landed: list[str] = []
    conflicts: list[tuple[str, str]] = []
    for row_id, changes, expected in writes:
        try:
            store.update_row(tab, row_id, changes, expected, user=user)
        except StoreError as exc:
            conflicts.append((row_id, str(exc)))
        else:
            landed.append(row_id)
    return BulkResult(landed, conflicts)

"""A bulk action in three steps: the plan (what changes, shown before anything is written), the write (one
operation in the log), and its undo (exactly those cells back, conflict-checked like any edit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from services.edits.change_log import RevertPlan, apply_revert, changes_from_writes, plan_revert
from services.edits.row_edits import BulkResult, write_each
from services.parsing import clean
from services.schema import TAB_BY_KEY
from services.store import Store
from services.store.rows import operation


@dataclass(frozen=True)
class BulkPlan:
    tab: str
    writes: tuple[tuple[str, dict[str, str], dict[str, str]], ...]  # (row ID, new cells, cells as the user saw them)

    @property
    def count(self) -> int:
        return len(self.writes)


def plan(tab: str, raw: pd.DataFrame, changes_by_id: Mapping[str, Mapping[str, str]]) -> BulkPlan:
    """Only the cells that would really change; a row with none is left out (and not counted)."""
    writes = []
    for row_id, changes in changes_by_id.items():
        seen = {k: clean(raw.at[row_id, k]) for k in changes}
        new = {k: clean(v) for k, v in changes.items() if clean(v) != seen[k]}
        if new:
            writes.append((row_id, new, {k: seen[k] for k in new}))
    return BulkPlan(tab, tuple(writes))


def preview(bulk: BulkPlan, raw: pd.DataFrame, name_key: str = "name") -> pd.DataFrame:
    """One line per changed cell: row ID, its name, the field, old → new (columns: id, name, field, old, new)."""
    spec = TAB_BY_KEY[bulk.tab]
    lines = [
        {
            "id": row_id,
            "name": clean(raw.at[row_id, name_key]) if name_key in raw.columns else "",
            "field": spec.column(key).header,
            "old": old[key],
            "new": value,
        }
        for row_id, new, old in bulk.writes
        for key, value in new.items()
    ]
    return pd.DataFrame(lines, columns=["id", "name", "field", "old", "new"])


@dataclass(frozen=True)
class Applied:
    """What a bulk action wrote: its operation ID in the log and the rows that landed (to undo exactly those)."""

    tab: str
    operation: str
    result: BulkResult
    writes: tuple[tuple[str, dict[str, str], dict[str, str]], ...]


def apply(store: Store, bulk: BulkPlan, *, user: str) -> Applied:
    """Each row its own conditional write (a row changed since the preview is reported, the others land), all under
    one operation ID."""
    with operation() as op:
        result = write_each(store, bulk.tab, [(i, dict(n), dict(o)) for i, n, o in bulk.writes], user=user)
    landed = set(result.landed)
    return Applied(bulk.tab, op, result, tuple(w for w in bulk.writes if w[0] in landed))


def plan_undo(store: Store, applied: Applied) -> RevertPlan:
    """Checked against the sheet as it is now: a cell changed since the action is a Drift, and nothing is written."""
    return plan_revert(applied.operation, changes_from_writes(applied.tab, applied.writes), store.load())


def undo(store: Store, applied: Applied, *, user: str) -> tuple[RevertPlan, BulkResult | None]:
    """(the plan, the writes) — writes is None when the plan found drifted cells and wrote nothing."""
    checked = plan_undo(store, applied)
    if not checked.ready:
        return checked, None
    return checked, apply_revert(store, checked, user=user)

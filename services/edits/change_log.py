"""The app's changes as `Nhật ký` records them, and reverting one (or a whole bulk operation), conflict-checked.

A change is one logged write: its lines share a change ID. Log rows from before the ID columns existed get a stable
ID from their sheet row ("L12": the change whose first line is row 12), so old logs stay readable and revertible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from services.edits.row_edits import BulkResult, write_each
from services.parsing import clean
from services.schema import TAB_BY_KEY, TAB_BY_TITLE, Tab, normalize_header
from services.store import Snapshot, Store, StoreError
from services.store.cells import kind_of, same
from services.store.rows import ADDED, DELETED, cell, column_map, find_row, operation
from services.validation import ROW, validate

LEGACY = "L"
EDIT, ADDED_ROW, DELETED_ROW, UNKNOWN = "edit", "added", "deleted", "unknown"


@dataclass(frozen=True)
class CellEdit:
    key: str  # schema column key ("" when the logged field is no column the app knows)
    field: str  # the header text as logged
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    id: str
    operation: str
    reverts: str
    time: str
    user: str
    tab: str  # schema key ("" for a tab the app does not know)
    tab_title: str
    row_id: str
    edits: tuple[CellEdit, ...]
    kind: str

    @property
    def revertible(self) -> bool:
        """Only cell edits: an added or deleted row is logged as a one-line summary, not enough to rebuild it."""
        return self.kind == EDIT and bool(self.tab) and all(e.key for e in self.edits)

    @property
    def summary(self) -> str:
        return "; ".join(f"{e.field}: “{e.old}” → “{e.new}”" for e in self.edits)


def _column_key(tab: Tab | None, field: str) -> str:
    if tab is None:
        return ""
    wanted = normalize_header(field)
    return next((c.key for c in tab.columns if normalize_header(c.header) == wanted), "")


def read_changes(audit: pd.DataFrame, sheet_rows: Sequence[int] | None = None) -> list[Change]:
    """The raw `Nhật ký` frame (schema keys as columns) as changes, in log order. `sheet_rows`: each line's sheet
    row, for the IDs of lines logged without one (default: line i is row i + 2)."""
    rows = list(sheet_rows) if sheet_rows is not None else [i + 2 for i in range(len(audit))]
    groups: dict[str, list[tuple[dict[str, str], int]]] = {}
    last_key: tuple[str, ...] | None = None
    legacy = ""
    for (_, line), row in zip(audit.iterrows(), rows, strict=True):
        values = {k: clean(line.get(k, "")) for k in ("time", "user", "tab", "row_id", "field", "old", "new")}
        values |= {k: clean(line.get(k, "")) for k in ("change", "operation", "reverts")}
        if values["change"]:
            ident, last_key = values["change"], None
        else:
            key = (values["time"], values["user"], values["tab"], values["row_id"])
            if key != last_key:
                legacy, last_key = f"{LEGACY}{row}", key
            ident = legacy
        groups.setdefault(ident, []).append((values, row))
    return [_change(ident, lines) for ident, lines in groups.items()]


def _change(ident: str, lines: list[tuple[dict[str, str], int]]) -> Change:
    first = lines[0][0]
    tab = TAB_BY_TITLE.get(normalize_header(first["tab"]))
    fields = {v["field"] for v, _ in lines}
    kind = ADDED_ROW if ADDED in fields else DELETED_ROW if DELETED in fields else EDIT
    edits = tuple(CellEdit(_column_key(tab, v["field"]), v["field"], v["old"], v["new"]) for v, _ in lines)
    return Change(
        id=ident,
        operation=first["operation"],
        reverts=first["reverts"],
        time=first["time"],
        user=first["user"],
        tab=tab.key if tab else "",
        tab_title=first["tab"],
        row_id=first["row_id"],
        edits=edits,
        kind=kind if tab else UNKNOWN,
    )


def select(changes: Iterable[Change], ident: str) -> list[Change]:
    """The change with this ID, or every change of the bulk operation with this ID (case-insensitive)."""
    wanted = clean(ident).casefold()
    if not wanted:
        return []
    return [c for c in changes if c.id.casefold() == wanted or c.operation.casefold() == wanted]


def may_revert(change: Change, user: str, *, admin: bool) -> bool:
    """Admins revert anyone's change; editors only their own."""
    return admin or clean(change.user) == clean(user)


@dataclass(frozen=True)
class Drift:
    """A cell the revert would restore that no longer holds what the change wrote."""

    ref: str  # 'Đại biểu'!F12
    field: str
    expected: str
    now: str

    @property
    def text(self) -> str:
        return f"{self.ref} “{self.field}”: “{self.expected}” → “{self.now}”"


@dataclass(frozen=True)
class Write:
    tab: str
    row_id: str  # the row as it is found now (after an ID edit: the new ID)
    changes: dict[str, str]
    expected: dict[str, str]


@dataclass(frozen=True)
class RevertPlan:
    target: str
    writes: tuple[Write, ...]
    drifts: tuple[Drift, ...]
    not_revertible: tuple[Change, ...]

    @property
    def ready(self) -> bool:
        return bool(self.writes) and not self.drifts and not self.not_revertible


def _net(changes: Iterable[Change]) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    """(tab, row) → key → (oldest old, newest new): a cell changed twice in the selection is restored once."""
    net: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for change in changes:
        ids = {e.new for e in change.edits if e.key == "id"}
        row = (change.tab, next(iter(ids)) if ids else change.row_id)
        cells = net.setdefault(row, {})
        for edit in change.edits:
            cells[edit.key] = (cells[edit.key][0] if edit.key in cells else edit.old, edit.new)
    return net


def plan_revert(target: str, changes: Sequence[Change], snapshot: Snapshot) -> RevertPlan:
    """The writes that put back what `changes` replaced, checked against the sheet as it is now: every cell must
    still hold what the change wrote, else it is a Drift (named by its cell) and nothing should be written."""
    blocked = tuple(c for c in changes if not c.revertible)
    writes: list[Write] = []
    drifts: list[Drift] = []
    for (tab_key, row_id), cells in _net(c for c in changes if c.revertible).items():
        spec = TAB_BY_KEY[tab_key]
        data = snapshot.get(tab_key)
        try:
            if data is None:
                raise StoreError(spec.title)
            index = find_row(spec, data, row_id)
        except StoreError:
            drifts.append(Drift(f"'{spec.title}'", spec.column("id").header, row_id, "(không còn dòng này)"))
            continue
        positions = column_map(spec, data.header)
        for key, (_, new) in cells.items():
            now = cell(data.rows[index], positions[key]) if key in positions else ""
            if not same(kind_of(spec, key, row_id), now, new):
                letter = get_column_letter(positions[key] + 1) if key in positions else "?"
                drifts.append(Drift(f"'{data.title}'!{letter}{index + 2}", spec.column(key).header, new, now))
        writes.append(
            Write(tab_key, row_id, {k: old for k, (old, _) in cells.items()}, {k: new for k, (_, new) in cells.items()})
        )
    return RevertPlan(target, tuple(writes), tuple(drifts), blocked)


def apply_revert(store: Store, plan: RevertPlan, *, user: str) -> BulkResult:
    """Each write conditional on the cells still holding what the change wrote (a cell changed between the plan and
    the write is reported, not overwritten). Logged as new changes that name the one they revert."""
    landed: list[str] = []
    conflicts: list[tuple[str, str]] = []
    with operation(bulk=len(plan.writes) > 1, reverts=plan.target):
        for write in plan.writes:
            result = write_each(store, write.tab, [(write.row_id, write.changes, write.expected)], user=user)
            landed += result.landed
            conflicts += result.conflicts
    return BulkResult(landed, conflicts)


def changes_from_writes(tab: str, applied: Iterable[tuple[str, dict[str, str], dict[str, str]]]) -> list[Change]:
    """What a bulk action wrote — (row ID, new cells, old cells) — as changes to revert, without rereading the log
    (which, on a sheet made before the ID columns, cannot name the operation)."""
    spec = TAB_BY_KEY[tab]
    return [
        Change(
            id=row_id,
            operation="",
            reverts="",
            time="",
            user="",
            tab=tab,
            tab_title=spec.title,
            row_id=row_id,
            edits=tuple(CellEdit(k, spec.column(k).header, clean(old.get(k, "")), clean(v)) for k, v in new.items()),
            kind=EDIT,
        )
        for row_id, new, old in applied
    ]


# What `revert` found: done, or why nothing was written.
DONE, NOT_FOUND, FORBIDDEN, NOT_REVERTIBLE, DRIFTED, RACED = (
    "done",
    "not_found",
    "forbidden",
    "not_revertible",
    "drifted",
    "raced",
)


@dataclass(frozen=True)
class Reverted:
    status: str
    changes: tuple[Change, ...] = ()
    plan: RevertPlan | None = None
    result: BulkResult | None = None


def logged_changes(snapshot: Snapshot) -> list[Change]:
    """Every change in the snapshot's `Nhật ký`, in log order (IDs for old lines from their sheet rows)."""
    dataset = validate(snapshot)
    return read_changes(dataset.raw["audit"], dataset.frames["audit"][ROW].tolist())


def revert(store: Store, ident: str, *, user: str, admin: bool) -> Reverted:
    """Revert a change (or a whole bulk operation) by its ID: refused, with nothing written, when it is not found,
    not this user's to revert, not a cell edit, or when a cell it would restore has changed since."""
    snapshot = store.load()
    chosen = tuple(select(logged_changes(snapshot), ident))
    if not chosen:
        return Reverted(NOT_FOUND)
    if not all(may_revert(c, user, admin=admin) for c in chosen):
        return Reverted(FORBIDDEN, chosen)
    plan = plan_revert(clean(ident), chosen, snapshot)
    if plan.not_revertible:
        return Reverted(NOT_REVERTIBLE, chosen, plan)
    if plan.drifts or not plan.writes:
        return Reverted(DRIFTED, chosen, plan)
    result = apply_revert(store, plan, user=user)
    return Reverted(RACED if result.conflicts else DONE, chosen, plan, result)


def outcome_text(done: Reverted, ident: str, lang: str = "vi") -> str:
    """What the page and the CLI say about a revert."""
    from services.i18n import t  # the catalogue imports every string module; only this needs it

    if done.status == DONE and done.result is not None:
        return t("revert.done", lang, ident=ident, count=len(done.result.landed))
    if done.status == DRIFTED and done.plan is not None:
        return t("revert.drifted", lang, cells="; ".join(d.text for d in done.plan.drifts))
    if done.status == RACED and done.result is not None:
        ids = " ".join(f"{i}: {message}" for i, message in done.result.conflicts)  # a conflict, or a refused right
        return t("revert.raced", lang, count=len(done.result.landed), ids=ids)
    return t(f"revert.{done.status}", lang, ident=ident)

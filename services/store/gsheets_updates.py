"""Row updates — one row or many, the same way — that land on the rows whose IDs they target, whatever staff do
meanwhile; many rows cost one read and one write (a door queue at three desks stays inside Google's 60 write
requests a minute).

One round: ONE `values:batchGet` (header, ID column, the columns written or expected, the name, the audit header),
then ONE atomic `batchUpdate` in which each row gets its own journal row (sub-nonce) holding a copy of the row taken
just before its typed cells and its `Nhật ký` line are written (see sheet_journal for why). The copy is the truth: a
row whose copy carries another ID (staff inserted, deleted, sorted or moved rows in between), a formula, or cells
that no longer match what the user saw is put back exactly from that copy. Two writers can never both win: Google
applies batches one after the other, and only the first one's copy shows the cell as the user saw it.

The rows still to do go round again, together: a moved row up to ROUNDS times; a second update of a row already in
the batch (two desks, one guest) after the first; a changed cell is looked at once more (it may be another writer's
conflicting write, undone at once) or, when the journal shows a misplaced write still being put back on that row
(`Repairs.ghosts_behind`), waited for, bounded — so no desk is told "already checked in" by a ghost.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from services.parsing import clean
from services.schema import Tab
from services.schema import tab as schema_tab
from services.store import RowUpdate
from services.store import sheet_journal as journal
from services.store.cells import kind_of, same, typed
from services.store.errors import Conflict, FormulaCell, GhostPending, RowMoved, StoreError
from services.store.gsheets_batch import (
    ROUNDS,
    Journal,
    Located,
    Sent,
    new_nonce,
    now_text,
    row_texts,
    row_width,
    update_cell,
)
from services.store.gsheets_repair import Repairs
from services.store.rows import TabData, audit_entries, cell, drifted, id_key, index_by_id, plan_update
from services.store.sheet_cells import VALUE_FIELDS, cell_data, is_formula
from services.store.sheet_session import Columns, SheetSession, TabRef

GHOST_WAIT_SETTLES = 40  # a misplaced write is put back within this many settle times, however staff chase it
GHOST_WAIT_MAX_S = 15.0  # …but a door desk does not wait longer than this before saying "try again"


class _Again:
    """A row to send again in the next round: it `moved` (put back already), or waits `later` behind its own batch."""

    def __init__(self, why: str) -> None:
        self.why = why


MOVED, LATER = _Again("moved"), _Again("later")
Outcome = StoreError | _Again | None  # None: done (or nothing to write)


@dataclass
class _Chase:
    """How far one row has been chased across rounds."""

    moved: int = 0
    relooked: bool = False
    deadline: float | None = None  # waiting for a misplaced write on its row to be put back, until then


@dataclass
class _Planned:
    item: int  # index into the round's items
    index: int  # data row as read
    cells: list[tuple[int, str]]  # (column, text) to write
    row: list[str]  # the row as read (the columns read)


class RowUpdates:
    """`update_row` and `update_rows` of the Google store: one path, verified in the request that writes."""

    def __init__(self, session: SheetSession, journal_: Journal, repairs: Repairs) -> None:
        self.session = session
        self.journal = journal_
        self.repairs = repairs

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        (error,) = self.update_rows(tab, [(row_id, changes, expected, user)])
        if error is not None:
            raise error

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Each item's error (Conflict, RowNotFound, RowMoved, …) or None once written; an outage raises for the whole
        call (nothing, or — Uncertain — possibly everything, was written)."""
        spec = schema_tab(tab)
        results: list[StoreError | None] = [None] * len(items)
        chases = [_Chase() for _ in items]
        with self.session.lock:
            pending = list(range(len(items)))
            while pending:
                outcomes = self._round(spec, [items[i] for i in pending])
                pending, pause = self._next(spec, items, pending, outcomes, chases, results)
                if pending and pause:
                    time.sleep(pause)
        return results

    # --- between rounds -----------------------------------------------------------------------------------

    def _next(
        self,
        spec: Tab,
        items: list[RowUpdate],
        pending: list[int],
        outcomes: list[Outcome],
        chases: list[_Chase],
        results: list[StoreError | None],
    ) -> tuple[list[int], float]:
        """The items to send again and how long to wait first; the others' results are filled in."""
        again: list[int] = []
        pauses = [0.0]
        settle = self.session.settle_s()
        conflicts: dict[int, Conflict] = {}
        for i, outcome in zip(pending, outcomes, strict=True):
            if outcome is MOVED:
                chases[i].moved += 1
                if chases[i].moved > ROUNDS:
                    results[i] = RowMoved(self.session.title(spec), clean(items[i][0]))
                    continue
                pauses.append(settle * random.random())  # jitter: two writers chased together fall out of step
                again.append(i)
            elif outcome is LATER:
                again.append(i)
            elif isinstance(outcome, Conflict):
                conflicts[i] = outcome
            else:
                results[i] = outcome if isinstance(outcome, StoreError) else None
        if conflicts:
            header = self.session.headers.get(spec.key) or []
            ghosts = self.repairs.ghosts_behind(spec, header, {items[i][0]: c for i, c in conflicts.items()})
            for i, conflict in conflicts.items():
                chase = chases[i]
                if items[i][0] in ghosts:
                    chase.deadline = chase.deadline or time.monotonic() + self._ghost_wait_s()
                    if time.monotonic() >= chase.deadline:
                        results[i] = GhostPending(self.session.title(spec), clean(items[i][0]))
                        continue
                    pauses.append(settle * random.uniform(0.5, 1.5))
                elif chase.relooked:
                    results[i] = conflict
                    continue
                else:
                    chase.relooked = True  # a conflicting write on this row is undone at once: look once more
                    pauses.append(settle)
                again.append(i)
        return again, max(pauses)

    def _ghost_wait_s(self) -> float:
        return min(GHOST_WAIT_MAX_S, GHOST_WAIT_SETTLES * self.session.settle_s())

    # --- one round: one read, one verified write ----------------------------------------------------------

    def _round(self, spec: Tab, items: list[RowUpdate]) -> list[Outcome]:
        ref = self.session.tab_ref(spec)
        keys = sorted({"id", *(k for _, c, e, _ in items for k in (*c, *e))})
        named = [k for k in ("name",) if k not in keys and any(col.key == k for col in spec.columns)]
        seen = self.session.read_columns(spec, ref, keys, optional=named)  # the name: for messages only
        self.session.features()  # an outage here is the whole call's, not one row's
        width = row_width(ref, seen.header)
        ids = seen.ids
        outcomes: list[Outcome] = [None] * len(items)
        planned: list[_Planned] = []
        taken: set[int] = set()
        for n, (row_id, changes, expected, _user) in enumerate(items):
            try:
                index = index_by_id(ref.title, seen.positions["id"], ids, row_id)
                row = seen.row(spec, index, width)
                cells = plan_update(spec, TabData(ref.title, seen.header, [row]), 0, changes, expected)
                self.session.check_cells(ref.title, [(index + 1, c, v) for c, v in cells])
            except StoreError as exc:
                outcomes[n] = exc  # a Conflict seen in the read is examined like one seen in the copy
                continue
            if index in taken:
                outcomes[n] = LATER
            elif cells:
                taken.add(index)
                planned.append(_Planned(n, index, cells, row))
        if planned:
            for n, outcome in self._send_and_verify(spec, ref, seen, items, planned):
                outcomes[n] = outcome
        return outcomes

    def _send_and_verify(
        self, spec: Tab, ref: TabRef, seen: Columns, items: list[RowUpdate], planned: list[_Planned]
    ) -> list[tuple[int, Outcome]]:
        """ONE journaled batch for every planned row (each copied into its own journal row first), then each row's
        outcome from its copy — a row that moved or changed is put back before this returns."""
        width = row_width(ref, seen.header)
        keys = {c: k for k, c in seen.positions.items()}
        journal_ref = self.session.journal_ref(width)
        nonce = new_nonce()
        subs = [nonce if j == 0 else f"{nonce}.{j}" for j in range(len(planned))]  # a retry finds the first by nonce
        requests_: list[dict[str, Any]] = [journal.insert_top(journal_ref.sheet_id, len(planned))]
        entries: list[dict[str, str]] = []
        for j, plan in enumerate(planned):
            row_id, user = clean(items[plan.item][0]), items[plan.item][3]
            requests_.append(
                journal.stamp(journal_ref.sheet_id, subs[j], "sửa", ref.title, row_id, now_text(), at=1 + j)
            )
            requests_.append(journal.capture(ref.sheet_id, plan.index + 1, width, journal_ref.sheet_id, at=1 + j))
            for col, value in plan.cells:
                body = cell_data(typed(kind_of(spec, keys[col], row_id), value))
                requests_.append(update_cell(ref.sheet_id, plan.index + 1, col, body, VALUE_FIELDS))
            if user is not None:
                log = [(keys[c], cell(plan.row, c), v) for c, v in plan.cells]
                entries += audit_entries(spec, row_id, log, user)
        requests_ += self.session.audit_requests(seen.audit_header, entries)
        last = get_column_letter(journal.PRE + width)
        copies_range = journal.quoted(journal_ref.title, f"A2:{last}{len(planned) + 1}")
        sent = self.journal.send(nonce, requests_, [copies_range], journal_ref, ref, who=self._who(seen, planned))
        copies = self._copies(journal_ref, subs, sent)
        return [
            (plan.item, self._verify(spec, ref, seen, items[plan.item], plan, subs[j], copies.get(subs[j]), sent))
            for j, plan in enumerate(planned)
        ]

    def _verify(
        self,
        spec: Tab,
        ref: TabRef,
        seen: Columns,
        item: RowUpdate,
        plan: _Planned,
        nonce: str,
        pre: list[dict[str, Any]] | None,
        sent: Sent,
    ) -> Outcome:
        """What this row's copy says of its write; a wrong write is put back from the copy first."""
        row_id, _changes, expected, user = item
        width = row_width(ref, seen.header)
        keys = {c: k for k, c in seen.positions.items()}
        text = row_texts(pre or [], width)
        ours = dict(plan.cells)
        found = Located(ref, seen.header, [], plan.index, [], seen.audit_header)
        if pre is None:
            return MOVED  # no copy came back (the journal was trimmed meanwhile): nothing to put back from; look again
        if id_key(cell(text, seen.positions["id"])) != id_key(row_id):
            self.repairs.restore(spec, found, nonce, pre, ours, user, reason="ghi nhầm dòng")
            return MOVED
        formulas = [col for col in ours if col < len(pre) and is_formula(pre[col])]
        if formulas:
            self.repairs.restore(spec, found, nonce, pre, ours, user, reason="ô có công thức")
            return FormulaCell(f"'{ref.title}'!{get_column_letter(formulas[0] + 1)}{plan.index + 2}")
        now = {keys[c]: cell(text, c) for c in keys if keys[c] in expected}
        drift = drifted(spec, clean(row_id), now, expected)
        # A try that Google applied after we had already sent it again shows our own values: that is not a conflict.
        echo = sent.tries > 1 and all(same(kind_of(spec, keys[c], row_id), cell(text, c), v) for c, v in plan.cells)
        if drift and not echo:
            self.repairs.restore(spec, found, nonce, pre, ours, user, reason="xung đột")
            return Conflict(ref.title, clean(row_id), drift)
        return None

    @staticmethod
    def _who(seen: Columns, planned: list[_Planned]) -> str:
        """The rows as staff know them (ID and name), for the message when it cannot be told whether they landed."""
        id_col, name_col = seen.positions["id"], seen.positions.get("name")
        parts = []
        for plan in planned:
            name = cell(plan.row, name_col) if name_col is not None else ""
            parts.append(f"{cell(plan.row, id_col)} ({name})" if name else cell(plan.row, id_col))
        return ", ".join(parts)

    def _copies(self, journal_ref: TabRef, subs: list[str], sent: Sent) -> dict[str, list[dict[str, Any]]]:
        """Sub-nonce → pre-image, from the batch's answer or (a retry found it had landed) from the journal."""
        rows = sent.ranges[0] if sent.ranges and not sent.earlier else []
        found = {journal.entry(r).nonce: journal.entry(r).pre for r in rows}
        if sent.earlier:
            found[subs[0]] = sent.pre  # the earlier try's journal row, as the lookup by its nonce found it
        if all(s in found for s in subs):
            return found
        for entry in self.journal.recent(journal_ref, journal.LOOKBACK + len(subs)):
            if entry.nonce in subs and entry.nonce not in found:
                found[entry.nonce] = entry.pre
        return found

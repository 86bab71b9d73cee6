"""Several rows' updates in ONE verified write: the door desk's coalesced check-ins (a queue at three desks stays
inside Google's 60 write requests a minute).

One `values:batchGet` (header, ID column, the columns written or expected, the audit header), then ONE atomic
`batchUpdate` in which each row gets its own journal row (sub-nonce) and pre-image, its typed cells and its audit
line. A row whose copy shows it moved or changed between the read and the write is put back from its copy (with a
self-undo audit line, as a single write does) and tried again alone through `update_row`, which knows how to chase
a moved row and reports a conflict with what the cell holds now.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from services.parsing import clean
from services.schema import AUDIT, Tab
from services.schema import tab as schema_tab
from services.store import RowUpdate
from services.store import sheet_journal as journal
from services.store.cells import kind_of, text_of, typed
from services.store.errors import BackendUnavailable, Conflict, StoreError, Uncertain
from services.store.gsheets_batch import Journal, Located, new_nonce, now_text, row_texts, row_width, update_cell
from services.store.gsheets_repair import Repairs
from services.store.gsheets_writes import RowWrites
from services.store.rows import (
    TabData,
    audit_entries,
    cell,
    column_map,
    drifted,
    header_of,
    id_key,
    index_by_id,
    plan_update,
    require_columns,
)
from services.store.sheet_cells import VALUE_FIELDS, cell_data
from services.store.sheet_read import column_texts
from services.store.sheet_session import SheetSession, TabRef


class ManyWrites:
    """`update_rows`: many rows in one verified batch; a row that moved or changed meanwhile goes through `RowWrites`."""

    def __init__(self, session: SheetSession, journal_: Journal, repairs: Repairs, rows: RowWrites) -> None:
        self.session = session
        self.journal = journal_
        self.repairs = repairs
        self.rows = rows

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Each item as `update_row` would do it (None: done; else the error for that row alone: Conflict,
        RowNotFound, …), in one batch read and one batch write when nobody moves the rows meanwhile. An outage
        raises for the whole call (nothing, or — Uncertain — possibly everything, was written)."""
        spec = schema_tab(tab)
        results: list[StoreError | None] = [None] * len(items)
        if not items:
            return results
        with self.session.lock:
            alone = self._update_rows_once(spec, items, results)
            # A cell seen taken may hold another writer's misplaced write still being put back: those rows go the
            # one-by-one way, which waits for the put-back (`update_row`), so no desk is told "already" by a ghost.
            taken = {items[i][0]: r for i, r in enumerate(results) if isinstance(r, Conflict)}
            if taken:
                ghosts = self.repairs.ghosts_behind(spec, self.session.headers.get(spec.key) or [], taken)
                alone += [i for i, r in enumerate(results) if isinstance(r, Conflict) and items[i][0] in ghosts]
            for i in alone:
                row_id, changes, expected, user = items[i]
                try:
                    self.rows.update_row(tab, row_id, changes, expected, user=user)
                    results[i] = None
                except StoreError as exc:
                    if _is_outage_like(exc):
                        raise
                    results[i] = exc
        return results

    def _update_rows_once(self, spec: Tab, items: list[RowUpdate], results: list[StoreError | None]) -> list[int]:
        """Returns the indexes of items to try again one by one."""
        ref = self.session.tab_ref(spec)
        keys_needed = sorted({"id", *(k for _, c, e, _ in items for k in (*c, *e))})
        read = self._read_columns(spec, ref, keys_needed)
        if read is None:
            return list(range(len(items)))
        header, positions, columns, audit_header = read
        id_col = positions["id"]
        width = row_width(ref, header)
        planned: list[tuple[int, int, list[tuple[int, str]], list[str]]] = []  # (item, index, cells, row as read)
        later: list[int] = []  # a second update of a row already in this batch (two desks, one guest): after it
        taken: set[int] = set()
        self.session.features()  # an outage here is the whole call's, not one row's
        for i, (row_id, changes, expected, _user) in enumerate(items):
            try:
                index = index_by_id(ref.title, id_col, columns[id_col], row_id)
                row = [""] * width
                for c, values in columns.items():
                    row[c] = values[index] if index < len(values) else ""
                cells = plan_update(spec, TabData(ref.title, header, [row]), 0, changes, expected)
                self.session.check_cells(ref.title, [(index + 1, c, v) for c, v in cells])
            except StoreError as exc:
                results[i] = exc
                continue
            if index in taken:
                later.append(i)
            elif cells:
                taken.add(index)
                planned.append((i, index, cells, row))
        if not planned:
            return later
        alone = self._send_and_verify(spec, ref, header, audit_header, items, planned)
        return alone + later

    def _read_columns(
        self, spec: Tab, ref: TabRef, keys_needed: list[str]
    ) -> tuple[list[str], dict[str, int], dict[int, list[str]], list[str] | None] | None:
        """(header, key → column, column → texts of the data rows, audit header) in one batchGet of the header, the
        columns these updates need and the audit header; None if staff keep moving those columns."""
        audit = self.session.metadata().by_schema().get(AUDIT.key)
        for _ in range(2):
            header = self.session.headers.get(spec.key) or []
            known = column_map(spec, header)
            cols = [known[k] for k in keys_needed if k in known]
            ranges = [journal.quoted(ref.title, "1:1"), *(journal.column_range(ref.title, c) for c in cols)]
            if audit is not None:
                ranges.append(journal.quoted(audit.title, "1:1"))
            grids = self.session.batch_get(ranges)
            header = header_of(grids[0])
            self.session.headers[spec.key] = header
            positions = column_map(spec, header)
            require_columns(spec, ref.title, positions, keys_needed)
            if [positions[k] for k in keys_needed] == cols:
                break  # the columns we read are where the header says they are
        else:
            return None
        by_col = {c: k for k, c in positions.items()}
        columns = {
            c: column_texts(spec, by_col.get(c), [r[0] if r else "" for r in grids[1 + n][1:]])
            for n, c in enumerate(cols)
        }
        audit_header = [text_of(v) for v in (grids[-1][0] if grids[-1] else [])] if audit is not None else None
        return header, positions, columns, audit_header

    def _send_and_verify(
        self,
        spec: Tab,
        ref: TabRef,
        header: list[str],
        audit_header: list[str] | None,
        items: list[RowUpdate],
        planned: list[tuple[int, int, list[tuple[int, str]], list[str]]],
    ) -> list[int]:
        """ONE journaled batch for every planned row (each copied into its own journal row first); returns the items
        whose copy shows another ID or a changed cell — each already put back — to try again one by one."""
        width = row_width(ref, header)
        positions = column_map(spec, header)
        id_col = positions["id"]
        keys = {v: k for k, v in positions.items()}
        journal_ref = self.session.journal_ref(width)
        nonce = new_nonce()
        subs = [nonce if j == 0 else f"{nonce}.{j}" for j in range(len(planned))]  # a retry finds the first by nonce
        requests_: list[dict[str, Any]] = [journal.insert_top(journal_ref.sheet_id, len(planned))]
        entries: list[dict[str, str]] = []
        for j, (i, index, cells, row) in enumerate(planned):
            row_id, user = clean(items[i][0]), items[i][3]
            requests_.append(
                journal.stamp(journal_ref.sheet_id, subs[j], "sửa", ref.title, row_id, now_text(), at=1 + j)
            )
            requests_.append(journal.capture(ref.sheet_id, index + 1, width, journal_ref.sheet_id, at=1 + j))
            for col, value in cells:
                body = cell_data(typed(kind_of(spec, keys[col], row_id), value))
                requests_.append(update_cell(ref.sheet_id, index + 1, col, body, VALUE_FIELDS))
            if user is not None:
                entries += audit_entries(spec, row_id, [(keys[c], cell(row, c), v) for c, v in cells], user)
        requests_ += self.session.audit_requests(audit_header, entries)
        last = get_column_letter(journal.PRE + width)
        copies_range = journal.quoted(journal_ref.title, f"A2:{last}{len(planned) + 1}")
        who = ", ".join(clean(items[i][0]) for i, *_ in planned)
        sent = self.journal.send(nonce, requests_, [copies_range], journal_ref, ref, who=who)
        copies = self._copies(journal_ref, subs, sent)
        alone: list[int] = []
        for j, (i, index, cells, _row) in enumerate(planned):
            row_id, _changes, expected, user = items[i]
            pre = copies.get(subs[j])
            text = row_texts(pre or [], width)
            now = {keys[c]: cell(text, c) for c in keys if keys[c] in expected}
            mine = pre is not None and id_key(cell(text, id_col)) == id_key(row_id)
            if mine and not drifted(spec, clean(row_id), now, expected):
                continue
            found = Located(ref, header, [], index, [], audit_header)
            if pre is not None:
                self.repairs.restore(spec, found, subs[j], pre, dict(cells), user, reason="xung đột")
            alone.append(i)
        return alone

    def _copies(self, journal_ref: TabRef, subs: list[str], sent: Any) -> dict[str, list[dict[str, Any]]]:
        """Sub-nonce → pre-image, from the batch's answer or (a retry found it had landed) from the journal."""
        rows = sent.ranges[0] if sent.ranges and not sent.earlier else []
        found = {journal.entry(r).nonce: journal.entry(r).pre for r in rows}
        if all(s in found for s in subs):
            return found
        for entry in self.journal.recent(journal_ref, journal.LOOKBACK + len(subs)):
            if entry.nonce in subs and entry.nonce not in found:
                found[entry.nonce] = entry.pre
        return found


def _is_outage_like(exc: StoreError) -> bool:
    return isinstance(exc, BackendUnavailable | Uncertain)

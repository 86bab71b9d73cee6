"""Writes to the shared Google Sheet besides cell updates (those are `gsheets_updates`): deleting a row, appending
rows with IDs unique across processes, and `rewrite_cells` for `cli retype` — each verified in the request that
makes it, like every write (see sheet_journal for why): the row's copy taken in the same atomic batch is the truth, and
a write that landed on the wrong row is put back from it.
"""

from __future__ import annotations

import random
import time
from typing import Any

from openpyxl.utils import get_column_letter

from services.parsing import clean
from services.schema import AUDIT, Tab
from services.schema import tab as schema_tab
from services.store import sheet_journal as journal
from services.store.cells import kind_of, text_of, typed
from services.store.errors import (
    Conflict,
    RowMoved,
    Uncertain,
)
from services.store.gsheets_batch import (
    ROUNDS,
    Journal,
    Located,
    Moved,
    Sent,
    new_nonce,
    now_text,
    row_texts,
    row_width,
    update_cell,
)
from services.store.gsheets_repair import Repairs
from services.store.rows import (
    ADDED,
    DELETED,
    TabData,
    assign_ids,
    audit_entries,
    build_row,
    cell,
    column_map,
    drifted,
    id_key,
    index_by_id,
    plan_update,
    row_summary,
)
from services.store.sheet_cells import (
    VALUE_FIELDS,
    cell_data,
    row_data,
)
from services.store.sheet_read import read_row
from services.store.sheet_session import SheetSession, TabRef, grow

RENUMBER_ROUNDS = 8  # a new row whose fresh ID keeps clashing with other processes' new rows gives up (Uncertain)


class RowWrites:
    """Deletes, appends and `rewrite_cells`, each verified in the same request that makes it."""

    def __init__(self, session: SheetSession, journal_: Journal, repairs: Repairs) -> None:
        self.session = session
        self.journal = journal_
        self.repairs = repairs

    # --- public writes ------------------------------------------------------------------------------------

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)
        with self.session.lock:
            for _ in range(ROUNDS):
                found = self._locate(spec, row_id)
                plan_update(spec, TabData(found.ref.title, found.header, [found.row]), 0, {}, expected)
                try:
                    self._delete_once(spec, found, row_id, expected, user)
                    return
                except Moved:
                    continue
            raise RowMoved(self.session.title(spec), clean(row_id))

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        if not rows:
            return []
        with self.session.lock:
            return self._append(spec, rows, user)

    # --- locating -----------------------------------------------------------------------------------------

    def _locate(self, spec: Tab, row_id: str) -> Located:
        """One `values:batchGet`: header, ID column, the audit header and (when the last read knew it) the row. The
        row is taken only from the same read as the ID column, and only if it carries this ID: a row read on its own
        by an earlier position may be a neighbour's once staff insert rows (issue 27: the desk then reported the
        neighbour's arrival time as "already checked in"). Otherwise it is read again, together, where it is now."""
        ref = self.session.tab_ref(spec)
        for _ in range(ROUNDS + 2):
            hint = self.session.hints.get(spec.key, {}).get(id_key(row_id))
            extra = [journal.quoted(ref.title, f"{hint + 2}:{hint + 2}")] if hint is not None else []
            seen = self.session.read_columns(spec, ref, ["id"], extra=extra)
            ids = seen.ids
            index = index_by_id(ref.title, seen.positions["id"], ids, row_id)
            self.session.hints.setdefault(spec.key, {})[id_key(row_id)] = index
            hinted = seen.extra[0] if extra else None
            row = read_row(spec, seen.header, hinted[0]) if hint == index and hinted else []
            if id_key(cell(row, seen.positions["id"])) != id_key(row_id):
                continue  # not read with the ID column, or no longer this person's: read both again at `index`
            width = max(len(seen.header), len(row))
            return Located(ref, seen.header, ids, index, row + [""] * (width - len(row)), seen.audit_header)
        raise RowMoved(ref.title, clean(row_id))

    # --- one verified delete ------------------------------------------------------------------------------

    def _delete_once(self, spec: Tab, found: Located, row_id: str, expected: dict[str, str], user: str | None) -> None:
        ref, index = found.ref, found.index
        requests_: list[dict[str, Any]] = [
            {
                "deleteDimension": {
                    "range": {
                        "sheetId": ref.sheet_id,
                        "dimension": "ROWS",
                        "startIndex": index + 1,
                        "endIndex": index + 2,
                    }
                }
            }
        ]
        if user is not None:
            summary = row_summary(spec, TabData(ref.title, found.header, []), found.row)
            requests_ += self.session.audit_requests(
                found.audit_header, audit_entries(spec, clean(row_id), [(DELETED, summary, "")], user)
            )
        nonce = new_nonce()
        sent = self.journal.journaled(spec, found, nonce, "xóa", clean(row_id), requests_)
        width = row_width(ref, found.header)
        pre = row_texts(sent.pre, width)
        positions = column_map(spec, found.header)
        now = {k: cell(pre, c) for k, c in positions.items() if k in expected}
        wrong_row = id_key(cell(pre, positions["id"])) != id_key(row_id)
        drift = [] if wrong_row else drifted(spec, clean(row_id), now, expected)
        if wrong_row or drift:
            self.repairs.reinsert(spec, found, nonce, sent.pre, user)
            if wrong_row:
                raise Moved
            raise Conflict(ref.title, clean(row_id), drift)

    # --- appends ------------------------------------------------------------------------------------------

    def _append(self, spec: Tab, rows: list[dict[str, str]], user: str | None) -> list[str]:
        ref = self.session.tab_ref(spec)
        seen = self.session.read_columns(spec, ref, ["id"] if spec.has_id else [])
        header, positions = seen.header, seen.positions
        id_col = positions.get("id", 0)
        ids = seen.ids if spec.has_id else []
        width = max(len(header), 1)
        known = TabData(ref.title, header, [[""] * id_col + [v] for v in ids] if spec.has_id else [])
        prepared = assign_ids(spec, known, rows)
        laid_out = [build_row(spec, known, values) for values in prepared]
        row_ids = [v.get("id", "") for v in prepared]
        keys = {v: k for k, v in positions.items()}
        bodies = [
            row_data(
                [
                    cell_data(typed(kind_of(spec, keys[c], row_ids[n]), v)) if c in keys else {}
                    for c, v in enumerate(line)
                ]
            )
            for n, line in enumerate(laid_out)
        ]
        first_row = len(ids) + 1 if spec.has_id else ref.row_count  # where the rows will land, roughly
        self.session.check_cells(
            ref.title, [(first_row + n, c, v) for n, line in enumerate(laid_out) for c, v in enumerate(line) if v]
        )
        requests_: list[dict[str, Any]] = []
        widest = max(len(r) for r in laid_out)
        if widest > ref.column_count:
            requests_.append(grow(ref, columns=widest))
        requests_.append({"appendCells": {"sheetId": ref.sheet_id, "rows": bodies, "fields": VALUE_FIELDS}})
        if user is not None:
            audit_header = seen.audit_header or None
            log: list[dict[str, str]] = []
            for values, line in zip(prepared, laid_out, strict=True):
                log += audit_entries(spec, values.get("id", ""), [(ADDED, "", row_summary(spec, known, line))], user)
            requests_ += self.session.audit_requests(audit_header, log)
        nonce = new_nonce()
        journal_ref = self.session.journal_ref(max(width, widest))
        body_requests = [
            journal.insert_top(journal_ref.sheet_id),
            journal.stamp(journal_ref.sheet_id, nonce, "thêm", ref.title, ", ".join(row_ids), now_text()),
            *requests_,
        ]
        response_ranges = [journal.quoted(journal_ref.title, f"A2:A{journal.LOOKBACK + 1}")]
        if spec.has_id:
            response_ranges.append(journal.column_range(ref.title, id_col))
        who = ", ".join(
            f"{i} ({v.get('name', '')})" if v.get("name") else i for i, v in zip(row_ids, prepared, strict=True)
        )
        sent = self.journal.send(nonce, body_requests, response_ranges, journal_ref, ref, who=who)
        if spec.has_id:
            self._settle_ids(spec, ref, header, id_col, row_ids, laid_out, sent, user)
        return row_ids

    def _settle_ids(
        self,
        spec: Tab,
        ref: TabRef,
        header: list[str],
        id_col: int,
        row_ids: list[str],
        laid_out: list[list[str]],
        sent: Sent,
        user: str | None,
    ) -> None:
        """New IDs must be unique across processes: a clash with a row appended by someone else at the same moment
        gives our row (appended later) a fresh ID; a second copy of our own rows (a try Google applied after we had
        sent it again) is removed."""
        if sent.earlier or len(sent.ranges) < 2:
            ids = self._id_column(ref, id_col)
            doubled = False
        else:
            ids = [row_texts(r, 1)[0] for r in sent.ranges[1][1:]]
            nonces = [row_texts(r, 1)[0] for r in sent.ranges[0]]
            doubled = nonces.count(nonces[0]) > 1 if nonces else False
        start = len(ids) - len(row_ids)  # appendCells puts our rows last, so in this response they are the tail
        positions = column_map(spec, header)
        keys = {v: k for k, v in positions.items()}
        for n in reversed(range(len(row_ids))):  # from the bottom: removing a row never shifts the ones still to do
            rid, at = row_ids[n], start + n
            # Two new rows with one ID: the lower one was appended later and takes a fresh ID; the upper keeps its
            # own, so two processes appending together do not both renumber.
            if not any(id_key(v) == id_key(rid) for v in ids[:at]):
                continue
            line = laid_out[n]
            found = Located(ref, header, [], at, list(line), None)
            if doubled:
                expected = {keys[c]: v for c, v in enumerate(line) if c in keys}
                try:
                    self._delete_once(spec, found, rid, expected, user)
                except Moved:
                    raise Uncertain(ref.title, rid, "dòng mới có thể đã được thêm hai lần") from None
                continue
            current = rid
            for attempt in range(RENUMBER_ROUNDS):
                # The fresh ID can itself clash with a row another process appends or renumbers meanwhile: the
                # renumber's own response shows the ID column right after it, and a clash with any row tries again
                # (the other row may be final already). Two processes retrying in step would pick the same fresh ID
                # every round: a random, growing pause and a fresh read before each retry let one finish first.
                if attempt:
                    time.sleep(self.session.settle_s() * random.uniform(0.5, 1.5) * attempt)
                    ids = self._id_column(ref, id_col)
                taken = TabData(ref.title, header, [[""] * id_col + [v] for v in ids])
                (fresh,) = assign_ids(spec, taken, [{}])
                ids = self._renumber(spec, ref, header, at, current, fresh["id"], line, user)
                current = fresh["id"]
                line = list(line)
                line[id_col] = current
                if sum(1 for v in ids if id_key(v) == id_key(current)) == 1:
                    break
            else:
                raise Uncertain(ref.title, current, "nhiều nơi cùng thêm dòng mới, chưa cấp được mã riêng")
            row_ids[n] = current

    def _id_column(self, ref: TabRef, id_col: int) -> list[str]:
        """The ID column's texts below the header, as the sheet holds them now."""
        column = self.session.batch_get([journal.column_range(ref.title, id_col)])[0]
        return [text_of(r[0]) if r else "" for r in column[1:]]

    def _renumber(
        self, spec: Tab, ref: TabRef, header: list[str], at: int, old: str, new: str, line: list[str], user: str | None
    ) -> list[str]:
        """Our new row `at` takes ID `new`; returns the ID column as it stood right after."""
        id_col = column_map(spec, header)["id"]
        found = Located(ref, header, [], at, list(line), None)
        body = cell_data(typed(kind_of(spec, "id"), new))
        requests_ = [update_cell(ref.sheet_id, at + 1, id_col, body, VALUE_FIELDS)]
        if user is not None:
            requests_ += self.session.audit_requests(
                None if AUDIT.key not in self.session.metadata().by_schema() else AUDIT.headers,
                audit_entries(spec, new, [("id", old, new)], user),
            )
        nonce = new_nonce()
        column = journal.column_range(ref.title, id_col)
        sent = self.journal.journaled(spec, found, nonce, "đổi mã", old, requests_, extra=[column])
        pre = row_texts(sent.pre, row_width(ref, header))
        if [cell(pre, i) for i in range(len(line))] != [clean(v) for v in line]:
            self.repairs.restore(spec, found, nonce, sent.pre, {id_col: new}, user, reason="ghi nhầm dòng")
            raise Uncertain(ref.title, old, f"hai nơi cùng thêm mã “{old}” và không đổi được mã của dòng mới")
        if len(sent.ranges) > 1 and sent.ranges[1]:
            return [row_texts(r, 1)[0] for r in sent.ranges[1][1:]]
        return [text_of(r[0]) if r else "" for r in self.session.batch_get([column])[0][1:]]

    # --- the journaled batch -------------------------------------------------------------------------------

    def rewrite_cells(
        self, tab: str, header: list[str], items: list[tuple[int, str, dict[int, Any], dict[int, str]]]
    ) -> list[str]:
        """Rewrite cells of several rows in ONE atomic batch, each row copied into its own journal row first — the
        typed cells of `cli retype --sheet` (`sheet_retype`); no audit lines, since no value changes meaning.

        `header`: the tab's header row as read; `items`: (data-row index, row ID, column → Typed cell to write,
        column → text the cell must still hold). Returns the IDs (or "dòng N") of rows put back from their copy
        because they had moved or changed meanwhile. An outage raises (Uncertain when the batch may have landed)."""
        with self.session.lock:
            spec = schema_tab(tab)
            return self._rewrite_cells(spec, self.session.tab_ref(spec), header, items)

    def _rewrite_cells(
        self, spec: Tab, ref: TabRef, header: list[str], items: list[tuple[int, str, dict[int, Any], dict[int, str]]]
    ) -> list[str]:
        if not items:
            return []
        width = row_width(ref, header)
        journal_ref = self.session.journal_ref(width)
        nonce = new_nonce()
        requests_: list[dict[str, Any]] = [journal.insert_top(journal_ref.sheet_id, len(items))]
        for j, (index, row_id, _cells, _seen) in enumerate(items):
            requests_.append(
                journal.stamp(journal_ref.sheet_id, f"{nonce}.{j}", "đổi kiểu", ref.title, row_id, now_text(), at=1 + j)
            )
            requests_.append(journal.capture(ref.sheet_id, index + 1, width, journal_ref.sheet_id, at=1 + j))
        for index, _row_id, cells, _seen in items:
            for col, value in cells.items():
                requests_.append(update_cell(ref.sheet_id, index + 1, col, cell_data(value), VALUE_FIELDS))
        last = get_column_letter(journal.PRE + width)
        ranges = [journal.quoted(journal_ref.title, f"A2:{last}{len(items) + 1}")]
        sent = self.journal.send(nonce, requests_, ranges, journal_ref, ref)
        copies = sent.ranges[0] if sent.ranges else []
        id_col = column_map(spec, header).get("id", 0)
        put_back: list[str] = []
        for j, (index, row_id, _cells, seen) in enumerate(items):
            pre = journal.entry(copies[j]).pre if j < len(copies) else []
            text = row_texts(pre, width)
            if id_key(cell(text, id_col)) == id_key(row_id) and all(cell(text, c) == clean(v) for c, v in seen.items()):
                continue
            found = Located(ref, header, [], index, [], None)
            self.repairs.restore(spec, found, f"{nonce}.{j}", pre, dict(seen), None, reason="đổi kiểu")
            put_back.append(row_id or f"dòng {index + 2}")
        return put_back

"""Putting a wrong write back: cells restored exactly from the journal copy on whichever row holds them now, and a
row deleted by mistake re-inserted — each repair verified like any write, with backoff while staff reshape the tab."""

from __future__ import annotations

import random
import time
from typing import Any

from services.schema import Tab
from services.store import sheet_journal as journal
from services.store.cells import kind_of, same, text_of
from services.store.errors import Conflict, Uncertain
from services.store.gsheets_batch import (
    Journal,
    Located,
    new_nonce,
    now_text,
    row_texts,
    row_width,
    update_cell,
)
from services.store.rows import ADDED, TabData, audit_entries, cell, column_map, id_key, row_summary
from services.store.sheet_cells import RESTORE_FIELDS, cell_text, is_formula, restorable
from services.store.sheet_read import read_text
from services.store.sheet_session import SheetSession, TabRef

RESTORE_DEPTH = 6
GONE_LOOKS = 2  # a put-back that finds its cells overwritten looks again this many times (settle, then twice that)
RESTORED = "hoàn tác "  # a put-back's journal operation: "hoàn tác <nonce of the write it puts back>"


class Repairs:
    """The repairs a verified write may need, through the store's session and journal."""

    def __init__(self, session: SheetSession, journal_: Journal) -> None:
        self.session = session
        self.journal = journal_

    def restore(
        self,
        spec: Tab,
        found: Located,
        nonce: str,
        pre: list[dict[str, Any]],
        ours: dict[int, str],
        user: str | None,
        *,
        reason: str,
        depth: int = 0,
    ) -> None:
        """Put back the cells a write changed, on whichever row now holds them, only where they still hold ours."""
        ref, header = found.ref, found.header
        width = row_width(ref, header)
        pre_text = row_texts(pre, width)
        positions = column_map(spec, header)
        id_col = positions["id"]
        owner = id_key(cell(pre_text, id_col))
        keys = {v: k for k, v in positions.items()}
        candidates = self._rows_still_holding(spec, ref, header, cell(pre_text, id_col), ours)
        if len(candidates) != 1:
            if not candidates:
                # Nothing of ours is left there (someone changed those cells again): say so in the journal, so
                # no writer keeps waiting for this put-back (`ghosts_behind`).
                self._mark_restored(found, nonce, cell(pre_text, id_col))
                return
            raise Uncertain(
                ref.title, cell(pre_text, id_col) or "?", f"không xác định được dòng cần hoàn tác ({reason})"
            )
        at = candidates[0]
        requests_ = self._put_back(ref, width, at, pre, ours)
        if user is not None:
            log = [(keys.get(c, str(c)), text, cell(pre_text, c)) for c, text in ours.items()]
            entries = audit_entries(spec, cell(pre_text, id_col), log, f"{user} (tự hoàn tác: {reason})")
            requests_ += self.session.audit_requests(found.audit_header, entries)
        again = Located(ref, header, [], at, [], found.audit_header)
        # A formula is pasted back from the failed write's own journal row: it sits at row 3 once this batch
        # has inserted its own row, unless another writer inserted one in between — checked below.
        restore_nonce = new_nonce()
        sent = self.journal.journaled(spec, again, restore_nonce, f"{RESTORED}{nonce}", owner, requests_)
        now = row_texts(sent.pre, width)
        moved = id_key(cell(now, id_col)) != owner or any(
            not same(kind_of(spec, keys.get(c, ""), owner), cell(now, c), text) for c, text in ours.items()
        )
        if moved:
            if depth >= RESTORE_DEPTH:
                raise Uncertain(ref.title, owner, f"các dòng đang bị di chuyển liên tục ({reason})")
            # Staff are reshaping the tab right now: back off (with jitter) so the next try meets a quieter sheet.
            time.sleep(self.session.settle_s() * random.uniform(0.5, 1.5) * (depth + 1))
            back = {c: cell_text(pre[c]) if c < len(pre) else "" for c in ours}
            self.restore(spec, again, restore_nonce, sent.pre, back, user, reason=reason, depth=depth + 1)
            self.restore(spec, found, nonce, pre, ours, user, reason=reason, depth=depth + 1)

    def _put_back(
        self, ref: TabRef, width: int, at: int, pre: list[dict[str, Any]], ours: dict[int, str]
    ) -> list[dict[str, Any]]:
        """The requests that put each of our cells back on data row `at` exactly as its copy holds it."""
        requests_: list[dict[str, Any]] = []
        for col in ours:
            captured = pre[col] if col < len(pre) else {}
            if is_formula(captured):
                requests_.append(
                    journal.paste_back(self.session.journal_ref(width).sheet_id, 2, col, ref.sheet_id, at + 1)
                )
            else:
                requests_.append(update_cell(ref.sheet_id, at + 1, col, restorable(captured), RESTORE_FIELDS))
        return requests_

    def _rows_still_holding(
        self, spec: Tab, ref: TabRef, header: list[str], owner: str, ours: dict[int, str]
    ) -> list[int]:
        """`_rows_holding`, looked at again when none is found: another writer wrote over our cells, and if that
        write was wrong too, its copy holds our value and its own put-back brings it back in a round trip or two —
        giving up at once would leave our value there for good (a ghost "already checked in")."""
        candidates = self._rows_holding(spec, ref, header, owner, ours)
        for look in range(GONE_LOOKS):
            if candidates:
                break
            time.sleep(self.session.settle_s() * (look + 1))
            candidates = self._rows_holding(spec, ref, header, owner, ours)
        return candidates

    def _rows_holding(self, spec: Tab, ref: TabRef, header: list[str], owner: str, ours: dict[int, str]) -> list[int]:
        """The data rows that carry the ID `owner` and still hold `ours` in those cells (one read of the columns)."""
        positions = column_map(spec, header)
        id_col = positions["id"]
        ranges = [journal.column_range(ref.title, id_col)] + [journal.column_range(ref.title, c) for c in ours]
        grids = self.session.batch_get(ranges)
        ids = [text_of(r[0]) if r else "" for r in grids[0][1:]]
        keys = {c: k for k, c in positions.items()}

        def typed_column(n: int, col: int) -> list[str]:
            """Dates arrive as serials: read them by the column's kind (the Sự kiện value's, by the row's key)."""
            raw = [r[0] if r else "" for r in grids[n][1:]]
            if col not in keys:
                return [text_of(v) for v in raw]
            return [read_text(v, kind_of(spec, keys[col], ids[i] if i < len(ids) else "")) for i, v in enumerate(raw)]

        cols = [typed_column(n + 1, c) for n, c in enumerate(ours)]
        length = max([len(ids), *(len(c) for c in cols)])
        return [
            i
            for i in range(length)
            if id_key(ids[i] if i < len(ids) else "") == id_key(owner)
            and all(
                same(kind_of(spec, keys.get(c, ""), owner), (cols[n] + [""] * length)[i], text)
                for n, (c, text) in enumerate(ours.items())
            )
        ]

    def _mark_restored(self, found: Located, nonce: str, owner: str) -> None:
        """A journal row saying the misplaced write `nonce` needs no put-back any more (no copy, no cell change)."""
        journal_ref = self.session.journal_ref(row_width(found.ref, found.header))
        requests_ = [
            journal.insert_top(journal_ref.sheet_id),
            journal.stamp(journal_ref.sheet_id, new_nonce(), f"{RESTORED}{nonce}", found.ref.title, owner, now_text()),
        ]
        self.session.call(lambda: self.session.http.batch_update(self.session.key, {"requests": requests_}))

    def ghosts_behind(self, spec: Tab, header: list[str], conflicts: dict[str, Conflict]) -> set[str]:
        """The row IDs whose conflict may be a ghost (issue 27: a desk was told "already checked in" with the time
        another desk had written there by mistake, seconds before it was undone) — worth reading again, not
        reporting: a misplaced write on that row is still being put back, or one was put back since and the cell
        the conflict saw holds what it had written (read just before the put-back landed).

        A journal row whose copy carries another ID than the one it was stamped for is a write that landed on the
        wrong row; it is settled once a put-back of it ("hoàn tác <nonce>") landed on that row, or was found
        unnecessary; what it had written is what the put-back's copy holds and its own copy does not. One read of
        the newest journal rows; newest first, so a put-back is seen before its write."""
        wanted = {id_key(r): r for r in conflicts}
        positions = column_map(spec, header)
        id_col = positions.get("id", 0)
        width = max(len(header), id_col + 1)
        journal_ref = self.session.journal_tab()
        if journal_ref is None:
            return set()  # no writer has journaled a write yet, so none has landed anywhere
        put_back: dict[str, list[str]] = {}  # nonce of a misplaced write → its put-back's copy ([] if none needed)
        pending: set[str] = set()
        written: dict[str, list[tuple[int, str]]] = {}  # row → (column, text) a settled ghost had written there
        for entry in self.journal.recent(journal_ref, journal.LOOKBACK):
            pre = row_texts(entry.pre, width) if entry.pre else []
            landed = id_key(cell(pre, id_col)) if pre else ""
            if entry.op.startswith(RESTORED) and landed in ("", id_key(entry.row_id)):
                put_back[entry.op.removeprefix(RESTORED)] = pre
            elif landed in wanted and landed != id_key(entry.row_id):
                if entry.nonce not in put_back:
                    pending.add(landed)
                elif after := put_back[entry.nonce]:
                    written.setdefault(landed, []).extend(
                        (c, after[c]) for c in range(width) if c != id_col and cell(after, c) != cell(pre, c)
                    )
        by_header = {spec.column(k).header: c for k, c in positions.items()}
        keys = {c: k for k, c in positions.items()}

        def seen_ghost(row_id: str) -> bool:
            return any(
                col == by_header.get(change.column) and same(kind_of(spec, keys.get(col, ""), row_id), text, change.now)
                for change in conflicts[row_id].changes
                for col, text in written.get(id_key(row_id), [])
            )

        return {r for k, r in wanted.items() if k in pending or seen_ghost(r)}

    def reinsert(self, spec: Tab, found: Located, nonce: str, pre: list[dict[str, Any]], user: str | None) -> None:
        """A delete that took the wrong row: the row comes back where it was, exactly as captured."""
        ref = found.ref
        width = row_width(ref, found.header)
        journal_ref = self.session.journal_ref(width)
        at = found.index + 1
        requests_: list[dict[str, Any]] = [
            {
                "insertDimension": {
                    "range": {"sheetId": ref.sheet_id, "dimension": "ROWS", "startIndex": at, "endIndex": at + 1},
                    "inheritFromBefore": False,
                }
            },
            # The journal row of the failed delete is the newest one unless another write came in between;
            # copyPaste brings back values, formats and formulas exactly.
            journal.copy_back_row(journal_ref.sheet_id, 1, width, ref.sheet_id, at),
        ]
        pre_text = row_texts(pre, width)
        if user is not None:
            summary = row_summary(spec, TabData(ref.title, found.header, []), pre_text)
            entries = audit_entries(spec, cell(pre_text, 0), [(ADDED, "", summary)], f"{user} (tự hoàn tác: xóa nhầm)")
            requests_ += self.session.audit_requests(found.audit_header, entries)
        body = {
            "requests": requests_,
            "includeSpreadsheetInResponse": True,
            "responseRanges": [
                journal.quoted(journal_ref.title, "A2:A2"),
                journal.row_range(ref.title, at + 1, width),
            ],
            "responseIncludeGridData": True,
        }
        answer = self.session.call(lambda: self.session.http.batch_update(self.session.key, body))
        got = journal.grid_rows(answer, journal_ref.sheet_id)
        top = journal.entry(got[0][0]).nonce if got and got[0] else ""
        back = journal.grid_rows(answer, ref.sheet_id)
        back_text = row_texts(back[0][0] if back and back[0] else [], width)
        if top != nonce or back_text != pre_text:
            # Another write's journal row came first: put the captured values back cell by cell instead.
            fix = [update_cell(ref.sheet_id, at, col, restorable(c), RESTORE_FIELDS) for col, c in enumerate(pre)]
            self.session.call(lambda: self.session.http.batch_update(self.session.key, {"requests": fix}))
            if any(is_formula(c) for c in pre):
                raise Uncertain(
                    ref.title, cell(pre_text, 0), "dòng xóa nhầm đã được khôi phục nhưng công thức cần kiểm tra"
                )

"""One journaled batch: the write's requests behind its journal row and the copy of its target row, sent as ONE
atomic `spreadsheets:batchUpdate` that answers with that copy; retried only after the journal proves that an
earlier try did not land (see sheet_journal for why)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from openpyxl.utils import get_column_letter

from services.schema import Tab
from services.store import sheet_journal as journal
from services.store.errors import StoreError, Uncertain
from services.store.retry import is_transient, may_have_landed, retrying
from services.store.rows import cell, column_map
from services.store.sheet_cells import cell_text, row_data
from services.store.sheet_session import SheetSession, TabRef

ROUNDS = 4  # a write chased by staff moving rows this many times in a row gives up (RowMoved), nothing written


class Moved(Exception):
    """The write landed on another row (staff moved rows in between); it has been put back."""


@dataclass
class Located:
    ref: TabRef
    header: list[str]
    ids: list[str]  # ID text per data row; data row i is grid row i + 1
    index: int
    row: list[str]
    audit_header: list[str] | None


@dataclass
class Sent:
    """What a batch returned: the journal pre-image and the ranges asked for (or what a retry found instead)."""

    pre: list[dict[str, Any]]
    ranges: list[list[list[dict[str, Any]]]] = field(default_factory=list)
    tries: int = 1
    earlier: bool = False  # an earlier try of the same batch had already landed (found by nonce)


def update_cell(sheet_id: int, row_index: int, col: int, body: dict[str, Any], fields: str) -> dict[str, Any]:
    """One cell's updateCells request (0-based grid row and column)."""
    return {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": row_index, "columnIndex": col},
            "rows": [row_data([body])],
            "fields": fields,
        }
    }


def new_nonce() -> str:
    return uuid.uuid4().hex[:16]


def now_text() -> str:
    return datetime.now().strftime("%d/%m/%Y %H:%M:%S")


def row_width(ref: TabRef, header: list[str]) -> int:
    return max(ref.column_count, len(header), 1)


def row_texts(cells: list[dict[str, Any]], width: int) -> list[str]:
    out = [cell_text(c) for c in cells[:width]]
    return out + [""] * (width - len(out))


class Journal:
    """The store's journaled batches, through its session (see sheet_journal for why each write is journaled)."""

    def __init__(self, session: SheetSession) -> None:
        self.session = session

    def journaled(
        self,
        spec: Tab,
        found: Located,
        nonce: str,
        op: str,
        row_id: str,
        requests_: list[dict[str, Any]],
        *,
        extra: list[str] | None = None,
    ) -> Sent:
        """Send `requests_` after the journal row and the copy of the target row, in one batch; the copy comes back."""
        ref, index = found.ref, found.index
        width = row_width(ref, found.header)
        journal_ref = self.session.journal_ref(width)
        body_requests = [
            journal.insert_top(journal_ref.sheet_id),
            journal.stamp(journal_ref.sheet_id, nonce, op, ref.title, row_id, now_text()),
            journal.capture(ref.sheet_id, index + 1, width, journal_ref.sheet_id),
            *requests_,
        ]
        ranges = [journal.row_range(journal_ref.title, 2, journal.PRE + width), *(extra or [])]
        name_col = column_map(spec, found.header).get("name")
        name = cell(found.row, name_col) if name_col is not None else ""
        who = f"{row_id} ({name})" if name else row_id
        return self.send(nonce, body_requests, ranges, journal_ref, ref, who=who)

    def send(
        self,
        nonce: str,
        requests_: list[dict[str, Any]],
        ranges: list[str],
        journal_ref: TabRef,
        ref: TabRef,
        *,
        who: str = "",
    ) -> Sent:
        """One batch, retried only after the journal proves an earlier try did not land (never a duplicate). `who`:
        the row(s) as staff know them (ID and name), for the message when it cannot be told whether it landed."""
        body = {
            "requests": requests_,
            "includeSpreadsheetInResponse": True,
            "responseRanges": ranges,
            "responseIncludeGridData": True,
        }
        state = {"maybe": False, "tries": 0}

        def once() -> Sent:
            if state["maybe"]:
                earlier = self.lookup(journal_ref, nonce)
                if earlier is not None:
                    return Sent(pre=earlier.pre, tries=state["tries"], earlier=True)
                state["maybe"] = False
            state["tries"] += 1
            started = time.monotonic()
            try:
                answer = self.session.http.batch_update(self.session.key, body)
                self.session.rtt_s = 0.8 * self.session.rtt_s + 0.2 * (time.monotonic() - started)
            except Exception as exc:
                if may_have_landed(exc):
                    state["maybe"] = True
                raise
            if any("addSheet" in r for r in requests_):
                self.session.meta = None  # this batch made a tab (the log): learn the titles again next time
            got = journal.grid_rows(answer, journal_ref.sheet_id)
            target = journal.grid_rows(answer, ref.sheet_id)
            pre = journal.entry(got[0][0] if got and got[0] else []).pre if got else []
            rows_now = journal.sheet_rows(answer, journal_ref.sheet_id)
            if rows_now and rows_now > journal.TRIM_AT:
                self._trim(journal_ref, rows_now)
            return Sent(pre=pre, ranges=[got[0] if got else [], *target], tries=state["tries"])

        try:
            return retrying(self.session.policy, once)
        except Exception as exc:
            if state["maybe"] and (is_transient(exc) or isinstance(exc, StoreError | OSError)):
                what = who or "các dòng vừa gửi"  # never the nonce: staff cannot look a hex string up
                raise Uncertain(ref.title, what, "Google Sheet không trả lời kịp sau nhiều lần thử") from exc
            raise self.session.translated(exc) from exc

    def lookup(self, journal_ref: TabRef, nonce: str) -> journal.Entry | None:
        """The journal row of an earlier try of this write, if it landed (newest rows first)."""
        return next((entry for entry in self.recent(journal_ref, journal.LOOKBACK) if entry.nonce == nonce), None)

    def recent(self, journal_ref: TabRef, rows: int) -> Iterator[journal.Entry]:
        """The newest `rows` journal entries, newest first (one read, with the pre-image cells' types)."""
        last = get_column_letter(max(journal_ref.column_count, journal.PRE + 1))
        rng = journal.quoted(journal_ref.title, f"A2:{last}{rows + 1}")
        answer = self.session.http.fetch_sheet_metadata(
            self.session.key, params={"ranges": rng, "includeGridData": "true"}
        )
        for grid in journal.grid_rows(answer, journal_ref.sheet_id):
            for row in grid:
                yield journal.entry(row)

    def _trim(self, journal_ref: TabRef, rows_now: int) -> None:
        request = {
            "deleteDimension": {
                "range": {
                    "sheetId": journal_ref.sheet_id,
                    "dimension": "ROWS",
                    "startIndex": journal.KEEP,
                    "endIndex": rows_now,
                }
            }
        }
        try:
            self.session.http.batch_update(self.session.key, {"requests": [request]})
        except Exception:  # housekeeping only: a concurrent trim may have done it already
            return

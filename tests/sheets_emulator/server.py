"""The Sheets API v4 emulator: a threaded HTTP server on loopback, a request log, fault injection and staff hooks."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

from tests.sheets_emulator import features
from tests.sheets_emulator.a1 import GridRange, format_range, quote_title, shift_formula
from tests.sheets_emulator.model import (
    DATE_TIME_OPTIONS,
    NUMBER_FORMAT_TYPES,
    RENDER_OPTIONS,
    ApiError,
    CellError,
    Formatted,
    Formula,
    Sheet,
    Spreadsheet,
    format_of,
    guard,
    in_locale,
    is_blank,
    jsonable,
    make_cell,
    user_entered,
    validation_of,
    value_of,
)

API = "/v4/spreadsheets"
CONTROL = "/_emulator"
WRITE_KINDS = frozenset(
    {
        "spreadsheets.batchUpdate",
        "values.batchUpdate",
        "values.update",
        "values.append",
        "values.clear",
        "values.batchClear",
    }
)

READ_QUOTA_MESSAGE = (
    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service "
    "'sheets.googleapis.com'."
)
FAULT_MESSAGES = {
    429: "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' "
    "of service 'sheets.googleapis.com'.",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}


@dataclass
class RequestRecord:
    method: str
    path: str
    kind: str
    spreadsheet_id: str
    status: int = 0
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    """What happens to a matching request: an error status, a delay, or (apply_first) done but answered late."""

    status: int | None = None
    delay_s: float = 0.0
    apply_first: bool = False
    kind: str | None = None
    remaining: int | None = 1  # None = forever


@dataclass
class Hook:
    kind: str | None
    action: Callable[[SheetsEmulator], None]
    remaining: int = 1
    skip: int = 0  # matching requests that pass untouched first


class SheetsEmulator:
    """In-memory spreadsheets behind a real HTTP server; every API request is logged and counted."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.private: set[str] = set()  # spreadsheets that exist but are not shared with the caller (403)
        # The caller's account (the app's service account); a protected range whose editors leave it out refuses it.
        self.caller = "app@service-account.test"
        self.requests: list[RequestRecord] = []
        self._faults: list[Fault] = []
        self._hooks: list[Hook] = []
        # Outage and quota models (see go_down and write_quota_per_min): off unless a test turns them on.
        self.down: str | None = None  # "refuse": connections are dropped unanswered; "503"/"500": every call fails
        self.write_quota_per_min: int | None = None
        self.write_quota_window_s = 60.0  # benchmarks may scale it (20 writes / 20 s is the same rate, sooner)
        self._granted_writes: deque[float] = deque()
        # Google's read quota per project (300 a minute; services.shared.limits), off unless a benchmark turns it on.
        self.read_quota_per_min: int | None = None
        self._granted_reads: deque[float] = deque()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def host(self) -> str:
        """`host:port`, the value for SHEETS_EMULATOR_HOST."""
        return f"127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    def start(self) -> SheetsEmulator:
        self._thread = threading.Thread(target=self._server.serve_forever, name="sheets-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SheetsEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- spreadsheets (in-process, not counted) ---------------------------------------------

    def create(
        self,
        title: str = "Hội nghị",
        tabs: dict[str, list[list[Any]]] | None = None,
        spreadsheet_id: str | None = None,
        *,
        locale: str | None = None,
        time_zone: str | None = None,
    ) -> str:
        """A new spreadsheet with these tabs and cells (first row = header); returns its key. Cells given as text
        are typed in the spreadsheet's locale (vi_VN unless `locale` says otherwise)."""
        key = spreadsheet_id or uuid.uuid4().hex
        book = Spreadsheet(key, title)
        book.locale = locale or book.locale
        book.time_zone = time_zone or book.time_zone
        for name, rows in (tabs or {"Trang tính1": []}).items():
            sheet = book.add_sheet(
                name, rows=max(1000, len(rows) + 100), cols=max(26, max((len(r) for r in rows), default=0))
            )
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, (Formatted, Formula)):
                        sheet.put_cell(r, c, value)  # a test's typed cell (number format, formula) as given
                    elif value not in (None, ""):
                        with in_locale(book.locale):
                            sheet.put(r, c, value if isinstance(value, (int, float, bool)) else str(value))
        with self.lock:
            self.spreadsheets[key] = book
        return key

    def url(self, key: str) -> str:
        return f"https://docs.google.com/spreadsheets/d/{key}/edit"

    def book(self, key: str) -> Spreadsheet:
        with self.lock:
            try:
                return self.spreadsheets[key]
            except KeyError:
                raise ApiError(404, "Requested entity was not found.") from None

    # --- staff editing the sheet in the browser (in-process, not counted) -------------------

    def cells(self, key: str, title: str) -> list[list[str]]:
        """Every cell of a tab as formatted text (what staff see, formulas computed), rows padded to the widest."""
        with self.lock:
            sheet = self.book(key).sheet(title)
            rows = [
                ["" if is_blank(v) else sheet.render(r, c) for c, v in enumerate(line)]
                for r, line in enumerate(sheet.cells[: sheet.used_rows()])
            ]
        width = max((len(r) for r in rows), default=0)
        return [r + [""] * (width - len(r)) for r in rows]

    def formats(self, key: str, title: str) -> list[list[dict[str, Any] | None]]:
        """Every cell's numberFormat (None where there is none), rows up to the last with a value or a format."""
        with self.lock:
            sheet = self.book(key).sheet(title)
            rows = [[format_of(v) for v in line] for line in sheet.cells]
        while rows and all(f is None for f in rows[-1]):
            rows.pop()
        width = max((len(r) for r in rows), default=0)
        return [r + [None] * (width - len(r)) for r in rows]

    def number_format(self, key: str, title: str, row: int, col: int) -> dict[str, Any] | None:
        """One cell's numberFormat ({"type", "pattern"}) or None; 1-based."""
        with self.lock:
            return self.book(key).sheet(title).number_format(row - 1, col - 1)

    def cell_value(self, key: str, title: str, row: int, col: int) -> Any:
        """The raw stored value (1-based): None, str, int, float, bool, or a `Formula` (its `.text` is "=...")."""
        with self.lock:
            return self.book(key).sheet(title).value(row - 1, col - 1)

    def set_cell(self, key: str, title: str, row: int, col: int, value: Any) -> None:
        """1-based, like the sheet UI; typed by hand, so USER_ENTERED parsing applies ("=..." is a formula)."""
        with self.lock:
            book = self.book(key)
            with in_locale(book.locale):
                book.sheet(title).put(row - 1, col - 1, user_entered(value), grow=True)

    def set_formula(self, key: str, title: str, row: int, col: int, formula: str) -> None:
        """A staff formula (1-based); the cell keeps its number format."""
        text = formula if formula.startswith("=") else "=" + formula
        with self.lock:
            self.book(key).sheet(title).put(row - 1, col - 1, Formula(text), grow=True)

    def set_format(self, key: str, title: str, row: int, col: int, number_format: dict[str, Any] | None) -> None:
        """Format > Number on one cell (1-based); None clears it."""
        with self.lock:
            self.book(key).sheet(title).set_format(row - 1, col - 1, number_format, grow=True)

    def sort_rows(self, key: str, title: str, column: int, descending: bool = False, header_rows: int = 1) -> None:
        """Data > Sort range below the header by a 1-based column, Google's order (numbers, text, blanks last)."""
        with self.lock:
            sheet = self.book(key).sheet(title)
            sheet.sort_rows(header_rows, len(sheet.cells), 0, None, [(column - 1, descending)])

    def move_row(self, key: str, title: str, from_row: int, to_row: int) -> None:
        """Drag a row (1-based) so that it ends up AT `to_row`; the rows between shift by one."""
        with self.lock:
            sheet = self.book(key).sheet(title)
            if not (1 <= from_row <= sheet.row_count and 1 <= to_row <= sheet.row_count):
                raise ApiError(400, f"move_row: rows must be within 1..{sheet.row_count}")
            start = from_row - 1
            sheet.move_rows(start, start + 1, to_row if to_row > from_row else to_row - 1)

    def insert_row(self, key: str, title: str, row: int, values: list[Any]) -> None:
        with self.lock:
            book = self.book(key)
            sheet = book.sheet(title)
            sheet.insert_rows(row - 1, 1)
            with in_locale(book.locale):
                for c, value in enumerate(values):
                    if value not in (None, ""):
                        sheet.put(row - 1, c, user_entered(value), grow=True)

    def delete_row(self, key: str, title: str, row: int) -> None:
        with self.lock:
            self.book(key).sheet(title).delete_rows(row - 1, row)

    def rename_tab(self, key: str, old: str, new: str) -> None:
        with self.lock:
            self.book(key).sheet(old).title = new

    # What staff do in the browser beyond cell edits, as the batchUpdate request Google records for it.
    def staff_request(self, key: str, request: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            book = self.book(key)
            with in_locale(book.locale):
                return _apply_request(book, request, 0)

    def _grid_range(self, key: str, title: str, a1: str) -> dict[str, Any]:
        with self.lock:
            book = self.book(key)
            sheet, rng = book.resolve(f"{quote_title(title)}!{a1}")
        out: dict[str, Any] = {
            "sheetId": sheet.sheet_id,
            "startRowIndex": rng.start_row,
            "startColumnIndex": rng.start_col,
        }
        if rng.end_row is not None:
            out["endRowIndex"] = rng.end_row
        elif rng.single:
            out["endRowIndex"] = rng.start_row + 1
        if rng.end_col is not None:
            out["endColumnIndex"] = rng.end_col
        elif rng.single:
            out["endColumnIndex"] = rng.start_col + 1
        return out

    def merge(self, key: str, title: str, a1: str, merge_type: str = "MERGE_ALL") -> None:
        """Format > Merge cells on `a1` (`H3:H5`)."""
        self.staff_request(key, {"mergeCells": {"range": self._grid_range(key, title, a1), "mergeType": merge_type}})

    def set_dropdown(self, key: str, title: str, a1: str, values: list[str], strict: bool = True) -> None:
        """Data > Data validation: a dropdown of `values` on `a1` (`F2:F1000`)."""
        rule = {
            "condition": {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in values]},
            "strict": strict,
            "showCustomUi": True,
        }
        self.staff_request(key, {"setDataValidation": {"range": self._grid_range(key, title, a1), "rule": rule}})

    def protect(
        self, key: str, title: str, a1: str | None = None, description: str = "", editors: list[str] | None = None
    ):
        """Data > Protect sheets and ranges, by the owner, editable only by `editors` (the app's account not among
        them unless named): the app's writes into it are refused with Google's 400."""
        rng = self._grid_range(key, title, a1) if a1 else {"sheetId": self.book(key).sheet(title).sheet_id}
        spec = {"range": rng, "description": description, "editors": {"users": editors or ["owner@so-khcn.test"]}}
        with self.lock:
            book = self.book(key)
            features.add_protected(book, spec, "staff", by_caller=self.caller in (editors or []))

    def set_filter(self, key: str, title: str, a1: str | None = None) -> None:
        rng = self._grid_range(key, title, a1) if a1 else {"sheetId": self.book(key).sheet(title).sheet_id}
        self.staff_request(key, {"setBasicFilter": {"filter": {"range": rng}}})

    def freeze(self, key: str, title: str, rows: int) -> None:
        sheet_id = self.book(key).sheet(title).sheet_id
        props = {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": rows}}
        self.staff_request(
            key, {"updateSheetProperties": {"properties": props, "fields": "gridProperties.frozenRowCount"}}
        )

    def hide_rows(self, key: str, title: str, first: int, last: int) -> None:
        """Hide rows first..last (1-based)."""
        sheet_id = self.book(key).sheet(title).sheet_id
        rng = {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": first - 1, "endIndex": last}
        body = {"range": rng, "properties": {"hiddenByUser": True}, "fields": "hiddenByUser"}
        self.staff_request(key, {"updateDimensionProperties": body})

    def cut_paste_row(self, key: str, title: str, from_row: int, to_row: int) -> None:
        """Cut row `from_row` (1-based, the whole row's cells) and paste it at row `to_row`: unlike a move, the
        source row stays, empty, and the rows between keep their places."""
        sheet = self.book(key).sheet(title)
        source = {"sheetId": sheet.sheet_id, "startRowIndex": from_row - 1, "endRowIndex": from_row}
        dest = {"sheetId": sheet.sheet_id, "rowIndex": to_row - 1, "columnIndex": 0}
        if to_row > sheet.row_count:
            self.staff_request(
                key,
                {
                    "appendDimension": {
                        "sheetId": sheet.sheet_id,
                        "dimension": "ROWS",
                        "length": to_row - sheet.row_count,
                    }
                },
            )
        self.staff_request(key, {"cutPaste": {"source": source, "destination": dest, "pasteType": "PASTE_NORMAL"}})

    def resize_grid(self, key: str, title: str, rows: int | None = None, columns: int | None = None) -> None:
        """Staff delete the empty rows at the bottom / the empty columns on the right (the grid shrinks)."""
        sheet = self.book(key).sheet(title)
        grid = {"rowCount": rows or sheet.row_count, "columnCount": columns or sheet.column_count}
        props = {"sheetId": sheet.sheet_id, "gridProperties": grid}
        fields = "gridProperties.rowCount,gridProperties.columnCount"
        self.staff_request(key, {"updateSheetProperties": {"properties": props, "fields": fields}})

    def set_spreadsheet(self, key: str, **props: str) -> None:
        """File > Settings / rename: title, locale, timeZone."""
        body = {"properties": props, "fields": ",".join(props)}
        self.staff_request(key, {"updateSpreadsheetProperties": body})

    def invalid_cells(self, key: str, title: str) -> list[str]:
        """Cells the browser flags: a value outside their dropdown list (A1, 1-based)."""
        from tests.sheets_emulator.a1 import column_letters

        with self.lock:
            sheet = self.book(key).sheet(title)
            return [f"{column_letters(c)}{r + 1}" for r, c in features.invalid_cells(sheet)]

    # --- request log, faults, hooks ---------------------------------------------------------

    def count(self, kind: str | None = None) -> int:
        with self.lock:
            return sum(1 for r in self.requests if kind is None or r.kind == kind)

    def kinds(self) -> list[str]:
        with self.lock:
            return [r.kind for r in self.requests]

    def reset_log(self) -> None:
        with self.lock:
            self.requests.clear()

    def fail_next(self, count: int = 1, status: int = 429, *, kind: str | None = None) -> None:
        with self.lock:
            self._faults.extend(Fault(status=status, kind=kind) for _ in range(count))

    def fail_always(self, status: int = 500, *, kind: str | None = None) -> None:
        with self.lock:
            self._faults.append(Fault(status=status, kind=kind, remaining=None))

    def delay_next(self, seconds: float, count: int = 1, *, apply_first: bool = False, kind: str | None = None) -> None:
        """Slow replies; with apply_first the request takes effect and only the answer is late (a lost response)."""
        with self.lock:
            self._faults.extend(Fault(delay_s=seconds, apply_first=apply_first, kind=kind) for _ in range(count))

    def go_down(self, mode: str = "refuse") -> None:
        """The sheet unreachable: "refuse" drops every API connection unanswered (a client sees a connection error,
        as when the hall Wi-Fi goes); "500"/"503" answers every API call with that server error."""
        with self.lock:
            self.down = mode

    def come_back(self) -> None:
        with self.lock:
            self.down = None

    def _over_quota(self, kind: str) -> bool:
        """Google's per-user write quota (60 write requests a minute, refilled every minute): a write beyond it is
        refused with 429 RESOURCE_EXHAUSTED and not applied. Refused writes do not use up the quota. The read quota
        (`read_quota_per_min`) works the same way over the same window."""
        if kind in WRITE_KINDS:
            limit, granted = self.write_quota_per_min, self._granted_writes
        else:  # any other API call reads (get, values.batchGet …), against the read quota when one is set
            limit, granted = self.read_quota_per_min, self._granted_reads
        if limit is None:
            return False
        now = time.monotonic()
        with self.lock:
            while granted and now - granted[0] >= self.write_quota_window_s:
                granted.popleft()
            if len(granted) >= limit:
                return True
            granted.append(now)
            return False

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()
            self._hooks.clear()

    def before(self, kind: str | None, action: Callable[[SheetsEmulator], None], times: int = 1, skip: int = 0) -> None:
        """Run `action` just before the next matching request is handled (staff edits between read and write).

        `kind` None matches any API request; the first `skip` matching requests pass untouched, so skip=1 fires
        before the second one. `times` = how many matching requests (after the skipped ones) it runs before.
        """
        with self.lock:
            self._hooks.append(Hook(kind, action, times, skip))

    def _take(self, kind: str) -> tuple[Fault | None, list[Hook]]:
        with self.lock:
            fault = next((f for f in self._faults if f.kind in (None, kind)), None)
            if fault is not None and fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
            hooks = []
            for h in [h for h in self._hooks if h.kind in (None, kind)]:
                if h.skip > 0:
                    h.skip -= 1
                    continue
                hooks.append(h)
                h.remaining -= 1
                if h.remaining <= 0:
                    self._hooks.remove(h)
        return fault, hooks

    # --- the API ----------------------------------------------------------------------------

    def handle(self, method: str, raw_path: str, body: bytes) -> tuple[int, dict[str, Any], float]:
        """(status, JSON body, seconds to wait before answering) for one API request."""
        path, _, query = raw_path.partition("?")
        params = parse_qs(query, keep_blank_values=True)
        kind, key, rng_text = _route(method, path)
        record = RequestRecord(method, path, kind, key)
        with self.lock:
            self.requests.append(record)
        fault, hooks = self._take(kind)
        late = 0.0
        try:
            if self.down in ("500", "503"):
                raise ApiError(int(self.down), FAULT_MESSAGES[int(self.down)])
            if self._over_quota(kind):
                raise ApiError(429, FAULT_MESSAGES[429] if kind in WRITE_KINDS else READ_QUOTA_MESSAGE)
            if fault is not None and fault.status is not None:
                time.sleep(fault.delay_s)
                raise ApiError(fault.status, FAULT_MESSAGES.get(fault.status, "Backend error."))
            if fault is not None and not fault.apply_first:
                time.sleep(fault.delay_s)
            elif fault is not None:
                late = fault.delay_s
            for hook in hooks:
                hook.action(self)
            payload = json.loads(body) if body else {}
            result = self._dispatch(kind, key, rng_text, params, payload)
            record.status = 200
            return 200, result, late
        except ApiError as exc:
            record.status = exc.code
            return exc.code, exc.body(), late
        except (ValueError, KeyError, TypeError) as exc:
            record.status = 400
            return 400, ApiError(400, f"Invalid JSON payload received. {exc}").body(), late

    def _dispatch(
        self, kind: str, key: str, rng_text: str, params: dict[str, list[str]], payload: dict[str, Any]
    ) -> dict[str, Any]:
        if kind == "unknown":
            raise ApiError(404, "Method not found.")
        with self.lock:
            if key in self.private:
                raise ApiError(403, "The caller does not have permission")
            book = self.book(key)
            with in_locale(book.locale):
                return self._dispatch_in(book, kind, key, rng_text, params, payload)

    def _dispatch_in(
        self,
        book: Spreadsheet,
        kind: str,
        key: str,
        rng_text: str,
        params: dict[str, list[str]],
        payload: dict[str, Any],
    ) -> dict[str, Any]:
        if kind == "spreadsheets.get":
            grid = _one(params, "includeGridData", "false").lower() == "true"
            fields = _one(params, "fields")
            if fields and "data" in fields:
                grid = True  # a mask naming grid data asks for it (as `fields=sheets.data...` does)
            resource = book.resource(self.base_url, params.get("ranges", []), grid)
            return _masked(resource, fields) if fields else resource
        if kind == "spreadsheets.batchUpdate":
            draft = book.clone()  # all requests apply, or none do
            replies = [_apply_request(draft, r, i) for i, r in enumerate(payload.get("requests", []))]
            out: dict[str, Any] = {"spreadsheetId": key, "replies": replies}
            if payload.get("includeSpreadsheetInResponse"):
                # The state after every request of the batch; a bad response range fails the whole batch.
                out["updatedSpreadsheet"] = draft.resource(
                    self.base_url,
                    list(payload.get("responseRanges") or []),
                    bool(payload.get("responseIncludeGridData")),
                )
            self.spreadsheets[key] = draft
            return out
        if kind == "values.get":
            sheet, rng = book.resolve(rng_text)
            return _value_range(sheet, rng, params)
        if kind == "values.batchGet":
            ranges = params.get("ranges", [])
            resolved = [book.resolve(r) for r in ranges]
            return {"spreadsheetId": key, "valueRanges": [_value_range(s, g, params) for s, g in resolved]}
        if kind == "values.update":
            # The body is checked before the range (recorded: values and range swapped → "Invalid value at ...").
            values = _input(
                payload.get("values", []), _one(params, "valueInputOption"), payload.get("majorDimension") or "ROWS"
            )
            sheet, rng = book.resolve(rng_text)
            return {"spreadsheetId": key, **_public(sheet.write(rng, values))}
        if kind == "values.batchUpdate":
            option = payload.get("valueInputOption")
            draft = book.clone()
            responses = []
            sheets: set[str] = set()
            rows_touched: set[tuple[str, int]] = set()
            cols_touched: set[tuple[str, int]] = set()
            for item in payload.get("data", []):
                sheet, rng = draft.resolve(item["range"])
                values = _input(item.get("values", []), option, item.get("majorDimension") or "ROWS")
                written = sheet.write(rng, values)
                rows_touched |= {(sheet.title, r) for r in written["_touched"][0]}
                cols_touched |= {(sheet.title, c) for c in written["_touched"][1]}
                responses.append({"spreadsheetId": key, **_public(written)})
                sheets.add(sheet.title)
            self.spreadsheets[key] = draft
            return {
                "spreadsheetId": key,
                "totalUpdatedRows": len(rows_touched),
                "totalUpdatedColumns": len(cols_touched),
                "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
                "totalUpdatedSheets": len(sheets),
                "responses": responses,
            }
        if kind == "values.append":
            values = _input(
                payload.get("values", []), _one(params, "valueInputOption"), payload.get("majorDimension") or "ROWS"
            )
            sheet, rng = book.resolve(rng_text)
            return {"spreadsheetId": key, **_append(sheet, rng, values, _one(params, "insertDataOption"))}
        if kind == "values.clear":
            sheet, rng = book.resolve(rng_text)
            return {"spreadsheetId": key, "clearedRange": sheet.clear(rng)}
        if kind == "values.batchClear":
            cleared = [s.clear(g) for s, g in (book.resolve(r) for r in payload.get("ranges", []))]
            return {"spreadsheetId": key, "clearedRanges": cleared}
        raise ApiError(404, "Method not found.")

    def handle_control(self, method: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Test-only endpoints for an emulator running in another process (never counted)."""
        parts = [unquote(p) for p in path[len(CONTROL) :].strip("/").split("/")]
        if parts == ["spreadsheets"] and method == "POST":
            key = self.create(payload.get("title", "Hội nghị"), payload.get("tabs"), payload.get("spreadsheetId"))
            return {"spreadsheetId": key}
        if parts == ["requests"]:
            with self.lock:
                return {"count": len(self.requests), "requests": [r.__dict__ for r in self.requests]}
        if parts == ["reset-log"]:
            self.reset_log()
            return {}
        if parts == ["down"] and method == "POST":
            if payload.get("mode"):
                self.go_down(str(payload["mode"]))
            else:
                self.come_back()
            return {}
        if parts == ["quota"] and method == "POST":
            with self.lock:
                self.write_quota_per_min = payload.get("writes_per_min")
                self.read_quota_per_min = payload.get("reads_per_min")
                self.write_quota_window_s = float(payload.get("window_s", 60.0))
                self._granted_writes.clear()
                self._granted_reads.clear()
            return {}
        if parts == ["faults"] and method == "POST":
            if payload.get("clear"):
                self.clear_faults()
            elif payload.get("delay_s"):
                self.delay_next(
                    payload["delay_s"],
                    payload.get("count", 1),
                    apply_first=payload.get("apply_first", False),
                    kind=payload.get("kind"),
                )
            elif payload.get("forever"):
                self.fail_always(payload.get("status", 500), kind=payload.get("kind"))
            else:
                self.fail_next(payload.get("count", 1), payload.get("status", 429), kind=payload.get("kind"))
            return {}
        if len(parts) == 4 and parts[0] == "spreadsheets" and parts[2] == "cells":
            return {"values": self.cells(parts[1], parts[3])}
        if len(parts) == 3 and parts[0] == "spreadsheets" and parts[2] == "staff" and method == "POST":
            op, args = payload["op"], payload.get("args", {})
            staff: dict[str, Callable[..., Any]] = {
                "set_cell": self.set_cell,
                "insert_row": self.insert_row,
                "delete_row": self.delete_row,
                "rename_tab": self.rename_tab,
                "set_formula": self.set_formula,
                "set_format": self.set_format,
                "sort_rows": self.sort_rows,
                "move_row": self.move_row,
                "cell_value": self.cell_value,
                "number_format": self.number_format,
                "formats": self.formats,
                "merge": self.merge,
                "set_dropdown": self.set_dropdown,
                "protect": self.protect,
                "set_filter": self.set_filter,
                "freeze": self.freeze,
                "hide_rows": self.hide_rows,
                "cut_paste_row": self.cut_paste_row,
                "resize_grid": self.resize_grid,
                "set_spreadsheet": self.set_spreadsheet,
            }
            result = staff[op](parts[1], **args)
            return {} if result is None else {"result": jsonable(result) if op == "cell_value" else result}
        raise ApiError(404, "Unknown emulator control endpoint.")


# --- routing and request bodies ---------------------------------------------------------------


def _route(method: str, path: str) -> tuple[str, str, str]:
    """(kind, spreadsheet key, range text) from the raw (still percent-encoded) path."""
    if not path.startswith(API + "/"):
        return "unknown", "", ""
    rest = path[len(API) + 1 :]
    key, slash, tail = rest.partition("/")
    if not slash:
        if key.endswith(":batchUpdate") and method == "POST":
            return "spreadsheets.batchUpdate", unquote(key[: -len(":batchUpdate")]), ""
        return ("spreadsheets.get" if method == "GET" else "unknown"), unquote(key), ""
    key = unquote(key)
    for suffix, kind, verb in (
        ("values:batchGet", "values.batchGet", "GET"),
        ("values:batchUpdate", "values.batchUpdate", "POST"),
        ("values:batchClear", "values.batchClear", "POST"),
    ):
        if tail == suffix:
            return (kind if method == verb else "unknown"), key, ""
    if not tail.startswith("values/"):
        return "unknown", key, ""
    segment = tail[len("values/") :]
    base, colon, action = segment.rpartition(":")
    if colon and action == "append" and method == "POST":
        return "values.append", key, unquote(base)
    if colon and action == "clear" and method == "POST":
        return "values.clear", key, unquote(base)
    if method == "GET":
        return "values.get", key, unquote(segment)
    if method == "PUT":
        return "values.update", key, unquote(segment)
    return "unknown", key, ""


def _mask_paths(fields: str) -> list[list[str]]:
    """A partial-response mask (`sheets.properties.title,namedRanges`, `sheets(properties(title))`) as paths."""
    paths: list[list[str]] = []

    def walk(text: str, prefix: list[str]) -> None:
        depth, start = 0, 0
        parts = []
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if ch == "," and depth == 0:
                parts.append(text[start:i])
                start = i + 1
        parts.append(text[start:])
        for part in (p.strip() for p in parts):
            if not part:
                continue
            if "(" in part:
                head, _, inner = part.partition("(")
                walk(inner[:-1], prefix + head.split("."))
            else:
                paths.append(prefix + part.replace("/", ".").split("."))

    walk(fields, [])
    return paths


def _masked(value: Any, fields: str) -> Any:
    """Only the fields the mask names (lists are masked item by item), as Google's partial responses."""

    def pick(node: Any, paths: list[list[str]]) -> Any:
        if any(not p for p in paths):
            return node
        if isinstance(node, list):  # Google keeps every item, even one left empty by the mask (recorded)
            return [pick(item, paths) or {} for item in node]
        if not isinstance(node, dict):
            return None
        out: dict[str, Any] = {}
        for key in dict.fromkeys(p[0] for p in paths):
            if key in node:
                sub = pick(node[key], [p[1:] for p in paths if p[0] == key])
                if sub is not None:
                    out[key] = sub
        return out

    return pick(value, _mask_paths(fields))


def _one(params: dict[str, list[str]], name: str, default: str = "") -> str:
    return params.get(name, [default])[0]


def _input(values: list[list[Any]], option: str, major: str = "ROWS") -> list[list[Any]]:
    if option not in ("RAW", "USER_ENTERED"):
        raise ApiError(400, "Invalid valueInputOption: must be RAW or USER_ENTERED.")
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise ApiError(
            400, f"Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), {json.dumps(values)}"
        )
    if major == "COLUMNS":  # each inner list is a column
        height = max((len(c) for c in values), default=0)
        values = [[c[i] if i < len(c) else None for c in values] for i in range(height)]
    if option == "RAW":
        return values
    return [[user_entered(v) for v in row] for row in values]


def _value_range(sheet: Sheet, rng: GridRange, params: dict[str, list[str]]) -> dict[str, Any]:
    option = _one(params, "valueRenderOption", "FORMATTED_VALUE")
    date_time = _one(params, "dateTimeRenderOption", "SERIAL_NUMBER")
    if option not in RENDER_OPTIONS:
        raise ApiError(
            400,
            "Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "
            f'"{option}"',
        )
    if date_time not in DATE_TIME_OPTIONS:
        raise ApiError(
            400,
            "Invalid value at 'date_time_render_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.DateTimeRenderOption), "{date_time}"',
        )
    text, values = sheet.read(rng, option, date_time)
    if _one(params, "majorDimension", "ROWS") == "COLUMNS":
        width = max((len(r) for r in values), default=0)
        values = [[r[j] if j < len(r) else "" for r in values] for j in range(width)]
        return {"range": text, "majorDimension": "COLUMNS", **({"values": values} if values else {})}
    out: dict[str, Any] = {"range": text, "majorDimension": "ROWS"}
    if values:
        out["values"] = values
    return out


def _append(sheet: Sheet, rng: GridRange, values: list[list[Any]], insert_option: str) -> dict[str, Any]:
    """values.append finds the "table" and writes after it. As Google answers (recorded): from a given cell the
    table is the run of filled cells in that row starting there; for a whole tab, the last run of filled cells in
    the first row with data. The table reaches down while any of its columns has data; values go right below,
    starting at its first column. No data: no tableRange, and values go to the range's start."""
    top = rng.start_row
    while top < len(sheet.cells) and all(is_blank(v) for v in sheet.cells[top]):
        if rng.single:
            break
        top += 1
    table: tuple[int, int, int, int] | None = None
    if top < len(sheet.cells) and not all(is_blank(v) for v in sheet.cells[top]):
        line = sheet.cells[top]
        filled = [c for c in range(rng.start_col, len(line)) if not is_blank(line[c])]
        if rng.single:
            runs = [rng.start_col] if rng.start_col in filled else []
        else:
            runs = [c for c in filled if c - 1 not in filled or c == rng.start_col]
        if runs:
            c0 = runs[-1]
            c1 = c0
            while c1 < len(line) and not is_blank(line[c1]):
                c1 += 1
            r1 = top + 1
            while r1 < len(sheet.cells) and any(not is_blank(sheet.get(r1, c)) for c in range(c0, c1)):
                r1 += 1
            table = (top, r1, c0, c1)
    if table is None:
        start, col = (rng.start_row, rng.start_col)
    else:
        start, col = table[1], table[2]
    if insert_option == "INSERT_ROWS":
        sheet.insert_rows(start, len(values))
    target = GridRange(sheet.title, start, None, col, None)
    out: dict[str, Any] = {}
    if table is not None:
        out["tableRange"] = format_range(sheet.title, *table)
    out["updates"] = _public(sheet.write(target, values, grow=True))
    return out


def _public(written: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in written.items() if not k.startswith("_")}


# --- batchUpdate requests -------------------------------------------------------------------------


def _entered(cell: dict[str, Any]) -> Any:
    """CellData.userEnteredValue as a stored value (formulaValue → Formula); no value → None (cleared)."""
    entered = cell.get("userEnteredValue") or {}
    if "formulaValue" in entered:
        return Formula(str(entered["formulaValue"]))
    for field_name in ("stringValue", "numberValue", "boolValue"):
        if field_name in entered:
            return entered[field_name]
    return None


def _number_format(cell: dict[str, Any], where: str) -> dict[str, Any] | None:
    number_format = (cell.get("userEnteredFormat") or {}).get("numberFormat")
    if not number_format:
        return None
    kind = number_format.get("type")
    if kind not in NUMBER_FORMAT_TYPES:
        raise ApiError(
            400,
            f"Invalid value at '{where}.user_entered_format.number_format.type' "
            f'(type.googleapis.com/google.apps.sheets.v4.NumberFormat.Type), "{kind}"',
        )
    return {k: number_format[k] for k in ("type", "pattern") if number_format.get(k)}


def _camel(name: str) -> str:
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


def _mask(body: dict[str, Any], where: str) -> tuple[bool, bool]:
    """(value?, numberFormat?) from a CellData field mask: "userEnteredValue", "userEnteredFormat",
    "userEnteredFormat.numberFormat", "*", snake_case or `/` too; other fields are accepted, not modelled.
    Google requires the mask: "At least one field must be specified"."""
    raw = str(body.get("fields") or "").strip()
    if not raw:
        raise ApiError(400, f"Invalid {where}: At least one field must be specified.")
    fields: list[str] = []
    for part in re.findall(r"[^,(]+\([^)]*\)|[^,]+", raw):  # userEnteredFormat(numberFormat,textFormat)
        part = _camel(part.strip().replace("/", "."))
        if "(" in part:
            prefix, _, inner = part.partition("(")
            fields += [f"{prefix}.{_camel(p.strip())}" for p in inner.rstrip(")").split(",")]
        else:
            fields.append(part)
    if "*" in fields:
        return True, True
    value = any(f == "userEnteredValue" or f.startswith("userEnteredValue.") for f in fields)
    number = any(
        f in ("userEnteredFormat", "userEnteredFormat.numberFormat") or f.startswith("userEnteredFormat.numberFormat.")
        for f in fields
    )
    return value, number


def _write_cell(
    sheet: Sheet, row: int, col: int, cell: dict[str, Any], mask: tuple[bool, bool], where: str, *, grow: bool = False
) -> None:
    """One CellData written through the mask: fields in the mask are set from the cell (missing = cleared), the
    rest of the cell is kept."""
    with_value, with_format = mask
    if not with_value and not with_format:
        return  # formatting other than number formats: accepted, not modelled
    current = sheet.get(row, col)
    value = _entered(cell) if with_value else value_of(current)
    number_format = _number_format(cell, where) if with_format else format_of(current)
    new = make_cell(value, number_format)
    # Skip a no-op so a wide repeatCell does not materialise empty slots (True == 1, so types count too).
    same_types = type(new) is type(current) and type(value_of(new)) is type(value_of(current))
    unchanged = same_types and new == current
    if not unchanged or row >= sheet.row_count or col >= sheet.column_count:
        sheet.put_cell(row, col, new, grow=grow)


def _write_rows(
    sheet: Sheet,
    row: int,
    col: int,
    rows: list[dict[str, Any]],
    mask: tuple[bool, bool],
    where: str,
    *,
    grow_rows: bool = False,
) -> None:
    for i, line in enumerate(rows):
        for j, cell in enumerate(line.get("values", [])):
            if col + j >= sheet.column_count:
                raise ApiError(
                    400, f"Invalid requests: column {col + j} exceeds grid limits (max columns: {sheet.column_count})."
                )
            _write_cell(sheet, row + i, col + j, cell, mask, f"{where}.rows[{i}].values[{j}]", grow=grow_rows)


def _dimension(rng: dict[str, Any]) -> tuple[str, int, int]:
    return rng.get("dimension", "ROWS"), int(rng.get("startIndex", 0)), int(rng["endIndex"])


_grid = features.grid
STAFF_FEATURES = features.STAFF_FEATURES


def _copy_paste(book: Spreadsheet, body: dict[str, Any], where: str) -> None:
    """CopyPasteRequest: the source's block lands at the destination's top-left (Google copies the whole source
    even when the destination is smaller; tiling a larger destination is not modelled). PASTE_NORMAL = values,
    formulas (relative references shifted) and formats; PASTE_VALUES = effective values, the destination keeps
    its formats; PASTE_FORMULA = values and formulas only; PASTE_FORMAT = number formats only."""
    source, r0, r1, c0, c1 = _grid(book, body["source"], where + ".source")
    target = book.by_id(body["destination"].get("sheetId", 0))
    d0 = int(body["destination"].get("startRowIndex", 0))
    e0 = int(body["destination"].get("startColumnIndex", 0))
    paste = body.get("pasteType", "PASTE_NORMAL")
    if paste not in ("PASTE_NORMAL", "PASTE_VALUES", "PASTE_FORMULA", "PASTE_FORMAT"):
        raise ApiError(400, f"Invalid {where}: paste type {paste} is not supported.")
    height, width = r1 - r0, c1 - c0
    if d0 + height > target.row_count or e0 + width > target.column_count:
        raise ApiError(
            400,
            f"Invalid {where}: Range ({format_range(target.title, d0, d0 + height, e0, e0 + width)}) exceeds grid "
            f"limits. Max rows: {target.row_count}, max columns: {target.column_count}",
        )
    guard(target, d0, d0 + height, e0, e0 + width)
    # Read the whole source first: source and destination may overlap.
    block = [[(source.get(r, c), source.effective(r, c)) for c in range(c0, c1)] for r in range(r0, r1)]
    for i, line in enumerate(block):
        for j, (cell, effective) in enumerate(line):
            row, col = d0 + i, e0 + j
            value = value_of(cell)
            if isinstance(value, Formula):
                value = Formula(shift_formula(value.text, d0 - r0, e0 - c0))
            if paste == "PASTE_NORMAL":
                target.put_cell(row, col, make_cell(value, format_of(cell), validation_of(cell)), with_rule=True)
            elif paste == "PASTE_FORMULA":
                target.put(row, col, value)
            elif paste == "PASTE_VALUES":
                target.put(row, col, effective.code if isinstance(effective, CellError) else effective)
            else:
                target.set_format(row, col, format_of(cell))


def _sort_range(book: Spreadsheet, body: dict[str, Any], where: str) -> None:
    sheet, r0, r1, c0, c1 = _grid(book, body["range"], where + ".range")
    specs = []
    for spec in body.get("sortSpecs", []):
        column = int(spec.get("dimensionIndex", 0))
        if not c0 <= column < c1:
            raise ApiError(400, f"Invalid {where}: sort column {column} is outside the range being sorted.")
        specs.append((column, spec.get("sortOrder", "ASCENDING") == "DESCENDING"))
    if specs:
        guard(sheet, r0, r1, c0, c1)
        sheet.sort_rows(r0, r1, c0, c1, specs)


def _move_dimension(book: Spreadsheet, body: dict[str, Any], where: str) -> None:
    source = body["source"]
    sheet = book.by_id(source.get("sheetId", 0))
    dim, start, end = _dimension(source)
    destination = int(body.get("destinationIndex", 0))
    limit = sheet.row_count if dim == "ROWS" else sheet.column_count
    if not (0 <= start < end <= limit and 0 <= destination <= limit):
        raise ApiError(400, f"Invalid {where}: move of [{start}, {end}) to {destination} is out of bounds.")
    low, high = min(start, destination), max(end, destination)
    if dim == "ROWS":
        guard(sheet, low, high, 0, None)
    else:
        guard(sheet, 0, None, low, high)
    (sheet.move_rows if dim == "ROWS" else sheet.move_columns)(start, end, destination)


def _cut_paste(book: Spreadsheet, body: dict[str, Any], where: str) -> None:
    """CutPasteRequest: the source's whole cells (values, formats, rules) land at the destination coordinate and the
    source is emptied — unlike moveDimension no row or column moves, so the rows around keep their places."""
    source, r0, r1, c0, c1 = _grid(book, body["source"], where + ".source")
    dest = body.get("destination") or {}
    target = book.by_id(dest.get("sheetId", 0))
    d0, e0 = int(dest.get("rowIndex", 0)), int(dest.get("columnIndex", 0))
    height, width = r1 - r0, c1 - c0
    if d0 + height > target.row_count or e0 + width > target.column_count:
        raise ApiError(
            400,
            f"Invalid {where}: Range ({format_range(target.title, d0, d0 + height, e0, e0 + width)}) exceeds grid "
            f"limits. Max rows: {target.row_count}, max columns: {target.column_count}",
        )
    guard(source, r0, r1, c0, c1)
    guard(target, d0, d0 + height, e0, e0 + width)
    paste = body.get("pasteType", "PASTE_NORMAL")
    block = [[source.get(r, c) for c in range(c0, c1)] for r in range(r0, r1)]
    for r in range(r0, min(r1, len(source.cells))):
        line = source.cells[r]
        for c in range(c0, min(c1, len(line))):
            line[c] = None
    for i, line in enumerate(block):
        for j, cell in enumerate(line):
            if paste == "PASTE_VALUES":
                target.put(d0 + i, e0 + j, value_of(cell))
            elif paste == "PASTE_FORMAT":
                target.set_format(d0 + i, e0 + j, format_of(cell))
            else:
                target.put_cell(d0 + i, e0 + j, cell, with_rule=True)


def _dimension_properties(book: Spreadsheet, body: dict[str, Any]) -> None:
    """updateDimensionProperties: rows hidden or shown by staff (pixel sizes are accepted, not modelled)."""
    rng = body.get("range") or {}
    sheet = book.by_id(rng.get("sheetId", 0))
    props, fields = body.get("properties") or {}, str(body.get("fields", ""))
    if rng.get("dimension", "ROWS") == "ROWS" and ("hiddenByUser" in fields or "*" in fields):
        rows = range(int(rng.get("startIndex", 0)), int(rng.get("endIndex", sheet.row_count)))
        if props.get("hiddenByUser"):
            sheet.hidden_rows.update(rows)
        else:
            sheet.hidden_rows.difference_update(rows)


def _apply_request(book: Spreadsheet, request: dict[str, Any], index: int) -> dict[str, Any]:
    if len(request) != 1:
        raise ApiError(400, f"Invalid requests[{index}]: exactly one kind of request expected.")
    ((name, body),) = request.items()
    where = f"requests[{index}].{name}"
    if name == "addSheet":
        props = body.get("properties", {})
        grid = props.get("gridProperties", {})
        sheet = book.add_sheet(
            props.get("title") or f"Trang tính{len(book.sheets) + 1}",
            rows=grid.get("rowCount", 1000),
            cols=grid.get("columnCount", 26),
            index=props.get("index"),
            sheet_id=props.get("sheetId"),
            frozen_rows=grid.get("frozenRowCount", 0),
            hidden=bool(props.get("hidden", False)),
        )
        return {"addSheet": {"properties": sheet.properties()}}
    if name == "deleteSheet":
        sheet = book.by_id(body["sheetId"])
        if any(p["range"] == (0, None, 0, None) for p in sheet.protected):
            guard(sheet, 0, None, 0, None)  # a protected tab cannot be deleted by a non-editor
        book.sheets.remove(sheet)
        return {}
    if name == "updateSheetProperties":
        props, fields = body.get("properties", {}), body.get("fields", "")
        sheet = book.by_id(props.get("sheetId", 0))
        wanted = {f.strip().replace("/", ".") for f in fields.split(",")}  # Google takes `a/b` and `a.b` alike
        every = "*" in wanted
        if (every or "title" in wanted) and "title" in props:
            if any(s is not sheet and s.title.casefold() == props["title"].casefold() for s in book.sheets):
                raise ApiError(400, f'A sheet with the name "{props["title"]}" already exists.')
            sheet.title = props["title"]
        if (every or "index" in wanted) and "index" in props:
            book.sheets.remove(sheet)
            book.sheets.insert(max(0, min(int(props["index"]), len(book.sheets))), sheet)
            for n, s in enumerate(book.sheets):
                s.index = n
        for extra in ("tabColor", "tabColorStyle", "rightToLeft"):
            if (every or extra in wanted) and extra in props:
                sheet.extra[extra] = props[extra]
            elif extra in wanted:
                sheet.extra.pop(extra, None)
        if every or "hidden" in wanted:
            hidden = bool(props.get("hidden", False))
            if hidden and all(s.hidden for s in book.sheets if s is not sheet):
                raise ApiError(400, f"Invalid {where}: You can't hide all the sheets in a document.")
            sheet.hidden = hidden
        grid = props.get("gridProperties", {})
        for key_name, attr in (
            ("rowCount", "row_count"),
            ("columnCount", "column_count"),
            ("frozenRowCount", "frozen_rows"),
            ("frozenColumnCount", "frozen_columns"),
        ):
            masked = every or "gridProperties" in wanted or f"gridProperties.{key_name}" in wanted
            # A field in the mask but not in the message is reset to its default (0 for frozen counts).
            if masked and (key_name in grid or key_name.startswith("frozen")):
                setattr(sheet, attr, int(grid.get(key_name, 0)))
        if sheet.row_count < 1 or sheet.column_count < 1:
            raise ApiError(400, f"Invalid {where}: a sheet must keep at least one row and one column.")
        sheet.resize_to_grid()
        return {}
    if name in ("insertDimension", "deleteDimension"):
        # insertDimension's inheritFromBefore is accepted: new rows inherit no number formats in the model.
        rng = body["range"]
        sheet = book.by_id(rng.get("sheetId", 0))
        dim, start, end = _dimension(rng)
        if name == "insertDimension":
            (sheet.insert_rows if dim == "ROWS" else sheet.insert_columns)(start, end - start)
        else:
            if dim == "ROWS":
                guard(sheet, start, end, 0, None)
            else:
                guard(sheet, 0, None, start, end)
            (sheet.delete_rows if dim == "ROWS" else sheet.delete_columns)(start, end)
        return {}
    if name == "moveDimension":
        _move_dimension(book, body, where)
        return {}
    if name == "appendDimension":
        sheet = book.by_id(body.get("sheetId", 0))
        if body.get("dimension", "ROWS") == "ROWS":
            sheet.row_count += int(body["length"])
        else:
            sheet.column_count += int(body["length"])
        return {}
    if name == "updateCells":
        mask = _mask(body, where)
        rows = body.get("rows", [])
        if "start" in body:
            start = body["start"]
            sheet = book.by_id(start.get("sheetId", 0))
            row, col = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        else:
            sheet, row, end_row, col, end_col = _grid(book, body["range"], where + ".range")
            # With a range, cells of it that `rows` does not cover have the masked fields cleared.
            for r in range(row, min(end_row, len(sheet.cells))):
                given = rows[r - row].get("values", []) if r - row < len(rows) else []
                for c in range(col + len(given), min(end_col, len(sheet.cells[r]))):
                    _write_cell(sheet, r, c, {}, mask, where)
        if row + len(rows) > sheet.row_count:
            raise ApiError(
                400, f"Invalid requests[{index}].updateCells: range exceeds grid limits (max rows: {sheet.row_count})."
            )
        width = max((len(r.get("values", [])) for r in rows), default=0)
        if mask != (False, False) and rows:
            guard(sheet, row, row + len(rows), col, col + width)
        _write_rows(sheet, row, col, rows, mask, where)
        return {}
    if name == "appendCells":
        mask = _mask(body, where)
        sheet = book.by_id(body.get("sheetId", 0))
        start = sheet.used_rows()
        rows = body.get("rows", [])
        guard(sheet, start, start + len(rows), 0, None)
        if start + len(rows) > sheet.row_count:
            sheet.row_count = start + len(rows)
        _write_rows(sheet, start, 0, rows, mask, where, grow_rows=True)
        return {}
    if name == "repeatCell":
        mask = _mask(body, where)
        sheet, r0, r1, c0, c1 = _grid(book, body.get("range", {}), where + ".range")
        cell = body.get("cell", {})
        if mask != (False, False):
            guard(sheet, r0, r1, c0, c1)
            for r in range(r0, r1):
                for c in range(c0, c1):
                    _write_cell(sheet, r, c, cell, mask, where + ".cell")
        return {}  # other formatting (bold, colours, ...) is accepted, not modelled
    if name == "copyPaste":
        _copy_paste(book, body, where)
        return {}
    if name == "sortRange":
        _sort_range(book, body, where)
        return {}
    if name == "cutPaste":
        _cut_paste(book, body, where)
        return {}
    if name == "updateDimensionProperties":
        _dimension_properties(book, body)
        return {}
    if name == "autoResizeDimensions":
        return {}  # column widths: accepted, not modelled
    if name in STAFF_FEATURES:
        return STAFF_FEATURES[name](book, body, where)
    raise ApiError(400, f"Invalid requests[{index}]: unknown request '{name}'.")


def _handler_for(emulator: SheetsEmulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle + the client's delayed ACK add ~40 ms to
            # every answer on loopback, which Google's front end does not (and which would skew the benchmarks).
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: object) -> None:  # quiet: the emulator keeps its own log
            pass

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            late = 0.0
            if self.path.startswith(CONTROL):
                try:
                    status, out = (
                        200,
                        emulator.handle_control(method, self.path.partition("?")[0], json.loads(body) if body else {}),
                    )
                except ApiError as exc:
                    status, out = exc.code, exc.body()
                except (ValueError, KeyError, TypeError) as exc:
                    status, out = 400, ApiError(400, str(exc)).body()
            elif emulator.down == "refuse":
                self.close_connection = True  # no answer at all: the client sees the connection drop
                return
            else:
                status, out, late = emulator.handle(method, self.path, body)
            data = json.dumps(out, ensure_ascii=False).encode()
            if late:
                time.sleep(late)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (a simulated lost response)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PUT(self) -> None:
            self._serve("PUT")

    return Handler

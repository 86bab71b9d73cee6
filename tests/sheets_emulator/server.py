"""The Sheets API v4 emulator: a threaded HTTP server on loopback, a request log, fault injection and staff hooks."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

from tests.sheets_emulator.a1 import GridRange, format_range
from tests.sheets_emulator.model import ApiError, Sheet, Spreadsheet, formatted, user_entered

API = "/v4/spreadsheets"
CONTROL = "/_emulator"

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


class SheetsEmulator:
    """In-memory spreadsheets behind a real HTTP server; every API request is logged and counted."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.requests: list[RequestRecord] = []
        self._faults: list[Fault] = []
        self._hooks: list[Hook] = []
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
        self, title: str = "Hội nghị", tabs: dict[str, list[list[Any]]] | None = None, spreadsheet_id: str | None = None
    ) -> str:
        """A new spreadsheet with these tabs and cells (first row = header); returns its key."""
        key = spreadsheet_id or uuid.uuid4().hex
        book = Spreadsheet(key, title)
        for name, rows in (tabs or {"Trang tính1": []}).items():
            sheet = book.add_sheet(
                name, rows=max(1000, len(rows) + 100), cols=max(26, max((len(r) for r in rows), default=0))
            )
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value not in (None, ""):
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
        """Every cell of a tab as formatted text, rows padded to the widest row."""
        with self.lock:
            sheet = self.book(key).sheet(title)
            rows = [[formatted(v) for v in line] for line in sheet.cells[: sheet.used_rows()]]
        width = max((len(r) for r in rows), default=0)
        return [r + [""] * (width - len(r)) for r in rows]

    def set_cell(self, key: str, title: str, row: int, col: int, value: Any) -> None:
        """1-based, like the sheet UI; typed by hand, so USER_ENTERED parsing applies."""
        with self.lock:
            self.book(key).sheet(title).put(row - 1, col - 1, user_entered(value), grow=True)

    def insert_row(self, key: str, title: str, row: int, values: list[Any]) -> None:
        with self.lock:
            sheet = self.book(key).sheet(title)
            sheet.insert_rows(row - 1, 1)
            for c, value in enumerate(values):
                if value not in (None, ""):
                    sheet.put(row - 1, c, user_entered(value), grow=True)

    def delete_row(self, key: str, title: str, row: int) -> None:
        with self.lock:
            self.book(key).sheet(title).delete_rows(row - 1, row)

    def rename_tab(self, key: str, old: str, new: str) -> None:
        with self.lock:
            self.book(key).sheet(old).title = new

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

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()
            self._hooks.clear()

    def before(self, kind: str | None, action: Callable[[SheetsEmulator], None], times: int = 1) -> None:
        """Run `action` just before the next matching request is handled (staff edits between read and write)."""
        with self.lock:
            self._hooks.append(Hook(kind, action, times))

    def _take(self, kind: str) -> tuple[Fault | None, list[Hook]]:
        with self.lock:
            fault = next((f for f in self._faults if f.kind in (None, kind)), None)
            if fault is not None and fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
            hooks = [h for h in self._hooks if h.kind in (None, kind)]
            for h in hooks:
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
            book = self.book(key)
            if kind == "spreadsheets.get":
                return book.metadata(self.base_url)
            if kind == "spreadsheets.batchUpdate":
                draft = book.clone()  # all requests apply, or none do
                replies = [_apply_request(draft, r, i) for i, r in enumerate(payload.get("requests", []))]
                self.spreadsheets[key] = draft
                out: dict[str, Any] = {"spreadsheetId": key, "replies": replies}
                if payload.get("includeSpreadsheetInResponse"):
                    out["updatedSpreadsheet"] = draft.metadata(self.base_url)
                return out
            if kind == "values.get":
                sheet, rng = book.resolve(rng_text)
                return _value_range(sheet, rng, params)
            if kind == "values.batchGet":
                ranges = params.get("ranges", [])
                resolved = [book.resolve(r) for r in ranges]
                return {"spreadsheetId": key, "valueRanges": [_value_range(s, g, params) for s, g in resolved]}
            if kind == "values.update":
                sheet, rng = book.resolve(rng_text)
                values = _input(payload.get("values", []), _one(params, "valueInputOption"))
                return {"spreadsheetId": key, **sheet.write(rng, values)}
            if kind == "values.batchUpdate":
                option = payload.get("valueInputOption")
                draft = book.clone()
                responses = []
                for item in payload.get("data", []):
                    sheet, rng = draft.resolve(item["range"])
                    responses.append({"spreadsheetId": key, **sheet.write(rng, _input(item.get("values", []), option))})
                self.spreadsheets[key] = draft
                return {
                    "spreadsheetId": key,
                    "totalUpdatedRows": sum(r["updatedRows"] for r in responses),
                    "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
                    "responses": responses,
                }
            if kind == "values.append":
                sheet, rng = book.resolve(rng_text)
                values = _input(payload.get("values", []), _one(params, "valueInputOption"))
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
            staff = {
                "set_cell": self.set_cell,
                "insert_row": self.insert_row,
                "delete_row": self.delete_row,
                "rename_tab": self.rename_tab,
            }
            staff[op](parts[1], **args)
            return {}
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


def _one(params: dict[str, list[str]], name: str, default: str = "") -> str:
    return params.get(name, [default])[0]


def _input(values: list[list[Any]], option: str) -> list[list[Any]]:
    if option not in ("RAW", "USER_ENTERED"):
        raise ApiError(400, "Invalid valueInputOption: must be RAW or USER_ENTERED.")
    if option == "RAW":
        return values
    return [[user_entered(v) for v in row] for row in values]


def _value_range(sheet: Sheet, rng: GridRange, params: dict[str, list[str]]) -> dict[str, Any]:
    option = _one(params, "valueRenderOption", "FORMATTED_VALUE")
    text, values = sheet.read(rng)
    if option == "UNFORMATTED_VALUE":
        values = [
            [sheet.get(rng.start_row + i, rng.start_col + j) if v != "" else "" for j, v in enumerate(row)]
            for i, row in enumerate(values)
        ]
    if _one(params, "majorDimension", "ROWS") == "COLUMNS":
        width = max((len(r) for r in values), default=0)
        values = [[r[j] if j < len(r) else "" for r in values] for j in range(width)]
        return {"range": text, "majorDimension": "COLUMNS", **({"values": values} if values else {})}
    out: dict[str, Any] = {"range": text, "majorDimension": "ROWS"}
    if values:
        out["values"] = values
    return out


def _append(sheet: Sheet, rng: GridRange, values: list[list[Any]], insert_option: str) -> dict[str, Any]:
    """After the last row with data (the 'table'); INSERT_ROWS makes room, OVERWRITE writes into what is there."""
    # The "table" is the run of non-empty rows from the range's first row; values go right after it.
    table_end = rng.start_row
    while table_end < len(sheet.cells) and any(v not in (None, "") for v in sheet.cells[table_end]):
        table_end += 1
    start = table_end
    if insert_option == "INSERT_ROWS":
        sheet.insert_rows(start, len(values))
    target = GridRange(sheet.title, start, None, rng.start_col, None)
    table = format_range(
        sheet.title,
        rng.start_row,
        max(table_end, rng.start_row + 1),
        rng.start_col,
        max(sheet.column_count, rng.start_col + 1),
    )
    return {"tableRange": table, "updates": sheet.write(target, values, grow=True)}


def _cell_value(cell: dict[str, Any]) -> Any:
    entered = cell.get("userEnteredValue")
    if not entered:
        return ""
    for field_name in ("stringValue", "numberValue", "boolValue", "formulaValue"):
        if field_name in entered:
            return entered[field_name]
    return ""


def _write_cells(sheet: Sheet, row: int, col: int, rows: list[dict[str, Any]], grow_rows: bool = False) -> None:
    for i, line in enumerate(rows):
        for j, cell in enumerate(line.get("values", [])):
            if "userEnteredValue" not in cell and cell:
                continue  # formatting only
            if col + j >= sheet.column_count:
                raise ApiError(
                    400, f"Invalid requests: column {col + j} exceeds grid limits (max columns: {sheet.column_count})."
                )
            sheet.put(row + i, col + j, _cell_value(cell), grow=grow_rows)


def _dimension(rng: dict[str, Any]) -> tuple[str, int, int]:
    return rng.get("dimension", "ROWS"), int(rng.get("startIndex", 0)), int(rng["endIndex"])


def _apply_request(book: Spreadsheet, request: dict[str, Any], index: int) -> dict[str, Any]:
    if len(request) != 1:
        raise ApiError(400, f"Invalid requests[{index}]: exactly one kind of request expected.")
    ((name, body),) = request.items()
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
        )
        return {"addSheet": {"properties": sheet.properties()}}
    if name == "deleteSheet":
        sheet = book.by_id(body["sheetId"])
        book.sheets.remove(sheet)
        return {}
    if name == "updateSheetProperties":
        props, fields = body.get("properties", {}), body.get("fields", "")
        sheet = book.by_id(props.get("sheetId", 0))
        wanted = {f.strip() for f in fields.split(",")}
        every = "*" in wanted
        if (every or "title" in wanted) and "title" in props:
            if any(s is not sheet and s.title.casefold() == props["title"].casefold() for s in book.sheets):
                raise ApiError(400, f'A sheet with the name "{props["title"]}" already exists.')
            sheet.title = props["title"]
        grid = props.get("gridProperties", {})
        for key_name, attr in (
            ("rowCount", "row_count"),
            ("columnCount", "column_count"),
            ("frozenRowCount", "frozen_rows"),
        ):
            if (every or "gridProperties" in wanted or f"gridProperties.{key_name}" in wanted) and key_name in grid:
                setattr(sheet, attr, int(grid[key_name]))
        if sheet.used_rows() > sheet.row_count:
            del sheet.cells[sheet.row_count :]
        return {}
    if name in ("insertDimension", "deleteDimension"):
        rng = body["range"]
        sheet = book.by_id(rng.get("sheetId", 0))
        dim, start, end = _dimension(rng)
        if name == "insertDimension":
            (sheet.insert_rows if dim == "ROWS" else sheet.insert_columns)(start, end - start)
        else:
            (sheet.delete_rows if dim == "ROWS" else sheet.delete_columns)(start, end)
        return {}
    if name == "appendDimension":
        sheet = book.by_id(body.get("sheetId", 0))
        if body.get("dimension", "ROWS") == "ROWS":
            sheet.row_count += int(body["length"])
        else:
            sheet.column_count += int(body["length"])
        return {}
    if name == "updateCells":
        if "start" in body:
            start = body["start"]
            sheet = book.by_id(start.get("sheetId", 0))
            row, col = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        else:
            rng = body["range"]
            sheet = book.by_id(rng.get("sheetId", 0))
            row, col = int(rng.get("startRowIndex", 0)), int(rng.get("startColumnIndex", 0))
        if row + len(body.get("rows", [])) > sheet.row_count:
            raise ApiError(
                400, f"Invalid requests[{index}].updateCells: range exceeds grid limits (max rows: {sheet.row_count})."
            )
        _write_cells(sheet, row, col, body.get("rows", []))
        return {}
    if name == "appendCells":
        sheet = book.by_id(body.get("sheetId", 0))
        start = sheet.used_rows()
        rows = body.get("rows", [])
        if start + len(rows) > sheet.row_count:
            sheet.row_count = start + len(rows)
        _write_cells(sheet, start, 0, rows, grow_rows=True)
        return {}
    if name in ("repeatCell", "updateDimensionProperties", "autoResizeDimensions"):
        return {}  # formatting: accepted, not modelled
    raise ApiError(400, f"Invalid requests[{index}]: unknown request '{name}'.")


def _handler_for(emulator: SheetsEmulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

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

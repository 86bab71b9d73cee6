"""The Google Sheet backend: gspread over the Sheets API v4, one read per refresh, row-by-ID conflict-aware writes."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import requests
from google.auth.credentials import AnonymousCredentials, Credentials
from google.auth.exceptions import GoogleAuthError
from gspread.auth import DEFAULT_SCOPES
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient
from gspread.utils import extract_id_from_url

from services.parsing import clean
from services.schema import AUDIT, TABS, Tab
from services.schema import tab as schema_tab
from services.store import BackendInfo
from services.store import sheet_journal as journal
from services.store.cells import kind_of, typed
from services.store.errors import BackendUnavailable, StoreError, TabMissing
from services.store.gsheets_many import SheetManyWrites
from services.store.retry import RetryPolicy, attempts_made, is_transient, retrying
from services.store.rows import (
    Snapshot,
    TabData,
    build_row,
    column_map,
    fit_audit,
    header_of,
    id_key,
    missing_headers,
    split_header,
    split_tabs,
)
from services.store.sheet_cells import VALUE_FIELDS, cell_data, row_data, text_cell
from services.store.sheet_features import FIELDS as FEATURE_FIELDS
from services.store.sheet_features import PROTECTED_MESSAGE, Features, SheetProtected, blocking, protected_text
from services.store.sheet_features import parse as parse_features
from services.store.sheet_read import READ_PARAMS, maybe_dates, read_row


class SheetSettings(Protocol):
    """What this backend needs to know (services.config.StoreConfig has it); the store imports nothing of the app."""

    # read-only members: StoreConfig is a frozen dataclass
    @property
    def sheet(self) -> str | None: ...
    @property
    def service_account(self) -> Mapping[str, Any] | None: ...
    @property
    def credentials_file(self) -> str | None: ...
    @property
    def emulator_host(self) -> str | None: ...


T = TypeVar("T")

GOOGLE_API_ROOT = "https://sheets.googleapis.com"
SHEET_URL = "https://docs.google.com/spreadsheets/d/{key}/edit"
NEW_TAB_ROWS, NEW_TAB_COLS = 1000, 26
VALUE_WRITE_CHUNK = 5000  # rows per values:batchUpdate when copying whole tabs (request size stays moderate)
# How long the tab titles and what staff did to the sheet (merges, dropdowns, protection) are trusted: a load older
# than this learns them again (one spreadsheets.get), so a dropdown or merge staff add is seen within minutes.
METADATA_TTL_S = 300.0


class SheetsHTTPClient(HTTPClient):
    """gspread's own HTTP client, pointed at another API root (the local emulator) when asked.

    The root is per client, so two stores in one process (a real sheet and an emulator) never interfere.
    """

    def __init__(self, auth: Credentials, session: requests.Session | None = None, *, api_root: str = GOOGLE_API_ROOT):
        super().__init__(auth, session)
        self.api_root = api_root.rstrip("/")

    def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> requests.Response:
        if self.api_root != GOOGLE_API_ROOT and endpoint.startswith(GOOGLE_API_ROOT):
            endpoint = self.api_root + endpoint[len(GOOGLE_API_ROOT) :]
        return super().request(method, endpoint, *args, **kwargs)


def spreadsheet_key(url_or_key: str) -> str:
    text = clean(url_or_key)
    if "/" in text:
        return extract_id_from_url(text)
    return text


@dataclass
class TabRef:
    title: str
    sheet_id: int
    row_count: int
    column_count: int


@dataclass
class _Metadata:
    title: str
    tabs: list[TabRef] = field(default_factory=list)

    def by_schema(self) -> dict[str, TabRef]:
        matched, _ = split_tabs({t.title: ([], []) for t in self.tabs})
        by_title = {t.title: t for t in self.tabs}
        return {key: by_title[data.title] for key, data in matched.items()}


def _row(values: list[str]) -> dict[str, Any]:
    return row_data([text_cell(v) for v in values])


class GoogleSheetStore(SheetManyWrites):
    """One spreadsheet; tab titles are learned once per process, every other call is one or two requests.

    Reads: `load()` = one `values:batchGet` of every schema tab. Writes: one `values:batchGet` (the target tab
    and the audit header, to locate the row by ID and check `expected`) and one `spreadsheets:batchUpdate`
    carrying the changed cells AND the `Nhật ký` rows, which Google applies atomically — so the change and
    its log land together or not at all, and the log rows are appended server-side (`appendCells`), so two
    desks writing at once never overwrite each other's log lines.
    """

    def __init__(
        self,
        spreadsheet: str,
        http: HTTPClient,
        *,
        policy: RetryPolicy | None = None,
        location: str | None = None,
    ) -> None:
        self.key = spreadsheet_key(spreadsheet)
        self.http = http
        self.policy = policy or RetryPolicy()
        self.http.set_timeout(self.policy.timeout_s)
        self.location = location or SHEET_URL.format(key=self.key)
        self._meta: _Metadata | None = None
        # One write at a time from this process: an optimisation (fewer self-inflicted clashes), not the guarantee —
        # the journal check in every write batch is what keeps two processes from both winning.
        self._lock = threading.RLock()
        self._headers: dict[str, list[str]] = {}  # tab key → header row as last read
        self._hints: dict[str, dict[str, int]] = {}  # tab key → ID → data row index as last read (a guess only)
        self._rtt_s = 0.05  # running mean of one write batch's round trip: how long a settle or backoff waits
        self._features: tuple[float, Features] | None = None  # (monotonic time learned, what was learned)

    # --- construction -----------------------------------------------------------------------

    @classmethod
    def from_config(cls, config: SheetSettings, *, policy: RetryPolicy | None = None) -> GoogleSheetStore:
        if not config.sheet:
            raise StoreError("Chưa cấu hình Google Sheet (mục [gsheets] spreadsheet hoặc biến GSHEETS_SPREADSHEET).")
        if config.emulator_host:
            return cls.for_emulator(config.emulator_host, config.sheet, policy=policy)
        return cls(config.sheet, SheetsHTTPClient(_credentials(config)), policy=policy)

    @classmethod
    def for_emulator(cls, host: str, spreadsheet: str, *, policy: RetryPolicy | None = None) -> GoogleSheetStore:
        """SHEETS_EMULATOR_HOST=host:port: plain HTTP to a local emulator, anonymous credentials, no Google account."""
        root = host if host.startswith("http") else f"http://{host}"
        http = SheetsHTTPClient(AnonymousCredentials(), api_root=root)
        return cls(spreadsheet, http, policy=policy)

    # --- reading ----------------------------------------------------------------------------

    def info(self) -> BackendInfo:
        """Never fails: the title is learned with the first metadata request (made here at most once)."""
        if self._meta is None:
            with contextlib.suppress(StoreError):
                self._metadata(attempts=1)
        title = self._meta.title if self._meta else self.key
        return BackendInfo(kind="gsheets", title=title, location=self.location)

    def load(self) -> Snapshot:
        meta = self._metadata()
        try:
            return self._load(meta)
        except _TabsChanged:
            # A tab was renamed or removed since we learned the titles: learn them again, once.
            return self._load(self._metadata(refresh=True))

    def _load(self, meta: _Metadata) -> Snapshot:
        titles = [t.title for t in meta.tabs]
        keys = {ref.title: key for key, ref in meta.by_schema().items()}
        wanted = list(keys)
        values = self._batch_get([journal.quoted(t) for t in wanted]) if wanted else []
        raw: dict[str, tuple[list[str], list[list[str]]]] = {t: ([], []) for t in titles}
        shown = self._shown_dates(dict(zip(wanted, values, strict=True)), keys)
        for title, grid in zip(wanted, values, strict=True):
            raw[title] = _split_header(grid, schema_tab(keys[title]), shown.get(title))
        raw.pop(journal.TITLE, None)  # the app's own hidden journal is neither schema nor staff data
        tabs, others = split_tabs(raw)
        for key, data in tabs.items():
            self._headers[key] = data.header
            id_col = column_map(schema_tab(key), data.header).get("id")
            if id_col is not None:
                self._hints[key] = {id_key(r[id_col]): i for i, r in enumerate(data.rows) if id_col < len(r)}
        return Snapshot(tabs=tabs, other_tabs=others)

    def read_grid(self, titles: list[str] | None = None) -> dict[str, list[list[str]]]:
        """Every cell of these tabs (default: all) as text, for copying the whole sheet elsewhere."""
        meta = self._metadata(refresh=True)
        titles = [t.title for t in meta.tabs if t.title != journal.TITLE] if titles is None else titles
        if not titles:
            return {}
        keys = {ref.title: key for key, ref in meta.by_schema().items()}
        ours = [t for t in titles if t in keys]
        others = [t for t in titles if t not in keys]
        out: dict[str, list[list[str]]] = {}
        if ours:  # app tabs: dates by the columns' kinds, whatever the locale
            grids = dict(zip(ours, self._batch_get([journal.quoted(t) for t in ours]), strict=True))
            shown = self._shown_dates(grids, keys)
            for title, grid in grids.items():
                header, seen = header_of(grid), shown.get(title)
                out[title] = [[clean(v) for v in grid[0]]] if grid else []
                out[title] += [
                    read_row(schema_tab(keys[title]), header, r, seen[n + 1] if seen and n + 1 < len(seen) else None)
                    for n, r in enumerate(grid[1:])
                ]
        if others:  # staff tabs: no kinds known, so dates as the sheet shows them
            grids = self._batch_get([journal.quoted(t) for t in others], date_time="FORMATTED_STRING")
            out.update({t: [[clean(v) for v in row] for row in grid] for t, grid in zip(others, grids, strict=True)})
        return {t: out[t] for t in titles}

    # --- writing ----------------------------------------------------------------------------

    def ensure_schema(self) -> list[str]:
        """Add missing tabs and missing headers (at the end of row 1); never delete, rename or reorder."""
        with self._lock:
            meta = self._metadata(refresh=True)
            present = meta.by_schema()
            headers = (
                dict(
                    zip(
                        present,
                        self._batch_get([journal.quoted(r.title, "1:1") for r in present.values()]),
                        strict=True,
                    )
                )
                if present
                else {}
            )
            report: list[str] = []
            requests_: list[dict[str, Any]] = []
            taken = {t.sheet_id for t in meta.tabs}
            for spec in TABS:
                if spec.key not in present:
                    sheet_id = _new_sheet_id(taken)
                    requests_.append(_add_sheet(spec.title, sheet_id, len(spec.columns)))
                    requests_.append(_header_cells(sheet_id, 0, spec.headers))
                    report.append(f"Đã tạo trang “{spec.title}”.")
                    continue
                ref = present[spec.key]
                header = header_of(headers[spec.key])
                absent = missing_headers(spec, header)
                if not absent:
                    continue
                if len(header) + len(absent) > ref.column_count:
                    requests_.append(_grow(ref, columns=len(header) + len(absent)))
                requests_.append(_header_cells(ref.sheet_id, len(header), absent))
                report.append(f"Trang “{ref.title}”: đã thêm cột {', '.join(absent)}.")
            if not any(t.title == journal.TITLE for t in meta.tabs):
                # The app's hidden write journal (see sheet_journal): made here so the first write needs no extra call.
                sheet_id = _new_sheet_id(taken)
                requests_ += [_journal_sheet(sheet_id), _header_cells(sheet_id, 0, journal.HEADER)]
            if requests_:
                self._call(lambda: self.http.batch_update(self.key, {"requests": requests_}))
                self._metadata(refresh=True)
            return report

    def write_grid(self, grids: Mapping[str, list[list[str]]], *, clear: bool = False) -> None:
        """Put whole tabs (header + rows) into the sheet, creating tabs and growing grids as needed.

        With `clear`, the tabs' old values are cleared first. Values are written RAW (text stays text).
        """
        with self._lock:
            meta = self._metadata(refresh=True)
            by_title = {t.title: t for t in meta.tabs}
            taken = {t.sheet_id for t in meta.tabs}
            shape: list[dict[str, Any]] = []
            for title, grid in grids.items():
                rows_needed = max(len(grid) + 1, 2)
                cols_needed = max((len(r) for r in grid), default=1)
                ref = by_title.get(title)
                if ref is None:
                    shape.append(
                        _add_sheet(title, _new_sheet_id(taken), cols_needed, rows=max(NEW_TAB_ROWS, rows_needed))
                    )
                elif rows_needed > ref.row_count or cols_needed > ref.column_count:
                    shape.append(
                        _grow(ref, rows=max(rows_needed, ref.row_count), columns=max(cols_needed, ref.column_count))
                    )
            if shape:
                self._call(lambda: self.http.batch_update(self.key, {"requests": shape}))
            existing = [t for t in grids if t in by_title]
            if clear and existing:
                body = {"ranges": [journal.quoted(t) for t in existing]}
                self._call(lambda: self.http.values_batch_clear(self.key, body=body))
            data = [
                {"range": journal.quoted(title, f"A{start + 1}"), "values": grid[start : start + VALUE_WRITE_CHUNK]}
                for title, grid in grids.items()
                for start in range(0, len(grid), VALUE_WRITE_CHUNK)
            ]
            for offset in range(0, len(data), 4):
                body = {"valueInputOption": "RAW", "data": data[offset : offset + 4]}
                self._call(lambda body=body: self.http.values_batch_update(self.key, body=body))
            self._metadata(refresh=True)

    def _shown_dates(self, grids: dict[str, list[list[Any]]], keys: dict[str, str]) -> dict[str, list[list[Any]]]:
        """The tabs where a text column may hold a date staff typed, read again with dates as the sheet shows them
        (one more batchGet, only then)."""
        titles = [t for t, g in grids.items() if maybe_dates(schema_tab(keys[t]), header_of(g), g)]
        if not titles:
            return {}
        again = self._batch_get([journal.quoted(t) for t in titles], date_time="FORMATTED_STRING")
        return dict(zip(titles, again, strict=True))

    # --- what staff did to the sheet (sheet_features) ----------------------------------------

    def features(self, *, refresh: bool = False) -> Features:
        """Locale, time zone, merges, protected ranges, filters, hidden rows and dropdown rules: learned with the
        tab titles (the same spreadsheets.get, a field mask keeps it small), so no request is added."""
        self._metadata(refresh=refresh)
        assert self._features is not None
        return self._features[1]

    def formula_grids(self) -> list[tuple[str, str, list[list[Any]]]]:
        """(schema key, tab title, cells with formulas as their text) of every app tab the sheet has, one batchGet:
        what `sheet_doctor` reads besides `features`."""
        present = self._metadata().by_schema()
        titles = [ref.title for ref in present.values()]
        grids = self._batch_get([journal.quoted(t) for t in titles], render="FORMULA") if titles else []
        return [(key, ref.title, grid) for (key, ref), grid in zip(present.items(), grids, strict=True)]

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """The sheet itself refuses nobody here (`GuardedStore` asks the role; a protected range refuses at write)."""

    def _check_cells(self, title: str, cells: list[tuple[int, int, str]]) -> None:
        """Refuse before sending a write into a merge, a protected range or outside a dropdown (sheet_features)."""
        from services.store.sheet_features import check_cells

        check_cells(self.features(), title, cells)

    # --- internals --------------------------------------------------------------------------

    def _tab_ref(self, spec: Tab) -> TabRef:
        present = self._metadata().by_schema()
        if spec.key not in present:
            present = self._metadata(refresh=True).by_schema()
            if spec.key not in present:
                raise TabMissing(spec.title)
        return present[spec.key]

    def _journal_ref(self, width: int) -> TabRef:
        """The hidden journal tab, created once (and widened once) before the first write that needs it."""
        meta = self._metadata()
        ref = next((t for t in meta.tabs if t.title == journal.TITLE), None)
        if ref is None:
            meta = self._metadata(refresh=True)
            ref = next((t for t in meta.tabs if t.title == journal.TITLE), None)
        if ref is None:
            sheet_id = _new_sheet_id({t.sheet_id for t in meta.tabs})
            body = {"requests": [_journal_sheet(sheet_id, width), _header_cells(sheet_id, 0, journal.HEADER)]}
            with contextlib.suppress(BackendUnavailable):  # another process made it at the same moment: learn it
                self._call(lambda: self.http.batch_update(self.key, body))
            ref = next((t for t in self._metadata(refresh=True).tabs if t.title == journal.TITLE), None)
            if ref is None:
                raise BackendUnavailable("Không tạo được trang nhật ký ghi của ứng dụng. Hãy thử lại.")
        if ref.column_count < journal.PRE + width:
            grow = self._grow_request(ref, columns=journal.PRE + width)
            self._call(lambda: self.http.batch_update(self.key, {"requests": [grow]}))
        return ref

    def _grow_request(self, ref: TabRef, *, rows: int | None = None, columns: int | None = None) -> dict[str, Any]:
        return _grow(ref, rows=rows, columns=columns)

    def _translated(self, exc: BaseException) -> BaseException:
        out = exc if isinstance(exc, StoreError) else _as_store_error(exc, self.key, self.policy)
        return self._name_protection(out)

    def _name_protection(self, exc: BaseException) -> BaseException:
        """Google's protected-range refusal names no range: name the ones that block the app (one fresh look)."""
        if not isinstance(exc, SheetProtected) or getattr(exc, "named", False):
            return exc
        try:
            ranges = blocking(self.features(refresh=True))
        except StoreError:
            ranges = []
        named = SheetProtected(protected_text("bảng tính", ranges))
        named.named = True  # type: ignore[attr-defined]  # a flag set on this one error for its reader, not a field
        return named

    def _audit_requests(self, audit_header: list[str] | None, entries: list[dict[str, str]]) -> list[dict[str, Any]]:
        """Append the log rows server-side; create the `Nhật ký` tab in the same request if it does not exist."""
        if not entries:
            return []
        requests_: list[dict[str, Any]] = []
        present = self._metadata().by_schema()
        if audit_header is None or AUDIT.key not in present:
            sheet_id = _new_sheet_id({t.sheet_id for t in self._metadata().tabs})
            requests_ += [
                _add_sheet(AUDIT.title, sheet_id, len(AUDIT.columns)),
                _header_cells(sheet_id, 0, AUDIT.headers),
            ]
            audit_header = AUDIT.headers
            self._meta = None  # a new tab: learn the titles again next time
        else:
            sheet_id = present[AUDIT.key].sheet_id
        layout = TabData(title=AUDIT.title, header=audit_header, rows=[])
        keys = {v: k for k, v in column_map(AUDIT, audit_header).items()}
        rows = [
            row_data([cell_data(typed(kind_of(AUDIT, keys[c]), v)) if c in keys else {} for c, v in enumerate(line)])
            for line in (build_row(AUDIT, layout, e) for e in fit_audit(audit_header, entries))
        ]
        requests_.append({"appendCells": {"sheetId": sheet_id, "rows": rows, "fields": VALUE_FIELDS}})
        return requests_

    def _batch_get(
        self, ranges: list[str], *, retry: bool = True, render: str | None = None, date_time: str | None = None
    ) -> list[list[list[Any]]]:
        """One `values:batchGet`; inside a write the caller's own retry loop is used (retry=False), never two."""
        # Numbers as numbers (no locale formatting to undo), dates and times as serial numbers (the same in every
        # locale), turned into text by the columns' kinds (services.store.sheet_read).
        params = {**READ_PARAMS, "majorDimension": "ROWS"}
        if date_time is not None:
            params["dateTimeRenderOption"] = date_time
        if render is not None:  # FORMULA: formulas as their text, numbers and dates as stored (serials)
            params = {"valueRenderOption": render, "majorDimension": "ROWS"}

        def call() -> Any:
            try:
                return self.http.values_batch_get(self.key, ranges, params=dict(params))
            except APIError as exc:
                if exc.code == 400 and "Unable to parse range" in str(exc):
                    raise _TabsChanged(str(exc)) from exc
                raise

        answer = self._call(call) if retry else call()
        return [vr.get("values", []) for vr in answer.get("valueRanges", [])]

    def _metadata(self, *, refresh: bool = False, attempts: int | None = None) -> _Metadata:
        fresh = self._features is not None and time.monotonic() - self._features[0] < METADATA_TTL_S
        if self._meta is not None and not refresh and fresh:
            return self._meta
        policy = self.policy if attempts is None else RetryPolicy(**{**self.policy.__dict__, "attempts": attempts})
        params = {"includeGridData": "true", "fields": FEATURE_FIELDS}
        raw = self._call(lambda: self.http.fetch_sheet_metadata(self.key, params=params), policy=policy)
        self._features = (time.monotonic(), parse_features(raw))
        tabs = [
            TabRef(
                title=s["properties"]["title"],
                sheet_id=s["properties"]["sheetId"],
                row_count=s["properties"].get("gridProperties", {}).get("rowCount", NEW_TAB_ROWS),
                column_count=s["properties"].get("gridProperties", {}).get("columnCount", NEW_TAB_COLS),
            )
            for s in raw.get("sheets", [])
        ]
        self._meta = _Metadata(title=raw.get("properties", {}).get("title", self.key), tabs=tabs)
        return self._meta

    def _call(
        self,
        operation: Callable[[], T],
        *,
        on_retry: Callable[[BaseException], None] | None = None,
        policy: RetryPolicy | None = None,
    ) -> T:
        """Bounded retries; then one of our errors with a Vietnamese message (never a gspread traceback)."""
        policy = policy or self.policy
        try:
            return retrying(policy, operation, on_retry)
        except StoreError as exc:
            raise self._name_protection(exc) from exc.__cause__
        except (APIError, requests.RequestException, OSError, GoogleAuthError) as exc:
            raise self._name_protection(_as_store_error(exc, self.key, policy)) from exc


def _as_store_error(exc: BaseException, key: str, policy: RetryPolicy) -> BaseException:
    """Our error with a Vietnamese message for a gspread/network/auth failure (never a gspread traceback)."""
    if isinstance(exc, APIError):
        return _translate(exc, key, policy)
    if isinstance(exc, requests.RequestException | OSError):
        return BackendUnavailable(
            f"Không kết nối được Google Sheet sau {attempts_made(exc, policy)} lần thử "
            f"(tối đa {policy.total_s:.0f} giây): {type(exc).__name__}. Chưa ghi gì — hãy kiểm tra mạng "
            "rồi thử lại."
        )
    if isinstance(exc, GoogleAuthError):
        return BackendUnavailable(
            f"Khóa tài khoản dịch vụ Google không hợp lệ hoặc đã bị thu hồi: {exc}. "
            "Hãy kiểm tra mục [gsheets] trong secrets.toml."
        )
    return exc


class _TabsChanged(StoreError):
    """A range named a tab that no longer exists under that title."""


def _translate(exc: APIError, key: str, policy: RetryPolicy) -> StoreError:
    message = str(exc.error.get("message", "")) if isinstance(exc.error, Mapping) else str(exc)
    if is_transient(exc):
        what = "vượt hạn mức truy cập (429)" if exc.code == 429 else f"lỗi máy chủ ({exc.code})"
        return BackendUnavailable(
            f"Google Sheet tạm thời không phản hồi — {what} — sau {attempts_made(exc, policy)} lần thử "
            f"(tối đa {policy.total_s:.0f} giây). Thao tác chưa được thực hiện; hãy thử lại sau ít phút."
        )
    if exc.code in (401, 403):
        return BackendUnavailable(
            "Không có quyền truy cập Google Sheet. Hãy chia sẻ bảng tính (quyền Người chỉnh sửa) cho email của "
            f"tài khoản dịch vụ (client_email trong secrets.toml). Chi tiết: {message}"
        )
    if exc.code == 404:
        return BackendUnavailable(f"Không tìm thấy Google Sheet có mã “{key}”. Hãy kiểm tra URL/mã trong cấu hình.")
    if exc.code == 400 and PROTECTED_MESSAGE in message:
        return SheetProtected(protected_text("bảng tính", []))
    if exc.code == 400:
        return BackendUnavailable(f"Google Sheet từ chối yêu cầu: {message}")
    return BackendUnavailable(f"Lỗi Google Sheet ({exc.code}): {message}")


def _credentials(config: SheetSettings) -> Credentials:
    from google.oauth2.service_account import Credentials as ServiceAccount

    try:
        if config.service_account:
            return ServiceAccount.from_service_account_info(dict(config.service_account), scopes=DEFAULT_SCOPES)
        if config.credentials_file:
            return ServiceAccount.from_service_account_file(config.credentials_file, scopes=DEFAULT_SCOPES)
    except (ValueError, OSError, KeyError) as exc:
        raise BackendUnavailable(f"Không đọc được khóa tài khoản dịch vụ Google: {exc}") from exc
    raise BackendUnavailable(
        "Đã cấu hình Google Sheet nhưng chưa có khóa tài khoản dịch vụ: điền [gsheets.service_account] trong "
        ".streamlit/secrets.toml hoặc đặt GOOGLE_APPLICATION_CREDENTIALS."
    )


def _split_header(
    grid: list[list[Any]], spec: Tab, shown: list[list[Any]] | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header row and data rows as text (dates by the columns' kinds; `shown`: the tab read with dates as shown);
    rows padded to the header width, trailing empty rows dropped."""
    header = header_of(grid)

    def seen(n: int) -> list[Any] | None:
        return shown[n] if shown is not None and n < len(shown) else None

    header, rows = split_header([header, *(read_row(spec, header, r, seen(n + 1)) for n, r in enumerate(grid[1:]))])
    width = max([len(header), *(len(r) for r in rows)])
    return header, [r + [""] * (width - len(r)) for r in rows]


def _new_sheet_id(taken: set[int]) -> int:
    while True:
        candidate = random.randint(1, 2**31 - 1)
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def _add_sheet(title: str, sheet_id: int, columns: int, *, rows: int = NEW_TAB_ROWS) -> dict[str, Any]:
    grid = {"rowCount": rows, "columnCount": max(NEW_TAB_COLS, columns), "frozenRowCount": 1}
    return {"addSheet": {"properties": {"title": title, "sheetId": sheet_id, "gridProperties": grid}}}


def _journal_sheet(sheet_id: int, width: int = NEW_TAB_COLS) -> dict[str, Any]:
    add = _add_sheet(journal.TITLE, sheet_id, journal.PRE + width)
    add["addSheet"]["properties"]["hidden"] = True
    return add


def _grow(ref: TabRef, *, rows: int | None = None, columns: int | None = None) -> dict[str, Any]:
    grid = {"rowCount": rows or ref.row_count, "columnCount": columns or ref.column_count}
    ref.row_count, ref.column_count = grid["rowCount"], grid["columnCount"]
    return {
        "updateSheetProperties": {
            "properties": {"sheetId": ref.sheet_id, "gridProperties": grid},
            "fields": "gridProperties.rowCount,gridProperties.columnCount",
        }
    }


def _header_cells(sheet_id: int, start_col: int, headers: list[str]) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": start_col},
            "rows": [_row(headers)],
            "fields": "userEnteredValue",
        }
    }

"""One spreadsheet over the Sheets API, as every part of the Google store sees it: the client with bounded retries and
Vietnamese errors, what the sheet looks like (tab titles, grids, what staff set up: `sheet_features`), and what this
process last saw (headers, where each ID was, how long a round trip takes). The store's parts — journaled batches,
repairs, row writes — each hold this session; none of them knows the others' insides."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import requests
from google.auth.exceptions import GoogleAuthError
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from services.schema import AUDIT, Tab
from services.store import sheet_journal as journal
from services.store.cells import kind_of, text_of, typed
from services.store.errors import BackendUnavailable, HeaderMissing, StoreError, TabMissing
from services.store.retry import RetryPolicy, attempts_made, is_transient, retrying
from services.store.rows import TabData, build_row, column_map, fit_audit, header_of, require_columns, split_tabs
from services.store.sheet_cells import VALUE_FIELDS, cell_data, row_data, text_cell
from services.store.sheet_features import FIELDS as FEATURE_FIELDS
from services.store.sheet_features import PROTECTED_MESSAGE, Features, SheetProtected, blocking, protected_text
from services.store.sheet_features import check_cells as check_feature_cells
from services.store.sheet_features import parse as parse_features
from services.store.sheet_read import READ_PARAMS, read_text

T = TypeVar("T")

NEW_TAB_ROWS, NEW_TAB_COLS = 1000, 26
# How long the tab titles and what staff did to the sheet (merges, dropdowns, protection) are trusted: a load older
# than this learns them again (one spreadsheets.get), so a dropdown or merge staff add is seen within minutes.
METADATA_TTL_S = 300.0
SETTLE_MIN_S, SETTLE_MAX_S = 0.05, 3.0
# A read whose columns staff keep moving (header read, then the columns where it said) gives up after this many tries.
COLUMN_READS = 6


@dataclass
class TabRef:
    title: str
    sheet_id: int
    row_count: int
    column_count: int


@dataclass
class Metadata:
    title: str
    tabs: list[TabRef] = field(default_factory=list)

    def by_schema(self) -> dict[str, TabRef]:
        matched, _ = split_tabs({t.title: ([], []) for t in self.tabs})
        by_title = {t.title: t for t in self.tabs}
        return {key: by_title[data.title] for key, data in matched.items()}


@dataclass
class Columns:
    """The header, some whole columns (their data rows' cells as read) and the audit header, from ONE batchGet —
    what every write reads before it sends (a row is located by its ID in the same read that gives its cells)."""

    header: list[str]
    positions: dict[str, int]  # column key → index, by this header
    raw: dict[int, list[Any]]  # column index → that column's data-row cells as read (serials for dates)
    audit_header: list[str] | None  # None: no `Nhật ký` tab yet
    extra: list[list[list[Any]]]  # the grids of the extra ranges asked for, in order

    @cached_property
    def ids(self) -> list[str]:
        """The ID column as text, converted once per read (each row of a batch looks its ID up in it)."""
        return [text_of(v) for v in self.raw.get(self.positions.get("id", -1), [])]

    def row(self, spec: Tab, index: int, width: int) -> list[str]:
        """Data row `index` as text, the columns read only (blank elsewhere), each by its kind for this row's ID."""
        by_col = {c: k for k, c in self.positions.items()}
        ids = self.ids
        row_id = ids[index] if index < len(ids) else ""
        out = [""] * max(width, len(self.header))
        for c, values in self.raw.items():
            if index < len(values):
                out[c] = read_text(values[index], kind_of(spec, by_col[c], row_id))
        return out


class TabsChanged(StoreError):
    """A range named a tab that no longer exists under that title."""


class SheetSession:
    """The spreadsheet `key` through `http`; one per store."""

    def __init__(self, key: str, http: HTTPClient, policy: RetryPolicy) -> None:
        self.key = key
        self.http = http
        self.policy = policy
        self.meta: Metadata | None = None
        self._features: tuple[float, Features] | None = None  # (monotonic time learned, what was learned)
        # One write at a time from this process: an optimisation (fewer self-inflicted clashes), not the guarantee —
        # the journal check in every write batch is what keeps two processes from both winning.
        self.lock = threading.RLock()
        self.headers: dict[str, list[str]] = {}  # tab key → header row as last read
        self.hints: dict[str, dict[str, int]] = {}  # tab key → ID → data row index as last read (a guess only)
        self.rtt_s = 0.05  # running mean of one write batch's round trip: how long a settle or backoff waits

    # --- what the sheet looks like ------------------------------------------------------------

    def metadata(self, *, refresh: bool = False, attempts: int | None = None) -> Metadata:
        fresh = self._features is not None and time.monotonic() - self._features[0] < METADATA_TTL_S
        if self.meta is not None and not refresh and fresh:
            return self.meta
        policy = self.policy if attempts is None else RetryPolicy(**{**self.policy.__dict__, "attempts": attempts})
        params: dict[str, str | int | bool | float | list[str] | None] = {
            "includeGridData": "true",
            "fields": FEATURE_FIELDS,
        }
        raw = self.call(lambda: self.http.fetch_sheet_metadata(self.key, params=params), policy=policy)
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
        self.meta = Metadata(title=raw.get("properties", {}).get("title", self.key), tabs=tabs)
        return self.meta

    def features(self, *, refresh: bool = False) -> Features:
        """Locale, time zone, merges, protected ranges, filters, hidden rows and dropdown rules: learned with the
        tab titles (the same spreadsheets.get, a field mask keeps it small), so no request is added."""
        self.metadata(refresh=refresh)
        assert self._features is not None
        return self._features[1]

    def check_cells(self, title: str, cells: list[tuple[int, int, str]]) -> None:
        """Refuse before sending a write into a merge, a protected range or outside a dropdown (sheet_features)."""
        check_feature_cells(self.features(), title, cells)

    def tab_ref(self, spec: Tab) -> TabRef:
        present = self.metadata().by_schema()
        if spec.key not in present:
            present = self.metadata(refresh=True).by_schema()
            if spec.key not in present:
                raise TabMissing(spec.title)
        return present[spec.key]

    def title(self, spec: Tab) -> str:
        """The tab's title as staff named it (the schema's if the sheet has none yet), for messages."""
        ref = self.metadata().by_schema().get(spec.key)
        return ref.title if ref else spec.title

    def journal_ref(self, width: int) -> TabRef:
        """The hidden journal tab, created once (and widened once) before the first write that needs it."""
        ref = self.journal_tab()
        if ref is None:
            sheet_id = new_sheet_id({t.sheet_id for t in self.metadata().tabs})
            body = {"requests": [journal_sheet(sheet_id, width), header_cells(sheet_id, 0, journal.HEADER)]}
            with contextlib.suppress(BackendUnavailable):  # another process made it at the same moment: learn it
                self.call(lambda: self.http.batch_update(self.key, body))
            ref = next((t for t in self.metadata(refresh=True).tabs if t.title == journal.TITLE), None)
            if ref is None:
                raise BackendUnavailable("Không tạo được trang nhật ký ghi của ứng dụng. Hãy thử lại.")
        if ref.column_count < journal.PRE + width:
            grow_it = grow(ref, columns=journal.PRE + width)
            self.call(lambda: self.http.batch_update(self.key, {"requests": [grow_it]}))
        return ref

    def journal_tab(self) -> TabRef | None:
        """The journal tab if one exists (the metadata read again once if this process has not seen it yet)."""
        for refresh in (False, True):
            ref = next((t for t in self.metadata(refresh=refresh).tabs if t.title == journal.TITLE), None)
            if ref is not None:
                return ref
        return None

    def settle_s(self) -> float:
        """Long enough for another writer to notice a misplaced write and put it back (a few round trips)."""
        return min(SETTLE_MAX_S, max(SETTLE_MIN_S, 6 * self.rtt_s))

    # --- requests -------------------------------------------------------------------------------

    def batch_get(
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
                    raise TabsChanged(str(exc)) from exc
                raise

        answer = self.call(call) if retry else call()
        return [vr.get("values", []) for vr in answer.get("valueRanges", [])]

    def read_columns(
        self, spec: Tab, ref: TabRef, keys: list[str], *, optional: Sequence[str] = (), extra: list[str] | None = None
    ) -> Columns:
        """The header, the columns of `keys` (and of `optional` ones the tab has) and the audit header in one batchGet
        (plus `extra` ranges), read again while staff move the `keys` columns between the header and the columns
        (`HeaderMissing` if they keep at it)."""
        audit = self.metadata().by_schema().get(AUDIT.key)
        for _ in range(COLUMN_READS):
            known = column_map(spec, self.headers.get(spec.key) or spec.headers)  # never read: the schema's order
            wanted = [k for k in [*keys, *optional] if k in known]
            ranges = [journal.quoted(ref.title, "1:1"), *(journal.column_range(ref.title, known[k]) for k in wanted)]
            if audit is not None:
                ranges.append(journal.quoted(audit.title, "1:1"))
            grids = self.batch_get([*ranges, *(extra or [])])
            header = header_of(grids[0])
            self.headers[spec.key] = header
            positions = column_map(spec, header)
            require_columns(spec, ref.title, positions, keys)
            if any(positions[k] != known.get(k) for k in keys):
                continue  # the columns we read are not where the header now says: read them where they are
            raw = {
                known[k]: [r[0] if r else "" for r in grids[1 + n][1:]]
                for n, k in enumerate(wanted)
                if positions.get(k) == known[k]  # an optional column moved meanwhile is left out, not chased
            }
            audit_grid = grids[len(ranges) - 1] if audit is not None else None
            audit_header = None if audit_grid is None else [text_of(v) for v in (audit_grid[0] if audit_grid else [])]
            return Columns(header, positions, raw, audit_header, grids[len(ranges) :])
        raise HeaderMissing(ref.title, [spec.column(k).header for k in keys])

    def call(
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

    def translated(self, exc: BaseException) -> BaseException:
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

    def audit_requests(self, audit_header: list[str] | None, entries: list[dict[str, str]]) -> list[dict[str, Any]]:
        """Append the log rows server-side; create the `Nhật ký` tab in the same request if it does not exist."""
        if not entries:
            return []
        requests_: list[dict[str, Any]] = []
        present = self.metadata().by_schema()
        if audit_header is None or AUDIT.key not in present:
            sheet_id = new_sheet_id({t.sheet_id for t in self.metadata().tabs})
            requests_ += [
                add_sheet(AUDIT.title, sheet_id, len(AUDIT.columns)),
                header_cells(sheet_id, 0, AUDIT.headers),
            ]
            audit_header = AUDIT.headers
            self.meta = None  # a new tab: learn the titles again next time
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


# --- errors in Vietnamese -----------------------------------------------------------------------


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


# --- request bodies for tabs ----------------------------------------------------------------------


def new_sheet_id(taken: set[int]) -> int:
    while True:
        candidate = random.randint(1, 2**31 - 1)
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def add_sheet(title: str, sheet_id: int, columns: int, *, rows: int = NEW_TAB_ROWS) -> dict[str, Any]:
    grid = {"rowCount": rows, "columnCount": max(NEW_TAB_COLS, columns), "frozenRowCount": 1}
    return {"addSheet": {"properties": {"title": title, "sheetId": sheet_id, "gridProperties": grid}}}


def journal_sheet(sheet_id: int, width: int = NEW_TAB_COLS) -> dict[str, Any]:
    add = add_sheet(journal.TITLE, sheet_id, journal.PRE + width)
    add["addSheet"]["properties"]["hidden"] = True
    return add


def grow(ref: TabRef, *, rows: int | None = None, columns: int | None = None) -> dict[str, Any]:
    grid = {"rowCount": rows or ref.row_count, "columnCount": columns or ref.column_count}
    ref.row_count, ref.column_count = grid["rowCount"], grid["columnCount"]
    return {
        "updateSheetProperties": {
            "properties": {"sheetId": ref.sheet_id, "gridProperties": grid},
            "fields": "gridProperties.rowCount,gridProperties.columnCount",
        }
    }


def header_cells(sheet_id: int, start_col: int, headers: list[str]) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": start_col},
            "rows": [row_data([text_cell(v) for v in headers])],
            "fields": "userEnteredValue",
        }
    }

"""The Google Sheet backend: gspread over the Sheets API v4, one read per refresh, row-by-ID conflict-aware writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, cast

import requests
from google.auth.credentials import AnonymousCredentials, Credentials
from gspread.auth import DEFAULT_SCOPES
from gspread.http_client import HTTPClient
from gspread.utils import extract_id_from_url

from services.parsing import clean
from services.schema import TABS, Tab
from services.schema import tab as schema_tab
from services.store import BackendInfo, RowUpdate
from services.store import sheet_journal as journal
from services.store.errors import BackendUnavailable, StoreError
from services.store.gsheets_batch import Journal
from services.store.gsheets_repair import Repairs
from services.store.gsheets_updates import RowUpdates
from services.store.gsheets_writes import RowWrites
from services.store.retry import RetryPolicy
from services.store.rows import (
    Snapshot,
    column_map,
    header_of,
    id_key,
    missing_headers,
    split_header,
    split_tabs,
)
from services.store.sheet_features import Features
from services.store.sheet_read import maybe_dates, read_row
from services.store.sheet_session import (
    NEW_TAB_ROWS,
    Metadata,
    SheetSession,
    TabsChanged,
    add_sheet,
    grow,
    header_cells,
    journal_sheet,
    new_sheet_id,
)


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


GOOGLE_API_ROOT = "https://sheets.googleapis.com"
SHEET_URL = "https://docs.google.com/spreadsheets/d/{key}/edit"
VALUE_WRITE_CHUNK = 5000  # rows per values:batchUpdate when copying whole tabs (request size stays moderate)


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


class GoogleSheetStore:
    """One spreadsheet; tab titles are learned once per process, every other call is one or two requests.

    Reads: `load()` = one `values:batchGet` of every schema tab. Writes: one `values:batchGet` (the target tab
    and the audit header, to locate the row by ID and check `expected`) and one `spreadsheets:batchUpdate`
    carrying the changed cells AND the `Nhật ký` rows, which Google applies atomically — so the change and
    its log land together or not at all, and the log rows are appended server-side (`appendCells`), so two
    desks writing at once never overwrite each other's log lines.

    Composed of parts that each hold the one `SheetSession`: `Journal` (journaled batches), `Repairs` (putting a
    wrong write back), `RowUpdates` (cell updates of one row or many: one path), `RowWrites` (deletes, appends,
    retype's rewrites).
    """

    def __init__(
        self,
        spreadsheet: str,
        http: HTTPClient,
        *,
        policy: RetryPolicy | None = None,
        location: str | None = None,
    ) -> None:
        key = spreadsheet_key(spreadsheet)
        self.session = SheetSession(key, http, policy or RetryPolicy())
        http.set_timeout(self.session.policy.timeout_s)
        self.location = location or SHEET_URL.format(key=key)
        self.journal = Journal(self.session)
        self.repairs = Repairs(self.session, self.journal)
        self.updates = RowUpdates(self.session, self.journal, self.repairs)
        self.rows = RowWrites(self.session, self.journal, self.repairs)

    @property
    def key(self) -> str:
        return self.session.key

    @property
    def http(self) -> HTTPClient:
        return self.session.http

    @property
    def policy(self) -> RetryPolicy:
        return self.session.policy

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
        http = SheetsHTTPClient(AnonymousCredentials(), api_root=root)  # type: ignore[no-untyped-call]  # google-auth
        return cls(spreadsheet, http, policy=policy)

    # --- reading ----------------------------------------------------------------------------

    def info(self) -> BackendInfo:
        """Never fails: the title is learned with the first metadata request (made here at most once)."""
        if self.session.meta is None:
            with contextlib.suppress(StoreError):
                self.session.metadata(attempts=1)
        title = self.session.meta.title if self.session.meta else self.key
        return BackendInfo(kind="gsheets", title=title, location=self.location)

    def load(self) -> Snapshot:
        meta = self.session.metadata()
        try:
            return self._load(meta)
        except TabsChanged:
            # A tab was renamed or removed since we learned the titles: learn them again, once.
            return self._load(self.session.metadata(refresh=True))

    def _load(self, meta: Metadata) -> Snapshot:
        titles = [t.title for t in meta.tabs]
        keys = {ref.title: key for key, ref in meta.by_schema().items()}
        wanted = list(keys)
        values = self.session.batch_get([journal.quoted(t) for t in wanted]) if wanted else []
        raw: dict[str, tuple[list[str], list[list[str]]]] = {t: ([], []) for t in titles}
        shown = self._shown_dates(dict(zip(wanted, values, strict=True)), keys)
        for title, grid in zip(wanted, values, strict=True):
            raw[title] = _split_header(grid, schema_tab(keys[title]), shown.get(title))
        raw.pop(journal.TITLE, None)  # the app's own hidden journal is neither schema nor staff data
        tabs, others = split_tabs(raw)
        for key, data in tabs.items():
            self.session.headers[key] = data.header
            id_col = column_map(schema_tab(key), data.header).get("id")
            if id_col is not None:
                self.session.hints[key] = {id_key(r[id_col]): i for i, r in enumerate(data.rows) if id_col < len(r)}
        return Snapshot(tabs=tabs, other_tabs=others)

    def read_grid(self, titles: list[str] | None = None) -> dict[str, list[list[str]]]:
        """Every cell of these tabs (default: all) as text, for copying the whole sheet elsewhere."""
        meta = self.session.metadata(refresh=True)
        titles = [t.title for t in meta.tabs if t.title != journal.TITLE] if titles is None else titles
        if not titles:
            return {}
        keys = {ref.title: key for key, ref in meta.by_schema().items()}
        ours = [t for t in titles if t in keys]
        others = [t for t in titles if t not in keys]
        out: dict[str, list[list[str]]] = {}
        if ours:  # app tabs: dates by the columns' kinds, whatever the locale
            grids = dict(zip(ours, self.session.batch_get([journal.quoted(t) for t in ours]), strict=True))
            shown = self._shown_dates(grids, keys)
            for title, grid in grids.items():
                header, seen = header_of(grid), shown.get(title)
                out[title] = [[clean(v) for v in grid[0]]] if grid else []
                out[title] += [
                    read_row(schema_tab(keys[title]), header, r, seen[n + 1] if seen and n + 1 < len(seen) else None)
                    for n, r in enumerate(grid[1:])
                ]
        if others:  # staff tabs: no kinds known, so dates as the sheet shows them
            shown_grids = self.session.batch_get([journal.quoted(t) for t in others], date_time="FORMATTED_STRING")
            out.update({t: [[clean(v) for v in r] for r in grid] for t, grid in zip(others, shown_grids, strict=True)})
        return {t: out[t] for t in titles}

    # --- writing ----------------------------------------------------------------------------

    def ensure_schema(self) -> list[str]:
        """Add missing tabs and missing headers (at the end of row 1); never delete, rename or reorder."""
        with self.session.lock:
            meta = self.session.metadata(refresh=True)
            present = meta.by_schema()
            headers = (
                dict(
                    zip(
                        present,
                        self.session.batch_get([journal.quoted(r.title, "1:1") for r in present.values()]),
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
                    sheet_id = new_sheet_id(taken)
                    requests_.append(add_sheet(spec.title, sheet_id, len(spec.columns)))
                    requests_.append(header_cells(sheet_id, 0, spec.headers))
                    report.append(f"Đã tạo trang “{spec.title}”.")
                    continue
                ref = present[spec.key]
                header = header_of(headers[spec.key])
                absent = missing_headers(spec, header)
                if not absent:
                    continue
                if len(header) + len(absent) > ref.column_count:
                    requests_.append(grow(ref, columns=len(header) + len(absent)))
                requests_.append(header_cells(ref.sheet_id, len(header), absent))
                report.append(f"Trang “{ref.title}”: đã thêm cột {', '.join(absent)}.")
            if not any(t.title == journal.TITLE for t in meta.tabs):
                # The app's hidden write journal (see sheet_journal): made here so the first write needs no extra call.
                sheet_id = new_sheet_id(taken)
                requests_ += [journal_sheet(sheet_id), header_cells(sheet_id, 0, journal.HEADER)]
            if requests_:
                self.session.call(lambda: self.http.batch_update(self.key, {"requests": requests_}))
                self.session.metadata(refresh=True)
            return report

    def write_grid(self, grids: Mapping[str, list[list[str]]], *, clear: bool = False) -> None:
        """Put whole tabs (header + rows) into the sheet, creating tabs and growing grids as needed.

        With `clear`, the tabs' old values are cleared first. Values are written RAW (text stays text).
        """
        with self.session.lock:
            meta = self.session.metadata(refresh=True)
            by_title = {t.title: t for t in meta.tabs}
            taken = {t.sheet_id for t in meta.tabs}
            shape: list[dict[str, Any]] = []
            for title, grid in grids.items():
                rows_needed = max(len(grid) + 1, 2)
                cols_needed = max((len(r) for r in grid), default=1)
                ref = by_title.get(title)
                if ref is None:
                    shape.append(
                        add_sheet(title, new_sheet_id(taken), cols_needed, rows=max(NEW_TAB_ROWS, rows_needed))
                    )
                elif rows_needed > ref.row_count or cols_needed > ref.column_count:
                    shape.append(
                        grow(ref, rows=max(rows_needed, ref.row_count), columns=max(cols_needed, ref.column_count))
                    )
            if shape:
                self.session.call(lambda: self.http.batch_update(self.key, {"requests": shape}))
            existing = [t for t in grids if t in by_title]
            if clear and existing:
                cleared = {"ranges": [journal.quoted(t) for t in existing]}
                self.session.call(lambda: self.http.values_batch_clear(self.key, body=cleared))
            data = [
                {"range": journal.quoted(title, f"A{start + 1}"), "values": grid[start : start + VALUE_WRITE_CHUNK]}
                for title, grid in grids.items()
                for start in range(0, len(grid), VALUE_WRITE_CHUNK)
            ]
            for offset in range(0, len(data), 4):
                self._write_values({"valueInputOption": "RAW", "data": data[offset : offset + 4]})
            self.session.metadata(refresh=True)

    def _write_values(self, body: dict[str, Any]) -> None:
        self.session.call(lambda: self.http.values_batch_update(self.key, body=body))

    def _shown_dates(self, grids: dict[str, list[list[Any]]], keys: dict[str, str]) -> dict[str, list[list[Any]]]:
        """The tabs where a text column may hold a date staff typed, read again with dates as the sheet shows them
        (one more batchGet, only then)."""
        titles = [t for t, g in grids.items() if maybe_dates(schema_tab(keys[t]), header_of(g), g)]
        if not titles:
            return {}
        again = self.session.batch_get([journal.quoted(t) for t in titles], date_time="FORMATTED_STRING")
        return dict(zip(titles, again, strict=True))

    # --- what staff did to the sheet (sheet_features) ----------------------------------------

    def features(self, *, refresh: bool = False) -> Features:
        """Locale, time zone, merges, protected ranges, filters, hidden rows and dropdown rules (`sheet_features`)."""
        return self.session.features(refresh=refresh)

    def formula_grids(self) -> list[tuple[str, str, list[list[Any]]]]:
        """(schema key, tab title, cells with formulas as their text) of every app tab the sheet has, one batchGet:
        what `sheet_doctor` reads besides `features`."""
        present = self.session.metadata().by_schema()
        titles = [ref.title for ref in present.values()]
        grids = self.session.batch_get([journal.quoted(t) for t in titles], render="FORMULA") if titles else []
        return [(key, ref.title, grid) for (key, ref), grid in zip(present.items(), grids, strict=True)]

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """The sheet itself refuses nobody here (`GuardedStore` asks the role; a protected range refuses at write)."""

    # --- writing one row, many rows (the parts) ------------------------------------------------

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        self.updates.update_row(tab, row_id, changes, expected, user=user)

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        self.rows.delete_row(tab, row_id, expected, user=user)

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        return self.rows.append_rows(tab, rows, user=user)

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        return self.updates.update_rows(tab, items)

    def rewrite_cells(
        self, tab: str, header: list[str], items: list[tuple[int, str, dict[int, Any], dict[int, str]]]
    ) -> list[str]:
        return self.rows.rewrite_cells(tab, header, items)


def _credentials(config: SheetSettings) -> Credentials:
    from google.oauth2.service_account import Credentials as ServiceAccount

    try:
        # google-auth's constructors are untyped: the result is a Credentials all the same
        if config.service_account:
            info = dict(config.service_account)
            return cast(Credentials, ServiceAccount.from_service_account_info(info, scopes=DEFAULT_SCOPES))  # type: ignore[no-untyped-call]
        if config.credentials_file:
            path = config.credentials_file
            return cast(Credentials, ServiceAccount.from_service_account_file(path, scopes=DEFAULT_SCOPES))  # type: ignore[no-untyped-call]
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

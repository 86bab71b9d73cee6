"""The local workbook backend: an .xlsx with the same tabs as the Google Sheet, written atomically under a lock."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path

from filelock import FileLock, Timeout
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from services.parsing import clean, format_date
from services.schema import TABS, Tab
from services.schema import tab as schema_tab
from services.store import BackendInfo
from services.store.errors import BackendUnavailable, TabMissing
from services.store.rows import (
    ADDED,
    DELETED,
    Snapshot,
    TabData,
    assign_ids,
    audit_entries,
    build_row,
    cell,
    column_map,
    find_row,
    missing_headers,
    plan_update,
    row_summary,
    split_header,
    split_tabs,
)

DEFAULT_PATH = Path("data") / "conference.xlsx"
LOCK_TIMEOUT_S = 15


def cell_text(value: object) -> str:
    """A stored cell as the text staff would see: dates dd/mm/yyyy, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        if value.time() == time():
            return format_date(value.date())
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def _read_sheet(ws: Iterable[tuple]) -> tuple[list[str], list[list[str]]]:
    return split_header([[cell_text(v) for v in row] for row in ws])


class WorkbookStore:
    """Reads are cached by file stamp; every write re-reads the file under the lock, so no edit is clobbered."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, seed: Callable[[], dict] | None = None) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._seed = seed
        self._cached: tuple[tuple[int, int], Snapshot] | None = None

    # --- reading ----------------------------------------------------------------------------

    def info(self) -> BackendInfo:
        return BackendInfo(kind="workbook", title=self.path.name, location=str(self.path.resolve()))

    def load(self) -> Snapshot:
        self._create_if_missing()
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if self._cached and self._cached[0] == stamp:
                cached = self._cached[1]
                return Snapshot(tabs=cached.tabs, other_tabs=cached.other_tabs)
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
            raise BackendUnavailable(f"Không đọc được tệp dữ liệu “{self.path}”: {exc}") from exc
        try:
            raw = {ws.title: _read_sheet(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
        finally:
            wb.close()
        tabs, others = split_tabs(raw)
        snapshot = Snapshot(tabs=tabs, other_tabs=others)
        self._cached = (stamp, snapshot)
        return snapshot

    # --- writing ----------------------------------------------------------------------------

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        spec = schema_tab(tab)

        def apply(wb: Workbook) -> None:
            ws, data = _sheet(wb, spec)
            index = find_row(spec, data, row_id)
            planned = plan_update(spec, data, index, changes, expected)
            for col, value in planned:
                _put(ws, index + 2, col + 1, value)
            if user is not None and planned:
                keys = {v: k for k, v in column_map(spec, data.header).items()}
                before = data.rows[index]
                log = [(keys[col], cell(before, col), value) for col, value in planned]
                _append_audit(wb, audit_entries(spec, clean(row_id), log, user))

        self._mutate(apply)

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        ids: list[str] = []

        def apply(wb: Workbook) -> None:
            ws, data = _sheet(wb, spec)
            prepared = assign_ids(spec, data, rows)
            start = len(data.rows) + 2
            log: list[dict[str, str]] = []
            for offset, values in enumerate(prepared):
                row = build_row(spec, data, values)
                for col, value in enumerate(row):
                    _put(ws, start + offset, col + 1, value)
                if user is not None:
                    summary = row_summary(spec, data, row)
                    log += audit_entries(spec, values.get("id", ""), [(ADDED, "", summary)], user)
            if log:
                _append_audit(wb, log)
            ids[:] = [v.get("id", "") for v in prepared]

        self._mutate(apply)
        return ids

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)

        def apply(wb: Workbook) -> None:
            ws, data = _sheet(wb, spec)
            index = find_row(spec, data, row_id)
            plan_update(spec, data, index, {}, expected)
            ws.delete_rows(index + 2)
            if user is not None:
                summary = row_summary(spec, data, data.rows[index])
                _append_audit(wb, audit_entries(spec, clean(row_id), [(DELETED, summary, "")], user))

        self._mutate(apply)

    def ensure_schema(self) -> list[str]:
        report: list[str] = []

        def apply(wb: Workbook) -> None:
            report.extend(_ensure_tabs(wb))

        self._mutate(apply)
        return report

    # --- internals --------------------------------------------------------------------------

    def _create_if_missing(self) -> None:
        if self.path.exists():
            return
        with self._locked():
            if self.path.exists():
                return
            wb = Workbook()
            wb.remove(wb.active)
            _ensure_tabs(wb)
            if self._seed is not None:
                for key, rows in self._seed().items():
                    spec = schema_tab(key)
                    ws = wb[spec.title]
                    for values in rows:
                        ws.append([clean(values.get(c.key, "")) or None for c in spec.columns])
            self._save(wb)

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock

    def _mutate(self, apply: Callable[[Workbook], None]) -> None:
        self._create_if_missing()
        try:
            with self._locked():
                # Always start from the file as it is now: staff (or another desk) may have saved since our read.
                wb = load_workbook(self.path)
                apply(wb)
                self._save(wb)
        except Timeout as exc:
            raise BackendUnavailable(
                f"Tệp dữ liệu “{self.path.name}” đang bị khóa bởi người khác. Hãy thử lại sau giây lát."
            ) from exc
        except (OSError, zipfile.BadZipFile, InvalidFileException) as exc:
            raise BackendUnavailable(f"Không ghi được tệp dữ liệu “{self.path}”: {exc}") from exc
        finally:
            self._cached = None

    def _save(self, wb: Workbook) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".conference-", suffix=".xlsx", dir=self.path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _sheet(wb: Workbook, spec: Tab) -> tuple[Worksheet, TabData]:
    tabs, _ = split_tabs({name: ([], []) for name in wb.sheetnames})
    if spec.key not in tabs:
        raise TabMissing(spec.title)
    ws = wb[tabs[spec.key].title]
    header, rows = _read_sheet(ws.iter_rows(values_only=True))
    return ws, TabData(title=ws.title, header=header, rows=rows)


def _append_audit(wb: Workbook, entries: list[dict[str, str]]) -> None:
    """Log rows go into the same workbook save as the change they describe (created with its tab if missing)."""
    spec = schema_tab("audit")
    try:
        ws, data = _sheet(wb, spec)
    except TabMissing:
        _ensure_tabs(wb)
        ws, data = _sheet(wb, spec)
    start = len(data.rows) + 2
    for offset, values in enumerate(entries):
        for col, value in enumerate(build_row(spec, data, values)):
            _put(ws, start + offset, col + 1, value)


def _put(ws: Worksheet, row: int, col: int, value: str) -> None:
    target = ws.cell(row=row, column=col)
    target.value = value or None
    if value.startswith("="):
        # Staff text that looks like a formula stays text (same rule as RAW input on the Google Sheet).
        target.data_type = "s"


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _ensure_tabs(wb: Workbook) -> list[str]:
    """Add missing tabs and headers at the end; never rename, reorder or delete what staff made."""
    report: list[str] = []
    present, _ = split_tabs({name: ([], []) for name in wb.sheetnames})
    for spec in TABS:
        if spec.key not in present:
            ws = wb.create_sheet(spec.title)
            header: list[str] = []
            report.append(f"Đã tạo trang “{spec.title}”.")
        else:
            ws = wb[present[spec.key].title]
            header, _ = _read_sheet(ws.iter_rows(min_row=1, max_row=1, values_only=True))
        absent = missing_headers(spec, header)
        if not absent:
            continue
        start = len(header) + 1
        for offset, text in enumerate(absent):
            c = ws.cell(row=1, column=start + offset, value=text)
            c.font, c.fill = HEADER_FONT, HEADER_FILL
            ws.column_dimensions[c.column_letter].width = max(12, min(40, len(text) + 6))
        ws.freeze_panes = "A2"
        if header:
            report.append(f"Trang “{ws.title}”: đã thêm cột {', '.join(absent)}.")
    return report

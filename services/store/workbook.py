"""The local workbook backend: an .xlsx with the same tabs as the Google Sheet, written atomically under a lock.

Staff open the same file in Excel or LibreOffice and add their own formulas, merged cells and notes, so every app
write goes through `_Book`, which:

- writes schema columns as typed cells (numbers, dates, date-times, times; everything else literal text);
- never overwrites a staff formula or a cell hidden inside a merged range (the write is refused, nothing is saved);
- on a row delete, shifts staff formula references, merged ranges and row heights the way a spreadsheet program
  would (openpyxl does none of this), and refuses a delete that would turn a formula into #REF!;
- keeps the last computed result of every staff formula the write cannot have affected. openpyxl drops all cached
  results when it saves; without them the app reads those cells as blank. Results the write may have changed are
  left empty instead, so Excel and LibreOffice compute them afresh on open (LibreOffice never recalculates an .xlsx
  that carries results, so a stale one would stay on screen). Until then the app reads such a cell as blank.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from copy import copy
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from filelock import FileLock, Timeout
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.numbers import is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from services.parsing import clean
from services.schema import TAB_BY_KEY, TABS, Tab
from services.schema import tab as schema_tab
from services.store import BackendInfo
from services.store.cells import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    NUMBER_FORMAT,
    TIME_FORMAT,
    Typed,
    kind_of,
    text_of,
    typed,
)
from services.store.errors import BackendUnavailable, StoreError, TabMissing
from services.store.retype import Change, Formula, cell_ref, plan_retype
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

Coord = tuple[int, int]  # (row, column), 1-based
Result = tuple[str, str]  # a formula's cached result as stored: (cell type attribute, <v> text)


def cell_text(value: object) -> str:
    """A stored cell as the text staff would see (the shared rule of services.store.cells)."""
    return text_of(value)


class CellProtected(StoreError):
    """The write would overwrite a staff formula or a cell inside a merged range; nothing was written."""


class FormulaWouldBreak(StoreError):
    """Deleting the row would leave a staff formula pointing at a cell that no longer exists; nothing was deleted."""


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
            stat_ = self.path.stat()
            stamp = (stat_.st_mtime_ns, stat_.st_size)
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

        def apply(book: _Book) -> None:
            ws, data = book.sheet(spec)
            index = find_row(spec, data, row_id)
            planned = plan_update(spec, data, index, changes, expected)
            keys = {v: k for k, v in column_map(spec, data.header).items()}
            for col, value in planned:
                book.put(ws, index + 2, col + 1, typed(kind_of(spec, keys[col], row_id), value))
            if user is not None and planned:
                before = data.rows[index]
                log = [(keys[col], cell(before, col), value) for col, value in planned]
                _append_audit(book, audit_entries(spec, clean(row_id), log, user))

        self._mutate(apply)

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        spec = schema_tab(tab)
        ids: list[str] = []

        def apply(book: _Book) -> None:
            ws, data = book.sheet(spec)
            prepared = assign_ids(spec, data, rows)
            start = len(data.rows) + 2
            log: list[dict[str, str]] = []
            for offset, values in enumerate(prepared):
                row = build_row(spec, data, values)
                book.put_row(ws, start + offset, spec, data.header, row)
                if user is not None:
                    summary = row_summary(spec, data, row)
                    log += audit_entries(spec, values.get("id", ""), [(ADDED, "", summary)], user)
            if log:
                _append_audit(book, log)
            ids[:] = [v.get("id", "") for v in prepared]

        self._mutate(apply)
        return ids

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        spec = schema_tab(tab)

        def apply(book: _Book) -> None:
            ws, data = book.sheet(spec)
            index = find_row(spec, data, row_id)
            plan_update(spec, data, index, {}, expected)
            book.delete_row(ws, index + 2, clean(row_id))
            if user is not None:
                summary = row_summary(spec, data, data.rows[index])
                _append_audit(book, audit_entries(spec, clean(row_id), [(DELETED, summary, "")], user))

        self._mutate(apply)

    def ensure_schema(self) -> list[str]:
        report: list[str] = []

        def apply(book: _Book) -> None:
            report.extend(_ensure_tabs(book))

        self._mutate(apply)
        return report

    def retype(self) -> list[tuple[str, Change]]:
        """Turn number/date/time text in schema columns into typed cells; (tab title, change) for each one."""
        done: list[tuple[str, Change]] = []

        def apply(book: _Book) -> None:
            tabs, _ = split_tabs({name: ([], []) for name in book.wb.sheetnames})
            for spec in TABS:
                if spec.key not in tabs:
                    continue
                ws = book.wb[tabs[spec.key].title]
                grid = [[_raw(c) for c in row] for row in ws.iter_rows()]
                if not grid:
                    continue
                header, _ = split_header([[text_of(book.value(ws, c)) for c in next(ws.iter_rows(max_row=1))]])
                for change in plan_retype(spec, header, grid[1:]):
                    book.put(ws, change.row, change.column, change.cell)
                    done.append((ws.title, change))

        self._mutate(apply)
        return done

    # --- internals --------------------------------------------------------------------------

    def _create_if_missing(self) -> None:
        if self.path.exists():
            return
        try:
            with self._locked():
                if self.path.exists():
                    return
                wb = Workbook()
                wb.remove(wb.active)
                book = _Book(wb, {})
                _ensure_tabs(book)
                if self._seed is not None:
                    for key, rows in self._seed().items():
                        spec = schema_tab(key)
                        ws = wb[spec.title]
                        header = spec.headers
                        for offset, values in enumerate(rows):
                            row = [clean(values.get(c.key, "")) for c in spec.columns]
                            book.put_row(ws, offset + 2, spec, header, row)
                write_atomically(self.path, book.to_bytes())
        except Timeout as exc:
            raise BackendUnavailable(
                f"Tệp dữ liệu “{self.path.name}” đang bị khóa bởi người khác. Hãy thử lại sau giây lát."
            ) from exc

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock

    def _mutate(self, apply: Callable[[_Book], None]) -> None:
        self._create_if_missing()
        try:
            with self._locked():
                # Always start from the file as it is now: staff (or another desk) may have saved since our read.
                book = _Book.open(self.path.read_bytes())
                apply(book)
                if book.touched:
                    write_atomically(self.path, book.to_bytes())
        except Timeout as exc:
            raise BackendUnavailable(
                f"Tệp dữ liệu “{self.path.name}” đang bị khóa bởi người khác. Hãy thử lại sau giây lát."
            ) from exc
        except (OSError, zipfile.BadZipFile, InvalidFileException) as exc:
            raise BackendUnavailable(f"Không ghi được tệp dữ liệu “{self.path}”: {exc}") from exc
        finally:
            self._cached = None


def replace_tabs(path: Path, grids: Mapping[str, list[list[object]]]) -> None:
    """Replace these tabs' cells (other tabs untouched), under the app's lock and with the app's safe save.

    Schema columns of schema tabs become typed cells, everything else literal text ("=x" is not a formula, "0912"
    keeps its 0); staff formulas elsewhere that read these tabs are left for the spreadsheet program to recompute.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
        if path.exists():
            book = _Book.open(path.read_bytes())
        else:
            book = _Book(Workbook(), {})
            book.wb.remove(book.wb.active)
        schema, _ = split_tabs({title: ([], []) for title in grids})
        spec_of = {data.title: TAB_BY_KEY[key] for key, data in schema.items()}
        for title, grid in grids.items():
            ws = book.wb[title] if title in book.wb.sheetnames else book.wb.create_sheet(title)
            book.reshaped = True
            old = {(r, c) for r in range(1, ws.max_row + 1) for c in range(1, ws.max_column + 1)}
            book.written.setdefault(title, set()).update(old)
            for merged in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(merged))
            ws.delete_rows(1, ws.max_row)
            book.results.pop(title, None)
            book.put_grid(ws, spec_of.get(title), grid)
        write_atomically(path, book.to_bytes())


# --- saving ---------------------------------------------------------------------------------


def write_atomically(path: Path, content: bytes) -> None:
    """Replace `path` with `content` so that a crash leaves either the old file or the new one, never half of one.

    The new file keeps the old one's permission bits (and owner, where allowed); no temp file is left on failure.
    """
    try:
        before = path.stat()
    except FileNotFoundError:
        before = None
    mode = stat.S_IMODE(before.st_mode) if before else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=".conference-", suffix=".xlsx", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fchmod(out.fileno(), mode)  # mkstemp made it 0600: staff sharing the file would lose access
            if before is not None and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
                with suppress(PermissionError):
                    os.fchown(out.fileno(), before.st_uid, before.st_gid)
            os.fsync(out.fileno())  # the data is on disk before the name points at it
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    # Read, not set: os.umask() would change it for every thread of the app for a moment.
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


# --- one read-modify-write ------------------------------------------------------------------


class _Book:
    """The workbook for one locked write, plus what it takes to save it without harming staff's formulas."""

    def __init__(self, wb: Workbook, results: dict[str, dict[Coord, Result]]) -> None:
        self.wb = wb
        self.results = results  # sheet title → formula cell → its cached result, in current coordinates
        self.written: dict[str, set[Coord]] = {}  # cells this write changed
        self.stale: dict[str, set[Coord]] = {}  # formula cells whose result this write may have changed
        self.reshaped = False  # a row deleted or a tab added

    @property
    def touched(self) -> bool:
        return self.reshaped or any(self.written.values())

    @classmethod
    def open(cls, content: bytes) -> _Book:
        return cls(load_workbook(io.BytesIO(content)), _formula_results(content))

    # reading, as `load()` would see it

    def sheet(self, spec: Tab) -> tuple[Worksheet, TabData]:
        tabs, _ = split_tabs({name: ([], []) for name in self.wb.sheetnames})
        if spec.key not in tabs:
            raise TabMissing(spec.title)
        ws = self.wb[tabs[spec.key].title]
        header, rows = split_header([[text_of(self.value(ws, c)) for c in row] for row in ws.iter_rows()])
        return ws, TabData(title=ws.title, header=header, rows=rows)

    def value(self, ws: Worksheet, target: Cell | MergedCell) -> object:
        """The cell's value; for a formula its last computed result (what a data-only read gives), not its text."""
        if target.data_type != "f":
            return target.value
        result = self.results.get(ws.title, {}).get((target.row, target.column))
        return _result_value(result, target.number_format, self.wb.epoch) if result else None

    # writing

    def put(self, ws: Worksheet, row: int, col: int, value: Typed) -> None:
        """Write one cell, or refuse (CellProtected) if it holds a staff formula or sits inside a merged range."""
        target = ws.cell(row=row, column=col)
        if isinstance(target, MergedCell):
            merged = next((str(r) for r in ws.merged_cells.ranges if target.coordinate in r), "?")
            top_left = merged.split(":")[0]
            raise CellProtected(
                f"Ô {cell_ref(ws.title, target.coordinate)} nằm trong vùng ô gộp {merged}; chỉ ghi được vào ô đầu "
                f"của vùng ({top_left}). Chưa ghi gì — hãy bỏ gộp ô {merged} trong bảng tính rồi lưu lại."
            )
        if target.data_type == "f":
            formula = target.value.text if isinstance(target.value, ArrayFormula) else target.value
            raise CellProtected(
                f"Ô {cell_ref(ws.title, target.coordinate)} chứa công thức “{formula}” do người dùng đặt; ứng dụng "
                "không ghi đè công thức. Chưa ghi gì — hãy sửa ô này trực tiếp trong bảng tính."
            )
        _write_typed(target, value)
        self.written.setdefault(ws.title, set()).add((row, col))

    def put_row(self, ws: Worksheet, row: int, spec: Tab, header: list[str], values: list[str]) -> None:
        """A new row: blanks are left alone (a staff formula filled down into empty rows stays)."""
        positions = column_map(spec, header)
        keys = {v: k for k, v in positions.items()}
        row_id = cell(values, positions["id"]) if "id" in positions else ""
        for col, text in enumerate(values):
            if text:
                self.put(ws, row, col + 1, typed(kind_of(spec, keys.get(col, ""), row_id), text))

    def put_grid(self, ws: Worksheet, spec: Tab | None, grid: list[list[object]]) -> None:
        """Cells copied from another store: typed in a schema tab's schema columns, literal text elsewhere."""
        header = [text_of(v) for v in grid[0]] if grid else []
        positions = column_map(spec, header) if spec else {}
        keys = {v: k for k, v in positions.items()}
        for r, row in enumerate(grid, start=1):
            texts = [text_of(v) for v in row]
            row_id = cell(texts, positions["id"]) if "id" in positions else ""
            for c, text in enumerate(texts, start=1):
                if not text:
                    continue
                key = keys.get(c - 1) if r > 1 else None
                self.put(ws, r, c, typed(kind_of(spec, key, row_id), text) if key else Typed(text, "text"))

    def put_header(self, ws: Worksheet, col: int, text: str) -> Cell:
        self.put(ws, 1, col, Typed(text, "text"))
        return ws.cell(row=1, column=col)

    def delete_row(self, ws: Worksheet, row: int, label: str) -> None:
        """Delete one sheet row as a spreadsheet program would: formulas, merges and row heights follow."""
        deleted = _Deletion(ws.title, row)
        self.reshaped = True
        edits = self._translate_formulas(deleted, label)
        names = self._translate_names(deleted, label)
        for target, text in edits:
            if isinstance(target.value, ArrayFormula):
                target.value.text = text
                if target.parent.title == ws.title:
                    target.value.ref = deleted.shift_area_text(target.value.ref) or target.value.ref
            else:
                target.value = text
        for holder, name, text in names:
            holder[name].attr_text = text

        merges = _shift_merges(ws, row)
        ws.delete_rows(row)
        for min_col, min_row, max_col, max_row in merges:
            if (min_row, min_col) != (max_row, max_col):
                ws.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row, end_column=max_col)
        _shift_row_dimensions(ws, row)
        for moved in ws._cells.values():
            if moved.hyperlink is not None:  # openpyxl keeps the old coordinate: the link would land on another row
                moved.hyperlink.ref = moved.coordinate

        for table in (self.results, self.written, self.stale):
            if ws.title in table:
                table[ws.title] = _shift_keys(table[ws.title], row)

    def _translate_formulas(self, deleted: _Deletion, label: str) -> list[tuple[Cell, str]]:
        edits: list[tuple[Cell, str]] = []
        for ws in self.wb.worksheets:
            for target in list(ws._cells.values()):
                if target.data_type != "f" or (ws.title == deleted.title and target.row == deleted.row):
                    continue
                value = target.value
                text = value.text if isinstance(value, ArrayFormula) else value
                if not isinstance(text, str):
                    continue
                new, broken, touched = deleted.translate(text, ws.title)
                if broken:
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: công thức “{text}” ở ô "
                        f"{cell_ref(ws.title, target.coordinate)} tham chiếu ô {broken} của dòng này, xóa dòng sẽ "
                        "làm công thức báo lỗi #REF!. Chưa xóa gì — hãy sửa công thức trong bảng tính trước."
                    )
                if isinstance(value, ArrayFormula) and deleted.spans_area(ws.title, value.ref):
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: dòng này cắt ngang công thức "
                        f"mảng ở {cell_ref(ws.title, value.ref)}. Chưa xóa gì — hãy sửa công thức trong bảng tính trước."
                    )
                if touched:
                    self.stale.setdefault(ws.title, set()).add((target.row, target.column))
                moves = isinstance(value, ArrayFormula) and ws.title == deleted.title and target.row > deleted.row
                if new != text or moves:
                    edits.append((target, new))
        return edits

    def _translate_names(self, deleted: _Deletion, label: str) -> list[tuple[dict, str, str]]:
        edits: list[tuple[dict, str, str]] = []
        holders = [self.wb.defined_names] + [ws.defined_names for ws in self.wb.worksheets]
        for holder in holders:
            for name, defined in holder.items():
                text = defined.attr_text or ""
                new, broken, _ = deleted.translate("=" + text, None)
                if broken:
                    raise FormulaWouldBreak(
                        f"Không xóa được dòng “{label}” trong trang “{deleted.title}”: tên vùng “{name}” ({text}) "
                        f"trỏ vào ô {broken} của dòng này. Chưa xóa gì — hãy sửa tên vùng trong bảng tính trước."
                    )
                if new[1:] != text:
                    edits.append((holder, name, new[1:]))
        return edits

    # saving

    def to_bytes(self) -> bytes:
        formulas = self._formula_cells()
        self._drop_changed_results(formulas)
        if formulas:
            # Excel recomputes everything on open; LibreOffice computes the results we leave empty.
            self.wb.calculation.fullCalcOnLoad = True
        buffer = io.BytesIO()
        self.wb.save(buffer)
        content = buffer.getvalue()
        keep = {
            title: {coord: result for coord, result in results.items() if coord in formulas.get(title, {})}
            for title, results in self.results.items()
        }
        return _inject_results(content, keep) if any(keep.values()) else content

    def _formula_cells(self) -> dict[str, dict[Coord, str]]:
        found: dict[str, dict[Coord, str]] = {}
        for ws in self.wb.worksheets:
            for target in ws._cells.values():
                if target.data_type == "f":
                    value = target.value
                    text = value.text if isinstance(value, ArrayFormula) else value
                    found.setdefault(ws.title, {})[(target.row, target.column)] = text if isinstance(text, str) else ""
        return found

    def _drop_changed_results(self, formulas: dict[str, dict[Coord, str]]) -> None:
        """Forget every cached result that a cell this write changed may feed into, directly or via other formulas."""
        changed: dict[str, set[Coord]] = {}
        for table in (self.written, self.stale):
            for title, coords in table.items():
                changed.setdefault(title.casefold(), set()).update(coords)
        for title, coords in self.stale.items():
            for coord in coords:
                self.results.get(title, {}).pop(coord, None)
        if not any(changed.values()):
            return
        # Every formula takes part, cached or not: one without a result still passes a change on to its readers.
        pending = [
            (title, coord, _references(text, title, self.wb))
            for title, cells in formulas.items()
            for coord, text in cells.items()
        ]
        progress = True
        while progress:
            progress = False
            for item in list(pending):
                title, coord, refs = item
                if refs is None or any(_touches(ref, changed) for ref in refs):
                    self.results.get(title, {}).pop(coord, None)
                    changed.setdefault(title.casefold(), set()).add(coord)
                    pending.remove(item)
                    progress = True


def _raw(target: Cell | MergedCell) -> object:
    """A cell as the backend-neutral retype planner wants it: formulas marked, everything else as stored."""
    if target.data_type == "f":
        value = target.value
        return Formula(value.text if isinstance(value, ArrayFormula) else str(value))
    return target.value


def _write_typed(target: Cell, value: Typed) -> None:
    before = target.number_format
    if value.is_text:
        target.value = value.value or None
        if value.value:
            target.data_type = "s"  # "=…", "+1", "#N/A" typed by staff stay text (RAW input, as on the Google Sheet)
        if before in _APP_FORMATS:
            target.number_format = "General"
        return
    target.value = value.value
    target.number_format = before if _fits(before, value.kind) else value.pattern


_APP_FORMATS = {DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, NUMBER_FORMAT, MONEY_FORMAT}


def _fits(pattern: str, kind: str) -> bool:
    """Keep a format staff chose for this cell if it shows this kind of value fully (e.g. '#,##0 "đ"')."""
    if not pattern or pattern == "General" or pattern in _APP_FORMATS or pattern == "@":
        return False
    lowered = pattern.lower()
    has_day, has_hour = ("d" in lowered or "y" in lowered), "h" in lowered
    if kind == "number":
        return not is_date_format(pattern)
    if not is_date_format(pattern):
        return False
    return {"date": has_day and not has_hour, "datetime": has_day and has_hour, "time": has_hour and not has_day}[kind]


def _append_audit(book: _Book, entries: list[dict[str, str]]) -> None:
    """Log rows go into the same workbook save as the change they describe (created with its tab if missing)."""
    spec = schema_tab("audit")
    try:
        ws, data = book.sheet(spec)
    except TabMissing:
        _ensure_tabs(book)
        ws, data = book.sheet(spec)
    start = len(data.rows) + 2
    for offset, values in enumerate(entries):
        book.put_row(ws, start + offset, spec, data.header, build_row(spec, data, values))


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _ensure_tabs(book: _Book) -> list[str]:
    """Add missing tabs and headers at the end; never rename, reorder or delete what staff made."""
    wb = book.wb
    report: list[str] = []
    present, _ = split_tabs({name: ([], []) for name in wb.sheetnames})
    for spec in TABS:
        if spec.key not in present:
            ws = wb.create_sheet(spec.title)
            book.reshaped = True
            header: list[str] = []
            report.append(f"Đã tạo trang “{spec.title}”.")
        else:
            ws = wb[present[spec.key].title]
            header, _ = split_header([[text_of(book.value(ws, c)) for c in next(ws.iter_rows(max_row=1), ())]])
        absent = missing_headers(spec, header)
        if not absent:
            continue
        start = len(header) + 1
        for offset, text in enumerate(absent):
            c = book.put_header(ws, start + offset, text)
            c.font, c.fill = HEADER_FONT, HEADER_FILL
            ws.column_dimensions[c.column_letter].width = max(12, min(40, len(text) + 6))
        ws.freeze_panes = "A2"
        if header:
            report.append(f"Trang “{ws.title}”: đã thêm cột {', '.join(absent)}.")
    return report


# --- row deletion: references, merges, row heights ------------------------------------------

_SHEET_PREFIX = re.compile(r"^(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?(?P<area>[^!]+)$")
_PART = re.compile(r"^(?P<cabs>\$?)(?P<col>[A-Za-z]{1,3})?(?P<rabs>\$?)(?P<row>\d+)?$")
# References computed at run time (INDIRECT, OFFSET) or results that depend on where the cell is (ROW, CELL): such a
# formula may read anything, so any write invalidates its cached result.
_DYNAMIC = {"INDIRECT(", "OFFSET(", "ROW(", "CELL("}


@dataclass(frozen=True)
class _Part:
    """One end of an A1 reference: C7, $C$7, C (column only) or 7 (row only)."""

    col: str | None
    row: int | None
    cabs: str = ""
    rabs: str = ""

    def render(self, row: int | None = None) -> str:
        row = self.row if row is None else row
        return f"{self.cabs}{self.col or ''}" + (f"{self.rabs}{row}" if row is not None else "")


def _parse_area(text: str) -> list[_Part] | None:
    parts = []
    for piece in text.split(":"):
        m = _PART.match(piece)
        if not m or (m["col"] is None and m["row"] is None):
            return None
        parts.append(_Part(m["col"], int(m["row"]) if m["row"] else None, m["cabs"], m["rabs"]))
    if len(parts) == 1 and (parts[0].col is None or parts[0].row is None):
        return None  # "A" or "7" alone is a name, not a reference
    if len(parts) > 2 or (
        len(parts) == 2
        and ((parts[0].col is None) != (parts[1].col is None) or (parts[0].row is None) != (parts[1].row is None))
    ):
        return None
    return parts


def _split_ref(value: str) -> tuple[str | None, str | None, str] | None:
    """'Kinh phí'!C2:C8 → ("'Kinh phí'", 'Kinh phí', 'C2:C8'); external and 3-D references → None."""
    m = _SHEET_PREFIX.match(value)
    if not m:
        return None
    raw = m["sheet"]
    if raw is None:
        return None, None, m["area"]
    name = raw[1:-1].replace("''", "'") if raw.startswith("'") else raw
    if name.startswith("[") or ":" in name:
        return None
    return raw, name, m["area"]


@dataclass(frozen=True)
class _Deletion:
    title: str
    row: int

    def _ours(self, sheet: str | None, home: str | None) -> bool:
        target = sheet if sheet is not None else home
        return target is not None and target.casefold() == self.title.casefold()

    def translate(self, formula: str, home: str | None) -> tuple[str, str, bool]:
        """(formula after the delete, the cell it would lose or '', whether it read the deleted row)."""
        try:
            tokens = Tokenizer(formula)
        except TokenizerError:
            return formula, "", True
        touched = False
        for token in tokens.items:
            if token.type == Token.FUNC and token.subtype == Token.OPEN and token.value.upper() in _DYNAMIC:
                touched = True
            if token.type != Token.OPERAND or token.subtype != Token.RANGE:
                continue
            split = _split_ref(token.value)
            if split is None:
                touched = True
                continue
            raw, sheet, area = split
            parts = _parse_area(area)
            if parts is None:
                touched = True  # a name or table column: it may cover the row
                continue
            if not self._ours(sheet, home):
                continue
            new_area, spans = self._shift(parts)
            if new_area is None:
                return formula, cell_ref(self.title, area.replace("$", "")), True
            touched = touched or spans
            token.value = (f"{raw}!" if raw else "") + new_area
        return tokens.render(), "", touched

    def _shift(self, parts: list[_Part]) -> tuple[str | None, bool]:
        """The area after the delete (None if it vanishes) and whether it covered the deleted row."""
        if parts[0].row is None:  # whole columns C:E
            return ":".join(p.render() for p in parts), True
        rows = [p.row for p in parts]
        top, bottom = min(rows), max(rows)
        k = self.row
        if bottom < k:
            return ":".join(p.render() for p in parts), False
        if top > k:
            return ":".join(p.render(p.row - 1) for p in parts), False
        if top == bottom:
            return None, True
        moved = [p.render(p.row - 1 if p.row == bottom else p.row) for p in parts]
        return ":".join(moved), True

    def shift_area_text(self, area: str) -> str | None:
        parts = _parse_area(area)
        return self._shift(parts)[0] if parts else None

    def spans_area(self, title: str, area: str) -> bool:
        parts = _parse_area(area)
        if not parts or title.casefold() != self.title.casefold() or parts[0].row is None:
            return False
        rows = [p.row for p in parts]
        return min(rows) <= self.row <= max(rows) and min(rows) != max(rows)


def _shift_merges(ws: Worksheet, row: int) -> list[tuple[int, int, int, int]]:
    """Unmerge every range at or below `row`; return them as they must be re-merged after the delete."""
    again: list[tuple[int, int, int, int]] = []
    for merged in list(ws.merged_cells.ranges):
        min_col, min_row, max_col, max_row = merged.bounds
        if max_row < row:
            continue
        ws.unmerge_cells(str(merged))
        if min_row > row:
            again.append((min_col, min_row - 1, max_col, max_row - 1))
        elif min_row == max_row:
            continue  # the merge lived on the deleted row only: it goes with the row
        else:
            if min_row == row:
                # The value sits in the top-left cell, on the deleted row: it belongs to the rows that stay.
                source, dest = ws.cell(row=row, column=min_col), ws.cell(row=row + 1, column=min_col)
                dest._value, dest.data_type = source._value, source.data_type
                dest._style = copy(source._style)
                dest.comment = source.comment  # openpyxl copies a comment that is bound to another cell
                if source.hyperlink is not None:
                    dest.hyperlink = source.hyperlink
            again.append((min_col, min_row, max_col, max_row - 1))
    return again


def _shift_row_dimensions(ws: Worksheet, row: int) -> None:
    dims = ws.row_dimensions
    below = sorted(i for i in dims if i >= row)
    saved = {i: dims[i] for i in below}
    for i in below:
        del dims[i]
    for i, dim in saved.items():
        if i > row:
            dim.index = i - 1
            dims[i - 1] = dim


def _shift_keys(table: object, row: int) -> object:
    if isinstance(table, dict):
        return {(r - 1 if r > row else r, c): v for (r, c), v in table.items() if r != row}
    return {(r - 1 if r > row else r, c) for (r, c) in table if r != row}


# --- formula dependencies -------------------------------------------------------------------

Area = tuple[str, int | None, int | None, int | None, int | None]  # sheet (casefolded), rows, columns; None = open


def _references(formula: str, home: str, wb: Workbook) -> list[Area] | None:
    """Every area a formula reads, or None if it cannot be known (INDIRECT, unknown names, external links)."""
    try:
        tokens = Tokenizer(formula)
    except TokenizerError:
        return None
    areas: list[Area] = []
    for token in tokens.items:
        if token.type == Token.FUNC and token.subtype == Token.OPEN and token.value.upper() in _DYNAMIC:
            return None
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        found = _areas_of(token.value, home, wb, depth=0)
        if found is None:
            return None
        areas += found
    return areas


def _areas_of(value: str, home: str, wb: Workbook, depth: int) -> list[Area] | None:
    split = _split_ref(value)
    if split is None:
        return None
    _, sheet, area = split
    parts = _parse_area(area)
    if parts is None:
        if sheet is not None or depth > 2:
            return None
        scoped = wb[home].defined_names if home in wb.sheetnames else {}
        defined = scoped.get(area) or wb.defined_names.get(area)
        if defined is None or not defined.attr_text:
            return None
        found = _references("=" + defined.attr_text, home, wb)
        return found
    cols = [column_index_from_string(p.col.upper()) if p.col else None for p in parts]
    rows = [p.row for p in parts]
    target = (sheet or home).casefold()
    if None in rows or None in cols:
        r = (None, None) if None in rows else (min(rows), max(rows))
        c = (None, None) if None in cols else (min(cols), max(cols))
        return [(target, r[0], r[1], c[0], c[1])]
    return [(target, min(rows), max(rows), min(cols), max(cols))]


def _touches(area: Area, changed: dict[str, set[Coord]]) -> bool:
    sheet, top, bottom, left, right = area
    for row, col in changed.get(sheet, ()):
        if (top is None or top <= row <= bottom) and (left is None or left <= col <= right):
            return True
    return False


# --- cached formula results in the .xlsx ----------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(sheet title, zip member) for every worksheet, read from the workbook part and its relationships."""
    root_rels = ElementTree.fromstring(archive.read("_rels/.rels"))
    book = next(
        (r.get("Target", "") for r in root_rels if r.get("Type", "").endswith("/officeDocument")), "xl/workbook.xml"
    ).lstrip("/")
    folder = PurePosixPath(book).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(book).name + ".rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in ElementTree.fromstring(archive.read(rels_name))}
    for element in ElementTree.fromstring(archive.read(book)).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        if target:
            member = target.lstrip("/") if target.startswith("/") else str(folder / target)
            yield element.get("name", ""), os.path.normpath(member).replace(os.sep, "/")


def _formula_results(content: bytes) -> dict[str, dict[Coord, Result]]:
    """Each sheet's formula cells with the result last computed by a spreadsheet program (exactly as stored)."""
    found: dict[str, dict[Coord, Result]] = {}
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = list(_sheet_parts(archive))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return found  # openpyxl will report an unreadable file; without results we only lose the cache
    for title, member in parts:
        results: dict[Coord, Result] = {}
        try:
            data = archive.read(member)
            if b"<f" not in data and b":f" not in data:
                continue  # no formula in this sheet (the common case): skip the parse
            with io.BytesIO(data) as stream:
                for _, element in ElementTree.iterparse(stream):
                    if _local(element.tag) != "c":
                        continue
                    children = {_local(child.tag): child for child in element}
                    value = children.get("v")
                    if "f" in children and value is not None and value.text is not None:
                        col, row = _split_coordinate(element.get("r", ""))
                        if row:
                            results[(row, col)] = (element.get("t", "n"), value.text)
                    element.clear()
        except (KeyError, ElementTree.ParseError):
            continue
        if results:
            found[title] = results
    return found


def _split_coordinate(coordinate: str) -> Coord:
    m = re.match(r"^\$?([A-Za-z]{1,3})\$?(\d+)$", coordinate)
    return (column_index_from_string(m[1].upper()), int(m[2])) if m else (0, 0)


def _result_value(result: Result, number_format: str, epoch) -> object:
    """A stored result as openpyxl's data-only reader would give it, so write-time reads match `load()`."""
    kind, text = result
    if kind == "b":
        return text.strip() == "1"
    if kind in ("str", "e", "inlineStr"):
        return text
    if kind != "n":
        return None
    try:
        number = float(text) if any(ch in text for ch in ".eE") else int(text)
    except ValueError:
        return None
    if is_date_format(number_format):
        try:
            return from_excel(number, epoch, timedelta=is_timedelta_format(number_format))
        except (OverflowError, ValueError):
            return "#VALUE!"
    return number


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"([^>]*)>(<f\b[^>]*?(?:/>|>.*?</f>))<v\s*/>', re.S)


def _inject_results(content: bytes, keep: dict[str, dict[Coord, Result]]) -> bytes:
    """Put the kept results back into the sheets openpyxl just wrote (it writes every formula with an empty <v/>)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    members = dict((member, title) for title, member in _sheet_parts(source))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            results = keep.get(members.get(info.filename, ""), {})
            if results:
                data = _FORMULA_CELL.sub(lambda m, r=results: _with_result(m, r), data)
            target.writestr(zipfile.ZipInfo(info.filename, info.date_time), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_result(match: re.Match, results: dict[Coord, Result]) -> bytes:
    coordinate, attributes, formula = match[1].decode(), match[2], match[3]
    found = results.get(_split_coordinate(coordinate)[::-1])
    if found is None or b" t=" in attributes:
        return match[0]
    kind, text = found
    type_attr = b"" if kind == "n" else f' t="{kind}"'.encode()
    value = escape(text).encode()
    return b'<c r="' + match[1] + b'"' + attributes + type_attr + b">" + formula + b"<v>" + value + b"</v>"

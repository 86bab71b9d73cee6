"""Copying every tab between the local workbook and the Google Sheet, cell for cell, never over data by accident."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from filelock import Timeout

from services.parsing import clean
from services.schema import normalize_header
from services.store.disk import WRITE_ERRORS, explain
from services.store.errors import BackendUnavailable, StoreError
from services.store.gsheets import GoogleSheetStore
from services.store.workbook import read_tab_texts, replace_tabs
from services.store.xlsx_file import DAMAGE, damaged

Grids = dict[str, list[list[str]]]


class TransferRefused(StoreError):
    """The destination already holds data in these tabs; nothing was copied."""

    def __init__(self, destination: str, titles: list[str]) -> None:
        names = ", ".join(f"“{t}”" for t in titles)
        super().__init__(
            f"{destination} đã có dữ liệu trong trang {names}. Không chép đè — thêm --force nếu thật sự muốn "
            "ghi đè các trang này."
        )
        self.titles = titles


def _trim(grid: list[list[str]]) -> list[list[str]]:
    rows = [list(r) for r in grid]
    for row in rows:
        while row and not row[-1]:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def has_data(grid: list[list[str]]) -> bool:
    """Anything below the header row (a tab with only headers counts as empty)."""
    return any(any(clean(v) for v in row) for row in grid[1:])


def read_workbook(path: Path) -> Grids:
    """Every tab as text, each cut to its table like the app reads it (a stray cell at row 1,048,576 costs nothing);
    a damaged file is the same DamagedWorkbook the app shows, naming the part and the backup."""
    if not path.exists():
        raise BackendUnavailable(f"Không có tệp dữ liệu “{path}”.")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise BackendUnavailable(f"Không đọc được tệp dữ liệu “{path}”: {exc}") from exc
    try:
        return {title: _trim(grid or []) for title, grid in read_tab_texts(content)}
    except DAMAGE as exc:
        raise damaged(path, content, exc) from exc


def write_workbook(path: Path, grids: Mapping[str, list[list[str]]]) -> None:
    """Replace these tabs' cells (others untouched), atomically and under the same lock the app uses."""
    try:
        replace_tabs(path, grids)
    except Timeout as exc:
        raise BackendUnavailable(f"Tệp dữ liệu “{path.name}” đang bị khóa bởi người khác.") from exc
    except WRITE_ERRORS as exc:
        raise explain(exc, "tệp dữ liệu", path) from exc


def _destination_titles(source: list[str], existing: list[str]) -> dict[str, str]:
    """Source title → the destination tab it goes into (matched however staff cased or spaced the title)."""
    by_norm = {normalize_header(t): t for t in existing}
    return {t: t if t in existing else by_norm.get(normalize_header(t), t) for t in source}


def push(grids: Grids, sheet: GoogleSheetStore, *, force: bool = False) -> list[str]:
    """The local workbook's tabs (`read_workbook`) → Google Sheet; refused (nothing copied) if a target tab already
    has data. The caller reads first, so a damaged source is said before any credentials or network are needed."""
    existing = sheet.read_grid()
    mapping = _destination_titles(list(grids), list(existing))
    busy = [dest for dest in mapping.values() if dest in existing and has_data(existing[dest])]
    if busy and not force:
        raise TransferRefused("Google Sheet", busy)
    sheet.write_grid({mapping[t]: g for t, g in grids.items()}, clear=True)
    return [f"{mapping[t]}: {max(len(g) - 1, 0)} dòng" for t, g in grids.items()]


def pull(workbook: Path, sheet: GoogleSheetStore, *, force: bool = False) -> list[str]:
    """Google Sheet → local workbook, every tab; refused (nothing copied) if a target tab already has data."""
    grids = {t: _trim(g) for t, g in sheet.read_grid().items()}
    existing = read_workbook(workbook) if workbook.exists() else {}
    mapping = _destination_titles(list(grids), list(existing))
    busy = [dest for dest in mapping.values() if dest in existing and has_data(existing[dest])]
    if busy and not force:
        raise TransferRefused(f"Tệp “{workbook.name}”", busy)
    write_workbook(workbook, {mapping[t]: g for t, g in grids.items()})
    return [f"{mapping[t]}: {max(len(g) - 1, 0)} dòng" for t, g in grids.items()]

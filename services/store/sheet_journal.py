"""The write journal: a hidden tab where every app write leaves, in the same atomic batchUpdate, its nonce and an
exact copy of the row as it was just before the write (the pre-image).

Google applies one `spreadsheets:batchUpdate` atomically and can return the state right after it
(`includeSpreadsheetInResponse` + `responseRanges`), but has no compare-and-set. So a write is checked after the
fact, in the same request: the pre-image shows whose row the cells really landed on and what they held. A write that
landed on a moved row, or over a cell that someone changed, is put back exactly from that copy. The nonce lets a
retry find out whether an earlier try already landed.

Row 1 holds the header; each write inserts its own row at the top (row 2), so concurrent writers never share one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gspread.utils import absolute_range_name
from openpyxl.utils import get_column_letter

from services.store.sheet_cells import text_cell

TITLE = "_app_journal"
HEADER = ["Mã thao tác", "Thao tác", "Trang", "Mã dòng", "Thời điểm", "Dòng trước khi ghi →"]
PRE = len(HEADER)  # the pre-image starts in this column (G)
LOOKBACK = 60  # rows a retry searches for its nonce (newest first): far more than writes in flight
KEEP = 1000  # rows kept when the journal is trimmed
TRIM_AT = 1500


def quoted(title: str, cells: str | None = None) -> str:
    """A tab (or cells of it) in A1 notation, always quoted: gspread's own quoting (Vietnamese titles, apostrophes)."""
    return absolute_range_name(title, cells)


def row_range(title: str, row: int, width: int, first: int = 0) -> str:
    """One sheet row (1-based) from column `first` (0-based), `width` columns, in A1 notation."""
    return quoted(title, f"{get_column_letter(first + 1)}{row}:{get_column_letter(first + max(width, 1))}{row}")


def column_range(title: str, col: int) -> str:
    letter = get_column_letter(col + 1)
    return quoted(title, f"{letter}:{letter}")


def insert_top(journal_id: int, count: int = 1) -> dict[str, Any]:
    return {
        "insertDimension": {
            "range": {"sheetId": journal_id, "dimension": "ROWS", "startIndex": 1, "endIndex": 1 + count},
            "inheritFromBefore": False,
        }
    }


def stamp(
    journal_id: int, nonce: str, op: str, tab_title: str, row_id: str, when: str, *, at: int = 1
) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": journal_id, "rowIndex": at, "columnIndex": 0},
            "rows": [{"values": [text_cell(v) for v in (nonce, op, tab_title, row_id, when)]}],
            "fields": "userEnteredValue",
        }
    }


def _copy(
    source: tuple[int, int, int], destination: tuple[int, int, int], width: int, paste: str = "PASTE_NORMAL"
) -> dict[str, Any]:
    """copyPaste of one row segment: (sheetId, row, first column) → (sheetId, row, first column), `width` cells.

    PASTE_NORMAL carries values, formats and formulas; a formula's relative references shift by the offset, and shift
    back by the same offset when pasted back, so a round trip restores it exactly."""

    def grid(sheet_id: int, row: int, col: int) -> dict[str, int]:
        return {
            "sheetId": sheet_id,
            "startRowIndex": row,
            "endRowIndex": row + 1,
            "startColumnIndex": col,
            "endColumnIndex": col + width,
        }

    return {"copyPaste": {"source": grid(*source), "destination": grid(*destination), "pasteType": paste}}


def capture(sheet_id: int, row_index: int, width: int, journal_id: int, *, at: int = 1) -> dict[str, Any]:
    """Copy the target row (0-based grid index) into the journal's new row, values, formats and formulas."""
    return _copy((sheet_id, row_index, 0), (journal_id, at, PRE), width)


def paste_back(journal_id: int, journal_row: int, col: int, sheet_id: int, row_index: int) -> dict[str, Any]:
    """One captured cell back to its place."""
    return _copy((journal_id, journal_row, PRE + col), (sheet_id, row_index, col), 1)


def copy_back_row(journal_id: int, journal_row: int, width: int, sheet_id: int, row_index: int) -> dict[str, Any]:
    """A whole captured row back into the (re-inserted) grid row."""
    return _copy((journal_id, journal_row, PRE), (sheet_id, row_index, 0), width)


@dataclass(frozen=True)
class Entry:
    """A journal row: who wrote, and the target row's cells (CellData) just before the write."""

    nonce: str
    op: str
    row_id: str
    pre: list[dict[str, Any]]


def entry(row: list[dict[str, Any]]) -> Entry:
    def text(i: int) -> str:
        if i >= len(row):
            return ""
        return str((row[i].get("effectiveValue") or row[i].get("userEnteredValue") or {}).get("stringValue", ""))

    return Entry(nonce=text(0), op=text(1), row_id=text(3), pre=list(row[PRE:]))


def grid_rows(response: Mapping[str, Any], sheet_id: int) -> list[list[list[dict[str, Any]]]]:
    """Per response range on this sheet (in request order): its rows of CellData, padded with {} where trimmed."""
    for sheet in (response.get("updatedSpreadsheet") or response).get("sheets", []):
        if sheet.get("properties", {}).get("sheetId") == sheet_id:
            return [
                [list(r.get("values", [])) for r in data.get("rowData", [])] for data in sheet.get("data", []) or []
            ]
    return []


def sheet_rows(response: Mapping[str, Any], sheet_id: int) -> int | None:
    for sheet in (response.get("updatedSpreadsheet") or response).get("sheets", []):
        props = sheet.get("properties", {})
        if props.get("sheetId") == sheet_id:
            count = props.get("gridProperties", {}).get("rowCount")
            return None if count is None else int(count)
    return None

"""In-memory spreadsheets with the Sheets API v4 semantics our app relies on (values, grid limits, batchUpdate)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tests.sheets_emulator.a1 import GridRange, RangeError, format_range, parse_range

DEFAULT_ROWS, DEFAULT_COLS = 1000, 26


class ApiError(Exception):
    """Answered as Google does: {"error": {"code", "message", "status"}}."""

    STATUS: ClassVar[dict[int, str]] = {
        400: "INVALID_ARGUMENT",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
        500: "INTERNAL",
        503: "UNAVAILABLE",
    }

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "status": self.STATUS.get(self.code, "UNKNOWN")}}


def formatted(value: Any) -> str:
    """FORMATTED_VALUE of a stored value (no number formats: numbers as plain text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def user_entered(value: Any) -> Any:
    """USER_ENTERED parsing, reduced to what matters here: a leading ' forces text, plain numbers become numbers."""
    if not isinstance(value, str):
        return value
    if value.startswith("'"):
        return value[1:]
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in value else number


@dataclass
class Sheet:
    sheet_id: int
    title: str
    index: int
    row_count: int = DEFAULT_ROWS
    column_count: int = DEFAULT_COLS
    frozen_rows: int = 0
    cells: list[list[Any]] = field(default_factory=list)

    def clone(self) -> Sheet:
        return Sheet(
            self.sheet_id,
            self.title,
            self.index,
            self.row_count,
            self.column_count,
            self.frozen_rows,
            [list(r) for r in self.cells],
        )

    def properties(self) -> dict[str, Any]:
        grid: dict[str, Any] = {"rowCount": self.row_count, "columnCount": self.column_count}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        return {
            "sheetId": self.sheet_id,
            "title": self.title,
            "index": self.index,
            "sheetType": "GRID",
            "gridProperties": grid,
        }

    # --- cells ------------------------------------------------------------------------------

    def used_rows(self) -> int:
        n = len(self.cells)
        while n and not any(v not in (None, "") for v in self.cells[n - 1]):
            n -= 1
        return n

    def get(self, row: int, col: int) -> Any:
        if row < len(self.cells) and col < len(self.cells[row]):
            return self.cells[row][col]
        return None

    def put(self, row: int, col: int, value: Any, *, grow: bool = False) -> None:
        if row >= self.row_count or col >= self.column_count:
            if not grow:
                raise ApiError(
                    400,
                    f"Range ({format_range(self.title, row, row + 1, col, col + 1)}) exceeds grid limits. "
                    f"Max rows: {self.row_count}, max columns: {self.column_count}",
                )
            self.row_count = max(self.row_count, row + 1)
            self.column_count = max(self.column_count, col + 1)
        while len(self.cells) <= row:
            self.cells.append([])
        line = self.cells[row]
        while len(line) <= col:
            line.append(None)
        line[col] = None if value == "" else value

    def read(self, rng: GridRange) -> tuple[str, list[list[str]]]:
        """Values in the range, trailing empty rows and cells trimmed (as the API does)."""
        end_row = min(rng.end_row if rng.end_row is not None else self.row_count, self.row_count)
        end_col = min(rng.end_col if rng.end_col is not None else self.column_count, self.column_count)
        out: list[list[str]] = []
        for r in range(rng.start_row, min(end_row, len(self.cells))):
            line = [formatted(self.get(r, c)) for c in range(rng.start_col, end_col)]
            while line and line[-1] == "":
                line.pop()
            out.append(line)
        while out and not out[-1]:
            out.pop()
        return format_range(self.title, rng.start_row, end_row, rng.start_col, end_col), out

    def write(self, rng: GridRange, values: list[list[Any]], *, grow: bool = False) -> dict[str, Any]:
        width = max((len(r) for r in values), default=0)
        if rng.single:
            pass  # a single cell anchors the write; values may extend right and down from it
        elif rng.end_row is not None and len(values) > rng.end_row - rng.start_row:
            raise ApiError(400, "Requested writing within range, but tried writing to row beyond the range.")
        if not rng.single and rng.end_col is not None and width > rng.end_col - rng.start_col:
            raise ApiError(400, "Requested writing within range, but tried writing to column beyond the range.")
        cells = 0
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is None:  # null = leave the cell as it is
                    continue
                self.put(rng.start_row + i, rng.start_col + j, value, grow=grow)
                cells += 1
        return {
            "updatedRange": format_range(
                self.title, rng.start_row, rng.start_row + len(values), rng.start_col, rng.start_col + width
            ),
            "updatedRows": len(values),
            "updatedColumns": width,
            "updatedCells": cells,
        }

    def clear(self, rng: GridRange) -> str:
        end_row = rng.end_row if rng.end_row is not None else self.row_count
        end_col = rng.end_col if rng.end_col is not None else self.column_count
        for r in range(rng.start_row, min(end_row, len(self.cells))):
            line = self.cells[r]
            for c in range(rng.start_col, min(end_col, len(line))):
                line[c] = None
        return format_range(self.title, rng.start_row, min(end_row, self.row_count), rng.start_col, end_col)

    def insert_rows(self, start: int, count: int) -> None:
        while len(self.cells) < start:
            self.cells.append([])
        self.cells[start:start] = [[] for _ in range(count)]
        self.row_count += count

    def delete_rows(self, start: int, end: int) -> None:
        if start < 0 or end > self.row_count or start >= end:
            raise ApiError(400, f"Invalid requests[0].deleteDimension: range [{start}, {end}) out of bounds.")
        if end - start >= self.row_count:
            raise ApiError(400, "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.")
        del self.cells[start:end]
        self.row_count -= end - start

    def insert_columns(self, start: int, count: int) -> None:
        for line in self.cells:
            if len(line) > start:
                line[start:start] = [None] * count
        self.column_count += count

    def delete_columns(self, start: int, end: int) -> None:
        if start < 0 or end > self.column_count or start >= end or end - start >= self.column_count:
            raise ApiError(400, f"Invalid requests[0].deleteDimension: columns [{start}, {end}) out of bounds.")
        for line in self.cells:
            del line[start:end]
        self.column_count -= end - start


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    title: str
    sheets: list[Sheet] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1_000_001), repr=False)

    def clone(self) -> Spreadsheet:
        copy = Spreadsheet(self.spreadsheet_id, self.title, [s.clone() for s in self.sheets])
        copy._ids = self._ids
        return copy

    def metadata(self, base_url: str) -> dict[str, Any]:
        return {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": "vi_VN", "timeZone": "Asia/Ho_Chi_Minh"},
            "sheets": [{"properties": s.properties()} for s in self.sheets],
            "spreadsheetUrl": f"{base_url}/spreadsheets/d/{self.spreadsheet_id}/edit",
        }

    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet(self, title: str) -> Sheet:
        for s in self.sheets:
            if s.title == title:
                return s
        raise ApiError(400, f"Unable to parse range: {title}")

    def by_id(self, sheet_id: Any) -> Sheet:
        for s in self.sheets:
            if s.sheet_id == sheet_id:
                return s
        raise ApiError(400, f"No grid with id: {sheet_id}")

    def resolve(self, text: str) -> tuple[Sheet, GridRange]:
        try:
            rng = parse_range(text, self.titles())
        except RangeError:
            raise ApiError(400, f"Unable to parse range: {text}") from None
        return self.sheet(rng.title), rng

    def add_sheet(
        self,
        title: str,
        *,
        rows: int = DEFAULT_ROWS,
        cols: int = DEFAULT_COLS,
        index: int | None = None,
        sheet_id: int | None = None,
        frozen_rows: int = 0,
    ) -> Sheet:
        if any(s.title.casefold() == title.casefold() for s in self.sheets):
            raise ApiError(
                400,
                f'Invalid requests[0].addSheet: A sheet with the name "{title}" already exists. '
                "Please enter another name.",
            )
        if not title.strip():
            raise ApiError(400, "Invalid requests[0].addSheet: sheet title must not be empty.")
        new = Sheet(sheet_id if sheet_id is not None else next(self._ids), title, 0, rows, cols, frozen_rows)
        position = len(self.sheets) if index is None else max(0, min(index, len(self.sheets)))
        self.sheets.insert(position, new)
        for i, s in enumerate(self.sheets):
            s.index = i
        return new

"""What staff did to the spreadsheet that matters to the app: its locale and time zone, merged cells, dropdown
(data validation) rules and protected ranges on app columns, frozen and hidden rows, basic filters.

Learned with one `spreadsheets.get` (a field mask keeps it small) and checked before every write, so the app never
writes into a merge, never leaves a cell its dropdown does not allow, and names a protected range instead of
showing Google's 400. Sources: Sheets API reference — Spreadsheet (properties.locale, timeZone), Sheet (merges,
protectedRanges, basicFilter, gridProperties.frozenRowCount), CellData.dataValidation (DataValidationRule: condition
ONE_OF_LIST, strict), DimensionProperties.hiddenByUser; and Google's recorded answers (tests/data/google_recordings).
API writes are not checked by Google against a validation rule (they land and the cell is flagged in the browser),
so the app checks them itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from services.schema import TABS, Tab
from services.store.errors import BackendUnavailable, CellProtected, StoreError
from services.store.rows import column_map, header_of
from services.store.sheet_journal import quoted

# Google's answer to a write into a range protected against the caller (400), as public reports quote it.
PROTECTED_MESSAGE = "You are trying to edit a protected cell or object"

# The metadata request's field mask: the tabs' properties (titles, IDs, grid sizes) and what staff did to them; the
# grid data is reduced to validation rules and hidden rows, so a big sheet's cells do not come along.
FIELDS = (
    "spreadsheetId,properties(title,locale,timeZone),"
    "sheets(properties,merges,protectedRanges,basicFilter,"
    "data(startRow,startColumn,rowData(values(dataValidation)),rowMetadata(hiddenByUser)))"
)


class SheetProtected(BackendUnavailable):
    """A write touched a range staff protected against the app's account. Kept like an outage by the door desk (the
    scan waits in its journal until staff lift the protection); never retried in a loop."""


class ValidationRefused(StoreError):
    """The value is not in the dropdown list staff put on the cell; nothing was written."""


@dataclass(frozen=True)
class Area:
    """A block of one tab, 0-based end-exclusive (None: to the end of the grid)."""

    title: str
    row0: int
    row1: int | None
    col0: int
    col1: int | None

    def holds(self, row: int, col: int) -> bool:
        return self.row0 <= row < (self.row1 if self.row1 is not None else 1 << 30) and self.col0 <= col < (
            self.col1 if self.col1 is not None else 1 << 30
        )

    def a1(self) -> str:
        first = f"{get_column_letter(self.col0 + 1)}{self.row0 + 1}"
        last_col = get_column_letter(self.col1) if self.col1 is not None else ""
        last_row = str(self.row1) if self.row1 is not None else ""
        if self.row1 is None and self.col1 is None and self.row0 == 0 and self.col0 == 0:
            return quoted(self.title)
        return quoted(self.title, f"{first}:{last_col}{last_row}")


@dataclass(frozen=True)
class Protection:
    area: Area
    description: str
    can_edit: bool
    warning_only: bool

    @property
    def blocks(self) -> bool:
        return not self.can_edit and not self.warning_only


@dataclass(frozen=True)
class Rule:
    """A dropdown on a cell: the allowed values of a ONE_OF_LIST rule (None for other kinds), strict or a warning."""

    kind: str
    allowed: tuple[str, ...] | None
    strict: bool


@dataclass
class TabFeatures:
    title: str
    sheet_id: int
    frozen_rows: int = 0
    hidden: bool = False
    merges: list[Area] = field(default_factory=list)
    protections: list[Protection] = field(default_factory=list)
    filter: Area | None = None
    hidden_rows: list[int] = field(default_factory=list)  # 0-based
    rules: dict[tuple[int, int], Rule] = field(default_factory=dict)  # (row, col) 0-based → rule

    def merge_at(self, row: int, col: int) -> Area | None:
        return next((m for m in self.merges if m.holds(row, col)), None)

    def protection_at(self, row: int, col: int) -> Protection | None:
        return next((p for p in self.protections if p.blocks and p.area.holds(row, col)), None)

    def rule_at(self, row: int, col: int) -> Rule | None:
        """The cell's rule; for a row not in the grid yet (an append), the rule of the column's last data row."""
        if (row, col) in self.rules:
            return self.rules[(row, col)]
        below = [r for (r, c) in self.rules if c == col and r >= 1]
        return self.rules[(max(below), col)] if below and row > max(below) else None

    def column_rules(self, col: int) -> list[Rule]:
        return list(dict.fromkeys(rule for (_, c), rule in self.rules.items() if c == col))


@dataclass
class Features:
    title: str
    locale: str
    time_zone: str
    tabs: dict[str, TabFeatures] = field(default_factory=dict)  # by title


def _area(title: str, rng: dict[str, Any]) -> Area:
    return Area(
        title,
        int(rng.get("startRowIndex", 0)),
        int(rng["endRowIndex"]) if "endRowIndex" in rng else None,
        int(rng.get("startColumnIndex", 0)),
        int(rng["endColumnIndex"]) if "endColumnIndex" in rng else None,
    )


def _rule(raw: dict[str, Any]) -> Rule:
    condition = raw.get("condition") or {}
    kind = str(condition.get("type", ""))
    allowed = None
    if kind == "ONE_OF_LIST":
        allowed = tuple(str(v.get("userEnteredValue", "")) for v in condition.get("values", []))
    return Rule(kind, allowed, bool(raw.get("strict", False)))


def parse(raw: Mapping[str, Any]) -> Features:
    """The answer of spreadsheets.get (FIELDS) as Features."""
    props = raw.get("properties") or {}
    out = Features(str(props.get("title", "")), str(props.get("locale", "")), str(props.get("timeZone", "")))
    for sheet in raw.get("sheets", []):
        p = sheet.get("properties") or {}
        title = str(p.get("title", ""))
        grid = p.get("gridProperties") or {}
        tab = TabFeatures(title, int(p.get("sheetId", 0)), int(grid.get("frozenRowCount", 0)), bool(p.get("hidden")))
        tab.merges = [_area(title, m) for m in sheet.get("merges", [])]
        tab.protections = [
            Protection(
                _area(title, pr.get("range") or {}),
                str(pr.get("description", "")),
                bool(pr.get("requestingUserCanEdit", False)),
                bool(pr.get("warningOnly", False)),
            )
            for pr in sheet.get("protectedRanges", [])
        ]
        if sheet.get("basicFilter"):
            tab.filter = _area(title, sheet["basicFilter"].get("range") or {})
        for data in sheet.get("data", []):
            r0, c0 = int(data.get("startRow", 0)), int(data.get("startColumn", 0))
            for i, meta in enumerate(data.get("rowMetadata", [])):
                if meta.get("hiddenByUser"):
                    tab.hidden_rows.append(r0 + i)
            for i, row in enumerate(data.get("rowData", [])):
                for j, cell in enumerate(row.get("values", [])):
                    if cell.get("dataValidation"):
                        tab.rules[(r0 + i, c0 + j)] = _rule(cell["dataValidation"])
        out.tabs[title] = tab
    return out


def cell_ref(title: str, row: int, col: int) -> str:
    return quoted(title, f"{get_column_letter(col + 1)}{row + 1}")


def check_cells(features: Features | None, title: str, cells: list[tuple[int, int, str]]) -> None:
    """Refuse, before anything is sent, a write of (row, col, text) cells (0-based) that would land in a merged
    range, in a range protected against the app, or outside the cell's dropdown list."""
    tab = features.tabs.get(title) if features else None
    if tab is None:
        return
    for row, col, text in cells:
        ref = cell_ref(title, row, col)
        merge = tab.merge_at(row, col)
        if merge is not None:
            raise CellProtected(
                f"Ô {ref} nằm trong vùng gộp ô {merge.a1()} do cán bộ gộp trên Google Sheet; ghi vào đó sẽ lệch hoặc "
                "bị che khuất. Chưa ghi gì — hãy bỏ gộp ô (Định dạng > Hợp nhất ô > Hủy hợp nhất) rồi thử lại."
            )
        protection = tab.protection_at(row, col)
        if protection is not None:
            raise SheetProtected(protected_text(ref, [protection]))
        rule = tab.rule_at(row, col)
        # Compared case-insensitively: a refusal over letter case alone would stop a desk for nothing.
        allowed_keys = {v.strip().casefold() for v in rule.allowed} if rule is not None and rule.allowed else set()
        if rule is not None and rule.allowed is not None and text and text.strip().casefold() not in allowed_keys:
            allowed = ", ".join(f"“{v}”" for v in rule.allowed)
            raise ValidationRefused(
                f"Ô {ref} có danh sách chọn do cán bộ đặt ({allowed}) không có giá trị “{text}” mà ứng dụng cần ghi. "
                "Chưa ghi gì — hãy thêm giá trị này vào danh sách (Dữ liệu > Xác thực dữ liệu) hoặc bỏ quy tắc, "
                "rồi thử lại."
            )


def protected_text(ref: str, protections: list[Protection]) -> str:
    names = "; ".join(p.area.a1() + (f" (“{p.description}”)" if p.description else "") for p in protections)
    where = f"Vùng được bảo vệ: {names}. " if protections else ""
    return (
        f"Google Sheet từ chối ghi vào {ref}: ô nằm trong vùng được bảo vệ mà tài khoản của ứng dụng không được sửa. "
        f"{where}Chưa ghi gì. Hãy nhờ chủ bảng tính thêm email tài khoản dịch vụ vào người được sửa vùng này "
        "(Dữ liệu > Trang tính và dải ô được bảo vệ) hoặc bỏ bảo vệ."
    )


def blocking(features: Features | None, titles: list[str] | None = None) -> list[Protection]:
    if features is None:
        return []
    return [p for t in features.tabs.values() if titles is None or t.title in titles for p in t.protections if p.blocks]


def app_columns(features: Features, grids: dict[str, list[list[Any]]]) -> dict[str, tuple[Tab, dict[str, int]]]:
    """Title → (schema tab, column key → index) for the app tabs whose header row `grids` holds."""
    out = {}
    for spec in TABS:
        for title in features.tabs:
            if title == spec.title and title in grids:
                out[title] = (spec, column_map(spec, header_of(grids[title])))
    return out

"""Sheets API cell bodies: typed values as CellData (numberValue + numberFormat), and CellData back to app text."""

from __future__ import annotations

from typing import Any

from services.parsing import clean
from services.schema import Kind
from services.store.cells import Typed, serial, text_of
from services.store.sheet_read import read_text

# updateCells/appendCells field mask: the value and its number format always travel together, so a text written
# over a date cell does not keep showing as a date, and a number never arrives without its display format.
VALUE_FIELDS = "userEnteredValue,userEnteredFormat.numberFormat"
RESTORE_FIELDS = "userEnteredValue,userEnteredFormat"

_FORMAT_TYPE = {"number": "NUMBER", "date": "DATE", "time": "TIME", "datetime": "DATE_TIME"}
DATE_TYPES = ("DATE", "TIME", "DATE_TIME")
_DATE_KIND = {"DATE": Kind.DATE, "TIME": Kind.TIME, "DATE_TIME": Kind.DATETIME}


def cell_data(value: Typed) -> dict[str, Any]:
    """One cell to write. Text is a stringValue, stored exactly as given ("=x", "+1", "0912" stay literal text)."""
    if value.is_text:
        return {"userEnteredValue": {"stringValue": value.value}} if value.value else {}
    number = value.value if value.kind == "number" else serial(value.value)  # type: ignore[arg-type]  # Typed.value is a date/time here: kind says so
    return {
        "userEnteredValue": {"numberValue": number},
        "userEnteredFormat": {"numberFormat": {"type": _FORMAT_TYPE[value.kind], "pattern": value.pattern}},
    }


def text_cell(text: str) -> dict[str, Any]:
    return {"userEnteredValue": {"stringValue": text}} if text else {}


def row_data(cells: list[dict[str, Any]]) -> dict[str, Any]:
    return {"values": cells}


def is_formula(cell: dict[str, Any]) -> bool:
    return "formulaValue" in (cell.get("userEnteredValue") or {})


def cell_text(cell: dict[str, Any]) -> str:
    """CellData as the app's text: a date, time or date-time from its serial and format type (dd/mm/yyyy, the
    same in every spreadsheet locale — its formattedValue follows the locale and the cell's pattern)."""
    effective = cell.get("effectiveValue") or {}
    number_format = ((cell.get("effectiveFormat") or cell.get("userEnteredFormat") or {}).get("numberFormat")) or {}
    if "numberValue" in effective:
        kind = _DATE_KIND.get(str(number_format.get("type")))
        if kind is not None:
            return read_text(effective["numberValue"], kind)
        return text_of(effective["numberValue"])
    if "stringValue" in effective:
        return clean(effective["stringValue"])
    if "boolValue" in effective:
        return text_of(effective["boolValue"])
    if "errorValue" in effective:
        return clean(cell.get("formattedValue", ""))
    return ""


def restorable(cell: dict[str, Any]) -> dict[str, Any]:
    """A captured cell as a body that puts it back exactly (value and format), for non-formula cells."""
    out: dict[str, Any] = {}
    if cell.get("userEnteredValue"):
        out["userEnteredValue"] = cell["userEnteredValue"]
    if cell.get("userEnteredFormat"):
        out["userEnteredFormat"] = cell["userEnteredFormat"]
    return out

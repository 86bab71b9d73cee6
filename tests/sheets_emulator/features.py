"""What staff do to a shared sheet, as batchUpdate requests: merges, dropdown validation, protected ranges, basic
filters, hidden rows, cut and paste, and the spreadsheet's own properties (title, locale, time zone).

Behaviour follows Google's recorded answers (tests/data/google_recordings): merging keeps only the top-left value;
a merge replaces merges it overlaps; a protected range's creator may edit it (`requestingUserCanEdit`), empty
editor lists come back as `{}`; a basic filter without indices covers the whole grid. Values written through the
API are NOT checked against a validation rule (Google lets API and script writes through and flags the cell in the
browser), so the emulator stores them and `invalid_cells` reports what the browser would flag.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.sheets_emulator.a1 import format_range
from tests.sheets_emulator.model import (
    PROTECTED_MESSAGE,
    ApiError,
    Sheet,
    Spreadsheet,
    format_of,
    guard,
    is_blank,
    locale_for,
    make_cell,
    public_protected,
    validation_of,
)


def grid(book: Spreadsheet, rng: dict[str, Any], where: str) -> tuple[Sheet, int, int, int, int]:
    """A GridRange: (sheet, start row, end row, start col, end col); missing ends = the end of the grid."""
    sheet = book.by_id(rng.get("sheetId", 0))
    r0, c0 = int(rng.get("startRowIndex", 0)), int(rng.get("startColumnIndex", 0))
    r1 = int(rng.get("endRowIndex", sheet.row_count))
    c1 = int(rng.get("endColumnIndex", sheet.column_count))
    if not (0 <= r0 <= r1 <= sheet.row_count and 0 <= c0 <= c1 <= sheet.column_count):
        raise ApiError(
            400,
            f"Invalid {where}: Range ({format_range(sheet.title, r0, r1, c0, c1)}) exceeds grid limits. "
            f"Max rows: {sheet.row_count}, max columns: {sheet.column_count}",
        )
    return sheet, r0, r1, c0, c1


# --- merges -------------------------------------------------------------------------------------


def merge_cells(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    sheet, r0, r1, c0, c1 = grid(book, body.get("range", {}), where + ".range")
    guard(sheet, r0, r1, c0, c1)
    kind = body.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_ALL":
        blocks = [(r0, r1, c0, c1)]
    elif kind == "MERGE_ROWS":
        blocks = [(r, r + 1, c0, c1) for r in range(r0, r1)]
    elif kind == "MERGE_COLUMNS":
        blocks = [(r0, r1, c, c + 1) for c in range(c0, c1)]
    else:
        raise ApiError(400, f"Invalid value at '{where}.merge_type', \"{kind}\"")
    sheet.merges = [m for m in sheet.merges if not _overlaps(m, (r0, r1, c0, c1))]
    for block in blocks:
        if (block[1] - block[0]) * (block[3] - block[2]) < 2:
            continue
        sheet.merges.append(block)
        for r in range(block[0], min(block[1], len(sheet.cells))):
            for c in range(block[2], min(block[3], len(sheet.cells[r]))):
                if (r, c) != (block[0], block[2]) and not is_blank(sheet.cells[r][c]):
                    line = sheet.cells[r]
                    line[c] = make_cell(None, format_of(line[c]), validation_of(line[c]))
    sheet.merges.sort()
    return {}


def unmerge_cells(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    sheet, r0, r1, c0, c1 = grid(book, body.get("range", {}), where + ".range")
    sheet.merges = [m for m in sheet.merges if not _overlaps(m, (r0, r1, c0, c1))]
    return {}


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


# --- data validation -----------------------------------------------------------------------------


def set_data_validation(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    sheet, r0, r1, c0, c1 = grid(book, body.get("range", {}), where + ".range")
    rule = body.get("rule")
    for r in range(r0, r1):
        for c in range(c0, c1):
            if rule or validation_of(sheet.get(r, c)):
                sheet.set_rule(r, c, rule or None)
    return {}


def allowed_values(rule: dict[str, Any]) -> list[str] | None:
    """The list of a ONE_OF_LIST rule (None for other kinds of rule)."""
    condition = rule.get("condition", {})
    if condition.get("type") != "ONE_OF_LIST":
        return None
    return [str(v.get("userEnteredValue", "")) for v in condition.get("values", [])]


def invalid_cells(sheet: Sheet) -> list[tuple[int, int]]:
    """Cells whose value breaks their ONE_OF_LIST rule (what the browser flags with a red corner)."""
    out = []
    for r, line in enumerate(sheet.cells):
        for c, cell in enumerate(line):
            rule = validation_of(cell)
            if not rule or is_blank(cell):
                continue
            allowed = allowed_values(json.loads(rule))
            if allowed is not None and str(sheet.render(r, c)) not in allowed:
                out.append((r, c))
    return out


# --- protected ranges ----------------------------------------------------------------------------


def _stored_range(sheet: Sheet, rng: dict[str, Any]) -> tuple[int, int | None, int, int | None]:
    return (
        int(rng.get("startRowIndex", 0)),
        int(rng["endRowIndex"]) if "endRowIndex" in rng else None,
        int(rng.get("startColumnIndex", 0)),
        int(rng["endColumnIndex"]) if "endColumnIndex" in rng else None,
    )


def add_protected(
    book: Spreadsheet, spec: dict[str, Any], where: str, *, by_caller: bool = True, protected_id: int | None = None
) -> dict[str, Any]:
    """A ProtectedRange. Made through the API, its creator (the caller) may edit it; made by staff (by_caller
    False) with editors that leave the caller out, the caller's writes into it are refused."""
    rng = spec.get("range") or {}
    sheet, *_ = grid(book, rng, where + ".range")
    entry: dict[str, Any] = {"protectedRangeId": protected_id or next(book._ids), "range": _stored_range(sheet, rng)}
    if spec.get("description"):
        entry["description"] = spec["description"]
    if spec.get("warningOnly"):
        entry["warningOnly"] = True
    editors = {k: v for k, v in (spec.get("editors") or {}).items() if v}
    entry["editors"] = editors
    entry["_can_edit"] = by_caller or bool(entry.get("warningOnly"))
    sheet.protected.append(entry)
    return {"addProtectedRange": {"protectedRange": public_protected(sheet.sheet_id, entry)}}


def add_protected_range(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    return add_protected(book, body.get("protectedRange") or {}, where + ".protectedRange")


def delete_protected_range(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    wanted = int(body.get("protectedRangeId", -1))
    for sheet in book.sheets:
        for entry in sheet.protected:
            if entry["protectedRangeId"] == wanted:
                if not entry.get("_can_edit"):
                    raise ApiError(400, PROTECTED_MESSAGE)
                sheet.protected.remove(entry)
                return {}
    raise ApiError(400, f"Invalid {where}: No protected range with id: {wanted}")


# --- basic filter, hidden rows --------------------------------------------------------------------


def set_basic_filter(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    """A filter changes what staff see, not what the values API returns: rows it hides are still read."""
    spec = body.get("filter") or {}
    sheet, r0, r1, c0, c1 = grid(book, spec.get("range") or {}, where + ".filter.range")
    sheet.basic_filter = (r0, r1, c0, c1)
    specs = [
        (int(s.get("dimensionIndex", 0)), s.get("sortOrder", "ASCENDING") == "DESCENDING")
        for s in spec.get("sortSpecs", [])
    ]
    if specs:
        guard(sheet, r0 + 1, r1, c0, c1)
        sheet.sort_rows(r0 + 1, r1, c0, c1, specs)  # the filter's first row is its header
    return {}


def clear_basic_filter(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    book.by_id(body.get("sheetId", 0)).basic_filter = None
    return {}


# --- the spreadsheet's own properties ---------------------------------------------------------------


def update_spreadsheet_properties(book: Spreadsheet, body: dict[str, Any], where: str) -> dict[str, Any]:
    props = body.get("properties") or {}
    wanted = {f.strip() for f in str(body.get("fields", "")).split(",") if f.strip()}
    if not wanted:
        raise ApiError(400, f"Invalid {where}: At least one field must be specified.")
    every = "*" in wanted
    if (every or "title" in wanted) and "title" in props:
        book.title = str(props["title"])
    if (every or "locale" in wanted) and "locale" in props:
        locale_for(str(props["locale"]))  # known or mapped: rendering follows it from now on
        book.locale = str(props["locale"])
    if (every or "timeZone" in wanted) and "timeZone" in props:
        book.time_zone = str(props["timeZone"])
    return {}


STAFF_FEATURES: dict[str, Callable[[Spreadsheet, dict[str, Any], str], dict[str, Any]]] = {
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "setDataValidation": set_data_validation,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
}

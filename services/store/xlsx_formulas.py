"""Staff formulas in the .xlsx: their references shifted on a row delete, what they read, and their cached results.

openpyxl neither shifts references when a row is deleted nor keeps the results a spreadsheet program computed, so
both are done here on the formula text and on the saved XML.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import PurePosixPath
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.styles.numbers import is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel

from services.store.retype import cell_ref

Coord = tuple[int, int]  # (row, column), 1-based
Result = tuple[str, str]  # a formula's cached result as stored: (cell type attribute, <v> text)

# --- row deletion: formula references -------------------------------------------------------

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

    def render(self, up: int = 0) -> str:
        """The reference as text, its row `up` rows higher (a row above it deleted)."""
        row = "" if self.row is None else f"{self.rabs}{self.row - up}"
        return f"{self.cabs}{self.col or ''}{row}"


def _span(ends: list[int | None]) -> tuple[int, int] | None:
    """(lowest, highest) of an area's rows or columns; None when the area is open that way (C:E, 3:5)."""
    known = [end for end in ends if end is not None]
    return (min(known), max(known)) if known and len(known) == len(ends) else None


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
class Deletion:
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
        rows = _span([p.row for p in parts])
        if rows is None:  # whole columns C:E
            return ":".join(p.render() for p in parts), True
        top, bottom = rows
        k = self.row
        if bottom < k:
            return ":".join(p.render() for p in parts), False
        if top > k:
            return ":".join(p.render(1) for p in parts), False
        if top == bottom:
            return None, True
        moved = [p.render(1 if p.row == bottom else 0) for p in parts]
        return ":".join(moved), True

    def shift_area_text(self, area: str) -> str | None:
        parts = _parse_area(area)
        return self._shift(parts)[0] if parts else None

    def spans_area(self, title: str, area: str) -> bool:
        parts = _parse_area(area)
        rows = _span([p.row for p in parts]) if parts else None
        if rows is None or title.casefold() != self.title.casefold():
            return False
        return rows[0] <= self.row <= rows[1] and rows[0] != rows[1]


# --- formula dependencies -------------------------------------------------------------------

Area = tuple[str, int | None, int | None, int | None, int | None]  # sheet (casefolded), rows, columns; None = open


def references(formula: str, home: str, wb: Workbook) -> list[Area] | None:
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
        found = references("=" + defined.attr_text, home, wb)
        return found
    rows = _span([p.row for p in parts])
    cols = _span([column_index_from_string(p.col.upper()) if p.col else None for p in parts])
    top, bottom = rows if rows else (None, None)
    left, right = cols if cols else (None, None)
    return [((sheet or home).casefold(), top, bottom, left, right)]


def touches(area: Area, changed: dict[str, set[Coord]]) -> bool:
    sheet, top, bottom, left, right = area
    for row, col in changed.get(sheet, ()):
        if (top is None or bottom is None or top <= row <= bottom) and (
            left is None or right is None or left <= col <= right
        ):
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


def formula_results(content: bytes) -> dict[str, dict[Coord, Result]]:
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


def result_value(result: Result, number_format: str, epoch: datetime) -> object:
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


# openpyxl writes the empty result as <v/> with its own XML writer and as <v></v> when lxml is installed (python-docx
# brings lxml): both must match.
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]+)"([^>]*)>(<f\b[^>]*?(?:/>|>.*?</f>))<v\s*(?:/>|></v>)', re.S)


def inject_results(content: bytes, keep: dict[str, dict[Coord, Result]]) -> bytes:
    """Put the kept results back into the sheets openpyxl just wrote (it writes every formula with an empty <v/>)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    members = dict((member, title) for title, member in _sheet_parts(source))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            results = keep.get(members.get(info.filename, ""), {})
            if results:
                data = _FORMULA_CELL.sub(partial(_with_result, results=results), data)
            target.writestr(zipfile.ZipInfo(info.filename, info.date_time), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_result(match: re.Match[bytes], results: dict[Coord, Result]) -> bytes:
    coordinate, attributes, formula = match[1].decode(), match[2], match[3]
    found = results.get(_split_coordinate(coordinate)[::-1])
    if found is None or b" t=" in attributes:
        return match[0]
    kind, text = found
    type_attr = b"" if kind == "n" else f' t="{kind}"'.encode()
    value = escape(text).encode()
    return b'<c r="' + match[1] + b'"' + attributes + type_attr + b">" + formula + b"<v>" + value + b"</v>"

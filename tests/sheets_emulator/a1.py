"""A1 notation as the Sheets API reads it: `'Tab name'!A1:C9`, `Tab!A:A`, `Tab!2:5`, `Tab`, `A1` (first tab)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"^([A-Za-z]*)(\d*)$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z0-9_]+$")
# A title that reads as a reference is quoted even though it is plain: Google answers `'D3'!A1:D1` (recorded).
_REFERENCE_LIKE = re.compile(r"^(?:[A-Za-z]{1,3}\d+|R\d*C\d*|\d+)$", re.I)


class RangeError(ValueError):
    """The text is not a range this spreadsheet understands (the API answers 400 'Unable to parse range')."""


@dataclass(frozen=True)
class GridRange:
    """0-based, end-exclusive; None = open-ended (to the end of the grid)."""

    title: str
    start_row: int = 0
    end_row: int | None = None
    start_col: int = 0
    end_col: int | None = None
    single: bool = False  # written "A1": a write starts there and may extend beyond it


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def quote_title(title: str) -> str:
    if _PLAIN_TITLE.match(title) and not _REFERENCE_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """(sheet title or None, cell part or None), honouring quotes: `'It''s here'!A1`."""
    text = text.strip()
    if text.startswith("'"):
        i, title = 1, []
        while i < len(text):
            if text[i] == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    title.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if not rest:
                    return "".join(title), None
                if rest.startswith("!"):
                    return "".join(title), rest[1:]
                raise RangeError(text)
            title.append(text[i])
            i += 1
        raise RangeError(text)
    if "!" in text:
        title, _, cells = text.rpartition("!")
        return title, cells
    return None, text


def parse_cells(part: str) -> tuple[int, int | None, int, int | None]:
    """`A1:C9` → (start_row, end_row, start_col, end_col), 0-based end-exclusive."""
    first, sep, second = part.partition(":")
    m1 = _END.match(first)
    m2 = _END.match(second) if sep else m1
    if not m1 or not m2 or not (first and (second or not sep)):
        raise RangeError(part)
    c1, r1 = m1.groups()
    c2, r2 = m2.groups()
    if not sep and not (c1 and r1):
        raise RangeError(part)
    if (not c1 and not r1) or (sep and not c2 and not r2):
        raise RangeError(part)
    start_row = int(r1) - 1 if r1 else 0
    start_col = column_index(c1) if c1 else 0
    end_row = int(r2) if r2 else None
    end_col = column_index(c2) + 1 if c2 else None
    if (r1 and int(r1) < 1) or (r2 and int(r2) < 1):
        raise RangeError(part)
    if end_row is not None and end_row <= start_row:
        start_row, end_row = end_row - 1, start_row + 1
    if end_col is not None and end_col <= start_col:
        start_col, end_col = end_col - 1, start_col + 1
    return start_row, end_row, start_col, end_col


def parse_range(text: str, titles: list[str]) -> GridRange:
    """Resolve against the spreadsheet's tab titles; a bare A1 reference means the first tab."""
    if not titles or not text.strip():
        raise RangeError(text)
    title, cells = split_sheet(text)
    if title is None:
        if cells in titles:
            return GridRange(cells)
        title = titles[0]
    if title not in titles:
        raise RangeError(text)
    if cells is None or cells == "":
        return GridRange(title)
    start_row, end_row, start_col, end_col = parse_cells(cells)
    return GridRange(title, start_row, end_row, start_col, end_col, single=":" not in cells)


def format_range(title: str, start_row: int, end_row: int, start_col: int, end_col: int) -> str:
    """`'Đại biểu'!A1:L4` — end-exclusive indices in, inclusive A1 out; one cell is written `B1`, as Google
    answers it (recorded)."""
    first = f"{column_letters(start_col)}{start_row + 1}"
    last = f"{column_letters(max(end_col, start_col + 1) - 1)}{max(end_row, start_row + 1)}"
    if first == last:
        return f"{quote_title(title)}!{first}"
    return f"{quote_title(title)}!{first}:{last}"


# --- references inside formulas ----------------------------------------------------------------

_REF_PART = r"\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+"
# `D2:D9`, `D:D`, `2:5`, `$A$1` — not inside a name (`LOG10(`, `Sheet1!`) and not a bare word (`TRUE`).
_FORMULA_REF = re.compile(
    rf"(?<![\w.$:])(?P<a>{_REF_PART}):(?P<b>{_REF_PART})(?![\w(!:])"
    r"|(?<![\w.$:])(?P<cell>\$?[A-Za-z]{1,3}\$?\d+)(?![\w(!:])"
)
_QUOTED = re.compile(r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'")
_PART = re.compile(r"^(\$?)([A-Za-z]*)(\$?)(\d*)$")


def _shift_part(part: str, rows: int, cols: int) -> str | None:
    """One end of a reference moved by (rows, cols); `$` pins its column or row (None: moved off the grid)."""
    m = _PART.match(part)
    if m is None:
        return part
    col_abs, letters, row_abs, digits = m.groups()
    if not letters:  # "$2" / "2": the dollar belongs to the row
        row_abs, col_abs = col_abs or row_abs, ""
    out = ""
    if letters:
        index = column_index(letters) + (0 if col_abs else cols)
        if index < 0:
            return None
        out += col_abs + column_letters(index)
    if digits:
        number = int(digits) + (0 if row_abs else rows)
        if number < 1:
            return None
        out += row_abs + str(number)
    return out


def shift_formula(formula: str, rows: int, cols: int) -> str:
    """The formula as Google rewrites it when pasted `rows` down and `cols` right: relative parts of every A1
    reference move, absolute (`$`) parts stay; text in quotes and quoted sheet names are left alone."""

    def shift(match: re.Match[str]) -> str:
        if match.group("cell"):
            moved = _shift_part(match.group("cell"), rows, cols)
            return moved if moved is not None else "#REF!"
        a, b = _shift_part(match.group("a"), rows, cols), _shift_part(match.group("b"), rows, cols)
        return f"{a}:{b}" if a is not None and b is not None else "#REF!"

    out, last = [], 0
    for quoted in _QUOTED.finditer(formula):
        out.append(_FORMULA_REF.sub(shift, formula[last : quoted.start()]))
        out.append(quoted.group(0))
        last = quoted.end()
    out.append(_FORMULA_REF.sub(shift, formula[last:]))
    return "".join(out)

"""Row-level logic shared by every backend: headers by name, rows by ID, edits checked against what the user saw."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from uuid import uuid4

from openpyxl.utils import get_column_letter

from services.parsing import clean
from services.schema import TAB_BY_KEY as schema_tabs
from services.schema import TABS, Tab, normalize_header
from services.store.cells import kind_of, same, text_of
from services.store.errors import AmbiguousId, CellChange, Conflict, DuplicateId, HeaderMissing, RowNotFound

# Characters a paste can hide inside an ID: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class TabData:
    """One tab exactly as stored: its header row and data rows as text (row i is sheet row i + 2)."""

    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Snapshot:
    """Every tab read at one moment."""

    tabs: dict[str, TabData]
    loaded_at: datetime = field(default_factory=datetime.now)
    other_tabs: tuple[str, ...] = ()

    def get(self, key: str) -> TabData | None:
        return self.tabs.get(key)

    def fingerprint(self) -> str:
        """A hash of every tab's title, header and cell text and of the staff's own tab names: two reads of the same
        text have the same fingerprint, whenever they were read."""
        digest = hashlib.blake2b(digest_size=16)
        for key, tab in sorted(self.tabs.items()):  # JSON escapes every quote and control character: no ambiguity
            digest.update(json.dumps([key, tab.title, tab.header, tab.rows], ensure_ascii=False).encode())
        digest.update(json.dumps(self.other_tabs, ensure_ascii=False).encode())
        return digest.hexdigest()


def header_of(grid: Sequence[Sequence[object]]) -> list[str]:
    """The first row of a grid as header text, without the blank cells after the last header."""
    header = [text_of(v) for v in (grid[0] if grid else [])]
    while header and not header[-1]:
        header.pop()
    return header


def split_header(grid: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A tab read as text → (header without trailing blanks, data rows without trailing empty rows)."""
    if not grid:
        return [], []
    header = header_of(grid)
    rows = [list(r) for r in grid[1:]]
    while rows and not any(rows[-1]):
        rows.pop()
    return header, rows


def split_tabs(raw: dict[str, tuple[list[str], list[list[str]]]]) -> tuple[dict[str, TabData], tuple[str, ...]]:
    """Match stored tab titles to schema tabs (case/diacritic-form insensitive); the rest are staff's own."""
    wanted = {normalize_header(t.title): t for t in TABS}
    tabs: dict[str, TabData] = {}
    others: list[str] = []
    for title, (header, rows) in raw.items():
        schema_tab = wanted.get(normalize_header(title))
        if schema_tab is None or schema_tab.key in tabs:
            others.append(title)
            continue
        tabs[schema_tab.key] = TabData(title=title, header=header, rows=rows)
    return tabs, tuple(others)


def column_map(tab: Tab, header: list[str]) -> dict[str, int]:
    """Schema key → position in this header row, for every schema column present (staff may reorder)."""
    positions: dict[str, int] = {}
    by_header = {normalize_header(c.header): c.key for c in tab.columns}
    for index, text in enumerate(header):
        key = by_header.get(normalize_header(text))
        if key is not None and key not in positions:
            positions[key] = index
    return positions


def missing_headers(tab: Tab, header: list[str]) -> list[str]:
    present = column_map(tab, header)
    return [c.header for c in tab.columns if c.key not in present]


def cell(row: list[str], index: int) -> str:
    return clean(row[index]) if index < len(row) else ""


def require_columns(tab: Tab, title: str, positions: dict[str, int], keys: list[str]) -> None:
    absent = [tab.column(k).header for k in keys if k not in positions]
    if absent:
        raise HeaderMissing(title, absent)


def id_key(value: object) -> str:
    """An ID as a match key: clean text without invisible characters ("DB-012\u200b" is "DB-012"), compatibility
    forms folded (NFKC: a full-width "ＤＢ-042" typed through an East Asian keyboard is "DB-042", the same person)."""
    if isinstance(value, str) and value.isascii() and value.isprintable():
        return value.strip()  # the common case, 20,000 times per locate: nothing to normalise or remove
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", clean(value)))


def find_row(tab: Tab, data: TabData, row_id: str) -> int:
    """Index into data.rows of the row with this ID — found by ID, never by position, never a guess between two."""
    positions = column_map(tab, data.header)
    require_columns(tab, data.title, positions, ["id"])
    ids = [cell(row, positions["id"]) for row in data.rows]
    return index_by_id(data.title, positions["id"], ids, row_id)


def index_by_id(title: str, id_col: int, ids: list[str], row_id: str) -> int:
    """Index into `ids` (the ID column, data rows only) of this ID; RowNotFound, or AmbiguousId naming every cell."""
    wanted = id_key(row_id)
    matches = [i for i, v in enumerate(ids) if wanted and id_key(v) == wanted]
    if not matches:
        raise RowNotFound(title, clean(row_id))
    if len(matches) > 1:
        letter = get_column_letter(id_col + 1)
        raise AmbiguousId(title, clean(row_id), [f"'{title}'!{letter}{i + 2}" for i in matches])
    return matches[0]


def plan_update(
    tab: Tab, data: TabData, row_index: int, changes: dict[str, str], expected: dict[str, str]
) -> list[tuple[int, str]]:
    """The (column index, new text) cells to write; Conflict if any cell the user saw has changed since."""
    positions = column_map(tab, data.header)
    require_columns(tab, data.title, positions, list(changes) + list(expected))
    row = data.rows[row_index]
    row_id = cell(row, positions["id"]) if "id" in positions else ""
    drift = drifted(tab, row_id, {k: cell(row, positions[k]) for k in expected}, expected)
    if drift:
        raise Conflict(data.title, row_id, drift)
    return [
        (positions[k], clean(v))
        for k, v in changes.items()
        if not same(kind_of(tab, k, row_id), cell(row, positions[k]), v)
    ]


def drifted(tab: Tab, row_id: str, now: dict[str, str], expected: dict[str, str]) -> list[CellChange]:
    """The cells whose current text no longer means what the user saw ("44.000.000" still means "44000000")."""
    return [
        CellChange(tab.column(k).header, clean(seen), clean(now.get(k, "")))
        for k, seen in expected.items()
        if not same(kind_of(tab, k, row_id), now.get(k, ""), seen)
    ]


def build_row(tab: Tab, data: TabData, values: dict[str, str]) -> list[str]:
    """A new row laid out in this tab's own column order; staff's extra columns left blank."""
    positions = column_map(tab, data.header)
    require_columns(tab, data.title, positions, [k for k, v in values.items() if clean(v)])
    width = max(len(data.header), max(positions.values(), default=-1) + 1)
    row = [""] * width
    for key, value in values.items():
        if key in positions:
            row[positions[key]] = clean(value)
    return row


def existing_ids(tab: Tab, data: TabData) -> list[str]:
    positions = column_map(tab, data.header)
    if "id" not in positions:
        return []
    return [cell(r, positions["id"]) for r in data.rows]


def assign_ids(tab: Tab, data: TabData, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Give every new row an ID (prefix-number, after the highest in use); reject IDs already present."""
    if not tab.has_id:
        return [dict(r) for r in rows]
    taken = {i for i in existing_ids(tab, data) if i}
    highest = 0
    pattern = re.compile(rf"^{re.escape(tab.id_prefix)}-?(\d+)$") if tab.id_prefix else re.compile(r"^(\d+)$")
    for value in taken:
        if m := pattern.match(value):
            highest = max(highest, int(m.group(1)))
    out: list[dict[str, str]] = []
    for values in rows:
        values = dict(values)
        given = clean(values.get("id", ""))
        if given:
            if given in taken:
                raise DuplicateId(data.title, given)
        else:
            highest += 1
            given = f"{tab.id_prefix}-{highest:03d}" if tab.id_prefix else str(highest)
        taken.add(given)
        values["id"] = given
        out.append(values)
    return out


ADDED = "(thêm dòng)"
DELETED = "(xóa dòng)"


@dataclass(frozen=True)
class Operation:
    """What the writes made inside `operation()` share in the log: a bulk action's ID, and the change a revert undoes."""

    id: str = ""
    reverts: str = ""


# Ambient rather than a parameter so every backend's logged write (and the access guard between) carries it unchanged.
_NONE = Operation()
_OPERATION: ContextVar[Operation] = ContextVar("audit_operation", default=_NONE)


def new_change_id() -> str:
    return f"C-{uuid4().hex[:8].upper()}"


@contextmanager
def operation(*, bulk: bool = True, reverts: str = "") -> Iterator[str]:
    """Log the writes inside with one operation ID (bulk) and/or the change they revert; yields the operation ID."""
    outer = _OPERATION.get()  # inside another operation: its writes stay part of it
    op = Operation(outer.id or (f"OP-{uuid4().hex[:8].upper()}" if bulk else ""), reverts or outer.reverts)
    token = _OPERATION.set(op)
    try:
        yield op.id
    finally:
        _OPERATION.reset(token)


def fit_audit(header: list[str], entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Entries cut to the columns this `Nhật ký` has: a log made before the ID columns keeps taking rows."""
    present = column_map(schema_tabs["audit"], header)
    return [{k: v for k, v in e.items() if k in present} for e in entries]


def audit_entries(
    tab: Tab, row_id: str, changes: list[tuple[str, str, str]], user: str, at: datetime | None = None
) -> list[dict[str, str]]:
    """`Nhật ký` rows for one write: (column key or ADDED/DELETED, old text, new text) each become one line, all
    under one new change ID (and the operation they are part of, if any)."""
    stamp = (at or datetime.now()).strftime("%d/%m/%Y %H:%M:%S")
    op, change = _OPERATION.get(), new_change_id()
    entries = []
    for key, old, new in changes:
        field_name = tab.by_key[key].header if key in tab.by_key else key
        entries.append(
            {
                "time": stamp,
                "user": user,
                "tab": tab.title,
                "row_id": row_id,
                "field": field_name,
                "old": old,
                "new": new,
                "change": change,
                "operation": op.id,
                "reverts": op.reverts,
            }
        )
    return entries


def row_summary(tab: Tab, data: TabData, row: list[str]) -> str:
    """A deleted or added row in one line for the log: its first few named cells."""
    positions = column_map(tab, data.header)
    parts = [cell(row, positions[c.key]) for c in tab.columns[1:4] if c.key in positions]
    return " | ".join(p for p in parts if p)

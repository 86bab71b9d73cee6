"""Raw snapshot → typed DataFrames per tab, event settings, and every cell that could not be read (with its A1 ref)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from operator import itemgetter
from typing import Any, cast

import pandas as pd
from openpyxl.utils import get_column_letter
from pandas.api.extensions import ExtensionArray

from services import parsing
from services.parsing import CellError, NumberTooLarge, clean, clean_column, shown
from services.schema import SETTING_BY_KEY, SETTING_DEFS, SETTINGS, TABS, Bounds, Column, Kind, Setting, Tab
from services.store.rows import Snapshot, TabData, column_map

ROW = "_row"  # sheet row number of each record, for cell references


@dataclass(frozen=True)
class Problem:
    tab: str
    cell: str
    value: str
    message: str
    severity: str = "error"  # "error" | "warning"

    @property
    def ref(self) -> str:
        return f"'{self.tab}'!{self.cell}" if self.cell else f"'{self.tab}'"


def _default_int(key: str) -> int:
    return int(SETTING_BY_KEY[key].default)


@dataclass(frozen=True)
class EventSettings:
    """The `Sự kiện` tab, read. `values` is each setting's text, except that a typed setting whose cell could not be
    used (unreadable, or outside its bounds: reported as a Problem) holds its default text, so every reader of the
    text gets the value the typed fields below hold."""

    values: dict[str, str]
    event_date: date | None
    start_time: time
    session_minutes: int
    report_lead_days: int
    capacity: int
    honoree_batch_size: int
    council_members: int
    delegate_quota: int
    demo_data: bool
    hall_rows: int = _default_int("hall_rows")
    hall_seats_per_row: int = _default_int("hall_seats_per_row")
    base_salary: int = _default_int("base_salary")
    cells: dict[str, str] = field(default_factory=dict)  # setting key → its value cell, "'Sự kiện'!C12"

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def cell(self, key: str) -> str:
        """Where the setting's value is typed ("'Sự kiện'!C12"), or the tab when the sheet has no row for it."""
        return self.cells.get(key, f"'{SETTINGS.title}'")


@dataclass
class Dataset:
    """What every page reads: typed frames (index = row ID), the raw text the user saw, and the problems."""

    frames: dict[str, pd.DataFrame]
    raw: dict[str, pd.DataFrame]
    settings: EventSettings
    problems: list[Problem]
    loaded_at: datetime = field(default_factory=datetime.now)
    other_tabs: tuple[str, ...] = ()
    fingerprint: str = ""  # Snapshot.fingerprint() when known (services.reads.reuse): the same text, the same value

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def seen(self, tab: str, row_id: str, keys: list[str] | None = None) -> dict[str, str]:
        """The cells of one row as the user saw them — the `expected` of a conflict-aware write."""
        row = self.raw[tab].loc[row_id]
        return {k: str(row[k]) for k in (keys or list(row.index)) if k in row.index}


_PARSERS: dict[Kind, Callable[[str], object]] = {
    Kind.DATE: parsing.parse_date,
    Kind.TIME: parsing.parse_time,
    Kind.DATETIME: parsing.parse_datetime,
    Kind.INT: parsing.parse_number,
    Kind.MONEY: parsing.parse_number,
    Kind.PERCENT: parsing.parse_number,
    Kind.DECIMAL: parsing.parse_decimal,
    Kind.BOOL: parsing.parse_bool,
}


NUMBER_KINDS = (Kind.INT, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL)
# A number column or setting the schema left without bounds still gets these: exact in float64, safe in int64.
FALLBACK_BOUNDS: Bounds = (-(10**15), 10**15)


def _grouped(number: float) -> str:
    """10000000 → "10.000.000", as staff write amounts."""
    return f"{number:,}".replace(",", ".")


def bounds_text(bounds: Bounds) -> str:
    low, high = bounds
    return f"{_grouped(low)} – {_grouped(high)}"


def _number(kind: Kind, text: str, bounds: Bounds | None, of: str = "") -> float | None:
    """A number cell within its bounds; raises CellError (naming the range, and `of` what) for any other text."""
    bounds = bounds or FALLBACK_BOUNDS
    try:
        value: float | None = parsing.parse_decimal(text) if kind == Kind.DECIMAL else parsing.parse_number(text)
    except NumberTooLarge:
        value = float("-inf") if text.lstrip().startswith("-") else float("inf")
    if value is None:
        return None
    if value < bounds[0]:
        raise CellError(f"Số “{shown(text)}” dưới giới hạn{of} ({bounds_text(bounds)})")
    if value > bounds[1]:
        raise CellError(f"Số “{shown(text)}” vượt giới hạn{of} ({bounds_text(bounds)})")
    return value


def _parse(column: Column, text: str, event_day: date | None) -> object:
    if column.kind == Kind.ENUM:
        return parsing.match_choice(text, column.choices) or ""
    if column.kind == Kind.DUE:
        return parsing.resolve_due(text, event_day)
    if column.kind in NUMBER_KINDS:
        return _number(column.kind, text, column.bounds, f" của cột {column.header}")
    parser = _PARSERS.get(column.kind)
    return parser(text) if parser else text


def _blank(kind: Kind) -> object:
    """What a blank or unreadable cell holds in the typed frame."""
    return "" if kind in (Kind.TEXT, Kind.ENUM) else (False if kind == Kind.BOOL else None)


def _int64(values: pd.Series) -> ExtensionArray:
    return pd.array(values.tolist(), dtype="Int64")


def _datetime64(values: pd.Series) -> pd.DatetimeIndex:
    return pd.to_datetime(values.tolist())


# Each applied to the column pandas inferred from the Python values, as before: an int column with blanks passes
# through float64 on its way to Int64, a column of datetimes arrives as datetime64[us].
_CONVERT: dict[Kind, Callable[[pd.Series], ExtensionArray | pd.Index | pd.Series]] = {
    Kind.INT: _int64,
    Kind.MONEY: _int64,
    Kind.PERCENT: _int64,
    Kind.DECIMAL: lambda values: pd.array(values.tolist(), dtype="Float64"),
    Kind.DATE: _datetime64,
    Kind.DATETIME: _datetime64,
    Kind.DUE: _datetime64,
    Kind.BOOL: lambda values: values.astype(bool),
}


def _typed_frame(tab: Tab, values: dict[str, list[object]], sheet_rows: list[int], ids: list[str]) -> pd.DataFrame:
    keys = [c.key for c in tab.columns] + [ROW]
    # No rows: object columns, not the float64 that a dict of empty lists would give.
    frame = pd.DataFrame({**values, ROW: sheet_rows}, columns=keys) if sheet_rows else pd.DataFrame(columns=keys)
    for column in tab.columns:
        if convert := _CONVERT.get(column.kind):
            frame[column.key] = convert(frame[column.key])
    if tab.has_id:
        frame.index = pd.Index(ids, name="id")
    return frame


def _present_cells(rows: list[list[str]], positions: dict[str, int]) -> tuple[dict[str, list[str]], list[int]]:
    """Clean text of each schema column present, for the rows not blank in all of them; and those rows' offsets."""
    if not positions:
        return {}, []
    width = max(positions.values()) + 1
    padded = [row if len(row) >= width else [*row, *([""] * (width - len(row)))] for row in rows]
    texts = {key: clean_column(list(map(itemgetter(i), padded))) for key, i in positions.items()}
    kept = [offset for offset, cells in enumerate(zip(*texts.values(), strict=True)) if any(cells)]
    if len(kept) < len(rows):  # blank lines staff left between rows
        texts = {key: list(map(column.__getitem__, kept)) for key, column in texts.items()}
    return texts, kept


def _read_column(column: Column, texts: list[str], event_day: date | None) -> tuple[list[object], dict[str, str]]:
    """Typed values of one column, and {text: message} for each text that could not be read.

    A text is parsed once however often it occurs: a column holds few distinct values (IDs and names are text)."""
    if column.kind == Kind.TEXT:
        return cast(list[object], texts), {}  # the caller only reads it
    blank = _blank(column.kind)
    typed: dict[str, object] = {"": blank}
    errors: dict[str, str] = {}
    for text in set(texts) - {""}:
        try:
            typed[text] = _parse(column, text, event_day)
        except CellError as exc:
            typed[text], errors[text] = blank, str(exc)
    return [typed[t] for t in texts], errors


def _columns_present(tab: Tab, data: TabData | None, problems: list[Problem]) -> dict[str, int] | None:
    """Schema key → position in this tab's header; a missing tab (None) or column is reported."""
    if data is None:
        problems.append(
            Problem(tab.title, "", "", f"Thiếu trang “{tab.title}”.", "warning" if tab.optional else "error")
        )
        return None
    positions = column_map(tab, data.header)
    for column in tab.columns:
        if column.key not in positions:
            severity = "error" if column.required else "warning"
            problems.append(Problem(data.title, "", "", f"Thiếu cột “{column.header}”.", severity))
    return positions


def _validate_tab(
    tab: Tab, data: TabData | None, event_day: date | None, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One tab, read a whole column at a time: its typed frame and its raw text, both indexed by row ID."""
    keys = [c.key for c in tab.columns]
    positions = _columns_present(tab, data, problems)
    if data is None or positions is None:
        return _typed_frame(tab, {}, [], []), pd.DataFrame(columns=keys)
    texts, offsets = _present_cells(data.rows, positions)
    sheet_rows = [offset + 2 for offset in offsets]
    # (row, column) of each problem: read column by column, reported row by row in schema order as staff read them.
    found: list[tuple[int, int, Problem]] = []
    values: dict[str, list[object]] = {}
    for order, column in enumerate(tab.columns):
        if column.key not in texts:
            values[column.key] = [_blank(column.kind)] * len(sheet_rows)
            continue
        cells = texts[column.key]
        values[column.key], errors = _read_column(column, cells, event_day)
        missing = column.required and "" in cells
        if not (errors or missing):
            continue
        letter = get_column_letter(positions[column.key] + 1)
        for i, text in enumerate(cells):
            if text in errors or (missing and not text):
                message = errors[text] if text else f"Thiếu “{column.header}”."
                found.append((i, order, Problem(data.title, f"{letter}{sheet_rows[i]}", text, message)))
    ids = _row_ids(tab, data, texts, positions, sheet_rows, found) if tab.has_id else []
    found.sort(key=itemgetter(0, 1))
    problems.extend(problem for _, _, problem in found)
    if sheet_rows:
        raw = pd.DataFrame({k: texts.get(k, [""] * len(sheet_rows)) for k in keys}, columns=keys)
    else:
        raw = pd.DataFrame(columns=keys)
    if tab.has_id:
        raw.index = pd.Index(ids, name="id")
    return _typed_frame(tab, values, sheet_rows, ids), raw


def _row_ids(
    tab: Tab,
    data: TabData,
    texts: dict[str, list[str]],
    positions: dict[str, int],
    sheet_rows: list[int],
    found: list[tuple[int, int, Problem]],
) -> list[str]:
    """Each row's ID: a blank one named by its row, a repeated one made unique and reported (after the row's cells)."""
    ids: list[str] = []
    first_row_of: dict[str, int] = {}
    for i, (text, sheet_row) in enumerate(zip(texts.get("id", [""] * len(sheet_rows)), sheet_rows, strict=True)):
        row_id = unicodedata.normalize("NFKC", text) if text and not text.isascii() else text  # ＤＢ-042 is DB-042
        if not row_id:
            row_id = f"(dòng {sheet_row})"
        elif row_id in first_row_of:
            ref = f"{get_column_letter(positions['id'] + 1)}{sheet_row}"
            message = f"Mã “{text}” trùng với dòng {first_row_of[row_id]}."
            found.append((i, len(tab.columns), Problem(data.title, ref, row_id, message)))
            row_id = f"{row_id} (dòng {sheet_row})"
        else:
            first_row_of[row_id] = sheet_row
        ids.append(row_id)
    return ids


def _setting_value(setting: Setting, text: str) -> object:
    """One setting's cell, typed by its kind and held to its bounds; raises CellError."""
    if setting.kind in NUMBER_KINDS:
        return _number(setting.kind, text, setting.bounds)
    if setting.kind == Kind.DATE:
        day = parsing.parse_date(text)
        if day is not None and setting.bounds and not setting.bounds[0] <= day.year <= setting.bounds[1]:
            low, high = setting.bounds
            raise CellError(f"Năm của ngày “{shown(text)}” phải trong khoảng {low}–{high}")
        return day
    parser = _PARSERS.get(setting.kind)
    return parser(text) if parser else text


def setting_value(setting: Setting, text: str) -> object:
    """What the reader makes of `text` in this setting (raises CellError): the settings screen checks new values with
    the very rule that will read them."""
    return _setting_value(setting, text)


def _settings(data: TabData | None, problems: list[Problem]) -> EventSettings:
    """Every typed setting read and held to its bounds: a bad cell is a Problem naming it, and the default is used."""
    values = {s.key: s.default for s in SETTING_DEFS}
    refs: dict[str, str] = {}
    if data is not None:
        positions = column_map(SETTINGS, data.header)
        if "id" in positions and "value" in positions:
            for offset, row in enumerate(data.rows):
                key = clean(row[positions["id"]]) if positions["id"] < len(row) else ""
                if key:
                    values[key] = clean(row[positions["value"]]) if positions["value"] < len(row) else ""
                    refs[key] = f"{get_column_letter(positions['value'] + 1)}{offset + 2}"
    title = data.title if data else SETTINGS.title
    read: dict[str, Any] = {}  # each value of the type its setting's Kind gives (_setting_value)
    for setting in SETTING_DEFS:
        if setting.kind == Kind.TEXT:
            continue
        text = values.get(setting.key, "")
        try:
            value = _setting_value(setting, text)
        except CellError as exc:
            default = _grouped(int(setting.default)) if setting.kind == Kind.MONEY else setting.default
            fallback = f"dùng mặc định {default}" if setting.default else "coi như để trống"
            message = f"{setting.label}: {exc} — {fallback}."
            problems.append(Problem(title, refs.get(setting.key, ""), text, message))
            values[setting.key] = setting.default  # every reader of the text gets what the typed field holds
            value = None
        if value is None and setting.default:
            value = _setting_value(setting, setting.default)
        read[setting.key] = value
        if setting.key == "event_date" and value is None:
            problems.append(Problem(title, refs.get("event_date", ""), "", "Chưa có ngày tổ chức hội nghị.", "warning"))
    return EventSettings(
        values=values,
        cells={key: f"'{title}'!{cell}" for key, cell in refs.items()},
        event_date=read["event_date"],
        start_time=read["start_time"],
        session_minutes=read["session_minutes"],
        report_lead_days=read["report_lead_days"],
        capacity=read["capacity"],
        honoree_batch_size=read["honoree_batch_size"],
        council_members=read["council_members"],
        delegate_quota=read["delegate_quota"],
        demo_data=bool(read["demo_data"]),
        hall_rows=read["hall_rows"],
        hall_seats_per_row=read["hall_seats_per_row"],
        base_salary=read["base_salary"],
    )


def validate(snapshot: Snapshot) -> Dataset:
    """Never raises on cell content: every unreadable cell becomes a Problem and the row is kept."""
    problems: list[Problem] = []
    settings = _settings(snapshot.get(SETTINGS.key), problems)
    frames: dict[str, pd.DataFrame] = {}
    raws: dict[str, pd.DataFrame] = {}
    for tab in TABS:
        frames[tab.key], raws[tab.key] = _validate_tab(tab, snapshot.get(tab.key), settings.event_date, problems)
    return Dataset(
        frames=frames,
        raw=raws,
        settings=settings,
        problems=problems,
        loaded_at=snapshot.loaded_at,
        other_tabs=snapshot.other_tabs,
    )

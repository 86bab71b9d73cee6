"""Raw snapshot → typed DataFrames per tab, event settings, and every cell that could not be read (with its A1 ref)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pandas as pd

from services import parsing
from services.parsing import CellError, clean, column_letter
from services.schema import SETTING_BY_KEY, SETTING_DEFS, SETTINGS, TABS, Column, Kind, Tab
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


@dataclass(frozen=True)
class EventSettings:
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

    def text(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass
class Dataset:
    """What every page reads: typed frames (index = row ID), the raw text the user saw, and the problems."""

    frames: dict[str, pd.DataFrame]
    raw: dict[str, pd.DataFrame]
    settings: EventSettings
    problems: list[Problem]
    loaded_at: datetime = field(default_factory=datetime.now)
    other_tabs: tuple[str, ...] = ()

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
    Kind.BOOL: parsing.parse_bool,
}


def _parse(column: Column, text: str, event_day: date | None) -> object:
    if column.kind == Kind.ENUM:
        return parsing.match_choice(text, column.choices) or ""
    if column.kind == Kind.DUE:
        return parsing.resolve_due(text, event_day)
    if column.kind == Kind.PERCENT:
        value = parsing.parse_number(text)
        if value is not None and not 0 <= value <= 100:
            raise CellError(f"Tỷ lệ “{text}” phải trong khoảng 0–100")
        return value
    parser = _PARSERS.get(column.kind)
    return parser(text) if parser else text


def _typed_frame(tab: Tab, records: list[dict[str, object]], ids: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=[c.key for c in tab.columns] + [ROW])
    for column in tab.columns:
        if column.kind in (Kind.INT, Kind.MONEY, Kind.PERCENT):
            frame[column.key] = pd.array(frame[column.key].tolist(), dtype="Int64")
        elif column.kind in (Kind.DATE, Kind.DATETIME, Kind.DUE):
            frame[column.key] = pd.to_datetime(frame[column.key].tolist())
        elif column.kind == Kind.BOOL:
            frame[column.key] = frame[column.key].astype(bool)
    if tab.has_id:
        frame.index = pd.Index(ids, name="id")
    return frame


def _validate_tab(
    tab: Tab, data: TabData | None, event_day: date | None, problems: list[Problem]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    keys = [c.key for c in tab.columns]
    if data is None:
        problems.append(Problem(tab.title, "", "", f"Thiếu trang “{tab.title}”."))
        empty = _typed_frame(tab, [], [])
        return empty, pd.DataFrame(columns=keys)
    positions = column_map(tab, data.header)
    for column in tab.columns:
        if column.key not in positions:
            severity = "error" if column.required else "warning"
            problems.append(Problem(data.title, "", "", f"Thiếu cột “{column.header}”.", severity))
    records: list[dict[str, object]] = []
    raws: list[dict[str, str]] = []
    ids: list[str] = []
    first_row_of: dict[str, int] = {}
    for offset, row in enumerate(data.rows):
        texts = {k: (clean(row[i]) if i < len(row) else "") for k, i in positions.items()}
        if not any(texts.values()):
            continue  # blank line staff left between rows
        sheet_row = offset + 2
        record: dict[str, object] = {ROW: sheet_row}
        for column in tab.columns:
            text = texts.get(column.key, "")
            ref = f"{column_letter(positions[column.key])}{sheet_row}" if column.key in positions else ""
            if not text:
                if column.required and column.key in positions:
                    problems.append(Problem(data.title, ref, "", f"Thiếu “{column.header}”."))
                record[column.key] = (
                    "" if column.kind in (Kind.TEXT, Kind.ENUM) else (False if column.kind == Kind.BOOL else None)
                )
                continue
            try:
                record[column.key] = _parse(column, text, event_day)
            except CellError as exc:
                problems.append(Problem(data.title, ref, text, str(exc)))
                record[column.key] = (
                    None if column.kind not in (Kind.ENUM, Kind.BOOL) else ("" if column.kind == Kind.ENUM else False)
                )
        row_id = texts.get("id", "")
        if tab.has_id:
            if not row_id:
                row_id = f"(dòng {sheet_row})"
            elif row_id in first_row_of:
                ref = f"{column_letter(positions['id'])}{sheet_row}"
                problems.append(
                    Problem(data.title, ref, row_id, f"Mã “{row_id}” trùng với dòng {first_row_of[row_id]}.")
                )
                row_id = f"{row_id} (dòng {sheet_row})"
            else:
                first_row_of[row_id] = sheet_row
        ids.append(row_id)
        records.append(record)
        raws.append({k: texts.get(k, "") for k in keys})
    raw = pd.DataFrame.from_records(raws, columns=keys)
    if tab.has_id:
        raw.index = pd.Index(ids, name="id")
    return _typed_frame(tab, records, ids), raw


def _settings(data: TabData | None, problems: list[Problem]) -> EventSettings:
    values = {s.key: s.default for s in SETTING_DEFS}
    refs: dict[str, str] = {}
    if data is not None:
        positions = column_map(SETTINGS, data.header)
        if "id" in positions and "value" in positions:
            for offset, row in enumerate(data.rows):
                key = clean(row[positions["id"]]) if positions["id"] < len(row) else ""
                if key:
                    values[key] = clean(row[positions["value"]]) if positions["value"] < len(row) else ""
                    refs[key] = f"{column_letter(positions['value'])}{offset + 2}"
    title = data.title if data else SETTINGS.title

    def typed(key: str, parse: Callable[[str], object]) -> object:
        try:
            value = parse(values.get(key, ""))
        except CellError as exc:
            problems.append(
                Problem(title, refs.get(key, ""), values.get(key, ""), f"{SETTING_BY_KEY[key].label}: {exc}")
            )
            value = None
        if value is None and SETTING_BY_KEY[key].default:
            value = parse(SETTING_BY_KEY[key].default)
        return value

    event_date = typed("event_date", parsing.parse_date)
    if event_date is None:
        problems.append(Problem(title, refs.get("event_date", ""), "", "Chưa có ngày tổ chức hội nghị.", "warning"))
    return EventSettings(
        values=values,
        event_date=event_date,  # type: ignore[arg-type]
        start_time=typed("start_time", parsing.parse_time),  # type: ignore[arg-type]
        session_minutes=typed("session_minutes", parsing.parse_number),  # type: ignore[arg-type]
        report_lead_days=typed("report_lead_days", parsing.parse_number),  # type: ignore[arg-type]
        capacity=typed("capacity", parsing.parse_number),  # type: ignore[arg-type]
        honoree_batch_size=typed("honoree_batch_size", parsing.parse_number),  # type: ignore[arg-type]
        council_members=typed("council_members", parsing.parse_number),  # type: ignore[arg-type]
        delegate_quota=typed("delegate_quota", parsing.parse_number),  # type: ignore[arg-type]
        demo_data=bool(typed("demo_data", parsing.parse_bool)),
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

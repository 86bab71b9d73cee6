"""Cells of a values read as the app's text, whatever the spreadsheet's locale.

Dates, times and date-times are read as serial numbers (dateTimeRenderOption SERIAL_NUMBER) and turned into the
app's own dd/mm/yyyy text by the schema's column kind. Reading Google's formatted text instead is ambiguous: in an
en_US spreadsheet a date staff type by hand shows month first (M/d/yyyy, "9/5/2025" = 5 September) while the app's
own cells keep their explicit dd/mm/yyyy pattern, so "10/11/2025" could be either. A serial is the same number in
every locale (Sheets API reference, DateTimeRenderOption.SERIAL_NUMBER: days since 30 December 1899).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.parsing import clean, format_datetime
from services.schema import Kind, Tab
from services.store.cells import from_serial, kind_of, text_of
from services.store.rows import column_map

# dateTimeRenderOption for every values read of app data (see the module's docstring).
READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"}

_SERIAL_KIND = {Kind.DATE: "date", Kind.DUE: "date", Kind.DATETIME: "datetime", Kind.TIME: "time"}
_TEXT_KINDS = (Kind.TEXT, Kind.ENUM, Kind.BOOL)  # columns where a number is not expected: a serial there may be a date
# A number in a date column below this serial (18/05/1927) is not read as a date: a year ("2025") or a count typed
# into the wrong column stays a number, and validation names it, as it did when dates were read as text.
OLDEST_DATE_SERIAL = 10_000
LATEST_DATE_SERIAL = 2_958_465  # 31/12/9999, the last day a sheet can show


def read_text(value: Any, kind: Kind) -> str:
    """One read cell as text: a serial number in a date/time column becomes the app's date text."""
    serial_kind = _SERIAL_KIND.get(kind)
    if serial_kind is None or isinstance(value, bool) or not isinstance(value, int | float):
        return text_of(value)
    if serial_kind == "time":
        if 0 <= value < LATEST_DATE_SERIAL:
            return text_of(from_serial(value % 1, "time"))
        return text_of(value)
    if not OLDEST_DATE_SERIAL <= value <= LATEST_DATE_SERIAL:
        return text_of(value)
    moment = from_serial(value, serial_kind)
    if isinstance(moment, datetime):
        return format_datetime(moment)
    return text_of(moment)


def read_row(spec: Tab, header: list[str], raw: list[Any], shown: list[Any] | None = None) -> list[str]:
    """A read row of tab `spec` as text, by the kinds of the columns its header names (others: as read). `shown`:
    the same row read with dates as the sheet shows them — used for a date staff typed into a column that is not a
    date column (its serial alone cannot say it is a date)."""
    keys = {c: k for k, c in column_map(spec, header).items()}
    id_col = next((c for c, k in keys.items() if k == "id"), None)
    row_id = text_of(raw[id_col]) if id_col is not None and id_col < len(raw) else ""
    out = []
    for c, v in enumerate(raw):
        kind = kind_of(spec, keys[c], row_id) if c in keys else Kind.TEXT
        if shown is not None and kind in _TEXT_KINDS and c < len(shown) and isinstance(shown[c], str):
            out.append(clean(shown[c]))  # a date (or time) in a text column: as the sheet shows it
        else:
            out.append(read_text(v, kind))
    return out


def maybe_dates(spec: Tab, header: list[str], grid: list[list[Any]]) -> bool:
    """Could a cell of a text column be a date (a number in the range of date serials, in a column that holds
    neither dates nor numbers)? Then the tab is read once more with dates as the sheet shows them — rare: staff
    typed a date into a text column."""
    keys = {c: k for k, c in column_map(spec, header).items()}
    id_col = next((c for c, k in keys.items() if k == "id"), None)
    for row in grid[1:]:
        row_id = text_of(row[id_col]) if id_col is not None and id_col < len(row) else ""
        for c, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, int | float):
                continue
            kind = kind_of(spec, keys[c], row_id) if c in keys else Kind.TEXT
            if kind in _TEXT_KINDS and OLDEST_DATE_SERIAL <= v <= LATEST_DATE_SERIAL:
                return True
    return False


def column_texts(spec: Tab, key: str | None, raw: list[Any]) -> list[str]:
    """One read column (not the Sự kiện value column, whose kind is per row) as text."""
    kind = kind_of(spec, key) if key else Kind.TEXT
    return [read_text(v, kind) for v in raw]

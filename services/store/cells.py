"""Typed cells: what the app writes into a schema column (number, date, date-time or literal text), and how any
stored cell reads back as the text the rest of the app works with.

Both backends share this module, so a value typed in the app becomes the same kind of cell in the workbook and on
the Google Sheet, and staff formulas (`=SUM`, `=COUNTIF`) over app-written columns compute on real numbers and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.parsing import SERIAL_EPOCH, CellError, clean, format_date, parse_date, parse_datetime, parse_time
from services.schema import SETTING_BY_KEY, SETTINGS, Kind, Tab

# Display formats, Vietnamese style; the same patterns mean the same thing in Google Sheets, Excel and LibreOffice.
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm:ss"
NUMBER_FORMAT = "0"
DECIMAL_FORMAT = "0.0##"
MONEY_FORMAT = "#,##0"

NUMERIC_KINDS = (Kind.INT, Kind.MONEY, Kind.PERCENT)

# A plain whole number as the app itself writes it (no grouping, no leading zero, no sign games): only these become
# number cells, so a phone number "0912…" or a code "T-15" stays text exactly as typed. At most 15 digits, which a
# sheet's number (a float) holds exactly: a longer one stays text, and validation names it as out of range.
_PLAIN_INT = re.compile(r"^-?(0|[1-9]\d{0,14})$")
_GROUPED_INT = re.compile(r"^-?[1-9]\d{0,2}([.,\u00a0 ]\d{3}){1,4}$")  # at most 15 digits, as above
_DECIMAL = re.compile(r"^-?\d{1,6}([.,]\d{1,6})?$")


@dataclass(frozen=True)
class Typed:
    """One cell to write: `value` is str, int, float, date, datetime or time; `pattern` its number format."""

    value: object
    kind: str  # "text" | "number" | "date" | "time" | "datetime"
    pattern: str = ""

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


def kind_of(tab: Tab, key: str, row_id: str = "") -> Kind:
    """The cell kind of column `key` — on the `Sự kiện` tab the value's kind is the setting's own."""
    if tab.key == SETTINGS.key and key == "value":
        setting = SETTING_BY_KEY.get(clean(row_id))
        return setting.kind if setting else Kind.TEXT
    return tab.column(key).kind if key in tab.by_key else Kind.TEXT


def typed(kind: Kind, text: object) -> Typed:
    """The cell for this text in a column of this kind; anything that does not read cleanly stays literal text."""
    value = clean(text)
    if not value:
        return Typed("", "text")
    try:
        if kind in NUMERIC_KINDS:
            digits = value.replace("\u00a0", "").replace(" ", "").replace(".", "").replace(",", "")
            if _PLAIN_INT.match(value) or _GROUPED_INT.match(value):
                return Typed(int(digits), "number", MONEY_FORMAT if kind == Kind.MONEY else NUMBER_FORMAT)
        elif kind == Kind.DECIMAL:
            if _DECIMAL.match(value) and not re.fullmatch(r"-?\d{1,3}[.,]\d{3}", value):
                return Typed(float(value.replace(",", ".")), "number", DECIMAL_FORMAT)
        elif kind in (Kind.DATE, Kind.DUE):
            if kind == Kind.DUE and not re.match(r"^\d", value):
                return Typed(value, "text")  # "T-15" is a rule, not a date
            day = parse_date(value)
            if day is not None and not re.fullmatch(r"\d+(\.\d+)?", value):
                return Typed(day, "date", DATE_FORMAT)
        elif kind == Kind.DATETIME:
            moment = parse_datetime(value)
            if moment is not None and re.match(r"^\d{1,2}/\d{1,2}/\d{4}|^\d{4}-\d{2}-\d{2}", value):
                return Typed(moment.replace(microsecond=0), "datetime", DATETIME_FORMAT)
        elif kind == Kind.TIME:
            clock = parse_time(value)
            if clock is not None and ":" in value:
                return Typed(clock, "time", TIME_FORMAT)
    except (CellError, ValueError, OverflowError):
        pass
    return Typed(value, "text")


def serial(value: date | datetime | time) -> float:
    """Days since 30/12/1899 (the sheet serial both Google Sheets and Excel use), fraction = time of day."""
    if isinstance(value, datetime):
        delta = value - datetime.combine(SERIAL_EPOCH, time())
        return delta.days + delta.seconds / 86400
    if isinstance(value, date):
        return float((value - SERIAL_EPOCH).days)
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400


def from_serial(number: float, kind: str) -> date | datetime | time:
    moment = datetime.combine(SERIAL_EPOCH, time()) + timedelta(seconds=round(number * 86400))
    if kind == "date":
        return moment.date()
    if kind == "time":
        return moment.time()
    return moment


def text_of(value: object) -> str:
    """A stored cell as the text the app reads: dates dd/mm/yyyy, date-times with seconds, whole numbers bare."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        if value.time() == time():
            return format_date(value.date())
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return clean(value)


def same(kind: Kind, a: object, b: object) -> bool:
    """Do two texts mean the same cell? "44.000.000" and "44000000" do in a money column; "0912" and "912" never."""
    left, right = clean(a), clean(b)
    if left == right:
        return True
    one, two = typed(kind, left), typed(kind, right)
    return not one.is_text and one == two

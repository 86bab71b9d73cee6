"""In-memory spreadsheets with the Sheets API v4 semantics our app relies on: values and number formats rendered the
way the spreadsheet's locale (vi_VN or en_US) shows them, USER_ENTERED parsing in that locale, arithmetic and a few
functions, grid limits, batchUpdate's cell moves, merges, data validation, protected ranges and basic filters.

A cell slot of `Sheet.cells` holds a plain value (None, str, int, float, bool, `Formula`) or, when the cell carries a
number format, a `Formatted(value, number_format)` — so every move of whole cells (insert, delete, move, sort, paste)
carries the format along without knowing about it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

from tests.sheets_emulator import formulas
from tests.sheets_emulator.a1 import GridRange, RangeError, format_range, parse_cells, parse_range, split_sheet

DEFAULT_ROWS, DEFAULT_COLS = 1000, 26
LOCALE, TIME_ZONE = "vi_VN", "Asia/Ho_Chi_Minh"  # a new spreadsheet's, unless the test says otherwise

# Serial numbers count days since 1899-12-30 (the fraction is the time of day), as Google's DateTimeRenderOption
# SERIAL_NUMBER documents.
SERIAL_EPOCH = datetime(1899, 12, 30)
DATE_TYPES = frozenset({"DATE", "TIME", "DATE_TIME"})
NUMBER_FORMAT_TYPES = frozenset({"TEXT", "NUMBER", "PERCENT", "CURRENCY", "DATE", "TIME", "DATE_TIME", "SCIENTIFIC"})
RENDER_OPTIONS = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATE_TIME_OPTIONS = ("SERIAL_NUMBER", "FORMATTED_STRING")


@dataclass(frozen=True)
class Locale:
    """What a spreadsheet's `locale` property changes: separators, the order of a typed date, the pattern Google
    gives a typed date or time, the default pattern of a type without one, and names of months, weekdays, AM/PM.
    vi_VN as Google shows it (dd/MM/yyyy, decimal comma); en_US as the recorded answers show it (M/d/yyyy, decimal
    point; tests/data/google_recordings)."""

    code: str
    decimal: str
    group: str
    day_first: bool
    date: str  # the pattern of a typed date
    date_time: str  # ... of a typed date and time with seconds
    date_time_short: str  # ... without seconds
    time: str
    time_short: str
    defaults: dict[str, str]
    months_short: tuple[str, ...]
    months_long: tuple[str, ...]
    weekdays_short: tuple[str, ...]
    weekdays_long: tuple[str, ...]
    am_pm: tuple[str, str]


VI_VN = Locale(
    "vi_VN",
    ",",
    ".",
    True,
    "dd/mm/yyyy",
    "dd/mm/yyyy hh:mm:ss",
    "dd/mm/yyyy hh:mm",
    "hh:mm:ss",
    "hh:mm",
    {
        "NUMBER": "#,##0.00",
        "PERCENT": "0.00%",
        "CURRENCY": '#,##0 "₫"',
        "DATE": "dd/mm/yyyy",
        "TIME": "hh:mm:ss",
        "DATE_TIME": "dd/mm/yyyy hh:mm:ss",
    },
    tuple(f"thg {n}" for n in range(1, 13)),
    tuple(f"tháng {n}" for n in range(1, 13)),
    ("Th 2", "Th 3", "Th 4", "Th 5", "Th 6", "Th 7", "CN"),
    ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    ("SA", "CH"),
)
EN_US = Locale(
    "en_US",
    ".",
    ",",
    False,
    "M/d/yyyy",
    "M/d/yyyy H:mm:ss",
    "M/d/yyyy H:mm",
    "H:mm:ss",
    "H:mm",
    {
        "NUMBER": "#,##0.00",
        "PERCENT": "0.00%",
        "CURRENCY": '"$"#,##0.00',
        "DATE": "M/d/yyyy",
        "TIME": "h:mm:ss am/pm",
        "DATE_TIME": "M/d/yyyy H:mm:ss",
    },
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ("AM", "PM"),
)
# Other locales are stored as set but render like en_US (day-first ones like vi_VN): honest about what it models.
LOCALES = {"vi_VN": VI_VN, "en_US": EN_US}
DAY_FIRST_PREFIXES = ("vi", "fr", "de", "es", "it", "pt", "ru", "nl", "pl", "en_GB", "en_AU", "id", "th")
_current: contextvars.ContextVar[Locale] = contextvars.ContextVar("sheets_locale", default=VI_VN)


def locale_for(code: str) -> Locale:
    if code in LOCALES:
        return LOCALES[code]
    return VI_VN if code.startswith(DAY_FIRST_PREFIXES) else EN_US


def current_locale() -> Locale:
    return _current.get()


@contextlib.contextmanager
def in_locale(code: str) -> Iterator[Locale]:
    """Render and parse as a spreadsheet in this locale does, for the duration of the block."""
    token = _current.set(locale_for(code))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


# Kept for callers that read the vi_VN defaults directly.
DEFAULT_PATTERNS = VI_VN.defaults


PROTECTED_MESSAGE = (
    "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if "
    "you need to edit."
)  # Google's 400 answer, as public reports quote it (e.g. theoephraim/node-google-spreadsheet#20)


class ApiError(Exception):
    """Answered as Google does: {"error": {"code", "message", "status"}}."""

    STATUS: ClassVar[dict[int, str]] = {
        400: "INVALID_ARGUMENT",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
        500: "INTERNAL",
        503: "UNAVAILABLE",
    }

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "status": self.STATUS.get(self.code, "UNKNOWN")}}


# --- cells ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula as entered (`=SUM(D2:D9)`); its value is computed whenever it is read."""

    text: str


@dataclass(frozen=True)
class CellError:
    """A formula's error result: shown as `code` ("#NAME?"), in CellData as errorValue {type, message}."""

    code: str
    type: str
    message: str


NAME_ERROR = CellError("#NAME?", "NAME", "Unknown function or unsupported formula.")
REF_ERROR = CellError("#REF!", "REF", "Reference does not exist or is circular.")


@dataclass(frozen=True)
class Formatted:
    """A cell with a number format ({"type": "DATE", "pattern": "dd/mm/yyyy"}) and/or a data validation rule (its
    JSON text, so it travels with the cell through every move); `value` may be None (format or rule only)."""

    value: Any
    number_format: dict[str, Any] | None
    validation: str | None = None


def value_of(cell: Any) -> Any:
    return cell.value if isinstance(cell, Formatted) else cell


def format_of(cell: Any) -> dict[str, Any] | None:
    return dict(cell.number_format) if isinstance(cell, Formatted) and cell.number_format else None


def validation_of(cell: Any) -> str | None:
    return cell.validation if isinstance(cell, Formatted) else None


def make_cell(value: Any, number_format: dict[str, Any] | None = None, validation: str | None = None) -> Any:
    """What goes into a slot: "" is no value, and a cell with neither value, format nor rule is None."""
    if isinstance(value, str) and value == "":
        value = None
    if number_format or validation:
        return Formatted(value, dict(number_format) if number_format else None, validation)
    return value


def is_blank(cell: Any) -> bool:
    """No value (a format alone does not make a row 'used', for the values API nor for appendCells)."""
    value = value_of(cell)
    return value is None or (isinstance(value, str) and value == "")


def json_number(x: Any) -> Any:
    """Numbers as the API's JSON shows them: integral ones without a fraction."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def extended(value: Any) -> dict[str, Any]:
    """ExtendedValue of a stored or computed value."""
    if isinstance(value, Formula):
        return {"formulaValue": value.text}
    if isinstance(value, CellError):
        return {"errorValue": {"type": value.type, "message": value.message}}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, (int, float)):
        return {"numberValue": json_number(value)}
    return {"stringValue": str(value)}


def jsonable(value: Any) -> Any:
    """A raw stored value for the control endpoint (a formula as its ExtendedValue)."""
    if isinstance(value, Formula):
        return {"formulaValue": value.text}
    if isinstance(value, CellError):
        return value.code
    return json_number(value)


# --- rendering in the vi_VN locale (decimal comma, '.' groups thousands) -------------------------------------


def formatted(value: Any, number_format: dict[str, Any] | None = None) -> str:
    """FORMATTED_VALUE of a value (a `Formatted` cell brings its own format; formulas must be computed first)."""
    if isinstance(value, Formatted):
        value, number_format = value.value, value.number_format
    if value is None:
        return ""
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    return str(value)


def format_number(x: float, number_format: dict[str, Any] | None) -> str:
    kind = (number_format or {}).get("type")
    pattern = (number_format or {}).get("pattern") or current_locale().defaults.get(kind or "", "")
    try:
        if kind in DATE_TYPES:
            return format_serial(x, pattern)
        if kind in ("NUMBER", "PERCENT", "CURRENCY") and pattern:
            return format_pattern(x, pattern)
    except (ValueError, OverflowError, InvalidOperation):
        pass
    return general(x)  # TEXT / SCIENTIFIC / no format: the general number format


def general(x: float) -> str:
    """Google's general format: integers bare, otherwise up to 10 significant digits, the locale's decimal mark."""
    if isinstance(x, int):
        return str(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.10g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}E{int(exponent):+03d}"
    return text.replace(".", current_locale().decimal)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return current_locale().group.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def _sections(pattern: str) -> list[str]:
    """A pattern's `;`-separated sections (positive;negative;zero), quotes respected."""
    out, current, quoted = [], [], False
    for ch in pattern:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


def format_pattern(x: float, pattern: str) -> str:
    """A number through a NUMBER/CURRENCY/PERCENT pattern: `0`, `#`, `?` digits, `,` grouping, `.` decimals,
    `%`, trailing `,` (thousands), quoted or `\\`-escaped text, `[$₫-42A]` currency; the locale's separators."""
    sections = _sections(pattern)
    sign = ""
    if x < 0 and len(sections) > 1 and sections[1]:
        section, x = sections[1], -x
    elif x == 0 and len(sections) > 2 and sections[2]:
        section = sections[2]
    else:
        section = sections[0]
        if x < 0:
            sign, x = "-", -x
    prefix: list[str] = []
    suffix: list[str] = []
    core: list[str] = []
    percent = 0
    i = 0
    while i < len(section):
        ch, literal = section[i], ""
        nxt = section[i + 1] if i + 1 < len(section) else ""
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            literal, i = section[i + 1 : end], end
        elif ch == "\\":
            literal, i = nxt, i + 1
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner = section[i + 1 : end]
            literal = inner[1:].split("-")[0] if inner.startswith("$") else ""  # [Red] etc.: colours, not text
            i = end
        elif ch == "_":
            literal, i = " ", i + 1
        elif ch == "*":
            i += 1  # fill character: no width to fill here
        elif ch in "0#?" or (ch in ".," and (core or nxt in "0#?")):
            core.append(ch)
        else:
            literal = ch
            percent += ch == "%"
        if literal:
            (suffix if core else prefix).append(literal)
        i += 1
    spec = "".join(core)
    scale = Decimal(100) ** percent
    while spec.endswith(","):
        spec, scale = spec[:-1], scale / 1000
    int_spec, _, frac_spec = spec.partition(".")
    frac_max = sum(ch in "0#?" for ch in frac_spec)
    frac_min = frac_spec.count("0")
    amount = (Decimal(repr(x)) * scale).quantize(Decimal(1).scaleb(-frac_max), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{amount:f}".partition(".")
    frac = frac.ljust(frac_max, "0")[:frac_max]
    while len(frac) > frac_min and frac.endswith("0"):
        frac = frac[:-1]
    int_min = int_spec.count("0")
    whole = "" if whole == "0" and int_min == 0 else whole.rjust(int_min, "0")
    if "," in int_spec:
        whole = _group(whole) if whole else whole
    number = whole + (current_locale().decimal + frac if frac else "")
    if amount == 0:
        sign = ""
    return sign + "".join(prefix) + number + "".join(suffix)


def serial_to_datetime(serial: float) -> datetime:
    return SERIAL_EPOCH + timedelta(seconds=round(serial * 86400))


def datetime_to_serial(moment: datetime) -> float | int:
    delta = moment - SERIAL_EPOCH
    if delta.seconds == 0 and delta.microseconds == 0:
        return delta.days
    return delta.total_seconds() / 86400


def _date_tokens(pattern: str) -> list[tuple[str, str]]:
    """(kind, text): kinds d m y h s ampm lit. Letters repeat (`dd`, `yyyy`); quotes and `\\` make literals."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == '"':
            end = pattern.find('"', i + 1)
            end = len(pattern) if end < 0 else end
            tokens.append(("lit", pattern[i + 1 : end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(pattern):
            tokens.append(("lit", pattern[i + 1]))
            i += 2
            continue
        rest = pattern[i:].upper()
        if rest.startswith(("AM/PM", "A/P")):
            size = 5 if rest.startswith("AM/PM") else 3
            tokens.append(("ampm", pattern[i : i + size]))
            i += size
            continue
        low = ch.lower()
        if low in "dmyhs":
            end = i
            while end < len(pattern) and pattern[end].lower() == low:
                end += 1
            tokens.append((low, pattern[i:end]))
            i = end
            continue
        tokens.append(("lit", ch))
        i += 1
    return tokens


def format_serial(serial: float, pattern: str) -> str:
    """A date/time serial through a DATE/TIME/DATE_TIME pattern. `m`/`mm` means minutes right after an hour or
    right before seconds and the month otherwise, as in Google's date-time format tokens."""
    moment = serial_to_datetime(serial)
    loc = current_locale()
    tokens = _date_tokens(pattern)
    twelve = any(kind == "ampm" for kind, _ in tokens)
    parts = []
    for index, (kind, text) in enumerate(tokens):
        size = len(text)
        if kind == "lit":
            parts.append(text)
        elif kind == "d":
            if size <= 2:
                parts.append(f"{moment.day:0{size}d}")
            else:
                parts.append((loc.weekdays_short if size == 3 else loc.weekdays_long)[moment.weekday()])
        elif kind == "m":
            before = next((k for k, _ in reversed(tokens[:index]) if k != "lit"), None)
            after = next((k for k, _ in tokens[index + 1 :] if k != "lit"), None)
            if before == "h" or after == "s":
                parts.append(f"{moment.minute:0{min(size, 2)}d}")
            elif size <= 2:
                parts.append(f"{moment.month:0{size}d}")
            else:
                parts.append((loc.months_short if size == 3 else loc.months_long)[moment.month - 1])
        elif kind == "y":
            parts.append(f"{moment.year % 100:02d}" if size <= 2 else f"{moment.year:04d}")
        elif kind == "h":
            hour = (moment.hour % 12 or 12) if twelve else moment.hour
            parts.append(f"{hour:0{min(size, 2)}d}")
        elif kind == "s":
            parts.append(f"{moment.second:0{min(size, 2)}d}")
        elif kind == "ampm":
            word = loc.am_pm[0] if moment.hour < 12 else loc.am_pm[1]
            parts.append(word if size == 5 else word[0])
    return "".join(parts)


# --- USER_ENTERED parsing in the spreadsheet's locale ---------------------------------------------------

_NUMBERS = {
    ",": re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)$"),  # vi_VN: 44.000.000 / 1,5
    ".": re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$"),  # en_US: 44,000,000 / 1.5
}
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(AM|PM|SA|CH))?$", re.I)


def parse_number(text: str) -> tuple[int | float, dict[str, Any] | None] | None:
    """A number typed in the locale: vi_VN `44.000.000`, `1,5`; en_US `44,000,000`, `1.5`; `15%`; else None."""
    loc = current_locale()
    m = _NUMBERS[loc.decimal].match(text.strip())
    if m is None:
        return None
    sign, whole, frac, percent = m.groups()
    digits = whole.replace(loc.group, "")
    number: int | float = float(f"{digits}.{frac}") if frac else int(digits)
    if sign == "-":
        number = -number
    if percent:
        return json_number(number / 100), {"type": "PERCENT", "pattern": "0.00%" if frac else "0%"}
    if loc.group in whole:  # typed with thousands groups: Google keeps showing them (#,##0)
        return number, {"type": "NUMBER", "pattern": "#,##0.00" if frac else "#,##0"}
    return number, None


def parse_datetime(text: str) -> tuple[int | float, dict[str, Any]] | None:
    """A date, time or both typed in the locale (vi_VN day first, en_US month first): the serial number and the
    format Google gives it. A date that does not exist in that order (en_US 20/8/2025) stays text."""
    loc = current_locale()
    text = text.strip()
    try:
        if m := _SLASH_DATE.match(text):
            first, second, year, hour, minute, seconds = m.groups()
            day, month = (first, second) if loc.day_first else (second, first)
            if hour is None:
                return datetime_to_serial(datetime(int(year), int(month), int(day))), {
                    "type": "DATE",
                    "pattern": loc.date,
                }
            moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(seconds or 0))
            pattern = loc.date_time if seconds is not None else loc.date_time_short
            return datetime_to_serial(moment), {"type": "DATE_TIME", "pattern": pattern}
        if m := _ISO_DATE.match(text):
            year, month, day = m.groups()
            return datetime_to_serial(datetime(int(year), int(month), int(day))), {
                "type": "DATE",
                "pattern": "yyyy-mm-dd",
            }
        if m := _TIME.match(text):
            hour, minute, seconds, half = m.groups()
            clock = int(hour)
            if half is not None:  # "7:30 PM" (en_US), "7:30 CH" (vi_VN): a 12-hour time, shown as typed
                if not 1 <= clock <= 12 or half.upper() not in loc.am_pm:
                    return None
                clock = clock % 12 + (12 if half.upper() == loc.am_pm[1] else 0)
            moment = SERIAL_EPOCH.replace(hour=clock, minute=int(minute), second=int(seconds or 0))
            pattern = loc.time if seconds is not None else loc.time_short
            if half is not None:
                pattern = ("h:mm:ss" if seconds is not None else "h:mm") + " am/pm"
            return datetime_to_serial(moment), {"type": "TIME", "pattern": pattern}
    except ValueError:
        return None  # 31/02/2026, 25:00: not a date, so text
    return None


def user_entered(value: Any) -> Any:
    """USER_ENTERED parsing as a spreadsheet in the current locale does it. Returns the cell to store: a leading ' forces text,
    `=...` is a formula, TRUE/FALSE booleans, numbers (`0912345678` too: Google drops the zero), dates and times
    (as serial numbers, `Formatted` with the format Google picks for what was typed)."""
    if not isinstance(value, str):
        return value
    if value.startswith("'"):
        return value[1:]
    if value.startswith("=") and len(value) > 1:
        return Formula(value)
    if value.strip().upper() in ("TRUE", "FALSE"):
        return value.strip().upper() == "TRUE"
    parsed = parse_number(value) or parse_datetime(value)
    if parsed is None:
        return value
    number, number_format = parsed
    return make_cell(number, number_format)


# --- formulas: SUM, COUNTA, COUNTIF over A1 ranges --------------------------------------------------------

_RANGE_CELLS = re.compile(r"^\$?[A-Za-z]*\$?\d*(?::\$?[A-Za-z]*\$?\d*)?$")
_STRING_LITERAL = re.compile(r'^"((?:[^"]|"")*)"$')
_COMPARATOR = re.compile(r"^(<=|>=|<>|<|>|=)?(.*)$", re.S)


class _Unsupported(Exception):
    pass


def _criterion_match(value: Any, criterion: Any) -> bool:
    """COUNTIF: numbers compare as numbers, text case-insensitively with * and ? wildcards; `>5`, `<>x` too."""
    if isinstance(criterion, (int, float)) and not isinstance(criterion, bool):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == criterion
    if isinstance(criterion, bool):
        return isinstance(value, bool) and value == criterion
    m = _COMPARATOR.match(str(criterion))
    op, operand = (m.group(1) or "", m.group(2)) if m else ("", str(criterion))
    parsed = parse_number(operand)
    target: Any = parsed[0] if parsed else operand
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if op in ("<", ">", "<=", ">="):
        if not (number and parsed):
            return False
        return {"<": value < target, ">": value > target, "<=": value <= target, ">=": value >= target}[op]
    if parsed and number:
        equal = value == target
    elif isinstance(value, str) and not parsed:
        pattern = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in operand)
        equal = re.fullmatch(pattern, value, re.IGNORECASE | re.S) is not None
    elif value is None:
        equal = operand == ""
    else:
        equal = isinstance(value, str) and value.casefold() == operand.casefold()
    return not equal if op == "<>" else equal


# --- sort order (Google: numbers, then text, then booleans; blanks always last) ----------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # Vietnamese dictionary order of letters (vi_VN collation)
_LETTER_RANK = {letter: n for n, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_QUALITY = frozenset("\u0306\u0302\u031b")


def text_key(text: str) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """Case-insensitive vi_VN-style text order: letters first (ă, â after a; đ after d ...), tones second."""
    letters: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(ch) and letters:
            if ch in _QUALITY:
                letters[-1][0] = unicodedata.normalize("NFC", letters[-1][0] + ch)
            elif ch in _TONES:
                letters[-1][1] = ch
            continue
        letters.append([ch, ""])
    primary: list[tuple[int, int]] = []
    for letter, _ in letters:
        if letter in _LETTER_RANK:
            primary.append((2, _LETTER_RANK[letter]))
        elif letter.isdigit():
            primary.append((1, ord(letter)))
        elif letter.isalpha():
            primary.append((2, 100 + ord(letter)))
        else:
            primary.append((0, ord(letter)))
    return tuple(primary), tuple(_TONES.get(tone, 0) for _, tone in letters)


def sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, CellError):
        return (3, value.code)
    return (1, text_key(str(value)))


# --- sheets ---------------------------------------------------------------------------------------


@dataclass
class Sheet:
    sheet_id: int
    title: str
    index: int
    row_count: int = DEFAULT_ROWS
    column_count: int = DEFAULT_COLS
    frozen_rows: int = 0
    cells: list[list[Any]] = field(default_factory=list)
    hidden: bool = False
    book: Spreadsheet | None = field(default=None, repr=False, compare=False)  # for 'Other tab'! references
    frozen_columns: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, row1, col0, col1), end-exclusive
    protected: list[dict[str, Any]] = field(default_factory=list)  # ProtectedRange resources (range without sheetId)
    basic_filter: tuple[int, int, int, int] | None = None
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden by staff (Hide row / a filter)
    extra: dict[str, Any] = field(default_factory=dict)  # sheet properties kept as given (tabColorStyle ...)

    def clone(self) -> Sheet:
        copy = Sheet(
            self.sheet_id,
            self.title,
            self.index,
            self.row_count,
            self.column_count,
            self.frozen_rows,
            [list(r) for r in self.cells],  # slots are immutable (plain values, frozen Formatted/Formula)
            self.hidden,
        )
        copy.frozen_columns = self.frozen_columns
        copy.merges = list(self.merges)
        copy.protected = [dict(p) for p in self.protected]
        copy.basic_filter = self.basic_filter
        copy.hidden_rows = set(self.hidden_rows)
        copy.extra = dict(self.extra)
        return copy

    @property
    def locale(self) -> str:
        return self.book.locale if self.book is not None else LOCALE

    def properties(self) -> dict[str, Any]:
        grid: dict[str, Any] = {"rowCount": self.row_count, "columnCount": self.column_count}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_columns:
            grid["frozenColumnCount"] = self.frozen_columns
        out: dict[str, Any] = {
            "sheetId": self.sheet_id,
            "title": self.title,
            "index": self.index,
            "sheetType": "GRID",
            "gridProperties": grid,
        }
        if self.hidden:  # Google leaves `hidden` out while it is false
            out["hidden"] = True
        out.update(self.extra)  # tab colour and the like: stored and echoed, not modelled
        return out

    # --- cells ------------------------------------------------------------------------------

    def used_rows(self) -> int:
        n = len(self.cells)
        while n and all(is_blank(v) for v in self.cells[n - 1]):
            n -= 1
        return n

    def get(self, row: int, col: int) -> Any:
        """The slot: a plain value or `Formatted`."""
        if row < len(self.cells) and col < len(self.cells[row]):
            return self.cells[row][col]
        return None

    def value(self, row: int, col: int) -> Any:
        return value_of(self.get(row, col))

    def number_format(self, row: int, col: int) -> dict[str, Any] | None:
        return format_of(self.get(row, col))

    def _slot(self, row: int, col: int, *, grow: bool) -> list[Any]:
        if row >= self.row_count or col >= self.column_count:
            if not grow:
                raise ApiError(
                    400,
                    f"Range ({format_range(self.title, row, row + 1, col, col + 1)}) exceeds grid limits. "
                    f"Max rows: {self.row_count}, max columns: {self.column_count}",
                )
            self.row_count = max(self.row_count, row + 1)
            self.column_count = max(self.column_count, col + 1)
        while len(self.cells) <= row:
            self.cells.append([])
        line = self.cells[row]
        while len(line) <= col:
            line.append(None)
        return line

    def put(self, row: int, col: int, value: Any, *, grow: bool = False) -> None:
        """Write a value as the values API does: the cell keeps its number format. A `Formatted` value is what
        USER_ENTERED detected (a typed date): its format applies only to a cell that has none yet."""
        line = self._slot(row, col, grow=grow)
        current, rule = format_of(line[col]), validation_of(line[col])
        if isinstance(value, Formatted):
            line[col] = make_cell(value.value, current or value.number_format, rule)
        else:
            line[col] = make_cell(value, current, rule)

    def put_cell(self, row: int, col: int, cell: Any, *, grow: bool = False, with_rule: bool = False) -> None:
        """Replace value and format together (updateCells with both in its field mask, pastes, moves); the cell's
        validation rule stays unless `with_rule` (a paste of whole cells carries the source's rule)."""
        line = self._slot(row, col, grow=grow)
        rule = validation_of(cell) if with_rule else validation_of(line[col])
        line[col] = make_cell(value_of(cell), format_of(cell), rule)

    def set_format(self, row: int, col: int, number_format: dict[str, Any] | None, *, grow: bool = False) -> None:
        line = self._slot(row, col, grow=grow)
        line[col] = make_cell(value_of(line[col]), number_format, validation_of(line[col]))

    def set_rule(self, row: int, col: int, rule: dict[str, Any] | None) -> None:
        """SetDataValidationRequest on one cell (None clears the rule)."""
        line = self._slot(row, col, grow=False)
        text = json.dumps(rule, sort_keys=True, ensure_ascii=False) if rule else None
        line[col] = make_cell(value_of(line[col]), format_of(line[col]), text)

    def rule(self, row: int, col: int) -> dict[str, Any] | None:
        text = validation_of(self.get(row, col))
        return json.loads(text) if text else None

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        for merge in self.merges:
            if merge[0] <= row < merge[1] and merge[2] <= col < merge[3]:
                return merge
        return None

    def effective(self, row: int, col: int, _seen: frozenset[tuple[int, int, int]] = frozenset()) -> Any:
        """The value a reader sees: a formula computed now, anything else as stored."""
        value = self.value(row, col)
        if not isinstance(value, Formula):
            return value
        here = (self.sheet_id, row, col)
        if here in _seen:
            return REF_ERROR  # circular
        return self._evaluate(value.text, _seen | {here})

    def render(self, row: int, col: int, option: str = "FORMATTED_VALUE", date_time: str = "SERIAL_NUMBER") -> Any:
        """One cell as values.get gives it for valueRenderOption / dateTimeRenderOption, in the book's locale."""
        with in_locale(self.locale):
            return self._render(row, col, option, date_time)

    def _render(self, row: int, col: int, option: str, date_time: str) -> Any:
        stored = self.value(row, col)
        if option == "FORMULA" and isinstance(stored, Formula):
            return stored.text
        value = self.effective(row, col)
        number_format = self.number_format(row, col)
        if option == "FORMATTED_VALUE":
            return formatted(value, number_format)
        if value is None:
            return ""
        if isinstance(value, CellError):
            return value.code
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if date_time == "FORMATTED_STRING" and (number_format or {}).get("type") in DATE_TYPES:
                return formatted(value, number_format)
            return json_number(value)
        return value

    def _bounds(self, rng: GridRange) -> tuple[int, int]:
        end_row = min(rng.end_row if rng.end_row is not None else self.row_count, self.row_count)
        end_col = min(rng.end_col if rng.end_col is not None else self.column_count, self.column_count)
        return end_row, end_col

    def read(
        self, rng: GridRange, option: str = "FORMATTED_VALUE", date_time: str = "SERIAL_NUMBER"
    ) -> tuple[str, list[list[Any]]]:
        """Values in the range, trailing empty rows and cells trimmed (as the API does)."""
        end_row, end_col = self._bounds(rng)
        out: list[list[Any]] = []
        for r in range(rng.start_row, min(end_row, len(self.cells))):
            line = self.cells[r]
            values = [
                "" if is_blank(line[c]) else self.render(r, c, option, date_time)
                for c in range(rng.start_col, min(end_col, len(line)))
            ]
            while values and isinstance(values[-1], str) and values[-1] == "":
                values.pop()
            out.append(values)
        while out and not out[-1]:
            out.pop()
        return format_range(self.title, rng.start_row, end_row, rng.start_col, end_col), out

    def cell_data(self, row: int, col: int) -> dict[str, Any]:
        """CellData: the entered and effective value, the formatted text, the number format and the data
        validation rule when set."""
        cell = self.get(row, col)
        out: dict[str, Any] = {}
        if not is_blank(cell):
            value = self.effective(row, col)
            out["userEnteredValue"] = extended(value_of(cell))
            if value is not None and not (isinstance(value, str) and value == ""):
                out["effectiveValue"] = extended(value)
            with in_locale(self.locale):
                out["formattedValue"] = formatted(value, format_of(cell))
        number_format = format_of(cell)
        if number_format:
            out["userEnteredFormat"] = {"numberFormat": number_format}
            out["effectiveFormat"] = {"numberFormat": dict(number_format)}
        rule = validation_of(cell)
        if rule:
            out["dataValidation"] = json.loads(rule)
        return out

    def grid_data(self, rng: GridRange) -> dict[str, Any]:
        """GridData for a range, trimmed like Google: empty cells are {}, trailing empty cells and rows dropped.
        Zero startRow/startColumn are left out, as Google's JSON leaves out default values."""
        end_row, end_col = self._bounds(rng)
        rows: list[dict[str, Any]] = []
        for r in range(rng.start_row, min(end_row, len(self.cells))):
            values = [self.cell_data(r, c) for c in range(rng.start_col, min(end_col, len(self.cells[r])))]
            while values and not values[-1]:
                values.pop()
            rows.append({"values": values} if values else {})
        while rows and not rows[-1]:
            rows.pop()
        out: dict[str, Any] = {}
        if rng.start_row:
            out["startRow"] = rng.start_row
        if rng.start_col:
            out["startColumn"] = rng.start_col
        if rows:
            out["rowData"] = rows
        out["rowMetadata"] = [
            {"pixelSize": 21, "hiddenByUser": True} if r in self.hidden_rows else {"pixelSize": 21}
            for r in range(rng.start_row, max(rng.start_row, end_row))
        ]
        out["columnMetadata"] = [{"pixelSize": 100} for _ in range(max(0, end_col - rng.start_col))]
        return out

    def write(self, rng: GridRange, values: list[list[Any]], *, grow: bool = False) -> dict[str, Any]:
        width = max((len(r) for r in values), default=0)
        if rng.single:
            pass  # a single cell anchors the write; values may extend right and down from it
        elif rng.end_row is not None and len(values) > rng.end_row - rng.start_row:
            raise ApiError(400, "Requested writing within range, but tried writing to row beyond the range.")
        if not rng.single and rng.end_col is not None and width > rng.end_col - rng.start_col:
            raise ApiError(400, "Requested writing within range, but tried writing to column beyond the range.")
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is not None:
                    guard(self, rng.start_row + i, rng.start_row + i + 1, rng.start_col + j, rng.start_col + j + 1)
        cells = 0
        rows_touched: set[int] = set()
        cols_touched: set[int] = set()
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value is None:  # null = leave the cell as it is
                    continue
                self.put(rng.start_row + i, rng.start_col + j, value, grow=grow)
                cells += 1
                rows_touched.add(rng.start_row + i)
                cols_touched.add(rng.start_col + j)
        # updatedRows/Columns count rows and columns where a cell was written (recorded: a block with nulls in it).
        return {
            "updatedRange": format_range(
                self.title, rng.start_row, rng.start_row + len(values), rng.start_col, rng.start_col + width
            ),
            "updatedRows": len(rows_touched),
            "updatedColumns": len(cols_touched),
            "updatedCells": cells,
            "_touched": (rows_touched, cols_touched),
        }

    def clear(self, rng: GridRange) -> str:
        """values.clear: only values go; number formats (like all other cell properties) stay."""
        end_row = rng.end_row if rng.end_row is not None else self.row_count
        end_col = rng.end_col if rng.end_col is not None else self.column_count
        guard(self, rng.start_row, end_row, rng.start_col, end_col)
        for r in range(rng.start_row, min(end_row, len(self.cells))):
            line = self.cells[r]
            for c in range(rng.start_col, min(end_col, len(line))):
                line[c] = make_cell(None, format_of(line[c]), validation_of(line[c]))
        return format_range(self.title, rng.start_row, min(end_row, self.row_count), rng.start_col, end_col)

    def resize_to_grid(self) -> None:
        """After rowCount/columnCount shrank: cells, merges and the filter beyond the grid go, as in Google."""
        del self.cells[self.row_count :]
        for line in self.cells:
            del line[self.column_count :]
        self.merges = [
            (r0, min(r1, self.row_count), c0, min(c1, self.column_count))
            for r0, r1, c0, c1 in self.merges
            if r0 < self.row_count and c0 < self.column_count
        ]
        if self.basic_filter is not None:
            r0, r1, c0, c1 = self.basic_filter
            self.basic_filter = (r0, min(r1, self.row_count), c0, min(c1, self.column_count))
        self.frozen_rows = min(self.frozen_rows, self.row_count)

    def _shift_merges(self, axis: int, start: int, delta: int) -> None:
        """Merges follow rows/columns inserted (delta > 0) or deleted (delta < 0) at `start` (axis 0 rows, 2 cols)."""
        moved = []
        for merge in self.merges:
            m = list(merge)
            lo, hi = m[axis], m[axis + 1]
            if delta > 0:
                if lo >= start:
                    lo += delta
                if hi > start:
                    hi += delta
            else:
                end = start - delta
                lo = lo if lo < start else max(start, lo + delta) if lo >= end else start
                hi = hi if hi <= start else max(start, hi + delta) if hi >= end else start
            m[axis], m[axis + 1] = lo, hi
            if m[1] > m[0] and m[3] > m[2] and (m[1] - m[0]) * (m[3] - m[2]) > 1:
                moved.append((m[0], m[1], m[2], m[3]))
        self.merges = moved

    def insert_rows(self, start: int, count: int) -> None:
        self._shift_merges(0, start, count)
        while len(self.cells) < start:
            self.cells.append([])
        self.cells[start:start] = [[] for _ in range(count)]
        self.row_count += count

    def delete_rows(self, start: int, end: int) -> None:
        if start < 0 or end > self.row_count or start >= end:
            raise ApiError(400, f"Invalid requests[0].deleteDimension: range [{start}, {end}) out of bounds.")
        if end - start >= self.row_count:
            raise ApiError(400, "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.")
        del self.cells[start:end]
        self.row_count -= end - start
        self._shift_merges(0, start, start - end)

    def insert_columns(self, start: int, count: int) -> None:
        self._shift_merges(2, start, count)
        for line in self.cells:
            if len(line) > start:
                line[start:start] = [None] * count
        self.column_count += count

    def delete_columns(self, start: int, end: int) -> None:
        if start < 0 or end > self.column_count or start >= end or end - start >= self.column_count:
            raise ApiError(400, f"Invalid requests[0].deleteDimension: columns [{start}, {end}) out of bounds.")
        for line in self.cells:
            del line[start:end]
        self.column_count -= end - start
        self._shift_merges(2, start, start - end)

    @staticmethod
    def _moved(items: list[Any], start: int, end: int, destination: int) -> list[Any]:
        """MoveDimensionRequest: `destination` is an index in the grid BEFORE the source is taken out."""
        if start <= destination <= end:
            return items  # onto itself: nothing moves
        block = items[start:end]
        rest = items[:start] + items[end:]
        at = destination if destination < start else destination - (end - start)
        return rest[:at] + block + rest[at:]

    def move_rows(self, start: int, end: int, destination: int) -> None:
        while len(self.cells) < max(end, destination):
            self.cells.append([])
        self.cells = self._moved(self.cells, start, end, destination)

    def move_columns(self, start: int, end: int, destination: int) -> None:
        need = max(end, destination)
        for r, line in enumerate(self.cells):
            padded = line + [None] * (need - len(line))
            self.cells[r] = self._moved(padded, start, end, destination)

    def sort_rows(self, start: int, end: int, start_col: int, end_col: int | None, specs: list[tuple[int, bool]]):
        """SortRangeRequest: the rows' cells within [start_col, end_col) move together (values with formats).
        Numbers before text before booleans, text case-insensitive; blanks last either way; stable."""
        end = min(end, len(self.cells))
        if end - start < 2:
            return
        width = end_col if end_col is not None else max(len(line) for line in self.cells[start:end])
        segments, keys = [], []
        for r in range(start, end):
            line = self.cells[r] + [None] * (width - len(self.cells[r]))
            segments.append(line[start_col:width])
            keys.append([None if is_blank(self.get(r, col)) else sort_key(self.effective(r, col)) for col, _ in specs])

        def compare(a: int, b: int) -> int:
            for n, (_, descending) in enumerate(specs):
                ka, kb = keys[a][n], keys[b][n]
                if ka is None or kb is None:
                    if ka is None and kb is None:
                        continue
                    return 1 if ka is None else -1  # blanks last, ascending or descending
                if ka != kb:
                    order = -1 if ka < kb else 1
                    return -order if descending else order
            return 0

        order = sorted(range(len(segments)), key=functools.cmp_to_key(compare))
        for offset, source in enumerate(order):
            r = start + offset
            line = self.cells[r] + [None] * (width - len(self.cells[r]))
            line[start_col:width] = segments[source]
            self.cells[r] = line

    # --- formulas ----------------------------------------------------------------------------

    def _range_values(self, arg: str, seen: frozenset[tuple[int, int, int]]) -> list[Any]:
        """Effective values of the non-blank cells of `D2:D9`, `D:D`, `D2:D`, `'Tab'!D:D` (this tab by default)."""
        try:
            title, cells = split_sheet(arg)
        except RangeError:
            raise _Unsupported(arg) from None
        if not cells or not _RANGE_CELLS.match(cells):
            raise _Unsupported(arg)
        sheet: Sheet = self
        if title is not None:
            if self.book is None:
                raise _Unsupported(arg)
            try:
                sheet = self.book.sheet(title)
            except ApiError:
                raise _Unsupported(arg) from None
        try:
            start_row, end_row, start_col, end_col = parse_cells(cells.replace("$", ""))
        except RangeError:
            raise _Unsupported(arg) from None
        out = []
        for r in range(start_row, min(end_row if end_row is not None else len(sheet.cells), len(sheet.cells))):
            line = sheet.cells[r]
            for c in range(start_col, min(end_col if end_col is not None else len(line), len(line))):
                if not is_blank(line[c]):
                    out.append(sheet.effective(r, c, seen))
        return out

    def _cell_value(self, arg: str, seen: frozenset[tuple[int, int, int]]) -> Any:
        """The effective value of one referenced cell (`B2`, `'Tab'!B2`); None when blank."""
        title, cells = split_sheet(arg)
        sheet: Sheet = self
        if title is not None:
            if self.book is None:
                raise _Unsupported(arg)
            sheet = self.book.sheet(title)
        start_row, _, start_col, _ = parse_cells((cells or "").replace("$", ""))
        if is_blank(sheet.get(start_row, start_col)):
            return None
        return sheet.effective(start_row, start_col, seen)

    def _evaluate(self, text: str, seen: frozenset[tuple[int, int, int]]) -> Any:
        """Arithmetic, comparisons, `&`, SUM, COUNTA, COUNTIF and IF (tests/sheets_emulator/formulas.py); any
        other function or a reference that does not resolve is #NAME? / #REF! (the emulator is no full engine)."""

        def cell(arg: str) -> Any:
            try:
                return self._cell_value(arg, seen)
            except (RangeError, ApiError, _Unsupported):
                return REF_ERROR

        def range_values(arg: str) -> list[Any]:
            try:
                return self._range_values(arg, seen)
            except _Unsupported:
                return [REF_ERROR]

        def make_error(error: formulas.Error) -> CellError:
            return CellError(error.code, error.type, error.message)

        ctx = formulas.Context(cell, range_values, lambda v: isinstance(v, CellError), make_error, _criterion_match)
        value = formulas.evaluate(text, ctx)
        return json_number(value) if isinstance(value, float) else value


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    title: str
    sheets: list[Sheet] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1_000_001), repr=False)
    locale: str = LOCALE
    time_zone: str = TIME_ZONE

    def __post_init__(self) -> None:
        for s in self.sheets:
            s.book = self

    def clone(self) -> Spreadsheet:
        copy = Spreadsheet(self.spreadsheet_id, self.title, [s.clone() for s in self.sheets])
        copy._ids = self._ids
        copy.locale, copy.time_zone = self.locale, self.time_zone
        return copy

    def sheet_entry(self, s: Sheet) -> dict[str, Any]:
        """One Sheet resource: properties, and merges / protected ranges / basic filter when there are any."""
        entry: dict[str, Any] = {"properties": s.properties()}
        if s.merges:
            entry["merges"] = [_grid_json(s.sheet_id, *m) for m in s.merges]
        if s.protected:
            entry["protectedRanges"] = [public_protected(s.sheet_id, p) for p in s.protected]
        if s.basic_filter is not None:
            entry["basicFilter"] = {"range": _grid_json(s.sheet_id, *s.basic_filter)}
        return entry

    def metadata(self, base_url: str) -> dict[str, Any]:
        return {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": self.locale, "timeZone": self.time_zone},
            "sheets": [self.sheet_entry(s) for s in self.sheets],
            "spreadsheetUrl": f"{base_url}/spreadsheets/d/{self.spreadsheet_id}/edit",
        }

    def resource(self, base_url: str, ranges: list[str], grid_data: bool) -> dict[str, Any]:
        """The Spreadsheet resource of spreadsheets.get / updatedSpreadsheet. With ranges only the sheets they
        touch are listed ("only the portions of the spreadsheet that intersect the requested ranges"); with grid
        data each of those sheets has `data`: one GridData per range on it, in the order of the ranges."""
        out = self.metadata(base_url)
        if not ranges and not grid_data:
            return out
        resolved = [self.resolve(r) for r in ranges]
        sheets = []
        for s in self.sheets:
            mine = [g for sheet, g in resolved if sheet is s] if ranges else [GridRange(s.title)]
            if not mine:
                continue
            entry = self.sheet_entry(s)
            if grid_data:
                entry["data"] = [s.grid_data(g) for g in mine]
            sheets.append(entry)
        out["sheets"] = sheets
        return out

    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    def sheet(self, title: str) -> Sheet:
        for s in self.sheets:
            if s.title == title:
                return s
        raise ApiError(400, f"Unable to parse range: {title}")

    def by_id(self, sheet_id: Any) -> Sheet:
        for s in self.sheets:
            if s.sheet_id == sheet_id:
                return s
        raise ApiError(400, f"No grid with id: {sheet_id}")

    def resolve(self, text: str) -> tuple[Sheet, GridRange]:
        try:
            rng = parse_range(text, self.titles())
        except RangeError:
            raise ApiError(400, f"Unable to parse range: {text}") from None
        return self.sheet(rng.title), rng

    def add_sheet(
        self,
        title: str,
        *,
        rows: int = DEFAULT_ROWS,
        cols: int = DEFAULT_COLS,
        index: int | None = None,
        sheet_id: int | None = None,
        frozen_rows: int = 0,
        hidden: bool = False,
    ) -> Sheet:
        if any(s.title.casefold() == title.casefold() for s in self.sheets):
            raise ApiError(
                400,
                f'Invalid requests[0].addSheet: A sheet with the name "{title}" already exists. '
                "Please enter another name.",
            )
        if not title.strip():
            raise ApiError(400, "Invalid requests[0].addSheet: sheet title must not be empty.")
        new = Sheet(sheet_id if sheet_id is not None else next(self._ids), title, 0, rows, cols, frozen_rows)
        new.hidden = hidden
        new.book = self
        position = len(self.sheets) if index is None else max(0, min(index, len(self.sheets)))
        self.sheets.insert(position, new)
        for i, s in enumerate(self.sheets):
            s.index = i
        return new


def _grid_json(sheet_id: int, r0: int, r1: int | None, c0: int, c1: int | None) -> dict[str, Any]:
    """A GridRange as Google answers it in merges, protected ranges and filters (recorded): every bounded index,
    zeros included; open ends and sheetId 0 left out."""
    out: dict[str, Any] = {"sheetId": sheet_id} if sheet_id else {}
    for name, value in (("startRowIndex", r0), ("endRowIndex", r1), ("startColumnIndex", c0), ("endColumnIndex", c1)):
        if value is not None:
            out[name] = value
    return out


def public_protected(sheet_id: int, entry: dict[str, Any]) -> dict[str, Any]:
    """A ProtectedRange resource as Google answers it (internal `_` keys dropped, the caller's right computed)."""
    out = {k: v for k, v in entry.items() if not k.startswith("_") and k != "range"}
    out["range"] = _grid_json(sheet_id, *entry["range"])
    out["requestingUserCanEdit"] = bool(entry.get("_can_edit"))
    order = ["protectedRangeId", "range", "description", "warningOnly", "requestingUserCanEdit", "editors"]
    return {k: out[k] for k in order if k in out}


def guard(sheet: Sheet, r0: int, r1: int | None, c0: int, c1: int | None) -> None:
    """Refuse an edit that touches a range protected against the caller, with Google's own message (400)."""
    r1 = sheet.row_count if r1 is None else r1
    c1 = sheet.column_count if c1 is None else c1
    for protected in sheet.protected:
        if protected.get("_can_edit") or protected.get("warningOnly"):
            continue
        p0, p1, q0, q1 = protected["range"]
        p1 = sheet.row_count if p1 is None else p1
        q1 = sheet.column_count if q1 is None else q1
        if r0 < p1 and p0 < r1 and c0 < q1 and q0 < c1:
            raise ApiError(400, PROTECTED_MESSAGE)

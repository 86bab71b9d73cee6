"""Reading cells as staff type them: dates, times, numbers, yes/no, relative deadlines."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import cast

# Google Sheets and Excel count days from 30/12/1899.
SERIAL_EPOCH = date(1899, 12, 30)

_TRUE = {"có", "co", "x", "✓", "✔", "yes", "y", "true", "1", "đúng", "rồi", "đã"}
_FALSE = {"", "không", "khong", "ko", "no", "n", "false", "0", "-", "sai", "chưa"}

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SERIAL = re.compile(r"^\d{1,6}(\.\d+)?$")
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hg]\s*(\d{1,2})?)?\s*(?:phút|p)?$", re.IGNORECASE)
_RELATIVE = re.compile(r"^T\s*-\s*(\d{1,3})$", re.IGNORECASE)


class CellError(ValueError):
    """A cell that could not be read; the message is Vietnamese and shown to staff."""


# Control characters that a paste from another program can carry; invisible, and .xlsx cannot store them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: object) -> str:
    """Cell text in one canonical form: NFC, \n line ends, no control characters, no surrounding blanks, None → ''."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def parse_date(value: object) -> date | None:
    """dd/mm/yyyy, yyyy-mm-dd (optionally with a time), or a sheet serial number; '' → None."""
    text = clean(value)
    if not text:
        return None
    head = text.split(" ")[0] if " " in text else text
    head = head.split("T")[0] if _YMD.match(head.split("T")[0]) else head
    try:
        if m := _DMY.match(head):
            d, mo, y = (int(g) for g in m.groups())
            return date(y, mo, d)
        if m := _YMD.match(head):
            y, mo, d = (int(g) for g in m.groups())
            return date(y, mo, d)
    except ValueError:
        raise CellError(f"Ngày không tồn tại: “{text}”") from None
    if _SERIAL.match(text):
        serial = float(text)
        if 1 <= serial <= 2958465:  # 31/12/9999
            return SERIAL_EPOCH + timedelta(days=int(serial))
    raise CellError(f"Không đọc được ngày “{text}” (dùng dd/mm/yyyy)")


def parse_time(value: object) -> time | None:
    """08:00, 8:00, 8h, 8h30, 7g30; '' → None."""
    text = clean(value)
    if not text:
        return None
    m = _TIME.match(text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    if _SERIAL.match(text) and "." in text and float(text) < 1:
        minutes = round(float(text) * 24 * 60)
        if minutes < 24 * 60:  # 0.9999 of a day rounds to 24:00, which is no time of day
            return time(minutes // 60, minutes % 60)
    raise CellError(f"Không đọc được giờ “{text}” (dùng HH:MM)")


def parse_datetime(value: object) -> datetime | None:
    """A check-in stamp: 'dd/mm/yyyy HH:MM[:SS]', ISO, or a bare time (today); '' → None."""
    text = clean(value)
    if not text:
        return None
    try:
        # "…T08:00+07:00": the clock time as written; one column cannot mix stamps with and without an offset
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        d = parse_date(text)
    except CellError:
        d = None
    if d is not None:
        return datetime.combine(d, time())
    try:
        t = parse_time(text)
    except CellError:
        raise CellError(f"Không đọc được thời điểm “{text}” (dùng dd/mm/yyyy HH:MM)") from None
    return datetime.combine(date.today(), t) if t else None


# The largest magnitude parse_number returns: well inside int64 (9,2 × 10¹⁸), so a typed frame's Int64 column can
# never overflow, and far beyond any column's own bounds (schema.py), which validation checks with the column's name.
NUMBER_LIMIT = 10**18
_MAX_DIGITS = len(str(NUMBER_LIMIT)) - 1  # 18: a whole number below the limit has at most this many digits
_GROUPED = re.compile(r"\d{1,3}([.,]\d{3})+")
_WHOLE = re.compile(r"\d+")
_FRACTION = re.compile(r"(\d+)[.,]\d{1,2}")
# Scientific notation, as Excel and Google Sheets show a large number ("1E+20", "1,5e3"): read exactly, never as float.
_EXPONENT = re.compile(r"(\d+)(?:[.,](\d+))?[eE]([+-]?\d{1,6})")


class NumberTooLarge(CellError):
    """A number readable as written but beyond NUMBER_LIMIT: validation reports it against the column's bounds."""


def shown(text: str, width: int = 30) -> str:
    """A cell's text as quoted in a message: a pasted run of digits is cut, the cell itself keeps it all."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _too_large(text: str) -> NumberTooLarge:
    return NumberTooLarge(f"Số “{shown(text)}” quá lớn")


def _significant(digits: str) -> int:
    """How many digits a whole number written as `digits` has (leading zeros do not count)."""
    return len(digits.lstrip("0"))


def _exponent(text: str, m: re.Match[str]) -> int:
    """The whole number that "1,5e3" means (1500); one with a fraction left ("1,5e-3") is refused."""
    whole, fraction, exponent = m.group(1), m.group(2) or "", int(m.group(3))
    digits = (whole + fraction).lstrip("0")
    if not digits:
        return 0
    scale = exponent - len(fraction)  # value = int(digits) × 10^scale
    if len(digits) + scale > _MAX_DIGITS:
        raise _too_large(text)
    if scale >= 0:
        return int(digits) * int(10**scale)  # int ** int is typed Any (a negative power is a float); scale ≥ 0 here
    kept, dropped = digits[:scale], digits[scale:]
    if dropped.strip("0"):
        raise CellError(f"Số “{shown(text)}” phải là số nguyên")
    return int(kept or "0")


def parse_number(value: object) -> int | None:
    """Whole numbers with '.', ',' or space grouping and an optional currency sign; '' → None.

    Also scientific notation ("1E+20", "1,5e3") as a sheet shows a large number. Raises nothing but CellError:
    NumberTooLarge (a CellError) for a magnitude of NUMBER_LIMIT or more, so the result always fits in int64."""
    text = clean(value)
    if not text:
        return None
    t = re.sub(r"(?i)\s*(₫|đ|vnd|vnđ|đồng|%)\s*$", "", text)
    t = t.replace("\u00a0", "").replace(" ", "")
    negative = t.startswith("-")
    t = t.lstrip("+-")
    try:
        if _GROUPED.fullmatch(t) or _WHOLE.fullmatch(t):
            digits = re.sub(r"[.,]", "", t)
            if _significant(digits) > _MAX_DIGITS:
                raise _too_large(text)
            number = int(digits)
        elif m := _FRACTION.fullmatch(t):
            if _significant(m.group(1)) > _MAX_DIGITS:
                raise _too_large(text)
            number = round(float(t.replace(",", ".")))
        elif m := _EXPONENT.fullmatch(t):
            number = _exponent(text, m)
        else:
            raise CellError(f"Không đọc được số “{shown(text)}”")
    except CellError:
        raise
    except (ValueError, OverflowError):  # belt and braces: no digit string reaches int() or float() unbounded
        raise CellError(f"Không đọc được số “{shown(text)}”") from None
    if number >= NUMBER_LIMIT:
        raise _too_large(text)
    return -number if negative else number


def parse_decimal(value: object) -> float | None:
    """A small number with a fraction, comma or point: "0,3", "1.5", "2"; '' → None. No thousands grouping: the
    values are coefficients, so "1.500" would be ambiguous and is refused."""
    text = clean(value).replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,6}([.,]\d{1,6})?", text) and not re.fullmatch(r"-?\d{1,3}[.,]\d{3}", text):
        return float(text.replace(",", "."))
    raise CellError(f"Không đọc được số thập phân “{clean(value)}” (ví dụ 0,3 hoặc 1,5)")


def parse_bool(value: object) -> bool:
    """có/không, x, ✓, yes/no, 1/0; blank → False."""
    text = clean(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"Không hiểu “{clean(value)}” (dùng có/không)")


def parse_relative_days(value: object) -> int | None:
    """'T-15' → 15 (days before the event); anything else → None."""
    m = _RELATIVE.match(clean(value))
    return int(m.group(1)) if m else None


def resolve_due(value: object, event_day: date | None) -> date | None:
    """A task deadline: a date, or 'T-n' counted back from the event day."""
    days = parse_relative_days(value)
    if days is not None:
        try:
            return event_day - timedelta(days=days) if event_day else None
        except OverflowError:  # T-999 counted back from an event day in year 1
            raise CellError(f"Hạn “{clean(value)}” rơi ra ngoài lịch") from None
    return parse_date(value)


def match_choice(value: object, choices: tuple[str, ...]) -> str | None:
    """The allowed value that this cell means, ignoring case and spacing; '' → None."""
    text = clean(value)
    if not text:
        return None
    wanted = " ".join(text.split()).casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    raise CellError(f"Giá trị “{text}” không hợp lệ (chọn: {', '.join(choices)})")


def format_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def format_datetime(dt: datetime | None) -> str:
    return dt.strftime("%d/%m/%Y %H:%M:%S") if dt else ""


# --- whole columns at once (validation reads a sheet column by column) ----------------------


def _clean_text(text: str) -> str:
    # NFC and free of anything non-printable (controls, \r, \n, \t): clean() would only strip it.
    if text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text.strip()
    return clean(text)


def clean_column(values: list[object]) -> list[str]:
    """clean() of every value, worked out once per distinct text: a sheet column repeats few values."""
    if not {str}.issuperset(map(type, values)):  # 1, 1.0 and True are one dict key but three texts
        return [clean(v) for v in values]
    texts = cast(list[str], values)  # every value is a str: checked just above
    cleaned = {v: _clean_text(v) for v in set(texts)}
    return [cleaned[v] for v in texts]

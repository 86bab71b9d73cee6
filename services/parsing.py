"""Reading cells as staff type them: dates, times, numbers, yes/no, relative deadlines."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

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
        return time(minutes // 60, minutes % 60)
    raise CellError(f"Không đọc được giờ “{text}” (dùng HH:MM)")


def parse_datetime(value: object) -> datetime | None:
    """A check-in stamp: 'dd/mm/yyyy HH:MM[:SS]', ISO, or a bare time (today); '' → None."""
    text = clean(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
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


def parse_number(value: object) -> int | None:
    """Whole numbers with '.', ',' or space grouping and an optional currency sign; '' → None."""
    text = clean(value)
    if not text:
        return None
    t = re.sub(r"(?i)\s*(₫|đ|vnd|vnđ|đồng|%)\s*$", "", text)
    t = t.replace("\u00a0", "").replace(" ", "")
    negative = t.startswith("-")
    t = t.lstrip("+-")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", t):
        number = int(re.sub(r"[.,]", "", t))
    elif re.fullmatch(r"\d+", t):
        number = int(t)
    elif re.fullmatch(r"\d+[.,]\d{1,2}", t):
        number = round(float(t.replace(",", ".")))
    else:
        raise CellError(f"Không đọc được số “{text}”")
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
        return event_day - timedelta(days=days) if event_day else None
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
    cleaned = {v: _clean_text(v) for v in set(values)}  # type: ignore[arg-type]
    return [cleaned[v] for v in values]  # type: ignore[index]

"""Display formats shared by pages and PDFs: VND amounts, Vietnamese dates (Nghị định 30), times, percentages.

Every function accepts None / NaN / NaT and returns "" for it, so callers can format a cell without checking first.

- `format_vnd(1234000)`            → "1.234.000 ₫"   (Babel's vi_VN form; a plain space unless `nbsp=True`)
- `format_number(1234000)`         → "1.234.000"
- `vietnamese_date(date(2025,8,5))`→ "ngày 05 tháng 8 năm 2025"  (zero before days < 10 and months 1–2)
- `place_date_line("Lạng Sơn", d)` → "Lạng Sơn, ngày 05 tháng 8 năm 2025"
- `short_date(d)`                  → "05/08/2025"
- `weekday_vi(d)`                  → "Thứ Ba" ("Chủ nhật" for Sunday)
- `long_date(d)`                   → "Thứ Ba, ngày 05 tháng 8 năm 2025"
- `format_time(time(7, 30))`       → "07:30"
- `format_percent(0.456)`          → "46%" (a fraction 0–1 in; decimal comma as Babel's vi_VN)
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

import pandas as pd
from babel.numbers import format_currency, format_decimal

NBSP = "\u00a0"
LOCALE = "vi_VN"
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_date(value: date | datetime | pd.Timestamp | None) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    return value


def format_vnd(amount: float | int | None, *, nbsp: bool = False) -> str:
    """'1.234.000 ₫'. Babel (vi_VN) puts a no-break space before '₫'; we return a plain space by default so the
    text compares and copies predictably, and the no-break form on request (table cells that must not wrap)."""
    if amount is None or _missing(amount):
        return ""
    text = format_currency(round(float(amount)), "VND", locale=LOCALE)
    text = text.replace(NBSP, " ").replace("\u202f", " ")
    return text.replace(" ", NBSP) if nbsp else text


def format_number(value: float | int | None) -> str:
    """Whole number with '.' grouping: '1.234.000'."""
    if value is None or _missing(value):
        return ""
    return format_decimal(round(float(value)), locale=LOCALE)


def _two(n: int) -> str:
    return f"{n:02d}"


def vietnamese_date(value: date | datetime | pd.Timestamp | None) -> str:
    """'ngày 05 tháng 8 năm 2025' — Nghị định 30/2020: a leading zero for days below 10 and for months 1 and 2."""
    d = _as_date(value)
    if d is None:
        return ""
    month = _two(d.month) if d.month <= 2 else str(d.month)
    return f"ngày {_two(d.day)} tháng {month} năm {d.year}"


def place_date_line(place: str, value: date | datetime | pd.Timestamp | None) -> str:
    """The place–date line of an administrative document: 'Lạng Sơn, ngày 05 tháng 8 năm 2025'."""
    text = vietnamese_date(value)
    if not text:
        return ""
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def short_date(value: date | datetime | pd.Timestamp | None) -> str:
    """'05/08/2025' — the form staff type in the sheet."""
    d = _as_date(value)
    return d.strftime("%d/%m/%Y") if d else ""


def weekday_vi(value: date | datetime | pd.Timestamp | None) -> str:
    d = _as_date(value)
    return _WEEKDAYS[d.weekday()] if d else ""


def long_date(value: date | datetime | pd.Timestamp | None) -> str:
    """'Thứ Ba, ngày 05 tháng 8 năm 2025'."""
    d = _as_date(value)
    return f"{weekday_vi(d)}, {vietnamese_date(d)}" if d else ""


def format_time(value: time | datetime | None) -> str:
    """'07:30'."""
    if value is None or _missing(value):
        return ""
    return value.strftime("%H:%M")


def clock_time(value: time | datetime | None) -> str:
    """'07 giờ 30': the hour as administrative documents write it (the app's screens keep '07:30')."""
    if value is None or _missing(value):
        return ""
    return f"{value.hour:02d} giờ {value.minute:02d}"


def format_percent(fraction: float | None, digits: int = 0) -> str:
    """A fraction 0–1 as '46%' ('45,6%' with digits=1), the form Babel's vi_VN percent pattern gives."""
    if fraction is None or _missing(fraction):
        return ""
    number = f"{100 * float(fraction):.{digits}f}".replace(".", ",")
    return f"{number}%"

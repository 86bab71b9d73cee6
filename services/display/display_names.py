"""What a stored value is called on screen: the Vietnamese cell text in Vietnamese, its English name in English
(services/i18n/value_names). Only the display changes; frames, filters and writes keep the stored values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from services.display.formatting import long_date
from services.i18n import CATALOGUE
from services.schema import Tab

ENGLISH = "en"
# spelled out rather than strftime's %A/%B, which follow the server's locale
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
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
)


def value_name(value: object, lang: str) -> str:
    """'chưa làm' → 'to do' in English; unknown values (names, units, free text) show as stored."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if lang != ENGLISH or not text:
        return text
    pair = CATALOGUE.get(f"value.{text}")
    return pair[1] if pair else text


def enum_columns(tab: Tab) -> list[str]:
    """The tab's columns with fixed choices: the ones whose values have display names."""
    return [c.key for c in tab.columns if c.choices]


def with_value_names(frame: pd.DataFrame, columns: Iterable[str], lang: str) -> pd.DataFrame:
    """A copy of `frame` with these columns' values in the user's language (the frame itself untouched)."""
    present = [c for c in columns if c in frame.columns]
    if lang != ENGLISH or not present:
        return frame
    return frame.assign(**{c: [value_name(v, lang) for v in frame[c]] for c in present})


def event_day(day: date | None, lang: str) -> str:
    """'Thứ Tư, ngày 16 tháng 12 năm 2026' / 'Wednesday, 16 December 2026'."""
    if day is None:
        return ""
    if lang != ENGLISH:
        return long_date(day)
    return f"{_WEEKDAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"

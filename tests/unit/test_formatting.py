"""VND amounts in Babel's vi_VN form and Vietnamese dates per Nghị định 30."""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
import pytest
from babel.numbers import format_currency

from services.display.formatting import (
    format_number,
    format_percent,
    format_time,
    format_vnd,
    long_date,
    place_date_line,
    short_date,
    vietnamese_date,
    weekday_vi,
)


def test_vnd_matches_babel_with_a_plain_space():
    assert format_currency(1_234_000, "VND", locale="vi_VN") == "1.234.000\u00a0₫"  # what Babel gives
    assert format_vnd(1_234_000) == "1.234.000 ₫"
    assert format_vnd(1_234_000, nbsp=True) == "1.234.000\u00a0₫"
    assert format_vnd(0) == "0 ₫"
    assert format_vnd(-500_000) == "-500.000 ₫"
    assert format_vnd(999.6) == "1.000 ₫"
    assert format_vnd(None) == format_vnd(pd.NA) == format_vnd(float("nan")) == ""


def test_number_and_percent():
    assert format_number(1_234_000) == "1.234.000"
    assert format_percent(0.456) == "46%"
    assert format_percent(0.456, 1) == "45,6%"
    assert format_percent(None) == ""


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 8, 5), "ngày 05 tháng 8 năm 2025"),
        (date(2025, 1, 15), "ngày 15 tháng 01 năm 2025"),
        (date(2025, 2, 9), "ngày 09 tháng 02 năm 2025"),
        (date(2025, 3, 10), "ngày 10 tháng 3 năm 2025"),
        (date(2026, 12, 16), "ngày 16 tháng 12 năm 2026"),
    ],
)
def test_vietnamese_date_leading_zeros(day, text):
    assert vietnamese_date(day) == text
    assert vietnamese_date(datetime.combine(day, time(8))) == text
    assert vietnamese_date(pd.Timestamp(day)) == text


def test_place_date_line_short_date_weekday():
    assert place_date_line("Lạng Sơn", date(2025, 8, 5)) == "Lạng Sơn, ngày 05 tháng 8 năm 2025"
    assert place_date_line("", date(2025, 8, 5)) == "Ngày 05 tháng 8 năm 2025"
    assert short_date(date(2025, 8, 5)) == "05/08/2025"
    assert weekday_vi(date(2025, 8, 5)) == "Thứ Ba" and weekday_vi(date(2025, 8, 10)) == "Chủ nhật"
    assert long_date(date(2026, 12, 16)) == "Thứ Tư, ngày 16 tháng 12 năm 2026"
    assert format_time(time(7, 30)) == "07:30"
    for blank in (None, pd.NaT):
        assert vietnamese_date(blank) == short_date(blank) == long_date(blank) == place_date_line("X", blank) == ""

"""Cells as staff type them."""

from datetime import date, time

import pytest

from services.parsing import (
    CellError,
    match_choice,
    parse_bool,
    parse_date,
    parse_number,
    parse_time,
    resolve_due,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/08/2025", date(2025, 8, 5)),
        ("5/8/2025", date(2025, 8, 5)),
        ("2025-08-05", date(2025, 8, 5)),
        ("2025-08-05 00:00:00", date(2025, 8, 5)),
        ("45874", date(2025, 8, 5)),
        ("45874.0", date(2025, 8, 5)),
        ("", None),
    ],
)
def test_dates_in_every_form_staff_use(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "hôm qua", "2025/13/01", "05-08"])
def test_unreadable_dates_raise_a_vietnamese_error(text):
    with pytest.raises(CellError, match=r"[nN]gày"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.000", 1234000),
        ("1,234,000", 1234000),
        ("3 000 000 ₫", 3000000),
        ("50%", 50),
        ("12", 12),
        ("-5", -5),
        ("", None),
    ],
)
def test_numbers_with_grouping_and_currency(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("có", True), ("x", True), ("✓", True), ("Yes", True), ("không", False), ("", False)]
)
def test_yes_no(text, expected):
    assert parse_bool(text) is expected


def test_yes_no_rejects_unknown_words():
    with pytest.raises(CellError):
        parse_bool("maybe")


@pytest.mark.parametrize(
    ("text", "expected"), [("07:30", time(7, 30)), ("7h30", time(7, 30)), ("8h", time(8, 0)), ("14g15", time(14, 15))]
)
def test_times(text, expected):
    assert parse_time(text) == expected


def test_relative_deadline_counts_back_from_the_event():
    assert resolve_due("T-15", date(2025, 8, 20)) == date(2025, 8, 5)
    assert resolve_due("t - 3", date(2025, 8, 20)) == date(2025, 8, 17)
    assert resolve_due("T-15", None) is None
    assert resolve_due("01/08/2025", date(2025, 8, 20)) == date(2025, 8, 1)


def test_choices_match_case_insensitively_and_return_the_canonical_value():
    assert match_choice("Đang Làm", ("chưa làm", "đang làm")) == "đang làm"
    with pytest.raises(CellError, match="không hợp lệ"):
        match_choice("xong", ("chưa làm", "đang làm"))

"""Numbers on screen in the user's language: Vietnamese forms in Vietnamese ("1.234", "100,0%", "1.234.000 ₫"),
the same forms the PDFs use (services/formatting), and English forms in English ("1,234", "100.0%", "₫1,234,000").

Every function returns "" for None / NaN, like services/formatting.
"""

from __future__ import annotations

from babel.numbers import format_currency, format_decimal

from services.display import formatting

ENGLISH = "en"


def number(value: float | int | None, lang: str, digits: int = 0) -> str:
    """'1.234' / '1,234' ('1.234,5' / '1,234.5' with digits=1)."""
    if value is None or formatting._missing(value):
        return ""
    if lang != ENGLISH and digits == 0:
        return formatting.format_number(value)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    locale = "en" if lang == ENGLISH else formatting.LOCALE
    rounded = round(float(value), digits) if digits else round(float(value))
    return format_decimal(rounded, format=pattern, locale=locale)


def percent(fraction: float | None, lang: str, digits: int = 0) -> str:
    """A fraction 0–1 as '88,9%' / '88.9%'."""
    if fraction is None or formatting._missing(fraction):
        return ""
    if lang != ENGLISH:
        return formatting.format_percent(fraction, digits)
    return f"{100 * float(fraction):.{digits}f}%"


def vnd(amount: float | int | None, lang: str, *, nbsp: bool = False) -> str:
    """'1.234.000 ₫' / '₫1,234,000'."""
    if lang != ENGLISH or amount is None or formatting._missing(amount):
        return formatting.format_vnd(amount, nbsp=nbsp)
    return format_currency(round(float(amount)), "VND", locale="en")


def separators(lang: str) -> str:
    """Plotly's `layout.separators` (decimal mark, then thousands): ',.' in Vietnamese, '.,' in English."""
    return ".," if lang == ENGLISH else ",."

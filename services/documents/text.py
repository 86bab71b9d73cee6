"""Small text rules shared by the document builders."""

from __future__ import annotations

import re

NBSP = "\u00a0"


def keep_together(text: str) -> str:
    """ "(2025 - 2030)" never breaks at its dash: a title wrapped as "(2025 -" / "2030)" reads badly."""
    return re.sub(r"(\d{4}) ?([-–]) ?(\d{4})", rf"\1{NBSP}\2{NBSP}\3", text)

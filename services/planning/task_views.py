"""How task tables look on screen: days past the due date stand out (pandas Styler, so no streamlit here)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

LATE_STYLE = "background-color: #fde0dc; color: #b71c1c; font-weight: 600"


def highlight_late(frame: pd.DataFrame, column: str, *, late_when_positive: bool = False) -> Styler:
    """The frame with `column` highlighted on late rows: a negative "days left", or (late_when_positive) any
    "days late" above zero. Blank cells (done, no date) stay plain."""

    def late(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return ""
        days = int(value)  # type: ignore[call-overload]  # a typed day count; blanks returned above
        return LATE_STYLE if (days > 0 if late_when_positive else days < 0) else ""

    return frame.style.map(late, subset=[column])

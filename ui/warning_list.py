"""Many problems of one kind as one alert: the count, the first few, the rest behind an expander.

Each alert is its own message to every browser that views the page: at 2,000 attendees the council tab drew about
300 warnings, which cost the server a fifth of the page's time and buried the page under them.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.context import md, t

SHOWN = 5


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {md(line)}" for line in lines)


def warning_list(problems: Sequence[str], title_key: str) -> None:
    """Nothing when there is no problem; `title_key` takes {count}."""
    if not problems:
        return
    st.warning(f"{t(title_key, count=len(problems))}\n\n{_bullets(problems[:SHOWN])}")
    if len(problems) > SHOWN:
        with st.expander(t("warnings.more", count=len(problems) - SHOWN)):
            st.markdown(_bullets(problems[SHOWN:]))

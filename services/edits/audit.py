"""Reading the `Nhật ký` (audit log) the store writes: newest first, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from services.parsing import CellError, parse_datetime

if TYPE_CHECKING:
    from pandas._libs.tslibs.nattype import NaTType

DEFAULT_LIMIT = 200


def _stamp(text: str) -> pd.Timestamp | NaTType:
    try:
        stamp = parse_datetime(text) if text else None
    except CellError:
        return pd.NaT
    return pd.NaT if stamp is None else pd.Timestamp(stamp)


def latest_entries(
    audit: pd.DataFrame,
    *,
    tabs: list[str] | None = None,
    users: list[str] | None = None,
    row_id: str = "",
    limit: int = DEFAULT_LIMIT,
) -> pd.DataFrame:
    """The raw log rows, newest first (by time, later lines first on equal times), narrowed by tab, user, row ID."""
    shown = audit.reset_index(drop=True)
    keep = pd.Series(True, index=shown.index)
    if tabs:
        keep &= shown["tab"].isin(tabs)
    if users:
        keep &= shown["user"].isin(users)
    if row_id:
        keep &= shown["row_id"].str.casefold() == row_id.casefold()
    shown = shown[keep]
    order = pd.DataFrame({"at": shown["time"].map(_stamp), "line": shown.index}, index=shown.index)
    order = order.sort_values(["at", "line"], ascending=False, na_position="last")
    return shown.loc[order.index].head(limit)

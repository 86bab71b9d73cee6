"""Hand-made typed frames for unit tests, shaped like validation's output (index = row ID)."""

from __future__ import annotations

import pandas as pd


def programme(*rows: tuple) -> pd.DataFrame:
    """(id, order, presenter, minutes)."""
    return pd.DataFrame(
        {
            "order": pd.array([x[1] for x in rows], dtype="Int64"),
            "item": [f"Mục {x[0]}" for x in rows],
            "presenter": [x[2] for x in rows],
            "minutes": pd.array([x[3] for x in rows], dtype="Int64"),
        },
        index=pd.Index([x[0] for x in rows], name="id"),
    )


def budget(*rows: tuple) -> pd.DataFrame:
    """(item, estimate, actual); IDs KP-01, KP-02, …"""
    return pd.DataFrame(
        {
            "item": [x[0] for x in rows],
            "estimate": pd.array([x[1] for x in rows], dtype="Int64"),
            "actual": pd.array([x[2] for x in rows], dtype="Int64"),
            "note": [""] * len(rows),
        },
        index=pd.Index([f"KP-0{i + 1}" for i in range(len(rows))], name="id"),
    )

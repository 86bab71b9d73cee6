"""What a column, a tab, a document or a row is called on screen: the user's language, and pickers over row IDs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from services.schema import Column, Tab
from ui.context import lang


def in_language(vi: str, en: str) -> str:
    """A name the schema or a document carries in both languages, in the user's (Vietnamese when no English)."""
    return en if lang() == "en" and en else vi


def header(column: Column) -> str:
    return in_language(column.header, column.header_en)


def headers(
    frame: pd.DataFrame, tab: Tab, others: Mapping[str, str] | Callable[[str], str] | None = None
) -> pd.DataFrame:
    """The frame with its schema columns named as in the sheet (or English), the other columns by `others`."""
    names = others or {}
    other = names if callable(names) else lambda key: names.get(key, key)
    return frame.rename(columns={k: header(tab.by_key[k]) if k in tab.by_key else other(k) for k in frame.columns})


def id_labels(ids: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """ID → "ID — name", the label of a task or a programme item."""
    return {i: f"{i} — {n}" for i, n in zip(ids, names, strict=True)}


def pick(label: str, labels: Mapping[str, str], *, key: str, new: str | None = None, where: Any = st) -> str | None:
    """A selectbox over row IDs shown by their labels (built once per draw: pickers call the label per option).

    With `new`, a blank first option so named (for adding a row); None when there is nothing to pick.
    """
    options = ["", *labels] if new is not None else list(labels)
    if not options:
        return None
    return where.selectbox(label, options, format_func=lambda i: labels.get(i, i) if i else new, key=key)

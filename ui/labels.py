"""What a column, a tab, a document or a row is called on screen: the user's language, and pickers over row IDs."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from services.display.display_names import enum_columns, value_name, with_value_names
from services.schema import Column, Tab
from ui.context import lang, t


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


def value_label(value: object) -> str:
    """A stored value (status, group, kind …) as the user's language calls it."""
    return value_name(value, lang())


def value_labels() -> Callable[[object], str]:
    """format_func= for a picker over stored values, bound to this run's language (a picker may format its
    options again outside the run, where no session language can be read)."""
    return functools.partial(value_name, lang=lang())


def display_frame(
    frame: pd.DataFrame, tab: Tab, others: Mapping[str, str] | Callable[[str], str] | None = None
) -> pd.DataFrame:
    """The frame for display: `headers`, and the values of the tab's fixed-choice columns in the user's language
    (exports and writes keep using the stored values)."""
    return headers(with_value_names(frame, enum_columns(tab), lang()), tab, others)


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
    return where.selectbox(
        label,
        options,
        format_func=lambda i: labels.get(i, i) if i else new,
        placeholder=t("common.choose"),
        key=key,
    )

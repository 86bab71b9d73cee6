"""A form's inputs for one row, two columns wide: a selectbox where the field has fixed choices, a text box otherwise."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from ui.context import t


def field_inputs(
    labels: Mapping[str, str],
    current: Mapping[str, str],
    choices: Mapping[str, Sequence[str]],
    key: str,
    blank: str = "",
    name: Callable[[str], str] = str,
) -> dict[str, str]:
    """field → value typed or chosen. `key` holds "{}" for the field (widget keys the tests and reruns rely on); a
    current value that is not among the choices starts at the first one; `blank` shows the empty choice, `name` the
    others (a stored value's name in the user's language)."""
    sides, values = st.columns(2), {}
    for n, (field, label) in enumerate(labels.items()):
        widget, options = key.format(field), choices.get(field)
        if options is not None:
            index = options.index(current[field]) if current[field] in options else 0
            values[field] = sides[n % 2].selectbox(
                label,
                options,
                index,
                # an empty label would show Streamlit's English "Choose an option" in its place
                format_func=lambda v: name(v) if v else (blank or "—"),
                placeholder=t("common.choose"),
                key=widget,
            )
        else:
            values[field] = sides[n % 2].text_input(label, current[field], key=widget)
    return values

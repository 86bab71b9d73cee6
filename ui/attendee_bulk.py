"""Đại biểu's bulk response: the chosen value for the selected rows, confirmed in a dialog, then one undo."""

from __future__ import annotations

import pandas as pd

from services.people import responses
from services.schema import RSVP
from ui.bulk_confirm import bulk_button, undo_button
from ui.context import t
from ui.flash import outcome
from ui.labels import value_labels


def bulk_responses(value, apply, raw: pd.DataFrame, target: pd.DataFrame, flash_key: str) -> None:
    """`value` and `apply` are the columns for the response picker and the button; only `target` rows change."""
    response = value.selectbox(
        t("attendees.bulk_value"),
        RSVP,
        index=1,
        format_func=value_labels(),
        placeholder=t("common.choose"),
        key="attendees_bulk_value",
    )
    bulk_button(
        apply,
        "attendees_bulk_apply",
        len(target),
        lambda: responses.plan_responses(raw, list(target.index), response),
        raw,
        flash_key,
        lambda applied: outcome(
            applied.result,
            t("attendees.bulk_done", count=len(applied.result.landed)),
            lambda n, ids: t("attendees.bulk_conflicts", count=n, ids=ids),
        ),
    )
    undo_button("attendees_bulk_apply", flash_key)

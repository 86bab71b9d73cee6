"""The delegates to the higher-level congress on the Khen thưởng page: the count against the quota, marks that do not
count, and one picker over approved individual honorees and staff."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from services.awards import delegates, honours
from services.awards import nomination_forms as forms_svc
from services.awards.honours import HonoursError
from services.validation import Dataset
from ui.context import md, shared, t
from ui.editing import save_written
from ui.flash import rerun_with
from ui.undo_last import undo_last
from ui.warning_list import warning_list


def delegate_picker(data: Dataset, slot: str, show: Callable[[pd.DataFrame], None]) -> None:
    """`show` draws a table as the page names its columns."""
    st.subheader(t("nom.delegates"))
    chosen = shared(data, honours.delegates)
    st.metric(t("nom.delegate_count"), f"{len(chosen)} / {data.settings.delegate_quota}")
    warning_list(shared(data, honours.delegate_problems), "warnings.delegates")
    candidates = shared(data, forms_svc.delegate_candidates)
    already = [i for i in chosen["id"] if i in candidates]
    picked = st.multiselect(
        t("nom.delegate_pick"),
        list(candidates),
        default=already,
        format_func=lambda i: candidates[i],
        placeholder=t("friction.nom.delegate_placeholder"),
        key="nom_delegates",
    )
    if st.button(t("nom.delegate_save"), key="nom_delegate_save"):
        try:
            saved = save_written(lambda store, user: delegates.save_delegates(store, data, picked, user=user), slot)
        except HonoursError as exc:
            st.error(md(str(exc)))
        else:
            if saved:
                rerun_with(slot, t("nom.delegates_saved", count=len(picked)))
    undo_last(slot)
    show(chosen)

"""Khen thưởng's entry form: a new nomination, or the chosen one edited (rules in services.awards.nomination_forms)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from services.awards import law
from services.awards import nomination_forms as forms_svc
from services.awards.honours import AwardType, HonoursError
from services.schema import NOMINATIONS
from services.validation import Dataset
from ui.context import md, t
from ui.editing import add_rows, save_row
from ui.fields import field_inputs
from ui.flash import rerun_with
from ui.labels import pick, value_labels

TAB = NOMINATIONS.key


def nomination_form(data: Dataset, forms: dict[str, AwardType], labels: dict[str, str], flash_key: str) -> None:
    chosen = pick(t("nom.pick"), labels, key="nom_pick", new=t("nom.new"))
    seen = data.raw[TAB].loc[chosen] if chosen else pd.Series(dtype=str)
    p, current = chosen or "new", forms_svc.form_values(seen)
    mine, upward, yearly = law.forms_for(law.CONFERENCE_PERIOD)
    st.caption(
        t(
            "nom.law_hint",
            period=law.CONFERENCE_PERIOD,
            mine=", ".join(mine),
            upward=", ".join(upward),
            yearly=", ".join(yearly),
            article=law.DIRECTOR_POWER.cite(),
        )
    )
    with st.form(f"nom_form_{p}"):
        fields = ("kind", "award", "name", "gender", "ethnicity", "position", "unit", "proposer")
        values = field_inputs(
            {k: t(f"nom.f.{k}") for k in fields},
            current,
            forms_svc.form_choices(forms),
            f"nom_{{}}_{p}",
            "—",
            name=value_labels(),
        )
        for key in ("achievement", "members", "note"):
            values[key] = st.text_area(t(f"nom.f.{key}"), current[key], key=f"nom_{key}_{p}", height=68)
        submitted = st.form_submit_button(t("nom.save"), key=f"nom_save_{p}", type="primary")
    if submitted:
        try:
            row = forms_svc.edit_changes(data, chosen, values) if chosen else forms_svc.new_nomination(values, forms)
        except HonoursError as exc:
            st.error(md(str(exc)))
        else:
            if not chosen and add_rows(TAB, [row]):
                rerun_with(flash_key, t("nom.added", name=row["name"]))
            elif chosen and (not row or save_row(TAB, chosen, row, data.seen(TAB, chosen, list(row)))):
                rerun_with(flash_key, t("nom.saved", name=row.get("name", seen["name"])))

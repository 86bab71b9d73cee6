"""The door desk's result card: who just came in, their unit and seat in large type, on a colour per outcome
(green OK, orange already in — with the earlier time, red unknown), readable at arm's length on a phone."""

from __future__ import annotations

import html

import streamlit as st

from services.i18n import t as translate
from services.people.desk import COLOURS, DeskResult, Outcome
from ui.context import lang


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def t(key: str, **values: object) -> str:
    """A UI string with its values as typed: this is HTML (escaped by `_e`), not markdown, so no markdown escapes."""
    return translate(key, lang(), **values)


def card_html(result: DeskResult) -> str:
    """The card's HTML: every value escaped (names and units come from the shared sheet)."""
    colour = COLOURS[result.outcome]
    if result.outcome is Outcome.UNKNOWN:
        head = t("desk.result.unknown", code=result.code)
        body = f'<div class="desk-hint">{_e(t("desk.result.unknown_hint"))}</div>'
    else:
        key = "desk.result.ok" if result.outcome is Outcome.OK else "desk.result.already"
        head = t(key, time=result.time)
        seat = t("desk.result.seat", seat=result.seat) if result.seat else t("desk.result.no_seat")
        body = (
            f'<div class="desk-name">{_e(result.name)}</div>'
            f'<div class="desk-unit">{_e(result.unit)}</div>'
            f'<div class="desk-seat">{_e(seat)}</div>'
            f'<div class="desk-code">{_e(result.code)}</div>'
        )
    return (
        f'<div class="desk-card" data-outcome="{result.outcome.value}" role="status" '
        f'style="background:{colour};color:#fff;border-radius:0.75rem;padding:1rem 1.25rem;margin:0.5rem 0 1rem">'
        f'<div class="desk-head" style="font-size:1.15rem;font-weight:600">{_e(head)}</div>{body}</div>'
    )


STYLE = """<style>
.desk-card .desk-name{font-size:2.1rem;font-weight:700;line-height:1.2;margin-top:.25rem}
.desk-card .desk-unit{font-size:1.35rem;margin-top:.2rem}
.desk-card .desk-seat{font-size:1.8rem;font-weight:700;margin-top:.4rem}
.desk-card .desk-code,.desk-card .desk-hint{font-size:1rem;opacity:.9;margin-top:.3rem}
</style>"""


def result_card(result: DeskResult | None) -> None:
    if result is None:
        return
    with st.container(key=f"desk_result_{result.outcome.value}"):
        st.markdown(STYLE + card_html(result), unsafe_allow_html=True)

"""The door desk's result card: who just came in, their unit and seat in large type, on a colour per outcome
(green OK, orange already in — with the earlier time, red unknown), readable at arm's length on a phone.

No sheet value goes through HTML: the text is escaped markdown in keyed containers, and the only HTML is a style
sheet made of the outcome's keys and colours (domain constants)."""

from __future__ import annotations

import streamlit as st

from services.people.desk import COLOURS, DeskResult, Outcome
from ui.context import md, t

_TEXT = {"name": "2.1rem;font-weight:700", "unit": "1.35rem", "seat": "1.8rem;font-weight:700", "code": "1rem"}


def card_key(outcome: Outcome) -> str:
    return f"desk_result_{outcome.value}"


def card_style(outcome: Outcome) -> str:
    box = f".st-key-{card_key(outcome)}"
    rules = [
        f"{box}{{background:{COLOURS[outcome]};border-radius:.75rem;padding:1rem 1.25rem;margin:.5rem 0 1rem}}",
        f"{box} p{{color:#fff;margin:0}}",
        f"{box} .st-key-desk_head p{{font-size:1.15rem;font-weight:600}}",
        *(f"{box} .st-key-desk_{part} p{{font-size:{size};line-height:1.2}}" for part, size in _TEXT.items()),
    ]
    return "<style>" + "".join(rules) + "</style>"


def _line(part: str, text: str) -> None:
    with st.container(key=f"desk_{part}"):
        st.markdown(text)


def result_card(result: DeskResult | None) -> None:
    if result is None:
        return
    st.html(card_style(result.outcome))
    with st.container(key=card_key(result.outcome)):
        if result.outcome is Outcome.UNKNOWN:
            _line("head", t("desk.result.unknown", code=result.code))
            _line("code", t("desk.result.unknown_hint"))
            return
        _line("head", t(f"desk.result.{result.outcome.value}", time=result.time))
        _line("name", md(result.name))
        _line("unit", md(result.unit))
        _line("seat", t("desk.result.seat", seat=result.seat) if result.seat else t("desk.result.no_seat"))
        _line("code", md(result.code))
        if result.outcome is Outcome.NOT_SAVED:
            _line("hint", t("desk.result.not_saved_hint"))

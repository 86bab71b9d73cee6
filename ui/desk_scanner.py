"""The camera scanner on the Điểm danh page: a hand-written st.components.v2 component (ui/scanner/) in a fragment,
so the frames it sends rerun only this panel; a decoded badge checks its holder in and redraws the whole page."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from services.people import scan
from services.people.desk import BEEPS, DeskResult
from ui.context import t

ASSETS = Path(__file__).with_name("scanner")
KEY = "desk_scanner"
GATE, PROBLEM = "desk_scanner_gate", "desk_scanner_problem"
LABELS = ("start", "stop", "sound", "idle", "opening", "scanning_device", "scanning_server", "stopped")
PROBLEMS = ("refused", "nocamera", "insecure")

_component = st.components.v2.component(
    "conference_desk.scanner",
    js=(ASSETS / "scanner.js").read_text(encoding="utf-8"),
    css=(ASSETS / "scanner.css").read_text(encoding="utf-8"),
)


def _noop() -> None:
    """Trigger callbacks: their presence makes the component send these events; the fragment reads the values."""


def _beep(result: DeskResult | None) -> dict | None:
    if result is None:
        return None
    return {"seq": result.seq, "tones": BEEPS[result.outcome]}


@st.fragment
def scanner_panel(result: DeskResult | None, on_code) -> None:
    """The live scanner; `on_code(text)` is called once per badge sighting (then the whole page reruns)."""
    labels = {k: t(f"scanner.{k}") for k in LABELS + PROBLEMS}
    sent = _component(
        key=KEY,
        data={"labels": labels, "beep": _beep(result)},
        on_frame_change=_noop,
        on_code_change=_noop,
        on_problem_change=_noop,
        height="content",
    )
    if problem := sent.get("problem"):
        st.session_state[PROBLEM] = str(problem)
    if problem := st.session_state.get(PROBLEM):
        st.warning(t(f"scanner.{problem}") + " " + t("scanner.type_instead"), icon=":material/no_photography:")
    code = scan.scanned_text(sent.get("code")) if sent.get("code") else ""
    frame = sent.get("frame")
    if not code and isinstance(frame, dict):
        code = scan.decode_frame(frame.get("image")) or ""
    gate = st.session_state.setdefault(GATE, scan.Debounce())
    if code and gate.accept(code, time.monotonic()):
        st.session_state.pop(PROBLEM, None)
        on_code(code)
        st.rerun()

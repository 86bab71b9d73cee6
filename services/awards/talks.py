"""Who may give a talk (tham luận) at the conference."""

from __future__ import annotations

from services.awards.honours import REJECTED
from services.validation import Dataset


def talk_candidates(data: Dataset) -> list[str]:
    """Nomination IDs that may carry a talk: every nomination not rejected (still pending ones may prepare one)."""
    frame = data.frames["nominations"]
    return list(frame.index[frame["status"] != REJECTED])

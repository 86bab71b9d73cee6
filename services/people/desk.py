"""What the door desk shows: the attendee columns a desk may see, and the result of one scan in words and colour."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from services.people.per_frame import per_frame
from services.text import tidy

# The door desk role sees these columns only: no phone, e-mail, gender or notes anywhere it can reach (search
# included, so a phone number typed at the desk finds nobody). group/rsvp/checked_in feed the live counters.
DESK_FIELDS = ("name", "unit", "group", "rsvp", "checked_in", "seat")


class Outcome(StrEnum):
    OK = "ok"  # checked in now
    ALREADY = "already"  # was already in: the earlier time is shown
    UNKNOWN = "unknown"  # no attendee has this ID
    NOT_SAVED = "not_saved"  # neither the store nor the local journal took it: staff note it on paper


# One colour per outcome, as strong backgrounds with white text (≥ 4.5:1 contrast), readable at arm's length.
COLOURS = {
    Outcome.OK: "#1B5E20",
    Outcome.ALREADY: "#E65100",
    Outcome.UNKNOWN: "#B71C1C",
    Outcome.NOT_SAVED: "#4A148C",
}
# WebAudio beeps (Hz, ms): one high for OK, two middle for already, one low and long for unknown.
# Not saved: three low ones, so staff look up and reach for the paper list.
BEEPS = {
    Outcome.OK: [(880, 120)],
    Outcome.ALREADY: [(660, 90), (660, 90)],
    Outcome.UNKNOWN: [(220, 400)],
    Outcome.NOT_SAVED: [(220, 200), (220, 200), (220, 200)],
}


@dataclass(frozen=True)
class DeskResult:
    outcome: Outcome
    code: str  # the ID as found (or the text scanned/typed, when unknown)
    name: str = ""
    unit: str = ""
    seat: str = ""
    time: str = ""  # HH:MM:SS of this check-in, or of the earlier one
    seq: int = 0  # increases with every result in a session: the page beeps once per new result


def result_for(frame: pd.DataFrame, attendee_id: str, outcome: Outcome, time: str, seq: int) -> DeskResult:
    """The result card's content for an attendee in `frame` (the desk view or the full attendee frame)."""
    if attendee_id not in frame.index:
        return DeskResult(Outcome.UNKNOWN, attendee_id, seq=seq)
    row = frame.loc[attendee_id]
    return DeskResult(
        outcome,
        attendee_id,
        name=tidy(row.get("name"), one_line=True),
        unit=tidy(row.get("unit"), one_line=True),
        seat=tidy(row.get("seat"), one_line=True),
        time=time,
        seq=seq,
    )


@per_frame
def desk_view(frame: pd.DataFrame) -> pd.DataFrame:
    """The attendee frame with only `DESK_FIELDS`, built once per frame (datasets are immutable between loads)."""
    return frame[[c for c in DESK_FIELDS if c in frame.columns]].copy()

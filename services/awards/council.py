"""The council's side of one nomination as the Khen thưởng page shows it: the status on record and the council size
a vote starts from."""

from __future__ import annotations

from services.awards.honours import PROPOSED, VoteResult
from services.validation import Dataset


def recorded_status(status: object) -> str:
    """A blank Trạng thái is a nomination just proposed (the workflow reads it so too)."""
    return str(status or "") or PROPOSED


def council_size(data: Dataset, recorded: VoteResult) -> int:
    """The membership the vote form starts from: the recorded vote's, else the council size setting, else 0."""
    return int(recorded.members or data.settings.council_members or 0)

"""The council's side of one nomination as the Khen thưởng page shows it: the status on record and the council size
a vote starts from."""

from __future__ import annotations

from services.awards import law
from services.awards.honours import PROPOSED, AwardType, VoteResult
from services.text import match_key
from services.validation import Dataset


def recorded_status(status: object) -> str:
    """A blank Trạng thái is a nomination just proposed (the workflow reads it so too)."""
    return str(status or "") or PROPOSED


def council_size(data: Dataset, recorded: VoteResult) -> int:
    """The membership the vote form starts from: the recorded vote's, else the council size setting, else 0."""
    return int(recorded.members or data.settings.council_members or 0)


def vote_rule_text(form: AwardType | None) -> str:
    """The share of the council the form needs, as the vote screen says it, with its source for a law-known form."""
    if form is None:
        return "—"
    if form.rule is not None:
        if form.vote is None:
            return "không bỏ phiếu, Hội đồng bình xét"
        return f"{form.vote.text()} tổng số thành viên Hội đồng ({form.vote.source.cite()})"
    return f"ít nhất {form.threshold}% tổng số thành viên Hội đồng" if form.threshold else "không bỏ phiếu"


def decider_text(form: AwardType | None) -> str:
    """Who signs, and how it gets there: the Director (Điều 80 khoản 1), or the Chủ tịch UBND tỉnh by the Tờ trình."""
    if form is None:
        return "—"
    if form.rule is None:
        return form.decider or "—"
    if match_key(form.decider) == match_key(law.DIRECTOR):
        return f"{form.decider} ({law.DIRECTOR_POWER.article} {law.LAW.split(' ngày')[0]})"
    return f"{form.decider} — Sở trình bằng Tờ trình; công bố khi có số quyết định"

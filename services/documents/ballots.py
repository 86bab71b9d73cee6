"""Phiếu biểu quyết: the award council's ballot — every nomination it votes on, grouped by award form (highest rank
first), with a "Đồng ý" and a "Không đồng ý" box each — printed once per council member.

Which forms the Sở's council votes on is the law's (`services.awards.law.vote_rule`): Chiến sĩ thi đua cơ sở, and every
proposal to the Chủ tịch UBND tỉnh; the Director's other forms are agreed without a ballot (bình xét) and recorded in
the Biên bản họp Hội đồng. A nomination the law refuses at this conference (a yearly title for the period) is not put
to the vote."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.lists import ROMAN, post_and_unit
from services.documents.model import Block, Doc, GroupRow, Letterhead, PageBreak, Para, Table, TableColumn, Title
from services.documents.text import keep_together
from services.text import tidy
from services.validation import Dataset

DEFAULT_COUNCIL = 9
# The shipped Liberation Serif has no U+2610 "☐" (checked with fontTools), so the bordered empty cell is the box.
BOX = ""
COLUMNS = (  # weights in mm of the 165 mm printable width: the names get the room, the boxes just enough to mark
    TableColumn("STT", 11, "C"),
    TableColumn("Tập thể, cá nhân", 110),
    TableColumn("Đồng ý", 22, "C"),
    TableColumn("Không đồng ý", 22, "C"),
)
SIZE = 11.0  # a point below the usual table text: more nominees to a page, still easy to read and mark
ROW_MM = 7.0  # a row at least this tall, room to write a clear X
INSTRUCTION = (
    "Đánh dấu X vào ô lựa chọn (Đồng ý hoặc Không đồng ý) đối với từng tập thể, cá nhân. Dòng đánh dấu cả hai ô "
    "hoặc không đánh dấu ô nào không được tính."
)


def ballot_count(data: Dataset) -> int:
    """How many ballots to print: one per council member (the `council_members` setting, 9 when not set)."""
    members = data.settings.council_members
    return int(members) if members and int(members) > 0 else DEFAULT_COUNCIL


def ballot_nominations(data: Dataset) -> pd.DataFrame:
    """What the council votes on: nominations under review ("đang xét") whose award form requires a vote and that the
    law lets this conference give; when there are none, those proposed or under review. Highest form first (unknown
    forms last), collectives before individuals within a form, sheet order among equals; column `form` = the award
    form's name as the awards tab spells it, `threshold` = its required share, `need` = the share in words."""
    nominations = data.frames["nominations"]
    forms = honours.award_forms(data)
    found = [honours.find_award(forms, a) for a in nominations["award"]]
    check = honours.LawCheck(data, forms)
    columns = (nominations[c].tolist() for c in ("award", "kind", "name"))
    voted = [
        f is not None and f.threshold is not None and not check.problems(award, kind, name)
        for f, award, kind, name in zip(found, *columns, strict=True)
    ]
    needs_vote = pd.Series(voted, index=nominations.index, dtype=bool)
    chosen = nominations[(nominations["status"] == honours.REVIEW) & needs_vote]
    if chosen.empty:
        chosen = nominations[nominations["status"].isin((honours.PROPOSED, honours.REVIEW)) & needs_vote]
    place = {form.name: n for n, form in enumerate(forms.values())}  # award_forms lists the highest rank first
    by_id = dict(zip(nominations.index, found, strict=True))
    picked = [by_id[i] for i in chosen.index]
    return (
        chosen.assign(
            form=[f.name if f else tidy(a, one_line=True) for f, a in zip(picked, chosen["award"], strict=True)],
            threshold=[f.threshold if f else None for f in picked],  # type: ignore[misc]  # pandas-stubs: None in an object column is valid pandas
            need=[_need(f) for f in picked],
            _f=[place[f.name] if f else len(place) for f in picked],
            _k=[0 if k == honours.COLLECTIVE else 1 for k in chosen["kind"]],
            _pos=range(len(chosen)),
        )
        .sort_values(["_f", "form", "_k", "_pos"], kind="stable")
        .drop(columns=["_f", "_k", "_pos"])
    )


def _need(form: honours.AwardType | None) -> str:
    """ "quá nửa" / "ít nhất 80%" — the share of the whole council the form needs, in words."""
    if form is None or form.threshold is None:
        return ""
    return form.vote.text() if form.vote else f"ít nhất {form.threshold}%"


def _numeral(n: int) -> str:
    return ROMAN[n] if n < len(ROMAN) else str(n + 1)


def ballot_rows(chosen: pd.DataFrame) -> list[list[str] | GroupRow]:
    """An award form heading (with the share it needs), then its nominees, numbered through the whole ballot."""
    rows: list[list[str] | GroupRow] = []
    n = 0
    for part, (form, group) in enumerate(chosen.groupby("form", sort=False)):
        share = group["need"].iloc[0]
        need = f" (cần {share} tổng số thành viên Hội đồng đồng ý)" if share else ""
        rows.append(GroupRow(f"{_numeral(part)}. {form}{need}"))
        for _, r in group.iterrows():
            n += 1
            details = post_and_unit(r)
            who = f"{tidy(r['name'], one_line=True)} ({details})" if details else tidy(r["name"], one_line=True)
            rows.append([str(n), who, BOX, BOX])
    return rows


def ballot(data: Dataset, head: Letterhead, rows: list[list[str] | GroupRow]) -> list[Block]:
    """One ballot: organiser and council lines, title, the instruction and the table. Anonymous: no name, no
    signature."""
    event = keep_together(tidy(data.settings.text("event_name"), one_line=True) or "Hội nghị điển hình tiên tiến")
    return [
        Para(head.organiser.upper(), indent=False, align="C", size=12.5),
        Para("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", indent=False, align="C", style="B", size=12.5),
        Title("PHIẾU BIỂU QUYẾT", (f"Xét khen thưởng tại {event}",)),
        Para(INSTRUCTION, style="I", indent=False),
        Table(COLUMNS, rows, size=SIZE, min_height=ROW_MM),
    ]


def ballots(data: Dataset, today: date) -> Doc:
    """The same ballot `ballot_count(data)` times, each copy starting on a new page. `today` is unused (a ballot
    carries no date) but kept for the builder signature."""
    head = Letterhead.from_settings(data.settings)
    chosen = ballot_nominations(data)
    rows = ballot_rows(chosen)
    # No page numbers: they would run on from one copy to the next; a long ballot still repeats its column headers.
    doc = Doc(head, page_numbers=False, title="Phiếu biểu quyết")
    if chosen.empty:
        return doc.add(
            *ballot(data, head, [])[:3],
            Para("Không có tập thể, cá nhân nào cần Hội đồng biểu quyết.", indent=False),
        )
    for copy in range(ballot_count(data)):
        if copy:
            doc.add(PageBreak())
        doc.add(*ballot(data, head, rows))
    return doc

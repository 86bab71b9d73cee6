"""The council's two records:

- Biên bản kiểm phiếu (``vote_minutes``): the Ban kiểm phiếu's tally — ballots issued, returned, valid and invalid,
  then each nomination put to the vote: its yes votes against the council's WHOLE membership (absent members' written
  opinions included, as the rule the thresholds come from says: Nghị định 98/2023 Điều 30 khoản 7, the model the
  `vote_share_*` settings default to) and the share its form needs (`services.awards.law.vote_rule`).
- Biên bản họp Hội đồng (``council_minutes``): attendance (members, present, absent with written opinions), the
  discussion, and a result for EVERY nominee — voted or agreed without a ballot (bình xét), proposed upward, refused by
  the law (with the article), not yet considered — and the conclusions the Director's decision and the Tờ trình cite.

What the clerk completes by hand (discussion, times) is left as "…"; nothing here is a software note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import cast

import pandas as pd

from services.awards import honours, law
from services.display.formatting import format_percent, vietnamese_date
from services.documents.decision import body_name, count_phrase
from services.documents.decree import draft_number
from services.documents.lists import post_and_unit, setting_date
from services.documents.model import Doc, Header, Letterhead, Signature, Signer, Table, TableColumn, Title
from services.documents.text import keep_together
from services.parsing import CellError, parse_number, parse_time
from services.text import match_key, tidy
from services.validation import Dataset

COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Tập thể, cá nhân", 38),
    TableColumn("Hình thức khen thưởng", 32),
    TableColumn("Đồng ý", 17, "C"),
    TableColumn("Thành viên", 19, "C"),
    TableColumn("Tỷ lệ", 16, "C"),
    TableColumn("Kết quả", 24, "C"),
)
MEETING_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Tập thể, cá nhân", 50),
    TableColumn("Hình thức đề nghị", 34),
    TableColumn("Biểu quyết", 22, "C"),
    TableColumn("Kết quả", 48),
)


@dataclass(frozen=True)
class Tally:
    name: str
    award: str
    yes: int
    members: int
    percent: float
    threshold: int | None
    passed: bool
    rule: str = ""  # "≥ 80%", "> 50%"


def _rule_of(form: honours.AwardType | None) -> law.VoteRule | None:
    if form is None or form.threshold is None:
        return None
    return form.vote or law.VoteRule(form.threshold, False, law.UPWARD_VOTE)


def tallies(data: Dataset) -> list[Tally]:
    """Every nomination put to the vote (its form has a vote rule, votes recorded), highest award first; percent of
    the whole council (not of those present)."""
    nominations = data.frames["nominations"]
    voted = nominations[nominations["votes_yes"].notna()]
    forms = honours.award_forms(data)
    place = {form.name: n for n, form in enumerate(forms.values())}  # award_forms lists the highest rank first
    found = [(r, honours.find_award(forms, r["award"])) for _, r in voted.iterrows()]
    rows = [(r, form, rule) for r, form in found if form is not None and (rule := _rule_of(form)) is not None]
    rows.sort(key=lambda row: place[row[1].name])  # stable: sheet order within a form
    out: list[Tally] = []
    for r, form, rule in rows:
        total = r["votes_total"]
        members = int(total) if not pd.isna(total) and int(total) > 0 else int(data.settings.council_members or 0)
        yes = int(r["votes_yes"])
        percent = 100 * yes / members if members else 0.0
        passed = bool(members) and rule.passes(yes, members)
        out.append(Tally(str(r["name"]), form.name, yes, members, percent, form.threshold, passed, rule.symbol()))
    return out


# --- shared by both records ---------------------------------------------------------------------------------------


def _setting_int(data: Dataset, key: str) -> int | None:
    try:
        return parse_number(data.settings.text(key))
    except CellError:
        return None


def _names(text: str) -> list[str]:
    """ "A - Chủ tịch; B - Thư ký" → ["A - Chủ tịch", "B - Thư ký"] (semicolons or new lines)."""
    return [tidy(p, one_line=True) for p in re.split(r"[;\n]+", text or "") if tidy(p, one_line=True)]


def _closing_time(data: Dataset) -> str:
    """ "10 giờ 30 phút" from the setting, or blanks for the secretary to fill in by hand."""
    try:
        moment = parse_time(data.settings.text("council_closed_at"))
    except CellError:
        moment = None
    return f"{moment.hour} giờ {moment.minute:02d} phút" if moment else "… giờ … phút"


def _meeting_day(data: Dataset, today: date) -> date:
    return setting_date(data, "council_meeting_date") or today


def _attendance(data: Dataset) -> tuple[int, int | None, list[str]]:
    """(members, present or None when not known, absent members who gave written opinions)."""
    members = int(data.settings.council_members or 0)
    return members, _setting_int(data, "council_present"), _names(data.settings.text("council_absent"))


def _signature(data: Dataset) -> Signature:
    s = data.settings
    return Signature(
        Signer("TM. HỘI ĐỒNG", "CHỦ TỊCH", s.text("council_chair")),
        left_signer=Signer("", "THƯ KÝ", s.text("council_secretary")),
    )


# --- Biên bản kiểm phiếu --------------------------------------------------------------------------------------------


def _vote_opening(data: Dataset, day: date) -> str:
    """Who met, when and where, and what they voted on."""
    s = data.settings
    members, present, _ = _attendance(data)
    event = keep_together(s.text("event_name") or "Hội nghị điển hình tiên tiến")
    attendance = f"có mặt {present}/{members} thành viên" if present is not None else f"có mặt …/{members} thành viên"
    return (
        f"Hôm nay, {vietnamese_date(day)}, tại {s.text('venue') or 'trụ sở Sở'}, Hội đồng Thi đua - Khen thưởng "
        f"Sở gồm {members} thành viên ({attendance}) tiến hành bỏ phiếu xét chọn các tập thể, cá nhân đề nghị "
        f"khen thưởng tại {event}."
    )


def _ballot_counts(data: Dataset, present: int | None) -> str:
    """Ballots issued (one per member present), returned, valid and invalid; blanks where not known."""
    returned, invalid = _setting_int(data, "ballots_returned"), _setting_int(data, "ballots_invalid")
    valid = returned - invalid if returned is not None and invalid is not None else None

    def shown(n: int | None) -> str:
        return "…" if n is None else f"{n:02d}"

    return (
        f"Số phiếu phát ra: {shown(present)}; số phiếu thu về: {shown(returned)}; số phiếu hợp lệ: {shown(valid)}; "
        f"số phiếu không hợp lệ: {shown(invalid)}."
    )


def _tally_rows(data: Dataset) -> list[list[str]]:
    """One row per vote: yes of all members, the percentage and whether it passed under its rule."""
    rows = []
    for n, tally in enumerate(tallies(data), start=1):
        verdict = "Đạt" if tally.passed else "Không đạt"
        percent = format_percent(tally.percent / 100, 1)
        rows.append(
            [str(n), tally.name, tally.award, str(tally.yes), str(tally.members), percent, f"{verdict} ({tally.rule})"]
        )
    return rows


def _counting_signature(data: Dataset, counters: list[str]) -> Signature:
    chief = counters[0].split(" - ")[0] if counters else "\u00a0"  # blank, never the Director's name
    return Signature(
        Signer("TM. BAN KIỂM PHIẾU", "TRƯỞNG BAN", chief),
        left_signer=Signer("", "THƯ KÝ HỘI ĐỒNG", data.settings.text("council_secretary")),
    )


def vote_minutes(data: Dataset, today: date) -> Doc:
    """The tally: the Ban kiểm phiếu, the ballots (issued = members present, returned, valid, invalid), each result,
    the absent members' written opinions, and the signatures (the head of the Ban kiểm phiếu, the secretary)."""
    head = Letterhead.from_settings(data.settings)
    _, present, absent = _attendance(data)
    day = _meeting_day(data, today)
    doc = Doc(head, title="Biên bản kiểm phiếu")
    doc.add(
        Header(day, draft_number("BB", head)),
        Title("BIÊN BẢN", ("Kiểm phiếu xét khen thưởng của Hội đồng Thi đua - Khen thưởng Sở",)),
    )
    doc.para(_vote_opening(data, day))
    counters = _names(data.settings.text("ballot_counters"))
    doc.para("Ban kiểm phiếu gồm:" if counters else "Ban kiểm phiếu gồm: …", indent=not counters)
    for i, who in enumerate(counters):
        doc.para(f"- {who}{'.' if i == len(counters) - 1 else ';'}", indent=False)
    doc.para(_ballot_counts(data, present))
    if absent:
        doc.para(
            f"Thành viên vắng mặt có ý kiến bằng văn bản ({len(absent):02d}): {', '.join(absent)}; ý kiến của các thành "
            "viên này được tính vào kết quả dưới đây."
        )
    doc.para(
        "Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng (không tính trên số thành viên có mặt), gồm "
        "phiếu của thành viên có mặt và ý kiến bằng văn bản của thành viên vắng mặt. Kết quả:"
    )
    rows = _tally_rows(data)
    if rows:
        doc.add(Table(COLUMNS, rows))
    else:
        doc.para("Chưa có kết quả bỏ phiếu nào được ghi nhận.", indent=False)
    doc.para(
        f"Việc kiểm phiếu kết thúc lúc {_closing_time(data)} cùng ngày. Biên bản được lập thành 02 bản, công bố trước "
        "Hội đồng và được các thành viên có mặt nhất trí./.",
    )
    return doc.add(_counting_signature(data, counters))


# --- Biên bản họp Hội đồng ------------------------------------------------------------------------------------------

NOT_CONSIDERED = "Chưa xem xét"


def nominee_results(data: Dataset) -> list[list[str]]:
    """One row per nomination: STT, who, form, the vote ("8/9" or "Bình xét"), and the council's result in words."""
    nominations = data.frames["nominations"]
    forms = honours.award_forms(data)
    votes = honours.nomination_votes(data)
    check = honours.LawCheck(data, forms)
    place = {form.name: n for n, form in enumerate(forms.values())}
    rows = []
    found = [(i, r, honours.find_award(forms, r["award"])) for i, r in nominations.iterrows()]
    found.sort(
        key=lambda x: (place.get(x[2].name, len(place)) if x[2] else len(place), x[1]["kind"] != honours.COLLECTIVE)
    )
    for n, (row_id, r, form) in enumerate(found, start=1):
        vote = votes[cast(str, row_id)]  # nominations are indexed by their text ID
        status = r["status"] or honours.PROPOSED
        ballot = f"{vote.yes}/{vote.members}" if vote.required and vote.yes is not None else "Bình xét"
        if (vote.required and vote.yes is None) or status == honours.PROPOSED:
            ballot = "—"
        refused = check.problems(r["award"], r["kind"], r["name"])
        upward = form is not None and match_key(form.decider) != match_key(law.DIRECTOR)
        if refused:
            rule = form.rule if form else law.rule_for(r["award"])
            article = (
                rule.period_source.cite() if rule and rule.yearly else (rule.conditions_source.cite() if rule else "")
            )
            result = f"Không đủ điều kiện xét tặng tại Hội nghị ({article})"
        elif status == honours.APPROVED:
            result = "Nhất trí trình Chủ tịch UBND tỉnh" if upward else "Nhất trí đề nghị Giám đốc Sở tặng"
        elif status == honours.REJECTED:
            result = "Không đề nghị"
        elif status == honours.REVIEW:
            result = (
                ("Đạt tỷ lệ, chờ kết luận" if vote.passed else "Chưa đạt tỷ lệ") if vote.required else "Đang xem xét"
            )
        else:
            result = NOT_CONSIDERED
        who = tidy(r["name"], one_line=True)
        details = post_and_unit(r)
        rows.append([str(n), f"{who} ({details})" if details else who, tidy(r["award"], one_line=True), ballot, result])
    return rows


def _attendance_paragraphs(doc: Doc, data: Dataset) -> None:
    """I. Thành phần: members, present and absent (with written opinions), the roster, who chaired and recorded."""
    s = data.settings
    members, present, absent = _attendance(data)
    doc.para("I. THÀNH PHẦN", indent=False, style="B")
    shown_present = f"{present:02d}" if present is not None else "…"
    doc.para(
        f"Hội đồng gồm {members:02d} thành viên; có mặt {shown_present} thành viên; vắng mặt "
        + (
            f"{len(absent):02d} thành viên ({', '.join(absent)}), có ý kiến bằng văn bản gửi Hội đồng."
            if absent
            else "…"
        )
    )
    roster = _names(s.text("council_roster"))
    for i, who in enumerate(roster):
        doc.para(f"- {who}{'.' if i == len(roster) - 1 else ';'}", indent=False)
    chair, secretary = s.text("council_chair") or "…", s.text("council_secretary")
    doc.para(f"Chủ trì: {chair}, Chủ tịch Hội đồng. Thư ký: {secretary + '.' if secretary else '…'}")


def _discussion_paragraphs(doc: Doc, data: Dataset) -> None:
    """II. Nội dung: the files reported, the discussion against the law, and every nominee's result."""
    doc.para("II. NỘI DUNG", indent=False, style="B")
    counts = data.frames["nominations"]["kind"].value_counts()
    total = count_phrase(int(counts.get(honours.COLLECTIVE, 0)), int(counts.get(honours.INDIVIDUAL, 0)))
    doc.para(
        f"1. Thư ký Hội đồng báo cáo tổng hợp hồ sơ đề nghị khen thưởng: {total}, có thành tích trong phong trào thi "
        f"đua yêu nước {law.CONFERENCE_PERIOD}."
    )
    doc.para(
        "2. Hội đồng thảo luận, đối chiếu thành tích của từng tập thể, cá nhân với tiêu chuẩn của Luật Thi đua, khen "
        f"thưởng và thẩm quyền quyết định khen thưởng của Giám đốc Sở ({law.DIRECTOR_POWER.cite()}); danh hiệu thi đua "
        f"xét tặng hằng năm không xét cho thành tích {law.CONFERENCE_PERIOD}. Ý kiến thảo luận: …"
    )
    doc.para(
        "3. Kết quả xét đối với từng tập thể, cá nhân (biểu quyết tính trên tổng số thành viên Hội đồng; hình thức "
        "không phải bỏ phiếu được Hội đồng bình xét, thống nhất):"
    )
    rows = nominee_results(data)
    if rows:
        doc.add(Table(MEETING_COLUMNS, rows))
    else:
        doc.para("Chưa có hồ sơ đề nghị khen thưởng.", indent=False)


def _conclusion_paragraphs(doc: Doc, data: Dataset) -> None:
    """III. Kết luận: what the Director decides and what he proposes upward to the Chủ tịch UBND tỉnh."""
    doc.para("III. KẾT LUẬN", indent=False, style="B")
    lawful = honours.lawful_order(data)
    director = lawful[lawful["decider"].map(match_key) == match_key(law.DIRECTOR)]
    upward = lawful[lawful["decider"].map(match_key) != match_key(law.DIRECTOR)]
    for text, part in (
        ("Đề nghị Giám đốc Sở quyết định khen thưởng", director),
        ("Đề nghị Giám đốc Sở trình Chủ tịch UBND tỉnh khen thưởng", upward),
    ):
        kinds = part["kind"].value_counts()
        phrase = count_phrase(int(kinds.get(honours.COLLECTIVE, 0)), int(kinds.get(honours.INDIVIDUAL, 0)))
        forms = ", ".join(dict.fromkeys(str(a) for a in part["award"])) or "không có"
        doc.para(f"- {text}: {phrase if len(part) else 'không có'}" + (f" ({forms})." if len(part) else "."))


def council_minutes(data: Dataset, today: date) -> Doc:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng Sở: time and place, attendance (with the absent members' written
    opinions), who chaired and recorded, the discussion, a result for every nominee, the conclusions, signatures."""
    head = Letterhead.from_settings(data.settings)
    body = body_name(head)
    event = keep_together(data.settings.text("event_name") or "Hội nghị điển hình tiên tiến")
    day = _meeting_day(data, today)
    doc = Doc(head, title="Biên bản họp Hội đồng Thi đua - Khen thưởng")
    doc.add(
        Header(day, draft_number("BB", head)),
        Title("BIÊN BẢN", (f"Họp Hội đồng Thi đua - Khen thưởng {body} xét khen thưởng tại {event}",)),
    )
    doc.para(f"Thời gian: {vietnamese_date(day)}.", indent=False)
    doc.para(f"Địa điểm: {data.settings.text('venue') or 'trụ sở Sở'}.", indent=False)
    _attendance_paragraphs(doc, data)
    _discussion_paragraphs(doc, data)
    _conclusion_paragraphs(doc, data)
    doc.para(
        f"Cuộc họp kết thúc lúc {_closing_time(data)} cùng ngày. Biên bản đã được thông qua trước Hội đồng và được "
        "các thành viên có mặt nhất trí./.",
    )
    return doc.add(_signature(data))

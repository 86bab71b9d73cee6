"""Biên bản kiểm phiếu: the award council's vote tally — each nomination's yes votes against the council's whole
membership and the award form's threshold, frozen at the moment of generation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.layout import draft_number
from services.documents.model import Doc, Header, Letterhead, Signature, Signer, Table, TableColumn, Title
from services.documents.text import keep_together
from services.formatting import format_percent, vietnamese_date
from services.parsing import CellError, parse_number, parse_time
from services.validation import Dataset

MAJORITY = 50  # forms without a configured threshold need more than half of the members

COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Tập thể, cá nhân", 38),
    TableColumn("Hình thức khen thưởng", 32),
    TableColumn("Đồng ý", 17, "C"),
    TableColumn("Thành viên", 19, "C"),
    TableColumn("Tỷ lệ", 16, "C"),
    TableColumn("Kết quả", 24, "C"),
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


def tallies(data: Dataset) -> list[Tally]:
    """Every nomination with votes recorded, highest award first; percent of the whole council (not of those present)."""
    nominations = data.frames["nominations"]
    voted = nominations[nominations["votes_yes"].notna()]
    forms = honours.award_forms(data)
    place = {form.name: n for n, form in enumerate(forms.values())}  # award_forms lists the highest rank first
    rows = [(r, honours.find_award(forms, r["award"])) for _, r in voted.iterrows()]
    rows.sort(key=lambda row: place[row[1].name] if row[1] else len(place))  # stable: sheet order within a form
    out: list[Tally] = []
    for r, form in rows:
        total = r["votes_total"]
        members = int(total) if not pd.isna(total) and int(total) > 0 else int(data.settings.council_members or 0)
        yes = int(r["votes_yes"])
        percent = 100 * yes / members if members else 0.0
        threshold = form.threshold if form else None
        passed = percent >= threshold if threshold is not None else percent > MAJORITY
        out.append(Tally(str(r["name"]), str(r["award"]), yes, members, percent, threshold, passed))
    return out


def vote_minutes(data: Dataset, today: date) -> Doc:
    """The council's tally: its attendance (present / total), each result, the closing time, and the chair's and the
    secretary's signatures side by side."""
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    members = int(s.council_members or 0)
    present = _setting_int(data, "council_present")
    event = keep_together(s.text("event_name") or "Hội nghị điển hình tiên tiến")
    doc = Doc(head, title="Biên bản kiểm phiếu")
    doc.add(
        Header(today, draft_number("BB", head)),
        Title("BIÊN BẢN", ("Kiểm phiếu xét khen thưởng của Hội đồng Thi đua - Khen thưởng Sở",)),
    )
    attendance = f"có mặt {present}/{members} thành viên" if present is not None else f"có mặt …/{members} thành viên"
    doc.para(
        f"Hôm nay, {vietnamese_date(today)}, tại {s.text('venue') or 'trụ sở Sở'}, Hội đồng Thi đua - Khen thưởng "
        f"Sở gồm {members} thành viên ({attendance}) tiến hành kiểm phiếu xét chọn các tập thể, cá nhân đề nghị "
        f"khen thưởng tại {event}."
    )
    doc.para(
        "Tỷ lệ phiếu đồng ý được tính trên tổng số thành viên Hội đồng (không tính trên số thành viên có mặt); "
        f"hình thức không quy định tỷ lệ tối thiểu cần trên {MAJORITY}% số thành viên đồng ý."
    )
    rows = []
    for n, tally in enumerate(tallies(data), start=1):
        rule = f"≥\u00a0{tally.threshold}%" if tally.threshold is not None else f">\u00a0{MAJORITY}%"
        verdict = "Đạt" if tally.passed else "Không đạt"
        percent = format_percent(tally.percent / 100, 1)
        rows.append(
            [str(n), tally.name, tally.award, str(tally.yes), str(tally.members), percent, f"{verdict} ({rule})"]
        )
    if rows:
        doc.add(Table(COLUMNS, rows))
    else:
        doc.para("Chưa có kết quả bỏ phiếu nào được ghi nhận.", indent=False)
    closed = _closing_time(data)
    doc.para(
        f"Cuộc họp kết thúc lúc {closed} cùng ngày. Biên bản được lập thành 02 bản, thông qua trước Hội đồng và "
        "được các thành viên có mặt nhất trí./.",
    )
    return doc.add(
        Signature(
            Signer("TM. HỘI ĐỒNG", "CHỦ TỊCH", s.text("council_chair")),
            left_signer=Signer("", "THƯ KÝ", s.text("council_secretary")),
        )
    )


def _setting_int(data: Dataset, key: str) -> int | None:
    try:
        return parse_number(data.settings.text(key))
    except CellError:
        return None


def _closing_time(data: Dataset) -> str:
    """ "10 giờ 30 phút" from the setting, or blanks for the secretary to fill in by hand."""
    try:
        moment = parse_time(data.settings.text("council_closed_at"))
    except CellError:
        moment = None
    return f"{moment.hour} giờ {moment.minute:02d} phút" if moment else "… giờ … phút"

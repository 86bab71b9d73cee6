"""Giấy mời: one Decree-30 letter per invited leader and guest — the provincial leaders and the guests (the Department's
own leaders host the conference, so they are not invited) — or, on request, one person's letter on its own."""

from __future__ import annotations

import re
from datetime import date, time
from typing import cast

import pandas as pd

from services.display.formatting import clock_time, long_date
from services.documents.decree import draft_number
from services.documents.model import Block, Doc, Header, Letterhead, PageBreak, Para, Signature, Title
from services.documents.text import keep_together
from services.people.positions import title_rank
from services.schema import Group, Rsvp
from services.text import fold, tidy
from services.validation import Dataset

INVITED_GROUPS = (Group.PROVINCE_LEADERS, Group.GUEST)  # in the order the letters are printed
RECIPIENTS = ("Như trên", "Lưu: VT, VP")
FILE_PREFIX = "giay-moi"


def invitees(data: Dataset) -> pd.DataFrame:
    """Everyone who gets a letter: provincial leaders, then guests, each by seniority of title (sheet order among
    equals); anyone who has declined ("vắng") is left out. Index = attendee ID, the attendees tab's columns."""
    people = data.frames["attendees"]
    people = people[people["group"].isin(INVITED_GROUPS) & (people["rsvp"] != Rsvp.ABSENT)]
    ordered = people.assign(
        _g=[INVITED_GROUPS.index(g) for g in people["group"]],
        _p=[title_rank(p) for p in people["position"]],
        _pos=range(len(people)),
    ).sort_values(["_g", "_p", "_pos"], kind="stable")
    return ordered.drop(columns=["_g", "_p", "_pos"])


def salutation(gender: object) -> str:
    """ "Ông" for Nam, "Bà" for Nữ, "Ông/Bà" when the sheet does not say."""
    return {"nam": "Ông", "nu": "Bà"}.get(fold(gender), "Ông/Bà")


def addressee(row: pd.Series, place: str = "") -> str:
    """ "Ông Mông Đức Dũng, Phó Giám đốc Sở Nội vụ": the unit only when the position does not already name it
    ("Phó Chủ tịch UBND tỉnh" of "UBND tỉnh Lạng Sơn"); an empty position or unit is left out."""
    name, position = tidy(row["name"], one_line=True), tidy(row.get("position"), one_line=True)
    unit = tidy(row.get("unit"), one_line=True)
    if unit and _names_unit(position, unit, place):
        unit = ""
    return ", ".join(x for x in (f"{salutation(row.get('gender'))} {name}".strip(), position, unit) if x)


def _names_unit(position: str, unit: str, place: str) -> bool:
    if not position:
        return False
    if fold(unit).startswith("lanh dao"):  # "Lãnh đạo Sở": a grouping, not a unit to print
        return True
    held = fold(position)
    bare = fold(unit)
    if place and bare.endswith(" " + fold(place)):  # "UBND tỉnh Lạng Sơn" → "ubnd tinh"
        bare = bare[: -len(fold(place)) - 1]
    return bool(bare) and bare in held


def _event(data: Dataset) -> str:
    return keep_together(tidy(data.settings.text("event_name"), one_line=True) or "Hội nghị điển hình tiên tiến")


def _organiser(data: Dataset, head: Letterhead) -> str:
    """The organiser as a sentence names it. The setting is usually typed in capitals for the letterhead, and
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ" cannot be cased back reliably, so then just its first word: "Sở"."""
    typed = tidy(data.settings.text("organiser"), one_line=True)
    if typed and typed != typed.upper():
        return typed
    first = (typed or head.organiser).split()
    return first[0].capitalize() if first else "Sở"


def clock(moment: time | None) -> str:
    """ "07 giờ 30"."""
    return clock_time(moment)


def letter(data: Dataset, row: pd.Series, today: date, head: Letterhead) -> list[Block]:
    """One invitation: header, title, "Kính gửi", purpose, time, place, closing and the Director's signature."""
    s = data.settings
    who = salutation(row.get("gender"))
    event = _event(data)
    blocks: list[Block] = [
        Header(today, draft_number("GM", head)),
        Title("GIẤY MỜI", (f"Dự {event}",)),
        Para(f"Kính gửi: {addressee(row, head.place)}", indent=False, align="C"),
        Para(
            f"{_organiser(data, head)} tổ chức {event} nhằm đánh giá kết quả phong trào thi đua yêu nước, biểu dương, tôn "
            f"vinh các tập thể, cá nhân điển hình tiên tiến. Trân trọng kính mời {who} tới dự Hội nghị."
        ),
    ]
    when = ", ".join(x for x in (clock(s.start_time), long_date(s.event_date) if s.event_date else "") if x)
    if when:
        blocks.append(Para(f"Thời gian: {when}."))
    venue = tidy(s.text("venue"), one_line=True)
    if venue:
        blocks.append(Para(f"Địa điểm: {venue}."))
    blocks += [
        Para(f"Sự có mặt của {who} góp phần vào thành công của Hội nghị./."),
        Signature(recipients=RECIPIENTS),
    ]
    return blocks


def _attendee(data: Dataset, attendee_id: str) -> pd.Series:
    people = data.frames["attendees"]
    wanted = str(attendee_id).strip()
    for key in (wanted, wanted.upper()):
        if key in people.index:
            return cast(pd.Series, people.loc[key])  # attendee IDs are unique: one row
    raise ValueError(f"Không tìm thấy đại biểu có mã “{wanted}” trong danh sách đại biểu.")


def invitations(data: Dataset, today: date, only: str | None = None) -> Doc:
    """Every invitee's letter, one page each; `only` = one attendee ID for that person's letter alone (anyone on the
    attendees tab may be asked for by ID). An unknown ID raises ValueError with a message for the user."""
    head = Letterhead.from_settings(data.settings)
    if only is not None:
        person = _attendee(data, only)
        doc = Doc(head, page_numbers=False, title=f"Giấy mời - {tidy(person['name'], one_line=True)}")
        return doc.add(*letter(data, person, today, head))
    doc = Doc(head, page_numbers=False, title="Giấy mời")
    people = invitees(data)
    if people.empty:
        return doc.para("Chưa có lãnh đạo tỉnh hoặc khách mời nào trong danh sách đại biểu.", indent=False)
    for n, (_, row) in enumerate(people.iterrows()):
        if n:
            doc.add(PageBreak())
        doc.add(*letter(data, row, today, head))
    return doc


def slug(text: str) -> str:
    """ "Triệu Thị Thu Yến" → "trieu-thi-thu-yen": no diacritics, đ → d, ASCII letters and digits joined by "-"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def invitation_file_name(data: Dataset, attendee_id: str, fmt: str = "") -> str:
    """ "giay-moi-trieu-thi-thu-yen" (with ".pdf"/".docx" when `fmt` is given); ValueError for an unknown ID."""
    person = _attendee(data, attendee_id)
    stem = f"{FILE_PREFIX}-{slug(tidy(person['name'])) or slug(str(person.name))}".rstrip("-")
    return f"{stem}.{fmt}" if fmt else stem

"""The programme with computed times (Chương trình hội nghị) and the MC's script built from it (Kịch bản dẫn chương
trình): guests by rank, presenters of tham luận, honorees in batches with the leader who presents, delegates."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import ceremony, honours, law
from services.display.formatting import clock_time, long_date, vietnamese_date
from services.documents.decision import body_name
from services.documents.decree import draft_number
from services.documents.lists import decision_number, setting_date
from services.documents.model import Doc, Header, Heading, Letterhead, Para, Signature, Table, TableColumn, Title
from services.documents.text import keep_together
from services.people.positions import title_rank
from services.planning.schedule import build_schedule
from services.schema import Group, Rsvp
from services.text import tidy
from services.validation import Dataset

PROGRAMME_COLUMNS = (
    TableColumn("STT", 12, "C"),
    TableColumn("Thời gian", 38, "C"),  # "07 giờ 30 - 07 giờ 45", as administrative documents write the hour
    TableColumn("Nội dung", 67),
    TableColumn("Người thực hiện", 47),
)
GUEST_GROUPS = (Group.PROVINCE_LEADERS, Group.GUEST, Group.DEPARTMENT_LEADERS)


def _event(data: Dataset) -> str:
    return keep_together(data.settings.text("event_name") or "Hội nghị điển hình tiên tiến")


def programme_rows(data: Dataset) -> list[list[str]]:
    s = data.settings
    schedule = build_schedule(data.frames["programme"], s.start_time, s.session_minutes)
    readings = "; ".join(_reading(data, part) for part in ceremony.announcements(data))
    return [
        [
            str(n),
            f"{clock_time(r['start'])} - {clock_time(r['end'])}",
            _with_decisions(tidy(r["item"]), readings),
            tidy(r["presenter"]),
        ]
        for n, (_, r) in enumerate(schedule.items.iterrows(), start=1)
    ]


def _with_decisions(item: str, readings: str) -> str:
    """The award item names the decisions it announces (only decided ones: a proposal awaiting the Chủ tịch UBND
    tỉnh's decision is not on the programme)."""
    if _kind_of_item(item) != "awards" or not readings:
        return item
    return f"{item} (công bố {readings})"


def programme(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    doc = Doc(head, title="Chương trình hội nghị")
    doc.add(Header(today, draft_number("CTr", head)), Title("CHƯƠNG TRÌNH", (_event(data),)))
    when = f"{clock_time(s.start_time)}, {long_date(s.event_date)}" if s.event_date else clock_time(s.start_time)
    doc.para(f"Thời gian: {when}.", indent=False)
    if s.text("venue"):
        doc.para(f"Địa điểm: {s.text('venue')}.", indent=False)
    council = s.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh"
    return doc.add(
        Table(PROGRAMME_COLUMNS, programme_rows(data)),
        Signature(recipients=(council, "Các phòng, đơn vị trực thuộc Sở", "Lưu: VT, VP")),
    )


# --- MC script ----------------------------------------------------------------------------------------------


def guests_present(data: Dataset, today: date) -> tuple[pd.DataFrame, bool]:
    """Leaders and guests by rank: on the event day, those who actually checked in (if anyone has); before it, those
    who confirmed. The flag says which."""
    people = data.frames["attendees"]
    people = people[people["group"].isin(GUEST_GROUPS)]
    on_the_day = data.settings.event_date == today and people["checked_in"].notna().any()
    chosen = people[people["checked_in"].notna()] if on_the_day else people[people["rsvp"] == Rsvp.ATTENDING]
    chosen = chosen.assign(
        _g=[GUEST_GROUPS.index(g) for g in chosen["group"]],
        _p=[title_rank(p) for p in chosen["position"]],
        _pos=range(len(chosen)),
    )
    return chosen.sort_values(["_g", "_p", "_pos"], kind="stable"), bool(on_the_day)


def _who(row: pd.Series) -> str:
    name, position, unit = tidy(row["name"]), tidy(row.get("position")), tidy(row.get("unit"))
    # "Phó Chủ tịch UBND tỉnh" + "UBND tỉnh Lạng Sơn", "Giám đốc Sở" + "Lãnh đạo Sở": the unit adds nothing
    redundant = (
        not unit
        or unit.casefold().startswith("lãnh đạo")
        or " ".join(unit.split()[:2]).casefold() in position.casefold()
    )
    title = position if redundant else f"{position} {unit}"
    return f"đồng chí {name} - {title}" if title else f"đồng chí {name}"


def _presenter_of_award(data: Dataset, decider: str, guests: pd.DataFrame) -> str:
    """The leader who hands over the award: a provincial leader for the Chairman's forms, else the Director."""
    if "UBND" in decider or "tỉnh" in decider:
        province = guests[guests["group"] == Group.PROVINCE_LEADERS]
        if not province.empty:
            return _who(province.iloc[0])
    name = data.settings.text("signer_name")
    title = data.settings.text("signer_title").capitalize() or "Giám đốc"
    return f"đồng chí {name} - {title} Sở" if name else "Lãnh đạo Sở"


def _named(data: Dataset, presenter: str, fallback: str) -> str:
    """ "Giám đốc Sở" → "đồng chí Nguyễn Quang Huy - Giám đốc Sở": the leader whose position the programme names,
    found among the attendees; the text as written when nobody holds that position."""
    wanted = presenter.strip() or fallback
    for _, row in data.frames["attendees"].iterrows():
        if tidy(row["position"]).casefold() == wanted.casefold() and tidy(row["name"]):
            return _who(row)
    return wanted


def _kind_of_item(item: str) -> str:
    text = item.casefold()
    for kind, words in (
        ("opening", ("khai mạc", "tuyên bố lý do")),
        ("talks", ("tham luận",)),
        ("awards", ("khen thưởng các", "tôn vinh", "trao")),
        ("delegates", ("đại hội cấp trên", "đại biểu đi dự", "đại biểu dự đại hội")),
        ("launch", ("phát động",)),
        ("closing", ("bế mạc",)),
        ("report", ("báo cáo",)),
    ):
        if any(w in text for w in words):
            return kind
    return "other"


def _reading(data: Dataset, part: ceremony.Announcement) -> str:
    """ "Quyết định số 125/QĐ-SKHCN ngày … của Giám đốc Sở Khoa học và Công nghệ" — the decision the part reads."""
    head = Letterhead.from_settings(data.settings)
    if part.by_director:
        number = " ".join(decision_number(data, part.honorees, head).split())
        if not number.split("/")[0].strip():
            number = "……/" + number.split("/", 1)[-1].strip()
        issued = setting_date(data, "decision_date")
        when = f" {vietnamese_date(issued)}" if issued else ""
        return f"Quyết định số {number}{when} của Giám đốc {body_name(head)}"
    place = data.settings.text("place") or "Lạng Sơn"
    chair = "Chủ tịch Ủy ban nhân dân tỉnh" if part.decider == law.CHAIR else part.decider
    return f"Quyết định số {part.number} của {chair} {place}"


def _award_lines(data: Dataset, honorees: pd.DataFrame, guests: pd.DataFrame) -> list[str]:
    """Per decision: who reads it ("công bố Quyết định …"), then its batches — each honoree named "ông / bà / đại diện"
    — with the leader who hands the awards over. Proposals still awaiting the Chủ tịch's decision are not called."""
    said = ["Sau đây, Hội nghị tiến hành biểu dương, tôn vinh và khen thưởng các điển hình tiên tiến."]
    for part in ceremony.announcements(data, honorees):
        said.append(f"Trân trọng kính mời đại diện Lãnh đạo Văn phòng Sở công bố {_reading(data, part)}.")
        leader = _presenter_of_award(data, part.decider, guests)
        for batch, group in part.honorees.groupby("batch", sort=True):
            award = tidy(group["award"].iloc[0])
            names = ", ".join(ceremony.honoree_call(r) for _, r in group.iterrows())
            said.append(
                f"Lượt {batch} - {award}: trân trọng kính mời {names} lên nhận khen thưởng. "
                f"Kính mời {leader} lên trao tặng."
            )
    if honorees.empty:
        said.append("(Chưa có quyết định khen thưởng để công bố.)")
    waiting = ceremony.awaiting_decision(data)
    if len(waiting):
        said.append(
            f"(Ghi chú cho người dẫn: {len(waiting)} trường hợp đề nghị Chủ tịch UBND tỉnh khen thưởng chưa có số quyết "
            "định — không công bố, không trao tại Hội nghị.)"
        )
    return said


def closed_list(lines: list[str]) -> list[str]:
    """A spoken list: every line ends in ";", the last in "."."""
    return [f"{line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]


def mc_script_paragraphs(data: Dataset, today: date) -> list[tuple[str, list[str]]]:
    """(heading, what the MC says) per programme item, in running order."""
    s = data.settings
    schedule = build_schedule(data.frames["programme"], s.start_time, s.session_minutes)
    guests, on_the_day = guests_present(data, today)
    honorees = honours.honoree_order(data)
    event = _event(data)
    out: list[tuple[str, list[str]]] = []
    for n, (_, item) in enumerate(schedule.items.iterrows(), start=1):
        title, presenter = tidy(item["item"]), tidy(item["presenter"])
        heading = f"{n}. {clock_time(item['start'])} - {title}"
        kind = _kind_of_item(title)
        said: list[str] = []
        if kind == "opening":
            said.append(
                f"Kính thưa các vị đại biểu, thưa toàn thể Hội nghị! Được sự nhất trí của Lãnh đạo Sở, hôm nay "
                f"Sở tổ chức {event}. Tới dự Hội nghị, chúng tôi trân trọng giới thiệu"
                + (" (theo danh sách đại biểu đã có mặt):" if on_the_day else ":")
            )
            said += closed_list([f"- {_who(r)}" for _, r in guests.iterrows()]) or [
                "- (chưa có đại biểu xác nhận tham dự)."
            ]
            said.append("Cùng toàn thể công chức, viên chức và người lao động của Sở. Xin trân trọng cảm ơn!")
            opener = presenter.split(";")[-1].strip() if presenter else ""
            said.append(f"Trân trọng kính mời {_named(data, opener, 'Lãnh đạo Sở')} phát biểu khai mạc Hội nghị.")
        elif kind == "talks":
            talks = honours.presentations(data)
            said.append("Tiếp theo chương trình, Hội nghị sẽ nghe các báo cáo tham luận của các điển hình tiên tiến.")
            for _, r in talks.iterrows():
                who = f"đại diện {tidy(r['name'])}" if r["kind"] == honours.COLLECTIVE else _who(r)
                said.append(f"Trân trọng kính mời {who} trình bày tham luận “{tidy(r['talk_title'])}”.")
            if talks.empty:
                said.append(f"Trân trọng kính mời {presenter or 'các điển hình tiên tiến'} trình bày tham luận.")
        elif kind == "awards":
            said += _award_lines(data, honorees, guests)
        elif kind == "launch":
            said.append(
                f"Kính thưa Hội nghị! Để tiếp tục đẩy mạnh phong trào thi đua trong giai đoạn 2025 - 2030, "
                f"trân trọng kính mời {_named(data, presenter, 'Giám đốc Sở')} lên phát động phong trào thi đua."
            )
        elif kind == "delegates":
            chosen = honours.delegates(data)
            congress = s.text("higher_congress") or "Đại hội thi đua yêu nước cấp trên"
            said.append(
                f"Trân trọng kính mời {presenter or 'Văn phòng Sở'} thông qua danh sách đại biểu dự {congress}:"
            )
            said += closed_list([f"- {_who(r)}" for _, r in chosen.iterrows()]) or ["- (chưa chọn đại biểu)."]
            said.append("Đề nghị Hội nghị biểu quyết thông qua danh sách bằng hình thức giơ tay.")
        elif kind == "closing":
            said.append(
                f"Kính thưa Hội nghị! Trân trọng kính mời {_named(data, presenter, 'Giám đốc Sở')} phát biểu tổng "
                "kết và bế mạc "
                f"Hội nghị. {event} xin được bế mạc. Xin trân trọng cảm ơn!"
            )
        else:
            said.append(
                f"Tiếp theo chương trình, trân trọng kính mời {_named(data, presenter, 'đại biểu')}: {title.lower()}."
            )
        out.append((heading, said))
    return out


def mc_script(data: Dataset, today: date) -> Doc:
    """An internal working paper: no letterhead, no number, no signature — the title, the date and the lines."""
    head = Letterhead.from_settings(data.settings)
    doc = Doc(head, title="Kịch bản dẫn chương trình")
    when = long_date(data.settings.event_date) if data.settings.event_date else ""
    doc.add(Title("KỊCH BẢN", (f"Dẫn chương trình {_event(data)}",), attached=f"({when})" if when else ""))
    for heading, said in mc_script_paragraphs(data, today):
        doc.add(Heading(heading))
        doc.add(*(Para(line, indent=not line.startswith("- ")) for line in said))
    return doc

"""Báo cáo tiến độ chuẩn bị (readiness report for the council, bar charts drawn by fpdf2 itself) and the seating
plan (Sơ đồ chỗ ngồi)."""

from __future__ import annotations

from datetime import date

from services.display.formatting import short_date, vietnamese_date
from services.documents.decree import draft_number
from services.documents.model import (
    Bar,
    Bars,
    Doc,
    Header,
    Heading,
    Letterhead,
    Seat,
    SeatGrid,
    Signature,
    Table,
    TableColumn,
    Title,
)  # fmt: skip
from services.documents.text import keep_together
from services.people.seating import SeatingError, hall_from_settings, parse_seat, seat_label
from services.planning.readiness import assess
from services.text import tidy
from services.validation import Dataset

COMPONENT_COLUMNS = (
    TableColumn("Thành phần", 40),
    TableColumn("Tỷ trọng", 20, "C"),
    TableColumn("Đạt", 14, "C"),
    TableColumn("Số liệu", 91),
)
OVERDUE_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Nhiệm vụ", 70),
    TableColumn("Đơn vị chủ trì", 44),
    TableColumn("Hạn", 22, "C"),
    TableColumn("Trễ (ngày)", 18, "C"),
)


def readiness_report(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    result = assess(data, today)
    event = keep_together(s.text("event_name") or "Hội nghị điển hình tiên tiến")
    council = s.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh"
    doc = Doc(head, title="Báo cáo tiến độ chuẩn bị")
    doc.add(Header(today, draft_number("BC", head)), Title("BÁO CÁO", (f"Tiến độ chuẩn bị {event}",)))
    days = result.countdown.days
    when = (
        f"Hội nghị dự kiến tổ chức {vietnamese_date(s.event_date)}"
        + (f", còn {days} ngày." if days is not None and days >= 0 else ".")
        if s.event_date
        else "Chưa ấn định ngày tổ chức Hội nghị."
    )
    score = "chưa tính được" if result.score is None else f"{result.score}/100 điểm"
    doc.para(when).para(f"Mức độ sẵn sàng chung tính đến {vietnamese_date(today)}: {score}.")
    sub = result.submission
    if sub.deadline:
        before = "" if sub.days_before_event is None else f" (trước Hội nghị {sub.days_before_event} ngày)"
        doc.para(
            f"Hồ sơ gửi {council} hạn {short_date(sub.deadline)}{before}: "
            f"{sub.task or 'chưa có nhiệm vụ tương ứng'} - tiến độ {round(100 * sub.progress)}%."
        )
    doc.add(
        Heading("1. Kết quả theo thành phần"),
        Bars(tuple(
            Bar(c.label, c.value, c.status, "—" if c.value is None else f"{c.percent}%") for c in result.components
        )),
        Table(
            COMPONENT_COLUMNS,
            [
                [c.label, f"{c.weight:g}", "—" if c.percent is None else f"{c.percent}%", c.detail]
                for c in result.components
            ],
            size=11,
        ),
        Heading("2. Nhiệm vụ quá hạn"),
    )  # fmt: skip
    if result.overdue.empty:
        doc.para("Không có nhiệm vụ quá hạn.")
    else:
        doc.add(
            Table(
                OVERDUE_COLUMNS,
                [
                    [str(n), tidy(r["task"]), tidy(r["unit"]), short_date(r["due"]), str(r["days_late"])]
                    for n, (_, r) in enumerate(result.overdue.iterrows(), start=1)
                ],
                size=11,
            )
        )
    doc.para(f"Trên đây là báo cáo tiến độ chuẩn bị {event}./.")
    return doc.add(Signature(recipients=(council, "Lãnh đạo Sở", "Lưu: VT, VP")))


def seating_plan(data: Dataset, today: date) -> Doc:
    """The hall as a grid, stage on top, each seat with its label and the surname + given name of who sits there."""
    head = Letterhead.from_settings(data.settings)
    doc = Doc(head, landscape=True, title="Sơ đồ chỗ ngồi")
    doc.add(
        Header(today, draft_number("SĐ", head)),
        Title("SƠ ĐỒ CHỖ NGỒI", (keep_together(data.settings.text("event_name") or "Hội nghị điển hình tiên tiến"),)),
    )
    try:
        hall = hall_from_settings(data.settings.values)
    except SeatingError:  # the Tài liệu page names the bad setting; the printed page only says there is no plan
        return doc.para("Chưa có sơ đồ hội trường.", indent=False)
    taken: dict[str, str] = {}
    for seat, name in zip(data.frames["attendees"]["seat"], data.frames["attendees"]["name"], strict=True):
        parsed = parse_seat(tidy(seat))
        if parsed:
            taken[seat_label(*parsed)] = tidy(name)
    if not taken:
        doc.para("Chưa xếp chỗ ngồi cho đại biểu.", indent=False)  # a printed page: no hint to the app's pages

    def short(name: str) -> str:
        words = name.split()
        return " ".join(words[-2:]) if len(words) > 2 else name

    rows = tuple(
        (
            row,
            tuple(
                Seat(seat_label(row, n), short(taken.get(seat_label(row, n), "")))
                for n in range(1, hall.seats_per_row + 1)
            ),
        )
        for row in hall.row_labels
    )
    return doc.add(SeatGrid(rows, hall.aisle_after))

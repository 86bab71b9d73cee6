"""Báo cáo tiến độ chuẩn bị (readiness report for the council, bar charts drawn by fpdf2 itself) and the seating
plan (Sơ đồ chỗ ngồi)."""

from __future__ import annotations

from datetime import date

from services.documents.layout import DecreePage, Letterhead, TableColumn, draft_number
from services.formatting import short_date, vietnamese_date
from services.people.seating import SeatingError, hall_from_settings, parse_seat, seat_label
from services.planning.readiness import Component, assess
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
BAR_COLOURS = {"ok": (46, 125, 50), "warning": (239, 159, 0), "danger": (198, 40, 40)}


def bar_chart(pdf: DecreePage, components: list[Component]) -> None:
    """One horizontal bar per component, 0–100 %, coloured by status — vector shapes, no browser or image."""
    label_w, bar_w, bar_h, gap = 48.0, pdf.epw - 48.0 - 16.0, 5.0, 2.5
    height = len(components) * (bar_h + gap) + 8
    if pdf.will_page_break(height):
        pdf.add_page()
    x0, y = pdf.l_margin, pdf.get_y()
    pdf._font("", 11)
    pdf.set_draw_color(160, 160, 160)
    for tick in range(0, 101, 25):
        tx = x0 + label_w + bar_w * tick / 100
        pdf.line(tx, y, tx, y + len(components) * (bar_h + gap))
        pdf.set_xy(tx - 6, y + len(components) * (bar_h + gap))
        pdf.cell(12, 5, f"{tick}%", align="C")
    for c in components:
        pdf.set_xy(x0, y)
        pdf.cell(label_w, bar_h, c.label)
        value = c.value or 0.0
        pdf.set_fill_color(*BAR_COLOURS.get(c.status, (120, 120, 120)))
        if value > 0:
            pdf.rect(x0 + label_w, y, bar_w * value, bar_h, style="F")
        pdf.set_xy(x0 + label_w + bar_w * value + 1, y)
        pdf.cell(15, bar_h, "—" if c.value is None else f"{c.percent}%")
        y += bar_h + gap
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, y + 8)
    pdf._font("", 13)


def readiness_report_pdf(data: Dataset, today: date) -> bytes:
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    result = assess(data, today)
    pdf = DecreePage(head)
    pdf.letterhead(today, draft_number("BC", head))
    pdf.title_block("BÁO CÁO", f"Tiến độ chuẩn bị {s.text('event_name') or 'Hội nghị điển hình tiên tiến'}")
    days = result.countdown.days
    when = (
        f"Hội nghị dự kiến tổ chức {vietnamese_date(s.event_date)}"
        + (f", còn {days} ngày." if days is not None and days >= 0 else ".")
        if s.event_date
        else "Chưa ấn định ngày tổ chức Hội nghị."
    )
    pdf.paragraph(when)
    score = "chưa tính được" if result.score is None else f"{result.score}/100 điểm"
    pdf.paragraph(f"Mức độ sẵn sàng chung tính đến {vietnamese_date(today)}: {score}.")
    sub = result.submission
    if sub.deadline:
        pdf.paragraph(
            f"Hồ sơ gửi {s.text('council_body') or 'Hội đồng Thi đua - Khen thưởng tỉnh'} hạn {short_date(sub.deadline)} "
            f"(trước Hội nghị {s.report_lead_days} ngày): {sub.task or 'chưa có nhiệm vụ tương ứng'} - "
            f"tiến độ {round(100 * sub.progress)}%."
        )
    pdf.heading("1. Kết quả theo thành phần")
    bar_chart(pdf, result.components)
    pdf.table(
        COMPONENT_COLUMNS,
        [
            [c.label, f"{c.weight:g}", "—" if c.percent is None else f"{c.percent}%", c.detail]
            for c in result.components
        ],
        size=11,
    )
    pdf.heading("2. Nhiệm vụ quá hạn")
    if result.overdue.empty:
        pdf.paragraph("Không có nhiệm vụ quá hạn.")
    else:
        pdf.table(
            OVERDUE_COLUMNS,
            [
                [str(n), tidy(r["task"]), tidy(r["unit"]), short_date(r["due"]), str(r["days_late"])]
                for n, (_, r) in enumerate(result.overdue.iterrows(), start=1)
            ],
            size=11,
        )
    pdf.signature([s.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh", "Lãnh đạo Sở", "Lưu: VT, VP"])
    return pdf.to_bytes()


def seating_plan_pdf(data: Dataset, today: date) -> bytes:
    """The hall as a grid, stage on top, each seat with its label and the surname + given name of who sits there."""
    head = Letterhead.from_settings(data.settings)
    pdf = DecreePage(head, landscape=True)
    pdf.letterhead(today, draft_number("SĐ", head))
    pdf.title_block("SƠ ĐỒ CHỖ NGỒI", data.settings.text("event_name") or "Hội nghị điển hình tiên tiến")
    try:
        hall = hall_from_settings(data.settings.values)
    except SeatingError as exc:
        pdf.paragraph(str(exc), indent=False)
        return pdf.to_bytes()
    attendees = data.frames["attendees"]
    taken: dict[str, str] = {}
    for _, r in attendees.iterrows():
        parsed = parse_seat(tidy(r["seat"]))
        if parsed:
            taken[seat_label(*parsed)] = tidy(r["name"])
    if not taken:
        pdf.paragraph("Chưa xếp chỗ ngồi cho đại biểu (trang Xếp chỗ ngồi).", indent=False)
    aisle = 6.0
    seat_w = (pdf.epw - 10 - aisle) / hall.seats_per_row
    seat_h = min(11.0, (pdf.page_break_trigger - pdf.get_y() - 14) / max(hall.rows, 1))
    seat_h = max(seat_h, 8.0)
    pdf._font("B", 12)
    pdf.set_fill_color(230, 230, 230)
    pdf.cell(pdf.epw, 7, "SÂN KHẤU", border=1, align="C", fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for row in hall.row_labels:
        if pdf.get_y() + seat_h > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        pdf._font("B", 10)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(10, seat_h, row, align="C")
        for number in range(1, hall.seats_per_row + 1):
            x = pdf.l_margin + 10 + (number - 1) * seat_w + (aisle if number > hall.aisle_after else 0)
            label = seat_label(row, number)
            name = taken.get(label, "")
            pdf.set_fill_color(235, 243, 252)
            pdf.rect(x + 0.4, y + 0.4, seat_w - 0.8, seat_h - 0.8, style="DF" if name else "D")
            pdf._font("", 6)
            pdf.set_xy(x + 0.4, y + 0.6)
            pdf.cell(seat_w - 0.8, 2.6, label, align="C")
            if name:
                words = name.split()
                short = " ".join(words[-2:]) if len(words) > 2 else name
                pdf._font("", 6.5)
                pdf.set_xy(x + 0.4, y + 3.2)
                pdf.multi_cell(seat_w - 0.8, 2.6, short, align="C", padding=0)
        pdf.set_xy(pdf.l_margin, y + seat_h)
    pdf._font("", 13)
    return pdf.to_bytes()

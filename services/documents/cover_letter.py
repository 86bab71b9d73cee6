"""The công văn that sends the T-15 dossier: the plan (Kế hoạch, section III.1) has the Văn phòng send "kế hoạch, lịch
tổ chức hội nghị, báo cáo tổng kết và nội dung, chương trình hội nghị" to the Hội đồng Thi đua - Khen thưởng tỉnh
(qua Sở Nội vụ) 15 days before the conference. Layout of a công văn after Nghị định 30/2020/NĐ-CP, Phụ lục I: the
trích yếu "V/v …" under the number, "Kính gửi", the body, "Nơi nhận"."""

from __future__ import annotations

from datetime import date

from services.display.formatting import clock_time, long_date
from services.documents.decision import body_name
from services.documents.decree import organiser_code
from services.documents.model import Doc, Header, Letterhead, Para, Signature
from services.documents.text import keep_together
from services.validation import Dataset

COUNCIL = "Hội đồng Thi đua - Khen thưởng tỉnh"
SUBJECT = "V/v gửi hồ sơ tổ chức Hội nghị điển hình tiên tiến"
# What the letter says it encloses, in the plan's words (section III.1), in the dossier's order.
ENCLOSED = (
    "Kế hoạch tổ chức Hội nghị",
    "Chương trình, lịch tổ chức Hội nghị",
    "Báo cáo tổng kết phong trào thi đua và công tác khen thưởng giai đoạn 2020 - 2025; phương hướng, nhiệm vụ "
    "giai đoạn 2025 - 2030 (kèm Phụ lục thống kê kết quả khen thưởng)",
)


def letter_number(head: Letterhead) -> str:
    """A công văn's number has no type code, only the issuing body and the drafting unit: "      /SKHCN-VP"."""
    return f"{' ' * 6}/{organiser_code(head.organiser)}-VP"


def council_name(data: Dataset, head: Letterhead) -> str:
    """ "Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn (qua Sở Nội vụ)": the `council_body` setting as typed, the
    route through Sở Nội vụ added when the setting does not name it."""
    typed = data.settings.text("council_body").strip().rstrip(".") or f"{COUNCIL} {head.place}".strip()
    return typed if "nội vụ" in typed.lower() else f"{typed} (qua Sở Nội vụ)"


def cover_letter(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    body = body_name(head)
    council = council_name(data, head)
    event = keep_together(s.text("event_name") or "Hội nghị điển hình tiên tiến")
    days = s.text("report_lead_days").strip() or "15"
    doc = Doc(head, title="Công văn gửi hồ sơ Hội nghị điển hình tiên tiến")
    doc.add(
        Header(today, letter_number(head), subject=SUBJECT),
        Para(f"Kính gửi: {council}.", indent=False, align="C"),
    )
    when = ""
    if s.event_date:
        day = long_date(s.event_date)
        day = day[:1].lower() + day[1:]  # "thứ Bảy, ngày …" inside the sentence
        hour = clock_time(s.start_time)
        when = f" vào hồi {hour}, {day}" if hour else f" vào {day}"
    venue = s.text("venue").strip()
    doc.para(
        f"Thực hiện Kế hoạch tổ chức Đại hội thi đua yêu nước các cấp của Ủy ban nhân dân tỉnh {head.place}, {body} "
        f"tổ chức {event}{when}" + (f" tại {venue}." if venue else ".")
    )
    doc.para(f"{body} trân trọng gửi {council} hồ sơ tổ chức Hội nghị trước {days} ngày tổ chức Hội nghị, gồm:")
    for n, item in enumerate(ENCLOSED, start=1):
        doc.para(f"{n}. {item}{'.' if n == len(ENCLOSED) else ';'}")
    doc.para(f"{body} kính đề nghị {council.split(' (qua')[0]} quan tâm, chỉ đạo./.")
    return doc.add(Signature(recipients=("Như trên", "Lãnh đạo Sở", "Lưu: VT, VP")))

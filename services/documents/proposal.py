"""Tờ trình of the Director to the Chủ tịch UBND tỉnh (qua Sở Nội vụ) proposing the forms the province decides (every
form outside Luật Thi đua, khen thưởng 2022 Điều 80 khoản 1: Cờ thi đua, Bằng khen … — at this 2020 - 2025 conference
not the yearly titles), approved by the Sở's council, decided or not yet, with the tiền thưởng they carry and the
attached list of those honorees."""

from __future__ import annotations

from datetime import date

from services.awards import honours, rewards
from services.display.formatting import vietnamese_date
from services.documents.decision import (
    ACHIEVEMENT,
    DECREE,
    LAW,
    MEETING,
    MINUTES,
    attached_blocks,
    body_name,
    count_lines,
    count_phrase,
    money,
    reward_paragraphs,
)
from services.documents.decree import draft_number
from services.documents.model import Doc, Header, Letterhead, PageBreak, Para, Signature, Title
from services.validation import Dataset

SUBJECT = f"Về việc đề nghị Chủ tịch UBND tỉnh khen thưởng các tập thể, cá nhân {ACHIEVEMENT}"
RECIPIENTS = ("Như trên", "Lưu: VT, VP")


def proposal_number(data: Dataset, head: Letterhead) -> str:
    """The `proposal_no` setting once registered, else a blank for the clerk: "      /TTr-SKHCN"."""
    return data.settings.text("proposal_no").strip() or draft_number("TTr", head)


def reward_proposal(data: Dataset, today: date) -> Doc:
    """The Tờ trình proposing exactly the higher forms, dated today, with its attached list."""
    head = Letterhead.from_settings(data.settings)
    order = honours.lawful_order(data)  # proposals are not decided yet: every lawful approved one
    honorees = rewards.honorees_of(data, rewards.HIGHER, order)
    summary = rewards.higher_rewards(data, order)
    number = proposal_number(data, head)
    body = body_name(head)
    chair = f"Chủ tịch UBND tỉnh {head.place}"

    doc = Doc(head, title="Tờ trình đề nghị khen thưởng")
    doc.add(
        Header(today, number),
        Title("TỜ TRÌNH", (SUBJECT,)),
        Para(f"Kính gửi: {chair} (qua Sở Nội vụ).", indent=False, align="C"),
        Para(LAW),
        Para(DECREE),
        Para(f"Căn cứ kết quả họp xét tại {MEETING} và {MINUTES},"),
    )
    if summary.lines:
        doc.para(
            f"{body} kính trình Chủ tịch UBND tỉnh xem xét, khen thưởng cho "
            f"{count_phrase(summary.collectives, summary.individuals)} {ACHIEVEMENT}, cụ thể:"
        )
        for line in count_lines(summary):
            doc.para(line)
        doc.para("(Có danh sách và hồ sơ đề nghị khen thưởng kèm theo).")
        doc.para(
            "Tiền thưởng kèm theo các hình thức khen thưởng trên, tính theo hệ số mức lương cơ sở "
            f"({money(summary.base_salary)}/tháng):"
        )
        doc.add(*reward_paragraphs(summary))
    else:
        doc.para(
            "Chưa có tập thể, cá nhân nào được Hội đồng Thi đua - Khen thưởng Sở thống nhất đề nghị khen thưởng "
            "cấp tỉnh."
        )
    doc.para(f"{body} kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")
    doc.add(Signature(recipients=RECIPIENTS), PageBreak())
    when = vietnamese_date(today)
    return doc.add(
        *attached_blocks(
            honorees,
            f"Tập thể, cá nhân {ACHIEVEMENT} đề nghị Chủ tịch UBND tỉnh khen thưởng",
            f"(Kèm theo Tờ trình số {number} {when} của {body})",
            "Chưa có tập thể, cá nhân nào đề nghị khen thưởng cấp tỉnh.",
        )
    )

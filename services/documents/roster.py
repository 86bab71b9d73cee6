"""Danh sách trích ngang: one line per collective and individual the Sở proposes to the Chủ tịch UBND tỉnh — name,
gender, ethnicity, post and unit, the form proposed and the achievement in short — attached to the Tờ trình.

Landscape: eight columns do not fit a portrait page at 12 pt."""

from __future__ import annotations

from datetime import date

from services.awards import honours
from services.documents.annex import PERIOD_TEXT
from services.documents.decision import body_name
from services.documents.decree import draft_number
from services.documents.lists import post_and_unit
from services.documents.model import Doc, GroupRow, Header, Letterhead, Para, Row, Signature, Table, TableColumn, Title
from services.documents.text import keep_together
from services.documents.upward import proposed_upward
from services.text import tidy
from services.validation import Dataset

ROSTER_COLUMNS = (
    TableColumn("STT", 12, "C"),
    TableColumn("Họ và tên / Tên tập thể", 40),
    TableColumn("Giới tính", 14, "C"),
    TableColumn("Dân tộc", 14, "C"),
    TableColumn("Chức vụ, đơn vị công tác", 52),
    TableColumn("Hình thức đề nghị khen thưởng", 36),
    TableColumn("Tóm tắt thành tích", 64),
    TableColumn("Ghi chú", 18),
)
PARTS = ((honours.COLLECTIVE, "TẬP THỂ"), (honours.INDIVIDUAL, "CÁ NHÂN"))


def roster_rows(data: Dataset) -> list[Row]:
    """I. TẬP THỂ, II. CÁ NHÂN (a part with nobody is left out), STT restarting in each part."""
    proposed = proposed_upward(data)
    rows: list[Row] = []
    roman = iter(("I", "II"))
    for kind, heading in PARTS:
        part = proposed[proposed["kind"] == kind]
        if part.empty:
            continue
        rows.append(GroupRow(f"{next(roman)}. {heading}"))
        person = kind == honours.INDIVIDUAL
        for n, (_, r) in enumerate(part.iterrows(), start=1):
            rows.append([
                str(n), tidy(r["name"], one_line=True), tidy(r["gender"]) if person else "",
                tidy(r["ethnicity"]) if person else "", post_and_unit(r), tidy(r["award"], one_line=True),
                tidy(r["achievement"], one_line=True), tidy(r["note"], one_line=True),
            ])  # fmt: skip
    return rows


def short_list(data: Dataset, today: date) -> Doc:
    """DANH SÁCH TRÍCH NGANG, attached to the Tờ trình to the Chủ tịch UBND tỉnh."""
    head = Letterhead.from_settings(data.settings)
    number = data.settings.text("proposal_no").strip() or draft_number("TTr", head)
    doc = Doc(head, landscape=True, title="Danh sách trích ngang tập thể, cá nhân đề nghị khen thưởng cấp tỉnh")
    doc.add(
        Header(today, draft_number("DS", head)),
        Title(
            "DANH SÁCH TRÍCH NGANG",
            (
                keep_together(
                    f"Tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn {PERIOD_TEXT} "
                    f"đề nghị Chủ tịch Ủy ban nhân dân tỉnh {head.place} khen thưởng"
                ),
            ),
            attached=f"(Kèm theo Tờ trình số {number} của {body_name(head)})",
        ),
    )
    rows = roster_rows(data)
    if not rows:
        doc.para("Chưa có tập thể, cá nhân nào được duyệt đề nghị khen thưởng cấp tỉnh.", indent=False)
        return doc.add(Signature())
    proposed = proposed_upward(data)
    counts = proposed["kind"].value_counts()
    doc.add(
        Table(ROSTER_COLUMNS, rows, size=11),
        Para(
            f"Danh sách gồm {int(counts.get(honours.COLLECTIVE, 0))} tập thể và "
            f"{int(counts.get(honours.INDIVIDUAL, 0))} cá nhân./.",
            style="I",
        ),
    )
    return doc.add(Signature())

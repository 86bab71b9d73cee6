"""Báo cáo thành tích: the report every nominee proposed upward must send with the Tờ trình (Luật Thi đua, khen
thưởng 2022, Điều 84 khoản 1 điểm b: "Báo cáo thành tích của cá nhân, tập thể"), one for a collective and one for
an individual, after the outline of the forms in the appendix of Nghị định 152/2025/NĐ-CP.

What the sheet knows is filled in (name, gender, ethnicity, position, unit, the achievement text, the awards the
`Khen thưởng 2020–2025` tab records for the nominee); what it does not know (date of birth, hometown, the unit's
founding, figures of the achievement) is left as a dotted line for the nominee and the Office to complete in Word.
The report is signed by the nominee (or the collective's head), confirmed by the head of the unit, and confirmed by
the cấp trình khen thưởng — the Director — who proposes it upward.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.abbreviations import spell_out
from services.documents.annex import PERIOD_TEXT
from services.documents.decree import MARGIN_LEFT, MARGIN_RIGHT
from services.documents.model import (
    BODY_SIZE,
    Block,
    Doc,
    Header,
    Heading,
    Letterhead,
    PageBreak,
    Para,
    Row,
    Signature,
    Signer,
    Table,
    TableColumn,
    Title,
)  # fmt: skip
from services.documents.text import keep_together
from services.documents.text_measure import text_width
from services.documents.upward import is_commendation, past_awards, proposed_upward
from services.text import tidy
from services.validation import Dataset

# The form numbers of Nghị định 152/2025/NĐ-CP's appendix. "Mẫu số 05" for an individual is how Quyết định
# 638/QĐ-BNV (2025) cites it; the collective form's number could not be read in the decree's text, so none is printed.
FORM_NUMBER = {honours.INDIVIDUAL: "Mẫu số 05", honours.COLLECTIVE: ""}
FORM_SOURCE = "Phụ lục ban hành kèm theo Nghị định số 152/2025/NĐ-CP"
BLANK = "…" * 12  # a dotted line the nominee completes
MARGIN_TEXT_WIDTH = 210 - MARGIN_LEFT - MARGIN_RIGHT  # mm: the portrait page's text width
EMPTY_ROWS = 2  # rows left to fill in when the history tab records nothing
PAST_COLUMNS = (
    TableColumn("Năm", 14, "C"),
    TableColumn("Danh hiệu thi đua, hình thức khen thưởng", 60),
    TableColumn("Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định", 74),
)


def report_title(award: str, *more: str) -> Title:
    """ "BÁO CÁO THÀNH TÍCH" / "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh" / "giai đoạn 2020 - 2025" …"""
    subject = (f"Đề nghị tặng {tidy(award, one_line=True)}", keep_together(f"giai đoạn {PERIOD_TEXT}"), *more)
    return Title("BÁO CÁO THÀNH TÍCH", tuple(s for s in subject if s))


def dotted_lines(count: int = 2) -> list[Para]:
    """Whole lines of dots to write on, each exactly one printed line wide (a longer run would break mid-word)."""
    width = MARGIN_TEXT_WIDTH - 2
    line = "…" * int(width // text_width("…", "", BODY_SIZE))
    return [Para(line, indent=False, align="L") for _ in range(count)]


def _value(value: object) -> str:
    return tidy(value, one_line=True) or BLANK


def _past_tables(data: Dataset, row: pd.Series) -> list[Heading | Table | Para]:
    """III. Danh hiệu thi đua and hình thức khen thưởng already received, from the history tab; a line to fill in
    when the tab records none."""
    past = past_awards(data, str(row["name"]), str(row["kind"]))
    blocks: list[Heading | Table | Para] = []
    for n, (label, commendation) in enumerate((("Danh hiệu thi đua", False), ("Hình thức khen thưởng", True)), 1):
        blocks.append(Heading(f"{n}. {label}:"))
        part = past[past["award"].map(is_commendation) == commendation]
        rows: list[Row] = [
            [str(int(r["year"])) if pd.notna(r["year"]) else "", r["award"], r["decision"] or BLANK]
            for _, r in part.iterrows()
        ]
        blocks.append(Table(PAST_COLUMNS, rows or [["", "", ""]] * EMPTY_ROWS, min_height=0 if rows else 8))
    return blocks


def _form_line(kind: str) -> Para | None:
    number = FORM_NUMBER.get(kind, "")
    if not number:
        return None
    return Para(f"{number} — {FORM_SOURCE}", indent=False, style="I", size=12, align="R")


def individual_report(data: Dataset, row: pd.Series) -> list[Block]:
    """The blocks of one individual's report (Báo cáo thành tích cá nhân)."""
    head = Letterhead.from_settings(data.settings)
    blocks: list[Block] = [
        Header(None, numbered=False, date_line=f"{head.place}, ngày … tháng … năm …"),
        report_title(str(row["award"])),
    ]
    if line := _form_line(honours.INDIVIDUAL):
        blocks.insert(1, line)
    blocks += [
        Heading("I. SƠ LƯỢC LÝ LỊCH"),
        Para(f"- Họ và tên: {_value(row['name'])}.", indent=False),
        Para(f"- Sinh ngày, tháng, năm: {BLANK}; Giới tính: {_value(row['gender'])}.", indent=False),
        Para(f"- Dân tộc: {_value(row['ethnicity'])}.", indent=False),
        Para(f"- Quê quán: {BLANK}.", indent=False),
        Para(f"- Trú quán: {BLANK}.", indent=False),
        Para(f"- Đơn vị công tác: {_value(row['unit'])}.", indent=False),
        Para(f"- Chức vụ (đảng, chính quyền, đoàn thể): {_value(row['position'])}.", indent=False),
        Para(f"- Trình độ chuyên môn, nghiệp vụ: {BLANK}.", indent=False),
        Para(f"- Học hàm, học vị, danh hiệu, giải thưởng: {BLANK}.", indent=False),
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Heading("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:"),
        *dotted_lines(),
        Heading(f"2. Thành tích đạt được giai đoạn {PERIOD_TEXT}:"),
        Para(_achievement(row)),
        Para(
            "(Nêu kết quả thực hiện nhiệm vụ được giao: năng suất, chất lượng, hiệu quả; các giải pháp, sáng kiến, "
            "đề tài khoa học đã được công nhận, áp dụng; việc học tập, rèn luyện.)",
            style="I",
        ),
        Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *_past_tables(data, row),
        Signature(
            Signer(title="NGƯỜI BÁO CÁO THÀNH TÍCH", note="(Ký, ghi rõ họ và tên)", name=tidy(row["name"])),
            left_signer=Signer(title="THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", note="(Ký, đóng dấu)"),
            below=_superior(head),
        ),
    ]
    return blocks


def collective_report(data: Dataset, row: pd.Series) -> list[Block]:
    """The blocks of one collective's report (Báo cáo thành tích tập thể)."""
    head = Letterhead.from_settings(data.settings)
    name = tidy(row["name"], one_line=True)
    parent = tidy(row["unit"], one_line=True)
    superior = parent if parent and parent != name else head.organiser
    blocks: list[Block] = [
        Header(None, numbered=False, date_line=f"{head.place}, ngày … tháng … năm …", bodies=(superior, name)),
        report_title(str(row["award"]), name),
    ]
    if line := _form_line(honours.COLLECTIVE):
        blocks.insert(1, line)
    blocks += [
        Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        Heading("1. Đặc điểm, tình hình:"),
        Para(
            f"- Tên tập thể: {name or BLANK}" + (f", thuộc {parent}." if parent and parent != name else "."),
            indent=False,
        ),
        Para(f"- Địa điểm trụ sở, điện thoại, thư điện tử: {BLANK}.", indent=False),
        Para(f"- Quá trình thành lập và phát triển: {BLANK}.", indent=False),
        Para(f"- Tổ chức bộ máy; tổng số cán bộ, công chức, viên chức, người lao động: {BLANK}.", indent=False),
        Heading("2. Chức năng, nhiệm vụ được giao:"),
        *dotted_lines(),
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Heading(f"1. Kết quả thực hiện nhiệm vụ được giao giai đoạn {PERIOD_TEXT}:"),
        Para(_achievement(row)),
        Para(
            "(Nêu các chỉ tiêu, nhiệm vụ cụ thể và kết quả đạt được; so sánh với giai đoạn trước; hiệu quả kinh "
            "tế - xã hội.)",
            style="I",
        ),
        Heading("2. Các giải pháp, sáng kiến, kinh nghiệm đã áp dụng:"),
        *dotted_lines(),
        Heading(
            "3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; hoạt động của tổ chức đảng, "
            "đoàn thể:"
        ),
        *dotted_lines(),
        Heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"),
        *_past_tables(data, row),
        Signature(
            Signer(title="THỦ TRƯỞNG ĐƠN VỊ", note="(Ký, đóng dấu)", letterhead_name=False),
            left_signer=Signer(title="THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP XÁC NHẬN", note="(Ký, đóng dấu)")
            if parent and parent != name
            else None,
            below=_superior(head),
        ),
    ]
    return blocks


def _achievement(row: pd.Series) -> str:
    text = tidy(row["achievement"], one_line=True)
    return text if text.endswith((".", "!", "?")) or not text else text + "."


def _superior(head: Letterhead) -> Signer:
    """The cấp trình khen thưởng who confirms the report and proposes it upward: the Director."""
    return Signer("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", head.signer_title, note="(Ký, đóng dấu)")


def report_blocks(data: Dataset, row: pd.Series) -> list[Block]:
    """One report's blocks, its first "UBND" written out (each report is read, and filed, on its own)."""
    blocks = (collective_report if row["kind"] == honours.COLLECTIVE else individual_report)(data, row)
    return spell_out(Doc(Letterhead(), blocks)).blocks


def achievement_report(data: Dataset, row: pd.Series) -> Doc:
    """One nominee's Báo cáo thành tích, as its own file."""
    head = Letterhead.from_settings(data.settings)
    doc = Doc(head, title=f"Báo cáo thành tích — {tidy(row['name'], one_line=True)}")
    return doc.add(*report_blocks(data, row))


def achievement_reports(data: Dataset, today: date) -> Doc:
    """Every proposed nominee's Báo cáo thành tích, one after another, each from a new page."""
    head = Letterhead.from_settings(data.settings)
    doc = Doc(head, title="Báo cáo thành tích của tập thể, cá nhân đề nghị khen thưởng cấp tỉnh")
    proposed = proposed_upward(data)
    if proposed.empty:
        return doc.add(
            Title("BÁO CÁO THÀNH TÍCH", ("Tập thể, cá nhân đề nghị khen thưởng cấp tỉnh",)),
            Para("Chưa có tập thể, cá nhân nào được duyệt đề nghị khen thưởng cấp tỉnh.", indent=False),
        )
    for n, (_, row) in enumerate(proposed.iterrows()):
        if n:
            doc.add(PageBreak())
        doc.add(*report_blocks(data, row))
    return doc

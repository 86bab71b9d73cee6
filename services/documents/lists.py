"""Attached lists: honorees by award form (Danh sách khen thưởng), delegates to the higher congress, and the
sign-in sheet grouped by unit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours
from services.documents import sources
from services.documents.layout import DecreePage, GroupRow, Letterhead, TableColumn, draft_number
from services.formatting import vietnamese_date
from services.positions import position_rank
from services.text import name_sort_key, tidy
from services.validation import Dataset

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
KIND_HEADINGS = ((honours.COLLECTIVE, "TẬP THỂ"), (honours.INDIVIDUAL, "CÁ NHÂN"))

HONOREE_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên / Tên tập thể", 40),
    TableColumn("Chức vụ", 27),
    TableColumn("Đơn vị", 42),
    TableColumn("Hình thức khen thưởng", 34),
)


def decision_line(honorees: pd.DataFrame, head: Letterhead, issued: date | None) -> str:
    """ "(Kèm theo Quyết định số …)" — the decision's number when every honoree carries the same one."""
    numbers = {n for n in (tidy(v) for v in honorees.get("decision_no", [])) if n}
    number = numbers.pop() if len(numbers) == 1 else draft_number("QĐ", head)
    when = vietnamese_date(issued) if issued else "ngày … tháng … năm …"
    body = head.organiser.split()[0].capitalize() if head.organiser.split() else ""
    return f"(Kèm theo Quyết định số {number} {when} của {head.signer_title.capitalize()} {body})".replace("  )", ")")


def honoree_rows(honorees: pd.DataFrame) -> list[list[str] | GroupRow]:
    """Award form headings (highest first), each split into I. TẬP THỂ / II. CÁ NHÂN, STT restarting per part."""
    rows: list[list[str] | GroupRow] = []
    for award, group in honorees.groupby("award", sort=False):
        rows.append(GroupRow(str(award).upper(), align="C"))
        part = 0
        for kind, heading in KIND_HEADINGS:
            members = group[group["kind"] == kind]
            if members.empty:
                continue
            rows.append(GroupRow(f"{ROMAN[part]}. {heading}", italic=True))
            part += 1
            for n, (_, r) in enumerate(members.iterrows(), start=1):
                position = "" if kind == honours.COLLECTIVE else tidy(r["position"])
                unit = tidy(r["unit"]) if tidy(r["unit"]) != tidy(r["name"]) else ""
                rows.append([str(n), tidy(r["name"]), position, unit, tidy(r["award"])])
    return rows


def honoree_list_pdf(data: Dataset, today: date, honorees: pd.DataFrame | None = None) -> bytes:
    head = Letterhead.from_settings(data.settings)
    honorees = honours.honoree_order(data) if honorees is None else honorees
    pdf = DecreePage(head)
    pdf.letterhead(today, draft_number("DS", head))
    event = data.settings.text("event_name") or "Hội nghị điển hình tiên tiến"
    pdf.title_block(
        "DANH SÁCH",
        f"Tập thể, cá nhân được khen thưởng tại {event}",
        attached=decision_line(honorees, head, None),
    )
    if honorees.empty:
        pdf.paragraph("Chưa có tập thể, cá nhân nào được duyệt khen thưởng.", indent=False)
    else:
        pdf.table(HONOREE_COLUMNS, honoree_rows(honorees))
        counts = honorees["kind"].value_counts()
        pdf.paragraph(
            f"Danh sách gồm {int(counts.get(honours.COLLECTIVE, 0))} tập thể và "
            f"{int(counts.get(honours.INDIVIDUAL, 0))} cá nhân./.",
            style="I",
        )
    pdf.signature()
    return pdf.to_bytes()


DELEGATE_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên", 36),
    TableColumn("Giới tính", 13, "C"),
    TableColumn("Dân tộc", 13, "C"),
    TableColumn("Chức vụ, đơn vị", 50),
    TableColumn("Thành tích", 33),
)


def delegate_list_pdf(data: Dataset, today: date) -> bytes:
    head = Letterhead.from_settings(data.settings)
    chosen = honours.delegates(data)
    congress = data.settings.text("higher_congress") or "Đại hội thi đua yêu nước cấp trên"
    pdf = DecreePage(head)
    pdf.letterhead(today, draft_number("DS", head))
    pdf.title_block("DANH SÁCH", f"Đại biểu dự {congress}")
    rows: list[list[str] | GroupRow] = []
    for n, (_, r) in enumerate(chosen.iterrows(), start=1):
        who = ", ".join(x for x in (tidy(r["position"]), tidy(r["unit"])) if x and x != tidy(r["name"]))
        rows.append([str(n), tidy(r["name"]), tidy(r["gender"]), tidy(r["ethnicity"]), who, tidy(r["award"])])
    quota = data.settings.delegate_quota
    if rows:
        pdf.table(DELEGATE_COLUMNS, rows)
        pdf.paragraph(f"Tổng số: {len(rows)} đại biểu (chỉ tiêu được phân bổ: {quota} đại biểu)./.", style="I")
    else:
        pdf.paragraph("Chưa chọn đại biểu dự Đại hội cấp trên.", indent=False)
    pdf.signature(
        ["Như trên", data.settings.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh", "Lưu: VT, VP"]
    )
    return pdf.to_bytes()


SIGNIN_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên", 45),
    TableColumn("Chức vụ", 40),
    TableColumn("Ký tên", 38),
)


def signin_rows(data: Dataset) -> list[list[str] | GroupRow]:
    people = sources.expected_attendees(data).copy()
    units = sources.unit_order(data)
    people["_unit"] = [units.get(tidy(u), len(units)) for u in people["unit"]]
    people["_group"] = [sources.group_rank(g) for g in people["group"]]
    people["_head"] = [position_rank(p) for p in people["position"]]
    people["_name"] = [name_sort_key(n) for n in people["name"]]
    people = people.sort_values(["_unit", "unit", "_head", "_group", "_name"], kind="stable")
    rows: list[list[str] | GroupRow] = []
    n = 0
    for unit, group in people.groupby("unit", sort=False):
        rows.append(GroupRow(tidy(unit) or "Đơn vị khác"))
        for _, r in group.iterrows():
            n += 1
            rows.append([str(n), tidy(r["name"]), tidy(r["position"]), ""])
    return rows


def signin_sheet_pdf(data: Dataset, today: date) -> bytes:
    head = Letterhead.from_settings(data.settings)
    event = data.settings.text("event_name") or "Hội nghị điển hình tiên tiến"
    pdf = DecreePage(head)
    pdf.letterhead(today, draft_number("DS", head))
    when = vietnamese_date(data.settings.event_date)
    pdf.title_block("DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ", event, attached=f"({when.capitalize()})" if when else "")
    pdf.table(SIGNIN_COLUMNS, signin_rows(data), min_height=10)
    return pdf.to_bytes()

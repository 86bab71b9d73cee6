"""Attached lists: honorees by award form (Danh sách khen thưởng), delegates to the higher congress, and the
sign-in sheet grouped by unit."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours
from services.display.formatting import vietnamese_date
from services.documents import sources
from services.documents.decree import draft_number
from services.documents.model import (
    Doc,
    GroupRow,
    Header,
    Letterhead,
    Para,
    Signature,
    Table,
    TableColumn,
    Title,
)  # fmt: skip
from services.documents.text import keep_together
from services.parsing import CellError, parse_date
from services.people.positions import position_rank, title_rank
from services.schema import Decider, Group
from services.text import match_key, name_sort_key, tidy
from services.validation import Dataset

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
KIND_HEADINGS = ((honours.COLLECTIVE, "TẬP THỂ"), (honours.INDIVIDUAL, "CÁ NHÂN"))

# The standard columns of a list attached to a decision; the award form is the heading above its rows.
HONOREE_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên", 62),
    TableColumn("Chức vụ, đơn vị công tác", 92),
)


def decision_number(data: Dataset, honorees: pd.DataFrame, head: Letterhead) -> str:
    """The Director's decision once issued: the `Sự kiện` setting, else the one number every honoree carries, else a
    blank for the clerk."""
    if data.settings.text("decision_no").strip():
        return data.settings.text("decision_no").strip()
    numbers = {n for n in (tidy(v) for v in honorees.get("decision_no", [])) if n}
    return numbers.pop() if len(numbers) == 1 else draft_number("QĐ", head)


def decision_line(number: str, head: Letterhead, issued: date | None) -> str:
    """ "(Kèm theo Quyết định số … ngày … của Giám đốc Sở)"."""
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
            columns = (members[c].tolist() for c in ("name", "kind", "position", "unit"))
            for n, (name, kind_, position, unit) in enumerate(zip(*columns, strict=True), start=1):
                rows.append([str(n), tidy(name), post_and_unit_of(kind_, position, unit, name)])
    return rows


def post_and_unit(r: pd.Series) -> str:
    return post_and_unit_of(r["kind"], r["position"], r["unit"], r["name"])


def post_and_unit_of(kind: object, position: object, unit: object, name: object) -> str:
    """ "Trưởng phòng, Phòng Quản lý khoa học"; a collective shows its parent unit only when it is another one."""
    post = "" if kind == honours.COLLECTIVE else tidy(position)
    where = tidy(unit) if tidy(unit) != tidy(name) else ""
    return ", ".join(x for x in (post, where) if x)


def honoree_list(data: Dataset, today: date, honorees: pd.DataFrame | None = None) -> Doc:
    """The honorees the ceremony announces, highest form first: attached to the Director's decision when he decides
    them all; when a decision of the Chủ tịch UBND tỉnh is announced too, the line names every decision."""
    head = Letterhead.from_settings(data.settings)
    honorees = honours.honoree_order(data) if honorees is None else honorees
    event = keep_together(data.settings.text("event_name") or "Hội nghị điển hình tiên tiến")
    issued = setting_date(data, "decision_date")
    mine = honorees[honorees["decider"].map(match_key) == match_key(str(Decider.DIRECTOR))]
    attached = decision_line(decision_number(data, mine, head), head, issued)
    higher = sorted({tidy(n) for n, d in zip(honorees["decision_no"], honorees["decider"], strict=True)
                     if match_key(d) != match_key(str(Decider.DIRECTOR)) and tidy(n)})  # fmt: skip
    if higher:
        numbers = ", ".join(f"số {n}" for n in higher)
        mine_part = attached[len("(Kèm theo ") : -1] + "; " if len(mine) else ""
        attached = f"(Theo {mine_part}Quyết định {numbers} của Chủ tịch Ủy ban nhân dân tỉnh {head.place})"
    doc = Doc(head, title="Danh sách khen thưởng")
    doc.add(
        Header(today, draft_number("DS", head)),
        Title("DANH SÁCH", (f"Tập thể, cá nhân được khen thưởng tại {event}",), attached=attached),
    )
    if honorees.empty:
        doc.para("Chưa có tập thể, cá nhân nào được duyệt khen thưởng.", indent=False)
    else:
        counts = honorees["kind"].value_counts()
        doc.add(
            Table(HONOREE_COLUMNS, honoree_rows(honorees)),
            Para(
                f"Danh sách gồm {int(counts.get(honours.COLLECTIVE, 0))} tập thể và "
                f"{int(counts.get(honours.INDIVIDUAL, 0))} cá nhân./.",
                style="I",
            ),
        )
    return doc.add(Signature())


def setting_date(data: Dataset, key: str) -> date | None:
    """A date setting, or None when blank or unreadable (the problem list already names it)."""
    try:
        return parse_date(data.settings.text(key))
    except CellError:
        return None


DELEGATE_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên", 36),
    TableColumn("Giới tính", 13, "C"),
    TableColumn("Dân tộc", 13, "C"),
    TableColumn("Chức vụ, đơn vị", 50),
    TableColumn("Thành tích", 33),
)


def delegate_rows(chosen: pd.DataFrame, start: int = 1) -> list[list[str]]:
    """The lines of `honours.delegates` as the delegate list prints them, numbered from `start` (the provincial
    council's merged list numbers on across units)."""
    rows = []
    for n, (_, r) in enumerate(chosen.iterrows(), start=start):
        who = ", ".join(x for x in (tidy(r["position"]), tidy(r["unit"])) if x and x != tidy(r["name"]))
        rows.append([str(n), tidy(r["name"]), tidy(r["gender"]), tidy(r["ethnicity"]), who, tidy(r["award"])])
    return rows


def delegate_list(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    chosen = honours.delegates(data)
    congress = keep_together(data.settings.text("higher_congress") or "Đại hội thi đua yêu nước cấp trên")
    doc = Doc(head, title="Danh sách đại biểu dự Đại hội cấp trên")
    doc.add(Header(today, draft_number("DS", head)), Title("DANH SÁCH", (f"Đại biểu dự {congress}",)))
    rows: list[list[str] | GroupRow] = list(delegate_rows(chosen))
    quota = data.settings.delegate_quota
    if rows:
        doc.add(
            Table(DELEGATE_COLUMNS, rows),
            Para(f"Tổng số: {len(rows)} đại biểu (chỉ tiêu được phân bổ: {quota} đại biểu)./.", style="I"),
        )
    else:
        doc.para("Chưa chọn đại biểu dự Đại hội cấp trên.", indent=False)
    council = data.settings.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh"
    return doc.add(Signature(recipients=("Như trên", council, "Lưu: VT, VP")))


SIGNIN_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Họ và tên", 45),
    TableColumn("Chức vụ", 40),
    TableColumn("Ký tên", 38),
)


GUESTS_FIRST = (Group.PROVINCE_LEADERS, Group.GUEST)  # signed for first, in rank order, above the Department's units


def signin_rows(data: Dataset) -> list[list[str] | GroupRow]:
    people = sources.expected_attendees(data).copy()
    units = sources.unit_order(data)
    guests = people[people["group"].isin(GUESTS_FIRST)]
    guests = guests.assign(
        _g=[GUESTS_FIRST.index(g) for g in guests["group"]], _p=[title_rank(p) for p in guests["position"]]
    ).sort_values(["_g", "_p"], kind="stable")
    rows: list[list[str] | GroupRow] = []
    n = 0
    if not guests.empty:
        rows.append(GroupRow("Lãnh đạo tỉnh và khách mời"))
        for _, r in guests.iterrows():
            n += 1
            rows.append(
                [str(n), tidy(r["name"]), ", ".join(x for x in (tidy(r["position"]), tidy(r["unit"])) if x), ""]
            )
    people = people[~people["group"].isin(GUESTS_FIRST)]
    people["_unit"] = [units.get(tidy(u), len(units)) for u in people["unit"]]
    people["_group"] = [sources.group_rank(g) for g in people["group"]]
    people["_head"] = [position_rank(p) for p in people["position"]]
    people["_name"] = [name_sort_key(n) for n in people["name"]]  # type: ignore[assignment]  # pandas-stubs: a column of tuples (sort keys) is valid pandas
    people = people.sort_values(["_unit", "unit", "_head", "_group", "_name"], kind="stable")
    for unit, group in people.groupby("unit", sort=False):
        rows.append(GroupRow(tidy(unit) or "Đơn vị khác"))
        for _, r in group.iterrows():
            n += 1
            rows.append([str(n), tidy(r["name"]), tidy(r["position"]), ""])
    return rows


def signin_sheet(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    event = keep_together(data.settings.text("event_name") or "Hội nghị điển hình tiên tiến")
    when = vietnamese_date(data.settings.event_date)
    doc = Doc(head, title="Danh sách đại biểu dự hội nghị")
    return doc.add(
        Header(today, draft_number("DS", head)),
        Title("DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ", (event,), attached=f"({when.capitalize()})" if when else ""),
        Table(SIGNIN_COLUMNS, signin_rows(data), min_height=10),
    )

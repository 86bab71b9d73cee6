"""The council's merged documents, every unit in the deployment file's order: the delegates to the provincial congress
(each unit's `honours.delegates`, printed as the unit's own Danh sách đại biểu prints them, `lists.delegate_rows`) and
the province-wide proposals to the Chủ tịch UBND tỉnh (each unit's `upward.proposed_upward`).

Built as the unit documents are: a `model.Doc` with the Nghị định 30/2020 header, title and signature blocks, rendered
by `services.documents.render` after `spell_out` (as `Document.build` does), so PDF and Word never drift; the XLSX
goes through `people.exports.to_xlsx`. A unit whose data cannot be read keeps its place with a note, never a gap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours
from services.documents import render
from services.documents.abbreviations import spell_out
from services.documents.decree import draft_number
from services.documents.lists import DELEGATE_COLUMNS, delegate_rows, post_and_unit_of
from services.documents.model import (
    Doc,
    GroupRow,
    Header,
    Letterhead,
    Para,
    Signature,
    Signer,
    Table,
    TableColumn,
    Title,
)
from services.documents.upward import proposed_upward
from services.people import exports
from services.province.status import UnitSnapshot
from services.text import tidy
from services.validation import Dataset

# The congress every unit of the province sends delegates to (issue 29, from the province's plan of the 2025
# conferences); a unit's own `higher_congress` setting names it on the unit's list.
PROVINCE_CONGRESS = "Đại hội thi đua yêu nước tỉnh Lạng Sơn lần thứ VI"
# Who issues the merged lists: the provincial council, its standing body being Sở Nội vụ.
COUNCIL_HEAD = Letterhead(
    parent_body="UBND TỈNH LẠNG SƠN",
    organiser="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    place="Lạng Sơn",
    signer_title="CHỦ TỊCH",
)
COUNCIL_SIGNER = Signer(authority="TM. HỘI ĐỒNG", title="CHỦ TỊCH")
RECIPIENTS = ("Chủ tịch UBND tỉnh", "Sở Nội vụ", "Các đơn vị trong danh sách", "Lưu: VT")
UNREADABLE_NOTE = "Chưa tổng hợp được: không đọc được dữ liệu của đơn vị ({error})"
NO_DELEGATES = "Đơn vị chưa chọn đại biểu"
NO_PROPOSALS = "Đơn vị không đề nghị Chủ tịch UBND tỉnh khen thưởng"

PROPOSAL_COLUMNS = (
    TableColumn("STT", 11, "C"),
    TableColumn("Tên tập thể, họ và tên cá nhân", 48),
    TableColumn("Chức vụ, đơn vị công tác", 56),
    TableColumn("Hình thức đề nghị", 41),
)

Lines = Callable[[Dataset], pd.DataFrame]


@dataclass(frozen=True)
class MergedDocument:
    """One merged export: how its Doc is built from the units, its file stem, and its XLSX table."""

    key: str
    title: str
    stem: str
    model: Callable[[Sequence[UnitSnapshot], date], Doc]
    table: Callable[[Sequence[UnitSnapshot]], pd.DataFrame]

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"

    def build(self, units: Sequence[UnitSnapshot], today: date, fmt: str = "pdf") -> bytes:
        """PDF or Word (as every unit document: abbreviations written out at their first mention), or XLSX."""
        if fmt == "xlsx":
            return exports.to_xlsx(self.table(units), "Danh sách", self.title)
        return render(spell_out(self.model(units, today)), fmt)


def _grouped(
    units: Sequence[UnitSnapshot], lines: Lines, printed: Callable[[pd.DataFrame, int], list[list[str]]], empty: str
) -> tuple[list[list[str] | GroupRow], int]:
    """Each unit's heading and its lines (`printed(frame, first number)`), numbered on across units; (rows, lines)."""
    rows: list[list[str] | GroupRow] = []
    n = 0
    for unit in units:
        rows.append(GroupRow(unit.name))
        if unit.data is None:
            rows.append(GroupRow(UNREADABLE_NOTE.format(error=str(unit.error or "")), bold=False, italic=True))
            continue
        found = lines(unit.data)
        if found.empty:
            rows.append(GroupRow(empty, bold=False, italic=True))
        rows.extend(printed(found, n + 1))
        n += len(found)
    return rows, n


def _unread(units: Sequence[UnitSnapshot]) -> str:
    """ "; chưa tổng hợp được 1 đơn vị: Sở Y tế" — inside the closing sentence, before its "./."."""
    names = [u.name for u in units if u.data is None]
    return f"; chưa tổng hợp được {len(names)} đơn vị: {', '.join(names)}" if names else ""


def delegate_doc(units: Sequence[UnitSnapshot], today: date, head: Letterhead = COUNCIL_HEAD) -> Doc:
    rows, count = _grouped(units, honours.delegates, delegate_rows, NO_DELEGATES)
    doc = Doc(head, title="Danh sách đại biểu dự Đại hội thi đua yêu nước tỉnh")
    doc.add(
        Header(today, draft_number("DS", head)),
        Title("DANH SÁCH", (f"Đại biểu dự {PROVINCE_CONGRESS}",), attached=f"(Tổng hợp từ {len(units)} đơn vị)"),
        Table(DELEGATE_COLUMNS, rows),
        Para(f"Tổng số: {count} đại biểu của {len(units)} đơn vị{_unread(units)}./.", style="I"),
    )
    return doc.add(Signature(COUNCIL_SIGNER, recipients=RECIPIENTS))


def proposal_rows(proposed: pd.DataFrame, start: int = 1) -> list[list[str]]:
    """`upward.proposed_upward`'s lines: STT, name, post and unit, the form proposed."""
    return [
        [str(n), tidy(r["name"]), post_and_unit_of(r["kind"], r["position"], r["unit"], r["name"]), tidy(r["award"])]
        for n, (_, r) in enumerate(proposed.iterrows(), start=start)
    ]


def proposal_doc(units: Sequence[UnitSnapshot], today: date, head: Letterhead = COUNCIL_HEAD) -> Doc:
    rows, count = _grouped(units, proposed_upward, proposal_rows, NO_PROPOSALS)
    doc = Doc(head, title="Danh sách đề nghị Chủ tịch UBND tỉnh khen thưởng")
    doc.add(
        Header(today, draft_number("DS", head)),
        Title(
            "DANH SÁCH",
            ("Tập thể, cá nhân đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng",),
            attached=f"(Tổng hợp từ {len(units)} đơn vị)",
        ),
        Table(PROPOSAL_COLUMNS, rows),
        Para(f"Tổng số: {count} tập thể, cá nhân của {len(units)} đơn vị{_unread(units)}./.", style="I"),
    )
    return doc.add(Signature(COUNCIL_SIGNER, recipients=RECIPIENTS))


def _table(
    units: Sequence[UnitSnapshot],
    lines: Lines,
    printed: Callable[[pd.DataFrame, int], list[list[str]]],
    headers: Sequence[str],
) -> pd.DataFrame:
    """The printed lines as a sheet, each with its unit, numbered on; an unreadable unit is one line saying so."""
    records: list[list[object]] = []
    numbered = 0
    for unit in units:
        if unit.data is None:
            note = UNREADABLE_NOTE.format(error=str(unit.error or ""))
            records.append(["", unit.name, *([""] * (len(headers) - 1)), note])
            continue
        found = printed(lines(unit.data), numbered + 1)
        records += [[int(line[0]), unit.name, *line[1:], ""] for line in found]
        numbered += len(found)
    return pd.DataFrame(records, columns=["STT", "Đơn vị", *headers[1:], "Ghi chú"])


def delegate_table(units: Sequence[UnitSnapshot]) -> pd.DataFrame:
    return _table(units, honours.delegates, delegate_rows, [c.header for c in DELEGATE_COLUMNS])


def proposal_table(units: Sequence[UnitSnapshot]) -> pd.DataFrame:
    return _table(units, proposed_upward, proposal_rows, [c.header for c in PROPOSAL_COLUMNS])


MERGED: tuple[MergedDocument, ...] = (
    MergedDocument(
        "province-delegates",
        "Danh sách đại biểu dự Đại hội thi đua yêu nước tỉnh",
        "danh-sach-dai-bieu-dai-hoi-thi-dua-tinh",
        delegate_doc,
        delegate_table,
    ),
    MergedDocument(
        "province-proposals",
        "Danh sách đề nghị Chủ tịch UBND tỉnh khen thưởng",
        "danh-sach-de-nghi-khen-thuong-toan-tinh",
        proposal_doc,
        proposal_table,
    ),
)
MERGED_BY_KEY = {d.key: d for d in MERGED}
FORMATS = ("pdf", "xlsx")

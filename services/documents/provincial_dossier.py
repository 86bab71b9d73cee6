"""Hồ sơ đề nghị khen thưởng cấp tỉnh: what the Sở sends the Chủ tịch UBND tỉnh (through Sở Nội vụ) for the forms the
province decides — the Tờ trình, the Danh sách trích ngang, the minutes of the Sở's council and one Báo cáo thành
tích per nominee (Luật Thi đua, khen thưởng 2022, Điều 84 khoản 1: tờ trình, báo cáo thành tích, biên bản) — as one
.zip, every document in PDF and in Word (the Office edits and signs the Word files).

Registry keys are passed in, so this module does not import the registry: a key the registry does not hold (yet) is
listed in the cover as missing (the council's meeting minutes, `COUNCIL_MINUTES`, come from another module)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from services.display.formatting import place_date_line
from services.documents.achievement import achievement_report
from services.documents.dossier import MISSING, ascii_slug, zip_with_cover
from services.documents.model import Doc, Letterhead, Para, Table, TableColumn, Title
from services.documents.upward import proposed_upward
from services.text import tidy
from services.validation import Dataset

Build = Callable[[str, str], bytes]
Render = Callable[[Doc, str], bytes]
FORMATS = ("pdf", "docx")
ZIP_NAME = "ho-so-de-nghi-khen-thuong-cap-tinh.zip"
COUNCIL_MINUTES = "council-minutes"  # the Biên bản họp Hội đồng (services.documents.minutes)
REPORTS_FOLDER = "bao-cao-thanh-tich"


@dataclass(frozen=True)
class Part:
    key: str  # registry key
    label: str
    stem: str


PARTS = (
    Part("proposal", "Tờ trình đề nghị khen thưởng", "to-trinh-de-nghi-khen-thuong"),
    Part("short-list", "Danh sách trích ngang tập thể, cá nhân đề nghị khen thưởng", "danh-sach-trich-ngang"),
    Part(COUNCIL_MINUTES, "Biên bản họp Hội đồng Thi đua - Khen thưởng Sở", "bien-ban-hop-hoi-dong"),
)
REPORTS_LABEL = "Báo cáo thành tích của tập thể, cá nhân"


def report_file_stem(n: int, name: str) -> str:
    """ "01-mong-thu-nhung": numbered in the order of the Danh sách trích ngang."""
    return f"{n:02d}-{ascii_slug(name) or 'bao-cao'}"


def provincial_zip(data: Dataset, today: date, build: Build, available: Collection[str], render: Render) -> bytes:
    """The .zip: the cover list first, then the Tờ trình, the Danh sách trích ngang, the council's minutes (when
    the registry has them), and a folder with each proposed nominee's Báo cáo thành tích."""
    contents: list[tuple[str, bytes]] = []
    lines: list[list[str]] = []
    number = 0
    for part in PARTS:
        number += 1
        if part.key not in available:
            lines.append([str(number), part.label, "", MISSING])
            continue
        names = [f"{number:02d}-{part.stem}.{fmt}" for fmt in FORMATS]
        contents += [(name, build(part.key, fmt)) for name, fmt in zip(names, FORMATS, strict=True)]
        lines.append([str(number), part.label, "\n".join(names), ""])
    number += 1
    proposed = proposed_upward(data)
    folder = f"{number:02d}-{REPORTS_FOLDER}"
    names = []
    for n, (_, row) in enumerate(proposed.iterrows(), start=1):
        doc = achievement_report(data, row)
        stem = report_file_stem(n, tidy(row["name"], one_line=True))
        for fmt in FORMATS:
            names.append(f"{folder}/{stem}.{fmt}")
            contents.append((names[-1], render(doc, fmt)))
    lines.append([str(number), REPORTS_LABEL, f"{folder}/ ({len(proposed)} tập thể, cá nhân)" if names else "",
                  "" if names else "Chưa có tập thể, cá nhân nào đề nghị khen thưởng cấp tỉnh"])  # fmt: skip
    return zip_with_cover(render(cover_list(data, today, lines), "pdf"), contents)


COVER_COLUMNS = (
    TableColumn("STT", 12, "C"),
    TableColumn("Tên tài liệu", 58),
    TableColumn("Tệp", 70),
    TableColumn("Ghi chú", 26),
)


def cover_list(data: Dataset, today: date, lines: list[list[str]]) -> Doc:
    head = Letterhead.from_settings(data.settings)
    doc = Doc(head, title="Danh mục hồ sơ đề nghị khen thưởng cấp tỉnh")
    doc.add(
        Title(
            "DANH MỤC HỒ SƠ",
            ("Đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng",),
            attached=f"(Gửi Chủ tịch Ủy ban nhân dân tỉnh {head.place}, qua Sở Nội vụ)",
        ),
        Table(COVER_COLUMNS, lines, size=11),
    )
    line = place_date_line(head.place, today)
    return doc.add(Para(f"{line[0].upper()}{line[1:]}" if line else "", indent=False, style="I", align="R"))

"""Registry of the one-click documents: key (the CLI's KIND), Vietnamese title, builder(dataset, today) -> Doc, file
stem. Every document renders as PDF or Word from the same `model.Doc`; the Tài liệu page and the CLI loop over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.badges import badges
from services.documents.lists import delegate_list, honoree_list, signin_sheet
from services.documents.minutes import vote_minutes
from services.documents.model import Doc
from services.documents.programme import mc_script, programme
from services.documents.reports import readiness_report, seating_plan
from services.validation import Dataset

Builder = Callable[[Dataset, date], Doc]
FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Document:
    key: str  # also the CLI's KIND
    title: str
    title_en: str
    model: Builder
    stem: str  # file name without the extension
    dossier: bool = False  # part of what must reach the provincial council before the conference

    def file_name(self, fmt: str = "pdf") -> str:
        return f"{self.stem}.{fmt}"

    def build(self, data: Dataset, today: date, fmt: str = "pdf") -> bytes:
        return render(self.model(data, today), fmt)


def render(doc: Doc, fmt: str) -> bytes:
    if fmt == "docx":
        from services.documents.docx_render import render_docx

        return render_docx(doc)
    from services.documents.pdf_render import render_pdf

    return render_pdf(doc)


DOCUMENTS: tuple[Document, ...] = (
    Document("honorees", "Danh sách khen thưởng", "Honoree list", honoree_list, "danh-sach-khen-thuong", True),
    Document(
        "delegates",
        "Danh sách đại biểu dự Đại hội cấp trên",
        "Delegates to the higher congress",
        delegate_list,
        "danh-sach-dai-bieu-dai-hoi-cap-tren",
        True,
    ),
    Document("programme", "Chương trình hội nghị", "Programme", programme, "chuong-trinh-hoi-nghi", True),
    Document("mc-script", "Kịch bản dẫn chương trình", "MC script", mc_script, "kich-ban-dan-chuong-trinh"),
    Document("signin", "Danh sách đại biểu dự hội nghị", "Sign-in sheet", signin_sheet, "danh-sach-dai-bieu-ky-ten"),
    Document(
        "readiness", "Báo cáo tiến độ chuẩn bị", "Readiness report", readiness_report, "bao-cao-tien-do-chuan-bi", True
    ),
    Document("badges", "Thẻ đại biểu", "Name cards", badges, "the-dai-bieu"),
    Document("vote-minutes", "Biên bản kiểm phiếu", "Vote-tally minutes", vote_minutes, "bien-ban-kiem-phieu"),
    Document("seating", "Sơ đồ chỗ ngồi", "Seating plan", seating_plan, "so-do-cho-ngoi"),
)
DOCUMENT_BY_KEY: dict[str, Document] = {d.key: d for d in DOCUMENTS}


def build(key: str, data: Dataset, today: date, fmt: str = "pdf") -> bytes:
    return DOCUMENT_BY_KEY[key].build(data, today, fmt)


def dossier_zip(data: Dataset, today: date) -> bytes:
    """The documents the plan sends to the provincial council (via Sở Nội vụ) before the conference, as one .zip."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for doc in DOCUMENTS:
            if doc.dossier:
                archive.writestr(doc.file_name(), doc.build(data, today))
    return buffer.getvalue()


def honoree_table(data: Dataset) -> pd.DataFrame:
    """The honoree list as a plain table with the printed headers, for the XLSX export."""
    order = honours.honoree_order(data)
    return pd.DataFrame(
        {
            "STT": range(1, len(order) + 1),
            "Họ và tên / Tên tập thể": order["name"].astype(str).to_numpy(),
            "Loại": order["kind"].astype(str).to_numpy(),
            "Chức vụ": order["position"].fillna("").astype(str).to_numpy(),
            "Đơn vị": order["unit"].fillna("").astype(str).to_numpy(),
            "Hình thức khen thưởng": order["award"].astype(str).to_numpy(),
            "Lượt trao": order["batch"].to_numpy(),
        }
    )

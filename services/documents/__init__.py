"""Registry of the one-click documents: key, Vietnamese title, builder(dataset, today) -> PDF bytes, file name — the
Tài liệu page and the CLI loop over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.badges import badges_pdf
from services.documents.lists import delegate_list_pdf, honoree_list_pdf, signin_sheet_pdf
from services.documents.minutes import vote_minutes_pdf
from services.documents.programme import mc_script_pdf, programme_pdf
from services.documents.reports import readiness_report_pdf, seating_plan_pdf
from services.validation import Dataset

Builder = Callable[[Dataset, date], bytes]


@dataclass(frozen=True)
class Document:
    key: str  # also the CLI's KIND
    title: str
    title_en: str
    build: Builder
    file_name: str
    dossier: bool = False  # part of what must reach the provincial council before the conference


DOCUMENTS: tuple[Document, ...] = (
    Document("honorees", "Danh sách khen thưởng", "Honoree list", honoree_list_pdf, "danh-sach-khen-thuong.pdf", True),
    Document(
        "delegates",
        "Danh sách đại biểu dự Đại hội cấp trên",
        "Delegates to the higher congress",
        delegate_list_pdf,
        "danh-sach-dai-bieu-dai-hoi-cap-tren.pdf",
        True,
    ),
    Document("programme", "Chương trình hội nghị", "Programme", programme_pdf, "chuong-trinh-hoi-nghi.pdf", True),
    Document("mc-script", "Kịch bản dẫn chương trình", "MC script", mc_script_pdf, "kich-ban-dan-chuong-trinh.pdf"),
    Document(
        "signin", "Danh sách đại biểu dự hội nghị", "Sign-in sheet", signin_sheet_pdf, "danh-sach-dai-bieu-ky-ten.pdf"
    ),
    Document(
        "readiness",
        "Báo cáo tiến độ chuẩn bị",
        "Readiness report",
        readiness_report_pdf,
        "bao-cao-tien-do-chuan-bi.pdf",
        True,
    ),
    Document("badges", "Thẻ đại biểu", "Name cards", badges_pdf, "the-dai-bieu.pdf"),
    Document("vote-minutes", "Biên bản kiểm phiếu", "Vote-tally minutes", vote_minutes_pdf, "bien-ban-kiem-phieu.pdf"),
    Document("seating", "Sơ đồ chỗ ngồi", "Seating plan", seating_plan_pdf, "so-do-cho-ngoi.pdf"),
)
DOCUMENT_BY_KEY: dict[str, Document] = {d.key: d for d in DOCUMENTS}


def build(key: str, data: Dataset, today: date) -> bytes:
    return DOCUMENT_BY_KEY[key].build(data, today)


def dossier_zip(data: Dataset, today: date) -> bytes:
    """The documents the plan sends to the provincial council (via Sở Nội vụ) before the conference, as one .zip."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for doc in DOCUMENTS:
            if doc.dossier:
                archive.writestr(doc.file_name, doc.build(data, today))
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

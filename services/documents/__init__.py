"""Registry of the one-click documents: key (the CLI's KIND), Vietnamese title, builder(dataset, today) -> Doc, file
stem. The dossier's contents are `dossier.DOSSIER_ITEMS`. Every document renders as PDF or Word from the same `model.Doc`; the Tài liệu page and the CLI loop over it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from services.awards import honours
from services.documents import dossier, provincial_dossier
from services.documents.abbreviations import spell_out
from services.documents.achievement import achievement_reports
from services.documents.annex import annex
from services.documents.badges import badges
from services.documents.ballots import ballots
from services.documents.certificates import calibration, certificates
from services.documents.cover_letter import cover_letter
from services.documents.decision import reward_decision
from services.documents.dossier import Upload
from services.documents.invitations import invitations
from services.documents.lists import delegate_list, honoree_list, signin_sheet
from services.documents.minutes import council_minutes, vote_minutes
from services.documents.model import Doc
from services.documents.programme import mc_script, programme
from services.documents.proposal import reward_proposal
from services.documents.reports import readiness_report, seating_plan
from services.documents.roster import short_list
from services.documents.summary_report import summary_report
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
    group: str = "conference"  # where the Tài liệu page lists it: conference, awards, people

    def file_name(self, fmt: str = "pdf") -> str:
        return f"{self.stem}.{fmt}"

    def build(self, data: Dataset, today: date, fmt: str = "pdf") -> bytes:
        # Every document writes an abbreviation out at its first mention (Nghị định 30/2020, Phụ lục I).
        return render(spell_out(self.model(data, today)), fmt)


def render(doc: Doc, fmt: str) -> bytes:
    if fmt == "docx":
        from services.documents.docx_render import render_docx

        return render_docx(doc)
    from services.documents.pdf_render import render_pdf

    return render_pdf(doc)


DOCUMENTS: tuple[Document, ...] = (
    Document("honorees", "Danh sách khen thưởng", "Honoree list", honoree_list, "danh-sach-khen-thuong"),
    Document(
        "delegates",
        "Danh sách đại biểu dự Đại hội cấp trên",
        "Delegates to the higher congress",
        delegate_list,
        "danh-sach-dai-bieu-dai-hoi-cap-tren",
    ),
    Document("programme", "Chương trình hội nghị", "Programme", programme, "chuong-trinh-hoi-nghi"),
    Document("mc-script", "Kịch bản dẫn chương trình", "MC script", mc_script, "kich-ban-dan-chuong-trinh"),
    Document("signin", "Danh sách đại biểu dự hội nghị", "Sign-in sheet", signin_sheet, "danh-sach-dai-bieu-ky-ten"),
    Document("readiness", "Báo cáo tiến độ chuẩn bị", "Readiness report", readiness_report, "bao-cao-tien-do-chuan-bi"),
    Document("badges", "Thẻ đại biểu", "Name cards", badges, "the-dai-bieu"),
    Document("vote-minutes", "Biên bản kiểm phiếu", "Vote-tally minutes", vote_minutes, "bien-ban-kiem-phieu"),
    Document("seating", "Sơ đồ chỗ ngồi", "Seating plan", seating_plan, "so-do-cho-ngoi"),
    Document(
        "decision",
        "Quyết định khen thưởng",
        "Reward decision",
        reward_decision,
        "quyet-dinh-khen-thuong",
        group="awards",
    ),
    Document(
        "proposal",
        "Tờ trình đề nghị khen thưởng cấp tỉnh",
        "Proposal of the higher awards",
        reward_proposal,
        "to-trinh-de-nghi-khen-thuong",
        group="awards",
    ),
    Document("ballots", "Phiếu biểu quyết", "Council ballots", ballots, "phieu-bieu-quyet", group="awards"),
    Document(
        "certificates",
        "Giấy khen (in trên phôi)",
        "Certificates (pre-printed forms)",
        certificates,
        "giay-khen-in-phoi",
        group="awards",
    ),
    Document(
        "calibration",
        "Trang căn chỉnh phôi Giấy khen",
        "Certificate calibration page",
        calibration,
        "can-chinh-phoi-giay-khen",
        group="awards",
    ),
    Document("invitations", "Giấy mời", "Invitations", invitations, "giay-moi", group="people"),
    Document(
        "annex",
        "Phụ lục thống kê khen thưởng 2020–2025",
        "Awards annex 2020–2025",
        annex,
        "phu-luc-thong-ke-khen-thuong",
    ),
    Document(
        "cover-letter",
        "Công văn gửi hồ sơ Hội nghị (Hội đồng TĐKT tỉnh, qua Sở Nội vụ)",
        "Cover letter of the dossier",
        cover_letter,
        "cong-van-gui-hoi-dong",
    ),
    Document(
        "summary-report",
        "Báo cáo tổng kết 2020–2025, phương hướng 2025–2030 (dự thảo)",
        "Summary report 2020–2025 (draft)",
        summary_report,
        "bao-cao-tong-ket-2020-2025",
    ),
    Document(
        "short-list",
        "Danh sách trích ngang đề nghị khen thưởng cấp tỉnh",
        "Summary list of the higher proposals",
        short_list,
        "danh-sach-trich-ngang",
        group="awards",
    ),
    Document(
        "achievement-reports",
        "Báo cáo thành tích (tập thể, cá nhân đề nghị khen thưởng cấp tỉnh)",
        "Achievement reports of the higher proposals",
        achievement_reports,
        "bao-cao-thanh-tich",
        group="awards",
    ),
    Document(
        "council-minutes",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        "Council meeting minutes",
        council_minutes,
        "bien-ban-hop-hoi-dong",
        group="awards",
    ),
)
DOCUMENT_BY_KEY: dict[str, Document] = {d.key: d for d in DOCUMENTS}


GROUPS = ("conference", "awards", "people")


def problems(data: Dataset) -> dict[str, str]:
    """What stops a document from building, found cheaply before anyone clicks: {key: Vietnamese message}. Bad Giấy
    khen positions stop the overlay and its calibration page. (A bad document font stops nothing: the shipped font
    stands in, see `font_notice`.)"""
    from services.documents.certificates import CertificateSettingsError, layout_from_settings

    try:
        layout_from_settings(data.settings)
    except CertificateSettingsError as exc:
        return {"certificates": str(exc), "calibration": str(exc)}
    return {}


def omissions(data: Dataset) -> dict[str, str]:
    """What a document builds without, because of a bad cell: {key: Vietnamese message} (the rest still prints)."""
    from services.documents.badges import badge_problem

    found = {"badges": badge_problem(data)}
    return {key: text for key, text in found.items() if text}


def font_notice(data: Dataset) -> str | None:
    """Why the `document_font` setting is not used (the documents then print in the shipped font), naming its cell
    ("'Sự kiện'!C31: …"), or None."""
    from services.documents.fonts import SETTING, font_warning

    warning = font_warning(data.settings.text(SETTING))
    return f"{data.settings.cell(SETTING)}: {warning}" if warning else None


def build(key: str, data: Dataset, today: date, fmt: str = "pdf") -> bytes:
    return DOCUMENT_BY_KEY[key].build(data, today, fmt)


def dossier_zip(data: Dataset, today: date, uploads: Sequence[Upload] = ()) -> bytes:
    """The T-15 dossier for the provincial council (via Sở Nội vụ), due on the date of `readiness.submission`: its
    cover list, the công văn, the generated documents in PDF and Word, and the files the Office uploaded."""
    return dossier.dossier_zip(data, today, uploads, lambda key, fmt: DOCUMENT_BY_KEY[key].build(data, today, fmt))


def provincial_zip(data: Dataset, today: date) -> bytes:
    """Hồ sơ đề nghị khen thưởng cấp tỉnh (.zip): Tờ trình, Danh sách trích ngang, the council's minutes once
    registered (key `provincial_dossier.COUNCIL_MINUTES`), each proposed nominee's Báo cáo thành tích."""
    return provincial_dossier.provincial_zip(
        data, today, lambda key, fmt: DOCUMENT_BY_KEY[key].build(data, today, fmt), DOCUMENT_BY_KEY, render
    )


def dossier_status(data: Dataset, today: date, uploads: Sequence[Upload] = ()) -> dossier.DossierStatus:
    return dossier.dossier_status(data, today, uploads, generated=DOCUMENT_BY_KEY)


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

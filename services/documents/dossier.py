"""The T-15 dossier for the provincial council (Hội đồng Thi đua - Khen thưởng tỉnh, via Sở Nội vụ), due on the date
of `readiness.submission`: what the plan (Kế hoạch, section III.1) says it holds — "kế hoạch, lịch tổ chức hội nghị,
báo cáo tổng kết và nội dung, chương trình hội nghị" — sent under a cover letter (công văn); what is still missing;
and the whole of it as one .zip with a cover list (00-danh-muc-ho-so.pdf).

The app generates the công văn, the programme and the Phụ lục of the report; the Office uploads the signed plan;
the Báo cáo tổng kết is uploaded once finished, and until then the app's draft (Word, to finish) goes in, marked as a
draft. An item is ticked only when it is really there: uploaded, or generated with content (an empty programme or
annex is not). The internal readiness report is not part of it. The documents are built by a `build(key, fmt) ->
bytes` passed in (the registry's `Document.build`), so this module does not depend on the registry; a key the
registry does not know (yet) is listed as missing rather than failing the whole dossier.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

from services.display.formatting import place_date_line, short_date
from services.documents.annex import annex_counts
from services.documents.model import Doc, Letterhead, Para, Table, TableColumn, Title
from services.documents.text import keep_together
from services.planning.readiness import submission
from services.schema import HISTORY, PROGRAMME
from services.validation import Dataset

Build = Callable[[str, str], bytes]

ACCEPTED = (".docx", ".doc", ".pdf", ".odt")
MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
COVER_NAME = "00-danh-muc-ho-so.pdf"
GENERATED_FORMATS = ("pdf", "docx")
MISSING = "Chưa có"
MAX_STEM = 60  # characters of an uploaded file's name kept in the zip

# What a file of each accepted type starts with: PDF; .docx and .odt are zip packages; .doc is an OLE compound file,
# or RTF that Word saved under the .doc name.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf"),
}
_TYPE_NAMES = {".pdf": "PDF", ".docx": "Word (.docx)", ".odt": "OpenDocument (.odt)", ".doc": "Word (.doc)"}


class DossierError(ValueError):
    """An upload the dossier cannot take; the message is Vietnamese, for the page."""


@dataclass(frozen=True)
class DossierItem:
    key: str  # the registry key of a generated document, or the slot an upload goes to
    label: str  # as printed in the cover list
    stem: str  # the file name in the zip, after its number: "03-chuong-trinh-hoi-nghi.pdf"
    generated: bool  # the app builds it (`key` is its registry key)
    uploadable: bool = False  # the Office uploads it; with `generated`, the app's draft stands in until then

    @property
    def uploaded(self) -> bool:
        """An upload slot (the name older callers use)."""
        return self.uploadable


SUMMARY_REPORT = "summary-report"
DOSSIER_ITEMS: tuple[DossierItem, ...] = (
    DossierItem(
        "cover-letter",
        "Công văn gửi Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ)",
        "cong-van-gui-hoi-dong",
        True,
    ),
    DossierItem("plan", "Kế hoạch tổ chức Hội nghị", "ke-hoach-to-chuc-hoi-nghi", False, uploadable=True),
    DossierItem("programme", "Chương trình, lịch tổ chức Hội nghị", "chuong-trinh-hoi-nghi", True),
    DossierItem(
        SUMMARY_REPORT,
        "Báo cáo tổng kết phong trào thi đua 2020 - 2025; phương hướng, nhiệm vụ 2025 - 2030",
        "bao-cao-tong-ket-2020-2025",
        True,
        uploadable=True,
    ),
    DossierItem("annex", "Phụ lục thống kê kết quả khen thưởng 2020 - 2025", "phu-luc-thong-ke-khen-thuong", True),
)
DOSSIER_ITEM_BY_KEY: dict[str, DossierItem] = {item.key: item for item in DOSSIER_ITEMS}
UPLOAD_ITEMS: tuple[DossierItem, ...] = tuple(item for item in DOSSIER_ITEMS if item.uploadable)
DRAFT_NOTE = "Dự thảo do ứng dụng lập, Văn phòng hoàn thiện và tải lên bản trình ký"


# --- uploads ----------------------------------------------------------------------------------------------------


def base_name(name: str) -> str:
    """The file name without any folder ("C:\\Hồ sơ\\Kế hoạch.docx" → "Kế hoạch.docx")."""
    return re.split(r"[\\/]", str(name))[-1].strip()


def extension(name: str) -> str:
    base = base_name(name)
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def ascii_slug(text: str, limit: int = MAX_STEM) -> str:
    """ "Kế hoạch số 12/KH-SKHCN" → "ke-hoach-so-12-kh-skhcn": ASCII letters and digits joined by "-"."""
    folded = unicodedata.normalize("NFKD", text.translate(str.maketrans("đĐ", "dD")))
    plain = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:limit].rstrip("-")


def safe_file_name(name: str) -> str:
    """An uploaded file's name as it goes into the zip: no folder, ASCII, lower case, its extension kept."""
    base = base_name(name)
    ext = extension(base)
    stem = base[: len(base) - len(ext)] if ext else base
    return (ascii_slug(stem) or "tai-lieu") + ext


@dataclass(frozen=True)
class Upload:
    """A file the Office uploads for one of the `UPLOAD_ITEMS`. Checked when made: an Upload that exists is one the
    dossier accepts (else DossierError)."""

    name: str
    data: bytes
    item: str  # DossierItem.key

    def __post_init__(self) -> None:
        check_upload(self.name, self.data, self.item)


def check_upload(name: str, data: bytes, item: str) -> None:
    """Raise DossierError (Vietnamese) unless this is an accepted file for an upload slot of the dossier."""
    slot = DOSSIER_ITEM_BY_KEY.get(item)
    if slot is None or not slot.uploaded:
        choices = "; ".join(f"“{i.label}”" for i in UPLOAD_ITEMS)
        raise DossierError(f"Chỉ tải lên tệp cho các mục: {choices}.")
    shown = base_name(name) or "(không tên)"
    ext = extension(name)
    if ext not in ACCEPTED:
        accepted = ", ".join(ACCEPTED)
        raise DossierError(f"Tệp “{shown}” không được nhận: chỉ nhận tệp {accepted}.")
    if not data:
        raise DossierError(f"Tệp “{shown}” rỗng (0 byte).")
    if len(data) > MAX_UPLOAD_BYTES:
        size = f"{len(data) / (1024 * 1024):.1f}".replace(".", ",")
        raise DossierError(f"Tệp “{shown}” nặng {size} MB, vượt giới hạn {MAX_UPLOAD_MB} MB.")
    if not data.startswith(_SIGNATURES[ext]):
        raise DossierError(f"Tệp “{shown}” không phải tệp {_TYPE_NAMES[ext]} hợp lệ (nội dung không khớp đuôi tệp).")


# --- status -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemStatus:
    item: DossierItem
    present: bool
    files: tuple[str, ...] = ()  # the uploaded files' names as uploaded (generated items: none)
    note: str = ""  # Vietnamese: what is missing, or what the generated document still lacks

    @property
    def label(self) -> str:
        return self.item.label


@dataclass(frozen=True)
class DossierStatus:
    items: tuple[ItemStatus, ...]
    deadline: date | None  # `readiness.submission(...).deadline`, the date the overview shows
    days_left: int | None  # negative once past
    days_before_event: int | None
    overdue: bool  # the deadline has passed and the submission task is not done

    @property
    def missing(self) -> tuple[DossierItem, ...]:
        return tuple(s.item for s in self.items if not s.present)

    @property
    def complete(self) -> bool:
        return not self.missing

    def deadline_text(self) -> str:
        """ "Hạn gửi hồ sơ: 01/12/2026 (trước Hội nghị 15 ngày), còn 6 ngày."."""
        if self.deadline is None:
            return "Chưa xác định được hạn gửi hồ sơ (chưa có ngày tổ chức Hội nghị)."
        text = f"Hạn gửi hồ sơ: {short_date(self.deadline)}"
        if self.days_before_event is not None:
            text += f" (trước Hội nghị {self.days_before_event} ngày)"
        if self.days_left is None:
            return text + "."
        if self.overdue:
            return text + f", đã quá hạn {-self.days_left} ngày."
        if self.days_left < 0:
            return text + "."
        if self.days_left == 0:
            return text + ", hôm nay là hạn cuối."
        return text + f", còn {self.days_left} ngày."


def _note(item: DossierItem, data: Dataset) -> str:
    """Why a generated document is not really there yet although the app can build it: it would be empty."""
    if item.key == "annex":
        if data.frames["history"].empty:
            return f"Trang “{HISTORY.title}” còn trống"
        if annex_counts(data).attrs.get("counted", 0) == 0:
            return f"Chưa tính được dòng nào trên trang “{HISTORY.title}”"
    if item.key == "programme" and data.frames["programme"].empty:
        return f"Trang “{PROGRAMME.title}” còn trống"
    return ""


def dossier_status(
    data: Dataset, today: date, uploads: Sequence[Upload] = (), generated: Collection[str] | None = None
) -> DossierStatus:
    """Each item present or missing, and the T-15 deadline. `generated`: the keys the app can build (the registry's
    keys); None = every generated item can be built. A generated item is present only with content; an upload slot
    only once uploaded (the draft of the Báo cáo tổng kết does not tick it)."""
    items = []
    for item in DOSSIER_ITEMS:
        files = tuple(base_name(u.name) for u in uploads if u.item == item.key)
        if item.uploadable and files:
            items.append(ItemStatus(item, True, files, ""))
        elif item.uploadable:
            buildable = item.generated and (generated is None or item.key in generated)
            items.append(ItemStatus(item, False, (), DRAFT_NOTE if buildable else "Chưa tải lên"))
        elif generated is not None and item.key not in generated:
            items.append(ItemStatus(item, False, (), "Chưa có (ứng dụng chưa lập được tài liệu này)"))
        else:
            note = _note(item, data)
            items.append(ItemStatus(item, not note, (), note))
    sub = submission(data, today)
    overdue = sub.days_left is not None and sub.days_left < 0 and sub.state != "done"
    return DossierStatus(tuple(items), sub.deadline, sub.days_left, sub.days_before_event, overdue)


# --- the zip ----------------------------------------------------------------------------------------------------


def _unique(name: str, taken: set[str]) -> str:
    """ "x.pdf", then "x-2.pdf", "x-3.pdf" …: a file never overwrites another in the zip."""
    dot = name.rfind(".")
    stem, ext = (name[:dot], name[dot:]) if dot > 0 else (name, "")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}{ext}"
    taken.add(candidate.lower())
    return candidate


@dataclass(frozen=True)
class _Entry:
    number: int
    item: DossierItem
    files: tuple[str, ...]  # names in the zip; empty = missing
    note: str


COVER_COLUMNS = (
    TableColumn("STT", 12, "C"),
    TableColumn("Tên tài liệu", 50),
    TableColumn("Tệp", 74),
    TableColumn("Ghi chú", 30),
)


def cover_list(data: Dataset, today: date, entries: Sequence[_Entry], status: DossierStatus) -> Doc:
    """DANH MỤC HỒ SƠ: STT | Tên tài liệu | Tệp | Ghi chú, every file of the zip and every missing item."""
    head = Letterhead.from_settings(data.settings)
    s = data.settings
    event = keep_together(s.text("event_name") or "Hội nghị điển hình tiên tiến")
    council = re.sub(r"\s*\(qua Sở Nội vụ\)", "", s.text("council_body") or "Hội đồng Thi đua - Khen thưởng tỉnh")
    council = f"{council.strip()}, qua Sở Nội vụ" if "nội vụ" not in council.lower() else council.strip()
    doc = Doc(head, title="Danh mục hồ sơ")
    doc.add(
        Title("DANH MỤC HỒ SƠ", (event,), attached=f"(Gửi {council})"),
        Para(status.deadline_text(), indent=False),
        Table(
            COVER_COLUMNS,
            [[str(e.number), e.item.label, "\n".join(e.files), e.note] for e in entries],
            size=11,
        ),
    )
    files = sum(len(e.files) for e in entries)
    doc.para(f"Gói hồ sơ gồm {files} tệp và danh mục này ({COVER_NAME}).", indent=False, style="I")
    missing = [e.item.label for e in entries if not e.files or e.note == DRAFT_NOTE]
    if missing:
        doc.para(f"Còn thiếu {len(missing)} tài liệu: {'; '.join(missing)}.", indent=False, style="I")
    for entry in (e for e in entries if e.note == DRAFT_NOTE):
        doc.para(
            f"{entry.item.label} trong gói là bản dự thảo; Văn phòng hoàn thiện, trình ký và tải lên bản chính thức.",
            indent=False,
            style="I",
        )
    line = place_date_line(head.place, today)
    return doc.add(Para(f"{line[0].upper()}{line[1:]}" if line else "", indent=False, style="I", align="R"))


def dossier_zip(data: Dataset, today: date, uploads: Sequence[Upload], build: Build) -> bytes:
    """The dossier as one .zip: the cover list first, then each item numbered in order — generated documents as PDF
    and Word, uploaded files under safe ASCII names (never overwriting one another)."""
    from services.documents import render  # here, not at the top: the registry may import this module

    for upload in uploads:
        check_upload(upload.name, upload.data, upload.item)
    taken = {COVER_NAME}
    entries: list[_Entry] = []
    contents: list[tuple[str, bytes]] = []
    for number, item in enumerate(DOSSIER_ITEMS, start=1):
        prefix = f"{number:02d}"
        built = [(f"{prefix}-{safe_file_name(u.name)}", u.data) for u in uploads if u.item == item.key]
        note = "Văn phòng tải lên" if built else MISSING
        if not built and item.generated:
            empty = _note(item, data)
            if empty:  # an empty document is not sent: it is listed as missing, with why
                note = f"{MISSING}: {empty}"
            else:
                try:
                    built = [(f"{prefix}-{item.stem}.{fmt}", build(item.key, fmt)) for fmt in GENERATED_FORMATS]
                except KeyError as exc:
                    if exc.args[:1] != (item.key,):  # a KeyError inside a builder is a bug, not a missing document
                        raise
                    built = []
                note = (DRAFT_NOTE if item.uploadable else "Ứng dụng lập (PDF, Word)") if built else MISSING
        names = []
        for name, content in built:
            name = _unique(name, taken)
            names.append(name)
            contents.append((name, content))
        entries.append(_Entry(number, item, tuple(names), note))
    status = dossier_status(data, today, uploads)
    return zip_with_cover(render(cover_list(data, today, entries, status), "pdf"), contents)


def zip_with_cover(cover: bytes, contents: Sequence[tuple[str, bytes]]) -> bytes:
    """A dossier's .zip: its cover list (`COVER_NAME`, first, so it opens first), then the files in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(COVER_NAME, cover)
        for name, content in contents:
            archive.writestr(name, content)
    return buffer.getvalue()

"""The content model every document is built as: a letterhead and a list of blocks. One model feeds both renderers
(`pdf_render` with fpdf2, `docx_render` with python-docx), so the PDF and the Word file of a document never drift.

Builders return a `Doc`; they never draw. Text is what is printed, already in Vietnamese; sizes are points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from services.validation import EventSettings

PT = 25.4 / 72  # one point in mm
# Figures drawn the same in the PDF and the Word file: bar colours by state, the QR code's side on a card (mm).
BAR_COLOURS = {"ok": (46, 125, 50), "warning": (239, 159, 0), "danger": (198, 40, 40)}
QR_SIZE = 24.0
BODY_SIZE = 13.0
TABLE_SIZE = 12.0
SMALL_TABLE = 3  # rows: a table this short before a signature moves with it whole (both renderers)


@dataclass(frozen=True)
class Letterhead:
    """What the header, date line and signature block say — from the `Sự kiện` settings."""

    parent_body: str = "UBND TỈNH LẠNG SƠN"
    organiser: str = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    place: str = "Lạng Sơn"
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    font: str = ""  # another TTF to use instead of the shipped one (PDF); Word always names Times New Roman

    @classmethod
    def from_settings(cls, settings: EventSettings) -> Letterhead:
        def value(key: str, fallback: str) -> str:
            return settings.text(key).strip() or fallback

        return cls(
            parent_body=value("parent_body", cls.parent_body).upper(),
            organiser=value("organiser", cls.organiser).upper(),
            place=value("place", cls.place),
            signer_title=value("signer_title", cls.signer_title).upper(),
            signer_name=settings.text("signer_name").strip(),
            font=settings.text("document_font").strip(),
        )


# --- blocks ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The two-column block of Appendix I: parent body / issuing body / "Số: …" on the left; national title, motto
    and the italic place–date line on the right."""

    issued: date | None
    number: str = ""
    subject: str = ""  # a công văn's "V/v …", under "Số" in the left column (Appendix I, item 5b)
    numbered: bool = True  # False: no "Số" line (a report the nominee writes and signs)
    date_line: str = ""  # printed instead of the place–date line of `issued`: "Lạng Sơn, ngày … tháng … năm …"
    bodies: (
        tuple[str, str] | tuple[()]
    ) = ()  # (parent body, issuing body) instead of the letterhead's: a unit's own report


@dataclass(frozen=True)
class Title:
    """Document type in bold capitals, subject lines in bold, "(Kèm theo …)" in italics, a short rule below."""

    kind: str
    subject: tuple[str, ...] = ()
    attached: str = ""


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True  # first line 1.27 cm
    style: str = ""  # "", "B", "I", "BI"
    size: float = BODY_SIZE
    align: str = "J"  # J, L, C, R
    lead: str = ""  # printed in bold before the text, in the same paragraph: "Điều 1."


def article(text: str, **kwargs: object) -> Para:
    """ "Điều 2. Kèm theo …" → a paragraph whose "Điều 2." is bold, as decisions print their articles."""
    label, _, rest = text.partition(". ")
    if label.startswith("Điều ") and rest:
        return Para(rest, lead=f"{label}.", **kwargs)  # type: ignore[arg-type]  # kwargs: Para's own fields, passed on
    return Para(text, **kwargs)  # type: ignore[arg-type]  # kwargs: Para's own fields, passed on


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = BODY_SIZE
    align: str = "L"


@dataclass(frozen=True)
class TableColumn:
    header: str
    weight: float  # relative width; scaled to the printable width
    align: str = "L"


@dataclass(frozen=True)
class GroupRow:
    """A full-width heading row inside a table (an award form, "I. TẬP THỂ", a unit)."""

    text: str
    bold: bool = True
    italic: bool = False
    align: str = "L"


Row = Sequence[str] | GroupRow


@dataclass(frozen=True)
class Table:
    """Bordered; the header row repeats on every page; rows never split across pages."""

    columns: tuple[TableColumn, ...]
    rows: Sequence[Row]
    size: float = TABLE_SIZE
    min_height: float = 0.0  # mm, e.g. room to sign


@dataclass(frozen=True)
class Signer:
    authority: str = ""  # "TM. HỘI ĐỒNG …", "KT. GIÁM ĐỐC"
    title: str = ""  # "CHỦ TỊCH", "GIÁM ĐỐC"
    name: str = ""
    note: str = ""  # in italics under the title: "(Ký, ghi rõ họ và tên)"
    letterhead_name: bool = True  # a blank name is the letterhead's signer (the Director); False: left blank


def signer_name(signer: Signer, head: Letterhead) -> str:
    """The name printed under a signer: its own, else the letterhead's signer's unless it signs for someone else."""
    return signer.name or (head.signer_name if signer.letterhead_name else "")


@dataclass(frozen=True)
class Signature:
    """Bottom right: the signer. Bottom left: "Nơi nhận:" and its list, or a second signer (the secretary of the
    minutes). Optionally a third signer centred below both. Kept on one page with the paragraph before it."""

    signer: Signer = Signer()
    recipients: tuple[str, ...] = ()
    left_signer: Signer | None = None
    below: Signer | None = None  # a third signer centred under the two (the superior's confirmation of a report)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0..1
    status: str  # ok | warning | danger | other
    text: str  # "57%" or "—"


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart, 0–100 %, with ticks below."""

    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Seat:
    label: str
    name: str = ""


@dataclass(frozen=True)
class SeatGrid:
    """The hall: stage on top, one line of seats per row label, an aisle after `aisle_after` seats."""

    rows: tuple[tuple[str, tuple[Seat, ...]], ...]
    aisle_after: int


@dataclass(frozen=True)
class Card:
    organiser: str
    event: str
    role: str
    name: str
    position: str
    unit: str
    code: str  # printed under the QR code and encoded in it


@dataclass(frozen=True)
class Cards:
    """Name cards, `columns` × `rows` per page."""

    cards: tuple[Card, ...]
    columns: int = 2
    rows: int = 4


@dataclass(frozen=True)
class Placed:
    """One line of text centred (or left-aligned) on an anchor point in mm from the page's top-left corner."""

    text: str
    x: float
    y: float
    size: float = 16.0
    style: str = ""
    align: str = "C"  # C: x is the centre of the line; L: x is its left end


@dataclass(frozen=True)
class Overlay:
    """A page of text placed at absolute positions — for pre-printed forms. No margins, no furniture."""

    items: tuple[Placed, ...]
    marks: tuple[tuple[float, float], ...] = ()  # crosses to draw at these points (the calibration page)
    ruler: bool = False  # a millimetre ruler along the top and left edges


Block = Header | Title | Para | Heading | Table | Signature | PageBreak | Bars | SeatGrid | Cards | Overlay


@dataclass
class Doc:
    """One document. `page` is "A4" portrait unless `landscape`, or (width, height) in mm for overlays."""

    head: Letterhead
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    page_size: tuple[float, float] | None = None  # mm; None = A4
    page_numbers: bool = True  # centred in the top margin from page 2
    title: str = ""  # the document's metadata title

    def add(self, *blocks: Block) -> Doc:
        self.blocks.extend(blocks)
        return self

    def para(self, text: str, **kwargs: object) -> Doc:
        return self.add(Para(text, **kwargs))  # type: ignore[arg-type]  # kwargs: Para's own fields, passed on

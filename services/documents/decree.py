"""What Nghị định 30/2020/NĐ-CP Phụ lục I fixes for every document, whatever its format: the page margins, the form
of the document number left for the văn thư to fill in, and the "Nơi nhận" lines. The builders use these, and both
renderers (`layout` for PDF, `docx_render` for Word) lay pages out with them — none of it needs fpdf."""

from __future__ import annotations

from collections.abc import Sequence

from services.documents.model import Letterhead

# Margins (mm) inside the Decree's ranges: top/bottom 20–25, left 30–35, right 15–20.
MARGIN_TOP = 20.0
MARGIN_BOTTOM = 20.0
MARGIN_LEFT = 30.0
MARGIN_RIGHT = 15.0


def organiser_code(organiser: str) -> str:
    """ "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "SKHCN", the issuing body's abbreviation in the document number."""
    words = [w for w in organiser.upper().split() if w not in ("VÀ", "-", "&")]
    return "".join(w[0] for w in words) or "SKHCN"


def draft_number(kind_code: str, head: Letterhead) -> str:
    """A number left blank for the clerk to fill in when the document is registered: "     /DS-SKHCN"."""
    return f"{' ' * 6}/{kind_code}-{organiser_code(head.organiser)}"


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """ "- Như trên;" … "- Lưu: VT, VP." — each line ends in ";", the last in "."."""
    return [f"- {who.rstrip(';.')}{'.' if i == len(recipients) - 1 else ';'}" for i, who in enumerate(recipients)]

"""The width of one line of text in a document font, as fpdf2 measures it: the certificate's line fitting and the
Word file's header rules size text exactly as the PDF prints it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fpdf import FPDF

from services.documents.fonts import FONT_FAMILY, font_files


@lru_cache(maxsize=4)
def _measurer(font: str) -> FPDF:
    pdf = FPDF(unit="mm")
    for style, path in font_files(font).items():
        pdf.add_font(FONT_FAMILY, style, str(path))
    return pdf


def text_width(text: str, style: str, size: float, font: str = "") -> float:
    """Width in mm at `size` pt; `font`: the document_font setting ("" = the shipped Times-metric font)."""
    pdf = _measurer(font)
    pdf.set_font(FONT_FAMILY, style, size)
    return pdf.get_string_width(unicodedata.normalize("NFC", text))

"""WordprocessingML pieces the Word renderer writes directly: measures in twips, table cells as XML strings (one
parse per table instead of python-docx's slow cell API), row and cell properties, and the shipped font's string
widths that size the header's rules as the PDF does."""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.table import Table, _Cell, _Row
from lxml import etree

from services.documents.text_measure import text_width

TWIPS_PER_MM = 1440 / 25.4
JC = {"L": "left", "C": "center", "R": "right", "J": "both"}


def tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def fitting_size(text: str, style: str, size: float, width: float, floor: float = 11.0) -> float:
    """The PDF's rule for one-line header text: half a point smaller at a time until it fits, down to `floor`."""
    while text_width(text, style, size) > width and size > floor:
        size -= 0.5
    return size


def text_run(text: str) -> BaseOxmlElement | etree._Element:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return t


def cell_xml(
    text: str, width: float, align: str, half_points: int, *, bold: bool = False, italic: bool = False,
    span: int = 1, keep_next: bool = False,
) -> str:  # fmt: skip
    """One table cell: a paragraph per line of `text`, vertically centred like the PDF's cells."""
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + f'<w:sz w:val="{half_points}"/>'
    ppr = f'<w:pPr>{"<w:keepNext/>" if keep_next else ""}<w:jc w:val="{JC[align]}"/><w:rPr>{rpr}</w:rPr></w:pPr>'
    paragraphs = "".join(
        f'<w:p>{ppr}<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        if line
        else f"<w:p>{ppr}</w:p>"
        for line in (text.split("\n") if text else [""])
    )
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{tw(width)}" w:type="dxa"/>{span_xml}<w:vAlign w:val="center"/></w:tcPr>' \
        f"{paragraphs}</w:tc>"  # fmt: skip


def set_widths(table: Table, widths: list[float]) -> None:
    """Fixed layout with these column widths (mm): Word honours tcW of each cell, LibreOffice the grid."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(tw(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def cant_split(row: _Row, exact_mm: float | None = None) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if exact_mm:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(tw(exact_mm)))
        height.set(qn("w:hRule"), "exact")
        tr_pr.append(height)


def shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def drop_first_paragraph(cell: _Cell) -> None:
    """A new cell holds one empty paragraph; once content follows it, it is only an unwanted blank line."""
    paragraphs = cell._tc.findall(qn("w:p"))
    if len(cell._tc) > 2 and paragraphs and not paragraphs[0].xpath(".//w:t"):
        cell._tc.remove(paragraphs[0])


@lru_cache(maxsize=8)
def bar_bytes(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()

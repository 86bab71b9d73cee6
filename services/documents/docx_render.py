"""A `model.Doc` written as a Word file with python-docx, on the same Decree-30 page as the PDF: A4, margins
20/20/30/15 mm, Times New Roman (Liberation Serif stands in where it is missing: same metrics), the two-column
header as a borderless table, rules under the issuing body and the motto, a PAGE field centred in the top margin
from page 2, tables whose header row repeats and whose rows never split, and the signature kept with the last
paragraph. Big tables are written as one piece of WordprocessingML: python-docx's cell API is far too slow for a
1,000-row list (benchmarks/bench_documents.py)."""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document as new_word
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from services.display.formatting import place_date_line
from services.documents import model as m
from services.documents.decree import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, recipient_lines
from services.documents.docx_figures import Figures
from services.documents.docx_xml import (
    cant_split,
    cell_xml,
    drop_first_paragraph,
    fitting_size,
    set_widths,
    text_run,
    tw,
)  # fmt: skip
from services.documents.text_measure import text_width

FONT = "Times New Roman"
A4 = (210.0, 297.0)
ALIGN = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT,
         "J": WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class WordPage(Figures):
    """One Word document being written; `epw` is the printable width in mm."""

    def __init__(self, doc: m.Doc) -> None:
        self.doc = doc
        self.word = new_word()
        width, height = doc.page_size or A4
        if doc.landscape:
            width, height = height, width
        self.is_overlay = any(isinstance(b, m.Overlay) for b in doc.blocks)
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        margins = (0.0, 0.0, 0.0, 0.0) if self.is_overlay else (MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT)
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (Mm(v) for v in margins)
        section.header_distance = Mm(8)
        self.page_w, self.page_h = width, height
        self.epw = width - margins[2] - margins[3]
        self._styles()
        if doc.page_numbers and not self.is_overlay:
            self._page_numbers(section)
        core = self.word.core_properties
        core.title, core.author, core.language = doc.title, doc.head.organiser.title(), "vi-VN"
        self.body = self.word.element.body
        self._pictures = 0
        for p in list(self.body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            self.body.remove(p)

    # --- document furniture ----------------------------------------------------------------------------------

    def _styles(self) -> None:
        normal = self.word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(m.BODY_SIZE)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0

    def _page_numbers(self, section: Section) -> None:
        """A PAGE field (not typed numbers) centred in the header; the first page's header stays empty."""
        section.different_first_page_header_footer = True
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            elif text is not None:
                run._r.append(text_run(text))

    # --- paragraphs ----------------------------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        style: str = "",
        size: float = m.BODY_SIZE,
        align: str = "L",
        container: _Cell | None = None,
        indent_mm: float = 0.0,
        after_pt: float = 0.0,
        before_mm: float = 0.0,
        keep_next: bool = False,
        colour: tuple[int, int, int] | None = None,
    ) -> Paragraph:
        target = container if container is not None else self.word
        p = target.add_paragraph()
        fmt = p.paragraph_format
        p.alignment = ALIGN[align]
        if indent_mm:
            fmt.first_line_indent = Mm(indent_mm)
        if after_pt:
            fmt.space_after = Pt(after_pt)
        if before_mm:
            fmt.space_before = Mm(before_mm)
        if keep_next:
            fmt.keep_with_next = True
        if text:
            run = p.add_run(text)
            run.bold, run.italic = "B" in style or None, "I" in style or None
            if size != m.BODY_SIZE:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = RGBColor(*colour)
        return p

    def rule(self, width_mm: float, span_mm: float, container: _Cell | None = None) -> None:
        """A centred horizontal rule `width_mm` long in a column `span_mm` wide: an empty 2-pt paragraph with a
        bottom border and the indents that leave that much of it."""
        p = self.paragraph(container=container, size=2)
        side = max((span_mm - width_mm) / 2, 0)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(side)
        p_pr = p._p.get_or_add_pPr()
        p_pr.append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        ))  # fmt: skip
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "4")
        rpr.append(sz)
        p_pr.append(rpr)

    # --- blocks --------------------------------------------------------------------------------------------------

    def header(self, block: m.Header) -> None:
        right_w = max(95.0, self.epw * 0.55)
        left_w = self.epw - right_w
        table = self._layout_table([left_w, right_w], rows=2)
        left, right = table.rows[0].cells
        head = self.doc.head
        parent, organiser = (b.upper() for b in (block.bodies or (head.parent_body, head.organiser)))
        self.paragraph(parent, size=12.5, align="C", container=left)
        size = fitting_size(organiser, "B", 12.5, left_w - 2 * 1.2)
        self.paragraph(organiser, style="B", size=size, align="C", container=left)
        self.rule(min(text_width(organiser, "B", size), left_w) / 3, left_w, container=left)
        self.paragraph(NATIONAL, style="B", size=fitting_size(NATIONAL, "B", 12.5, right_w - 2), align="C",
                       container=right)  # fmt: skip
        self.paragraph(MOTTO, style="B", size=13.5, align="C", container=right)
        self.rule(text_width(MOTTO, "B", 13.5), right_w, container=right)
        number, date_line = table.rows[1].cells
        if block.numbered:
            self.paragraph(f"Số: {block.number or '…'}", size=13, align="C", container=number, before_mm=1.5)
        if block.subject:
            self.paragraph(block.subject, size=12, align="C", container=number, before_mm=1)
        if not block.numbered and not block.subject:
            self.paragraph(container=number)
        self.paragraph(
            block.date_line or place_date_line(head.place, block.issued) or "…", style="I", size=13.5, align="C",
            container=date_line, before_mm=1.5,
        )  # fmt: skip
        for cell in (left, right, number, date_line):
            drop_first_paragraph(cell)
        self.paragraph(size=6)

    def title(self, block: m.Title) -> None:
        for line in (block.kind.upper(), *block.subject):
            self.paragraph(line, style="B", size=14, align="C", keep_next=True)
        if block.attached:
            self.paragraph(block.attached, style="I", size=13, align="C", keep_next=True)
        self.rule(35, self.epw)
        self.paragraph(size=6)

    def para(self, block: m.Para, keep_next: bool) -> None:
        p = self.paragraph(
            "" if block.lead else block.text, style=block.style, size=block.size, align=block.align,
            indent_mm=12.7 if block.indent else 0.0, after_pt=6, keep_next=keep_next,
        )  # fmt: skip
        if block.lead:
            for text, bold in ((f"{block.lead} ", True), (block.text, "B" in block.style)):
                run = p.add_run(text)
                run.bold, run.italic = bold or None, "I" in block.style or None
                if block.size != m.BODY_SIZE:
                    run.font.size = Pt(block.size)

    def heading(self, block: m.Heading) -> None:
        self.paragraph(block.text, style="B", size=block.size, align=block.align, after_pt=3, keep_next=True)

    def page_break(self) -> None:
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, block: m.Table, keep_next: bool = False) -> None:
        """`keep_next`: the last row stays on the page of what follows (a signature); a small table, all of it —
        LibreOffice keeps a table with the next paragraph only when every row says so."""
        total = sum(c.weight for c in block.columns)
        widths = [self.epw * c.weight / total for c in block.columns]
        half = round(block.size * 2)
        min_h = f'<w:trHeight w:val="{tw(block.min_height)}" w:hRule="atLeast"/>' if block.min_height else ""
        grid = "".join(f'<w:gridCol w:w="{tw(w)}"/>' for w in widths)
        parts = [
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{tw(self.epw)}" w:type="dxa"/><w:tblBorders>'
            + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="23" w:type="dxa"/>'
            '<w:left w:w="68" w:type="dxa"/><w:bottom w:w="23" w:type="dxa"/><w:right w:w="68" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            f"<w:tblGrid>{grid}</w:tblGrid>",
            # the header row, repeated by Word at the top of every page
            '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
            + "".join(cell_xml(c.header, w, "C", half, bold=True, keep_next=True)
                      for c, w in zip(block.columns, widths, strict=True))
            + "</w:tr>",
        ]  # fmt: skip
        aligns = [c.align for c in block.columns]
        last = len(block.rows) - 1
        for n, row in enumerate(block.rows):
            if isinstance(row, m.GroupRow):
                style = ("B" if row.bold else "") + ("I" if row.italic else "")
                parts.append(
                    '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                    + cell_xml(row.text, self.epw, row.align, half, bold="B" in style, italic="I" in style,
                                span=len(widths), keep_next=True)
                    + "</w:tr>"
                )  # fmt: skip
                continue
            keep = keep_next and (n == last or len(block.rows) <= m.SMALL_TABLE)
            cells = "".join(cell_xml(str(text), w, a, half, keep_next=keep)
                            for text, w, a in zip(row, widths, aligns, strict=True))  # fmt: skip
            parts.append(f"<w:tr><w:trPr><w:cantSplit/>{min_h}</w:trPr>{cells}</w:tr>")
        parts.append("</w:tbl>")
        self.body.find(qn("w:sectPr")).addprevious(parse_xml("".join(parts)))
        self.paragraph(size=6, keep_next=keep_next)

    def signature(self, block: m.Signature) -> None:
        """A borderless two-column table, one row that never splits: "Nơi nhận" (or a second signer) on the left,
        the signer on the right; every paragraph keeps with the next so the block stays on one page."""
        left_w = self.epw * (0.5 if block.left_signer else 0.42)
        table = self._layout_table([left_w, self.epw - left_w], rows=1)
        cant_split(table.rows[0])
        left, right = table.rows[0].cells
        if block.left_signer is not None:
            self._signer(left, block.left_signer, "")
        elif block.recipients:
            self.paragraph("Nơi nhận:", style="BI", size=12, container=left, keep_next=True)
            for line in recipient_lines(block.recipients):
                self.paragraph(line, size=11, container=left, keep_next=True)
        head = self.doc.head
        self._signer(right, replace(block.signer, name=m.signer_name(block.signer, head)), head.signer_title,
                     keep_next=block.below is not None)  # fmt: skip
        for cell in (left, right):
            drop_first_paragraph(cell)
        if block.below is not None:  # a second row, both cells merged, that the first row keeps with
            row = table.add_row()
            cant_split(row)
            merged = row.cells[0].merge(row.cells[1])
            self._signer(merged, replace(block.below, name=m.signer_name(block.below, head)), "", before_mm=6)
            drop_first_paragraph(merged)

    def _signer(
        self, cell: _Cell, signer: m.Signer, default_title: str, keep_next: bool = False, before_mm: float = 0.0
    ) -> None:
        for i, title in enumerate(t for t in (signer.authority, signer.title or default_title) if t):
            self.paragraph(title.upper(), style="B", size=13, align="C", container=cell, keep_next=True,
                           before_mm=before_mm if i == 0 else 0.0)  # fmt: skip
        if signer.note:
            self.paragraph(signer.note, style="I", size=13, align="C", container=cell, keep_next=True)
        self.paragraph(signer.name, style="B", size=13, align="C", container=cell, before_mm=24, keep_next=keep_next)

    # --- helpers -----------------------------------------------------------------------------------------------

    def picture(self, run: Run, png: bytes, width_mm: float, height_mm: float) -> None:
        """An inline picture in its own image part. python-docx's add_picture looks every earlier picture up (for
        de-duplication and the next shape id) — quadratic over 1,500 name cards, each QR code being unique."""
        self._pictures += 1
        n = self._pictures
        part = ImagePart.from_image(DocxImage.from_blob(png), PackURI(f"/word/media/picture{n}.png"))
        rid = self.word.part.relate_to(part, RT.IMAGE)
        run._r.add_drawing(CT_Inline.new_pic_inline(10_000 + n, rid, f"picture{n}.png", Mm(width_mm), Mm(height_mm)))

    def _layout_table(self, widths: list[float], rows: int, borders: bool = False) -> Table:
        """A table of fixed column widths; without borders it only lays text out, so its cells have no side
        margins (the header's lines then have the whole column, as in the PDF)."""
        table: Table = self.word.add_table(rows=rows, cols=len(widths))
        if borders:
            table.style = self.word.styles["Table Grid"]
        else:
            table._tbl.tblPr.append(parse_xml(
                f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                "</w:tblCellMar>"
            ))  # fmt: skip
        set_widths(table, widths)
        return table

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()


def render_docx(doc: m.Doc) -> bytes:
    page = WordPage(doc)
    first_overlay = True
    for i, block in enumerate(doc.blocks):
        following = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        match block:
            case m.Header():
                page.header(block)
            case m.Title():
                page.title(block)
            case m.Para():
                page.para(block, keep_next=isinstance(following, m.Signature))
            case m.Heading():
                page.heading(block)
            case m.Table():
                page.table(block, keep_next=isinstance(following, m.Signature))
            case m.Signature():
                page.signature(block)
            case m.PageBreak():
                page.page_break()
            case m.Bars():
                page.bars(block)
            case m.SeatGrid():
                page.seats(block)
            case m.Cards():
                page.cards(block)
            case m.Overlay():
                page.overlay(block, first_overlay)
                first_overlay = False
    if page.body.find(qn("w:p")) is None and page.body.find(qn("w:tbl")) is None:
        page.paragraph()
    return page.save()

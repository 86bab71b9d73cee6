"""The Word renderer's figures: the readiness bars, the hall's seat grid, name cards with QR codes, and the text of
overlays placed on pre-printed forms. A mixin of `docx_render.WordPage`, whose paragraph, table and picture helpers it
uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from services.documents import model as m
from services.documents.decree import MARGIN_BOTTOM, MARGIN_TOP
from services.documents.docx_xml import bar_bytes, cant_split, drop_first_paragraph, set_widths, shade, tw
from services.documents.model import BAR_COLOURS, QR_SIZE
from services.people.qr import qr_png

if TYPE_CHECKING:
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

CARD_SLACK = 1.0  # mm


class Figures:
    """Blocks that are pictures more than text, drawn with the host's helpers (declared below, supplied by
    `docx_render.WordPage`)."""

    if TYPE_CHECKING:  # the host's contract
        epw: float  # printable width, mm
        page_w: float
        page_h: float

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
        ) -> Paragraph: ...

        def page_break(self) -> None: ...

        def picture(self, run: Run, png: bytes, width_mm: float, height_mm: float) -> None: ...

        def _layout_table(self, widths: list[float], rows: int, borders: bool = False) -> Table: ...

    def bars(self, block: m.Bars) -> None:
        """Label | a coloured bar as wide as the value | the percentage; the tick labels in the last row."""
        label_w, pct_w = 48.0, 16.0
        bar_w = self.epw - label_w - pct_w
        table = self._layout_table([label_w, bar_w, pct_w], rows=len(block.bars) + 1)
        for row, bar in zip(table.rows, block.bars, strict=False):
            label, chart, pct = row.cells
            self.paragraph(bar.label, size=11, container=label)
            if bar.value:
                p = self.paragraph(container=chart)
                colour = BAR_COLOURS.get(bar.status, (120, 120, 120))
                self.picture(p.add_run(), bar_bytes(colour), max(bar_w * bar.value - 1, 0.5), 4)
            self.paragraph(bar.text, size=11, container=pct)
            for cell in row.cells:
                drop_first_paragraph(cell)
        ticks = table.rows[-1].cells[1]
        p = self.paragraph("\t".join(f"{t}%" for t in range(0, 101, 25)), size=11, container=ticks)
        stops = p.paragraph_format.tab_stops
        for t in range(25, 101, 25):
            stops.add_tab_stop(Mm((bar_w - 2) * t / 100), alignment=1 if t < 100 else 2)  # centre; the last right
        for cell in table.rows[-1].cells:
            drop_first_paragraph(cell)
        self.paragraph(size=6)

    def seats(self, block: m.SeatGrid) -> None:
        per_row = max((len(seats) for _, seats in block.rows), default=1)
        aisle = 6.0
        seat_w = (self.epw - 10 - aisle) / per_row
        widths = [10.0] + [seat_w] * block.aisle_after + [aisle] + [seat_w] * (per_row - block.aisle_after)
        self.paragraph("SÂN KHẤU", style="B", size=12, align="C", after_pt=6)
        table = self._layout_table(widths, rows=len(block.rows), borders=True)
        for (label, seats), row in zip(block.rows, table.rows, strict=True):
            cant_split(row)
            cells = row.cells
            self.paragraph(label, style="B", size=10, align="C", container=cells[0])
            for n, seat in enumerate(seats):
                cell = cells[1 + n + (1 if n >= block.aisle_after else 0)]
                self.paragraph(seat.label, size=6, align="C", container=cell)
                if seat.name:
                    self.paragraph(seat.name, size=6.5, align="C", container=cell)
                    shade(cell, "EBF3FC")
            for cell in cells:
                drop_first_paragraph(cell)

    def cards(self, block: m.Cards) -> None:
        """One table, `columns` cards a row, rows of a fixed height so that `rows` of them fill a page."""
        gap = 4.0
        card_h = (self.page_h - MARGIN_TOP - MARGIN_BOTTOM - gap * (block.rows - 1)) / block.rows
        width = self.epw / block.columns
        count = -(-len(block.cards) // block.columns) if block.cards else 0
        if not count:
            return
        table = self._layout_table([width] * block.columns, rows=count, borders=True)
        for n, card in enumerate(block.cards):
            row = table.rows[n // block.columns]
            if n % block.columns == 0:
                # a hair under a quarter page: rows that fill it exactly spill the last one onto the next page
                cant_split(row, exact_mm=card_h + gap * (block.rows - 1) / block.rows - CARD_SLACK)
            cell = row.cells[n % block.columns]
            self.paragraph(card.organiser, style="B", size=9, align="C", container=cell)
            self.paragraph(card.event, size=9, align="C", container=cell)
            self.paragraph(card.role, style="B", size=11, align="C", container=cell, colour=(150, 0, 0))
            inner = cell.add_table(rows=1, cols=2)
            set_widths(inner, [width - QR_SIZE - 6, QR_SIZE + 2])
            text, code = inner.rows[0].cells
            self.paragraph(card.name, style="B", size=14, container=text)
            if card.position:
                self.paragraph(card.position, style="I", size=10, container=text)
            if card.unit:
                self.paragraph(card.unit, size=10, container=text)
            picture = self.paragraph(align="C", container=code)
            self.picture(picture.add_run(), qr_png(card.code, scale=6, border=1), QR_SIZE, QR_SIZE)
            self.paragraph(card.code, size=8, align="C", container=code)
            for c in (cell, text, code):
                drop_first_paragraph(c)
            cell.add_paragraph()  # Word needs a paragraph after a nested table

    def overlay(self, block: m.Overlay, first: bool) -> None:
        """Each line in a frame placed on the page (hAnchor/vAnchor = page), the frame one line high and centred
        on the anchor. Word places frames to the twip; the printer's own offset is what cert_offset corrects."""
        if not first:
            self.page_break()
        if block.ruler:  # the PDF's ruler numbers, every 10 mm along the top and the left edge (no tick lines)
            for mm in range(10, int(self.page_w) - 2, 10):
                self._framed(str(mm), mm + 0.5, 6.5, 6.0, "", "L")
            for mm in range(10, int(self.page_h) - 2, 10):
                self._framed(str(mm), 6.0, mm, 6.0, "", "L")
        for x, y in block.marks:
            self._framed("+", x, y, 12.0, "", "C")
        for item in block.items:
            self._framed(item.text, item.x, item.y, item.size, item.style, item.align)
        if not block.items and not block.marks:
            self.paragraph()

    def _framed(self, text: str, x: float, y: float, size: float, style: str, align: str) -> None:
        line_h = size * 25.4 / 72 * 1.2
        width = min(self.page_w, 2 * min(x, self.page_w - x)) if align == "C" else self.page_w - x
        left = x - width / 2 if align == "C" else x
        p = self.paragraph(text, style=style, size=size, align=align)
        p.paragraph_format.line_spacing = Pt(size * 1.2)
        p._p.get_or_add_pPr().insert(0, parse_xml(
            f'<w:framePr {nsdecls("w")} w:w="{tw(width)}" w:h="{tw(line_h)}" w:hRule="exact" w:hAnchor="page" '
            f'w:vAnchor="page" w:x="{tw(left)}" w:y="{tw(y - line_h / 2)}" w:wrap="notBeside"/>'
        ))  # fmt: skip

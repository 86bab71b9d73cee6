"""A `model.Doc` drawn as PDF with fpdf2, on the Decree-30 page of `layout.DecreePage`."""

from __future__ import annotations

from typing import cast

from fpdf.enums import MethodReturnValue

from services.documents import model as m
from services.documents.layout import DecreePage
from services.documents.model import BAR_COLOURS, PT, QR_SIZE
from services.people.qr import qr_png

CROSS = 4.0  # half-length of a calibration cross, mm


def render_pdf(doc: m.Doc) -> bytes:
    overlay = any(isinstance(b, m.Overlay) for b in doc.blocks)
    pdf = DecreePage(
        doc.head, landscape=doc.landscape, page_size=doc.page_size, page_numbers=doc.page_numbers and not overlay
    )
    if doc.title:
        pdf.set_title(doc.title)
    first_overlay = True
    for i, block in enumerate(doc.blocks):
        following = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        match block:
            case m.Header(issued, number, subject, numbered, date_line, bodies):
                pdf.letterhead(issued, number, subject=subject, numbered=numbered, date_line=date_line, bodies=bodies)
            case m.Title(kind, subject, attached):
                pdf.title_block(kind, subject, attached)
            case m.Para():
                if isinstance(following, m.Signature):
                    _keep_with_signature(pdf, block, following)
                pdf.paragraph(
                    block.text, indent=block.indent, style=block.style, size=block.size, align=block.align,
                    lead=block.lead,
                )  # fmt: skip
            case m.Heading(text, size, align):
                if isinstance(following, m.Table):  # a heading goes to the next page with its table's first rows
                    start = pdf.table_start_height(following.columns, following.rows, size=following.size,
                                                   min_height=following.min_height)  # fmt: skip
                    after = doc.blocks[i + 2] if i + 2 < len(doc.blocks) else None
                    if isinstance(after, m.Signature) and len(following.rows) <= m.SMALL_TABLE:
                        start = pdf.table_height(following.columns, following.rows, size=following.size,
                                                 min_height=following.min_height) + 4 + pdf.signature_height(
                            after.signer, after.recipients, after.left_signer, after.below)  # fmt: skip
                    if pdf.will_page_break(pdf.line_height(size) + 3 * PT + start):
                        pdf.add_page()
                pdf.heading(text, size=size, align=align)
            case m.Table(columns, rows, size, min_height):
                keep = 0.0
                if isinstance(following, m.Signature):  # a signature never goes to a page of its own
                    keep = pdf.signature_height(
                        following.signer, following.recipients, following.left_signer, following.below
                    )
                pdf.data_table(columns, rows, size=size, min_height=min_height, keep_with=keep)
            case m.Signature(signer, recipients, left_signer, below):
                pdf.signature(signer, recipients, left_signer, below)
            case m.PageBreak():
                pdf.add_page()
            case m.Bars(bars):
                _bars(pdf, bars)
            case m.SeatGrid():
                _seats(pdf, block)
            case m.Cards():
                _cards(pdf, block)
            case m.Overlay():
                if not first_overlay:
                    pdf.add_page()
                first_overlay = False
                _overlay(pdf, block)
    return pdf.to_bytes()


def _keep_with_signature(pdf: DecreePage, para: m.Para, signature: m.Signature) -> None:
    """The last paragraph goes to the next page with the signature rather than leave it alone there."""
    pdf._font(para.style, para.size)
    text = f"{para.lead} {para.text}" if para.lead else para.text
    # fpdf2 types multi_cell's result as the union of its output modes; HEIGHT asks for the float
    height = cast(
        float, pdf.multi_cell(pdf.epw, pdf.line_height(para.size), text, dry_run=True, output=MethodReturnValue.HEIGHT)
    )
    needed = (
        height
        + 6 * PT
        + pdf.signature_height(signature.signer, signature.recipients, signature.left_signer, signature.below)
    )
    if pdf.get_y() + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - pdf.t_margin:
        pdf.add_page()


def _bars(pdf: DecreePage, bars: tuple[m.Bar, ...]) -> None:
    """One horizontal bar per line, 0–100 %, coloured by status; tick labels under the bars. Vector shapes only."""
    # one 11-pt line per bar, as the Word table's rows: the same height in both formats
    row_h = pdf.line_height(11)
    label_w, bar_w, bar_h = 48.0, pdf.epw - 48.0 - 16.0, 4.0
    gap = row_h - bar_h
    after = row_h + pdf.line_height(6)  # the tick labels' row and the small gap after the chart
    height = len(bars) * row_h + after
    if pdf.will_page_break(height):
        pdf.add_page()
    x0, top = pdf.l_margin, pdf.get_y()
    bottom = top + len(bars) * row_h
    pdf._font("", 11)
    y = top
    for bar in bars:
        pdf.set_xy(x0, y)
        pdf.cell(label_w, row_h, bar.label)
        value = bar.value or 0.0
        pdf.set_fill_color(*BAR_COLOURS.get(bar.status, (120, 120, 120)))
        if value > 0:
            pdf.rect(x0 + label_w, y + gap / 2, bar_w * value, bar_h, style="F")
        pdf.set_xy(x0 + label_w + bar_w * value + 1, y)
        pdf.cell(15, row_h, bar.text)
        y += bar_h + gap
    pdf.set_draw_color(160, 160, 160)
    for tick in range(0, 101, 25):
        tx = x0 + label_w + bar_w * tick / 100
        pdf.line(tx, top, tx, bottom)
        pdf.set_xy(tx - 6, bottom)
        pdf.cell(12, row_h, f"{tick}%", align="C")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, bottom + after)
    pdf._font("", 13)


def _seats(pdf: DecreePage, grid: m.SeatGrid) -> None:
    """The hall as a grid, stage on top, each seat with its label and the short name of who sits there."""
    seats_per_row = max((len(seats) for _, seats in grid.rows), default=1)
    aisle = 6.0
    seat_w = (pdf.epw - 10 - aisle) / seats_per_row
    seat_h = max(min(11.0, (pdf.page_break_trigger - pdf.get_y() - 14) / max(len(grid.rows), 1)), 8.0)
    pdf._font("B", 12)
    pdf.set_fill_color(230, 230, 230)
    pdf.cell(pdf.epw, 7, "SÂN KHẤU", border=1, align="C", fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for row, seats in grid.rows:
        if pdf.get_y() + seat_h > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        pdf._font("B", 10)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(10, seat_h, row, align="C")
        for number, seat in enumerate(seats, start=1):
            x = pdf.l_margin + 10 + (number - 1) * seat_w + (aisle if number > grid.aisle_after else 0)
            pdf.set_fill_color(235, 243, 252)
            pdf.rect(x + 0.4, y + 0.4, seat_w - 0.8, seat_h - 0.8, style="DF" if seat.name else "D")
            pdf._font("", 6)
            pdf.set_xy(x + 0.4, y + 0.6)
            pdf.cell(seat_w - 0.8, 2.6, seat.label, align="C")
            if seat.name:
                pdf._font("", 6.5)
                pdf.set_xy(x + 0.4, y + 3.2)
                pdf.multi_cell(seat_w - 0.8, 2.6, seat.name, align="C", padding=0)
        pdf.set_xy(pdf.l_margin, y + seat_h)
    pdf._font("", 13)


CARD_GAP = 4.0


def _cards(pdf: DecreePage, cards: m.Cards) -> None:
    card_w = (pdf.epw - CARD_GAP * (cards.columns - 1)) / cards.columns
    card_h = (pdf.h - pdf.t_margin - pdf.b_margin - CARD_GAP * (cards.rows - 1)) / cards.rows
    per_page = cards.columns * cards.rows
    for n, card in enumerate(cards.cards):
        slot = n % per_page
        if n and slot == 0:
            pdf.add_page()
        x = pdf.l_margin + (slot % cards.columns) * (card_w + CARD_GAP)
        y = pdf.t_margin + (slot // cards.columns) * (card_h + CARD_GAP)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, card_w, card_h)
        inner = card_w - 4
        pdf.set_xy(x + 2, y + 2)
        pdf._font("B", 9)
        pdf.multi_cell(inner, 4, card.organiser, align="C", new_x="LEFT", new_y="NEXT")
        pdf._font("", 9)
        pdf.multi_cell(inner, 4, card.event, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x + 2, pdf.get_y() + 1.5)
        pdf._font("B", 11)
        pdf.set_text_color(150, 0, 0)
        pdf.multi_cell(inner, 5, card.role, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        text_w = inner - QR_SIZE - 2
        top = pdf.get_y() + 1
        pdf.set_xy(x + 2, top)
        pdf._font("B", 14)
        pdf.multi_cell(text_w, 6, card.name, align="L", new_x="LEFT", new_y="NEXT")
        pdf._font("I", 10)
        if card.position:
            pdf.multi_cell(text_w, 4.5, card.position, align="L", new_x="LEFT", new_y="NEXT")
        pdf._font("", 10)
        if card.unit:
            pdf.multi_cell(text_w, 4.5, card.unit, align="L", new_x="LEFT", new_y="NEXT")
        pdf.image(qr_png(card.code, scale=6, border=1), x=x + card_w - 2 - QR_SIZE, y=top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_xy(x + card_w - 2 - QR_SIZE, top + QR_SIZE)
        pdf._font("", 8)
        pdf.cell(QR_SIZE, 4, card.code, align="C")


def baseline_offset(pdf: DecreePage, size: float) -> float:
    """How far below an anchor's y the text baseline sits so the line's middle (x-height centre) is on the anchor."""
    return size * PT * 0.35


def _overlay(pdf: DecreePage, overlay: m.Overlay) -> None:
    """Each item's text placed so its anchor (x, y in mm from the top-left corner) is the middle of the line: the
    centre for "C", the left end for "L". Drawn with text(), which places a baseline exactly where asked."""
    pdf.set_auto_page_break(False)
    if overlay.ruler:
        _ruler(pdf)
    pdf.set_line_width(0.2)
    for x, y in overlay.marks:
        pdf.line(x - CROSS, y, x + CROSS, y)
        pdf.line(x, y - CROSS, x, y + CROSS)
    for item in overlay.items:
        pdf._font(item.style, item.size)
        width = pdf.get_string_width(item.text)
        left = item.x - width / 2 if item.align == "C" else item.x
        pdf.text(left, item.y + baseline_offset(pdf, item.size), item.text)


def _ruler(pdf: DecreePage) -> None:
    """Millimetre ticks along the top and the left edge, longer every 5 and numbered every 10 mm."""
    pdf.set_line_width(0.15)
    pdf._font("", 6)
    for mm in range(0, int(pdf.w) + 1):
        length = 5.0 if mm % 10 == 0 else (3.0 if mm % 5 == 0 else 1.5)
        pdf.line(mm, 0, mm, length)
        if mm % 10 == 0 and 0 < mm < pdf.w - 3:
            pdf.text(mm + 0.5, 7.5, str(mm))
    for mm in range(0, int(pdf.h) + 1):
        length = 5.0 if mm % 10 == 0 else (3.0 if mm % 5 == 0 else 1.5)
        pdf.line(0, mm, length, mm)
        if mm % 10 == 0 and 0 < mm < pdf.h - 3:
            pdf.text(6, mm + 1, str(mm))

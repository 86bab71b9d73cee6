"""The PDF page of every document, after Nghị định 30/2020/NĐ-CP Appendix I: A4, margins, the two-column header,
title, justified body, page numbers from page 2, fast tables that repeat their header, signature and "Nơi nhận".
`pdf_render` walks a `model.Doc` over these; the Word renderer follows the same measures (`docx_render`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from services.display.formatting import place_date_line
from services.documents.decree import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    draft_number,
    organiser_code,
    recipient_lines,
)
from services.documents.fonts import FONT_FAMILY, font_files, single_line
from services.documents.model import (
    BODY_SIZE,
    PT,
    SMALL_TABLE,
    TABLE_SIZE,
    GroupRow,
    Letterhead,
    Signer,
    TableColumn,
    signer_name,
)

__all__ = ["DecreePage", "GroupRow", "Letterhead", "TableColumn", "draft_number", "organiser_code", "recipient_lines"]


CELL_PAD = 1.2  # mm of padding left and right of a table cell's text


@dataclass
class _TableState:
    columns: Sequence[TableColumn]
    widths: list[float] = field(default_factory=list)
    line_h: float = 0.0


class DecreePage(FPDF):
    """An A4 page (portrait, or landscape for wide tables) in the administrative-document layout."""

    def __init__(
        self,
        head: Letterhead,
        *,
        landscape: bool = False,
        page_size: tuple[float, float] | None = None,
        page_numbers: bool = True,
    ) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format=page_size or "A4")
        self.head = head
        self.page_numbers = page_numbers
        files = font_files(head.font)
        for style, path in files.items():
            self.add_font(FONT_FAMILY, style, str(path))
        self.single = single_line(str(files[""]))  # Word's "single" line of this font, as a multiple of its size
        self.set_font(FONT_FAMILY, "", BODY_SIZE)
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        self.c_margin = CELL_PAD
        self.set_creator("Hội nghị điển hình tiên tiến — bàn chuẩn bị")
        self._table: _TableState | None = None
        self._width_cache: dict[tuple[str, float, str], float] = {}
        self.add_page()

    def normalize_text(self, text: str) -> str:
        """Staff text may arrive decomposed (NFD); print precomposed letters so the font's own glyphs are used."""
        return super().normalize_text(unicodedata.normalize("NFC", text))

    # --- page furniture ------------------------------------------------------------------------------------

    def header(self) -> None:
        """Page number centred in the top margin from page 2; a running table repeats its header row."""
        if self.page_no() == 1:
            return
        if self.page_numbers:
            style, size = self.font_style, self.font_size_pt
            self.set_font(FONT_FAMILY, "", BODY_SIZE)
            self.set_xy(self.l_margin, MARGIN_TOP / 2 - 2)
            self.cell(self.epw, 5, str(self.page_no()), align="C")
            self.set_xy(self.l_margin, self.t_margin)
            self.set_font(FONT_FAMILY, style, size)
        if self._table is not None:
            self._table_header()

    def _font(self, style: str = "", size: float = BODY_SIZE) -> None:
        self.set_font(FONT_FAMILY, style, size)

    def line_height(self, size: float = BODY_SIZE, factor: float | None = None) -> float:
        """mm of one line at `size` pt: the font's single spacing unless a `factor` is given — the Word file's
        paragraphs are single-spaced, and the same line height makes both paginate alike."""
        return size * PT * (self.single if factor is None else factor)

    def rule(self, x_centre: float, width: float, y: float) -> None:
        self.set_line_width(0.3)
        self.line(x_centre - width / 2, y, x_centre + width / 2, y)

    # --- the two-column header -------------------------------------------------------------------------------

    def letterhead(
        self,
        issued: date | None,
        number: str = "",
        *,
        subject: str = "",
        numbered: bool = True,
        date_line: str = "",
        bodies: tuple[str, str] | tuple[()] = (),
    ) -> None:
        """Left: parent body, issuing body in bold with a short rule, "Số: …". Right: national title, motto with a rule
        as wide as the text, and the italic place–date line level with "Số"."""
        right_w = max(95.0, self.epw * 0.55)  # the national title at 12.5 pt needs 92 mm
        left_w = self.epw - right_w
        x_left, x_right, top = self.l_margin, self.l_margin + left_w, self.t_margin
        h = self.line_height(13)
        parent, organiser = (b.upper() for b in (bodies or (self.head.parent_body, self.head.organiser)))

        self.set_xy(x_left, top)
        self._font("", 12.5)
        self.multi_cell(left_w, h, parent, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_x(x_left)
        self._font("B", 12.5)
        while self.get_string_width(organiser) > left_w - 2 * CELL_PAD and self.font_size_pt > 11:
            self._font("B", self.font_size_pt - 0.5)
        self.multi_cell(left_w, h, organiser, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        organiser_w = min(self.get_string_width(organiser), left_w)
        rule_y = self.get_y() + 1.2
        self.rule(x_left + left_w / 2, organiser_w / 3, rule_y)
        left_bottom = rule_y + 1.5

        self.set_xy(x_right, top)
        self._font("B", 12.5)
        national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        while self.get_string_width(national) > right_w - 2 and self.font_size_pt > 11:
            self._font("B", self.font_size_pt - 0.5)
        self.cell(right_w, h, national, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self._font("B", 13.5)
        motto = "Độc lập - Tự do - Hạnh phúc"
        self.cell(right_w, h, motto, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        motto_rule_y = self.get_y() + 1.2
        self.rule(x_right + right_w / 2, self.get_string_width(motto), motto_rule_y)

        line_y = max(left_bottom, motto_rule_y + 1.5)
        bottom = line_y + h
        if numbered:
            self.set_xy(x_left, line_y)
            self._font("", 13)
            self.cell(left_w, h, f"Số: {number or '…'}", align="C")
        if subject:  # a công văn's trích yếu, under the number
            self.set_xy(x_left, line_y + (h if numbered else 0) + 1)
            self._font("", 12)
            self.multi_cell(left_w, self.line_height(12), subject, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottom = max(bottom, self.get_y())
        self.set_xy(x_right, line_y)
        self._font("I", 13.5)
        self.cell(right_w, h, date_line or place_date_line(self.head.place, issued) or "…", align="C")
        self.set_xy(self.l_margin, bottom + 6)

    def title_block(self, kind: str, subject: Sequence[str] | str = (), attached: str = "") -> None:
        """Document type in bold capitals, centred; the subject lines in bold; "(Kèm theo …)" in italics; a short
        rule below."""
        lines = [subject] if isinstance(subject, str) else list(subject)
        self._font("B", 14)
        h = self.line_height(14)
        self.multi_cell(self.epw, h, kind.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for line in lines:
            self.multi_cell(self.epw, h, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if attached:
            self._font("I", 13)
            self.multi_cell(self.epw, self.line_height(13), attached, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.rule(self.l_margin + self.epw / 2, 35, self.get_y() + 2)
        self.set_y(self.get_y() + 6)
        self._font("", BODY_SIZE)

    # --- body -------------------------------------------------------------------------------------------------

    def paragraph(
        self,
        text: str,
        *,
        indent: bool = True,
        style: str = "",
        size: float = BODY_SIZE,
        align: str = "J",
        lead: str = "",
    ) -> None:
        """Justified (by default), first-line indent 1.27 cm, 6 pt after; `lead` ("Điều 1.") in bold before it."""
        self._font(style, size)
        self.set_x(self.l_margin)
        with (
            self.text_columns(text_align=align, line_height=self.single) as columns,
            columns.paragraph(first_line_indent=12.7 if indent else 0, bottom_margin=6 * PT) as par,
        ):
            if lead:
                self._font("B" + style.replace("B", ""), size)
                par.write(f"{lead} ")
                self._font(style, size)
            par.write(text)

    def heading(self, text: str, *, size: float = BODY_SIZE, align: str = "L") -> None:
        self._font("B", size)
        if self.will_page_break(self.line_height(size) * 3):
            self.add_page()
        self.multi_cell(self.epw, self.line_height(size), text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3 * PT)
        self._font("", BODY_SIZE)

    # --- tables -----------------------------------------------------------------------------------------------

    def _width(self, word: str) -> float:
        """String width with a per-font cache: table text repeats the same words (units, award forms) row after row."""
        key = (self.font_style, self.font_size_pt, word)
        cached = self._width_cache.get(key)
        if cached is None:
            cached = self._width_cache[key] = self.get_string_width(word)
        return cached

    def _lines(self, text: str, width: float) -> list[str]:
        """Greedy word wrap to the cell's inner width; a word longer than the cell is cut by characters. Our own
        because fpdf2's multi_cell(dry_run=True) line breaker dominated the 1,000-row profile."""
        inner = width - 2 * CELL_PAD
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if self._width(paragraph) <= inner:
                lines.append(paragraph)
                continue
            space = self._width(" ")
            current, current_w = "", 0.0
            for word in (w for w in paragraph.split(" ") if w):  # a no-break space keeps "≥ 90%" whole
                w = self._width(word)
                if current and current_w + space + w <= inner:
                    current, current_w = f"{current} {word}", current_w + space + w
                    continue
                if current:
                    lines.append(current)
                while w > inner:  # a single word wider than the cell: split it by characters
                    cut = len(word)
                    while cut > 1 and self._width(word[:cut]) > inner:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self._width(word)
                current, current_w = word, w
            lines.append(current)
        return lines or [""]

    def _table_header(self) -> None:
        state = self._table
        assert state is not None
        self._font("B", TABLE_SIZE)
        wrapped = [self._lines(c.header, w) for c, w in zip(state.columns, state.widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * state.line_h + 1.6
        self._draw_row(wrapped, [("C") for _ in state.columns], height)
        self._font("", TABLE_SIZE)

    def table_height(
        self, columns: Sequence[TableColumn], rows: Sequence[Sequence[str] | GroupRow], *, size: float = TABLE_SIZE,
        min_height: float = 0.0,
    ) -> float:  # fmt: skip
        """mm the whole table takes on one page (header and every row)."""
        return self._measure_table(columns, rows, size, min_height, whole=True)

    def table_start_height(
        self, columns: Sequence[TableColumn], rows: Sequence[Sequence[str] | GroupRow], *, size: float = TABLE_SIZE,
        min_height: float = 0.0,
    ) -> float:  # fmt: skip
        """mm the header row and the first row (with the row a group heading keeps) need."""
        return self._measure_table(columns, rows[:2], size, min_height, whole=False)

    def _measure_table(
        self, columns: Sequence[TableColumn], rows: Sequence[Sequence[str] | GroupRow], size: float,
        min_height: float, *, whole: bool,
    ) -> float:  # fmt: skip
        """mm of the header and the rows, as `_draw_row` lays them out; `whole=False` stops after the first data row."""
        total = sum(c.weight for c in columns)
        widths = [self.epw * c.weight / total for c in columns]
        line_h = self.line_height(size)
        style, font_size = self.font_style, self.font_size_pt
        self._font("B", TABLE_SIZE)
        height = max(len(self._lines(c.header, w)) for c, w in zip(columns, widths, strict=True)) * line_h + 1.6
        for row in rows:
            if isinstance(row, GroupRow):
                self._font("B", size)
                height += len(self._lines(row.text, self.epw)) * line_h + 1.6
                continue
            self._font("", size)
            lines = max(len(self._lines(str(t), w)) for t, w in zip(row, widths, strict=True))
            height += max(lines * line_h + 1.6, min_height)
            if not whole:
                break
        self.set_font(FONT_FAMILY, style, font_size)
        return height

    def _draw_row(self, wrapped: list[list[str]], aligns: Sequence[str], height: float) -> None:
        """Borders by rect() and text by text(): cell() per line costs several times more on the hot path."""
        state = self._table
        assert state is not None
        x, y = self.l_margin, self.get_y()
        self.set_line_width(0.2)
        ascent = state.line_h * 0.72  # baseline of a line within its line box, as cell() would place it
        for lines, width, align in zip(wrapped, state.widths, aligns, strict=True):
            self.rect(x, y, width, height)
            text_top = y + (height - len(lines) * state.line_h) / 2
            for i, line in enumerate(lines):
                if not line:
                    continue
                if align == "C":
                    left = x + (width - self._width(line)) / 2
                elif align == "R":
                    left = x + width - CELL_PAD - self._width(line)
                else:
                    left = x + CELL_PAD
                self.text(left, text_top + i * state.line_h + ascent, line)
            x += width
        self.set_xy(self.l_margin, y + height)

    def data_table(
        self,
        columns: Sequence[TableColumn],
        rows: Iterable[Sequence[str] | GroupRow],
        *,
        size: float = TABLE_SIZE,
        min_height: float = 0.0,
        keep_with: float = 0.0,
    ) -> None:
        """Bordered table; header row repeated on every page; long text wraps inside its cell. A plain cell() loop,
        since fpdf2's table() is several times slower on the 1,000-row hot path (benchmarks/bench_documents.py).
        `keep_with`: mm of what follows (a signature) that the last row goes to the next page with."""
        total = sum(c.weight for c in columns)
        state = _TableState(columns, [self.epw * c.weight / total for c in columns], self.line_height(size))
        rows = list(rows)
        if keep_with and len(rows) <= SMALL_TABLE:  # a short table moves whole with what follows, as in Word
            start = self.table_height(columns, rows, size=size, min_height=min_height) + 4 + keep_with
        else:
            start = self.table_start_height(columns, rows, size=size, min_height=min_height)
        if self.will_page_break(start):
            self.add_page()  # a header row never stands alone at the foot of a page
        self._table = state
        self._table_header()
        aligns = [c.align for c in columns]
        bottom = self.page_break_trigger
        for n, row in enumerate(rows):
            if isinstance(row, GroupRow):
                self._font(("B" if row.bold else "") + ("I" if row.italic else ""), size)
                lines = self._lines(row.text, self.epw)
                height = len(lines) * state.line_h + 1.6
                # keep a group heading with at least one row under it
                if self.get_y() + height + state.line_h + 1.6 > bottom:
                    self.add_page()
                x, y = self.l_margin, self.get_y()
                self.set_line_width(0.2)
                self.rect(x, y, self.epw, height)
                for i, line in enumerate(lines):
                    self.set_xy(x, y + 0.8 + i * state.line_h)
                    self.cell(self.epw, state.line_h, line, align=row.align)
                self.set_xy(self.l_margin, y + height)
                self._font("", size)
                continue
            wrapped = [
                self._lines(unicodedata.normalize("NFC", str(text)), w)
                for text, w in zip(row, state.widths, strict=True)
            ]
            height = max(max(len(lines) for lines in wrapped) * state.line_h + 1.6, min_height)
            last = n == len(rows) - 1 and n > 0
            if self.get_y() + height + (4 + keep_with if last and keep_with else 0) > bottom:
                self.add_page()  # the last row goes with what the table keeps with
            self._draw_row(wrapped, aligns, height)
        self._table = None
        self.ln(4)
        self._font("", BODY_SIZE)

    # --- closing ------------------------------------------------------------------------------------------------

    def _signer(self, x: float, width: float, top: float, signer: Signer, default_title: str) -> float:
        """Authority and title in bold capitals, the italic note, room to sign, the name in bold; returns the
        bottom."""
        h = self.line_height(13)
        self.set_xy(x, top)
        self._font("B", 13)
        for title in (t for t in (signer.authority, signer.title or default_title) if t):
            self.set_x(x)
            self.multi_cell(width, h, title.upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        if signer.note:
            self._font("I", 13)
            self.set_x(x)
            self.multi_cell(width, h, signer.note, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
            self._font("B", 13)
        self.set_xy(x, self.get_y() + 24)
        self.multi_cell(width, h, signer.name, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        return self.get_y()

    def signature(
        self,
        signer: Signer,
        recipients: Sequence[str] = (),
        left_signer: Signer | None = None,
        below: Signer | None = None,
    ) -> None:
        """Signature block bottom right; on its left, level with the authority line, "Nơi nhận:" and its list or a
        second signer; `below`, a third signer centred under both. The left side is drawn first, as it is read (and
        as the Word table holds it)."""
        if self.will_page_break(self.signature_height(signer, recipients, left_signer, below)):
            self.add_page()
        self.ln(4)
        top = self.get_y()
        left_w = self.epw * (0.5 if left_signer else 0.42)
        right_x, right_w = self.l_margin + left_w, self.epw - left_w
        left_bottom = top
        if left_signer is not None:
            left_bottom = self._signer(self.l_margin, left_w, top, left_signer, "")
        elif recipients:
            self.set_xy(self.l_margin, top)
            self._font("BI", 12)
            self.cell(left_w, self.line_height(12), "Nơi nhận:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self._font("", 11)
            for line in recipient_lines(recipients):
                self.multi_cell(left_w, self.line_height(11), line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            left_bottom = self.get_y()
        right_bottom = self._signer(
            right_x, right_w, top, replace(signer, name=signer_name(signer, self.head)), self.head.signer_title
        )
        bottom = max(right_bottom, left_bottom)
        if below is not None:
            bottom = self._signer(
                self.l_margin, self.epw, bottom + 6, replace(below, name=signer_name(below, self.head)), ""
            )
        self.set_xy(self.l_margin, bottom)
        self._font("", BODY_SIZE)

    def signature_height(
        self,
        signer: Signer,
        recipients: Sequence[str] = (),
        left_signer: Signer | None = None,
        below: Signer | None = None,
    ) -> float:
        """mm the signature block takes, measured as `signature` draws it (the Word table holds the same lines)."""
        style, size = self.font_style, self.font_size_pt
        left_w = self.epw * (0.5 if left_signer else 0.42)
        right = self._signer_height(self.epw - left_w, signer, self.head.signer_title)
        left = 0.0
        if left_signer is not None:
            left = self._signer_height(left_w, left_signer, "")
        elif recipients:
            self._font("", 11)
            lines = sum(len(self._lines(line, left_w)) for line in recipient_lines(recipients))
            left = self.line_height(12) + lines * self.line_height(11)
        height = 4 + max(left, right)
        if below is not None:
            height += 6 + self._signer_height(self.epw, below, "")
        self.set_font(FONT_FAMILY, style, size)
        return height

    def _signer_height(self, width: float, signer: Signer, default_title: str) -> float:
        self._font("B", 13)
        titles = [t.upper() for t in (signer.authority, signer.title or default_title) if t]
        lines = sum(len(self._lines(t, width)) for t in titles) + (1 if signer.note else 0) + 1
        return lines * self.line_height(13) + 24

    def to_bytes(self) -> bytes:
        return bytes(self.output())

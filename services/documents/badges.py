"""Name cards (Thẻ đại biểu): eight per A4 page, each with the attendee's name, title, unit and a QR code of the ID
that the door desk scans."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.documents import sources
from services.documents.layout import DecreePage, Letterhead
from services.people.qr import qr_png
from services.positions import position_rank
from services.text import name_sort_key, tidy
from services.validation import Dataset

COLUMNS, ROWS = 2, 4
GAP = 4.0
QR_SIZE = 24.0


def badge_people(data: Dataset) -> pd.DataFrame:
    """Everyone expected, leaders first, then by unit and name — the order the cards are handed out in."""
    people = sources.expected_attendees(data)
    units = sources.unit_order(data)
    return people.assign(
        _g=[sources.group_rank(g) for g in people["group"]],
        _u=[units.get(tidy(u), len(units)) for u in people["unit"]],
        _p=[position_rank(p) for p in people["position"]],
        _n=[name_sort_key(n) for n in people["name"]],
    ).sort_values(["_g", "_u", "_p", "_n"], kind="stable")


def badges_pdf(data: Dataset, today: date) -> bytes:
    head = Letterhead.from_settings(data.settings)
    pdf = DecreePage(head)
    card_w = (pdf.epw - GAP * (COLUMNS - 1)) / COLUMNS
    card_h = (pdf.h - pdf.t_margin - pdf.b_margin - GAP * (ROWS - 1)) / ROWS
    event = data.settings.text("event_short") or data.settings.text("event_name") or "Hội nghị"
    people = badge_people(data)
    for n, (row_id, r) in enumerate(people.iterrows()):
        slot = n % (COLUMNS * ROWS)
        if n and slot == 0:
            pdf.add_page()
        x = pdf.l_margin + (slot % COLUMNS) * (card_w + GAP)
        y = pdf.t_margin + (slot // COLUMNS) * (card_h + GAP)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, card_w, card_h)
        inner = card_w - 4
        pdf.set_xy(x + 2, y + 2)
        pdf._font("B", 9)
        pdf.multi_cell(inner, 4, head.organiser, align="C", new_x="LEFT", new_y="NEXT")
        pdf._font("", 9)
        pdf.multi_cell(inner, 4, event.upper(), align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x + 2, pdf.get_y() + 1.5)
        pdf._font("B", 11)
        pdf.set_text_color(150, 0, 0)
        pdf.multi_cell(inner, 5, "ĐẠI BIỂU", align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        text_w = inner - QR_SIZE - 2
        top = pdf.get_y() + 1
        pdf.set_xy(x + 2, top)
        pdf._font("B", 14)
        pdf.multi_cell(text_w, 6, tidy(r["name"]), align="L", new_x="LEFT", new_y="NEXT")
        pdf._font("I", 10)
        if tidy(r["position"]):
            pdf.multi_cell(text_w, 4.5, tidy(r["position"]), align="L", new_x="LEFT", new_y="NEXT")
        pdf._font("", 10)
        if tidy(r["unit"]) and not tidy(r["unit"]).casefold().startswith("lãnh đạo"):
            pdf.multi_cell(text_w, 4.5, tidy(r["unit"]), align="L", new_x="LEFT", new_y="NEXT")
        pdf.image(qr_png(str(row_id), scale=6, border=1), x=x + card_w - 2 - QR_SIZE, y=top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_xy(x + card_w - 2 - QR_SIZE, top + QR_SIZE)
        pdf._font("", 8)
        pdf.cell(QR_SIZE, 4, str(row_id), align="C")
    return pdf.to_bytes()

"""An abbreviation is written out at its first mention, the short form in brackets after it, and only then used alone
(Nghị định 30/2020/NĐ-CP, Phụ lục I: "viết đầy đủ lần đầu … viết tắt trong dấu ngoặc đơn"): the first "UBND" of a
document's text becomes "Ủy ban nhân dân (UBND)" unless the full words come first.

The letterhead ("UBND TỈNH LẠNG SƠN", the tên cơ quan chủ quản) and the "Nơi nhận" list keep their usual short
forms; `spell_out` reads the body in reading order: titles, paragraphs, headings, table cells."""

from __future__ import annotations

import re
from dataclasses import replace

from services.documents import model as m

ABBREVIATIONS = {"UBND": "Ủy ban nhân dân"}


def spell_out(doc: m.Doc) -> m.Doc:
    """The same document with each abbreviation's first mention in the body written out (in place; returned)."""
    for short, full in ABBREVIATIONS.items():
        pattern = re.compile(rf"(?<!\w){short}(?!\w)")
        for i, block in enumerate(doc.blocks):
            found, changed = _first(block, pattern, short, full)
            if found:
                if changed is not None:
                    doc.blocks[i] = changed
                break
    return doc


def _first(block: m.Block, pattern: re.Pattern[str], short: str, full: str) -> tuple[bool, m.Block | None]:
    """(whether this block holds the first mention or the full words, the block rewritten or None)."""

    def fix(text: str) -> tuple[bool, str]:
        at = pattern.search(text)
        spelled = text.lower().find(full.lower())
        if spelled >= 0 and (at is None or spelled < at.start()):
            return True, text  # written out already: nothing to do
        if at is None:
            return False, text
        return True, f"{text[: at.start()]}{full} ({short}){text[at.end() :]}"

    match block:
        case m.Title():
            texts = [*block.subject, block.attached]
            for n, text in enumerate(texts):
                found, new = fix(text)
                if found:
                    texts[n] = new
                    return True, replace(block, subject=tuple(texts[:-1]), attached=texts[-1])
        case m.Para() | m.Heading():
            found, new = fix(block.text)
            if found:
                return True, replace(block, text=new)
        case m.Table():
            rows = list(block.rows)
            for r, row in enumerate(rows):
                if isinstance(row, m.GroupRow):
                    found, new = fix(row.text)
                    if found:
                        rows[r] = replace(row, text=new)
                        return True, replace(block, rows=rows)
                    continue
                for c, cell in enumerate(row):
                    found, new = fix(str(cell))
                    if found:
                        rows[r] = [*row[:c], new, *row[c + 1 :]]
                        return True, replace(block, rows=rows)
    return False, None

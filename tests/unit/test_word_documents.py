"""Every document in both formats from one model: the Word file says exactly what the PDF says, sits on the same
Decree-30 page (A4, margins 20/20/30/15 mm, Times New Roman), numbers pages with a field from page 2, repeats table
headers, keeps the signature with the last paragraph, and opens in LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_word
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from benchmarks.synthetic import make_workbook
from services.awards import honours, law
from services.documents import DOCUMENTS, render
from services.documents import model as m
from services.documents.lists import honoree_list
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.unit.conftest import DOCUMENT_DAY

TODAY = DOCUMENT_DAY


def tokens(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def docx_tokens(data: bytes) -> list[str]:
    """The body's text in reading order (paragraphs, then tables row by row and cell by cell, nested ones inside)."""
    body = open_word(io.BytesIO(data)).element.body
    return [tok for t in body.iter(qn("w:t")) for tok in tokens(t.text or "")]


def pdf_tokens(pdf: bytes, doc: m.Doc) -> list[str]:
    """The PDF's text without its page furniture: the page number at the top of pages 2…, and a table header
    that repeats at the top of a page once the table has already shown it (Word repeats it by itself)."""
    headers = [tokens(" ".join(c.header for c in b.columns)) for b in doc.blocks if isinstance(b, m.Table)]
    out: list[str] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        words = tokens(page.extract_text() or "")
        if number > 1 and doc.page_numbers and words[:1] == [str(number)]:
            words = words[1:]
        for header in headers:
            seen = any(out[i : i + len(header)] == header for i in range(len(out) - len(header) + 1))
            if number > 1 and header and words[: len(header)] == header and seen:
                words = words[len(header) :]
                break
        out += words
    return out


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """A workbook with 1,000 approved honorees."""
    path = make_workbook(tmp_path_factory.mktemp("big") / "big.xlsx", attendees=300, nominations=1000, tasks=60)
    dataset = validate(WorkbookStore(path).load())
    noms = dataset.frames["nominations"]
    noms["status"] = honours.APPROVED
    # Every one announced: yearly titles are not given for the period (law.period_problem) and a provincial form is
    # announced once its decision number is filled; keep the forms the law allows here, each with a decision number.
    lawful = noms["award"].map(lambda a: (r := law.rule_for(a)) is None or not r.yearly)
    noms.loc[~lawful, "award"] = law.GIAY_KHEN
    flag = noms["award"].map(lambda a: law.rule_for(a) is not None and law.rule_for(a).subject == law.COLLECTIVE)
    noms.loc[flag & (noms["kind"] != law.COLLECTIVE), "award"] = "Bằng khen của Chủ tịch UBND tỉnh"
    noms["decision_no"] = "1234/QĐ-UBND"
    assert len(honours.honoree_order(dataset)) == 1000
    return dataset


@pytest.fixture(scope="module")
def built(built_documents) -> dict[str, tuple[m.Doc, bytes, bytes]]:
    """Every document as (model, PDF, Word) from one model (tests/unit/conftest.py builds them once per run)."""
    return built_documents


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_word_text_equals_pdf_text(built, key):
    model, pdf, docx = built[key]
    word, printed = docx_tokens(docx), pdf_tokens(pdf, model)
    if any(isinstance(b, m.Overlay) and b.marks for b in model.blocks):
        word = [w for w in word if w != "+"]  # Word marks the calibration anchors with "+"; the PDF draws crosses
    assert len(word) > 5
    assert word == printed, _first_difference(word, printed)


def _first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"at token {i}: word {a[max(0, i - 5) : i + 5]} / pdf {b[max(0, i - 5) : i + 5]}"
    return f"lengths {len(a)} / {len(b)}: tails {a[-5:]} / {b[-5:]}"


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_word_page_is_the_decree_page(built, key):
    model, _, docx = built[key]
    section = open_word(io.BytesIO(docx)).sections[0]
    overlay = any(isinstance(b, m.Overlay) for b in model.blocks)
    if overlay:  # a pre-printed form: the page is the form's, no margins
        return
    short, long = sorted((section.page_width, section.page_height))
    assert abs(short - Mm(210)) < Mm(0.1) and abs(long - Mm(297)) < Mm(0.1)
    assert (section.page_width > section.page_height) == model.landscape
    for side, mm in (("top", 20), ("bottom", 20), ("left", 30), ("right", 15)):
        assert abs(getattr(section, f"{side}_margin") - Mm(mm)) < Mm(0.1), side
    styles = open_word(io.BytesIO(docx)).styles
    fonts = styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}


def test_page_numbers_are_a_field_from_page_two(built):
    _, _, docx = built["honorees"]
    word = open_word(io.BytesIO(docx))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header._element
    assert " PAGE " in [i.text for i in header.iter(qn("w:instrText"))]
    assert header.find(f".//{qn('w:fldChar')}") is not None
    assert header.find(f".//{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "center"


def test_tables_repeat_their_header_and_rows_never_split(built):
    _, _, docx = built["honorees"]
    body = open_word(io.BytesIO(docx)).element.body
    tables = [t for t in body.iter(qn("w:tbl")) if t.find(f".//{qn('w:tblBorders')}") is not None]
    assert tables
    rows = tables[0].findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])


def test_the_header_is_a_borderless_two_column_table_with_the_rules(built):
    _, _, docx = built["programme"]
    body = open_word(io.BytesIO(docx)).element.body
    header = body.find(qn("w:tbl"))
    assert header.find(f".//{qn('w:tblBorders')}") is None  # the default table style has none
    assert len(header.find(qn("w:tblGrid"))) == 2
    texts = [t.text for t in header.iter(qn("w:t"))]
    assert texts[:4] == ["UBND TỈNH LẠNG SƠN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc"]  # fmt: skip
    borders = header.findall(f".//{qn('w:pBdr')}/{qn('w:bottom')}")
    assert len(borders) == 2  # under the issuing body and under the motto


def test_the_signature_keeps_with_the_last_paragraph(built):
    _, _, docx = built["readiness"]
    body = open_word(io.BytesIO(docx)).element.body
    children = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
    signature = children[-1]
    assert signature.tag == qn("w:tbl")
    last_text = next(c for c in reversed(children[:-1]) if c.tag == qn("w:p") and c.xpath(".//w:t"))
    assert last_text.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert signature.find(f".//{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def test_the_readiness_signature_is_not_alone_on_its_page(built):
    """The reported page-2 orphan: whatever page the signature lands on also holds the closing paragraph."""
    _, pdf, _ = built["readiness"]
    pages = [" ".join(tokens(p.extract_text() or "")) for p in PdfReader(io.BytesIO(pdf)).pages]
    signed = next(p for p in pages if "GIÁM ĐỐC" in p and "Nơi nhận:" in p)
    assert "Trên đây là báo cáo" in signed


@pytest.mark.slow  # the scale run: 1,000 honorees through both renderers (the seeded set runs in the fast layer)
def test_a_thousand_honorees_in_both_formats(thousand):
    model = honoree_list(thousand, TODAY)
    pdf, docx = render(model, "pdf"), render(model, "docx")
    word = docx_tokens(docx)
    assert word == pdf_tokens(pdf, model)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 20
    names = [unicodedata.normalize("NFC", n) for n in honours.honoree_order(thousand)["name"]]
    assert _subsequence(tokens(" ".join(names)), word)  # every honoree, in ceremony order


@pytest.mark.slow  # ~80 s: every kind at 1,000 honorees in both formats (`built` covers every kind on the seeded set)
@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_every_kind_builds_at_a_thousand_honorees(thousand, key):
    doc = next(d for d in DOCUMENTS if d.key == key)
    for fmt in ("pdf", "docx"):
        data = doc.build(thousand, TODAY, fmt)
        if fmt == "pdf":
            assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) >= 1
        else:
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
            open_word(io.BytesIO(data))


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    assert path, "LibreOffice Writer is required (Debian: libreoffice-writer-nogui; .ci/run installs it)"
    return path


@pytest.mark.slow  # LibreOffice converts every Word file (~15 s)
def test_every_word_file_opens_in_libreoffice(built, tmp_path, thousand):
    """LibreOffice converts each .docx to PDF without error, and its PDF holds the Word text in order (its own page
    numbers and repeated headers may sit in between)."""
    files = {}
    for key, (_, _, docx) in built.items():
        files[key] = tmp_path / f"{key}.docx"
        files[key].write_bytes(docx)
    files["honorees-1000"] = tmp_path / "honorees-1000.docx"
    files["honorees-1000"].write_bytes(render(honoree_list(thousand, TODAY), "docx"))
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "out"
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out),
         *map(str, files.values())],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for key, path in files.items():
        converted = out / f"{path.stem}.pdf"
        assert converted.is_file(), f"{key}: LibreOffice wrote nothing ({result.stdout} {result.stderr})"
        reader = PdfReader(converted)
        box = reader.pages[0].mediabox
        assert sorted((round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))) == [210, 297] or (
            key in ("certificates", "calibration")
        )
        office = [t for p in reader.pages for t in tokens(p.extract_text() or "")]
        word = docx_tokens(path.read_bytes())
        assert _subsequence(word, office), f"{key}: LibreOffice's PDF lost or reordered text"


def _subsequence(needle: list[str], hay: list[str]) -> bool:
    """`needle` in order within `hay`; a word the other program broke after a hyphen or slash ("(T-" "15)")
    counts as whole."""
    j = 0
    for tok in needle:
        while j < len(hay):
            if hay[j] == tok:
                j += 1
                break
            if hay[j].endswith(("-", "/")) and j + 1 < len(hay) and hay[j] + hay[j + 1] == tok:
                j += 2
                break
            j += 1
        else:
            return False
    return True


def test_docx_renderer_never_imports_streamlit():
    source = Path("services/documents/docx_render.py").read_text(encoding="utf-8")
    assert "streamlit" not in source

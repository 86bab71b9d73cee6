"""PDF and Word paginate alike: for every registered document, the app's PDF has as many pages as LibreOffice's PDF
of the app's Word file, and neither ends on a page that holds only the signature block (a signer alone on a page is
what a văn thư sends back). LibreOffice converts every file once (≈ 15 s), hence `slow`."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from services.documents import DOCUMENTS, render
from services.documents import model as m
from services.documents.layout import recipient_lines
from tests.conftest import FIXED_TODAY
from tests.unit.test_annex_dossier import HAND_ROWS, seeded
from tests.unit.test_word_documents import soffice, tokens

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """{key: (model, app PDF pages, LibreOffice PDF pages)}, each page as its list of words."""
    tmp = tmp_path_factory.mktemp("parity")
    history = [
        [year, award, kind, f"Người {n}", "Văn phòng Sở", ""] for n, (year, award, kind, *_) in enumerate(HAND_ROWS)
    ]
    data = seeded(tmp, history)  # the annex and the draft report with figures, not their empty notes
    models, files = {}, []
    for doc in DOCUMENTS:
        models[doc.key] = model = doc.model(data, FIXED_TODAY)
        path = tmp / f"{doc.key}.docx"
        path.write_bytes(render(model, "docx"))
        files.append(str(path))
    out = tmp / "out"
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *files],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    def words(pdf: PdfReader) -> list[list[str]]:
        return [tokens(page.extract_text() or "") for page in pdf.pages]

    return {
        key: (model, words(PdfReader(io.BytesIO(render(model, "pdf")))), words(PdfReader(out / f"{key}.pdf")))
        for key, model in models.items()
    }


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_pdf_and_word_have_the_same_page_count(pages, key):
    _, pdf, word = pages[key]
    assert len(pdf) == len(word), f"{key}: PDF {len(pdf)} pages, Word (LibreOffice) {len(word)}"


def signature_words(model: m.Doc) -> set[str]:
    """Every word the signature blocks print: titles, notes, names, "Nơi nhận:" and the recipients."""
    out: set[str] = set()
    for block in model.blocks:
        if not isinstance(block, m.Signature):
            continue
        for signer in (block.signer, block.left_signer, block.below):
            if signer is None:
                continue
            name = m.signer_name(signer, model.head)
            for text in (signer.authority, signer.title or model.head.signer_title, signer.note, name):
                out.update(tokens(text.upper()) + tokens(text))
        out.update(tokens("Nơi nhận:"))
        for line in recipient_lines(block.recipients):
            out.update(tokens(line))
    return out


def test_no_page_holds_only_a_signature(pages):
    checked, alone = [], []
    for key, (model, pdf, word) in pages.items():
        if not any(isinstance(b, m.Signature) for b in model.blocks):
            continue  # name cards, ballots, the seating grid, the pre-printed forms …
        checked.append(key)
        signature = signature_words(model)
        for label, doc_pages in (("PDF", pdf), ("Word", word)):
            for number, page in enumerate(doc_pages, start=1):  # the last page, or a report's within a bundle
                if number > 1 and page[:1] == [str(number)]:
                    page = page[1:]  # the page number
                if page and not [w for w in page if w not in signature]:
                    alone.append(f"{key} ({label}) page {number}")
    assert len(checked) >= 12, checked  # the signed documents were all looked at
    assert not alone, f"the last page holds only the signature: {alone}"

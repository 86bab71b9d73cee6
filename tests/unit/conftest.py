"""Fixtures the unit modules share, built once per run: what several modules would otherwise each build again."""

from __future__ import annotations

from datetime import date

import pytest

from services.documents import DOCUMENTS, render
from services.documents import model as m
from services.documents.abbreviations import spell_out
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import seeded_copy

DOCUMENT_DAY = date(2026, 12, 5)  # the day the document tests print for (the seed's conference is after it)


@pytest.fixture(scope="session")
def built_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[m.Doc, bytes, bytes]]:
    """Every registered document of the seeded workbook as `Document.build` makes it: (model, PDF, Word).
    Read-only: test_documents checks the PDFs, test_word_documents that the Word file says what the PDF says."""
    path = seeded_copy(tmp_path_factory.mktemp("documents") / "conference.xlsx")
    data = validate(WorkbookStore(path).load())
    out = {}
    for doc in DOCUMENTS:
        model = spell_out(doc.model(data, DOCUMENT_DAY))
        out[doc.key] = (model, render(model, "pdf"), render(model, "docx"))
    return out

"""Fixtures the unit modules share, built once per run: what several modules would otherwise each build again."""

from __future__ import annotations

import os
import pickle
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from filelock import FileLock

from tests.conftest import seeded_copy

if TYPE_CHECKING:
    from services.documents import model as m

# The documents (fpdf, python-docx, plotly) are imported where they are built, not here: pytest-xdist's controller
# loads this file before it starts the workers and never renders one.

DOCUMENT_DAY = date(2026, 12, 5)  # the day the document tests print for (the seed's conference is after it)


def _build_documents(folder: Path) -> dict[str, tuple[m.Doc, bytes, bytes]]:
    from services.documents import DOCUMENTS, render
    from services.documents.abbreviations import spell_out
    from services.store.workbook import WorkbookStore
    from services.validation import validate

    data = validate(WorkbookStore(seeded_copy(folder / "conference.xlsx")).load())
    out = {}
    for doc in DOCUMENTS:
        model = spell_out(doc.model(data, DOCUMENT_DAY))
        out[doc.key] = (model, render(model, "pdf"), render(model, "docx"))
    return out


@pytest.fixture(scope="session")
def built_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[m.Doc, bytes, bytes]]:
    """Every registered document of the seeded workbook as `Document.build` makes it: (model, PDF, Word).
    Read-only: test_documents checks the PDFs, test_word_documents that the Word file says what the PDF says.
    Built once per run even when those two modules run on different xdist workers: the first worker to ask renders
    them into this run's shared temporary folder (pytest-xdist's recipe for a fixture that must run once), the
    other waits for the lock and reads them back."""
    folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = folder.parent  # every worker's base folder sits in this run's folder
    cache = folder / "built_documents.pickle"
    with FileLock(str(cache) + ".lock"):
        if cache.is_file():
            return pickle.loads(cache.read_bytes())
        out = _build_documents(tmp_path_factory.mktemp("documents"))
        cache.write_bytes(pickle.dumps(out))
    return out

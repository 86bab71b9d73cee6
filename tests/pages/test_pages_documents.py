"""The Tài liệu page renders; building a document offers a PDF whose text holds an approved honoree's name."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from services.awards import honours
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


def _download_ids(at) -> list[str]:
    return [b.proto.id for b in at.get("download_button")]


def test_documents_page_builds_and_offers_the_honoree_list(seeded_path, monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-12-05")
    at = open_app(seeded_path, monkeypatch, "documents")
    assert not at.exception, at.exception
    assert at.title[0].value == "Tài liệu"
    assert any("chưa được rà soát" in w.value for w in at.warning)
    assert not any("doc_dl_honorees-" in i or i.endswith("doc_dl_honorees") for i in _download_ids(at))

    at.button(key="doc_build_honorees").click().run()
    assert not at.exception, at.exception
    assert any(i.endswith("doc_dl_honorees") for i in _download_ids(at)), _download_ids(at)
    # AppTest's media store is gone after the run; the button serves exactly the bytes the page kept for it.
    _, pdf, _ = at.session_state["doc_bytes_honorees"]
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    text = " ".join(text.split())
    approved = honours.honoree_order(validate(WorkbookStore(seeded_path).load()))
    assert not approved.empty
    for name in approved["name"]:
        assert unicodedata.normalize("NFC", name) in text


def test_dossier_button_shows_its_due_date_and_builds_a_zip(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "documents")
    assert any("Hạn gửi:" in c.value for c in at.caption)
    at.button(key="doc_build_dossier").click().run()
    assert not at.exception, at.exception
    _, archive, _ = at.session_state["doc_bytes_dossier"]
    assert archive[:2] == b"PK"
    assert any(i.endswith("doc_dl_dossier") for i in _download_ids(at))


def test_documents_page_in_english(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "documents")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Documents"

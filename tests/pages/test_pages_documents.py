"""The Tài liệu page: every registered document has its PDF and its Word button, built only on the click (deferred,
no rerun); problems that would stop a document show before anyone clicks; the dossier lists what is missing."""

from __future__ import annotations

from services.documents import DOCUMENTS, dossier_status
from services.documents.dossier import DOSSIER_ITEMS
from services.planning.readiness import submission
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


def _by_key(at, key: str):
    return next(b.proto for b in at.get("download_button") if b.proto.id.endswith(key))


def test_every_document_has_a_pdf_and_a_word_button_built_on_click(seeded_path, monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-12-05")
    at = open_app(seeded_path, monkeypatch, "documents")
    assert not at.exception, at.exception
    assert at.title[0].value == "Tài liệu"
    assert any("chưa được rà soát" in w.value for w in at.warning)
    for doc in DOCUMENTS:
        for fmt in ("pdf", "docx"):
            button = _by_key(at, f"doc_dl_{doc.key}_{fmt}")
            assert button.deferred_file_id, f"{doc.key}.{fmt} was built before the click"
            assert not button.disabled
    assert _by_key(at, "doc_dl_dossier").deferred_file_id
    assert _by_key(at, "doc_dl_provincial").deferred_file_id
    assert _by_key(at, "doc_dl_honorees_xlsx").deferred_file_id


def test_a_bad_font_setting_is_shown_and_the_shipped_font_stands_in(seeded_path, monkeypatch):
    from openpyxl import load_workbook

    book = load_workbook(seeded_path)
    sheet = book["Sự kiện"]
    sheet.append(["document_font", "Phông chữ", "/khong/co/times.ttf"])
    book.save(seeded_path)
    at = open_app(seeded_path, monkeypatch, "documents")
    assert not at.exception, at.exception
    assert any("/khong/co/times.ttf" in w.value and "Liberation Serif" in w.value for w in at.warning)
    assert not _by_key(at, "doc_dl_honorees_pdf").disabled  # the documents still build, in Liberation Serif


def test_the_dossier_lists_every_item_and_its_deadline(seeded_path, monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-12-05")
    at = open_app(seeded_path, monkeypatch, "documents")
    texts = " ".join(m.value for m in at.markdown)
    for item in DOSSIER_ITEMS:
        assert item.label in texts, item.label
    from datetime import date

    data = validate(WorkbookStore(seeded_path).load())
    status = dossier_status(data, date(2026, 12, 5))
    # nothing uploaded, the seeded history tab empty: the plan, the (draft) report and the annex are not ticked,
    # each with why
    assert [s.item.key for s in status.items if not s.present] == ["plan", "summary-report", "annex"]
    for entry in status.items:
        if not entry.present:
            assert f"{entry.item.label} — *{entry.note}*" in texts
    due = submission(data, date(2026, 12, 5)).deadline
    shown = " ".join(c.value for c in [*at.caption, *at.error])
    assert due.strftime("%d/%m/%Y") in shown


def test_documents_page_in_english(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "documents")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Documents"

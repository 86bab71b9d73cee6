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
    assert _by_key(at, "doc_dl_honorees_xlsx").deferred_file_id


def test_the_dossier_is_built_under_a_spinner_then_offered(seeded_path, monkeypatch):
    """Issue 27: the .zip took 4.3 s with nothing on screen; now a button builds it under a spinner, then the download
    button offers the bytes (and only while the data and uploads are those it was made from)."""
    import io
    import zipfile

    import ui.document_rows

    spun: list[str] = []
    real = ui.document_rows.st.spinner

    def spinner(text, *args, **kwargs):
        spun.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ui.document_rows.st, "spinner", spinner)
    at = open_app(seeded_path, monkeypatch, "documents")
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("doc_dl_dossier")]
    at.button(key="doc_dossier_build").click().run()
    assert not at.exception, at.exception
    assert spun and "vài giây" in spun[0]
    names = zipfile.ZipFile(io.BytesIO(at.session_state["doc_dossier_zip"][1])).namelist()
    assert names[0] == "00-danh-muc-ho-so.pdf"
    assert _by_key(at, "doc_dl_dossier")


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
    assert not _by_key(at, "doc_dl_honorees_pdf").disabled
    # Issue 27: the print hint, the dossier's items, its deadline and upload labels were left in Vietnamese.
    texts = " ".join(e.value for e in [*at.caption, *at.markdown, *at.error])
    assert "Print at 100 %" in texts and "In ở tỷ lệ" not in texts
    assert "Conference plan" in texts and "Kế hoạch tổ chức" not in texts
    assert "Dossier due:" in texts and "Hạn gửi hồ sơ" not in texts
    labels = [u.label for u in at.get("file_uploader")]
    assert labels and all(not any(c in label for c in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệọỏốồổỗộớờởỡợụủứừửữựđ") for label in labels)


def test_the_uploader_speaks_vietnamese_in_vietnamese_only(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "documents")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert 'content:"Chọn tệp"' in styles and "Kéo thả tệp vào đây" in styles
    assert "stMetricLabel" in styles, "metric labels wrap instead of being cut"
    at.session_state["lang"] = "en"
    at.run()
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert "Chọn tệp" not in styles and "stMetricLabel" in styles

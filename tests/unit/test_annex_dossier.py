"""Phụ lục 2020–2025 counts equal a count made by hand from the pasted rows, totals add up, unreadable rows are named;
the dossier zip holds exactly the files its cover list names, missing items are listed, bad uploads are refused."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from services.awards import honours
from services.documents import DOCUMENT_BY_KEY, render
from services.documents.annex import KINDS, NO_KIND, NO_YEAR, TOTAL, annex, annex_counts, skipped_notes
from services.documents.dossier import (
    COVER_NAME,
    DOSSIER_ITEM_BY_KEY,
    DOSSIER_ITEMS,
    MAX_UPLOAD_BYTES,
    MISSING,
    DossierError,
    Upload,
    dossier_status,
    dossier_zip,
    safe_file_name,
)
from services.planning.readiness import submission
from services.schema import HISTORY
from services.store import Snapshot
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY, seeded_copy

CN, TT = honours.INDIVIDUAL, honours.COLLECTIVE
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PDF = b"%PDF-1.4\n% test\n"
DOCX = b"PK\x03\x04 a word file"

MINISTRY = "Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ"  # forms the seeded awards tab does not know
MEDAL = "Huân chương Lao động hạng Ba"
# (Năm as typed, Hình thức as typed, Loại as typed, the form it must count under, the kind it must count as);
# None in the last two = the row cannot be counted. Canonical names are the seeded awards tab's.
HAND_ROWS: list[tuple[object, str, str, str | None, str | None]] = [
    (2020, "Chiến sĩ thi đua cấp tỉnh", CN, "Chiến sĩ thi đua cấp tỉnh", CN),
    (2020, "Chiến sĩ thi đua cấp tỉnh", CN, "Chiến sĩ thi đua cấp tỉnh", CN),
    ("2021", "chiến sĩ  thi đua CẤP TỈNH", CN, "Chiến sĩ thi đua cấp tỉnh", CN),  # typed differently, same form
    (2020, "Bằng khen của Chủ tịch UBND tỉnh", TT, "Bằng khen của Chủ tịch UBND tỉnh", TT),
    (2023, "Bằng khen của Chủ tịch UBND tỉnh", CN, "Bằng khen của Chủ tịch UBND tỉnh", CN),
    (2023, "Bằng khen của Chủ tịch UBND tỉnh", CN, "Bằng khen của Chủ tịch UBND tỉnh", CN),
    (2025, "Cờ thi đua của UBND tỉnh", "", "Cờ thi đua của UBND tỉnh", TT),  # the form is for collectives only
    (2022, "Lao động tiên tiến", CN, "Lao động tiên tiến", CN),
    (2024, "Lao động tiên tiến", CN, "Lao động tiên tiến", CN),
    (2024, "Lao động tiên tiến", CN, "Lao động tiên tiến", CN),
    (2024, "Tập thể lao động tiên tiến", TT, "Tập thể lao động tiên tiến", TT),
    (2019, MEDAL, CN, MEDAL, CN),  # outside the period; typed before MINISTRY, listed after it
    (2021, MINISTRY, CN, MINISTRY, CN),
    (2022, MINISTRY, TT, MINISTRY, TT),
    ("năm 2O22", "Lao động tiên tiến", CN, None, None),  # letter O: unreadable year
    ("", "Lao động tiên tiến", TT, None, None),  # no year
    (2023, "Giấy khen của Giám đốc Sở", "", None, None),  # a form for both kinds, kind blank
]  # fmt: skip
UNREADABLE_YEAR_ROWS = [16, 17]  # sheet rows (header = row 1)
NO_KIND_ROWS = [18]
FORM_ORDER = [  # the seeded awards tab's ranks, then the forms it lacks alphabetically
    "Cờ thi đua của UBND tỉnh",
    "Chiến sĩ thi đua cấp tỉnh",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Tập thể lao động tiên tiến",
    "Lao động tiên tiến",
    MINISTRY,
    MEDAL,
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(nfc(" ".join((page.extract_text() or "").split())) for page in reader.pages)


def squeezed(text: str) -> str:
    """No whitespace at all: a file name wrapped inside its cell still reads whole."""
    return "".join(text.split())


def docx_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    return nfc(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")))


def seeded(tmp_path: Path, history: list[list[object]] | None = None):
    """The seeded workbook, with these rows pasted under the `Khen thưởng 2020–2025` header, read back."""
    path = seeded_copy(tmp_path / "conference.xlsx")
    if history:
        wb = load_workbook(path)
        ws = wb[HISTORY.title]
        for row in history:
            ws.append(row)
        wb.save(path)
    return validate(WorkbookStore(path).load())


@pytest.fixture(scope="module")
def history_data(tmp_path_factory):
    rows = [
        [year, award, kind, f"Người {n}", "Văn phòng Sở", ""] for n, (year, award, kind, *_) in enumerate(HAND_ROWS)
    ]
    return seeded(tmp_path_factory.mktemp("history"), rows)


# --- annex ------------------------------------------------------------------------------------------------------


def test_annex_counts_equal_an_independent_count(history_data):
    counts = annex_counts(history_data)
    expected = Counter((form, int(year), kind) for year, _, _, form, kind in HAND_ROWS if form is not None)
    assert sum(expected.values()) == 14

    assert list(counts.index) == [*FORM_ORDER, TOTAL]
    years = [y for y in dict.fromkeys(counts.columns.get_level_values(0)) if y != TOTAL]
    assert years == [2019, 2020, 2021, 2022, 2023, 2024, 2025]  # the whole period, plus the year found outside it
    for form in FORM_ORDER:
        for year in years:
            for kind in KINDS:
                assert counts.loc[form, (year, kind)] == expected[(form, year, kind)], (form, year, kind)


def test_annex_totals_add_up(history_data):
    counts = annex_counts(history_data)
    forms = counts.drop(index=TOTAL)
    years = [y for y in dict.fromkeys(counts.columns.get_level_values(0)) if y != TOTAL]
    for kind in KINDS:
        by_year = forms[[(y, kind) for y in years]].sum(axis=1)
        assert (forms[(TOTAL, kind)] == by_year).all()
    assert (counts.loc[TOTAL] == forms.sum(axis=0)).all()
    readable = [r for r in HAND_ROWS if r[3] is not None]
    assert counts.loc[TOTAL, (TOTAL, CN)] == sum(1 for r in readable if r[4] == CN) == 10
    assert counts.loc[TOTAL, (TOTAL, TT)] == sum(1 for r in readable if r[4] == TT) == 4


def test_unreadable_years_are_reported_not_dropped(history_data):
    counts = annex_counts(history_data)
    assert counts.attrs["skipped"] == {NO_YEAR: UNREADABLE_YEAR_ROWS, NO_KIND: NO_KIND_ROWS}
    counted = int(counts.loc[TOTAL, (TOTAL, CN)] + counts.loc[TOTAL, (TOTAL, TT)])
    assert counted + len(UNREADABLE_YEAR_ROWS) + len(NO_KIND_ROWS) == len(HAND_ROWS)

    notes = skipped_notes(counts)
    assert any(n.startswith("Không rõ năm: 2 dòng (dòng 16, 17)") for n in notes), notes
    assert any(n.startswith("Không rõ loại: 1 dòng (dòng 18)") for n in notes), notes
    text = pdf_text(render(annex(history_data, FIXED_TODAY), "pdf"))
    assert "Không rõ năm: 2 dòng (dòng 16, 17)" in text
    assert "Không rõ loại: 1 dòng (dòng 18)" in text


def test_annex_renders_pdf_and_word(history_data):
    doc = annex(history_data, FIXED_TODAY)
    pdf, word = render(doc, "pdf"), render(doc, "docx")
    assert pdf.startswith(b"%PDF") and word.startswith(b"PK")
    for text in (pdf_text(pdf), docx_text(word)):
        assert "PHỤ LỤC" in text
        assert "Thống kê kết quả khen thưởng giai đoạn 2020" in text
        assert "Kèm theo Báo cáo tổng kết" in text
        for form in FORM_ORDER:
            assert " ".join(form.split()) in " ".join(text.split())
        assert "Tổng số: 14 lượt khen thưởng (10 lượt cá nhân, 4 lượt tập thể)" in text
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)  # 7 year columns still fit A4 portrait


def test_annex_goes_landscape_when_years_are_many(tmp_path):
    rows = [[y, "Lao động tiên tiến", CN, "A", "", ""] for y in range(2014, 2026)]
    data = seeded(tmp_path, rows)
    page = PdfReader(io.BytesIO(render(annex(data, FIXED_TODAY), "pdf"))).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


@pytest.mark.parametrize("missing_tab", [False, True])
def test_annex_of_an_empty_tab_asks_staff_to_paste_decisions(tmp_path, missing_tab):
    data = seeded(tmp_path)
    if missing_tab:
        snapshot = WorkbookStore(tmp_path / "conference.xlsx").load()
        tabs = {k: v for k, v in snapshot.tabs.items() if k != "history"}
        data = validate(Snapshot(tabs=tabs))
        assert any(p.tab == HISTORY.title and p.severity == "warning" for p in data.problems)
    assert data.frames["history"].empty
    counts = annex_counts(data)
    assert list(counts.index) == [TOTAL] and int(counts.to_numpy().sum()) == 0
    doc = annex(data, FIXED_TODAY)
    for text in (pdf_text(render(doc, "pdf")), docx_text(render(doc, "docx"))):
        assert "Đề nghị dán các quyết định khen thưởng" in text
        assert f"“{HISTORY.title}”" in text


# --- dossier ----------------------------------------------------------------------------------------------------


def fake_build(missing: tuple[str, ...] = ("cover-letter",)):
    """Distinct bytes per document and format; a key in `missing` is unknown to it, as to the registry."""
    calls: list[tuple[str, str]] = []

    def build(key: str, fmt: str) -> bytes:
        if key in missing:
            raise KeyError(key)
        calls.append((key, fmt))
        return (PDF if fmt == "pdf" else DOCX) + f"{key}.{fmt}".encode()

    build.calls = calls  # type: ignore[attr-defined]
    return build


def open_zip(blob: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(blob))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return seeded(tmp_path_factory.mktemp("dossier"))


def test_the_dossier_is_what_the_plan_names_and_nothing_internal():
    """Kế hoạch III.1: kế hoạch, lịch tổ chức, báo cáo tổng kết, nội dung, chương trình — under a công văn."""
    assert [i.key for i in DOSSIER_ITEMS] == ["cover-letter", "plan", "programme", "summary-report", "annex"]
    assert "readiness" not in DOSSIER_ITEM_BY_KEY
    assert all(i.key in DOCUMENT_BY_KEY for i in DOSSIER_ITEMS if i.generated)


def test_dossier_zip_holds_exactly_the_listed_files(data):
    uploads = [
        Upload("C:\\Users\\VP\\Hồ sơ\\Kế hoạch số 12/KH-SKHCN.pdf", PDF + b"one", "plan"),
        Upload("../Kế hoạch số 12/KH-SKHCN.pdf", PDF + b"two", "plan"),  # same safe name: must not overwrite
    ]
    build = fake_build()
    archive = open_zip(dossier_zip(data, FIXED_TODAY, uploads, build))
    names = archive.namelist()
    assert len(names) == len(set(names))
    assert set(names) == {
        COVER_NAME,
        "02-kh-skhcn.pdf",
        "02-kh-skhcn-2.pdf",
        # the seeded history tab is empty: no annex; the summary report is the app's draft until uploaded
        *(f"{n:02d}-{item.stem}.{fmt}" for n, item in enumerate(DOSSIER_ITEMS, 1)
          if item.key in ("programme", "summary-report") for fmt in ("pdf", "docx")),
    }  # fmt: skip
    assert names[0] == COVER_NAME
    assert archive.read("02-kh-skhcn.pdf") == PDF + b"one"
    assert archive.read("02-kh-skhcn-2.pdf") == PDF + b"two"
    assert archive.read("03-chuong-trinh-hoi-nghi.docx") == DOCX + b"programme.docx"
    assert all(n.isascii() and "/" not in n and "\\" not in n for n in names)

    cover = squeezed(pdf_text(archive.read(COVER_NAME)))
    assert "DANHMỤCHỒSƠ" in cover
    for name in names:
        assert squeezed(name) in cover, name


def test_missing_items_are_listed_as_missing(data):
    archive = open_zip(dossier_zip(data, FIXED_TODAY, [], fake_build()))
    text = pdf_text(archive.read(COVER_NAME))
    # the công văn (unknown to this build), the plan (not uploaded), the annex (empty history tab)
    assert text.count(MISSING) == 3
    assert f"{MISSING}: Trang “{HISTORY.title}” còn trống" in text
    missing = [i for i in DOSSIER_ITEMS if i.key != "programme"]  # the draft report is not the signed one
    tail = text[text.index("Còn thiếu") :]
    assert tail.startswith(f"Còn thiếu {len(missing)} tài liệu")
    for item in missing:
        assert " ".join(item.label.split()) in tail

    status = dossier_status(data, FIXED_TODAY, [], generated={"programme", "summary-report", "annex"})
    assert [i.key for i in status.missing] == ["cover-letter", "plan", "summary-report", "annex"]
    assert not status.complete


def test_the_checklist_is_complete_only_with_every_item_really_there(data, history_data):
    uploads = [Upload("kh.docx", DOCX, "plan"), Upload("bc.odt", DOCX, "summary-report")]
    assert [i.key for i in dossier_status(data, FIXED_TODAY, uploads).missing] == ["annex"]  # empty history tab
    full = dossier_status(history_data, FIXED_TODAY, uploads)
    assert full.complete and [s.files for s in full.items if s.item.uploaded] == [("kh.docx",), ("bc.odt",)]


def test_an_annex_with_nothing_counted_is_neither_ticked_nor_sent(tmp_path):
    uncountable = seeded(tmp_path, [["năm 2O22", "Lao động tiên tiến", CN, "Người 1", "", ""]])
    assert annex_counts(uncountable).attrs["counted"] == 0
    status = {s.item.key: s for s in dossier_status(uncountable, FIXED_TODAY, []).items}
    assert not status["annex"].present and "Chưa tính được" in status["annex"].note
    names = open_zip(dossier_zip(uncountable, FIXED_TODAY, [], fake_build(missing=()))).namelist()
    assert not [n for n in names if "phu-luc" in n]


def test_uploads_make_items_present_in_the_cover(history_data):
    uploads = [Upload("Báo cáo tổng kết.docx", DOCX, "summary-report"), Upload("Kế hoạch.doc", b"{\\rtf1 x", "plan")]
    archive = open_zip(dossier_zip(history_data, FIXED_TODAY, uploads, fake_build(missing=())))
    text = pdf_text(archive.read(COVER_NAME))
    assert MISSING not in text and "Còn thiếu" not in text and "dự thảo" not in text.lower()
    names = set(archive.namelist())
    assert {"02-ke-hoach.doc", "04-bao-cao-tong-ket.docx", "05-phu-luc-thong-ke-khen-thuong.pdf"} <= names
    assert not [n for n in names if n.startswith("04-bao-cao-tong-ket-2020")]  # the upload replaces the draft


def test_dossier_zip_with_the_real_documents(history_data):
    archive = open_zip(dossier_zip(history_data, FIXED_TODAY, [], lambda key, fmt: DOCUMENT_BY_KEY[key].build(
        history_data, FIXED_TODAY, fmt)))  # fmt: skip
    for name in archive.namelist():
        blob = archive.read(name)
        assert blob.startswith(b"%PDF" if name.endswith(".pdf") else b"PK"), name
    letter = pdf_text(archive.read("01-cong-van-gui-hoi-dong.pdf"))
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh" in letter and "Sở Nội vụ" in letter
    assert "V/v gửi hồ sơ tổ chức Hội nghị điển hình tiên tiến" in letter
    assert "DỰ THẢO" in pdf_text(archive.read("04-bao-cao-tong-ket-2020-2025.pdf"))
    assert not [n for n in archive.namelist() if "tien-do" in n]  # the internal readiness report stays out


def test_the_draft_report_carries_the_history_tabs_figures(history_data):
    text = " ".join(docx_text(DOCUMENT_BY_KEY["summary-report"].build(history_data, FIXED_TODAY, "docx")).split())
    assert text.count("Ủy ban nhân dân (UBND)") == 1  # the first mention written out, once
    text = text.replace("Ủy ban nhân dân (UBND)", "UBND")
    counted = [(form, kind) for year, _, _, form, kind in HAND_ROWS if form and 2020 <= int(year) <= 2025]
    assert len(counted) < sum(1 for *_, form, _ in HAND_ROWS if form)  # the 2019 row is not the period's
    people = sum(1 for _, kind in counted if kind == CN)
    assert (
        f"đã được khen thưởng {len(counted)} lượt ({len(counted) - people} lượt tập thể, {people} lượt cá nhân)" in text
    )
    assert "Có 1 lượt khen thưởng ngoài giai đoạn 2020 - 2025" in text
    for form in dict.fromkeys(form for *_, form, _ in HAND_ROWS if form):
        n_cn = sum(1 for f, k in counted if f == form and k == CN)
        n_tt = sum(1 for f, k in counted if f == form and k == TT)
        parts = ", ".join(
            p for p in (f"{n_tt} lượt tập thể" if n_tt else "", f"{n_cn} lượt cá nhân" if n_cn else "") if p
        )
        assert (f"- {form}: {parts}" in text) == bool(parts), form
    for year in range(2020, 2026):
        assert f"năm {year}: {sum(1 for y, _, _, f, _ in HAND_ROWS if f and int(y) == year)} lượt" in text


def test_a_key_error_inside_a_builder_is_not_taken_for_a_missing_document(data):
    def build(key: str, fmt: str) -> bytes:
        raise KeyError("award")  # a bug in a builder, not an unknown document

    with pytest.raises(KeyError):
        dossier_zip(data, FIXED_TODAY, [], build)


def test_status_deadline_is_the_submission_deadline(data):
    due = submission(data, FIXED_TODAY)
    assert due.deadline is not None
    status = dossier_status(data, FIXED_TODAY, [])
    assert status.deadline == due.deadline
    assert status.days_left == due.days_left == (due.deadline - FIXED_TODAY).days
    assert not status.overdue
    assert f"Hạn gửi hồ sơ: {due.deadline:%d/%m/%Y}" in status.deadline_text()

    late_day = due.deadline + timedelta(days=3)
    late = dossier_status(data, late_day, [])
    assert late.deadline == submission(data, late_day).deadline == due.deadline
    assert late.overdue and late.days_left == -3
    assert "đã quá hạn 3 ngày" in late.deadline_text()
    cover = pdf_text(open_zip(dossier_zip(data, late_day, [], fake_build())).read(COVER_NAME))
    assert f"Hạn gửi hồ sơ: {due.deadline:%d/%m/%Y}" in cover and "đã quá hạn 3 ngày" in cover


@pytest.mark.parametrize(
    ("name", "blob", "item", "words"),
    [
        ("ke-hoach.exe", PDF, "plan", "chỉ nhận tệp"),
        ("bang-tinh.xlsx", DOCX, "plan", "chỉ nhận tệp"),
        ("ke-hoach", PDF, "plan", "chỉ nhận tệp"),
        ("to-lon.pdf", PDF + b"0" * MAX_UPLOAD_BYTES, "plan", "vượt giới hạn 20 MB"),
        ("rong.pdf", b"", "plan", "rỗng"),
        ("gia.pdf", b"MZ\x90\x00 not a pdf", "plan", "không phải tệp PDF"),
        ("gia.docx", PDF, "summary-report", "không phải tệp Word"),
        ("ke-hoach.pdf", PDF, "programme", "Chỉ tải lên tệp cho các mục"),  # generated by the app
        ("ke-hoach.pdf", PDF, "ke-hoach", "Chỉ tải lên tệp cho các mục"),
    ],
)
def test_bad_uploads_are_refused(name, blob, item, words):
    with pytest.raises(DossierError) as error:
        Upload(name, blob, item)
    assert words in str(error.value)


def test_the_size_limit_is_exactly_20_mb():
    Upload("vua-du.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES - len(PDF)), "plan")
    with pytest.raises(DossierError):
        Upload("qua.pdf", PDF + b"0" * (MAX_UPLOAD_BYTES - len(PDF) + 1), "plan")


def test_safe_file_names():
    assert safe_file_name("C:\\Hồ sơ\\Đề án ĐỔI MỚI (bản 2).DOCX") == "de-an-doi-moi-ban-2.docx"
    assert safe_file_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_file_name("Báo cáo tổng kết.pdf") == "bao-cao-tong-ket.pdf"
    assert safe_file_name("“”.pdf") == "tai-lieu.pdf"
    assert len(safe_file_name("a" * 300 + ".pdf")) <= 64

"""Every document: names present exactly (NFC, diacritics intact) in order, A4, font embedded; tables repeat their header;
long names wrap and stay whole; the place–date line follows Nghị định 30."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from services.awards import honours
from services.documents import DOCUMENTS, dossier_zip, honoree_table, render, sources
from services.documents.layout import DecreePage, Letterhead, TableColumn
from services.documents.lists import honoree_list, signin_rows
from services.documents.minutes import tallies
from services.documents.programme import guests_present, programme_rows
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import seeded_copy
from tests.unit.conftest import DOCUMENT_DAY

TODAY = DOCUMENT_DAY


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_text(pdf: bytes) -> str:
    """All text, NFC, with line breaks and runs of spaces folded to one space (wrapping may split a name), without
    the page numbers atop pages 2… (a paragraph running onto the next page would have one inside a name)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        words = (page.extract_text() or "").split()
        if number > 1 and words[:1] == [str(number)]:
            words = words[1:]
        pages.append(nfc(" ".join(words)))
    return " ".join(pages)


def page_texts(pdf: bytes) -> list[str]:
    return [nfc(" ".join((p.extract_text() or "").split())) for p in PdfReader(io.BytesIO(pdf)).pages]


def assert_in_order(text: str, names: list[str]) -> None:
    position = 0
    for name in names:
        found = text.find(nfc(name), position)
        assert found >= 0, f"{name!r} missing (or out of order) after position {position}"
        position = found + len(nfc(name))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    store = WorkbookStore(seeded_copy(tmp_path_factory.mktemp("docs") / "conference.xlsx"))
    return validate(store.load())


@pytest.fixture(scope="module")
def built(built_documents) -> dict[str, bytes]:
    """Every document's PDF, as `Document.build` makes it (tests/unit/conftest.py builds them once per run)."""
    return {key: pdf for key, (_, pdf, _) in built_documents.items()}


def test_registry_covers_the_paperwork_chain():
    assert [d.key for d in DOCUMENTS][:9] == [
        "honorees",
        "delegates",
        "programme",
        "mc-script",
        "signin",
        "readiness",
        "badges",
        "vote-minutes",
        "seating",
    ]
    assert {"decision", "proposal", "invitations", "certificates", "calibration", "ballots"} <= {
        d.key for d in DOCUMENTS
    }
    assert len({d.stem for d in DOCUMENTS}) == len(DOCUMENTS)


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_every_document_is_a4_with_the_font_embedded_and_the_header(built, key):
    reader = PdfReader(io.BytesIO(built[key]))
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert {round(w), round(h)} <= {595, 596, 842} or (abs(w - 595.28) <= 1 and abs(h - 841.89) <= 1), (w, h)
        assert min(w, h) == pytest.approx(595.28, abs=1) and max(w, h) == pytest.approx(841.89, abs=1)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} not embedded"
        embedded.append(str(font["/BaseFont"]))
    assert embedded and all("LiberationSerif" in name for name in embedded)
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in embedded), "subset fonts carry a 6-letter tag"
    text = pdf_text(built[key])
    # name cards, the MC's internal script, ballots, the pre-printed Giấy khen and the report's annex carry no letterhead
    if key not in ("badges", "mc-script", "ballots", "certificates", "calibration", "annex"):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        # a Báo cáo thành tích is dated by the nominee who signs it: the date is left for them
        dated = (
            "Lạng Sơn, ngày … tháng … năm …" if key == "achievement-reports" else "Lạng Sơn, ngày 05 tháng 12 năm 2026"
        )
        assert dated in text
        assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text


@pytest.fixture(scope="module")
def list_of_300(data) -> bytes:
    """A 300-row honoree list in PDF, rendered once for the two tests that read it (page numbers, repeated header)."""
    return render(honoree_list(data, TODAY, honorees=_many_honorees(data, 300)), "pdf")


def test_page_numbers_from_page_two_only(list_of_300):
    pages = page_texts(list_of_300)
    assert len(pages) > 3
    assert not pages[0].startswith("1 ")
    for n, page in enumerate(pages[1:], start=2):
        assert page.startswith(f"{n} "), page[:30]


def test_honoree_list_names_in_honours_order_grouped_by_award(data, built):
    order = honours.honoree_order(data)
    assert not order.empty
    text = pdf_text(built["honorees"])
    # award forms highest first, and inside each form collectives (I. TẬP THỂ) before individuals
    expected: list[str] = []
    for award, group in order.groupby("award", sort=False):
        expected.append(str(award).upper())
        for kind in ("tập thể", "cá nhân"):
            expected += group[group["kind"] == kind]["name"].tolist()
    assert_in_order(text, expected)
    assert list(order["rank"]) == sorted(order["rank"])
    assert "Họ và tên" in text and "Chức vụ, đơn vị công tác" in text
    assert "(Kèm theo Quyết định số" in text


def _many_honorees(data, n: int, unit: str = "") -> pd.DataFrame:
    base = honours.honoree_order(data)
    row = base[base["kind"] == "cá nhân"].iloc[0]
    rows = []
    for i in range(n):
        r = row.copy()
        r["name"] = f"Nguyễn Thị Ánh Tuyết {i:03d}"
        r["unit"] = unit or str(row["unit"])
        rows.append(r)
    return pd.DataFrame(rows, index=[f"X{i}" for i in range(n)])


def test_300_row_honoree_list_repeats_the_table_header_on_every_page(list_of_300):
    pages = page_texts(list_of_300)
    assert len(pages) >= 5
    for page in pages[:-1]:  # the last page may hold only the closing line and signature
        assert "STT Họ và tên Chức vụ, đơn vị công tác" in page
    text = " ".join(pages)
    assert_in_order(text, [f"Nguyễn Thị Ánh Tuyết {i:03d}" for i in range(300)])


def test_a_120_character_unit_name_wraps_inside_its_cell_and_is_whole(data):
    unit = (
        "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ tỉnh Lạng Sơn thuộc Sở Khoa học và Công nghệ "
        "chi nhánh Đồng Đăng ABC"
    )[:120]
    assert len(unit) == 120
    pdf = render(honoree_list(data, TODAY, honorees=_many_honorees(data, 2, unit)), "pdf")
    raw = nfc(PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or "")
    lines_with_part = [line for line in raw.splitlines() if "Trung tâm Thông tin" in line]
    assert lines_with_part and unit not in raw.replace("\n", "\n"), "the unit name must wrap over several lines"
    assert unit in pdf_text(pdf), "every word of the unit name is printed"


def test_wrapped_cells_stay_inside_the_column():
    pdf = DecreePage(Letterhead())
    columns = [TableColumn("A", 1), TableColumn("B", 1)]
    long = "Phòng Quản lý công nghệ và Đổi mới sáng tạo " * 4
    lines = pdf._lines(long, 80)
    assert len(lines) > 1
    pdf._font("", 12)
    assert all(pdf.get_string_width(line) <= 80 for line in lines)
    pdf.data_table(columns, [[long, "x"]])
    assert pdf.page_no() == 1


def test_place_date_line_has_leading_zeros_per_decree_30(data):
    for issued, expected in [
        (date(2025, 8, 5), "Lạng Sơn, ngày 05 tháng 8 năm 2025"),
        (date(2026, 1, 9), "Lạng Sơn, ngày 09 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Lạng Sơn, ngày 28 tháng 02 năm 2026"),
        (date(2026, 12, 16), "Lạng Sơn, ngày 16 tháng 12 năm 2026"),
    ]:
        text = pdf_text(DOCUMENTS[2].build(data, issued))
        assert expected in text


def test_delegate_list_names_the_delegates(data, built):
    chosen = honours.delegates(data)
    assert not chosen.empty
    text = pdf_text(built["delegates"])
    assert_in_order(text, chosen["name"].tolist())
    assert "Đại hội thi đua yêu nước tỉnh Lạng Sơn lần thứ VI" in text
    assert "Nơi nhận:" in text and "- Lưu: VT, VP." in text


def test_programme_has_computed_times_in_order(data, built):
    rows = programme_rows(data)
    assert rows[0][1] == "07 giờ 30 - 07 giờ 40"  # the hour as administrative documents write it
    text = pdf_text(built["programme"])
    assert_in_order(text, [r[1] for r in rows])
    assert_in_order(text, ["Tuyên bố lý do", "Phát động phong trào thi đua", "Tổng kết và bế mạc"])


def test_mc_script_introduces_guests_by_rank_and_calls_honorees_by_batch(data, built):
    text = pdf_text(built["mc-script"])
    guests, on_the_day = guests_present(data, TODAY)
    assert not on_the_day
    assert guests.iloc[0]["group"] == "lãnh đạo tỉnh"
    assert_in_order(text, guests["name"].tolist())
    for _, talk in honours.presentations(data).iterrows():
        assert nfc(str(talk["talk_title"])) in text
    order = honours.honoree_order(data)
    assert_in_order(text, [f"Lượt {b}" for b in sorted(order["batch"].unique())])
    assert_in_order(text, order["name"].tolist())
    assert "2025 - 2030" in text and "bế mạc" in text
    assert_in_order(text, ["khai mạc", "tham luận", "khen thưởng", "phát động", "biểu quyết", "bế mạc"])


def test_mc_script_on_the_day_introduces_who_checked_in(data):
    event_day = data.settings.event_date
    attendees = data.frames["attendees"].copy()
    guests = attendees[attendees["group"] == "khách mời"]
    present = guests.index[0]
    attendees.loc[present, "checked_in"] = pd.Timestamp(event_day)
    changed = type(data)(
        frames={**data.frames, "attendees": attendees}, raw=data.raw, settings=data.settings, problems=[]
    )
    chosen, on_the_day = guests_present(changed, event_day)
    assert on_the_day and list(chosen.index) == [present]
    text = pdf_text(DOCUMENTS[3].build(changed, event_day))
    assert nfc(attendees.loc[present, "name"]) in text
    absent = [n for n in guests["name"].iloc[1:] if n != attendees.loc[present, "name"]]
    assert all(nfc(n) not in text.split("Tiếp theo chương trình")[0] for n in absent)


def test_signin_sheet_groups_by_unit_with_a_signature_column(data, built):
    text = pdf_text(built["signin"])
    assert "Ký tên" in text
    rows = signin_rows(data)
    expected = [r.text if hasattr(r, "text") else r[1] for r in rows]
    assert_in_order(text, expected)
    declined = data.frames["attendees"][data.frames["attendees"]["rsvp"] == "vắng"]["name"]
    attending = set(sources.expected_attendees(data)["name"])
    for name in declined:
        if name not in attending:
            assert nfc(name) not in text


def test_badges_carry_each_name_and_a_qr_image(data, built):
    text = pdf_text(built["badges"])
    people = sources.expected_attendees(data)
    for name in people["name"]:
        assert nfc(name) in text
    reader = PdfReader(io.BytesIO(built["badges"]))
    assert len(reader.pages) == -(-len(people) // 8)
    assert len(reader.pages[0].images) == 8


def test_vote_minutes_count_on_the_whole_council_against_the_threshold(data, built):
    results = tallies(data)
    assert results
    text = pdf_text(built["vote-minutes"])
    assert_in_order(text, [r.name for r in results])
    for r in results:
        assert r.members == 9 and r.threshold is not None  # only forms the Sở's council votes on
        # Cờ thi đua: ≥ 80 % of all members; a proposal upward: more than half of all members (the 90 % of CSTĐ tỉnh
        # is the provincial council's)
        assert r.passed == (r.percent >= 80 if r.award.startswith("Cờ") else r.percent > 50)
    assert {r.award for r in results} == {"Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"}
    assert "có mặt …/9 thành viên" in text and "kết thúc lúc … giờ … phút" in text  # blanks until the settings say
    assert "Số phiếu phát ra: …; số phiếu thu về: …; số phiếu hợp lệ: …; số phiếu không hợp lệ: …." in text
    assert "Ban kiểm phiếu gồm: …" in text
    assert "THƯ KÝ HỘI ĐỒNG" in text and "TM. BAN KIỂM PHIẾU TRƯỞNG BAN" in text
    assert "Nguyễn Quang Huy" not in text.split("TRƯỞNG BAN")[-1]  # a blank, not the Director's name
    assert "dữ liệu tải lúc" not in text  # no software note in a signed record


def test_readiness_report_has_score_components_and_overdue(data, built):
    from services.planning.readiness import assess

    result = assess(data, TODAY)
    text = pdf_text(built["readiness"])
    assert f"{result.score}/100" in text
    assert_in_order(text, [c.label for c in result.components])
    assert_in_order(text, result.overdue["task"].tolist()[:3])
    assert "Nơi nhận:" in text


def test_seating_plan_shows_seated_names(data):
    attendees = data.frames["attendees"].copy()
    first, second = attendees.index[:2]
    attendees.loc[first, "seat"] = "A01"
    attendees.loc[second, "seat"] = "B-12"
    changed = type(data)(
        frames={**data.frames, "attendees": attendees}, raw=data.raw, settings=data.settings, problems=[]
    )
    text = pdf_text(DOCUMENTS[8].build(changed, TODAY))
    assert "SÂN KHẤU" in text
    for row_id in (first, second):
        given = " ".join(attendees.loc[row_id, "name"].split()[-2:])
        assert nfc(given) in text


def test_dossier_zips_the_documents_due_before_the_conference(data):
    from services.documents.dossier import DOSSIER_ITEMS

    archive = zipfile.ZipFile(io.BytesIO(dossier_zip(data, TODAY)))
    names = archive.namelist()
    assert names[0] == "00-danh-muc-ho-so.pdf"
    # every generated item with content (the seeded history tab is empty: no annex goes, see test_annex_dossier)
    for item in (i for i in DOSSIER_ITEMS if i.generated and i.key != "annex"):
        assert any(n.endswith(f"{item.stem}.pdf") for n in names), item.key
        assert any(n.endswith(f"{item.stem}.docx") for n in names), item.key
    assert all(archive.read(n).startswith(b"%PDF") for n in names if n.endswith(".pdf"))
    assert all(archive.read(n).startswith(b"PK") for n in names if n.endswith(".docx"))


def test_honoree_table_for_excel(data):
    table = honoree_table(data)
    assert list(table["Họ và tên / Tên tập thể"]) == honours.honoree_order(data)["name"].tolist()


def test_decomposed_input_prints_as_nfc(data):
    name = unicodedata.normalize("NFD", "Hoàng Thị Ngọc Ánh")
    frame = _many_honorees(data, 1)
    frame["name"] = [name]
    text = pdf_text(render(honoree_list(data, TODAY, honorees=frame), "pdf"))
    assert "Hoàng Thị Ngọc Ánh" in text


def test_the_seating_plan_prints_no_instruction_for_app_users(data):
    """A printed page for the hall: no "(trang Xếp chỗ ngồi)" or settings message meant for whoever uses the app."""
    attendees = data.frames["attendees"].copy()
    attendees["seat"] = ""
    unseated = type(data)(
        frames={**data.frames, "attendees": attendees}, raw=data.raw, settings=data.settings, problems=[]
    )
    from services.documents.reports import seating_plan

    text = pdf_text(render(seating_plan(unseated, TODAY), "pdf"))
    assert "Chưa xếp chỗ ngồi cho đại biểu." in text
    assert "trang" not in text.lower().replace("trang trọng", "")

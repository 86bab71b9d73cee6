"""Giấy mời (one letter a page for each invited leader and guest) and Phiếu biểu quyết (one ballot per council member,
nominees grouped under their award form), from the seeded workbook and from a 1,000-nomination synthetic one."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from benchmarks.synthetic import make_workbook
from services.awards import honours
from services.documents import render
from services.documents.ballots import (
    BOX,
    ballot_count,
    ballot_nominations,
    ballot_rows,
    ballots,
)
from services.documents.fonts import font_files
from services.documents.invitations import addressee, invitation_file_name, invitations, invitees
from services.documents.model import GroupRow, Letterhead
from services.schema import Group
from services.store.workbook import WorkbookStore
from services.validation import Dataset, validate
from tests.conftest import seeded_copy

TODAY = date(2026, 12, 5)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, NFC, whitespace folded to single spaces (wrapping may split a name over two lines)."""
    return [nfc(" ".join((p.extract_text() or "").split())) for p in PdfReader(io.BytesIO(pdf)).pages]


def docx_text(docx: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return nfc("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


def docx_page_breaks(docx: bytes) -> int:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode().count('w:type="page"')


def with_attendees(data: Dataset, **changes: dict[str, object]) -> Dataset:
    """A copy with some attendees' cells changed: with_attendees(data, gender={"DB-002": "Nữ"})."""
    people = data.frames["attendees"].copy()
    for column, values in changes.items():
        for row_id, value in values.items():
            people.loc[row_id, column] = value
    return replace(data, frames={**data.frames, "attendees": people})


def with_statuses(data: Dataset, statuses: dict[str, str]) -> Dataset:
    nominations = data.frames["nominations"].copy()
    for row_id, status in statuses.items():
        nominations.loc[row_id, "status"] = status
    return replace(data, frames={**data.frames, "nominations": nominations})


def with_council(data: Dataset, members: int) -> Dataset:
    return replace(data, settings=replace(data.settings, council_members=members))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Dataset:
    store = WorkbookStore(seeded_copy(tmp_path_factory.mktemp("invitations") / "conference.xlsx"))
    return validate(store.load())


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Dataset:
    path = make_workbook(tmp_path_factory.mktemp("big") / "big.xlsx", attendees=300, nominations=1000, tasks=20)
    return validate(WorkbookStore(path).load())


@pytest.fixture(scope="module")
def voting(data) -> Dataset:
    """The seeded workbook with nominees of the two vote-requiring forms under review (Cờ thi đua DC-015; Bằng khen
    proposed upward DC-001, DC-002, DC-017), and Giấy khen under review that needs no ballot (DC-009, DC-010,
    DC-011 stay "đang xét"; DC-004 is moved there too)."""
    moves = {"DC-001": honours.REVIEW, "DC-002": honours.REVIEW, "DC-017": honours.REVIEW, "DC-004": honours.REVIEW}
    return with_statuses(data, moves)


# --- invitations ------------------------------------------------------------------------------------------------


def test_invitees_are_the_provincial_leaders_and_guests_by_rank(data):
    people = data.frames["attendees"]
    chosen = invitees(data)
    expected = people[people["group"].isin([Group.PROVINCE_LEADERS, Group.GUEST]) & (people["rsvp"] != "vắng")]
    assert set(chosen.index) == set(expected.index) and len(chosen) >= 3
    # the Department's own leaders host the conference; staff are not invited
    assert not (set(chosen["group"]) - {Group.PROVINCE_LEADERS, Group.GUEST})
    assert not set(chosen.index) & set(people[people["group"] == Group.DEPARTMENT_LEADERS].index)
    # provincial leaders first, then guests; within a group the more senior title first
    assert list(chosen.index) == ["DB-001", "DB-004", "DB-002", "DB-003"]


def test_one_page_per_invitee_addressed_to_that_person(data):
    people = invitees(data)
    pages = page_texts(render(invitations(data, TODAY), "pdf"))
    assert len(pages) == len(people) > 1
    names = [nfc(n) for n in people["name"]]
    for page, name in zip(pages, names, strict=True):
        assert "Kính gửi" in page and "GIẤY MỜI" in page
        assert name in page
        assert [other for other in names if other in page] == [name], "one person's letter per page"
        assert "Thời gian: 07 giờ 30, Thứ Tư, ngày 16 tháng 12 năm 2026." in page
        assert "Địa điểm: Hội trường Sở Khoa học và Công nghệ tỉnh Lạng Sơn." in page
        assert "/GM-SKHCN" in page and "Nơi nhận:" in page and "- Như trên;" in page and "- Lưu: VT, VP." in page
        assert "góp phần vào thành công của Hội nghị./." in page


def test_salutation_follows_gender(data):
    changed = with_attendees(data, gender={"DB-002": "Nữ", "DB-003": ""})
    pages = dict(zip(invitees(changed).index, page_texts(render(invitations(changed, TODAY), "pdf")), strict=True))
    assert "Kính gửi: Ông Phạm Văn Hùng, Phó Chủ tịch Liên đoàn Lao động tỉnh" in pages["DB-004"]
    assert "Sự có mặt của Ông góp phần" in pages["DB-004"]
    assert "Kính gửi: Bà Triệu Thị Thu Yến, Phó Chủ tịch UBND tỉnh" in pages["DB-001"]
    assert "Kính gửi: Bà Mông Đức Dũng" in pages["DB-002"] and "Sự có mặt của Bà góp phần" in pages["DB-002"]
    assert "Kính gửi: Ông/Bà Mông Kim Giang" in pages["DB-003"] and "Sự có mặt của Ông/Bà" in pages["DB-003"]


def test_the_unit_is_not_repeated_and_empty_parts_are_left_out(data):
    people = data.frames["attendees"]
    place = Letterhead.from_settings(data.settings).place
    # the position already names the unit
    assert addressee(people.loc["DB-002"], place) == "Ông Mông Đức Dũng, Phó Giám đốc Sở Nội vụ"
    assert addressee(people.loc["DB-001"], place) == "Bà Triệu Thị Thu Yến, Phó Chủ tịch UBND tỉnh"
    # it does not: both, comma-separated
    assert addressee(people.loc["DB-003"], place) == "Bà Mông Kim Giang, Trưởng phòng Thi đua - Khen thưởng, Sở Nội vụ"
    row = people.loc["DB-003"].copy()
    row["position"] = ""
    assert addressee(row, place) == "Bà Mông Kim Giang, Sở Nội vụ"
    row["unit"] = ""
    assert addressee(row, place) == "Bà Mông Kim Giang"


def test_a_declined_guest_gets_no_invitation(data):
    declined = with_attendees(data, rsvp={"DB-002": "vắng"})
    assert "DB-002" not in invitees(declined).index
    pages = page_texts(render(invitations(declined, TODAY), "pdf"))
    assert len(pages) == len(invitees(data)) - 1
    assert not any("Mông Đức Dũng" in page for page in pages)


def test_only_one_attendee_gives_a_single_page_for_that_person(data):
    doc = invitations(data, TODAY, only="DB-003")
    pages = page_texts(render(doc, "pdf"))
    assert len(pages) == 1
    assert "Kính gửi: Bà Mông Kim Giang" in pages[0]
    assert "Mông Đức Dũng" not in pages[0] and "Triệu Thị Thu Yến" not in pages[0]
    docx = render(doc, "docx")
    assert "Mông Kim Giang" in docx_text(docx) and docx_page_breaks(docx) == 0


def test_an_unknown_attendee_id_is_refused_in_vietnamese(data):
    with pytest.raises(ValueError, match="Không tìm thấy đại biểu có mã “DB-999”"):
        invitations(data, TODAY, only="DB-999")
    with pytest.raises(ValueError, match="Không tìm thấy đại biểu"):
        invitation_file_name(data, "DB-999")


def test_invitation_file_name_is_an_ascii_slug_of_the_name(data):
    assert invitation_file_name(data, "DB-001") == "giay-moi-trieu-thi-thu-yen"
    assert invitation_file_name(data, "DB-006", "pdf") == "giay-moi-dinh-ngoc-ngan.pdf"  # Đ → d
    for row_id in invitees(data).index:
        name = invitation_file_name(data, row_id, "docx")
        assert name.isascii() and re.fullmatch(r"giay-moi-[a-z0-9-]+\.docx", name), name


# --- ballots ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def voting_ballot_pages(voting) -> list[str]:
    """The ballots of `voting` in PDF, page by page: rendered once for the tests that read them."""
    return page_texts(render(ballots(voting, TODAY), "pdf"))


def test_one_ballot_per_council_member(voting, voting_ballot_pages):
    assert ballot_count(voting) == voting.settings.council_members == 9
    nine = voting_ballot_pages
    five = page_texts(render(ballots(with_council(voting, 5), TODAY), "pdf"))
    assert ballot_count(with_council(voting, 5)) == 5
    assert len(nine) == 9 and len(five) == 5  # one page each
    assert sum("PHIẾU BIỂU QUYẾT" in page for page in nine) == 9
    assert ballot_count(with_council(voting, 0)) == 9  # not set: the default council of nine


def test_the_count_is_not_printed_on_the_ballot(voting_ballot_pages):
    text = " ".join(voting_ballot_pages)
    assert "Số phiếu in" not in text and "bằng số thành viên" not in text


def test_ballot_lists_nominees_under_review_whose_form_needs_a_vote(voting):
    chosen = ballot_nominations(voting)
    assert list(chosen.index) == ["DC-015", "DC-017", "DC-001", "DC-002"]  # Cờ thi đua; Bằng khen: tập thể, cá nhân
    assert list(chosen["threshold"]) == [80, 50, 50, 50]
    assert list(chosen["need"]) == ["ít nhất 80%", "quá nửa", "quá nửa", "quá nửa"]
    # under review but Giấy khen needs no vote; proposed; approved: none of them is on the ballot
    assert not {"DC-009", "DC-010", "DC-011", "DC-004", "DC-005", "DC-003"} & set(chosen.index)


def test_a_nomination_the_law_refuses_is_not_put_to_the_vote(voting):
    """A yearly title at this period conference (Chiến sĩ thi đua cơ sở) is refused by the law: no ballot line."""
    nominations = voting.frames["nominations"].copy()
    nominations.loc["DC-002", "award"] = "Chiến sĩ thi đua cơ sở"
    changed = replace(voting, frames={**voting.frames, "nominations": nominations})
    assert "DC-002" not in ballot_nominations(changed).index


def test_without_vote_forms_under_review_the_ballot_takes_the_proposed_ones_that_need_a_vote(data):
    no_vote = with_statuses(data, {"DC-015": honours.APPROVED, "DC-001": honours.PROPOSED})
    assert list(ballot_nominations(no_vote).index) == ["DC-001"]  # not the Giấy khen proposed (no ballot)
    assert ballot_nominations(with_statuses(data, {"DC-015": honours.APPROVED})).empty


def test_every_nominee_appears_once_per_copy_under_its_award_form(voting):
    chosen = ballot_nominations(voting)
    pages = page_texts(render(ballots(with_council(voting, 3), TODAY), "pdf"))
    assert len(pages) == 3
    for page in pages:
        assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in page and "PHIẾU BIỂU QUYẾT" in page
        assert "Đánh dấu X vào ô lựa chọn" in page
        assert "Tập thể, cá nhân" in page and "Đồng ý" in page and "Không đồng ý" in page
        position = 0
        for n, (form, group) in enumerate(chosen.groupby("form", sort=False)):
            heading = f"{('I', 'II', 'III')[n]}. {form}"
            found = page.find(heading, position)
            assert found >= position, f"{heading!r} missing or out of order"
            position = found + len(heading)
            for name in group["name"]:
                assert page.count(nfc(name)) == 1, name
                found = page.find(nfc(name), position)
                assert found >= 0, f"{name!r} not under {form!r}"
                position = found + len(nfc(name))
        for absent in ("Triệu Quang Khánh", "Mông Hữu Sơn", "Đặng Thu Yến"):  # Giấy khen; proposed; approved
            assert absent not in page


def test_forms_in_rank_order_with_the_share_they_need(voting):
    rows = ballot_rows(ballot_nominations(voting))
    headings = [r.text for r in rows if isinstance(r, GroupRow)]
    assert headings == [
        "I. Cờ thi đua của UBND tỉnh (cần ít nhất 80% tổng số thành viên Hội đồng đồng ý)",
        "II. Bằng khen của Chủ tịch UBND tỉnh (cần quá nửa tổng số thành viên Hội đồng đồng ý)",
    ]
    entries = [r for r in rows if not isinstance(r, GroupRow)]
    assert [r[0] for r in entries] == ["1", "2", "3", "4"]
    assert all(r[2] == r[3] == BOX for r in entries)  # the boxes to mark
    assert entries[0][1] == "Văn phòng Sở"  # a collective that is its own unit: the name alone
    assert entries[2][1] == "Mông Thu Nhung (Chuyên viên, Phòng Quản lý khoa học)"


def test_the_box_glyph_if_any_is_in_the_shipped_font():
    for path in font_files().values():
        cmap = TTFont(path).getBestCmap()
        assert all(ord(ch) in cmap for ch in BOX), f"{BOX!r} would print as a missing glyph from {path.name}"


@pytest.mark.slow  # a scale run: the 1,000-nomination workbook (built ~1 s) gives the only ballot long enough
def test_a_long_ballot_repeats_its_column_headers_on_every_page(big):
    one = with_council(big, 1)
    pages = page_texts(render(ballots(one, TODAY), "pdf"))
    assert len(pages) > 1
    assert all("Đồng ý" in page and "Không đồng ý" in page for page in pages)


@pytest.mark.slow  # a scale run on the 1,000-nomination workbook (the seeded one: the tests above)
def test_the_big_ballot_has_every_nominee_once_per_copy(big):
    council = with_council(big, 3)
    chosen = ballot_nominations(council)
    assert len(chosen) > 20 and chosen["threshold"].notna().all()
    pages = page_texts(render(ballots(council, TODAY), "pdf"))
    assert len(pages) % 3 == 0
    per_copy = len(pages) // 3
    single = page_texts(render(ballots(with_council(big, 1), TODAY), "pdf"))
    assert per_copy == len(single)
    for copy in range(3):
        text = " ".join(pages[copy * per_copy : (copy + 1) * per_copy])
        for name in chosen[chosen["kind"] == honours.INDIVIDUAL]["name"]:
            assert text.count(f"{nfc(name)} (") == 1, name


# --- both builders, both formats ------------------------------------------------------------------------------


# the 300-guest workbook is the scale run (one invitation page per guest, ~5 s): in the slow layer
@pytest.mark.parametrize("workbook", ["data", pytest.param("big", marks=pytest.mark.slow)])
def test_invitations_render_as_pdf_and_word(workbook, request):
    dataset = request.getfixturevalue(workbook)
    people = invitees(dataset)
    assert len(people) > 0
    doc = invitations(dataset, TODAY)
    pdf, docx = render(doc, "pdf"), render(doc, "docx")
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages) == len(people)
    text = docx_text(docx)
    assert text.count("GIẤY MỜI") == len(people) and docx_page_breaks(docx) == len(people) - 1
    assert all(nfc(name) in text for name in people["name"])


@pytest.mark.parametrize("workbook", ["data", pytest.param("big", marks=pytest.mark.slow)])  # big: the scale run
def test_ballots_render_as_pdf_and_word(workbook, request):
    dataset = request.getfixturevalue(workbook)
    chosen = ballot_nominations(dataset)
    assert len(chosen) > 0
    doc = ballots(dataset, TODAY)
    pdf, docx = render(doc, "pdf"), render(doc, "docx")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF") and pages >= ballot_count(dataset) and pages % ballot_count(dataset) == 0
    text = docx_text(docx)
    assert text.count("PHIẾU BIỂU QUYẾT") == ballot_count(dataset)
    assert docx_page_breaks(docx) == ballot_count(dataset) - 1
    for name in chosen["name"]:
        assert text.count(nfc(name)) >= ballot_count(dataset), name

"""The council as the law runs it: the Biên bản họp Hội đồng (attendance, a result for every nominee, conclusions),
the Biên bản kiểm phiếu's ballots and Ban kiểm phiếu, and the ceremony announcing only what is decided (MC script)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from services.awards import ceremony, honours
from services.documents import render
from services.documents.minutes import council_minutes, nominee_results, vote_minutes
from services.documents.programme import mc_script
from services.store.workbook import WorkbookStore
from services.validation import Dataset, validate
from tests.conftest import seeded_copy
from tests.unit.test_rewards_and_decisions import docx_text, pdf_text

TODAY = date(2026, 12, 5)
COUNCIL = {
    "council_present": "8",
    "council_absent": "Hoàng Văn Vắng",
    "council_roster": "Nguyễn Quang Huy - Giám đốc Sở, Chủ tịch Hội đồng; Trần Văn Phó - Phó Chủ tịch Hội đồng",
    "ballot_counters": "Lê Thị Kiểm - Trưởng ban; Vi Văn Đếm - Thành viên",
    "ballots_returned": "8",
    "ballots_invalid": "1",
    "council_meeting_date": "20/11/2026",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Dataset:
    path = seeded_copy(tmp_path_factory.mktemp("council") / "conference.xlsx")
    return validate(WorkbookStore(path).load())


@pytest.fixture(scope="module")
def minutes_text(data) -> str:
    """The meeting minutes of the COUNCIL settings in PDF, as text: rendered once for the tests that read them."""
    return pdf_text(render(council_minutes(with_settings(data, **COUNCIL), TODAY), "pdf"))


def with_settings(data: Dataset, **values: str) -> Dataset:
    return dataclasses.replace(
        data, settings=dataclasses.replace(data.settings, values={**data.settings.values, **values})
    )


def with_cells(data: Dataset, row_id: str, **cells: object) -> Dataset:
    nominations = data.frames["nominations"].copy()
    for column, value in cells.items():
        nominations.loc[row_id, column] = value
    return dataclasses.replace(data, frames={**data.frames, "nominations": nominations})


def test_the_meeting_minutes_give_a_result_for_every_nominee(data, minutes_text):
    rows = nominee_results(data)
    assert len(rows) == len(data.frames["nominations"])
    text = minutes_text
    for name in data.frames["nominations"]["name"]:
        assert name in text, name
    results = {r[1].split(" (")[0]: (r[3], r[4]) for r in rows}
    assert results["Phòng Quản lý khoa học"] == ("8/9", "Nhất trí trình Chủ tịch UBND tỉnh")
    assert results["Phòng Kế hoạch - Tài chính"] == ("Bình xét", "Nhất trí đề nghị Giám đốc Sở tặng")
    assert results["Văn phòng Sở"] == ("7/9", "Chưa đạt tỷ lệ")  # Cờ: 77,8 % < 80 % of all members
    assert results["Phòng Bưu chính, Viễn thông và Chuyển đổi số"] == ("—", "Chưa xem xét")


def test_the_meeting_minutes_record_attendance_and_written_opinions(data, minutes_text):
    text = minutes_text
    assert "Hội đồng gồm 09 thành viên; có mặt 08 thành viên; vắng mặt 01 thành viên (Hoàng Văn Vắng)" in text
    assert "có ý kiến bằng văn bản" in text
    assert "- Trần Văn Phó - Phó Chủ tịch Hội đồng." in text
    assert "Lạng Sơn, ngày 20 tháng 11 năm 2026" in text
    assert "Điều 80 khoản 1 Luật Thi đua, khen thưởng số 06/2022/QH15" in text
    assert "Đề nghị Giám đốc Sở trình Chủ tịch UBND tỉnh khen thưởng: 2 tập thể và 3 cá nhân" in text
    assert "TM. HỘI ĐỒNG" in text and "THƯ KÝ" in text
    assert "Nhất trí trình Chủ tịch UBND tỉnh" in docx_text(render(council_minutes(data, TODAY), "docx"))


def test_a_yearly_title_is_recorded_as_refused_with_its_article(data):
    changed = with_cells(data, "DC-004", award="Lao động tiên tiến")
    result = {r[1].split(" (")[0]: r[4] for r in nominee_results(changed)}["Đinh Thanh Thảo"]
    assert result.startswith("Không đủ điều kiện") and "Điều 27" in result


def test_the_tally_has_its_ballots_and_its_counters(data):
    text = pdf_text(render(vote_minutes(with_settings(data, **COUNCIL), TODAY), "pdf"))
    assert "Số phiếu phát ra: 08; số phiếu thu về: 08; số phiếu hợp lệ: 07; số phiếu không hợp lệ: 01." in text
    assert "- Lê Thị Kiểm - Trưởng ban;" in text and "- Vi Văn Đếm - Thành viên." in text
    assert "Thành viên vắng mặt có ý kiến bằng văn bản (01): Hoàng Văn Vắng" in text
    assert "TRƯỞNG BAN Lê Thị Kiểm" in text
    assert "Giấy khen" not in text  # agreed without a ballot: in the meeting minutes, not in the tally


def test_the_mc_announces_only_decided_awards_and_names_people_properly(data):
    text = pdf_text(render(mc_script(data, TODAY), "pdf"))
    assert "công bố Quyết định số" in text and "của Giám đốc Sở Khoa học và Công nghệ" in text
    assert "Bằng khen của Chủ tịch UBND tỉnh:" not in text  # proposed, not decided: not called on stage
    assert "chưa có số quyết định — không công bố" in text
    order = honours.honoree_order(data)
    for _, row in order.iterrows():
        assert ceremony.honoree_call(row) in text
    assert "ông Vi Mạnh Hùng" in text and "bà Đinh Thanh Thảo" in text and "đại diện Phòng Kế hoạch - Tài chính" in text

    decided = with_cells(data, "DC-017", decision_no="2150/QĐ-UBND")
    text = pdf_text(render(mc_script(decided, TODAY), "pdf"))
    assert "2150/QĐ-UBND của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn." in text  # (a page number may fall before it)
    assert text.count("công bố Quyết định số") == 2
    assert (
        "Bằng khen của Chủ tịch UBND tỉnh: trân trọng kính mời đại diện Chi cục Tiêu chuẩn Đo lường Chất lượng" in text
    )
    assert text.index("2150/QĐ-UBND") < text.index("của Giám đốc Sở Khoa học và Công nghệ")  # highest form first


def test_a_person_without_a_gender_is_called_comrade():
    assert ceremony.honoree_call({"name": "Lê Văn A", "kind": "cá nhân", "gender": ""}) == "đồng chí Lê Văn A"
    assert ceremony.honoree_call({"name": "Lê Thị B", "kind": "cá nhân", "gender": "Nữ"}) == "bà Lê Thị B"


def test_the_programme_names_only_the_decisions_it_announces(data):
    from services.documents.programme import programme_rows

    (awards,) = [row[2] for row in programme_rows(data) if row[2].startswith("Biểu dương")]
    assert "công bố Quyết định số ……/QĐ-SKHCN của Giám đốc Sở Khoa học và Công nghệ" in awards
    assert "Chủ tịch" not in awards  # the proposals await the province's decision
    decided = with_cells(data, "DC-016", decision_no="2150/QĐ-UBND")
    (awards,) = [row[2] for row in programme_rows(decided) if row[2].startswith("Biểu dương")]
    assert "Quyết định số 2150/QĐ-UBND của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn" in awards

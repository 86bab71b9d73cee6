"""The provincial council's view: one row per unit from the unit's own rules, late units first, an unreadable unit a
row with its Vietnamese error; the merged delegate and proposal lists hold every unit's lines in the deployment's
order, in the Nghị định 30 layout (PDF text read back as the document tests do), in XLSX and Word too."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from services.awards import honours
from services.documents.upward import proposed_upward
from services.planning import readiness
from services.province import status
from services.province.merged import MERGED_BY_KEY, PROVINCE_CONGRESS
from services.province.status import UnitSnapshot, filter_rows, forms_in, province_rows, unit_facts
from services.store import BackendUnavailable
from services.store.memory import MemoryStore
from services.validation import validate
from tests.province_units import unit_rows
from tests.unit.test_documents import assert_in_order, nfc, pdf_text

TODAY = date(2026, 11, 25)
BROKEN = BackendUnavailable("Không mở được bảng tính của đơn vị: tệp đang bị khóa.")


def dataset(code: str, **kwargs):
    return validate(MemoryStore(seed=lambda: unit_rows(code, TODAY, **kwargs)).load())


@pytest.fixture(scope="module")
def units() -> list[UnitSnapshot]:
    """In the deployment file's order: on time, late (conference in 10 days: T-15 was 5 days ago), unreadable,
    sent with its day typed, sent by its task alone, late again."""
    return [
        UnitSnapshot("SKHCN", "Sở Khoa học và Công nghệ", dataset("SKHCN")),
        UnitSnapshot("STC", "Sở Tài chính", dataset("STC", days=10)),
        UnitSnapshot("SYT", "Sở Y tế", None, BROKEN),
        UnitSnapshot("SGD", "Sở Giáo dục và Đào tạo", dataset("SGD", days=10, sent_on=TODAY - timedelta(days=7))),
        UnitSnapshot("SXD", "Sở Xây dựng", dataset("SXD", days=10, task_done=True)),
        UnitSnapshot("UBH", "UBND huyện Hữu Lũng", dataset("UBH", days=12)),
    ]


def test_late_units_first_then_the_unreadable_each_in_the_deployment_order(units):
    rows = province_rows(units, TODAY)
    assert [(r.code, r.state) for r in rows] == [
        ("STC", status.LATE),
        ("UBH", status.LATE),
        ("SYT", status.UNREADABLE),
        ("SKHCN", status.PENDING),
        ("SGD", status.SENT),
        ("SXD", status.SENT),
    ]


def test_an_unreadable_unit_is_a_row_with_its_vietnamese_error(units):
    row = next(r for r in province_rows(units, TODAY) if r.code == "SYT")
    assert row.facts is None and row.error == str(BROKEN) and row.name == "Sở Y tế"
    assert row.honorees == 0 and row.count("Lao động tiên tiến") == 0


def test_sent_and_when_from_the_setting_or_only_that_from_the_task(units):
    by_code = {r.code: r for r in province_rows(units, TODAY)}
    assert by_code["SGD"].facts.sent and by_code["SGD"].facts.sent_on == TODAY - timedelta(days=7)
    assert by_code["SXD"].facts.sent and by_code["SXD"].facts.sent_on is None  # done, day not recorded
    assert not by_code["STC"].facts.sent


def test_each_figure_is_the_units_own_rule(units):
    data = units[1].data
    facts = unit_facts(data, TODAY)
    due = readiness.submission(data, TODAY)
    assert facts.deadline == due.deadline == data.settings.event_date - timedelta(days=15)
    assert facts.conference == data.settings.event_date and facts.lead_days == 15
    assert facts.readiness == readiness.assess(data, TODAY).score is not None
    assert facts.proposals == len(proposed_upward(data)) > 0
    assert facts.delegates == len(honours.delegates(data)) > 0
    lawful = honours.lawful_order(data)
    assert dict(facts.by_form) == lawful["award"].value_counts().to_dict()
    assert [f for f, _ in facts.by_form] == ["Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Giám đốc Sở"]


def test_due_soon_within_the_banner_days_and_no_date_without_a_conference():
    soon = status.UnitFacts(None, TODAY + timedelta(days=3), 15, False, None, None, (), 0, 0, 5)
    assert status.state_of(soon, TODAY) == status.DUE_SOON
    assert status.state_of(soon, TODAY - timedelta(days=1)) == status.PENDING
    undated = status.UnitFacts(None, None, None, False, None, None, (), 0, 0, 5)
    assert status.state_of(undated, TODAY) == status.NO_DATE


def test_filters_by_state_and_by_form(units):
    rows = province_rows(units, TODAY)
    assert [r.code for r in filter_rows(rows, {status.LATE})] == ["STC", "UBH"]
    assert [r.code for r in filter_rows(rows, {status.SENT, status.UNREADABLE})] == ["SYT", "SGD", "SXD"]
    assert forms_in(rows) == ["Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Giám đốc Sở"]
    assert "SYT" not in [r.code for r in filter_rows(rows, form="Giấy khen của Giám đốc Sở")]
    assert filter_rows(rows, form="Cờ thi đua của UBND tỉnh") == []
    assert len(filter_rows(rows)) == len(units)


def test_facts_are_worked_out_through_the_callers_function(units):
    seen = []

    def counted(data, today):
        seen.append(data)
        return unit_facts(data, today)

    province_rows(units, TODAY, counted)
    assert len(seen) == len(units) - 1  # never for the unreadable unit


# --- the merged documents ---------------------------------------------------------------------------------------


def delegate_names(units):
    return [[str(n) for n in honours.delegates(u.data)["name"]] if u.data is not None else [] for u in units]


@pytest.fixture(scope="module")
def delegates_pdf(units) -> bytes:
    return MERGED_BY_KEY["province-delegates"].build(units, TODAY, "pdf")


def test_every_units_delegates_in_unit_order(units, delegates_pdf):
    text = pdf_text(delegates_pdf)
    expected = []
    for unit, names in zip(units, delegate_names(units), strict=True):
        expected += [unit.name, *names]
    assert sum(map(len, delegate_names(units))) >= 5
    assert_in_order(text, expected)
    assert "Chưa tổng hợp được: không đọc được dữ liệu của đơn vị" in text and str(BROKEN) in text
    total = sum(map(len, delegate_names(units)))
    assert f"Tổng số: {total} đại biểu của 6 đơn vị; chưa tổng hợp được 1 đơn vị: Sở Y tế./." in text


def test_the_merged_lists_follow_the_decree_layout(units, delegates_pdf):
    proposals = MERGED_BY_KEY["province-proposals"].build(units, TODAY, "pdf")
    for pdf in (delegates_pdf, proposals):
        reader = PdfReader(io.BytesIO(pdf))
        for page in reader.pages:  # A4 portrait
            assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
            assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
        fonts = reader.pages[0]["/Resources"]["/Font"]
        assert all("LiberationSerif" in str(f.get_object()["/BaseFont"]) for f in fonts.values())
        text = pdf_text(pdf)
        assert_in_order(
            text,
            [
                "UBND TỈNH LẠNG SƠN",
                "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: /DS-HĐTĐKT",
                "Lạng Sơn, ngày 25 tháng 11 năm 2026",
                "DANH SÁCH",
            ],
        )
        assert_in_order(text, ["Nơi nhận:", "- Lưu: VT.", "TM. HỘI ĐỒNG", "CHỦ TỊCH"])
    assert nfc(PROVINCE_CONGRESS) in pdf_text(delegates_pdf)


def test_every_units_proposals_in_unit_order_in_pdf_and_xlsx(units):
    doc = MERGED_BY_KEY["province-proposals"]
    expected: list[str] = []
    for unit in units:
        expected.append(unit.name)
        if unit.data is not None:
            expected += [str(n) for n in proposed_upward(unit.data)["name"]]
    assert_in_order(pdf_text(doc.build(units, TODAY, "pdf")), expected)
    sheet = load_workbook(io.BytesIO(doc.build(units, TODAY, "xlsx"))).active
    values = list(sheet.iter_rows(min_row=3, values_only=True))
    header, lines = values[0], values[1:]
    assert header[:2] == ("STT", "Đơn vị") and header[-2:] == ("Hình thức đề nghị", "Ghi chú")
    names = [line[2] for line in lines if line[2]]
    assert names == [n for n in expected if n not in {u.name for u in units}]
    assert [line[0] for line in lines if line[0]] == list(range(1, len(names) + 1))
    broken = next(line for line in lines if line[1] == "Sở Y tế")
    assert str(BROKEN) in broken[-1]
    assert list(dict.fromkeys(line[1] for line in lines)) == [u.name for u in units]


def test_delegates_xlsx_and_word(units):
    doc = MERGED_BY_KEY["province-delegates"]
    sheet = load_workbook(io.BytesIO(doc.build(units, TODAY, "xlsx"))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [r[2] for r in rows if r[2]] == [n for names in delegate_names(units) for n in names]
    word = zipfile.ZipFile(io.BytesIO(doc.build(units, TODAY, "docx"))).read("word/document.xml").decode()
    assert all(nfc(u.name) in nfc(word) for u in units)

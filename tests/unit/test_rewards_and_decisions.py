"""Tiền thưởng (coefficient × base salary), the Director's Quyết định khen thưởng and the Tờ trình to the province:
counts, forms and totals checked against the nominations and awards tabs read independently, in the PDF and Word
text."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from decimal import ROUND_CEILING, Decimal

import pandas as pd
import pytest
from pypdf import PdfReader

from benchmarks.synthetic import make_workbook
from services.awards import rewards
from services.documents import render
from services.documents.decision import reward_decision
from services.documents.proposal import reward_proposal
from services.store.workbook import WorkbookStore
from services.validation import Dataset, validate
from tests.conftest import seeded_copy

TODAY = date(2026, 12, 5)
DIRECTOR, CHAIR = "Giám đốc Sở", "Chủ tịch UBND tỉnh"
APPROVED = "đã duyệt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """NFC, no-break spaces as spaces, runs of whitespace as one space (wrapping may split a phrase)."""
    return nfc(" ".join(text.replace("\u00a0", " ").split()))


def pdf_text(pdf: bytes) -> str:
    return " ".join(fold(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def docx_text(docx: bytes) -> str:
    """Every paragraph of the Word body (tables included), in document order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    paragraphs = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))
    return fold(" ".join(paragraphs))


def dots(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


# Issue 25, read independently of services/awards/law.py: yearly titles (danh hiệu xét tặng hằng năm) are not given
# for the 2020 - 2025 period, so neither the Director's decision nor the Tờ trình carries them.
YEARLY = {
    key(n)
    for n in (
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Tập thể lao động tiên tiến",
        "Tập thể lao động xuất sắc",
        "Chiến sĩ thi đua cấp tỉnh",
    )
}


# --- the reference: straight from the tabs, not through honours/rewards ----------------------------------------


def approved_by_decider(data: Dataset) -> pd.DataFrame:
    """Approved nominations the law allows for the period (no yearly title) with their form's decider and
    coefficients joined from the awards tab by name."""
    awards = data.frames["awards"]
    forms = {key(r["name"]): r for _, r in awards.iterrows()}
    noms = data.frames["nominations"]
    noms = noms[(noms["status"] == APPROVED) & ~noms["award"].map(key).isin(YEARLY)]
    rows = []
    for _, r in noms.iterrows():
        form = forms.get(key(r["award"]))
        if form is not None and form["subject"] and form["subject"] != r["kind"]:
            continue  # a collective's form for a person (or the reverse) is refused by the law
        coef = None
        if form is not None:
            coef = form["coef_collective"] if r["kind"] == "tập thể" else form["coef_person"]
        rows.append(
            {
                "name": str(r["name"]),
                "position": str(r["position"] or ""),
                "unit": str(r["unit"] or ""),
                "kind": r["kind"],
                "award": str(r["award"]),
                "decider": "" if form is None else form["decider"],
                "coef": None if coef is None or pd.isna(coef) else float(coef),
            }
        )
    return pd.DataFrame(rows, columns=["name", "position", "unit", "kind", "award", "decider", "coef"])


def expected_total(data: Dataset, decider: str | None, salary: int) -> int:
    rows = approved_by_decider(data)
    if decider is not None:
        rows = rows[rows["decider"] == decider]
    total = Decimal(0)
    for coef in rows["coef"]:
        if coef is not None and not pd.isna(coef):
            # rounded up to the next 10.000 đồng (NĐ 152/2025 Điều 49 khoản 2)
            total += (Decimal(str(coef)) * salary / 10_000).to_integral_value(rounding=ROUND_CEILING) * 10_000
    return int(total)


def with_settings(data: Dataset, **values: str) -> Dataset:
    settings = dataclasses.replace(data.settings, values={**data.settings.values, **values})
    return dataclasses.replace(data, settings=settings)


def with_award(data: Dataset, name: str, **cells: object) -> Dataset:
    awards = data.frames["awards"].copy()
    mask = awards["name"].map(key) == key(name)
    assert mask.any(), name
    for column, value in cells.items():
        awards.loc[mask, column] = value
    return dataclasses.replace(data, frames={**data.frames, "awards": awards})


def article_counts(text: str, article: str) -> tuple[int, int]:
    """(collectives, individuals) of "… cho N tập thể và M cá nhân …" after `article`."""
    found = re.search(re.escape(article) + r".*? cho (?:(\d+) tập thể)?(?: và )?(?:(\d+) cá nhân)?", text)
    assert found, f"no counts after {article!r}"
    return int(found.group(1) or 0), int(found.group(2) or 0)


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Dataset:
    path = seeded_copy(tmp_path_factory.mktemp("rewards") / "conference.xlsx")
    return validate(WorkbookStore(path).load())


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Dataset:
    path = make_workbook(tmp_path_factory.mktemp("rewards-big") / "bench.xlsx", 50, 1000, 10)
    return validate(WorkbookStore(path).load())


@pytest.fixture(scope="module")
def decision_pdf(data) -> str:
    return pdf_text(render(reward_decision(data, TODAY), "pdf"))


@pytest.fixture(scope="module")
def proposal_pdf(data) -> str:
    return pdf_text(render(reward_proposal(data, TODAY), "pdf"))


# --- rewards ----------------------------------------------------------------------------------------------------


def test_seeded_reference_has_both_levels(data):
    rows = approved_by_decider(data)
    assert (rows["decider"] == DIRECTOR).sum() > 0
    assert (rows["decider"] == CHAIR).sum() > 0
    assert set(rows["kind"]) == {"tập thể", "cá nhân"}


@pytest.mark.parametrize("decider", [DIRECTOR, CHAIR, None])
def test_totals_are_coefficient_times_base_salary(data, decider):
    deciders = None if decider is None else (decider,)
    expected = expected_total(data, decider, 2_340_000)
    assert expected > 0
    assert rewards.base_salary(data) == 2_340_000
    assert rewards.reward_total(data, deciders) == expected
    assert sum(line.total for line in rewards.reward_lines(data, deciders)) == expected


def test_director_and_higher_summaries_split_the_whole(data):
    director, higher = rewards.director_rewards(data), rewards.higher_rewards(data)
    assert {line.decider for line in director.lines} == {DIRECTOR}
    assert {line.decider for line in higher.lines} == {CHAIR}
    assert director.total + higher.total == rewards.reward_total(data)
    assert director.total == expected_total(data, DIRECTOR, 2_340_000)


def test_known_amounts_of_the_decree(data):
    lines = {line.award: line for line in rewards.reward_lines(data)}
    giay_khen = lines["Giấy khen của Giám đốc Sở"]
    # 702.000 and 1.404.000, each rounded up to the next ten thousand đồng (NĐ 152/2025 Điều 49 khoản 2)
    assert (giay_khen.amount_person, giay_khen.amount_collective) == (710_000, 1_410_000)
    bang_khen = lines["Bằng khen của Chủ tịch UBND tỉnh"]
    assert (bang_khen.amount_person, bang_khen.amount_collective) == (3_510_000, 7_020_000)  # 1,5 and 3,0 (Điều 54)
    assert rewards.amount(0.8, 2_340_000) == 1_880_000
    assert rewards.amount(1.0, 2_340_000) == 2_340_000
    assert rewards.amount(0.3, 1_800_001) == 550_000  # 540 000,3 → up to the next ten thousand
    assert rewards.amount(None, 2_340_000) == 0


def test_changed_base_salary_changes_the_totals(data, decision_pdf):
    raised = with_settings(data, base_salary="2.530.000")
    assert rewards.base_salary(raised) == 2_530_000
    for decider in (DIRECTOR, CHAIR):
        before = rewards.reward_total(data, (decider,))
        after = rewards.reward_total(raised, (decider,))
        assert after == expected_total(data, decider, 2_530_000)
        assert after != before
    new_total = rewards.director_rewards(raised).total
    text = pdf_text(render(reward_decision(raised, TODAY), "pdf"))
    assert f"Tổng số tiền thưởng: {dots(new_total)} đồng" in text
    assert "2.530.000 đồng/tháng" in text
    assert f"Tổng số tiền thưởng: {dots(new_total)} đồng" not in decision_pdf


def test_unreadable_base_salary_falls_back_and_says_so(data):
    broken = with_settings(data, base_salary="hai triệu")
    assert rewards.base_salary(broken) == 2_340_000  # the one in force on the decision date (NĐ 73/2024)
    assert "có hiệu lực vào ngày quyết định" in (rewards.base_salary_problem(broken) or "")
    assert rewards.base_salary_problem(data) is None
    assert rewards.base_salary(with_settings(data, base_salary="0")) == 2_340_000


def test_missing_coefficient_is_reported_not_a_crash(data):
    # The decree fixes Giấy khen for a collective (0,6, Điều 54): a blank cell does not lose it. The individual's was
    # not found in the decree, so the awards tab's cell is the setting, and a blank one is reported.
    fixed = with_award(data, "Giấy khen của Giám đốc Sở", coef_collective=pd.NA)
    assert rewards.missing_coefficients(fixed) == []
    blank = with_award(data, "Giấy khen của Giám đốc Sở", coef_person=pd.NA)
    assert rewards.missing_coefficients(data) == []
    assert rewards.missing_coefficients(blank) == ["Giấy khen của Giám đốc Sở (cá nhân)"]
    assert rewards.director_rewards(blank).missing == ["Giấy khen của Giám đốc Sở (cá nhân)"]
    assert rewards.higher_rewards(blank).missing == []
    people = (approved_by_decider(data)["award"] == "Giấy khen của Giám đốc Sở") & (
        approved_by_decider(data)["kind"] == "cá nhân"
    )
    lost = int(people.sum()) * 710_000
    assert lost > 0
    assert rewards.reward_total(blank, (DIRECTOR,)) == rewards.reward_total(data, (DIRECTOR,)) - lost
    text = pdf_text(render(reward_decision(blank, TODAY), "pdf"))
    assert "chưa có hệ số tiền thưởng" in text
    assert "Giấy khen của Giám đốc Sở (cá nhân)" in text
    render(reward_decision(blank, TODAY), "docx")


def test_award_form_missing_from_the_tab_is_reported(data):
    noms = data.frames["nominations"].copy()
    row_id = noms.index[noms["status"] == APPROVED][0]
    noms.loc[row_id, "award"] = "Huy hiệu không có trong danh mục"
    odd = dataclasses.replace(data, frames={**data.frames, "nominations": noms})
    kind = noms.loc[row_id, "kind"]
    assert rewards.missing_coefficients(odd) == [f"Huy hiệu không có trong danh mục ({kind})"]
    assert rewards.missing_coefficients(odd, (DIRECTOR,)) == []  # no decider: neither the decision nor the proposal
    assert rewards.missing_coefficients(odd, (CHAIR,)) == []
    for builder in (reward_decision, reward_proposal):
        assert render(builder(odd, TODAY), "pdf").startswith(b"%PDF")


def test_amount_in_words():
    assert rewards.amount_in_words(702_000) == "Bảy trăm linh hai nghìn đồng"
    assert rewards.amount_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"
    assert rewards.amount_in_words(11_700_000) == "Mười một triệu bảy trăm nghìn đồng"
    assert rewards.amount_in_words(1_000_005) == "Một triệu không trăm linh năm đồng"
    assert rewards.amount_in_words(21_015) == "Hai mươi mốt nghìn không trăm mười lăm đồng"
    assert rewards.amount_in_words(2_000_000_000) == "Hai tỷ đồng"
    assert rewards.amount_in_words(0) == "Không đồng"


# --- the Director's decision ------------------------------------------------------------------------------------


def test_article_1_counts_the_directors_approved_honorees(data, decision_pdf):
    rows = approved_by_decider(data)
    mine = rows[rows["decider"] == DIRECTOR]
    expected = (int((mine["kind"] == "tập thể").sum()), int((mine["kind"] == "cá nhân").sum()))
    assert expected[0] > 0 and expected[1] > 0
    assert article_counts(decision_pdf, "Điều 1.") == expected
    assert f"Danh sách gồm {expected[0]} tập thể và {expected[1]} cá nhân./." in decision_pdf


def test_decision_attaches_only_the_directors_honorees(data, decision_pdf):
    rows = approved_by_decider(data)
    mine, higher = rows[rows["decider"] == DIRECTOR], rows[rows["decider"] == CHAIR]
    attachment = decision_pdf[decision_pdf.index("DANH SÁCH") :]
    for name in mine["name"]:
        assert fold(name) in attachment, name
    mine_text = " ".join(f"{n} {p} {u}" for n, p, u in mine[["name", "position", "unit"]].itertuples(index=False))
    for name in higher["name"]:
        if fold(name) not in fold(mine_text):
            assert fold(name) not in decision_pdf, name


def test_decision_text_and_total(data, decision_pdf):
    total = expected_total(data, DIRECTOR, 2_340_000)
    assert "QUYẾT ĐỊNH" in decision_pdf
    assert "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua yêu nước" in (
        decision_pdf
    )
    assert "giai đoạn 2020 - 2025" in decision_pdf
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in decision_pdf
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in decision_pdf
    assert "Nghị định số 152/2025/NĐ-CP" in decision_pdf
    assert "Sở Khoa học và Công nghệ" in decision_pdf
    assert "QUYẾT ĐỊNH:" in decision_pdf
    assert f"Tổng số tiền thưởng: {dots(total)} đồng" in decision_pdf
    assert "từ nguồn quỹ thi đua, khen thưởng của Sở" in decision_pdf
    assert "chịu trách nhiệm thi hành Quyết định này./." in decision_pdf
    for line in ("Như Điều 3;", "Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Lưu: VT, VP."):
        assert line in decision_pdf
    assert "/QĐ-SKHCN" in decision_pdf
    assert "Kèm theo Quyết định số /QĐ-SKHCN ngày 05 tháng 12 năm 2026 của Giám đốc Sở" in decision_pdf


def test_decision_number_and_date_from_the_settings(data):
    issued = with_settings(data, decision_no="125/QĐ-SKHCN", decision_date="20/12/2026")
    text = pdf_text(render(reward_decision(issued, TODAY), "pdf"))
    assert "Số: 125/QĐ-SKHCN" in text
    assert "Lạng Sơn, ngày 20 tháng 12 năm 2026" in text
    assert "Kèm theo Quyết định số 125/QĐ-SKHCN ngày 20 tháng 12 năm 2026 của Giám đốc Sở" in text
    assert "05 tháng 12 năm 2026" not in text


def test_the_decision_carries_the_number_its_honorees_carry(data):
    """No decision_no setting, but every nomination the Director decides records the same number: the decision, its
    attached list and the certificates all print that number (one rule, services.documents.lists.decision_number)."""
    frames = {**data.frames, "nominations": data.frames["nominations"].assign(decision_no="88/QĐ-SKHCN")}
    numbered = dataclasses.replace(with_settings(data, decision_no=""), frames=frames)
    text = pdf_text(render(reward_decision(numbered, TODAY), "pdf"))
    assert "Số: 88/QĐ-SKHCN" in text
    assert "Kèm theo Quyết định số 88/QĐ-SKHCN" in text


# --- the Tờ trình -------------------------------------------------------------------------------------------------


def test_proposal_lists_exactly_the_higher_forms(data, proposal_pdf):
    rows = approved_by_decider(data)
    higher, mine = rows[rows["decider"] == CHAIR], rows[rows["decider"] == DIRECTOR]
    for name in higher["name"]:
        assert fold(name) in proposal_pdf, name
    higher_text = fold(
        " ".join(f"{n} {p} {u}" for n, p, u in higher[["name", "position", "unit"]].itertuples(index=False))
    )
    checked = [n for n in mine["name"] if fold(n) not in higher_text]
    assert checked
    for name in checked:
        assert fold(name) not in proposal_pdf, name
    for award in set(higher["award"]):
        assert fold(award) in proposal_pdf
    for award in set(mine["award"]) - set(higher["award"]):
        assert f"{fold(award)}:" not in proposal_pdf
    expected = (int((higher["kind"] == "tập thể").sum()), int((higher["kind"] == "cá nhân").sum()))
    assert article_counts(proposal_pdf, "kính trình Chủ tịch UBND tỉnh xem xét, khen thưởng") == expected
    assert f"Danh sách gồm {expected[0]} tập thể và {expected[1]} cá nhân./." in proposal_pdf


def test_proposal_text_and_total(data, proposal_pdf):
    total = expected_total(data, CHAIR, 2_340_000)
    assert "TỜ TRÌNH" in proposal_pdf
    assert "Về việc đề nghị" in proposal_pdf
    assert "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn (qua Sở Nội vụ)" in proposal_pdf
    assert "Biên bản kiểm phiếu ngày" in proposal_pdf
    assert f"Tổng số tiền thưởng: {dots(total)} đồng" in proposal_pdf
    assert "Sở Khoa học và Công nghệ kính trình Chủ tịch UBND tỉnh xem xét, quyết định./." in proposal_pdf
    assert "Như trên;" in proposal_pdf and "Lưu: VT, VP." in proposal_pdf
    assert "Kèm theo Tờ trình số /TTr-SKHCN ngày 05 tháng 12 năm 2026 của Sở Khoa học và Công nghệ" in proposal_pdf
    numbered = pdf_text(render(reward_proposal(with_settings(data, proposal_no="37/TTr-SKHCN"), TODAY), "pdf"))
    assert "Số: 37/TTr-SKHCN" in numbered
    assert "Kèm theo Tờ trình số 37/TTr-SKHCN ngày 05 tháng 12 năm 2026" in numbered


def test_nothing_approved_still_renders_with_a_notice(data):
    noms = data.frames["nominations"].copy()
    noms["status"] = "đang xét"
    none = dataclasses.replace(data, frames={**data.frames, "nominations": noms})
    assert rewards.reward_lines(none) == [] and rewards.reward_total(none) == 0
    decision = pdf_text(render(reward_decision(none, TODAY), "pdf"))
    proposal = pdf_text(render(reward_proposal(none, TODAY), "pdf"))
    assert "Chưa có tập thể, cá nhân nào được duyệt khen thưởng thuộc thẩm quyền" in decision
    assert "Tổng số tiền thưởng" not in decision
    assert "Chưa có tập thể, cá nhân nào đề nghị khen thưởng cấp tỉnh." in proposal
    for builder in (reward_decision, reward_proposal):
        assert render(builder(none, TODAY), "docx")[:2] == b"PK"


# --- rendering --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", [reward_decision, reward_proposal])
def test_seeded_word_file_says_what_the_pdf_says(data, builder):
    docx = render(builder(data, TODAY), "docx")
    assert docx[:2] == b"PK"
    text = docx_text(docx)
    rows = approved_by_decider(data)
    decider = DIRECTOR if builder is reward_decision else CHAIR
    summary = rewards.director_rewards(data) if builder is reward_decision else rewards.higher_rewards(data)
    for name in rows[rows["decider"] == decider]["name"]:
        assert fold(name) in text, name
    assert f"Tổng số tiền thưởng: {dots(summary.total)} đồng" in text


@pytest.mark.slow  # a scale run: 1,000 nominations (the seeded set renders both in the fast layer)
@pytest.mark.parametrize("builder", [reward_decision, reward_proposal])
def test_synthetic_thousand_nominations_render(big, builder):
    rows = approved_by_decider(big)
    decider = DIRECTOR if builder is reward_decision else CHAIR
    chosen = rows[rows["decider"] == decider]
    assert len(chosen) > 30  # the lawful forms only (no yearly title for the period)
    doc = builder(big, TODAY)
    pdf = render(doc, "pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    expected = (int((chosen["kind"] == "tập thể").sum()), int((chosen["kind"] == "cá nhân").sum()))
    assert f"Danh sách gồm {expected[0]} tập thể và {expected[1]} cá nhân./." in text
    for name in chosen["name"].head(20):
        assert fold(name) in text, name
    total = expected_total(big, decider, 2_340_000)
    assert f"Tổng số tiền thưởng: {dots(total)} đồng" in text
    docx = render(doc, "docx")
    assert f"Danh sách gồm {expected[0]} tập thể và {expected[1]} cá nhân./." in docx_text(docx)

"""The provincial council's page in the real app (AppTest): three units from a deployment file, one unreadable —
its own sign-in (a unit's passcode does not open it), late units first, the unreadable unit a row with its
Vietnamese error, the filters, and both merged lists to download."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from services.access import hash_passcode
from services.setup.deployment import DEPLOYMENT_ENV
from tests.apptest_helpers import page_alone, sign_in
from tests.conftest import ROOT
from tests.province_units import unit_workbook

TODAY = date(2026, 11, 25)
COUNCIL, UNIT = "hoi-dong-tinh", "ma-don-vi"
BROKEN_TEXT = "not a workbook"


def deployment_file(tmp_path: Path) -> Path:
    unit_workbook(tmp_path / "skhcn.xlsx", "SKHCN", TODAY)
    unit_workbook(tmp_path / "stc.xlsx", "STC", TODAY, days=10)  # T-15 passed five days ago, nothing sent
    (tmp_path / "syt.xlsx").write_text(BROKEN_TEXT)
    unit_hash = hash_passcode(UNIT, iterations=1000)
    council_hash = hash_passcode(COUNCIL, iterations=1000)
    units = "".join(
        f'[[unit]]\ncode = "{code}"\nname = "{name}"\nworkbook = "{code}.xlsx"\n'
        f'[unit.roles]\npasscodes = {{ admin = "{unit_hash}" }}\n\n'
        for code, name in (("skhcn", "Sở Khoa học và Công nghệ"), ("stc", "Sở Tài chính"), ("syt", "Sở Y tế"))
    )
    path = tmp_path / "deployment.toml"
    path.write_text(f'{units}[council.roles]\npasscodes = {{ viewer = "{council_hash}" }}\n', encoding="utf-8")
    return path


@pytest.fixture
def council_page(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv(DEPLOYMENT_ENV, str(deployment_file(tmp_path)))
    monkeypatch.setenv("CONFERENCE_TODAY", TODAY.isoformat())
    monkeypatch.setenv("CONFERENCE_CACHE_TTL", "600")
    monkeypatch.delenv("CONFERENCE_WORKBOOK", raising=False)
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["view"] = "council"
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in (at.error, at.warning, at.info, at.markdown, at.caption) for e in kind)


def test_the_council_signs_in_with_its_own_passcode_not_a_units(council_page):
    at = council_page
    assert not at.exception, at.exception
    assert not at.dataframe, "nothing of any unit before the council signs in"
    sign_in_council(at, UNIT)
    assert not at.dataframe and "Mã truy cập không đúng." in texts(at)
    sign_in_council(at, COUNCIL)
    assert not at.exception, at.exception
    assert len(at.dataframe) == 1


def sign_in_council(at: AppTest, passcode: str) -> AppTest:
    at.text_input(key="council_passcode").input(passcode)
    at.button(key="council_submit").click()
    return at.run()


def test_late_first_unreadable_with_its_error_and_the_filters(council_page):
    at = sign_in_council(council_page, COUNCIL)
    table = at.dataframe[0].value
    assert list(table["Đơn vị"]) == ["Sở Tài chính", "Sở Y tế", "Sở Khoa học và Công nghệ"]
    assert list(table["Tình trạng"]) == ["Quá hạn, chưa gửi", "Không đọc được dữ liệu", "Chưa đến hạn"]
    late = table.iloc[0]
    assert late["Hạn gửi hồ sơ"] == "20/11/2026 (T-15)" and late["Ngày hội nghị"] == "05/12/2026"
    assert late["Đề nghị Chủ tịch UBND tỉnh"].strip() == "5" and late["Đại biểu dự Đại hội tỉnh"] == "1/5"
    assert "Bằng khen của Chủ tịch UBND tỉnh: 5" in late["Khen thưởng theo hình thức"]
    broken = table.iloc[1]
    assert "Tệp bị hỏng: syt.xlsx" in broken["Ghi chú"] and broken["Ngày hội nghị"] == ""
    # An unreadable unit's figures are blank, never "None"; the others' sort by value (padded to one width).
    assert [broken[c] for c in ("Điểm sẵn sàng", "Tổng khen thưởng", "Đề nghị Chủ tịch UBND tỉnh")] == ["", "", ""]
    counts = [v for v in table["Tổng khen thưởng"] if v]
    assert sorted(counts) == sorted(counts, key=int) and len({len(v) for v in counts}) == 1
    assert "Sở Tài chính" in texts(at) and "1 đơn vị đã quá hạn" in texts(at)

    at.multiselect(key="province_states").select("unreadable").run()
    assert list(at.dataframe[0].value["Đơn vị"]) == ["Sở Y tế"]
    at.multiselect(key="province_states").unselect("unreadable").run()
    at.selectbox(key="province_form").select("Giấy khen của Giám đốc Sở").run()
    assert list(at.dataframe[0].value["Đơn vị"]) == ["Sở Tài chính", "Sở Khoa học và Công nghệ"]


def test_both_merged_lists_offer_pdf_and_xlsx(council_page):
    at = sign_in_council(council_page, COUNCIL)
    keys = {b.proto.id for b in at.get("download_button")}
    for doc in ("province-delegates", "province-proposals"):
        for fmt in ("pdf", "xlsx"):
            assert any(f"province_dl_{doc}_{fmt}" in key for key in keys), (doc, fmt, keys)


def test_a_unit_session_never_shows_the_council_page(council_page):
    """Without ?view=council the app is a unit's: the picker, then that unit's pages only."""
    at = council_page
    at.query_params.pop("view")
    at.query_params["unit"] = "skhcn"
    at.run()
    sign_in(at, UNIT)
    assert not at.exception, at.exception
    assert "Hội đồng Thi đua - Khen thưởng tỉnh: các đơn vị" not in [t.value for t in at.title]


def test_a_units_admin_running_the_council_page_file_alone_sees_no_unit(council_page):
    at = council_page
    at.query_params.pop("view")
    at.query_params["unit"] = "skhcn"
    at.run()
    sign_in(at, UNIT)
    assert at.session_state["auth_role"] == "ADMIN"
    alone = page_alone(at, "province")
    assert not alone.exception, alone.exception
    assert not alone.dataframe and alone.text_input(key="council_passcode")

"""The dossier proposed to the Chủ tịch UBND tỉnh: who is proposed (approved, form not the Director's), one Báo cáo
thành tích per proposed nominee in the right form (collective / individual) filled from the sheet, the Danh sách
trích ngang, and the .zip holding all of it in PDF and Word."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pandas as pd
import pytest

import services.documents as registry
from services.awards import honours
from services.documents import provincial_zip, render
from services.documents.achievement import achievement_report
from services.documents.dossier import COVER_NAME, MISSING
from services.documents.provincial_dossier import COUNCIL_MINUTES, REPORTS_FOLDER
from services.documents.roster import short_list
from services.documents.upward import is_commendation, past_awards, proposed_upward
from services.schema import Decider
from services.text import match_key
from tests.conftest import FIXED_TODAY
from tests.unit.test_annex_dossier import docx_text, pdf_text, seeded

CN, TT = honours.INDIVIDUAL, honours.COLLECTIVE


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    first = seeded(tmp_path_factory.mktemp("probe"))
    person = proposed_upward(first)
    name = str(person[person["kind"] == CN]["name"].iloc[0])
    history = [
        [2021, "Chiến sĩ thi đua cơ sở", CN, name, "", "QĐ số 12/QĐ-SKHCN ngày 10/12/2021"],
        [2023, "Bằng khen của Chủ tịch UBND tỉnh", CN, name.upper(), "", "QĐ số 345/QĐ-UBND ngày 02/3/2023"],
        [2022, "Lao động tiên tiến", CN, "Người khác hẳn", "", "QĐ số 1/QĐ-SKHCN"],
    ]
    return seeded(tmp_path_factory.mktemp("provincial"), history)


@pytest.fixture(scope="module")
def dossier(data) -> zipfile.ZipFile:
    """The provincial dossier of `data`, built once for the tests that only read it."""
    return zipfile.ZipFile(io.BytesIO(provincial_zip(data, FIXED_TODAY)))


def approved(data):
    frame = data.frames["nominations"]
    return frame[frame["status"] == honours.APPROVED]


def test_proposed_upward_is_every_approved_nominee_the_director_does_not_decide(data):
    forms = honours.award_forms(data)
    expected = {
        row_id
        for row_id, row in approved(data).iterrows()
        if (form := honours.find_award(forms, row["award"])) is None
        or match_key(form.decider) != match_key(str(Decider.DIRECTOR))
    }
    proposed = proposed_upward(data)
    assert set(proposed.index) == expected
    assert expected  # the seed proposes some upward …
    assert set(approved(data).index) - expected  # … and gives some itself
    assert (proposed["achievement"] != "").all()


def test_the_law_not_the_awards_tab_says_who_gives_a_form_it_knows(data):
    """Luật Thi đua, khen thưởng 2022 Điều 80 khoản 1: a tab that names the Director as the signer of a Bằng khen of
    the Chủ tịch UBND tỉnh does not make it his to give, so it is still proposed."""
    proposed = proposed_upward(data)
    award = str(proposed["award"].iloc[0])
    awards = data.frames["awards"].copy()
    awards.loc[awards["name"].map(match_key) == match_key(award), "decider"] = str(Decider.DIRECTOR)
    changed = replace(data, frames={**data.frames, "awards": awards})
    assert (proposed_upward(changed)["award"] == award).sum() == (proposed["award"] == award).sum()


@pytest.mark.parametrize(("decider", "proposed"), [(Decider.DIRECTOR, False), (Decider.PROVINCE_CHAIR, True)])
def test_a_units_own_form_follows_the_signer_its_awards_tab_names(data, decider, proposed):
    own = "Kỷ niệm chương vì sự nghiệp khoa học Lạng Sơn"
    awards = data.frames["awards"]
    row = awards.iloc[[-1]].copy()
    row.index = pd.Index([f"{own}-row"], name=awards.index.name)
    row["name"], row["decider"], row["threshold"] = own, str(decider), pd.NA
    nominations = data.frames["nominations"].copy()
    target = approved(data).index[0]
    nominations.loc[target, "award"] = own
    changed = replace(data, frames={**data.frames, "awards": pd.concat([awards, row]), "nominations": nominations})
    assert (target in proposed_upward(changed).index) is proposed


def test_each_report_uses_its_kind_form_and_the_sheet_values(data):
    proposed = proposed_upward(data)
    for _, row in proposed.iterrows():
        text = docx_text(render(achievement_report(data, row), "docx"))
        if "UBND" in str(row["award"]):  # its first mention written out (Nghị định 30/2020, Phụ lục I)
            assert text.count("Ủy ban nhân dân (UBND)") == 1
        text = text.replace("Ủy ban nhân dân (UBND)", "UBND")
        assert "BÁO CÁO THÀNH TÍCH" in text and str(row["award"]) in text
        assert str(row["achievement"]).rstrip(".") in text
        assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text
        if row["kind"] == CN:
            assert "I. SƠ LƯỢC LÝ LỊCH" in text and "Mẫu số 05" in text
            for column in ("name", "gender", "ethnicity", "position", "unit"):
                assert str(row[column]) in text, column
            assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text
        else:
            assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "SƠ LƯỢC LÝ LỊCH" not in text
            assert str(row["name"]) in text and "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_past_awards_come_from_the_history_tab_split_into_titles_and_commendations(data):
    person = proposed_upward(data)
    row = person[person["kind"] == CN].iloc[0]
    past = past_awards(data, str(row["name"]), CN)
    assert list(past["year"]) == [2021, 2023]  # the other person's row is not theirs; typed in capitals, still theirs
    assert [is_commendation(a) for a in past["award"]] == [False, True]
    text = pdf_text(render(achievement_report(data, row), "pdf"))
    assert "QĐ số 12/QĐ-SKHCN ngày 10/12/2021" in text and "QĐ số 345/QĐ-UBND ngày 02/3/2023" in text
    assert "Người khác hẳn" not in text and "QĐ số 1/QĐ-SKHCN" not in text


def test_the_short_list_names_every_proposed_nominee_once(data):
    proposed = proposed_upward(data)
    text = docx_text(render(short_list(data, FIXED_TODAY), "docx"))
    for name in proposed["name"]:
        assert text.count(str(name)) >= 1
    assert f"gồm {int((proposed['kind'] == TT).sum())} tập thể và {int((proposed['kind'] == CN).sum())} cá nhân" in text


def test_every_proposed_nominee_has_a_report_in_the_zip(data, dossier):
    archive = dossier
    names = archive.namelist()
    reports = [n for n in names if f"-{REPORTS_FOLDER}/" in n]
    proposed = proposed_upward(data)
    assert len(reports) == 2 * len(proposed)  # PDF and Word each
    for _, row in proposed.iterrows():
        own = f"Họ và tên: {row['name']}." if row["kind"] == CN else f"Tên tập thể: {row['name']}"
        found = [n for n in reports if n.endswith(".docx") and own in docx_text(archive.read(n))]
        assert len(found) == 1, row["name"]
        assert found[0].replace(".docx", ".pdf") in names
    assert names[0] == COVER_NAME
    for stem in ("to-trinh-de-nghi-khen-thuong", "danh-sach-trich-ngang"):
        assert {n.rsplit(".", 1)[1] for n in names if stem in n} == {"pdf", "docx"}
    cover = pdf_text(archive.read(COVER_NAME))
    assert "Biên bản họp Hội đồng" in cover and MISSING not in cover


def test_the_council_minutes_are_in_the_zip(dossier):
    """Luật Thi đua, khen thưởng 2022 Điều 84 khoản 1: the Tờ trình goes with the council's minutes."""
    names = dossier.namelist()
    assert {n for n in names if "bien-ban-hop-hoi-dong" in n} == {
        "03-bien-ban-hop-hoi-dong.pdf",
        "03-bien-ban-hop-hoi-dong.docx",
    }


@pytest.mark.slow  # a second whole dossier (~7 s), every report in PDF and Word, for one cover line
def test_a_registry_without_the_council_minutes_lists_them_as_missing(data, monkeypatch):
    monkeypatch.delitem(registry.DOCUMENT_BY_KEY, COUNCIL_MINUTES)
    archive = zipfile.ZipFile(io.BytesIO(provincial_zip(data, FIXED_TODAY)))
    assert not [n for n in archive.namelist() if "bien-ban-hop-hoi-dong" in n]
    assert MISSING in pdf_text(archive.read(COVER_NAME))


def test_no_one_proposed_gives_an_honest_zip(data):
    nominations = data.frames["nominations"].copy()
    nominations["status"] = honours.REVIEW
    empty = replace(data, frames={**data.frames, "nominations": nominations})
    assert proposed_upward(empty).empty
    archive = zipfile.ZipFile(io.BytesIO(provincial_zip(empty, FIXED_TODAY)))
    assert not [n for n in archive.namelist() if REPORTS_FOLDER in n]
    assert "Chưa có tập thể, cá nhân nào" in pdf_text(archive.read(COVER_NAME))

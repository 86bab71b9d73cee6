"""The award law as data (services/awards/law.py): who decides, yearly or period, prerequisites, the council's rule,
coefficients, rounding, the dated base salary — and each rule's citation pinned."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from services.awards import honours, law
from services.awards.honours import APPROVED, REVIEW, HonoursError
from tests.unit.test_honours import make_dataset, nom

# Điều 80 khoản 1 Luật 06/2022/QH15, read in Công báo 571+572/2022: what a Sở's Director decides.
ARTICLE_80_1 = {
    "Tập thể lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Lao động tiên tiến",
    "Giấy khen của Giám đốc Sở",
}

# Each rule's sources as cited today. A source that changes (a new decree, an article renumbered, a rule verified)
# must change here too, deliberately.
PINNED = {
    "Cờ thi đua của UBND tỉnh": ("Chủ tịch UBND tỉnh", False, "Điều 26", "Điều 50", "base_title"),
    "Chiến sĩ thi đua cấp tỉnh": ("Chủ tịch UBND tỉnh", True, "Điều 22", "Điều 50", "upward"),
    "Bằng khen của Chủ tịch UBND tỉnh": ("Chủ tịch UBND tỉnh", False, "Điều 74", "Điều 54", "upward"),
    "Tập thể lao động xuất sắc": ("Chủ tịch UBND tỉnh", True, "Điều 27", "Điều 50", "upward"),
    "Chiến sĩ thi đua cơ sở": ("Giám đốc Sở", True, "Điều 23", "Điều 50", "base_title"),
    "Tập thể lao động tiên tiến": ("Giám đốc Sở", True, "Điều 28", "Điều 50", None),
    "Giấy khen của Giám đốc Sở": ("Giám đốc Sở", False, "Điều 75", "Điều 54", None),
    "Lao động tiên tiến": ("Giám đốc Sở", True, "Điều 24", "Điều 50", None),
}


def test_every_rule_is_pinned_with_its_citation():
    got = {r.name: (r.decider, r.yearly, r.conditions_source.article, r.coef_source.article, r.vote) for r in law.RULES}
    assert got == PINNED
    for rule in law.RULES:
        assert rule.decider_source.text.startswith("Luật Thi đua, khen thưởng số 06/2022/QH15")
        assert rule.coef_source.text.startswith("Nghị định số 152/2025/NĐ-CP")
    assert law.DIRECTOR_POWER.cite() == "Điều 80 khoản 1 Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
    assert law.DIRECTOR_POWER.status == law.VERIFIED
    assert (law.ROUNDING.article, law.SALARY_DATE.article) == ("Điều 49 khoản 2", "Điều 49 khoản 1")
    assert law.VOTE_RULE.status == law.SETTING and law.RATIO_CAP.status == law.SETTING  # no current text found


def test_every_source_says_how_it_was_read():
    for name, source in law.all_sources().items():
        assert source.status in (law.VERIFIED, law.SECONDARY, law.SETTING), name
        assert source.where, name


def test_the_director_decides_exactly_article_80_clause_1():
    assert {r.name for r in law.RULES if r.director_may_give} == ARTICLE_80_1
    for rule in law.RULES:
        problem = law.director_problem(rule)
        assert (problem is None) == (rule.name in ARTICLE_80_1)
        if problem:
            assert "Điều 80 khoản 1" in problem


@pytest.mark.parametrize(
    ("name", "period", "refused"),
    [
        ("Lao động tiên tiến", "giai đoạn 2020 - 2025", True),
        ("Chiến sĩ thi đua cơ sở", "giai đoạn 2020 - 2025", True),
        ("Tập thể lao động tiên tiến", "giai đoạn 2020-2025", True),
        ("Tập thể lao động xuất sắc", "giai đoạn 2020 – 2025", True),
        ("Lao động tiên tiến", "năm 2025", False),  # a yearly review may give it
        ("Giấy khen của Giám đốc Sở", "giai đoạn 2020 - 2025", False),
        ("Bằng khen của Chủ tịch UBND tỉnh", "giai đoạn 2020 - 2025", False),
    ],
)
def test_yearly_titles_are_not_given_for_a_period(name, period, refused):
    problem = law.period_problem(law.rule_for(name), period)
    assert (problem is not None) is refused
    if problem:
        assert "xét tặng hằng năm" in problem and "Điều 27" in problem


@pytest.mark.parametrize(
    ("coefficient", "salary", "expected"),
    [
        (0.3, 2_340_000, 710_000),  # 702.000 rounded up to the next ten thousand (Điều 49 khoản 2)
        (0.6, 2_340_000, 1_410_000),  # 1.404.000
        (0.8, 2_340_000, 1_880_000),  # 1.872.000
        (1.0, 2_340_000, 2_340_000),  # already whole ten thousands: unchanged
        (1.5, 2_340_000, 3_510_000),
        (3.0, 2_340_000, 7_020_000),
        (8.0, 2_340_000, 18_720_000),
        (0.3, 2_530_000, 760_000),  # 759.000
        (0.0, 2_340_000, 0),
        (None, 2_340_000, 0),
    ],
)
def test_rewards_round_up_to_the_next_ten_thousand(coefficient, salary, expected):
    assert law.reward_amount(coefficient, salary) == expected


def test_base_salary_is_the_one_in_force_on_the_decision_date():
    assert law.base_salary_on(date(2025, 9, 1)) == 2_340_000
    assert law.base_salary_on(date(2024, 7, 1)) == 2_340_000
    assert law.base_salary_on(date(2020, 1, 1)) == 2_340_000  # before the first row known: the first row


def test_the_sos_council_rule_is_a_setting_with_named_defaults():
    base = law.rule_for("Chiến sĩ thi đua cơ sở")
    upward = law.rule_for("Bằng khen của Chủ tịch UBND tỉnh")
    assert law.vote_rule(base, None, None) == law.VoteRule(80, False, law.VOTE_RULE)
    assert law.vote_rule(upward, None, None) == law.VoteRule(50, True, law.UPWARD_VOTE)
    assert law.vote_rule(upward, None, 90).share == 90
    assert law.vote_rule(law.rule_for("Giấy khen"), 80, 50) is None  # bình xét, no ballot
    majority = law.vote_rule(upward, None, None)
    assert (majority.passes(5, 9), majority.passes(5, 10), majority.passes(6, 10)) == (True, False, True)


def test_a_custom_form_keeps_what_the_awards_tab_says():
    data = make_dataset([])
    awards = data.frames["awards"]
    row = awards.iloc[0].copy()
    row["name"], row["rank"], row["decider"], row["threshold"] = (
        "Giấy khen của Công đoàn Sở",
        9,
        "Chủ tịch Công đoàn",
        60,
    )
    row["coef_person"], row["coef_collective"] = 0.2, 0.4
    data.frames["awards"] = pd.concat([awards, row.rename("HT-99").to_frame().T.astype(awards.dtypes)])
    form = honours.find_award(honours.award_forms(data), "Giấy khen của Công đoàn Sở")
    assert (form.decider, form.threshold, form.coef_person, form.rule) == ("Chủ tịch Công đoàn", 60, 0.2, None)


def test_the_law_wins_over_the_tab_for_a_form_it_knows():
    data = make_dataset([])
    awards = data.frames["awards"]
    mask = awards["name"] == "Tập thể lao động xuất sắc"
    awards.loc[mask, "decider"] = "Giám đốc Sở"  # typed wrong in the sheet
    form = honours.find_award(honours.award_forms(data), "Tập thể lao động xuất sắc")
    assert form.decider == "Chủ tịch UBND tỉnh"
    assert honours.find_award(honours.award_forms(data), "giấy khen").name == "Giấy khen của Giám đốc Sở"  # alias


def test_approval_refused_with_the_article_and_no_override_lifts_it():
    data = make_dataset([nom("DC-1", "Lê Văn Bình", "Chiến sĩ thi đua cơ sở", REVIEW, votes_yes="9", votes_total="9")])
    with pytest.raises(HonoursError, match="xét tặng hằng năm") as refused:
        honours.decide(data, "DC-1", APPROVED, override_note="Hội đồng đồng ý", may_override=True)
    assert "Điều 27" in str(refused.value)
    assert "đòi hỏi đạt “Lao động tiên tiến”" in str(refused.value)  # Điều 23 khoản 1: not also LĐTT


def test_a_collective_form_is_refused_for_a_person():
    data = make_dataset([nom("DC-1", "Lê Văn Bình", "Cờ thi đua của UBND tỉnh", REVIEW, votes_yes="9")])
    with pytest.raises(HonoursError, match="chỉ tặng cho tập thể"):
        honours.decide(data, "DC-1", APPROVED)


def test_a_higher_form_is_announced_once_its_decision_number_is_filled():
    data = make_dataset([nom("DC-1", "Phòng Quản lý khoa học", "Bằng khen của Chủ tịch UBND tỉnh", kind="tập thể")])
    assert honours.honoree_order(data).empty
    data.frames["nominations"].loc["DC-1", "decision_no"] = "1234/QĐ-UBND"
    assert list(honours.honoree_order(data).index) == ["DC-1"]


def test_the_seeded_awards_tab_is_the_laws():
    assert [r[0] for r in law.default_award_rows()] == [r.name for r in law.RULES]
    seeded = honours.award_forms(make_dataset([]))
    assert seeded["giấy khen của giám đốc sở"].coef_person == 0.3  # the unsourced default, named in the law module
    assert (law.GIAY_KHEN, law.PERSON) in law.UNSOURCED_COEFFICIENTS


def test_the_directors_decision_never_holds_a_form_outside_article_80_clause_1():
    """Every form, approved for a person and a collective where it may be, and the awards tab claiming the Director
    decides them all: the decision and its list still carry only what Điều 80 khoản 1 lets him give for a period."""
    from services.documents import render
    from services.documents.decision import reward_decision
    from tests.unit.test_rewards_and_decisions import pdf_text

    rows = []
    for n, rule in enumerate(law.RULES):
        for kind in (law.PERSON, law.COLLECTIVE):
            if not rule.subject or rule.subject == kind:
                rows.append(nom(f"DC-{n}{kind[0]}", f"Người {n} {kind}", rule.name, kind=kind, votes_yes="9"))
    data = make_dataset(rows)
    data.frames["awards"]["decider"] = "Giám đốc Sở"
    text = pdf_text(render(reward_decision(data, date(2026, 12, 5)), "pdf"))
    outside = [r.name for r in law.RULES if r.name not in ARTICLE_80_1]
    for name in outside:
        assert name not in text, name
    for rule in law.RULES:  # and no yearly title for the period either
        if rule.yearly:
            assert f"- {rule.name}:" not in text and rule.name.upper() not in text, rule.name
    assert "- Giấy khen của Giám đốc Sở: 1 tập thể và 1 cá nhân" in text
    assert "GIẤY KHEN CỦA GIÁM ĐỐC SỞ" in text


def test_the_readme_table_names_every_form_with_its_signer_and_coefficients():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Luật khen thưởng / award law") :]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| ")}

    def shown(value):
        return "—" if value is None else law._decimal_text(value)

    for rule in law.RULES:
        line = rows[rule.name]
        assert line.split("|")[2].strip().startswith(rule.decider), rule.name
        person = shown(rule.coef_person) if rule.coef_person is not None or rule.subject == law.COLLECTIVE else ""
        coefficients = line.split("|")[5]
        assert person in coefficients and f"/ {shown(rule.coef_collective)}" in coefficients, rule.name
        assert rule.conditions_source.article in line, rule.name


def test_the_entry_reminder_splits_the_forms_for_the_period():
    mine, upward, yearly = law.forms_for(law.CONFERENCE_PERIOD)
    assert mine == ["Giấy khen của Giám đốc Sở"]
    assert upward == ["Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"]
    assert set(yearly) == {r.name for r in law.RULES if r.yearly}
    mine, _, yearly = law.forms_for("năm 2025")  # a yearly review gives the Director's titles
    assert set(mine) == ARTICLE_80_1 and yearly == []


def test_a_new_nomination_starts_on_a_form_the_law_allows_at_a_period_conference():
    """The entry form's default must not be one the approval would refuse (a yearly title at a period conference)."""
    from services.awards.nomination_forms import NEW_DEFAULTS

    rule = law.rule_for(NEW_DEFAULTS["award"])
    assert rule is not None and rule.director_may_give
    assert law.period_problem(rule, law.CONFERENCE_PERIOD) is None

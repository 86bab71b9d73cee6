"""`rewards.reward_table` (the Khen thưởng page's Tiền thưởng table), `rewards.other_rewards`, and the budget's
`reward_check` (the rewards lines of the budget beside the computed total) — on hand-made lines and the seed."""

from __future__ import annotations

import pandas as pd

from services.awards import rewards
from services.awards.rewards import RewardLine, RewardSummary
from services.planning import budget
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import seeded_copy

COLUMNS = ["Hình thức", "Cá nhân", "Tập thể", "Mức thưởng cá nhân", "Mức thưởng tập thể", "Thành tiền"]


def line(award: str, individuals: int, collectives: int, person: float | None, collective: float | None):
    salary = 2_340_000
    return RewardLine(
        award=award,
        decider="Giám đốc Sở",
        rank=1,
        individuals=individuals,
        collectives=collectives,
        coef_person=person,
        coef_collective=collective,
        amount_person=rewards.amount(person, salary),
        amount_collective=rewards.amount(collective, salary),
    )


def test_reward_table_rows_amounts_and_total_row():
    summary = RewardSummary(
        2_340_000,
        (
            line("Chiến sĩ thi đua cơ sở", 3, 0, 1.0, None),
            line("Giấy khen của Giám đốc Sở", 2, 1, 0.3, 0.6),
            line("Tập thể lao động tiên tiến", 0, 2, None, None),  # honorees, no coefficient: "—", counts 0
        ),
    )
    table = rewards.reward_table(summary)
    assert list(table.columns) == COLUMNS
    assert table.values.tolist() == [
        ["Chiến sĩ thi đua cơ sở", 3, 0, "2.340.000", "", "7.020.000"],
        # 702.000 and 1.404.000 rounded up to the next ten thousand đồng (NĐ 152/2025 Điều 49 khoản 2)
        ["Giấy khen của Giám đốc Sở", 2, 1, "710.000", "1.410.000", "2.830.000"],
        ["Tập thể lao động tiên tiến", 0, 2, "", "—", "0"],
        ["Cộng", 5, 3, "", "", "9.850.000"],
    ]
    assert summary.total == 9_850_000 and summary.missing == ["Tập thể lao động tiên tiến (tập thể)"]
    assert table["Cá nhân"].dtype == "int64" and table["Tập thể"].dtype == "int64"


def test_reward_table_labels_and_empty_summary():
    summary = RewardSummary(2_340_000, (line("Lao động tiên tiến", 1, 0, 0.3, None),))
    labels = {"award": "Award form", "total": "Amount"}
    table = rewards.reward_table(summary, labels, total_label="Total")
    assert list(table.columns) == ["Award form", *COLUMNS[1:5], "Amount"]
    assert table.iloc[-1].tolist() == ["Total", 1, 0, "", "", "710.000"]  # 702.000 rounded up
    empty = rewards.reward_table(RewardSummary(2_340_000, ()))
    assert list(empty.columns) == COLUMNS and empty.empty


def _seeded(tmp_path):
    return validate(WorkbookStore(seeded_copy(tmp_path / "c.xlsx")).load())


def test_the_three_deciders_add_up_to_the_whole(tmp_path):
    data = _seeded(tmp_path)
    director, higher = rewards.director_rewards(data), rewards.higher_rewards(data)
    other = rewards.other_rewards(data)
    assert other.lines == ()  # every seeded form is in the awards tab with a known decider
    assert director.total + higher.total == rewards.reward_summary(data).total
    order = rewards.honours.lawful_order(data).copy()
    order.loc[order.index[0], "decider"] = "Bộ trưởng"  # a decider typed as neither
    moved = rewards.other_rewards(data, order)
    assert [x.award for x in moved.lines] == [order.iloc[0]["award"]] and moved.total > 0


def test_reward_check_matches_the_rewards_lines_only():
    lines = pd.DataFrame(
        {"item": ["Giấy khen, khung giấy khen", "Tiền thưởng kèm theo danh hiệu", "CHI KHEN THUONG", "Hoa tươi"]}
    )
    frame = lines.assign(estimate=[4_000_000, 25_000_000, 1_000_000, 2_000_000], actual=0, note="")
    frame.index = ["KP-01", "KP-02", "KP-03", "KP-04"]
    summary = budget.summarize(frame)
    check = budget.reward_check(summary, 11_700_000)
    assert (check.ids, check.estimate, check.difference) == (["KP-02", "KP-03"], 26_000_000, 14_300_000)
    assert budget.reward_check(summary, 30_000_000).difference == -4_000_000
    none = budget.reward_check(budget.summarize(frame.iloc[[0, 3]]), 11_700_000)
    assert (none.ids, none.estimate, none.difference) == ([], None, None)
    empty = budget.reward_check(budget.summarize(frame.iloc[[]]), 5)
    assert (empty.estimate, empty.computed) == (None, 5)


def test_reward_table_amounts_in_english_forms():
    summary = RewardSummary(2_340_000, (line("Chiến sĩ thi đua cơ sở", 3, 0, 1.0, None),))
    table = rewards.reward_table(summary, total_label="Total", lang="en")
    assert table.values.tolist() == [
        ["Chiến sĩ thi đua cơ sở", 3, 0, "2,340,000", "", "7,020,000"],
        ["Total", 3, 0, "", "", "7,020,000"],
    ]

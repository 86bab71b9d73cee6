"""Tiền thưởng where the staff look: the Khen thưởng page's totals and warnings, and the budget page's computed line,
checked against `services.awards.rewards` run directly on the same workbook (and against numbers worked out by hand
from the seed, so a shared mistake in both would still show)."""

from __future__ import annotations

from services.awards import rewards
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app

TOTAL, DIRECTOR, HIGHER = "Tổng tiền thưởng", "Giám đốc Sở quyết định", "Đề nghị Chủ tịch UBND tỉnh"
# The seed's Director's forms (a 2020 - 2025 conference: Giấy khen only): 5 cá nhân × 0,3 and 2 tập thể × 0,6 of
# 2.340.000, each rounded up to the next 10.000 đồng (702.000 → 710.000, 1.404.000 → 1.410.000).
SEED_DIRECTOR = 5 * 710_000 + 2 * 1_410_000
SEED_REWARD_ESTIMATE = 25_000_000  # KP-04 "Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng"


def _load(path):
    return validate(WorkbookStore(path).load())


def dots(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "warning", "info") for e in at.get(kind)]


def _reward_tables(at) -> list:
    """The section's tables in page order (the Director's first); AppTest does not expose an element's key."""
    return [d.value for d in at.dataframe if "Thành tiền" in d.value.columns]


def test_nominations_page_shows_the_totals_reward_summary_computes(seeded_path, monkeypatch):
    data = _load(seeded_path)
    total, director = rewards.reward_summary(data).total, rewards.director_rewards(data).total
    assert director == SEED_DIRECTOR and total > director
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert not at.exception, at.exception
    metrics = _metrics(at)
    assert metrics[TOTAL] == f"{dots(total)} đồng"
    assert metrics[DIRECTOR] == f"{dots(director)} đồng"
    assert metrics[HIGHER] == f"{dots(rewards.higher_rewards(data).total)} đồng"
    director_table, higher_table = _reward_tables(at)
    assert (director_table.iloc[-1]["Hình thức"], director_table.iloc[-1]["Thành tiền"]) == ("Cộng", dots(director))
    assert higher_table.iloc[-1]["Thành tiền"] == dots(rewards.higher_rewards(data).total)
    assert any("Mức lương cơ sở: 2.340.000 đồng — sửa ở trang Sự kiện, mục base_salary" in s for s in _texts(at))
    assert not any("chưa có hệ số thưởng" in w.value for w in at.warning)


def test_changing_the_base_salary_changes_the_shown_total(seeded_path, monkeypatch):
    before = rewards.reward_summary(_load(seeded_path)).total
    WorkbookStore(seeded_path).update_row("settings", "base_salary", {"value": "2.000.000"}, {"value": ""}, user="test")
    data = _load(seeded_path)
    after = rewards.reward_summary(data).total
    assert rewards.base_salary(data) == 2_000_000 and after != before
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert not at.exception, at.exception
    assert _metrics(at)[TOTAL] == f"{dots(after)} đồng"
    assert _metrics(at)[DIRECTOR] == f"{dots(5 * 600_000 + 2 * 1_200_000)} đồng"  # already whole ten thousands
    assert any("Mức lương cơ sở: 2.000.000 đồng" in s for s in _texts(at))


def test_a_missing_coefficient_is_warned_and_counts_zero(seeded_path, monkeypatch):
    awards = _load(seeded_path).frames["awards"]
    # Giấy khen for a person: the decree's figure was not found, so the awards tab's cell is the setting.
    row = awards.index[awards["name"] == "Giấy khen của Giám đốc Sở"][0]
    WorkbookStore(seeded_path).update_row("awards", row, {"coef_person": ""}, {"coef_person": "0,3"}, user="test")
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning if "chưa có hệ số thưởng" in w.value]
    assert warnings == [
        "Giấy khen của Giám đốc Sở (cá nhân) chưa có hệ số thưởng (đang tính 0 đồng) — điền ở trang Hình thức khen "
        "thưởng."
    ]
    assert _metrics(at)[DIRECTOR] == f"{dots(SEED_DIRECTOR - 5 * 710_000)} đồng"
    line = _reward_tables(at)[0].set_index("Hình thức").loc["Giấy khen của Giám đốc Sở"]
    assert (line["Mức thưởng cá nhân"], line["Thành tiền"]) == ("—", dots(2 * 1_410_000))


def test_budget_page_shows_the_computed_director_total_beside_the_estimate(seeded_path, monkeypatch):
    director = rewards.director_rewards(_load(seeded_path)).total
    assert director == SEED_DIRECTOR
    at = open_app(seeded_path, monkeypatch, "budget")
    assert not at.exception, at.exception
    texts = _texts(at)
    headline = "Tiền thưởng theo Quyết định của Giám đốc Sở (tính tự động: hệ số × mức lương cơ sở)"
    assert any(headline in s and f"{dots(director)} ₫" in s for s in texts), texts
    spare = dots(SEED_REWARD_ESTIMATE - director)
    assert any(
        f"Dự trù (KP-04 Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng): {dots(SEED_REWARD_ESTIMATE)} ₫ — "
        f"tính theo danh sách: {dots(director)} ₫ (dư {spare} ₫)" in s
        for s in texts
    ), texts
    assert "Khoản mục" in at.dataframe[0].value.columns and len(at.get("plotly_chart")) == 1  # table and chart stay


def test_budget_short_of_the_computed_total_is_a_warning(seeded_path, monkeypatch):
    WorkbookStore(seeded_path).update_row(
        "budget", "KP-04", {"estimate": "5.000.000"}, {"estimate": str(SEED_REWARD_ESTIMATE)}, user="test"
    )
    at = open_app(seeded_path, monkeypatch, "budget")
    assert not at.exception, at.exception
    short = [w.value for w in at.warning if "tính theo danh sách" in w.value]
    assert len(short) == 1 and f"(thiếu {dots(SEED_DIRECTOR - 5_000_000)} ₫)" in short[0], short

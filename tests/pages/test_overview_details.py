"""The overview's details (issue 17): counts on the donuts, awards by rank, the due-soon list, full names on hover,
late days highlighted in the task tables."""

from __future__ import annotations

import json
import re

import pytest

from services.awards.honours import award_forms
from services.planning.charts import MAX_LABEL
from services.planning.task_views import LATE_STYLE
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-12-03")  # 13 days before the seeded event: late and due-soon tasks


def charts(at) -> dict[str, dict]:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return {s["layout"]["title"]["text"]: s for s in specs}


def test_donuts_carry_their_counts(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    donuts = [tr for tr in charts(at)["Phản hồi của đại biểu theo nhóm"]["data"] if tr["type"] == "pie"]
    assert donuts
    attendees = validate(WorkbookStore(seeded_path).load()).frames["attendees"]
    assert sum(int(x) for tr in donuts for x in tr["text"] if x) == len(attendees)
    assert all(tr["textinfo"] == "text" for tr in donuts)


def test_award_chart_in_rank_order_with_the_highest_on_top(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    axis = charts(at)["Đề cử theo hình thức và trạng thái"]["layout"]["yaxis"]
    data = validate(WorkbookStore(seeded_path).load())
    ranked = [f.name for f in award_forms(data).values() if f.name in set(data.frames["nominations"]["award"])]
    assert axis["categoryorder"] == "array"
    assert axis["categoryarray"][::-1] == ranked  # plotly draws the last category on top
    assert axis["categoryarray"][-1].startswith("Cờ thi đua")


def test_due_soon_tasks_are_listed_under_their_count(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    detail = next(c.value for c in at.caption if "sắp đến hạn" in c.value)
    count = int(re.search(r"(\d+) sắp đến hạn", detail).group(1))
    assert count > 0
    heading = [c.value for c in at.caption if c.value.startswith("**Sắp đến hạn")]
    assert heading == [f"**Sắp đến hạn ({count})**"]
    items = next(c.value for c in at.caption if c.value.startswith("- NV"))
    assert len(items.splitlines()) == count and all("hạn" in line for line in items.splitlines())


def test_full_task_and_unit_names_on_hover(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    specs = charts(at)
    tasks = validate(WorkbookStore(seeded_path).load()).frames["tasks"]
    long_task = max(tasks["task"], key=len)
    long_unit = max(tasks["unit"], key=len)
    assert len(long_task) > MAX_LABEL and len(long_unit) > 30, "the seed has names the axes must cut"
    timeline = json.dumps(specs["Tiến trình nhiệm vụ"]["data"], ensure_ascii=False)
    assert long_task in timeline  # in the hover data, though the axis shows it cut
    units = json.dumps(specs["Nhiệm vụ theo đơn vị và trạng thái"]["data"], ensure_ascii=False)
    assert long_unit in units


@pytest.mark.parametrize("page", ["tasks", "overview"])
def test_late_days_are_highlighted(seeded_path, monkeypatch, page):
    at = open_app(seeded_path, monkeypatch, page)
    styles = [d.proto.arrow_data.styler.styles for d in at.dataframe]
    assert any(LATE_STYLE in s and "_col" in s for s in styles), styles

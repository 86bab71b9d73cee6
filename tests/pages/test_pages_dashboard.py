"""AppTest of the overview, tasks, programme and budget pages: what they show, and edits that land in the workbook."""

from __future__ import annotations

import pytest

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-11-25")  # 21 days before the seeded event (16/12/2026)


def raw_tasks(path):
    return validate(WorkbookStore(path).load()).raw["tasks"]


def test_overview_shows_countdown_score_components_and_charts(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Đếm ngược"] == "Còn 21 ngày"
    assert metrics["Điểm sẵn sàng"].endswith("/100")
    assert len(at.expander) == 6 and all(e.label == "Cách tính" for e in at.expander)
    assert len(at.get("plotly_chart")) == 5
    assert not at.error  # the T-15 submission is 6 days away: no banner yet
    assert any("Không có nhiệm vụ quá hạn" in s.value for s in at.success)


@pytest.mark.parametrize(
    ("today", "banner"),
    [("2026-11-29", "Còn 2 ngày đến hạn gửi hồ sơ"), ("2026-12-03", "Quá hạn 2 ngày")],
)
def test_overview_red_banner_for_the_t15_submission(seeded_path, monkeypatch, today, banner):
    monkeypatch.setenv("CONFERENCE_TODAY", today)
    at = open_app(seeded_path, monkeypatch, "overview")
    assert not at.exception
    assert any(banner in e.value and "01/12/2026" in e.value for e in at.error)


def test_overview_lists_overdue_tasks_when_the_event_is_past(seeded_path, monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-12-20")
    at = open_app(seeded_path, monkeypatch, "overview")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Đếm ngược"] == "Đã qua 4 ngày"
    overdue = at.dataframe[0].value
    assert overdue["Số ngày trễ"].is_monotonic_decreasing and len(overdue) == 12


def test_overview_on_messy_workbook_counts_problems_and_links_to_data(messy_path, monkeypatch):
    at = open_app(messy_path, monkeypatch, "overview")
    assert not at.exception
    assert any("ô dữ liệu chưa đọc được" in w.value for w in at.warning)
    links = at.get("page_link")
    assert any(link.proto.page == "data" and "Dữ liệu" in link.proto.label for link in links)


def test_tasks_page_filters_and_shows_rule_with_date(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "tasks")
    assert not at.exception
    table = at.dataframe[0].value
    assert "T-15 (01/12/2026)" in set(table["Hạn"])
    at.multiselect(key="tasks_filter_status").set_value(["hoàn thành"]).run()
    assert set(at.dataframe[0].value["Trạng thái"]) == {"hoàn thành"}


def test_task_edit_lands_in_the_workbook(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "tasks")
    at.selectbox(key="tasks_pick").set_value("NV-002").run()
    at.selectbox(key="tasks_status_NV-002").set_value("hoàn thành")
    at.number_input(key="tasks_progress_NV-002").set_value(100)
    at.text_input(key="tasks_due_NV-002").set_value("30/11/2026")
    at.button(key="tasks_save").click().run()
    assert not at.exception and not at.error
    assert any("Đã lưu nhiệm vụ NV-002" in s.value for s in at.success)
    row = raw_tasks(seeded_path).loc["NV-002"]
    assert (row["status"], row["progress"], row["due"]) == ("hoàn thành", "100", "30/11/2026")
    audit = validate(WorkbookStore(seeded_path).load()).raw["audit"]
    assert set(audit["field"]) == {"Trạng thái", "Tiến độ %", "Hạn"}


def test_task_edit_conflict_shows_the_change_keeps_input_and_writes_nothing(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "tasks")
    at.selectbox(key="tasks_pick").set_value("NV-002").run()
    at.selectbox(key="tasks_status_NV-002").set_value("hoàn thành")
    at.number_input(key="tasks_progress_NV-002").set_value(100)
    # Someone else edits the same cell in the workbook after the page was drawn.
    WorkbookStore(seeded_path).update_row("tasks", "NV-002", {"status": "chưa làm"}, {"status": "đang làm"}, user="x")
    before = seeded_path.read_bytes()
    at.button(key="tasks_save").click().run()
    assert not at.exception
    assert any("vừa được người khác sửa" in e.value and "“đang làm” → “chưa làm”" in e.value for e in at.error)
    assert at.selectbox(key="tasks_status_NV-002").value == "hoàn thành"
    assert at.number_input(key="tasks_progress_NV-002").value == 100
    assert seeded_path.read_bytes() == before
    assert raw_tasks(seeded_path).loc["NV-002", "status"] == "chưa làm"


def test_task_with_bad_due_is_refused_with_a_message(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "tasks")
    at.text_input(key="tasks_due_NV-001").set_value("hôm qua")
    at.button(key="tasks_save").click().run()
    assert any("Hạn “hôm qua”" in e.value for e in at.error)
    assert raw_tasks(seeded_path).loc["NV-001", "due"] == "T-30"


def test_add_and_delete_a_task(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "tasks")
    at.text_input(key="tasks_new_task").set_value("Thuê xe đưa đón đại biểu")
    at.text_input(key="tasks_new_due").set_value("T-4")
    at.button(key="tasks_add").click().run()
    assert not at.exception and not at.error
    assert raw_tasks(seeded_path).loc["NV-015", "task"] == "Thuê xe đưa đón đại biểu"
    at.selectbox(key="tasks_pick").set_value("NV-015").run()
    at.checkbox(key="tasks_delete_sure_NV-015").check().run()
    at.button(key="tasks_delete").click().run()
    assert not at.exception and not at.error
    assert "NV-015" not in raw_tasks(seeded_path).index


def test_programme_shows_times_and_moves_an_item(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "programme")
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Bắt đầu"].tolist()[:3] == ["07:30", "07:40", "08:10"]
    assert not at.warning
    at.button(key="programme_down").click().run()
    assert not at.exception and not at.error
    raw = validate(WorkbookStore(seeded_path).load()).raw["programme"]
    assert (raw.loc["CT-01", "order"], raw.loc["CT-02", "order"]) == ("2", "1")
    assert at.dataframe[0].value["Mã"].tolist()[:2] == ["CT-02", "CT-01"]


def test_programme_warns_on_overrun_and_missing_presenter(seeded_path, monkeypatch):
    WorkbookStore(seeded_path).update_row(
        "programme", "CT-03", {"minutes": "150", "presenter": ""}, {"minutes": "45"}, user="x"
    )
    at = open_app(seeded_path, monkeypatch, "programme")
    warnings = " ".join(w.value for w in at.warning)
    assert "vượt một buổi (240 phút) 15 phút" in warnings and "CT-03" in warnings


def test_programme_edit_lands_in_the_workbook(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "programme")
    at.number_input(key="programme_minutes_CT-01").set_value(15)
    at.button(key="programme_save").click().run()
    assert not at.exception and not at.error
    assert validate(WorkbookStore(seeded_path).load()).raw["programme"].loc["CT-01", "minutes"] == "15"


def test_budget_page_totals_and_over_budget(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "budget")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Tổng dự trù": "44.000.000 ₫", "Tổng thực chi": "6.000.000 ₫", "Còn lại": "38.000.000 ₫"}
    assert not at.warning
    WorkbookStore(seeded_path).update_row("budget", "KP-05", {"actual": "3.000.000"}, {"actual": ""}, user="x")
    at = open_app(seeded_path, monkeypatch, "budget")
    assert any("1 khoản mục chi vượt dự trù" in w.value for w in at.warning)


def test_pages_in_english(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch)
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Readiness overview"
    assert any(e.label == "How it is computed" for e in at.expander)

"""English display names for every stored value (statuses, groups, kinds …), the date line, totals and pickers'
placeholders — while the workbook keeps the Vietnamese values."""

from __future__ import annotations

import json

import pytest

from services.display.display_names import value_name
from services.i18n import CATALOGUE
from services.schema import (
    ATTENDEE_GROUPS,
    DECIDERS,
    GENDERS,
    NOMINATION_STATUS,
    NOMINEE_KINDS,
    RSVP,
    TASK_STATUS,
    UNIT_KINDS,
)
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app

STORED = {*ATTENDEE_GROUPS, *DECIDERS, *GENDERS, *NOMINATION_STATUS, *NOMINEE_KINDS, *RSVP, *TASK_STATUS, *UNIT_KINDS}


def english(at, page: str):
    at.selectbox(key="lang").set_value("en").run()
    at.switch_page(f"content/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_every_stored_value_has_an_english_name_and_keeps_its_vietnamese_one():
    for value in STORED:
        assert CATALOGUE[f"value.{value}"][0] == value
        assert value_name(value, "en") and value_name(value, "en") != value, value
        assert value_name(value, "vi") == value
    assert value_name("Văn phòng Sở", "en") == "Văn phòng Sở"  # names and units show as typed


def test_attendee_table_filters_and_counts_in_english(seeded_path, monkeypatch):
    at = english(open_app(seeded_path, monkeypatch), "attendees")
    table = at.dataframe[0].value
    assert set(table["Response"]) <= {"attending", "absent", "no reply yet", ""}
    assert set(table["Group"]) & {"provincial leaders", "civil servants"}
    assert not set(table["Group"]) & set(ATTENDEE_GROUPS)
    assert "provincial leaders" in {m.label for m in at.metric}
    groups = at.multiselect(key="attendees_groups")
    assert groups.options == [value_name(g, "en") for g in ATTENDEE_GROUPS]
    groups.select("lãnh đạo tỉnh").run()  # the widget's value is still the stored one
    assert set(at.dataframe[0].value["Group"]) == {"provincial leaders"}
    stored = validate(WorkbookStore(seeded_path).load()).raw["attendees"]
    assert set(stored["group"]) <= set(ATTENDEE_GROUPS) and set(stored["rsvp"]) <= {*RSVP, ""}  # the sheet: Vietnamese


def test_tasks_statuses_in_english(seeded_path, monkeypatch):
    at = english(open_app(seeded_path, monkeypatch), "tasks")
    statuses = set(at.dataframe[0].value["Status"])
    assert statuses and statuses <= {"to do", "in progress", "done"}
    assert set(at.multiselect(key="tasks_filter_status").options) == statuses


def test_overview_legends_date_line_and_vietnamese_again(seeded_path, monkeypatch):
    at = english(open_app(seeded_path, monkeypatch), "overview")
    legends = {tr.get("name") for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"]}
    labels = {
        lbl for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"] for lbl in tr.get("labels", [])
    }
    assert {"to do", "in progress", "done", "approved"} <= legends
    assert {"attending", "absent", "no reply yet"} <= labels
    assert not (legends | labels) & STORED
    assert any("Wednesday, 16 December 2026" in c.value for c in at.caption)
    at.selectbox(key="lang").set_value("vi").run()
    legends = {tr.get("name") for c in at.get("plotly_chart") for tr in json.loads(c.proto.spec)["data"]}
    assert {"chưa làm", "đã duyệt"} <= legends  # the charts are kept per language
    assert any("Thứ Tư, ngày 16 tháng 12 năm 2026" in c.value for c in at.caption)


def test_checkin_total_row_in_english(seeded_path, monkeypatch):
    at = english(open_app(seeded_path, monkeypatch), "checkin")
    groups = list(at.dataframe[-1].value.iloc[:, 0])
    assert groups[-1] == "Total" and "provincial leaders" in groups


@pytest.mark.parametrize(("lang", "label"), [("vi", "Bảng tính cục bộ"), ("en", "Local workbook")])
def test_data_source_named_in_the_language(seeded_path, monkeypatch, lang, label):
    at = open_app(seeded_path, monkeypatch)
    at.selectbox(key="lang").set_value(lang).run()
    at.switch_page("content/data.py").run()
    assert at.metric[0].value == label


@pytest.mark.parametrize(
    ("lang", "no_group", "nominations", "delegates"),
    [
        ("vi", "Không gán nhóm mặc định", "Chọn các đề cử", "Chọn đại biểu"),
        ("en", "No default group", "Choose nominations", "Choose delegates"),
    ],
)
def test_pickers_say_what_to_choose_in_the_language(seeded_path, monkeypatch, lang, no_group, nominations, delegates):
    at = open_app(seeded_path, monkeypatch)
    at.selectbox(key="lang").set_value(lang).run()
    at.switch_page("content/attendees.py").run()
    data = "Họ tên;Đơn vị công tác\nĐỗ Văn Tùng;Văn phòng Sở\n".encode()
    at.file_uploader(key="attendees_import_file").upload("a.csv", data, "text/csv").run()
    assert at.selectbox(key="attendees_import_group").proto.placeholder == no_group
    at.switch_page("content/nominations.py").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="nom_bulk_ids").proto.placeholder == nominations
    assert at.multiselect(key="nom_delegates").proto.placeholder == delegates
    assert at.selectbox(key="nom_bulk_target").options[1] == value_name("đang xét", lang)
    assert value_name("cá nhân", lang) in at.selectbox(key="nom_kind_new").options  # the add form's kinds too

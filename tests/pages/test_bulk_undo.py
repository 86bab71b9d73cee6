"""Bulk actions in AppTest: nothing selected means nothing to apply, a preview and a confirmation before any write,
and “Hoàn tác” putting back exactly those cells (refused, naming the cell, when one changed since). Reverting a
change from the log on Dữ liệu, including a revert the sheet no longer allows."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from streamlit.testing.v1 import AppTest

from services.access import hash_passcode
from services.edits import change_log
from services.schema import ATTENDEES, AUDIT
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app, sign_in
from tests.conftest import ROOT, seeded_tabs
from tests.sheets_emulator import SheetsEmulator

ADMIN = {"roles": {"passcodes": {"admin": hash_passcode("qt", iterations=1_000)}}}
RSVP_COL = ATTENDEES.headers.index("Phản hồi") + 1


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every cell of every tab but the log (which records the action and its undo)."""
    wb = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets if ws.title != AUDIT.title}


def set_cell(path: Path, title: str, row: int, col: int, value: str) -> None:
    wb = load_workbook(path)
    wb[title].cell(row=row, column=col, value=value)
    wb.save(path)


def raw(path: Path, tab: str):
    return validate(WorkbookStore(path).load()).raw[tab]


def previews(at) -> list:
    """The dialog's old → new tables on screen."""
    return [d.value for d in at.dataframe if "Giá trị mới" in d.value.columns]


def select_rows(at, rows: list[int]):
    at.session_state["attendees_table"] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def test_nothing_selected_disables_the_bulk_button(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    button = at.button(key="attendees_bulk_apply")
    assert button.disabled and button.label == "Chọn dòng để áp dụng"
    assert "63" not in button.label


def test_bulk_response_confirm_then_undo_restores_the_workbook(seeded_path, monkeypatch):
    before = cells(seeded_path)
    people = raw(seeded_path, "attendees")
    at = open_app(seeded_path, monkeypatch, "attendees")
    at.selectbox(key="attendees_bulk_value").set_value("vắng")
    at = select_rows(at, [0, 1, 2, 3])
    picked = list(at.dataframe[0].value["Mã"].iloc[:4])
    changing = [i for i in picked if people.at[i, "rsvp"] != "vắng"]
    assert changing
    assert at.button(key="attendees_bulk_apply").label == "Áp dụng cho 4 dòng đã chọn…"
    at.button(key="attendees_bulk_apply").click().run()
    assert not at.exception, at.exception
    # The dialog: count and old → new, nothing written yet.
    (preview,) = previews(at)
    assert list(preview["Mã"]) == changing and set(preview["Giá trị mới"]) == {"vắng"}
    assert list(preview["Giá trị cũ"]) == [people.at[i, "rsvp"] for i in changing]
    assert any(f"**{len(changing)}** dòng" in m.value for m in at.markdown)
    assert cells(seeded_path) == before
    at.button(key="attendees_bulk_apply_cancel").click().run()
    assert cells(seeded_path) == before and not previews(at)

    at.button(key="attendees_bulk_apply").click().run()
    at.button(key="attendees_bulk_apply_confirm").click().run()
    assert not at.exception, at.exception
    assert (raw(seeded_path, "attendees").loc[changing, "rsvp"] == "vắng").all()
    assert any(f"Đã cập nhật {len(changing)} đại biểu" in s.value for s in at.success)
    assert cells(seeded_path) != before

    at.button(key="attendees_bulk_apply_undo_button").click().run()
    assert not at.exception, at.exception
    assert cells(seeded_path) == before
    assert any(f"Đã hoàn tác {len(changing)} dòng" in s.value for s in at.success)
    assert "attendees_bulk_apply_undo_button" not in [b.key for b in at.button]


def test_undo_after_a_staff_edit_is_refused_naming_the_cell(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    at.selectbox(key="attendees_bulk_value").set_value("vắng")
    at = select_rows(at, [0, 1])
    first = at.dataframe[0].value["Mã"].iloc[0]
    at.button(key="attendees_bulk_apply").click().run()
    at.button(key="attendees_bulk_apply_confirm").click().run()
    sheet_row = int(validate(WorkbookStore(seeded_path).load()).frames["attendees"].at[first, "_row"])
    set_cell(seeded_path, ATTENDEES.title, sheet_row, RSVP_COL, "tham dự")  # a colleague, in Excel
    before = cells(seeded_path)
    at.button(key="attendees_bulk_apply_undo_button").click().run()
    assert not at.exception, at.exception
    ref = f"'{ATTENDEES.title}'!{get_column_letter(RSVP_COL)}{sheet_row}"
    assert any(ref in e.value and "“vắng” → “tham dự”" in e.value for e in at.error), [e.value for e in at.error]
    assert cells(seeded_path) == before


def test_bulk_move_on_khen_thuong_confirm_then_undo(seeded_path, monkeypatch):
    before = cells(seeded_path)
    frame = validate(WorkbookStore(seeded_path).load()).frames["nominations"]
    proposed = list(frame.query("status == 'đề xuất'").index)
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert at.button(key="nom_bulk_apply").disabled
    at.multiselect(key="nom_bulk_ids").set_value(proposed)
    at.selectbox(key="nom_bulk_target").set_value("đang xét").run()
    at.button(key="nom_bulk_apply").click().run()
    assert not at.exception, at.exception
    (preview,) = previews(at)
    assert set(preview["Mã"]) == set(proposed) and set(preview["Giá trị mới"]) >= {"đang xét"}
    assert cells(seeded_path) == before
    at.button(key="nom_bulk_apply_confirm").click().run()
    assert set(raw(seeded_path, "nominations").loc[proposed, "status"]) == {"đang xét"}
    at.button(key="nom_bulk_apply_undo_button").click().run()
    assert not at.exception, at.exception
    assert cells(seeded_path) == before


def _edit_unit(path: Path, row_id: str, unit: str, user: str) -> str:
    """A logged app edit; returns its change ID."""
    old = raw(path, "attendees").at[row_id, "unit"]
    WorkbookStore(path).update_row("attendees", row_id, {"unit": unit}, {"unit": old}, user=user)
    return change_log.logged_changes(WorkbookStore(path).load())[-1].id


def test_revert_from_the_log_on_du_lieu(seeded_path, monkeypatch):
    before = cells(seeded_path)
    change = _edit_unit(seeded_path, "DB-003", "Sở Thử Nghiệm", "vp@skhcn")
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ADMIN), "qt")
    at.switch_page("content/data.py").run()
    picker = at.selectbox(key="data_revert_pick")
    assert picker.options[0].startswith(change) and "Sở Thử Nghiệm" in picker.options[0]
    picker.set_value(change).run()
    at.button(key="data_revert_apply").click().run()
    assert not at.exception, at.exception
    assert cells(seeded_path) == before
    assert any(f"Đã hoàn tác {change}" in s.value for s in at.success)
    last = change_log.logged_changes(WorkbookStore(seeded_path).load())[-1]
    assert last.reverts == change and last.edits[0].old == "Sở Thử Nghiệm"


def test_a_conflicting_revert_is_refused_and_changes_nothing(seeded_path, monkeypatch):
    change = _edit_unit(seeded_path, "DB-003", "Sở Thử Nghiệm", "vp@skhcn")
    _edit_unit(seeded_path, "DB-003", "Sở Khác", "bàn 2")  # edited again since
    before = cells(seeded_path)
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ADMIN), "qt")
    at.switch_page("content/data.py").run()
    at.selectbox(key="data_revert_pick").set_value(change).run()
    at.button(key="data_revert_apply").click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("'Đại biểu'!" in e and "“Sở Thử Nghiệm” → “Sở Khác”" in e for e in errors), errors
    assert cells(seeded_path) == before


def test_an_editor_reverts_only_their_own_changes(seeded_path, monkeypatch):
    theirs = _edit_unit(seeded_path, "DB-003", "Sở Của Người Khác", "vp@skhcn")
    at = open_app(seeded_path, monkeypatch, "data")  # local desk: an editor, user "cục bộ"
    assert any(c.value == "Không có thay đổi nào bạn được hoàn tác." for c in at.caption)
    mine = _edit_unit(seeded_path, "DB-004", "Sở Của Tôi", "cục bộ")
    at = open_app(seeded_path, monkeypatch, "data")
    options = at.selectbox(key="data_revert_pick").options
    assert options[0].startswith(mine) and not any(o.startswith(theirs) for o in options)


@pytest.fixture
def on_sheet(monkeypatch, tmp_path):
    """The app on a seeded Google Sheet in the emulator: (emulator, spreadsheet key)."""
    with SheetsEmulator() as emulator:
        key = emulator.create("Hội nghị điển hình tiên tiến 2026", seeded_tabs())
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emulator.host)
        monkeypatch.setenv("GSHEETS_SPREADSHEET", emulator.url(key))
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(tmp_path / "unused.xlsx"))
        st.cache_data.clear()
        st.cache_resource.clear()
        yield emulator, key
        st.cache_data.clear()
        st.cache_resource.clear()


def test_on_the_google_sheet_confirm_then_undo_restores_every_cell(on_sheet):
    emulator, key = on_sheet
    titles = [title for title in seeded_tabs() if title != AUDIT.title]
    before = {title: emulator.cells(key, title) for title in titles}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["roles"] = ADMIN["roles"]
    at = sign_in(at.run(), "qt")
    at.switch_page("content/attendees.py").run()
    at.selectbox(key="attendees_bulk_value").set_value("vắng")
    at = select_rows(at, [0, 1, 2])
    at.button(key="attendees_bulk_apply").click().run()
    (preview,) = previews(at)
    at.button(key="attendees_bulk_apply_confirm").click().run()
    assert not at.exception, at.exception
    assert {title: emulator.cells(key, title) for title in titles} != before
    at.button(key="attendees_bulk_apply_undo_button").click().run()
    assert not at.exception, at.exception
    assert any(f"Đã hoàn tác {len(preview)} dòng" in s.value for s in at.success)
    assert {title: emulator.cells(key, title) for title in titles} == before


def test_a_row_changed_after_the_preview_is_reported_and_left_alone(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    at.selectbox(key="attendees_bulk_value").set_value("vắng")
    at = select_rows(at, [0, 1, 2])
    at.button(key="attendees_bulk_apply").click().run()
    (preview,) = previews(at)
    first, old = preview["Mã"].iloc[0], preview["Giá trị cũ"].iloc[0]
    other = next(r for r in ("chưa phản hồi", "tham dự") if r != old)
    sheet_row = int(validate(WorkbookStore(seeded_path).load()).frames["attendees"].at[first, "_row"])
    set_cell(seeded_path, ATTENDEES.title, sheet_row, RSVP_COL, other)  # a colleague, while the dialog is open
    before = cells(seeded_path)
    at.button(key="attendees_bulk_apply_confirm").click().run()
    assert not at.exception, at.exception
    assert any(first in e.value and f"“Phản hồi”: “{old}” → “{other}”" in e.value for e in at.error)
    assert raw(seeded_path, "attendees").at[first, "rsvp"] == other
    at.button(key="attendees_bulk_apply_undo_button").click().run()
    assert cells(seeded_path) == before, "the undo restores the rows that landed, and only those"

"""The attendees page in AppTest: accent-free search, bulk responses, add/edit/delete, import with report, export."""

from __future__ import annotations

from pathlib import Path

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "imports" / "messy_attendees.csv"


def people(path):
    return validate(WorkbookStore(path).load()).raw["attendees"]


def test_search_without_accents_filters_the_list(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    assert not at.exception
    at.text_input(key="attendees_query").input("nguyen quang huy").run()
    table = at.dataframe[0].value
    assert table["Họ và tên"].tolist() == ["Nguyễn Quang Huy"]


def test_bulk_response_on_the_filtered_list(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    at.multiselect(key="attendees_responses").set_value(["chưa phản hồi"]).run()
    pending = at.dataframe[0].value["Mã"].tolist()
    assert pending
    at.selectbox(key="attendees_bulk_value").set_value("vắng")
    # Select every filtered row (nothing selected applies to nothing), then confirm in the dialog.
    at.session_state["attendees_table"] = {"selection": {"rows": list(range(len(pending))), "columns": []}}
    at.run()
    at.button(key="attendees_bulk_apply").click().run()
    at.button(key="attendees_bulk_apply_confirm").click().run()
    assert not at.exception
    after = people(seeded_path)
    assert (after.loc[pending, "rsvp"] == "vắng").all()
    assert any(f"Đã cập nhật {len(pending)} đại biểu" in s.value for s in at.success)


def test_add_edit_delete(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    at.text_input(key="attendees_f_name_new").input("Hứa Thị Mới")
    at.selectbox(key="attendees_f_group_new").set_value("khách mời")
    at.button(key="attendees_save_new").click().run()
    assert not at.exception
    added = people(seeded_path)
    new_id = added.index[added["name"] == "Hứa Thị Mới"][0]
    at.selectbox(key="attendees_pick").set_value(new_id).run()
    at.text_input(key=f"attendees_f_unit_{new_id}").input("Báo Lạng Sơn")
    at.button(key=f"attendees_save_{new_id}").click().run()
    assert people(seeded_path).at[new_id, "unit"] == "Báo Lạng Sơn"
    at.checkbox(key=f"attendees_delete_confirm_{new_id}").check().run()
    at.button(key="attendees_delete").click().run()
    assert not at.exception
    assert new_id not in people(seeded_path).index


def test_import_shows_every_rejected_row_and_writes_nothing_until_allowed(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    before = len(people(seeded_path))
    at.file_uploader(key="attendees_import_file").upload(FIXTURE.name, FIXTURE.read_bytes(), "text/csv").run()
    assert not at.exception
    assert not at.error[0].value.startswith("Không"), at.error
    rejected = at.dataframe[2].value
    assert rejected.columns[0] == "Lý do", "the reasons come first, never off-screen on the right"
    assert rejected["Dòng"].tolist() == [5, 6, 7, 8, 9, 10, 13]
    assert at.button(key="attendees_import_go").disabled
    at.checkbox(key="attendees_import_partial").check().run()
    at.button(key="attendees_import_go").click().run()
    assert not at.exception
    assert len(people(seeded_path)) == before + 4
    # the uploader is cleared: no second judgement of the same file ("0 dòng hợp lệ / 7 bị từ chối")
    assert any("Đã nhập 4 đại biểu" in s.value for s in at.success), [s.value for s in at.success]
    assert "attendees_import_go" not in {b.key for b in at.button}
    assert not any("bị từ chối" in e.value for e in at.error), [e.value for e in at.error]
    uploader = at.get("file_uploader")[0]
    assert uploader.key != "attendees_import_file" and not uploader.value


def test_an_address_without_a_domain_is_rejected_with_a_vietnamese_reason(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    data = "Họ tên;Đơn vị công tác;Nhóm;Email\nĐỗ Văn Tùng;Văn phòng Sở;công chức;tung@\n".encode()
    at.file_uploader(key="attendees_import_file").upload("tung.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    rejected = at.dataframe[2].value  # the list, the accepted rows (none), the rejected ones
    assert rejected["Lý do"].tolist() == ["Email “tung@” không hợp lệ: thiếu tên miền sau @"]
    assert at.button(key="attendees_import_go").disabled


def test_exports_are_offered(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    keys = {b.key for b in at.get("download_button")}
    assert {"attendees_export_xlsx", "attendees_export_csv"} <= keys


def test_the_response_the_bulk_edit_changes_sits_next_to_the_name(seeded_path, monkeypatch):
    """Issue 27: Phản hồi, the column the bulk edit changes, was the 9th of 12 and cut off at 1400 px."""
    from tests.apptest_helpers import open_app

    at = open_app(seeded_path, monkeypatch, "attendees")
    assert list(at.dataframe[0].proto.column_order)[:3] == ["Mã", "Họ và tên", "Phản hồi"]

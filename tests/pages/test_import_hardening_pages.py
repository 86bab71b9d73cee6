"""The attendee import on its page, in AppTest (files uploaded as a user would): a swallowing file is refused with no
import offered, a TCVN3 file is announced and imported as Unicode, and the user chooses the header row (the importer
itself: tests/unit/test_import_hardening.py)."""

from __future__ import annotations

from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app
from tests.unit.test_import_hardening import DATA, NAMES, NO_HEADER, thousand_lines


def people(path):
    return validate(WorkbookStore(path).load()).raw["attendees"]


def upload(at, name: str, data: bytes):
    return at.file_uploader(key="attendees_import_file").upload(name, data, "text/csv").run()


def test_page_refuses_a_swallowing_file_and_offers_no_import(seeded_path, monkeypatch):
    at = upload(open_app(seeded_path, monkeypatch, "attendees"), "ds.csv", thousand_lines({20: '"Người 20,Sở,09'}))
    assert not at.exception
    assert any(e.value.startswith("Dòng 20: dấu ngoặc kép") for e in at.error), [e.value for e in at.error]
    assert "attendees_import_go" not in {b.key for b in at.button}


def test_page_shows_the_tcvn3_notice_and_imports_unicode_names(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "attendees")
    at = upload(at, "legacy_tcvn3.csv", (DATA / "legacy_tcvn3.csv").read_bytes())
    assert not at.exception
    assert any("Tệp dùng bảng mã TCVN3" in i.value for i in at.info), [i.value for i in at.info]
    at.selectbox(key="attendees_import_group").set_value("khách mời").run()
    assert at.dataframe[1].value["Họ và tên"].tolist() == NAMES
    at.button(key="attendees_import_go").click().run()
    assert not at.exception
    assert set(NAMES) <= set(people(seeded_path)["name"])


def test_page_lets_the_user_choose_the_header_row(seeded_path, monkeypatch):
    at = upload(open_app(seeded_path, monkeypatch, "attendees"), "ds.csv", NO_HEADER)
    assert not at.exception
    assert any(w.value.startswith("Không tìm thấy dòng tiêu đề") for w in at.warning)
    at.number_input(key="attendees_import_header").set_value(2).run()
    assert not at.exception
    assert any("Dòng tiêu đề là dòng 2" in i.value for i in at.info)
    # "Tên đại biểu (ghi rõ)" is no known header: the user maps it, and the row is accepted.
    at.selectbox(key="attendees_map_2_1").set_value("name").run()
    at.selectbox(key="attendees_import_group").set_value("khách mời").run()
    assert not at.exception
    assert at.dataframe[1].value["Họ và tên"].tolist() == ["Hoàng Văn Bình"]
    assert at.dataframe[1].value["Đơn vị"].tolist() == ["Văn phòng Sở"], "“Cơ quan” is guessed for the new header"

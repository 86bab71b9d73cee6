"""Quản trị → Cài đặt: every `Sự kiện` key written and validated through the page, on the workbook and on a Google
Sheet (the emulator); admins only; a conflict is reported with the field and old → new, the input kept."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from services.access import hash_passcode
from services.config import FONTS_DIR_ENV
from services.documents import fonts
from services.i18n import CATALOGUE
from services.schema import AUDIT, SETTING_DEFS, SETTINGS, Kind
from services.setup import settings_form as sf
from services.validation import validate
from tests.apptest_helpers import page_alone, sign_in
from tests.backends import BACKENDS, make_backend
from tests.conftest import ROOT, seeded_tabs
from tests.disk_faults import refusing_writes
from tests.unit.test_access import FAST, ROLES, nav_titles

ADMIN_ROLES = {"roles": {**ROLES["roles"], "passcodes": {**ROLES["roles"]["passcodes"]}}}
ADMIN_ROLES["roles"]["passcodes"]["admin"] = hash_passcode("quan-tri", iterations=FAST)

# A value each key accepts (as typed) and the text the sheet then holds; every key of the schema has one.
GOOD: dict[str, tuple[str, str]] = {
    "event_name": ("Hội nghị điển hình tiên tiến 2027", "Hội nghị điển hình tiên tiến 2027"),
    "event_short": ("HNĐHTT 2027", "HNĐHTT 2027"),
    "parent_body": ("UBND TỈNH CAO BẰNG", "UBND TỈNH CAO BẰNG"),
    "organiser": ("SỞ KH&CN", "SỞ KH&CN"),
    "event_date": ("2027-01-20", "20/01/2027"),
    "start_time": ("8h", "08:00"),
    "session_minutes": ("180", "180"),
    "venue": ("Hội trường tầng 3", "Hội trường tầng 3"),
    "place": ("Cao Bằng", "Cao Bằng"),
    "capacity": ("150", "150"),
    "signer_title": ("PHÓ GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    "signer_name": ("Nguyễn Văn Ký", "Nguyễn Văn Ký"),
    "higher_congress": ("Đại hội thi đua yêu nước tỉnh lần thứ VII", "Đại hội thi đua yêu nước tỉnh lần thứ VII"),
    "council_body": ("Sở Nội vụ", "Sở Nội vụ"),
    "report_lead_days": ("40", "40"),
    "dossier_sent_date": ("2027-01-02", "02/01/2027"),
    "honoree_batch_size": ("8", "8"),
    "council_members": ("11", "11"),
    "delegate_quota": ("7", "7"),
    "delegate_staff": ("DB-001, DB-002", "DB-001, DB-002"),
    "emulation_ratio_cap": ("15", "15"),
    "demo_data": ("không", "không"),
    "document_font": ("truetype/dejavu/DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif.ttf"),
    "hall_rows": ("12", "12"),
    "hall_seats_per_row": ("14", "14"),
    "hall_reserved": ("A:lãnh đạo;B-D:khen thưởng;E:khách mời", "A:lãnh đạo;B-D:khen thưởng;E:khách mời"),
    "base_salary": ("2.530.000", "2530000"),
    "decision_no": ("12/QĐ-SKHCN", "12/QĐ-SKHCN"),
    "decision_date": ("05/01/2027", "05/01/2027"),
    "proposal_no": ("07/TTr-SKHCN", "07/TTr-SKHCN"),
    "council_present": ("10", "10"),
    "council_chair": ("Trần Thị Chủ", "Trần Thị Chủ"),
    "council_secretary": ("Lê Văn Thư", "Lê Văn Thư"),
    "council_closed_at": ("10:45", "10:45"),
    "vote_share_base_title": ("85", "85"),
    "vote_share_upward": ("60", "60"),
    "council_meeting_date": ("02/01/2027", "02/01/2027"),
    "council_roster": ("Trần Thị Chủ - Chủ tịch; Lê Văn Thư - Thư ký", "Trần Thị Chủ - Chủ tịch; Lê Văn Thư - Thư ký"),
    "council_absent": ("Hoàng Văn Vắng", "Hoàng Văn Vắng"),
    "ballot_counters": ("Lê Văn Thư - Trưởng ban", "Lê Văn Thư - Trưởng ban"),
    "ballots_returned": ("9", "9"),
    "ballots_invalid": ("1", "1"),
    "cert_page": ("A4 dọc", "A4 dọc"),
    "cert_offset": ("1,5; -2", "1,5; -2"),
    "cert_name": ("105; 120", "105; 120"),
    "cert_unit": ("105; 135", "105; 135"),
    "cert_achievement": ("105; 150", "105; 150"),
    "cert_decision": ("60; 250", "60; 250"),
}
LONG = "x" * (sf.MAX_TEXT + 1)
# A value each key refuses on its own, typed on the page (a yes/no has none: the toggle gives only yes or no; the font
# picker offers only checked fonts, so a bad font comes by upload — or typed, which AppTest cannot do — see below).
BAD: dict[str, str] = {
    **{s.key: LONG for s in SETTING_DEFS if s.kind == Kind.TEXT and s.key != sf.FONT},
    "event_date": "31/02/2027",
    "decision_date": "01/01/2200",
    "start_time": "25:00",
    "council_closed_at": "nửa đêm",
    "session_minutes": "0",
    "capacity": "một trăm",
    "report_lead_days": "366",
    "dossier_sent_date": "32/12/2026",
    "honoree_batch_size": "0",
    "council_members": "201",
    "delegate_quota": "-1",
    "emulation_ratio_cap": "101",
    "hall_rows": "61",
    "hall_seats_per_row": "81",
    "base_salary": "-5",
    "council_present": "201",
    "vote_share_base_title": "101",
    "vote_share_upward": "-1",
    "council_meeting_date": "30/02/2027",
    "ballots_returned": "201",
    "ballots_invalid": "nhiều",
    "hall_reserved": "A lãnh đạo",
    "cert_page": "A9",
    "delegate_staff": "DB-001, DB-999",  # no such attendee
    "cert_offset": "trái",
    "cert_name": "giữa",
    "cert_unit": "148,5",
    "cert_achievement": "x; y",
    "cert_decision": "70 178 3",
}


def test_every_setting_has_a_group_a_label_and_help_in_both_languages():
    assert [f.key for f in sf.FIELDS] == [s.key for s in SETTING_DEFS]
    assert set(GOOD) == {s.key for s in SETTING_DEFS}
    assert set(BAD) == {s.key for s in SETTING_DEFS if s.kind != Kind.BOOL} - {sf.FONT}
    for field in sf.FIELDS:
        assert field.group in sf.GROUPS
        for kind in ("field", "help"):
            vi, en = CATALOGUE[f"settings.{kind}.{field.key}"]
            assert vi and en and vi != en, field.key
        assert field.help("vi") != field.help("en")


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path, monkeypatch):
    """The seeded data on each backend, and the app pointed at it."""
    handle = make_backend(request.param, tmp_path, seeded_tabs())
    monkeypatch.delenv("CONFERENCE_TODAY", raising=False)
    if request.param == "workbook":
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(handle.path))
        monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
        monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    else:
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", handle.emulator.host)
        monkeypatch.setenv("GSHEETS_SPREADSHEET", handle.emulator.url(handle.key))
        monkeypatch.setenv("CONFERENCE_WORKBOOK", str(tmp_path / "unused.xlsx"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield handle
    st.cache_data.clear()
    st.cache_resource.clear()


def open_settings(passcode: str = "quan-tri") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in ADMIN_ROLES.items():
        at.secrets[key] = value
    sign_in(at.run(), passcode)
    at.switch_page("content/settings.py").run()
    assert not at.exception, at.exception
    return at


def enter(at: AppTest, values: dict[str, str]) -> None:
    for key, text in values.items():
        name = "setting_" + key
        if SETTING_DEFS[[s.key for s in SETTING_DEFS].index(key)].kind == Kind.BOOL:
            at.toggle(key=name).set_value(text == "có")
        elif key == sf.FONT:
            at.selectbox(key=name).set_value(text)
        else:
            at.text_input(key=name).input(text)


def save(at: AppTest) -> AppTest:
    at.button(key="settings_save").click()
    return at.run()


def sheet_settings(backend) -> dict[str, str]:
    return validate(backend.store.load()).raw[SETTINGS.key]["value"].to_dict()


def audit_rows(backend) -> list[list[str]]:
    return backend.cells(AUDIT.title)[1:]


def test_every_key_is_written_and_logged(backend):
    before = sheet_settings(backend)
    logged_before = len(audit_rows(backend))
    at = open_settings()
    enter(at, {key: typed for key, (typed, _) in GOOD.items()})
    at = save(at)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("Đã lưu" in s.value for s in at.success), [s.value for s in at.success]
    after = sheet_settings(backend)
    assert {key: after.get(key) for key in GOOD} == {key: stored for key, (_, stored) in GOOD.items()}
    logged = audit_rows(backend)[logged_before:]
    changed = {key for key, (_, stored) in GOOD.items() if before.get(key, "") != stored}
    assert len(changed) > 30
    header = backend.cells(AUDIT.title)[0]
    where = {name: header.index(AUDIT.column(name).header) for name in ("tab", "row_id", "new")}
    entries = {row[where["row_id"]]: row[where["new"]] for row in logged if row[where["tab"]] == SETTINGS.title}
    # an edited row logs the new value; a setting the sheet had no row for logs its new row ("label | value")
    assert {key: entries.get(key, "").split(" | ")[-1] for key in changed} == {key: GOOD[key][1] for key in changed}


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_every_key_refuses_a_bad_value_and_nothing_is_written(backend):
    before, logged_before = sheet_settings(backend), len(audit_rows(backend))
    at = open_settings()
    bad = {key: text for key, text in BAD.items() if key != "venue"}
    enter(at, {**bad, "venue": "Hội trường mới"})  # one good value among them: it is not written either
    at = save(at)
    assert not at.exception, at.exception
    shown = [e.value for e in at.error]
    assert any("Chưa lưu gì" in text and f"{len(bad)} mục" in text for text in shown), shown
    for key in bad:
        label = sf.FIELD_BY_KEY[key].label()
        assert any(text.startswith(f"“{label}”") for text in shown), (key, shown)
    assert sheet_settings(backend) == before and len(audit_rows(backend)) == logged_before
    assert at.text_input(key="setting_venue").value == "Hội trường mới"  # the input stays on screen


@pytest.mark.parametrize(
    ("values", "field", "detail"),
    [
        ({"hall_rows": "3"}, "hall_rows", "không có trong hội trường (A–C)"),
        ({"cert_offset": "0; 200"}, "cert_offset", "ngoài khổ phôi"),
        ({"council_members": "5", "council_present": "7"}, "council_present", "nhiều hơn 5 thành viên"),
    ],
)
def test_settings_that_go_together_are_checked_together(values, field, detail, tmp_path, monkeypatch):
    handle = make_backend("workbook", tmp_path, seeded_tabs())
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(handle.path))
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    before = sheet_settings(handle)
    at = open_settings()
    enter(at, values)
    at = save(at)
    label = sf.FIELD_BY_KEY[field].label()
    assert any(e.value.startswith(f"“{label}”") and detail in e.value for e in at.error), [e.value for e in at.error]
    assert sheet_settings(handle) == before


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_a_cell_changed_since_is_reported_not_overwritten(backend):
    at = open_settings()
    row = 1 + [r[0] for r in backend.cells(SETTINGS.title)].index("venue")
    backend.set_cell(SETTINGS.title, row + 0, 3, "Nhà văn hóa tỉnh")  # a colleague edits the sheet meanwhile
    enter(at, {"venue": "Hội trường tầng 3"})
    at = save(at)
    shown = " ".join(e.value for e in at.error)
    assert "“Giá trị”: “Hội trường Sở Khoa học và Công nghệ tỉnh Lạng Sơn” → “Nhà văn hóa tỉnh”" in shown, shown
    assert sheet_settings(backend)["venue"] == "Nhà văn hóa tỉnh"
    assert at.text_input(key="setting_venue").value == "Hội trường tầng 3"


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_check_previews_the_hall_without_writing(backend):
    before = sheet_settings(backend)
    at = open_settings()
    enter(at, {"hall_rows": "4", "hall_seats_per_row": "6", "hall_reserved": "A:lãnh đạo"})
    at.button(key="settings_check").click()
    at.run()
    assert any("3 mục" in s.value for s in at.success), [s.value for s in at.success]
    assert any("4 hàng × 6 ghế = 24 chỗ" in c.value for c in at.caption)
    assert sheet_settings(backend) == before


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_only_admins_see_the_page(backend, monkeypatch):
    editor = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in ADMIN_ROLES.items():
        editor.secrets[key] = value
    editor = sign_in(editor.run(), "sua")
    assert "Cài đặt" not in nav_titles(editor) and "Dữ liệu" in nav_titles(editor)
    admin = open_settings()
    assert "Cài đặt" in nav_titles(admin) and admin.title[0].value == "Cài đặt hội nghị"
    admin.session_state["auth_role"] = "EDITOR"  # the URL is known, the role is not enough
    alone = page_alone(admin, "settings")  # the page file run on its own, as in test_page_roles
    assert not alone.exception, alone.exception
    assert not [i for i in alone.text_input if i.key and i.key.startswith("setting_")]
    assert any("quản trị" in w.value for w in alone.warning), [w.value for w in alone.warning]
    del admin.session_state["auth_role"]  # signed out: not even the refusal names a setting
    alone = page_alone(admin, "settings")
    assert not alone.title and any("đăng nhập" in i.value for i in alone.info)


def test_a_font_path_typed_into_the_picker_is_checked():
    shown = {sf.FONT: ""}
    for bad in ("../../etc/passwd", "/etc/hostname", "khong-co.ttf", "LICENSE-LiberationSerif.txt"):
        values, errors = sf.check(shown, {sf.FONT: bad})
        assert not values and [e.key for e in errors] == [sf.FONT], bad
        assert errors[0].message.startswith("“Phông chữ tài liệu”: ")
    assert sf.check(shown, {sf.FONT: "truetype/dejavu/DejaVuSerif.ttf"}) == (
        {sf.FONT: "truetype/dejavu/DejaVuSerif.ttf"},
        [],
    )


def test_an_uploaded_font_is_checked_before_it_is_kept(tmp_path, monkeypatch):
    folder = tmp_path / "fonts"
    monkeypatch.setenv(FONTS_DIR_ENV, str(folder))
    with pytest.raises(ValueError, match="không phải tệp phông chữ"):
        fonts.save_uploaded_font("gia.ttf", b"not a font at all")
    with pytest.raises(ValueError, match="phải có đuôi"):
        fonts.save_uploaded_font("x.exe", b"\x00\x01\x00\x00")
    assert not list(folder.iterdir())  # nothing kept, not even the temporary file
    good = Path(fonts.FONT_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    name = fonts.save_uploaded_font("Phông của tôi.ttf", good)
    assert (folder / name).is_file() and name in fonts.available_fonts()
    assert fonts.font_setting_problem(name) is None and fonts.font_warning(name) is None
    shutil.rmtree(folder)


def test_a_300_character_font_name_is_shortened_and_kept(tmp_path, monkeypatch):
    """Issue 27: a 300-character file name raised OSError (File name too long) through the settings page."""
    folder = tmp_path / "fonts"
    monkeypatch.setenv(FONTS_DIR_ENV, str(folder))
    good = Path(fonts.FONT_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    name = fonts.save_uploaded_font("a" * 300 + ".ttf", good)
    assert (folder / name).is_file() and len(name) <= fonts.MAX_STEM + 4


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.ENAMETOOLONG])
def test_a_font_upload_the_disk_refuses_is_said_in_vietnamese(tmp_path, monkeypatch, code):
    """The shipped systemd unit makes the fonts folder read-only; a full disk; a name the file system refuses."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setenv(FONTS_DIR_ENV, str(folder))
    good = Path(fonts.FONT_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    with refusing_writes(monkeypatch, folder, code), pytest.raises(ValueError) as refused:
        fonts.save_uploaded_font("Times-Test.ttf", good)
    text = str(refused.value)
    assert any(w in text for w in ("chỉ cho đọc", "Ổ đĩa đã đầy", "Tên tệp quá dài")) and "Errno" not in text, text
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_a_font_upload_into_a_read_only_folder_is_an_error_on_the_page(backend, tmp_path, monkeypatch):
    folder = tmp_path / "server-fonts"
    folder.mkdir()
    monkeypatch.setenv(FONTS_DIR_ENV, str(folder))
    at = open_settings()
    good = (fonts.FONT_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    with refusing_writes(monkeypatch, folder):
        at.file_uploader(key="settings_font_file").upload("Times-Test.ttf", good, "font/ttf")
        at.run()
    assert not at.exception, at.exception
    assert any("chỉ cho đọc" in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_a_font_uploaded_on_the_page_is_checked_then_picked_and_saved(backend, tmp_path, monkeypatch):
    folder = tmp_path / "server-fonts"
    monkeypatch.setenv(FONTS_DIR_ENV, str(folder))
    at = open_settings()
    at.file_uploader(key="settings_font_file").upload("hong.ttf", b"\x00\x01\x00\x00 not really", "font/ttf")
    at.run()
    shown = [e.value for e in at.error]
    assert any(t.startswith("“Phông chữ tài liệu”: ") and "hỏng" in t for t in shown), shown
    assert not list(folder.iterdir())
    at.file_uploader(key="settings_font_file").set_value(None)
    at.run()
    good = (fonts.FONT_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    at.file_uploader(key="settings_font_file").upload("Times-Test.ttf", good, "font/ttf")
    at.run()
    assert any("Times-Test.ttf" in s.value for s in at.success), [s.value for s in at.success]
    at.run()  # the picker now lists it
    assert "Times-Test.ttf" in at.selectbox(key="setting_document_font").options
    enter(at, {sf.FONT: "Times-Test.ttf"})
    at = save(at)
    assert not at.error, [e.value for e in at.error]
    assert sheet_settings(backend)[sf.FONT] == "Times-Test.ttf"


@pytest.mark.parametrize("backend", ["workbook"], indirect=True)
def test_the_page_in_english_and_its_refusals_too(backend):
    at = open_settings()
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Event settings"
    assert [tab.label for tab in at.tabs] == ["Event", "Council", "Hall", "Documents"]
    assert at.text_input(key="setting_event_date").label == "Event date"
    assert "Type: date dd/mm/yyyy." in at.text_input(key="setting_event_date").help
    enter(at, {"report_lead_days": "366"})
    at = save(at)
    assert any(e.value.startswith("“Report lead time (days)”: ") for e in at.error), [e.value for e in at.error]
    assert any(e.value.startswith("Nothing saved: 1 invalid") for e in at.error)


def test_the_tallys_ballots_add_up():
    """Invalid ≤ returned ≤ issued (one ballot per member present): the Biên bản kiểm phiếu prints these numbers."""
    shown = {"council_present": "8", "ballots_returned": "", "ballots_invalid": "", "council_members": "9"}
    values, errors = sf.check(shown, {"ballots_returned": "9"})
    assert not values and [e.key for e in errors] == ["ballots_returned"]
    assert "“Số phiếu thu về” nhiều hơn “Số thành viên có mặt khi bỏ phiếu”" in errors[0].message
    values, errors = sf.check(shown, {"ballots_returned": "8", "ballots_invalid": "9"})
    assert [e.key for e in errors] == ["ballots_invalid"]
    assert sf.check(shown, {"ballots_returned": "8", "ballots_invalid": "1"}) == (
        {"ballots_returned": "8", "ballots_invalid": "1"},
        [],
    )

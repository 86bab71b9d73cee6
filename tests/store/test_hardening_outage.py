"""When the data source fails, the last good data stays on screen with a warning, and writes are refused cleanly."""

from services.store import BackendUnavailable
from services.store.workbook import WorkbookStore
from tests.apptest_helpers import open_app


def test_last_good_data_stays_with_a_warning_and_a_retry(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "data")
    assert not at.warning
    good = seeded_path.read_bytes()
    seeded_path.write_bytes(b"not a workbook")
    at.button(key="sidebar_refresh").click().run()
    assert not at.exception
    assert any("Không kết nối được nguồn dữ liệu" in w.value for w in at.warning)
    assert at.title[0].value == "Dữ liệu"
    assert 63 in set(at.dataframe[0].value["Số dòng"])  # the last good counts are still shown
    seeded_path.write_bytes(good)
    at.button(key="data_retry").click().run()
    assert not at.warning


def test_a_broken_file_is_a_clear_error_not_a_crash(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"\x00\x01 not a zip")
    store = WorkbookStore(path)
    for call in (store.load, lambda: store.update_row("attendees", "DB-001", {"note": "x"}, {})):
        try:
            call()
        except BackendUnavailable as exc:
            assert "Không" in str(exc)
        else:
            raise AssertionError("expected BackendUnavailable")

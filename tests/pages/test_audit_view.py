"""The Dữ liệu page's change log: newest first, filters, and what the store logged."""

import pandas as pd

from services.edits.audit import latest_entries
from services.store.workbook import WorkbookStore
from tests.apptest_helpers import open_app

LOG = pd.DataFrame(
    {
        "time": ["16/12/2026 07:00:00", "16/12/2026 07:05:00", "16/12/2026 07:05:00", "không rõ"],
        "user": ["vp", "bàn 1", "bàn 2", "vp"],
        "tab": ["Đại biểu", "Đại biểu", "Đề cử", "Nhiệm vụ"],
        "row_id": ["DB-001", "DB-002", "DC-001", "NV-001"],
        "field": ["Ghế", "Có mặt", "Trạng thái", "Tiến độ %"],
        "old": ["", "", "đang xét", "10"],
        "new": ["A1", "16/12/2026 07:05:00", "đã duyệt", "20"],
    }
)


def test_newest_first_and_unreadable_times_last():
    assert list(latest_entries(LOG)["row_id"]) == ["DC-001", "DB-002", "DB-001", "NV-001"]


def test_filters_combine():
    assert list(latest_entries(LOG, tabs=["Đại biểu"])["row_id"]) == ["DB-002", "DB-001"]
    assert list(latest_entries(LOG, users=["vp"], row_id="nv-001")["row_id"]) == ["NV-001"]
    assert latest_entries(LOG, limit=1).shape[0] == 1


def test_data_page_shows_the_change_the_store_logged(seeded_path, monkeypatch):
    WorkbookStore(seeded_path).update_row("attendees", "DB-003", {"seat": "C7"}, {"seat": ""}, user="vp@skhcn")
    at = open_app(seeded_path, monkeypatch, "data")
    log = at.dataframe[-1].value
    assert list(log.iloc[0][["Người dùng", "Mã", "Trường", "Giá trị mới"]]) == ["vp@skhcn", "DB-003", "Ghế", "C7"]

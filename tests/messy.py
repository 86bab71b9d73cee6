"""A deliberately messy workbook: what staff really type, with the exact problems validation must report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from services.schema import ATTENDEES, AWARDS, BUDGET, NOMINATIONS, PROGRAMME, SETTINGS, TASKS, UNITS
from services.setup.seed import seed_rows
from tests.conftest import FIXED_TODAY, write_workbook


def _rows(tab, records):
    return [tab.headers] + [[r.get(c.key, "") for c in tab.columns] for r in records]


def build_messy_workbook(path: Path) -> Path:
    seed = seed_rows(FIXED_TODAY)
    settings = seed["settings"]
    for s in settings:
        if s["id"] == "event_date":
            s["value"] = "16/12/2026"
    tasks = [
        TASKS.headers,
        ["NV-001", "Kế hoạch", "Văn phòng Sở", "Chánh VP", "01/12/2026", "hoàn thành", "100", "", ""],
        ["NV-002", "Báo cáo", "Văn phòng Sở", "", "2026-12-01", "Đang làm", "50%", "", ""],
        ["NV-003", "Gửi hồ sơ", "Văn phòng Sở", "", "T-15", "chưa làm", "", "", ""],
        ["NV-004", "In giấy khen", "Văn phòng Sở", "", 46370, "chưa làm", "", "", ""],  # a serial typed as a number
        ["NV-005", "Khánh tiết", "Văn phòng Sở", "", "46371", "chưa làm", "", "", ""],  # a serial typed as text
        ["NV-006", "Văn nghệ", "Công đoàn", "", "hôm qua", "xong", "", "", ""],
        [None] * 9,  # a blank line left between rows
        ["NV-003", "Trùng mã", "Văn phòng Sở", "", "31/02/2026", "chưa làm", "120", "", ""],
        ["", "Không có mã", "Văn phòng Sở", "", datetime(2026, 12, 10), "chưa làm", "", "", ""],
    ]
    attendees = [
        [*ATTENDEES.headers, "Ghi chú riêng của phòng"],  # staff's own extra column
        [
            "DB-001",
            "Nguyễn Văn An",
            "Nam",
            "Chuyên viên",
            "Văn phòng Sở",
            "công chức",
            "",
            "",
            "tham dự",
            "",
            "",
            "",
            "giữ nguyên",
        ],
        ["DB-002", "", "Nữ", "", "Văn phòng Sở", "viên chức", "", "", "chưa phản hồi", "", "", "", ""],
        [
            "DB-003",
            "Hoàng Thị Hoà",
            "Nữ",
            "",
            "Văn phòng Sở",
            "khách",
            "",
            "",
            "tham dự",
            "25/11/2026 08:05",
            "",
            "",
            "",
        ],
    ]
    nominations = [
        NOMINATIONS.headers,
        [
            "DC-001",
            "cá nhân",
            "Nguyễn Văn An",
            "Nam",
            "Kinh",
            "",
            "",
            "Lao động tiên tiến",
            "",
            "",
            "đã duyệt",
            "",
            "",
            "",
            "x",
            "",
            "",
            "✓",
            "",
            "",
        ],
        [
            "DC-002",
            "tập thể",
            "Văn phòng Sở",
            "",
            "",
            "",
            "",
            "Tập thể lao động tiên tiến",
            "",
            "",
            "đã duyệt",
            "8",
            "9",
            "",
            "có",
            "",
            "",
            "không",
            "",
            "",
        ],
        [
            "DC-003",
            "cá nhân",
            "Lý Thị Mai",
            "Nữ",
            "Tày",
            "",
            "",
            "Chiến sĩ thi đua cơ sở",
            "",
            "",
            "chờ",
            "8",
            "9",
            "",
            "maybe",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    budget = [
        BUDGET.headers,
        ["KP-01", "Khánh tiết", "5.000.000", "4,800,000", ""],
        ["KP-02", "In ấn", "3 000 000 ₫", "một triệu", ""],
    ]
    return write_workbook(
        path,
        {
            SETTINGS.title: _rows(SETTINGS, settings),
            UNITS.title: _rows(UNITS, seed["units"]),
            ATTENDEES.title: attendees,
            NOMINATIONS.title: nominations,
            AWARDS.title: _rows(AWARDS, seed["awards"]),
            TASKS.title: tasks,
            PROGRAMME.title: _rows(PROGRAMME, seed["programme"]),
            BUDGET.title: budget,
            # no "Nhật ký" tab at all
            "Ghi chép riêng": [["Tab của nhân viên"], ["không được đụng vào"]],
        },
    )


# (reference, value, severity) — the exact problem list validation must produce, in order.
EXPECTED_PROBLEMS = [
    ("'Đại biểu'!B3", "", "error"),
    ("'Đại biểu'!F4", "khách", "error"),
    ("'Đề cử'!K4", "chờ", "error"),
    ("'Đề cử'!O4", "maybe", "error"),
    ("'Nhiệm vụ'!E7", "hôm qua", "error"),
    ("'Nhiệm vụ'!F7", "xong", "error"),
    ("'Nhiệm vụ'!E9", "31/02/2026", "error"),
    ("'Nhiệm vụ'!G9", "120", "error"),
    ("'Nhiệm vụ'!A9", "NV-003", "error"),
    ("'Nhiệm vụ'!A10", "", "error"),
    ("'Kinh phí'!D3", "một triệu", "error"),
    ("'Khen thưởng 2020–2025'", "", "warning"),  # an optional tab: the app works without it
    ("'Nhật ký'", "", "error"),
]

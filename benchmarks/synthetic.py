"""Synthetic conference workbooks of any size for benchmarks: `make_workbook(path, attendees, nominations, tasks)`.

Settings, units, award forms, programme and budget come from the seeded plan (event on 16/12/2026, i.e. `seed_rows`
with today = 25/11/2026); attendees, nominations and tasks are generated deterministically (fixed random seed) with
the value mix staff produce: every RSVP state, every nomination status, dues as dates and as T-n rules, some blank
cells. Written with openpyxl's write-only mode so 20,000 rows take a couple of seconds.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from services.awards.honours import DEFAULT_AWARD_ROWS
from services.parsing import format_date
from services.schema import (
    ATTENDEE_GROUPS,
    ATTENDEES,
    AUDIT,
    AWARDS,
    BUDGET,
    HISTORY,
    NOMINATION_STATUS,
    NOMINATIONS,
    PROGRAMME,
    RSVP,
    SETTINGS,
    TASK_STATUS,
    TASKS,
    UNITS,
    Tab,
)
from services.setup.seed import UNITS as UNIT_ROWS
from services.setup.seed import seed_rows

TODAY = date(2026, 11, 25)
SEED = 20251216


def _name(rng: random.Random, n: int) -> str:
    family = rng.choice(["Nguyễn", "Hoàng", "Lương", "Vi", "Lăng", "Nông", "Lý", "Trần", "Đinh", "Triệu"])
    middle = rng.choice(["Văn", "Thị", "Đức", "Thu", "Minh", "Hồng"])
    given = rng.choice(["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Nam", "Sơn", "Yến"])
    return f"{family} {middle} {given} {n}"


def attendee_rows(count: int, rng: random.Random) -> list[dict[str, str]]:
    units = [u[1] for u in UNIT_ROWS]
    return [
        {
            "id": f"DB-{i:05d}",
            "name": _name(rng, i),
            "gender": rng.choice(["Nam", "Nữ"]),
            "position": rng.choice(["Chuyên viên", "Trưởng phòng", "Nhân viên", ""]),
            "unit": rng.choice(units),
            "group": rng.choice(ATTENDEE_GROUPS),
            "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
            "rsvp": rng.choices(RSVP, weights=[3, 6, 1])[0],
        }
        for i in range(1, count + 1)
    ]


def nomination_rows(count: int, rng: random.Random) -> list[dict[str, str]]:
    units = [u[1] for u in UNIT_ROWS]
    awards = [a[0] for a in DEFAULT_AWARD_ROWS]
    rows = []
    for i in range(1, count + 1):
        collective = rng.random() < 0.2
        status = rng.choice(NOMINATION_STATUS)
        rows.append(
            {
                "id": f"DC-{i:05d}",
                "kind": "tập thể" if collective else "cá nhân",
                "name": rng.choice(units) if collective else _name(rng, i),
                "unit": rng.choice(units),
                "award": rng.choice(awards),
                "status": status,
                "votes_yes": str(rng.randint(5, 9)) if status != "đề xuất" else "",
                "votes_total": "9" if status != "đề xuất" else "",
            }
        )
    return rows


def task_rows(count: int, rng: random.Random, event_day: date) -> list[dict[str, str]]:
    units = [u[1] for u in UNIT_ROWS[1:9]]
    rows = []
    for i in range(1, count + 1):
        status = rng.choice(TASK_STATUS)
        due = (
            f"T-{rng.randint(1, 40)}" if rng.random() < 0.5 else format_date(event_day - timedelta(rng.randint(0, 45)))
        )
        rows.append(
            {
                "id": f"NV-{i:04d}",
                "task": f"Nhiệm vụ chuẩn bị số {i}",
                "unit": rng.choice(units),
                "owner": rng.choice(["Chánh Văn phòng", "Chuyên viên thi đua", "Kế toán", ""]),
                "due": due,
                "status": status,
                "progress": {"hoàn thành": "100", "chưa làm": "0"}.get(status, str(rng.randint(1, 9) * 10)),
            }
        )
    return rows


def history_rows(count: int, rng: random.Random) -> list[dict[str, str]]:
    """Past award decisions 2020–2025 as staff paste them: mostly individuals, a few forms the awards tab lacks,
    about one row in fifty with a year typed so that it cannot be read."""
    units = [u[1] for u in UNIT_ROWS]
    awards = [a[0] for a in DEFAULT_AWARD_ROWS] + ["Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ"]
    rows = []
    for i in range(1, count + 1):
        collective = rng.random() < 0.25
        year = rng.randint(2020, 2025)
        rows.append(
            {
                "year": f"năm {year}?" if rng.random() < 0.02 else str(year),
                "award": rng.choice(awards),
                "kind": "tập thể" if collective else "cá nhân",
                "name": rng.choice(units) if collective else _name(rng, i),
                "unit": rng.choice(units),
                "decision": f"{rng.randint(1, 999)}/QĐ-UBND",
            }
        )
    return rows


def _write(wb: Workbook, tab: Tab, rows: list[dict[str, str]]) -> None:
    ws = wb.create_sheet(tab.title)
    ws.append(tab.headers)
    keys = [c.key for c in tab.columns]
    for row in rows:
        ws.append([row.get(k, "") for k in keys])


def make_workbook(path: str | Path, attendees: int, nominations: int, tasks: int, history: int = 0) -> Path:
    """Write a complete conference workbook with this many attendees, nominations and tasks; returns the path.
    `history` > 0 adds the optional `Khen thưởng 2020–2025` tab with that many past award rows."""
    path = Path(path)
    rng = random.Random(SEED)
    seed = seed_rows(TODAY)
    event_day = TODAY + timedelta(days=21)
    wb = Workbook(write_only=True)
    _write(wb, SETTINGS, seed["settings"])
    _write(wb, UNITS, seed["units"])
    _write(wb, ATTENDEES, attendee_rows(attendees, rng))
    _write(wb, NOMINATIONS, nomination_rows(nominations, rng))
    _write(wb, AWARDS, seed["awards"])
    _write(wb, TASKS, task_rows(tasks, rng, event_day))
    _write(wb, PROGRAMME, seed["programme"])
    _write(wb, BUDGET, seed["budget"])
    if history:
        _write(wb, HISTORY, history_rows(history, random.Random(SEED + 1)))
    _write(wb, AUDIT, [])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path

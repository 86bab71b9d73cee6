"""Units of a province for the council's tests and benchmark: the seeded data, each unit's people renamed so every
unit's delegates and proposals are its own, the conference `days` after `today` (the seed's 21 by default)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from services.parsing import format_date
from services.schema import SETTING_BY_KEY, TaskStatus
from services.setup.seed import seed_rows
from services.store.workbook import WorkbookStore

SUBMISSION_TASK = "NV-004"  # the seed's "Gửi Kế hoạch, … về Hội đồng Thi đua - Khen thưởng tỉnh", due T-15


def unit_rows(
    code: str, today: date, days: int | None = None, sent_on: date | None = None, task_done: bool = False
) -> dict:
    """`task_done`: the task that sends the dossier is marked Hoàn thành (the day not typed)."""
    rows = seed_rows(today)
    for row in rows["nominations"]:
        row["name"] = f"{row['name']} {code}"
    for row in rows["settings"]:
        if row["id"] == "event_date" and days is not None:
            row["value"] = format_date(today + timedelta(days=days))
    if sent_on is not None:
        label = SETTING_BY_KEY["dossier_sent_date"].label
        rows["settings"].append({"id": "dossier_sent_date", "label": label, "value": format_date(sent_on)})
    for row in rows["tasks"]:
        if task_done and row["id"] == SUBMISSION_TASK:
            row["status"], row["progress"] = str(TaskStatus.DONE), "100"
    return rows


def unit_workbook(path: Path, code: str, today: date, days: int | None = None, sent_on: date | None = None) -> Path:
    WorkbookStore(path, seed=lambda: unit_rows(code, today, days, sent_on)).load()
    return path

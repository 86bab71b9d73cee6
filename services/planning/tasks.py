"""The preparation tasks as the Nhiệm vụ page lists and edits them: deadlines as staff wrote them next to the date they
mean, filters, and the rows a form may write."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from services.display.formatting import short_date
from services.edits.row_edits import changed_cells
from services.i18n import t
from services.parsing import CellError, parse_number, parse_relative_days, resolve_due
from services.planning.readiness import DONE, calendar_day
from services.schema import TASK_STATUS


class TaskInputError(ValueError):
    """Something typed into a task form that cannot be stored; the message is Vietnamese."""


def due_label(text: object, due: object) -> str:
    """'T-15 (01/12/2026)' for a rule, '01/12/2026' for a date, the text itself if it cannot be read."""
    text = str(text or "").strip()
    day = calendar_day(due)
    if parse_relative_days(text) is not None:
        return f"{text} ({short_date(day)})" if day else text
    return short_date(day) if day else text


def task_table(tasks: pd.DataFrame, raw: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per task for display: id, task, unit, owner, due (rule + date), status, progress, days_left."""
    columns = ["id", "task", "unit", "owner", "due", "status", "progress", "days_left"]
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    days_left = [
        None if (d := calendar_day(v)) is None or s == DONE else (d - today).days
        for v, s in zip(tasks["due"], tasks["status"], strict=True)
    ]
    return pd.DataFrame(
        {
            "id": tasks.index.astype(str),
            "task": tasks["task"].to_numpy(),
            "unit": tasks["unit"].to_numpy(),
            "owner": tasks["owner"].to_numpy(),
            "due": [due_label(raw["due"].get(i, ""), d) for i, d in tasks["due"].items()],
            "status": [s or raw["status"].get(i, "") for i, s in tasks["status"].items()],
            "progress": tasks["progress"].to_numpy(),
            "days_left": pd.array(days_left, dtype="Int64"),
        },
        columns=columns,
    )


def filter_options(table: pd.DataFrame, column: str) -> list[str]:
    """The values a filter offers: every non-blank value of the column, sorted."""
    return sorted({v for v in table[column] if v})


def filtered(table: pd.DataFrame, chosen: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Rows matching every filter that has a choice (no choice = no filter)."""
    for column, values in chosen.items():
        if values:
            table = table[table[column].isin(values)]
    return table


def check_due(text: str, event_date: date | None) -> None:
    """Raise TaskInputError unless `text` is blank, a date staff would type, or a rule such as T-15."""

    text = text.strip()
    if not text:
        return
    try:
        resolve_due(text, event_date)
    except CellError as exc:
        raise TaskInputError(f"Hạn “{text}”: {exc}. Nhập dd/mm/yyyy hoặc T-15.") from None


def shown_status(status: object) -> str:
    """A blank Trạng thái is a task not started yet."""
    return str(status or "") or TASK_STATUS[0]


def shown_progress(text: str) -> int:
    """The Tiến độ % a form starts from: the typed number within 0–100, 0 if blank or unreadable."""
    try:
        progress = parse_number(text) or 0
    except ValueError:
        progress = 0
    return min(100, max(0, progress))


def edit_changes(seen: Mapping[str, str], edited: Mapping[str, object], event_date: date | None) -> dict[str, str]:
    """The cells an edit writes (only those that changed); TaskInputError if the due cannot be read."""
    check_due(str(edited.get("due", "")), event_date)
    return changed_cells(seen, edited)


def new_task(values: Mapping[str, str], event_date: date | None, lang: str = "vi") -> dict[str, str]:
    """The row of a new task, progress set from its status; TaskInputError if it has no name or an unreadable due."""
    if not values.get("task", "").strip():
        raise TaskInputError(t("tasks.add.missing", lang))
    check_due(values.get("due", ""), event_date)
    return {**values, "progress": "100" if values.get("status") == DONE else "0"}

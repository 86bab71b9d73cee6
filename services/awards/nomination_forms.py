"""What the Khen thưởng page's forms write: nomination rows and edits, talks, delegates, proofreading — checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

import pandas as pd

from services.awards import honours, law
from services.awards.honours import PROPOSED, AwardType, HonoursError
from services.schema import GENDERS, NOMINEE_KINDS, SETTING_BY_KEY, Group
from services.text import tidy
from services.validation import Dataset

FORM_FIELDS = (
    "kind",
    "name",
    "gender",
    "ethnicity",
    "position",
    "unit",
    "award",
    "achievement",
    "proposer",
    "members",
    "note",
)
PRINTED_FIELDS = ("name", "position", "unit", "award")  # what the proofread mark vouches for
YES = "có"


def award_names(forms: dict[str, AwardType], kind: str = "") -> list[str]:
    """Award forms for a nominee kind (all when blank), highest rank first."""
    return [f.name for f in sorted(forms.values(), key=lambda f: f.rank) if not kind or f.subject in ("", kind)]


# A new nomination starts on the form the Director may give for the conference's period (law.GIAY_KHEN): a yearly
# title such as Lao động tiên tiến is refused at a period conference, so it would be a default the user must change.
NEW_DEFAULTS = {"kind": honours.INDIVIDUAL, "award": law.GIAY_KHEN}


def form_choices(forms: dict[str, AwardType]) -> dict[str, tuple[str, ...]]:
    """The fixed choices of the nomination form."""
    return {"kind": NOMINEE_KINDS, "award": tuple(award_names(forms)), "gender": ("", *GENDERS)}


def form_values(seen: Mapping[str, object]) -> dict[str, str]:
    """What the form shows: the row as the user saw it, or the defaults for a new nomination."""
    defaults = NEW_DEFAULTS if len(seen) == 0 else {}
    return {k: str(seen.get(k, "") or defaults.get(k, "")) for k in FORM_FIELDS}


def _checked(values: Mapping[str, object], forms: dict[str, AwardType]) -> dict[str, str]:
    row = {k: tidy(values.get(k, "")) for k in FORM_FIELDS}
    if row["kind"] not in NOMINEE_KINDS:
        raise HonoursError(f"Loại đề cử phải là {' hoặc '.join(NOMINEE_KINDS)}.")
    if not row["name"]:
        raise HonoursError("Chưa nhập tên cá nhân / tập thể được đề cử.")
    if row["gender"] and row["gender"] not in GENDERS:
        raise HonoursError(f"Giới tính phải là {' hoặc '.join(GENDERS)}.")
    form = honours.find_award(forms, row["award"])
    if form is None:
        raise HonoursError(f"Hình thức khen thưởng “{row['award']}” không có trong danh mục.")
    if form.subject and form.subject != row["kind"]:
        raise HonoursError(f"“{form.name}” chỉ dành cho {form.subject}.")
    row["award"] = form.name
    if row["kind"] == honours.COLLECTIVE:
        row["gender"] = ""  # a collective has no gender; keeps the delegate statistics honest
    return row


def new_nomination(values: Mapping[str, object], forms: dict[str, AwardType]) -> dict[str, str]:
    """A new nomination row (status "đề xuất"); HonoursError with the reason if the form is incomplete."""
    return {**_checked(values, forms), "status": PROPOSED}


def edit_changes(dataset: Dataset, row_id: str, values: Mapping[str, object]) -> dict[str, str]:
    """Only the cells that change; editing a printed field clears "đã rà soát" so it gets checked again."""
    row = _checked(values, honours.award_forms(dataset))
    seen = dataset.raw["nominations"].loc[row_id]
    changes = {k: v for k, v in row.items() if v != str(seen.get(k, ""))}
    if any(k in changes for k in PRINTED_FIELDS) and str(seen.get("proofread", "")).strip():
        changes["proofread"] = ""
    return changes


def labels(dataset: Dataset) -> dict[str, str]:
    """Every nomination's picker label, built once per draw (pickers call their label function per option).

    No status in the label: a label that changes with the status makes Streamlit treat the selectbox as a new
    widget and jump back to the first nomination (found by the e2e vote test).
    """
    frame = dataset.frames["nominations"]
    return {
        row_id: f"{row_id} · {name} — {award}"
        for row_id, name, award in zip(frame.index, frame["name"], frame["award"], strict=True)
    }


def nomination_table(dataset: Dataset, votes: Mapping[str, honours.VoteResult] | None = None) -> pd.DataFrame:
    """Every nomination with its vote verdict, for the list on the page (keys as columns).

    `votes`: the dataset's nomination_votes when the caller has them already."""
    frame = dataset.frames["nominations"]
    table = frame[["kind", "name", "unit", "award", "status", "votes_yes", "votes_total", "decision_no"]].copy()
    table.insert(0, "id", frame.index)
    votes = honours.nomination_votes(dataset) if votes is None else votes
    table["vote"] = [votes[i].reason for i in frame.index]
    return table


def talk_changes(dataset: Dataset, row_id: str, title: str) -> dict[str, str]:
    row = dataset.frames["nominations"].loc[row_id]
    if row["status"] == honours.REJECTED and tidy(title):
        raise HonoursError(f"{row['name']}: đề cử không được duyệt — không thể trình bày tham luận.")
    return {"talk_title": tidy(title)}


def delegate_plan(
    dataset: Dataset, honoree_ids: Iterable[str], staff_ids: Iterable[str]
) -> tuple[dict[str, dict[str, str]], str]:
    """(delegate cell changes per nomination, the staff setting's new value), or HonoursError over the quota."""
    honoree_ids, staff_ids = list(dict.fromkeys(honoree_ids)), list(dict.fromkeys(staff_ids))
    honours.check_delegate_quota(len(honoree_ids) + len(staff_ids), dataset.settings.delegate_quota)
    frame = dataset.frames["nominations"]
    changes: dict[str, dict[str, str]] = {}
    for row_id, row in frame.iterrows():
        wanted = row_id in honoree_ids
        if wanted and (row["status"] != honours.APPROVED or row["kind"] != honours.INDIVIDUAL):
            raise HonoursError(f"{row['name']}: chỉ cá nhân đã được duyệt mới dự Đại hội cấp trên.")
        if wanted != bool(row["delegate"]):
            changes[cast(str, row_id)] = {"delegate": YES if wanted else ""}  # nominations are indexed by their text ID
    return changes, ", ".join(staff_ids)


def delegate_candidates(dataset: Dataset, order: pd.DataFrame | None = None) -> dict[str, str]:
    """id → label of who may be chosen: approved individual honorees (DC-…) and staff (DB-…).

    `order`: the dataset's honoree_order when the caller has it already. Columns, not rows (20,000 staff)."""
    order = honours.honoree_order(dataset) if order is None else order
    people = order[order["kind"] == honours.INDIVIDUAL]
    staff = dataset.frames["attendees"]
    staff = staff[
        staff["group"].isin((Group.DEPARTMENT_LEADERS, Group.CIVIL_SERVANT, Group.PUBLIC_EMPLOYEE, Group.WORKER))
    ]
    honorees = zip(people.index, people["name"].tolist(), people["award"].tolist(), strict=True)
    workers = zip(staff.index, staff["name"].tolist(), staff["position"].tolist(), staff["unit"].tolist(), strict=True)
    return {i: f"{name} — {award}" for i, name, award in honorees} | {
        i: f"{name} — {position}, {unit}" for i, name, position, unit in workers
    }


def setting_row(key: str, value: str) -> dict[str, str]:
    """A settings row for a key the sheet does not have yet (older workbooks)."""
    return {"id": key, "label": SETTING_BY_KEY[key].label, "value": value}


def proofread_changes(dataset: Dataset, marks: Mapping[str, bool]) -> dict[str, dict[str, str]]:
    """Cells to write for the proofread marks the editor changed (only those that differ from the sheet)."""
    frame = dataset.frames["nominations"]
    return {
        row_id: {"proofread": YES if mark else ""}
        for row_id, mark in marks.items()
        if row_id in frame.index and bool(frame.loc[row_id, "proofread"]) != bool(mark)
    }

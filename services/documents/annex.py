"""Phụ lục of the 2020–2025 summary report: how many individuals and collectives received each award form, per year,
counted from the decisions staff paste into the `Khen thưởng 2020–2025` tab.

`annex_counts` is the table as numbers (for the page and the tests); `annex` prints it. A row that cannot be counted
(unreadable year, unknown kind, no award form) is never dropped silently: it is named, by sheet row, under the table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import cast

import pandas as pd

from services.awards import honours
from services.documents.decree import draft_number
from services.documents.model import Doc, GroupRow, Letterhead, Para, Table, TableColumn, Title
from services.documents.text import keep_together
from services.schema import HISTORY
from services.text import match_key, sort_key, tidy
from services.validation import Dataset

PERIOD = tuple(range(2020, 2026))  # always shown, even a year without any award
PERIOD_TEXT = "2020 - 2025"
TOTAL = "Tổng cộng"
KINDS = (honours.INDIVIDUAL, honours.COLLECTIVE)
KIND_HEADINGS = {honours.INDIVIDUAL: "CÁ NHÂN", honours.COLLECTIVE: "TẬP THỂ"}
ROMAN = ("I", "II")

# Why a row was left out of the counts: the attrs key of `annex_counts` and the words of the note.
NO_YEAR, NO_KIND, NO_AWARD = "không rõ năm", "không rõ loại", "không rõ hình thức"
SKIP_REASONS = (
    (NO_YEAR, "không đọc được năm"),
    (NO_AWARD, "thiếu hình thức khen thưởng"),
    (NO_KIND, "không rõ cá nhân hay tập thể"),
)
MAX_ROWS_NAMED = 10
PORTRAIT_YEARS = 7  # more year columns than this and the table goes landscape


@dataclass(frozen=True)
class _Form:
    name: str  # as printed
    order: tuple[object, ...]


def _forms(data: Dataset, awards: pd.Series) -> dict[str, _Form]:
    """Each award form of the history rows by its match key: the awards tab's forms by rank (their canonical names),
    then the forms the tab does not know, alphabetically, spelt as first typed."""
    known = honours.award_forms(data)
    forms: dict[str, _Form] = {}
    for award in awards:
        key = match_key(award)
        if key in forms:
            continue
        form = known.get(key)
        if form is not None:
            forms[key] = _Form(form.name, (0, form.rank, sort_key(form.name)))
        else:
            forms[key] = _Form(award, (1, 0, sort_key(award)))
    return forms


def _history(data: Dataset) -> pd.DataFrame:
    """The history rows with a tidy award, a kind (inferred from a one-kind form when blank) and the reason a row
    cannot be counted ("" when it can)."""
    frame = data.frames["history"]
    known = honours.award_forms(data)
    awards = [tidy(a, one_line=True) for a in frame["award"]]
    kinds = []
    for award, kind in zip(awards, frame["kind"], strict=True):
        kind = tidy(kind)
        if kind not in KINDS:
            form = known.get(match_key(award)) if award else None
            kind = form.subject if form is not None and form.subject in KINDS else ""
        kinds.append(kind)
    reasons = [
        NO_YEAR if pd.isna(year) else NO_AWARD if not award else NO_KIND if not kind else ""
        for year, award, kind in zip(frame["year"], awards, kinds, strict=True)
    ]
    return pd.DataFrame(
        {
            "year": frame["year"].astype("Int64").array,  # by position, as the lists beside it
            "award": awards,
            "kind": kinds,
            "reason": reasons,
            "row": [int(r) for r in frame["_row"]] if "_row" in frame else list(range(2, len(frame) + 2)),
        }
    )


def count_of(counts: pd.DataFrame, form: str, year: int | str, kind: str) -> int:
    """One cell of `annex_counts`: the awards of this form (or TOTAL) and kind in this year (or in TOTAL)."""
    return int(cast(int, counts.at[form, (year, kind)]))  # the table is int64 throughout


def annex_counts(data: Dataset) -> pd.DataFrame:
    """Awards per form (rows, highest form first, forms the awards tab does not know after them alphabetically, then
    the "Tổng cộng" row) and per year (columns: a MultiIndex (year, kind) with kind "cá nhân" / "tập thể", the years
    2020–2025 and any other year found, sorted, then ("Tổng cộng", kind)).

    Rows that cannot be counted are left out of every cell and listed in `attrs["skipped"]`: {reason: [sheet rows]}
    for the reasons "không rõ năm", "không rõ hình thức", "không rõ loại" (see `skipped_notes`)."""
    rows = _history(data)
    counted = rows[rows["reason"] == ""]
    forms = _forms(data, counted["award"])
    years = sorted(set(PERIOD) | {int(y) for y in counted["year"]})
    columns = pd.MultiIndex.from_tuples(
        [(y, k) for y in years for k in KINDS] + [(TOTAL, k) for k in KINDS], names=["Năm", "Loại"]
    )
    order = sorted(forms, key=lambda key: forms[key].order)
    table = pd.DataFrame(0, index=[forms[key].name for key in order], columns=columns, dtype="int64")
    table.index.name = "Hình thức khen thưởng"
    names = {key: forms[key].name for key in order}
    groups = counted.groupby([counted["award"].map(match_key), counted["year"].astype(int), counted["kind"]]).size()
    tally: Counter[tuple[str, tuple[int, str]]] = Counter()
    for key, n in groups.items():
        award, year, kind = cast(tuple[str, int, str], key)
        tally[(names[award], (year, kind))] += int(n)
    for (name, column), n in tally.items():
        table.at[name, column] = n
    for kind in KINDS:
        table[(TOTAL, kind)] = table.loc[:, [(y, kind) for y in years]].sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    table = table.astype("int64")
    table.attrs["skipped"] = {
        reason: [int(r) for r in rows.loc[rows["reason"] == reason, "row"]]
        for reason, _ in SKIP_REASONS
        if (rows["reason"] == reason).any()
    }
    table.attrs["counted"] = len(counted)
    return table


def skipped_notes(counts: pd.DataFrame) -> list[str]:
    """One sentence per reason a row was left out: "Không rõ năm: 2 dòng (dòng 3, 7) … chưa tính vào bảng …"."""
    notes = []
    for reason, words in SKIP_REASONS:
        sheet_rows = counts.attrs.get("skipped", {}).get(reason)
        if not sheet_rows:
            continue
        named = ", ".join(str(r) for r in sheet_rows[:MAX_ROWS_NAMED]) + (
            ", …" if len(sheet_rows) > MAX_ROWS_NAMED else ""
        )
        notes.append(
            f"{reason.capitalize()}: {len(sheet_rows)} dòng (dòng {named}) trên trang “{HISTORY.title}” {words}, "
            "chưa tính vào bảng; đề nghị kiểm tra, bổ sung."
        )
    return notes


def years_of(counts: pd.DataFrame) -> list[int]:
    return [y for y in dict.fromkeys(counts.columns.get_level_values(0)) if y != TOTAL]


def annex_rows(counts: pd.DataFrame) -> list[list[str] | GroupRow]:
    """I. CÁ NHÂN / II. TẬP THỂ, each with its forms (STT restarting) and a "Cộng" line; then the grand total."""
    years = years_of(counts)
    forms = counts.drop(index=TOTAL)
    rows: list[list[str] | GroupRow] = []
    part = 0
    for kind in KINDS:
        members = forms[forms[(TOTAL, kind)] > 0]
        if members.empty:
            continue
        rows.append(GroupRow(f"{ROMAN[part]}. {KIND_HEADINGS[kind]}"))
        part += 1
        for n, (name, r) in enumerate(members.iterrows(), start=1):
            rows.append([str(n), str(name), *(str(r[(y, kind)]) for y in years), str(r[(TOTAL, kind)])])
        total = counts.loc[TOTAL]
        rows.append(["", f"Cộng {KIND_HEADINGS[kind].lower()}", *(str(total[(y, kind)]) for y in years),
                     str(total[(TOTAL, kind)])])  # fmt: skip
    total = counts.loc[TOTAL]
    rows.append(
        ["", TOTAL, *(str(sum(count_of(counts, TOTAL, y, k) for k in KINDS)) for y in years),
         str(sum(count_of(counts, TOTAL, TOTAL, k) for k in KINDS))]
    )  # fmt: skip
    return rows


def annex_columns(years: list[int]) -> tuple[TableColumn, ...]:
    return (
        TableColumn("STT", 12, "C"),
        TableColumn("Hình thức khen thưởng", 56),
        *(TableColumn(f"Năm {y}", 13, "C") for y in years),
        TableColumn("Tổng", 14, "C"),
    )


def annex(data: Dataset, today: date) -> Doc:
    """Phụ lục: Thống kê kết quả khen thưởng giai đoạn 2020 - 2025 (attached to the summary report)."""
    head = Letterhead.from_settings(data.settings)
    counts = annex_counts(data)
    years = years_of(counts)
    doc = Doc(head, landscape=len(years) > PORTRAIT_YEARS, title="Phụ lục thống kê kết quả khen thưởng 2020 - 2025")
    doc.add(
        Title(
            "PHỤ LỤC",
            (keep_together(f"Thống kê kết quả khen thưởng giai đoạn {PERIOD_TEXT}"),),
            attached=keep_together(
                f"(Kèm theo Báo cáo tổng kết phong trào thi đua, công tác khen thưởng giai đoạn {PERIOD_TEXT} "
                f"số{draft_number('BC', head)})"
            ),
        )
    )
    notes = skipped_notes(counts)
    if data.frames["history"].empty:
        headers = ", ".join(HISTORY.headers)
        return doc.para(
            f"Chưa có dữ liệu khen thưởng giai đoạn {PERIOD_TEXT}. Đề nghị dán các quyết định khen thưởng đã ban hành "
            f"vào trang “{HISTORY.title}” của bảng tính, mỗi tập thể, cá nhân một dòng ({headers}), rồi lập lại "
            "phụ lục này.",
            indent=False,
        )
    if counts.attrs["counted"] == 0:
        doc.para(f"Chưa tính được dòng nào trên trang “{HISTORY.title}”.", indent=False)
        for note in notes:
            doc.add(Para(note, style="I"))
        return doc
    people, collectives = (count_of(counts, TOTAL, TOTAL, k) for k in KINDS)
    doc.add(
        Table(annex_columns(years), annex_rows(counts), size=11),
        Para(
            f"Tổng số: {people + collectives} lượt khen thưởng ({people} lượt cá nhân, {collectives} lượt tập thể), "
            f"tổng hợp từ trang “{HISTORY.title}”.",
            style="I",
        ),
    )
    for note in notes:
        doc.add(Para(note, style="I"))
    return doc

"""Column-wise validation gives exactly what the cell-by-cell reference gave: frames, raw text, problems, settings.

The reference below is the cell-by-cell implementation validation.py had before it read whole columns; it stays
here, and only here, as the definition of the expected result. It shares what the rewrite left alone: the parser of
one cell (`_parse`), the header check (`_columns_present`) and the event settings (`_settings`).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from benchmarks.synthetic import make_workbook
from services.parsing import CellError, clean, clean_column
from services.schema import AWARDS, SETTINGS, TABS, Column, Kind, Tab
from services.store.rows import Snapshot, TabData
from services.store.workbook import WorkbookStore
from services.validation import ROW, Dataset, Problem, _columns_present, _parse, _settings, validate

# --- the reference: one cell at a time ------------------------------------------------------


def _reference_frame(tab: Tab, records: list[dict[str, object]], ids: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=[c.key for c in tab.columns] + [ROW])
    for column in tab.columns:
        if column.kind in (Kind.INT, Kind.MONEY, Kind.PERCENT):
            frame[column.key] = pd.array(frame[column.key].tolist(), dtype="Int64")
        elif column.kind == Kind.DECIMAL:
            frame[column.key] = pd.array(frame[column.key].tolist(), dtype="Float64")
        elif column.kind in (Kind.DATE, Kind.DATETIME, Kind.DUE):
            frame[column.key] = pd.to_datetime(frame[column.key].tolist())
        elif column.kind == Kind.BOOL:
            frame[column.key] = frame[column.key].astype(bool)
    if tab.has_id:
        frame.index = pd.Index(ids, name="id")
    return frame


def _reference_tab(tab: Tab, data: TabData | None, event_day: date | None, problems: list[Problem]):
    keys = [c.key for c in tab.columns]
    positions = _columns_present(tab, data, problems)
    if data is None or positions is None:
        return _reference_frame(tab, [], []), pd.DataFrame(columns=keys)
    records: list[dict[str, object]] = []
    raws: list[dict[str, str]] = []
    ids: list[str] = []
    first_row_of: dict[str, int] = {}
    for offset, row in enumerate(data.rows):
        texts = {k: (clean(row[i]) if i < len(row) else "") for k, i in positions.items()}
        if not any(texts.values()):
            continue
        sheet_row = offset + 2
        record: dict[str, object] = {ROW: sheet_row}
        for column in tab.columns:
            text = texts.get(column.key, "")
            ref = f"{get_column_letter(positions[column.key] + 1)}{sheet_row}" if column.key in positions else ""
            if not text:
                if column.required and column.key in positions:
                    problems.append(Problem(data.title, ref, "", f"Thiếu “{column.header}”."))
                record[column.key] = (
                    "" if column.kind in (Kind.TEXT, Kind.ENUM) else (False if column.kind == Kind.BOOL else None)
                )
                continue
            try:
                record[column.key] = _parse(column, text, event_day)
            except CellError as exc:
                problems.append(Problem(data.title, ref, text, str(exc)))
                record[column.key] = (
                    None if column.kind not in (Kind.ENUM, Kind.BOOL) else ("" if column.kind == Kind.ENUM else False)
                )
        typed = texts.get("id", "")
        row_id = typed
        if tab.has_id:
            row_id = unicodedata.normalize("NFKC", typed)  # a full-width "ＤＢ-042" is DB-042 (issue 27)
            if not row_id:
                row_id = f"(dòng {sheet_row})"
            elif row_id in first_row_of:
                ref = f"{get_column_letter(positions['id'] + 1)}{sheet_row}"
                problems.append(
                    Problem(data.title, ref, row_id, f"Mã “{typed}” trùng với dòng {first_row_of[row_id]}.")
                )
                row_id = f"{row_id} (dòng {sheet_row})"
            else:
                first_row_of[row_id] = sheet_row
        ids.append(row_id)
        records.append(record)
        raws.append({k: texts.get(k, "") for k in keys})
    raw = pd.DataFrame.from_records(raws, columns=keys)
    if tab.has_id:
        raw.index = pd.Index(ids, name="id")
    return _reference_frame(tab, records, ids), raw


def reference_validate(snapshot: Snapshot) -> Dataset:
    problems: list[Problem] = []
    event = _settings(snapshot.get(SETTINGS.key), problems)  # unchanged by the column-wise rewrite
    frames, raws = {}, {}
    for tab in TABS:
        frames[tab.key], raws[tab.key] = _reference_tab(tab, snapshot.get(tab.key), event.event_date, problems)
    return Dataset(frames, raws, event, problems, snapshot.loaded_at, snapshot.other_tabs)


# --- comparing two datasets to the last cell ------------------------------------------------


def _cells(values: list[object]) -> list[tuple[type, str]]:
    """Type and repr of each value: None, NaN, NaT and <NA> all differ, and so do 1, 1.0 and True."""
    return [(type(v), repr(v)) for v in values]


def _assert_same_frame(got: pd.DataFrame, want: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True, obj=what)
    assert list(got.columns) == list(want.columns), what
    assert got.dtypes.to_dict() == want.dtypes.to_dict(), what
    assert type(got.index) is type(want.index) and got.index.dtype == want.index.dtype, what
    assert got.index.name == want.index.name and _cells(list(got.index)) == _cells(list(want.index)), what
    for key in want.columns:
        assert _cells(got[key].tolist()) == _cells(want[key].tolist()), f"{what}[{key}]"


def assert_same(snapshot: Snapshot) -> Dataset:
    try:
        want = reference_validate(snapshot)
    except Exception as exc:  # a crash of the reference must stay the same crash
        with pytest.raises(type(exc)):
            validate(snapshot)
        return None  # type: ignore[return-value]
    got = validate(snapshot)
    assert got.problems == want.problems
    assert got.settings == want.settings
    assert (got.loaded_at, got.other_tabs) == (want.loaded_at, want.other_tabs)
    assert list(got.frames) == list(want.frames) and list(got.raw) == list(want.raw)
    for key in want.frames:
        _assert_same_frame(got.frames[key], want.frames[key], f"frames[{key}]")
        _assert_same_frame(got.raw[key], want.raw[key], f"raw[{key}]")
    return got


# --- the workbooks the other tests use ------------------------------------------------------


def test_seeded_workbook(seeded_path):
    assert_same(WorkbookStore(seeded_path).load())


def test_messy_workbook(messy_path):
    dataset = assert_same(WorkbookStore(messy_path).load())
    assert len(dataset.problems) == 13  # the comparison above is not vacuous


@pytest.mark.slow  # a scale run: the benchmark's 300-guest workbook (the seeded one is compared above)
def test_benchmark_workbook(tmp_path: Path):
    assert_same(WorkbookStore(make_workbook(tmp_path / "bench.xlsx", 300, 200, 60)).load())


def test_numbers_beyond_a_columns_bounds_are_problems_not_crashes():
    def awards(rank: str) -> Snapshot:  # rank: a required whole number, 0 – 10.000
        rows = [["HT-1", "A", rank], ["HT-2", "B", ""]]
        return Snapshot(tabs={"awards": TabData(AWARDS.title, AWARDS.headers, rows)})

    dataset = assert_same(awards("10000"))
    assert dataset.frames["awards"]["rank"].iloc[0] == 10_000  # the highest rank allowed is read
    for rank in ("10001", "12345678901234567", "9" * 30, "1e+20", "-1"):  # 9×30 once overflowed Int64
        dataset = assert_same(awards(rank))
        assert dataset is not None, rank  # no exception, from either
        assert pd.isna(dataset.frames["awards"]["rank"].iloc[0]), rank
        assert dataset.frames["awards"]["rank"].dtype == "Int64"
        (problem,) = [p for p in dataset.problems if p.cell == "C2"]
        assert (problem.ref, problem.value) == ("'Hình thức khen thưởng'!C2", rank)
        assert "giới hạn của cột Thứ bậc (0 – 10.000)" in problem.message


def test_empty_tabs_and_a_snapshot_without_tabs():
    assert_same(Snapshot(tabs={}))
    assert_same(Snapshot(tabs={t.key: TabData(t.title, [c.header for c in t.columns], []) for t in TABS}))


# --- hypothesis: messy cells of every kind, in messy tabs -----------------------------------

_TYPED = {
    Kind.DATE: ["16/12/2026", "2026-12-01", "2026-12-01T08:00", "46370", "31/02/2026", "hôm qua", "0", "1.5"],
    Kind.DATETIME: ["25/11/2026 08:05", "25/11/2026 08:05:09", "2026-11-25T08:05:00", "8h30", "25/11/2026", "sáng"],
    Kind.INT: ["1", "1.234", "1,5", " 12 ", "-3", "+4", "12 đ", "50%", "một", "1.234.567", "12345678901234567"],
    Kind.BOOL: ["có", "Có", "x", "✓", "không", "ko", "0", "1", "-", "maybe", "ĐÚNG"],
    Kind.DUE: ["T-15", "t - 3", "T-999", "01/12/2026", "46371", "T-", "T+2"],
}
_TYPED[Kind.MONEY] = [*_TYPED[Kind.INT], "3 000 000 ₫", "5.000.000", "4,800,000", "1\u00a0000 VND"]
_TYPED[Kind.PERCENT] = [*_TYPED[Kind.INT], "100", "101", "0", "-1", "50 %"]
_TYPED[Kind.DECIMAL] = ["0,3", "1.5", "2", "8,0", "1.500", "0,", "-0,5", "1e3"]
_TYPED[Kind.TIME] = ["08:00", "8h", "7g30", "25:00", "0.5"]

# Cells of any kind: random text, controls and padding that clean() removes, accents typed decomposed, non-text.
_ANY = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "\t", "\r\n", "\x00", "DC-001", "DC-001 ", "(dòng 3)", "DC-001 (dòng 3)", "e\x01\u0301"]),
    st.sampled_from(["Hoà", "Hòa", "Hoa\u0300", "hoàn thành", "Đang  làm", "tập thể", "đã duyệt", "Nam", "NỮ"]),
    st.none(),
    st.integers(-5, 46400),
    st.sampled_from([True, 1.0, 46370.0]),
)


def _cells_for(column: Column) -> st.SearchStrategy[object]:
    typed = [*_TYPED.get(column.kind, []), *column.choices, *(c.upper() for c in column.choices)]
    return st.sampled_from(typed) | _ANY if typed else _ANY


@st.composite
def messy_tab(draw, tab: Tab) -> TabData | None:
    if tab.key != "settings" and draw(st.integers(0, 5)) == 0:
        return None  # a missing tab
    columns = [c for c in tab.columns if draw(st.integers(0, 7))]  # now and then a column is missing
    columns = draw(st.permutations(columns)) if draw(st.booleans()) else columns
    header = [c.header.upper() if draw(st.integers(0, 4)) == 0 else c.header for c in columns]
    extra = draw(st.integers(0, len(header)))
    header[extra:extra] = draw(st.lists(st.sampled_from(["", "Cột riêng", columns[0].header if columns else "x"])))
    by_header = {c.header.casefold(): c for c in tab.columns}
    makers = [_cells_for(by_header[h.casefold()]) if h.casefold() in by_header else _ANY for h in header]
    ids = st.sampled_from([f"{tab.id_prefix}-{i:03d}" for i in range(1, 5)]) | _ANY
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        width = draw(st.integers(0, len(header) + 1))  # short rows, and a cell beyond the header
        cells = [draw(ids if h == "Mã" else m) for h, m in zip(header, makers, strict=True)][:width]
        rows.append(cells + ([draw(_ANY)] if width > len(header) else []))
    if rows and draw(st.booleans()):
        rows.insert(draw(st.integers(0, len(rows))), [""] * draw(st.integers(0, len(header))))  # a blank line
    return TabData(title=tab.title, header=header, rows=rows)


@st.composite
def messy_snapshots(draw) -> Snapshot:
    tabs = {tab.key: draw(messy_tab(tab)) for tab in TABS}
    if draw(st.booleans()) and tabs["settings"] is not None:  # the event date drives the T-n deadlines
        day = draw(st.sampled_from(["16/12/2026", "", "hôm nay", "46372"]))
        tabs["settings"] = TabData(SETTINGS.title, ["Mã", "Giá trị"], [["event_date", day], ["capacity", "x"]])
    return Snapshot(tabs={k: v for k, v in tabs.items() if v is not None}, loaded_at=datetime(2026, 11, 25, 8))


@pytest.mark.slow  # a long hypothesis run (~65 s)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_snapshots())
def test_messy_snapshots_validate_as_the_reference_does(snapshot):
    assert_same(snapshot)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANY | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))), max_size=8))
def test_clean_column_is_clean_of_each_cell(values):
    assert clean_column(values) == [clean(v) for v in values]

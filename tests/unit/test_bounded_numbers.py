"""No number can take a page down: every number column and number setting has sane bounds named in the schema, and a
cell outside them (10²⁰, "1E+20", a phone number in a minutes cell, NaN, -5) is a Problem naming its cell — never an
exception in validation, the schedule, the readiness score or `cli check`."""

from __future__ import annotations

import math
from datetime import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

import cli
from services import parsing
from services.parsing import CellError, NumberTooLarge
from services.planning import readiness
from services.planning.schedule import build_schedule
from services.schema import (
    ITEM_MINUTES_BOUNDS,
    MONEY_BOUNDS,
    PERCENT_BOUNDS,
    SETTING_BY_KEY,
    SETTING_DEFS,
    SETTINGS,
    TAB_BY_KEY,
    TABS,
    Column,
    Kind,
    Setting,
    Tab,
)
from services.setup.seed import seed_rows
from services.store.cells import typed
from services.store.memory import MemoryStore
from services.store.rows import Snapshot, TabData
from services.store.workbook import WorkbookStore
from services.validation import NUMBER_KINDS, Dataset, validate
from tests.conftest import FIXED_TODAY, write_workbook

NUMBER_COLUMNS: list[tuple[Tab, Column]] = [(t, c) for t in TABS for c in t.columns if c.kind in NUMBER_KINDS]
BOUNDED_SETTINGS: list[Setting] = [s for s in SETTING_DEFS if s.kind in NUMBER_KINDS]


def _id(item: tuple[Tab, Column]) -> str:
    return f"{item[0].key}.{item[1].key}"


# (cell as written, what it means): texts as staff type them, and real number cells as Excel stores them.
# `None` = no number at all (unreadable); every meaning here but 1500 is outside every column's bounds.
BAD_CELLS: list[tuple[object, float | None]] = [
    ("100000000000000000000", 1e20),
    (10**20, 1e20),  # a real integer cell: the workbook holds it as the float 1e+20
    (1e20, 1e20),
    ("1e20", 1e20),
    ("1E+20", 1e20),
    ("-1E+20", -1e20),
    ("-5", -5),
    (-5, -5),
    ("9" * 30, 1e30),
    ("9" * 5000, math.inf),  # beyond Python's own int() digit limit
    ("NaN", None),
    ("inf", None),
    ("-inf", None),
    ("1,5e3", 1500),
    ("0912345678", 912345678),  # a phone number pasted into the wrong cell
]


def _outside(column: Column, meaning: float | None) -> bool:
    """Must this cell be a Problem? Unreadable, outside the bounds, or in a decimal column (which reads no exponent
    notation, no grouping and at most six whole digits: every one of BAD_CELLS)."""
    if meaning is None or column.kind == Kind.DECIMAL:
        return True
    low, high = column.bounds  # type: ignore[misc]
    return not low <= meaning <= high


def _base_rows() -> dict[str, list[list[object]]]:
    """The seeded workbook's tabs, as rows of cells (header first)."""
    seed = seed_rows(FIXED_TODAY)
    return {t.key: [t.headers] + [[r.get(c.key, "") for c in t.columns] for r in seed[t.key]] for t in TABS}


def _template(tab: Tab, rows: list[list[object]]) -> list[object]:
    """A valid row of this tab to copy: the seed's first, or (an empty tab) one with its required cells filled."""
    if len(rows) > 1:
        return list(rows[1])
    filler = {Kind.INT: 2020, Kind.ENUM: ""}
    return [filler.get(c.kind, "x") if c.required else "" for c in tab.columns]


def _workbook_with(path: Path, tab: Tab, column: Column, cells: list[object]) -> tuple[Path, list[str]]:
    """The seeded workbook plus one row per cell, the cell in `column`; and the A1 reference of each."""
    tabs, refs = _rows_with(tab, column, cells)
    return write_workbook(path, tabs), refs


def _rows_with(tab: Tab, column: Column, cells: list[object]) -> tuple[dict[str, list[list[object]]], list[str]]:
    """The seeded tabs (title → rows, header first) plus one row per cell, the cell in `column`; each one's A1."""
    tabs = _base_rows()
    rows = tabs[tab.key]
    template, at = _template(tab, rows), tab.columns.index(column)
    refs = []
    for i, cell in enumerate(cells):
        row = list(template)
        if tab.has_id:
            row[0] = f"{tab.id_prefix}-X{i:02d}"
        row[at] = cell
        rows.append(row)
        refs.append(f"'{tab.title}'!{get_column_letter(at + 1)}{len(rows)}")
    return {TAB_BY_KEY[k].title: v for k, v in tabs.items()}, refs


def _pages_work(data: Dataset) -> None:
    """What Tổng quan and Chương trình compute from a dataset: none of it may raise."""
    s = data.settings
    schedule = build_schedule(data.frames["programme"], s.start_time, s.session_minutes)
    assert schedule.total_minutes >= 0
    result = readiness.assess(data, FIXED_TODAY)
    assert result is not None


def test_every_number_column_and_setting_has_bounds():
    assert len(NUMBER_COLUMNS) >= 13
    for tab, column in NUMBER_COLUMNS:
        assert column.bounds is not None, _id((tab, column))
        low, high = column.bounds
        assert 0 <= low < high <= MONEY_BOUNDS[1], _id((tab, column))
    for setting in BOUNDED_SETTINGS:
        assert setting.bounds is not None, setting.key
        if setting.default:  # the fallback itself must be a good value
            assert setting.bounds[0] <= parsing.parse_number(setting.default) <= setting.bounds[1], setting.key
    assert TAB_BY_KEY["programme"].column("minutes").bounds == ITEM_MINUTES_BOUNDS == (1, 24 * 60)
    assert TAB_BY_KEY["tasks"].column("progress").bounds == PERCENT_BOUNDS == (0, 100)
    assert TAB_BY_KEY["history"].column("year").bounds == (1945, 2100)


@pytest.mark.parametrize(("tab", "column"), NUMBER_COLUMNS, ids=[_id(c) for c in NUMBER_COLUMNS])
def test_a_bad_number_in_any_column_is_a_problem_at_its_cell(tab, column):
    """The cells as a store hands them over (MemoryStore types and reads them back as the workbook does)."""
    tabs, refs = _rows_with(tab, column, [cell for cell, _ in BAD_CELLS])
    _assert_bad_cells_found(validate(MemoryStore(tabs).load()), tab, column, refs)


@pytest.mark.slow  # a real workbook per column, read twice (validate, `cli check`)
@pytest.mark.parametrize(("tab", "column"), NUMBER_COLUMNS, ids=[_id(c) for c in NUMBER_COLUMNS])
def test_a_bad_number_in_a_real_workbook_is_named_by_cli_check(tmp_path, capsys, tab, column):
    cells = [cell for cell, _ in BAD_CELLS]
    path, refs = _workbook_with(tmp_path / "w.xlsx", tab, column, cells)
    _assert_bad_cells_found(validate(WorkbookStore(path).load()), tab, column, refs)
    assert cli.main(["check", "--workbook", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    for ref in refs[:3]:
        assert ref in out


def _assert_bad_cells_found(data: Dataset, tab: Tab, column: Column, refs: list[str]) -> None:
    by_ref = {p.ref: p for p in data.problems}
    frame = data.frames[tab.key]
    low, high = column.bounds  # type: ignore[misc]
    for (cell, meaning), ref in zip(BAD_CELLS, refs, strict=True):
        row = frame[frame["_row"] == int(ref.split("!")[1][1:])]
        assert len(row) == 1, ref  # the row is kept
        value = row[column.key].iloc[0]
        if _outside(column, meaning):
            assert ref in by_ref, (ref, cell)
            assert by_ref[ref].severity == "error"
            assert pd.isna(value), (ref, cell)  # the typed frame holds the blank value
            if meaning is not None and column.kind != Kind.DECIMAL:
                assert f"giới hạn của cột {column.header}" in by_ref[ref].message, by_ref[ref]
        else:
            assert ref not in by_ref, by_ref.get(ref)
            assert value == meaning and low <= value <= high
    assert frame[column.key].dropna().between(low, high).all()
    if column.kind == Kind.DECIMAL:
        assert str(frame[column.key].dtype) == "Float64"
    else:
        assert str(frame[column.key].dtype) == "Int64"
    _pages_work(data)


def test_the_messages_name_the_column_and_its_range(tmp_path):
    tab = TAB_BY_KEY["budget"]
    path, refs = _workbook_with(tmp_path / "w.xlsx", tab, tab.column("estimate"), [1e20, "-5", "9" * 30])
    problems = {p.ref: p for p in validate(WorkbookStore(path).load()).problems}
    assert problems[refs[0]].value == "1e+20"
    assert problems[refs[0]].message == "Số “1e+20” vượt giới hạn của cột Dự trù (VND) (0 – 10.000.000.000.000)"
    assert problems[refs[1]].message == "Số “-5” dưới giới hạn của cột Dự trù (VND) (0 – 10.000.000.000.000)"
    assert problems[refs[2]].value == "9" * 30  # the whole cell; the message quotes it cut to 30 characters
    assert problems[refs[2]].message.startswith("Số “" + "9" * 30 + "” vượt giới hạn")


def test_the_bounds_themselves_are_allowed(tmp_path):
    tab = TAB_BY_KEY["programme"]
    path, refs = _workbook_with(tmp_path / "w.xlsx", tab, tab.column("minutes"), ["1", 1440, "1441", 0])
    data = validate(WorkbookStore(path).load())
    problems = {p.ref for p in data.problems}
    assert refs[0] not in problems and refs[1] not in problems
    assert refs[2] in problems and refs[3] in problems
    assert set(data.frames["programme"]["minutes"].dropna()) >= {1, 1440}


# --- the schedule guards itself too ---------------------------------------------------------


def test_schedule_skips_minutes_no_validation_would_let_through():
    programme = pd.DataFrame(
        {
            "order": [1, 2, 3, 4, 5, 6, 7, float("inf")],
            "item": list("ABCDEFGH"),
            "presenter": ["x"] * 8,
            "minutes": pd.array([30, 10**12, 912345678, -5, None, 1440, 15, 5], dtype="object"),
        },
        index=pd.Index(list("ABCDEFGH"), name="id"),
    )
    programme.loc["E", "minutes"] = float("nan")
    s = build_schedule(programme, time(7, 30), 10**20)
    assert s.missing_minutes == ["B", "C", "D", "E"]
    assert s.total_minutes == 30 + 1440 + 15 + 5
    assert s.session_minutes == 0 and s.overrun_minutes == 0  # a session beyond a day is no session
    assert s.items["minutes"].iloc[0] == 30 and s.items["minutes"].iloc[1:4].isna().all()
    s = build_schedule(programme.assign(minutes=[float("inf")] * 8), None, float("nan"))  # type: ignore[arg-type]
    assert s.total_minutes == 0 and len(s.missing_minutes) == 8


# --- settings ---------------------------------------------------------------------------------


def _settings_rows(key: str, value: object) -> tuple[dict[str, list[list[object]]], str]:
    """The seeded tabs with one setting's value cell replaced (or added); and that cell's reference."""
    tabs = _base_rows()
    rows = tabs[SETTINGS.key]
    keys = [r[0] for r in rows]
    if key not in keys:
        rows.append([key, SETTING_BY_KEY[key].label, ""])
        keys.append(key)
    at = keys.index(key)
    rows[at] = [key, SETTING_BY_KEY[key].label, value]
    return tabs, f"'{SETTINGS.title}'!C{at + 1}"


def _settings_workbook(path: Path, key: str, value: object) -> tuple[Path, str]:
    tabs, ref = _settings_rows(key, value)
    return write_workbook(path, {TAB_BY_KEY[k].title: v for k, v in tabs.items()}), ref


def _settings_snapshot(key: str, value: object) -> tuple[Snapshot, str]:
    """As _settings_workbook, without the round trip through a file (the cells as the store hands them over)."""
    tabs, ref = _settings_rows(key, value)
    texts = {
        k: TabData(TAB_BY_KEY[k].title, v[0], [[parsing.clean(c) for c in r] for r in v[1:]]) for k, v in tabs.items()
    }
    return Snapshot(tabs=texts), ref


def _bad_setting_values(setting: Setting) -> list[object]:
    low, high = setting.bounds  # type: ignore[misc]
    return [str(high + 1), str(low - 1), "1e20", 10**20, "9" * 30, "NaN", "mười"]


SETTING_CASES = [(s, v) for s in BOUNDED_SETTINGS for v in _bad_setting_values(s)]


@pytest.mark.parametrize(("setting", "value"), SETTING_CASES, ids=[f"{s.key}={str(v)[:12]}" for s, v in SETTING_CASES])
def test_a_bad_setting_names_its_cell_and_the_default_is_used(setting, value):
    snapshot, ref = _settings_snapshot(setting.key, value)
    data = validate(snapshot)
    (problem,) = [p for p in data.problems if p.ref == ref]
    assert problem.message.startswith(f"{setting.label}: ") and problem.severity == "error"
    default = f"{int(setting.default):,}".replace(",", ".") if setting.default else ""  # 2340000 → 2.340.000
    assert f"— dùng mặc định {default}." in problem.message if default else "— coi như để trống." in problem.message
    assert data.settings.values[setting.key] == setting.default  # readers of the text get the default too
    if hasattr(data.settings, setting.key):
        assert getattr(data.settings, setting.key) == int(setting.default)


@pytest.mark.parametrize("setting", BOUNDED_SETTINGS, ids=[s.key for s in BOUNDED_SETTINGS])
def test_the_pages_work_with_the_default_in_place_of_a_bad_setting(setting):
    """Every bad value of a setting hands the pages the same settings — its default, asserted value by value above —
    so the pages' work is run once per setting, on the largest of them."""
    snapshot, _ = _settings_snapshot(setting.key, 10**20)
    data = validate(snapshot)
    assert data.settings.values[setting.key] == setting.default
    _pages_work(data)


@pytest.mark.parametrize("setting", BOUNDED_SETTINGS, ids=[s.key for s in BOUNDED_SETTINGS])
def test_a_setting_at_its_bounds_is_used(setting):
    for value in setting.bounds:  # type: ignore[union-attr]
        snapshot, ref = _settings_snapshot(setting.key, str(value))
        data = validate(snapshot)
        assert [p for p in data.problems if p.ref == ref] == []
        assert data.settings.values[setting.key] == str(value)
        if hasattr(data.settings, setting.key):
            assert getattr(data.settings, setting.key) == value


def test_a_huge_setting_in_a_real_workbook(tmp_path, capsys):
    path, ref = _settings_workbook(tmp_path / "w.xlsx", "session_minutes", 10**20)  # a number cell
    data = validate(WorkbookStore(path).load())
    (problem,) = [p for p in data.problems if p.ref == ref]
    assert problem.value == "1e+20" and data.settings.session_minutes == 240
    assert problem.message == "Thời lượng buổi (phút): Số “1e+20” vượt giới hạn (1 – 1.440) — dùng mặc định 240."
    _pages_work(data)
    assert cli.main(["check", "--workbook", str(path)]) == 1
    out, err = capsys.readouterr()
    assert ref in out and "Traceback" not in out + err


@pytest.mark.parametrize(
    ("key", "value", "field", "default"),
    [
        ("start_time", "25:00", "start_time", time(7, 30)),
        ("start_time", "0.99999", "start_time", time(7, 30)),  # rounds to 24:00, no time of day
        ("event_date", "01/01/0001", "event_date", None),
        ("event_date", "31/12/9999", "event_date", None),
        ("demo_data", "có lẽ", "demo_data", True),
    ],
)
def test_bad_date_time_and_yes_no_settings(tmp_path, capsys, key, value, field, default):
    path, ref = _settings_workbook(tmp_path / "w.xlsx", key, value)
    data = validate(WorkbookStore(path).load())
    assert any(p.ref == ref and p.message.startswith(SETTING_BY_KEY[key].label) for p in data.problems)
    assert getattr(data.settings, field) == default
    _pages_work(data)
    assert cli.main(["check", "--workbook", str(path)]) == 1
    out, err = capsys.readouterr()
    assert ref in out and "Traceback" not in out + err


def test_settings_read_as_before_when_good(seeded_store):
    data = validate(seeded_store.load())
    s = data.settings
    assert data.problems == []
    assert (s.session_minutes, s.capacity, s.report_lead_days, s.honoree_batch_size) == (240, 120, 15, 10)
    assert (s.council_members, s.delegate_quota, s.hall_rows, s.hall_seats_per_row) == (9, 5, 10, 12)
    assert s.base_salary == 2_340_000 and s.start_time == time(7, 30) and s.demo_data is True


# --- the parser on its own --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,5e3", 1500), ("1.5E+03", 1500), ("2e0", 2), ("0e99", 0), ("-1e3", -1000), ("999999999999999999", 10**18 - 1)],
)
def test_exponent_notation_reads_exactly(text, expected):
    assert parsing.parse_number(text) == expected


@pytest.mark.parametrize("text", ["1e20", "1E+20", "-1e20", "9" * 30, "9" * 5000, "1e999999", "1000000000000000000"])
def test_too_large_numbers_raise_number_too_large(text):
    with pytest.raises(NumberTooLarge, match="quá lớn"):
        parsing.parse_number(text)


@pytest.mark.parametrize("text", ["NaN", "inf", "-inf", "1.5e-3", "1e-999999", "1e", "e5", "1e1234567"])
def test_unreadable_numbers_raise_cell_error(text):
    with pytest.raises(CellError):
        parsing.parse_number(text)


def test_typed_keeps_numbers_beyond_a_float_as_text():
    assert typed(Kind.MONEY, "1.000.000.000.000").value == 10**12
    assert typed(Kind.MONEY, "1.000.000.000.000.000.000").is_text
    assert typed(Kind.INT, "9" * 30).is_text


# --- hypothesis: any number-like text in any number column ------------------------------------

number_texts = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(allow_nan=True, allow_infinity=True),
    st.from_regex(r"-?\d{1,25}([.,]\d{0,5})?[eE][+-]?\d{1,8}", fullmatch=True),
    st.from_regex(r"[+-]?\d{1,3}([.,]\d{3}){0,12}( ?(đ|₫|VND|%))?", fullmatch=True),
    st.text(alphabet="0123456789", min_size=15, max_size=400),
    st.sampled_from(["NaN", "nan", "inf", "-inf", "Infinity", "1E+20", "1e20", "-5", "1,5e3", "0912345678"]),
)


@st.composite
def number_snapshots(draw) -> tuple[Snapshot, Tab, Column, list[object]]:
    tab, column = draw(st.sampled_from(NUMBER_COLUMNS))
    cells = draw(st.lists(number_texts, min_size=1, max_size=6))
    rows = []
    for i, cell in enumerate(cells):
        row: list[object] = ["x"] * len(tab.columns)
        if tab.has_id:
            row[0] = f"R-{i}"
        for at, c in enumerate(tab.columns):
            if c.kind != Kind.TEXT:
                row[at] = ""
        row[tab.columns.index(column)] = cell
        rows.append(row)
    return Snapshot(tabs={tab.key: TabData(tab.title, tab.headers, rows)}), tab, column, cells


@pytest.mark.slow  # a long hypothesis run (~20 s)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(number_snapshots())
def test_validate_never_raises_on_number_cells(case):
    snapshot, tab, column, cells = case
    data = validate(snapshot)
    letter = get_column_letter(tab.columns.index(column) + 1)
    refs = {p.cell for p in data.problems if p.tab == tab.title}
    values = data.frames[tab.key][column.key].tolist()
    low, high = column.bounds  # type: ignore[misc]
    for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
        if pd.isna(value):
            text = parsing.clean(cell)
            assert not text or f"{letter}{i + 2}" in refs, (cell, refs)
        else:
            assert low <= value <= high
    _pages_work(data)


@settings(max_examples=300, deadline=None)
@given(number_texts)
def test_parse_number_raises_only_cell_error_and_fits_int64(cell):
    try:
        number = parsing.parse_number(cell)
    except CellError as exc:
        assert str(exc)
        return
    assert number is None or abs(number) < parsing.NUMBER_LIMIT < 2**63

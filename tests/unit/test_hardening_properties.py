"""Property tests: any text in any cell never crashes validation; any text written reads back as the same text."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services import parsing
from services.parsing import CellError, clean
from services.schema import TABS
from services.store.rows import Snapshot, TabData
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import write_workbook

cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "T-15", "t-999", "31/02/2026", "45874", "1.234.000", "có", "✓", "=1+1", "+1", "@A1", "\t"]),
    st.from_regex(r"\d{1,2}/\d{1,2}/\d{1,5}", fullmatch=True),
    st.from_regex(r"-?\d{0,12}([.,]\d{1,4})?", fullmatch=True),
)


@st.composite
def snapshots(draw) -> Snapshot:
    tabs = {}
    for tab in TABS:
        if draw(st.booleans()) and tab.key != "settings":
            continue  # a missing tab
        header = [c.header for c in tab.columns]
        if draw(st.booleans()):
            header = draw(st.permutations(header))
        header = header + draw(st.lists(st.text(max_size=5), max_size=2))
        rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=6))
        tabs[tab.key] = TabData(title=tab.title, header=header, rows=rows)
    return Snapshot(tabs=tabs)


@pytest.mark.slow  # a long hypothesis run (~70 s)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_validation_never_raises_and_keeps_every_non_blank_row(snapshot):
    dataset = validate(snapshot)
    for tab in TABS:
        data = snapshot.get(tab.key)
        if data is None or tab.key == "settings":
            continue
        assert len(dataset.frames[tab.key]) <= len(data.rows)
    assert all(p.message for p in dataset.problems)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parsers_raise_only_our_cell_error(text):
    for parse in (
        parsing.parse_date,
        parsing.parse_time,
        parsing.parse_datetime,
        parsing.parse_number,
        parsing.parse_bool,
        parsing.parse_relative_days,
    ):
        try:
            parse(text)
        except CellError as exc:
            assert str(exc)


printable_or_not = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("\x00\x01\x0b\x1f\t")),
    max_size=25,
)


@pytest.mark.slow  # a hypothesis run writing a workbook per example (~10 s)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=printable_or_not)
def test_any_text_written_to_the_workbook_reads_back_as_its_clean_form(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("prop") / "w.xlsx"
    tab = next(t for t in TABS if t.key == "attendees")
    write_workbook(path, {tab.title: [tab.headers, ["DB-001", "A", "", "", "", "khách mời"]]})
    store = WorkbookStore(path)
    store.update_row("attendees", "DB-001", {"note": value}, {"note": ""}, user="p")
    stored = store.load().get("attendees").rows[0][tab.headers.index("Ghi chú")]
    assert stored == clean(value)
    assert all(ch in string.printable or ord(ch) > 0x1F for ch in stored)

"""`cli log` and `cli revert` on both backends: one change a line with its ID first, exit 0 on a revert, exit 1 and
nothing changed when a cell it would restore was edited since (the cell named)."""

from __future__ import annotations

import pytest
from openpyxl.utils import get_column_letter

from cli import main
from services.edits import change_log
from services.schema import ATTENDEES, AUDIT
from services.validation import validate
from tests.backends import BACKENDS, make_backend
from tests.conftest import seeded_tabs

UNIT_COL = ATTENDEES.headers.index("Đơn vị") + 1


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path, monkeypatch):
    made = make_backend(request.param, tmp_path, seeded_tabs())
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    if request.param == "gsheets":
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", made.emulator.host)
        made.args = ["--sheet", made.key]
    else:
        made.args = ["--workbook", str(made.path)]
    return made


def _edit(backend, row_id: str, unit: str, user: str = "vp@skhcn") -> str:
    old = validate(backend.store.load()).raw["attendees"].at[row_id, "unit"]
    backend.store.update_row("attendees", row_id, {"unit": unit}, {"unit": old}, user=user)
    return change_log.logged_changes(backend.store.load())[-1].id


def _data(backend) -> list[list[str]]:
    return backend.cells(ATTENDEES.title)


def test_log_lists_changes_one_a_line_id_first(backend, capsys):
    first = _edit(backend, "DB-001", "Sở Một")
    second = _edit(backend, "DB-002", "Sở Hai", user="bàn 2")
    capsys.readouterr()
    assert main(["log", *backend.args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split("\t")[0] for ln in lines] == [first, second]
    assert "bàn 2" in lines[1] and "DB-002" in lines[1] and "“Sở Hai”" in lines[1]
    assert main(["log", "--last", "1", *backend.args]) == 0
    assert capsys.readouterr().out.splitlines() == lines[1:]


def test_revert_exits_0_and_is_logged(backend, capsys):
    before = _data(backend)
    change = _edit(backend, "DB-003", "Sở Tạm")
    assert main(["revert", change, *backend.args]) == 0
    assert change in capsys.readouterr().out
    assert _data(backend) == before
    main(["log", *backend.args])
    last = capsys.readouterr().out.splitlines()[-1].split("\t")
    assert last[2] == "cli" and last[-1] == f"hoàn tác {change}"


def test_revert_refuses_with_exit_1_and_names_the_cell_when_it_changed_since(backend, capsys):
    change = _edit(backend, "DB-003", "Sở Tạm")
    backend.set_cell(ATTENDEES.title, 4, UNIT_COL, "Sở Sửa Tay")  # DB-003 is on row 4; a colleague edits it
    before, log_before = _data(backend), backend.cells(AUDIT.title)
    capsys.readouterr()
    assert main(["revert", change, *backend.args]) == 1
    err = capsys.readouterr().err
    assert f"'{ATTENDEES.title}'!{get_column_letter(UNIT_COL)}4" in err and "“Sở Tạm” → “Sở Sửa Tay”" in err
    assert _data(backend) == before and backend.cells(AUDIT.title) == log_before


def test_revert_of_an_unknown_id_is_a_usage_error(backend, capsys):
    before = _data(backend)
    assert main(["revert", "C-NOSUCH", *backend.args]) == 2
    assert "C-NOSUCH" in capsys.readouterr().err and _data(backend) == before

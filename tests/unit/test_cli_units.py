"""The command line in a deployment of several units (issue 29 item 1): every command that reads or writes data needs
`--unit`, refuses an unknown one and any flag that would reach past it, and `--unit a` never prints, exports, writes
or keeps a copy of unit B's data."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from cli import main
from cli.commands import COMMANDS
from services.config import StoreConfig
from services.people.checkin_journal import JOURNAL_ENV, unit_journal_path
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.two_units import MARK, configure

# Commands that never open the data: a hash, or this machine's own admin passcode.
NO_DATA = {"hash-passcode", "admin-passcode"}
ARGS = {"checkin": ["DB-001"], "export": ["programme", "--out", "{out}"], "revert": ["C-1"]}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def command_args(name: str, tmp_path) -> list[str]:
    return [a.format(out=tmp_path / "out.docx") for a in ARGS.get(name, [])]


@pytest.fixture
def units(tmp_path, monkeypatch):
    configure(tmp_path, monkeypatch)
    return tmp_path


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_DATA))
def test_every_data_command_needs_a_unit(name, units, capsys):
    code, out, err = run(capsys, name, *command_args(name, units))
    assert code == 2 and "--unit MÃ (a, b)" in err, (code, err)
    assert MARK["a"] not in out + err and MARK["b"] not in out + err


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - NO_DATA))
def test_every_data_command_refuses_an_unknown_unit(name, units, capsys):
    code, out, err = run(capsys, name, *command_args(name, units), "--unit", "zz")
    assert code == 2 and "Không có đơn vị “zz”" in err, (code, err)
    assert MARK["a"] not in out and MARK["b"] not in out


@pytest.mark.parametrize("flag", [["--workbook", "units/b.xlsx"], ["--sheet", "KEY-B"]])
def test_a_unit_cannot_be_left_by_naming_another_source(flag, units, capsys):
    flag = [flag[0], str(units / flag[1])] if flag[0] == "--workbook" else flag
    code, out, err = run(capsys, "info", "--unit", "a", *flag)
    assert code == 2 and "bỏ --workbook/--sheet" in err
    assert "b.xlsx" not in out


def test_a_unit_without_a_deployment_file_is_refused(seeded_path, monkeypatch, capsys):
    monkeypatch.delenv("CONFERENCE_DEPLOYMENT", raising=False)
    code, _, err = run(capsys, "info", "--workbook", str(seeded_path), "--unit", "a")
    assert code == 2 and "bỏ --unit" in err


@pytest.mark.parametrize("code", ["a", "b"])
def test_read_commands_print_their_unit_only(code, units, capsys):
    other = "b" if code == "a" else "a"
    status, out, _ = run(capsys, "info", "--unit", code)
    assert status == 0 and f"{code}.xlsx" in out and f"{other}.xlsx" not in out and "conference.xlsx" not in out
    status, out, _ = run(capsys, "check", "--unit", code)
    assert status == 0 and MARK[other] not in out


@pytest.mark.parametrize("kind", ["programme", "delegates", "honorees", "signin"])
def test_an_export_of_a_holds_a_and_never_b(kind, units, capsys):
    out = units / f"{kind}.docx"
    status, _, err = run(capsys, "export", kind, "--out", str(out), "--unit", "a")
    assert status == 0, err
    text = "\n".join(
        zipfile.ZipFile(io.BytesIO(out.read_bytes())).read(m).decode("utf-8", "replace")
        for m in zipfile.ZipFile(out).namelist()
    )
    assert MARK["a"] in text and MARK["b"] not in text and MARK["single"] not in text
    # the last good copy kept by the export is in A's own folder, and nothing was kept for B
    assert list((units / "unit-data" / "a").glob("last_good_*.json"))
    assert not (units / "unit-data" / "b").exists()


def test_a_check_in_and_its_log_stay_in_the_unit(units, capsys):
    status, out, err = run(capsys, "checkin", "DB-001", "--unit", "b")
    assert status == 0 and "DB-001" in out, err
    arrived = {
        code: validate(WorkbookStore(units / "units" / f"{code}.xlsx").load()).frames["attendees"].loc["DB-001"]
        for code in ("a", "b")
    }
    assert not pd.isna(arrived["b"]["checked_in"]) and pd.isna(arrived["a"]["checked_in"])
    status, out_b, _ = run(capsys, "log", "--unit", "b")
    status, out_a, _ = run(capsys, "log", "--unit", "a")
    assert "DB-001" in out_b and "DB-001" not in out_a


def test_each_unit_keeps_its_own_door_journal(monkeypatch, tmp_path):
    """A journal shared by two units would replay A's scans into B: a unit's own folder wins over the server-wide
    $CONFERENCE_CHECKIN_JOURNAL, which still serves the single unit as before."""
    monkeypatch.setenv(JOURNAL_ENV, str(tmp_path / "shared.jsonl"))
    a = StoreConfig(workbook=tmp_path / "a.xlsx", data_dir=tmp_path / "a")
    b = StoreConfig(workbook=tmp_path / "b.xlsx", data_dir=tmp_path / "b")
    assert unit_journal_path(a) == tmp_path / "a" / "checkin_journal.jsonl"
    assert unit_journal_path(a) != unit_journal_path(b)
    assert unit_journal_path(StoreConfig(workbook=tmp_path / "x.xlsx")) == tmp_path / "shared.jsonl"

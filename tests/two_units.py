"""Two units of one deployment on two workbooks whose data tells them apart: every name, task, programme item and
budget line of unit A carries the word `MARK["a"]`, unit B's `MARK["b"]` — so a page, a document or a command of A
that shows anything of B is caught by one word. A third workbook (the single-unit configuration, $CONFERENCE_WORKBOOK)
carries `MARK["single"]`: with a deployment file, nothing may fall back to it."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from services.access import hash_passcode
from services.setup.seed import seed_rows
from services.store.workbook import WorkbookStore
from tests.conftest import FIXED_TODAY

MARK = {"a": "Alfaxa", "b": "Bravox", "single": "Decoyx"}
PASSCODE = {"a": "ma-don-vi-a", "b": "ma-don-vi-b", "council": "ma-hoi-dong"}
NAME = {"a": "Sở Alfa", "b": "Sở Bravo"}
MARKED = {  # (tab, column): the words of a unit that must stay in that unit
    ("attendees", "name"),
    ("nominations", "name"),
    ("tasks", "task"),
    ("programme", "item"),
    ("budget", "item"),
}
MARKED_SETTINGS = ("event_name", "signer_name", "venue")


def marked_rows(mark: str) -> dict[str, list[dict[str, str]]]:
    rows = seed_rows(FIXED_TODAY)
    for tab, column in MARKED:
        for row in rows[tab]:
            row[column] = f"{mark} {row[column]}"
    for row in rows["settings"]:
        if row["id"] in MARKED_SETTINGS:
            row["value"] = f"{mark} {row['value']}"
    return rows


@cache
def _seeded_bytes(mark: str) -> bytes:
    """The marked workbook as the store creates it, built once per process (seeding through openpyxl is the slow
    part; every test that configures a deployment would otherwise build three)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "conference.xlsx"
        WorkbookStore(path, seed=lambda: marked_rows(mark)).load()
        return path.read_bytes()


def seeded(path: Path, mark: str) -> Path:
    """A fresh copy of the workbook seeded and marked with `mark`, this test's own to change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_seeded_bytes(mark))
    return path


def write_deployment(folder: Path) -> Path:
    """units.toml beside units/a.xlsx and units/b.xlsx (seeded, marked), each unit with its own admin passcode."""
    for code in ("a", "b"):
        seeded(folder / "units" / f"{code}.xlsx", MARK[code])
    hashes = {k: hash_passcode(v, iterations=1000) for k, v in PASSCODE.items()}
    text = ""
    for code in ("a", "b"):
        text += (
            f'[[unit]]\ncode = "{code}"\nname = "{NAME[code]}"\nworkbook = "units/{code}.xlsx"\n'
            f'[unit.roles]\npasscodes = {{ admin = "{hashes[code]}" }}\n\n'
        )
    text += f'[council.roles]\npasscodes = {{ viewer = "{hashes["council"]}" }}\n'
    path = folder / "units.toml"
    path.write_text(text, encoding="utf-8")
    return path


def configure(folder: Path, monkeypatch) -> Path:
    """The environment of a server with this deployment (and a decoy single-unit workbook it must never read)."""
    path = write_deployment(folder)
    monkeypatch.setenv("CONFERENCE_DEPLOYMENT", str(path))
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(seeded(folder / "single" / "conference.xlsx", MARK["single"])))
    monkeypatch.delenv("GSHEETS_SPREADSHEET", raising=False)
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    monkeypatch.delenv("CONFERENCE_CHECKIN_JOURNAL", raising=False)
    monkeypatch.setenv("CONFERENCE_CACHE_TTL", "600")
    return path


def other(code: str) -> str:
    return "b" if code == "a" else "a"

"""Shared fixtures: a freshly seeded workbook (or store in memory), a deliberately messy one, and a builder for hand-made workbooks."""

from __future__ import annotations

import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from services.store.memory import MemoryStore

# The services, pandas and openpyxl are imported where they are used, not here: pytest-xdist's controller loads this
# file before it starts the workers and never runs a test (~1.2 s of imports it would make every run wait for).

ROOT = Path(__file__).resolve().parent.parent
FIXED_TODAY = date(2026, 11, 25)


def seeded_tabs() -> dict[str, list[list[str]]]:
    """The seeded data as a sheet's tabs (title → header row + rows), for a backend given cells, not a file
    (here, not in a page test, so that unit and store modules need not import a page test and Streamlit)."""
    from services.schema import tab as schema_tab
    from services.setup.seed import seed_rows
    from services.store.rows import TabData, build_row

    tabs = {}
    for key, rows in seed_rows(FIXED_TODAY).items():
        spec = schema_tab(key)
        layout = TabData(spec.title, spec.headers, [])
        tabs[spec.title] = [spec.headers] + [build_row(spec, layout, r) for r in rows]
    return tabs


def write_workbook(path: Path, tabs: dict[str, list[list[object]]]) -> Path:
    """An .xlsx with exactly these tabs and cells (first row = header), as staff might have made it."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in tabs.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


@cache
def seeded_bytes() -> bytes:
    """The seeded workbook as the store creates it, built once per process (seeding through openpyxl is the slow
    part): every test or fixture that needs it on disk gets a copy of these bytes (`seeded_copy`, `seeded_path`)."""
    from services.setup.seed import seed_rows
    from services.store.workbook import WorkbookStore

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "conference.xlsx"
        WorkbookStore(path, seed=lambda: seed_rows(FIXED_TODAY)).load()
        return path.read_bytes()


def seeded_copy(path: Path) -> Path:
    """A fresh copy of the seeded workbook at `path` (its folder made), the caller's own to change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(seeded_bytes())
    return path


@pytest.fixture(scope="session")
def _seeded_bytes() -> bytes:
    return seeded_bytes()


@pytest.fixture
def seeded_path(tmp_path: Path, _seeded_bytes: bytes) -> Path:
    """A fresh copy of the seeded workbook on disk, this test's own to change."""
    path = tmp_path / "conference.xlsx"
    path.write_bytes(_seeded_bytes)
    return path


@pytest.fixture
def seeded_store() -> MemoryStore:
    """The same seeded data in memory (services.store.memory): for tests of the services, not of the workbook —
    no file built, read or rewritten (tests/store/test_memory_store.py: it reads back as the workbook does)."""
    from services.setup.seed import seed_rows
    from services.store.memory import MemoryStore

    return MemoryStore(seed=lambda: seed_rows(FIXED_TODAY))


@pytest.fixture
def messy_path(tmp_path: Path) -> Path:
    from tests.messy import build_messy_workbook

    return build_messy_workbook(tmp_path / "messy.xlsx")


@pytest.fixture(autouse=True)
def _fresh_client_failures():
    """Every AppTest session comes from the same client (localhost): one test's wrong passcodes must not make the
    next test's device wait."""
    from services.access import CLIENT_FAILURES

    CLIENT_FAILURES.clear()
    yield
    CLIENT_FAILURES.clear()

"""Each storage backend behind one test handle: the Store under test plus a 'staff member' editing the same data."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from openpyxl import load_workbook

from services.store import Store
from services.store.gsheets import GoogleSheetStore
from services.store.memory import MemoryStore
from services.store.retry import RetryPolicy
from services.store.workbook import WorkbookStore, cell_text
from tests.conftest import write_workbook
from tests.sheets_emulator import SheetsEmulator, shared_emulator

# Short waits so retry tests stay quick; the bounds are still real (attempts and total time).
FAST_RETRY = RetryPolicy(attempts=4, total_s=5.0, initial_wait_s=0.01, max_wait_s=0.1, timeout_s=5.0)


class Backend(Protocol):
    store: Store

    def cells(self, title: str) -> list[list[str]]: ...

    def set_cell(self, title: str, row: int, col: int, value: str) -> None: ...

    def insert_row(self, title: str, row: int, values: list[str]) -> None: ...

    def delete_row(self, title: str, row: int) -> None: ...


class WorkbookBackend:
    """Staff editing the .xlsx directly (as in Excel/LibreOffice), between the app's read and write."""

    def __init__(self, path: Path, tabs: dict[str, list[list[object]]]) -> None:
        self.path = write_workbook(path, tabs)
        self.store = WorkbookStore(path)

    def _edit(self, title: str, change) -> None:
        wb = load_workbook(self.path)
        change(wb[title])
        wb.save(self.path)

    def cells(self, title: str) -> list[list[str]]:
        wb = load_workbook(self.path)
        rows = [[cell_text(v) for v in r] for r in wb[title].iter_rows(values_only=True)]
        while rows and not any(rows[-1]):
            rows.pop()
        return rows

    def set_cell(self, title: str, row: int, col: int, value: str) -> None:
        self._edit(title, lambda ws: setattr(ws.cell(row=row, column=col), "value", value))

    def insert_row(self, title: str, row: int, values: list[str]) -> None:
        def change(ws):
            ws.insert_rows(row)
            for i, v in enumerate(values, start=1):
                ws.cell(row=row, column=i, value=v)

        self._edit(title, change)

    def delete_row(self, title: str, row: int) -> None:
        self._edit(title, lambda ws: ws.delete_rows(row))


class GoogleSheetBackend:
    """Staff editing the Google Sheet in the browser: direct changes inside the emulator, not counted as requests.

    The store talks to the emulator with real gspread over HTTP.
    """

    def __init__(
        self,
        tabs: dict[str, list[list[object]]],
        emulator: SheetsEmulator | None = None,
        policy: RetryPolicy = FAST_RETRY,
        *,
        locale: str = "vi_VN",
    ) -> None:
        self.emulator = emulator or shared_emulator()
        self.key = self.emulator.create("Hội nghị điển hình tiên tiến (kiểm thử)", tabs, locale=locale)
        self.store = GoogleSheetStore.for_emulator(self.emulator.host, self.key, policy=policy)

    def cells(self, title: str) -> list[list[str]]:
        return self.emulator.cells(self.key, title)

    def set_cell(self, title: str, row: int, col: int, value: str) -> None:
        self.emulator.set_cell(self.key, title, row, col, value)

    def insert_row(self, title: str, row: int, values: list[str]) -> None:
        self.emulator.insert_row(self.key, title, row, values)

    def delete_row(self, title: str, row: int) -> None:
        self.emulator.delete_row(self.key, title, row)


class MemoryBackend:
    """Staff editing the in-memory store's grids directly (services.store.memory: the unit tests' fake)."""

    def __init__(self, tabs: dict[str, list[list[object]]]) -> None:
        self.store = MemoryStore(tabs)

    def cells(self, title: str) -> list[list[str]]:
        return self.store.cells(title)

    def set_cell(self, title: str, row: int, col: int, value: str) -> None:
        def change(grid: list[list[str]]) -> None:
            while len(grid) < row:
                grid.append([])
            line = grid[row - 1]
            line.extend([""] * (col - len(line)))
            line[col - 1] = value

        self.store.edit(title, change)

    def insert_row(self, title: str, row: int, values: list[str]) -> None:
        self.store.edit(title, lambda grid: grid.insert(row - 1, list(values)))

    def delete_row(self, title: str, row: int) -> None:
        self.store.edit(title, lambda grid: grid.pop(row - 1))


def make_backend(kind: str, tmp_path: Path, tabs: dict[str, list[list[object]]]) -> Backend:
    if kind == "workbook":
        return WorkbookBackend(tmp_path / "contract.xlsx", tabs)
    if kind == "gsheets":
        return GoogleSheetBackend(tabs)
    if kind == "memory":
        return MemoryBackend(tabs)
    raise ValueError(f"unknown backend {kind!r}")


BACKENDS = ["workbook", "gsheets"]
# The store contract also holds for the in-memory store the unit tests use instead of a workbook on disk.
CONTRACT_BACKENDS = [*BACKENDS, "memory"]

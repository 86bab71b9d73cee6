"""A local Sheets API v4 emulator for tests and benchmarks: real HTTP on loopback, in-memory spreadsheets."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

from tests.sheets_emulator.model import ApiError, Formatted, Formula
from tests.sheets_emulator.server import SheetsEmulator

__all__ = ["ApiError", "Formatted", "Formula", "SheetsEmulator", "create_spreadsheet", "shared_emulator"]

_shared: SheetsEmulator | None = None
_shared_lock = threading.Lock()


def shared_emulator() -> SheetsEmulator:
    """One emulator per test process, started on first use on a free loopback port (daemon thread)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SheetsEmulator().start()
        return _shared


def control(host: str, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    """Call a test-only endpoint of an emulator running elsewhere (e.g. a subprocess): `host` = "127.0.0.1:N"."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        f"http://{host}/_emulator/{path.lstrip('/')}",
        data=data,
        method="POST" if data is not None else "GET",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def create_spreadsheet(host: str, title: str = "Hội nghị", tabs: dict[str, list[list[Any]]] | None = None) -> str:
    """Create a spreadsheet over HTTP in an emulator at `host` ("127.0.0.1:N"); returns its key."""
    return control(host, "spreadsheets", {"title": title, "tabs": tabs or {}})["spreadsheetId"]

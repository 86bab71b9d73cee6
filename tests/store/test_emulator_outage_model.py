"""The emulator's outage and quota models behave as Google and a dropped network do: a refused connection is a
connection error for the client; 5xx while down; beyond 60 write requests a minute a write is refused with 429
RESOURCE_EXHAUSTED and not applied, reads are not counted, and the quota comes back as the minute rolls on."""

from __future__ import annotations

import time

import pytest
import requests

from tests.sheets_emulator import SheetsEmulator


@pytest.fixture
def emulator():
    with SheetsEmulator() as running:
        yield running


def _write(emulator, key, value: str) -> requests.Response:
    meta = requests.get(f"{emulator.base_url}/v4/spreadsheets/{key}", timeout=5).json()
    sheet_id = meta["sheets"][0]["properties"]["sheetId"]
    body = {
        "requests": [
            {
                "updateCells": {
                    "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                    "rows": [{"values": [{"userEnteredValue": {"stringValue": value}}]}],
                    "fields": "userEnteredValue",
                }
            }
        ]
    }
    return requests.post(f"{emulator.base_url}/v4/spreadsheets/{key}:batchUpdate", json=body, timeout=5)


def test_down_refuse_drops_the_connection_and_503_answers_like_google(emulator):
    key = emulator.create("x", {"Trang tính1": [["a"]]})
    emulator.go_down("refuse")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{emulator.base_url}/v4/spreadsheets/{key}", timeout=5)
    emulator.go_down("503")
    answer = requests.get(f"{emulator.base_url}/v4/spreadsheets/{key}", timeout=5)
    assert answer.status_code == 503 and answer.json()["error"]["status"] == "UNAVAILABLE"
    emulator.come_back()
    assert requests.get(f"{emulator.base_url}/v4/spreadsheets/{key}", timeout=5).status_code == 200


def test_writes_beyond_the_quota_get_429_resource_exhausted_and_are_not_applied(emulator):
    key = emulator.create("x", {"Trang tính1": [["a"]]})
    emulator.write_quota_per_min = 3
    emulator.write_quota_window_s = 1.0  # the same model, one second long, so the test does not wait a minute
    assert [_write(emulator, key, f"v{n}").status_code for n in range(3)] == [200, 200, 200]
    refused = _write(emulator, key, "v3")
    assert refused.status_code == 429
    assert (
        refused.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
        and "Write requests" in refused.json()["error"]["message"]
    )
    assert emulator.cells(key, "Trang tính1")[0][0] == "v2"  # the refused write did not land
    assert requests.get(f"{emulator.base_url}/v4/spreadsheets/{key}", timeout=5).status_code == 200  # reads pass
    time.sleep(1.05)
    assert _write(emulator, key, "v4").status_code == 200


def test_reads_beyond_the_read_quota_get_429_and_writes_are_not_counted(emulator):
    key = emulator.create("x", {"Trang tính1": [["a"]]})
    emulator.read_quota_per_min = 2  # Google's is 300 a minute per project (services.shared.limits)
    emulator.write_quota_window_s = 1.0
    url = f"{emulator.base_url}/v4/spreadsheets/{key}/values:batchGet?ranges=A1"
    assert [requests.get(url, timeout=5).status_code for _ in range(2)] == [200, 200]
    refused = requests.get(url, timeout=5)
    assert refused.status_code == 429 and "Read requests" in refused.json()["error"]["message"]
    time.sleep(1.05)
    assert requests.get(url, timeout=5).status_code == 200

"""Retries that cannot duplicate or mislead: before a write is sent again, its nonce in the journal tells whether an
earlier try already landed — also when the answer was lost and the check itself first meets a 429."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from services.people import checkin
from services.schema import ATTENDEES, AUDIT
from services.store import StoreError, Uncertain
from services.store.retry import RetryPolicy
from tests.backends import GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

HEADER = ATTENDEES.headers
PEOPLE = [
    ["DB-001", "Nguyễn Văn An", "Nam", "", "", "công chức"],
    ["DB-002", "Hoàng Thị Hòa", "Nữ", "", "", "công chức"],
]
FAST_POLICY = RetryPolicy(attempts=4, total_s=15, initial_wait_s=0.01, max_wait_s=0.05, timeout_s=2)
LOST = 1.2  # the emulator applies the batch, then answers after the client (timeout 0.4 s) has given up


@pytest.fixture
def sheet():
    emulator = shared_emulator()
    policy = RetryPolicy(attempts=5, total_s=15, initial_wait_s=0.01, max_wait_s=0.05, timeout_s=0.4)
    backend = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE], AUDIT.title: [AUDIT.headers]}, emulator, policy)
    backend.store.ensure_schema()
    backend.store.load()
    yield backend
    emulator.clear_faults()


def _log(sheet) -> list[list[str]]:
    return sheet.cells(AUDIT.title)[1:]


def test_a_lost_answer_then_a_429_on_the_check_lands_once_and_says_done(sheet):
    sheet.emulator.delay_next(LOST, apply_first=True, kind="spreadsheets.batchUpdate")
    sheet.emulator.fail_next(1, 429, kind="spreadsheets.get")  # the journal check is refused once
    new_id, _ = checkin.walk_in(sheet.store, {"name": "Khách Lạc Đường"}, user="bàn 1")
    names = [r[1] for r in sheet.cells(ATTENDEES.title)[1:]]
    assert names.count("Khách Lạc Đường") == 1 and new_id == "DB-003"
    assert [r[3] for r in _log(sheet)] == ["DB-003"], "one log line, not two"


def test_a_lost_check_in_answer_is_not_sent_twice_nor_reported_as_already_checked_in(sheet):
    sheet.emulator.delay_next(LOST, apply_first=True, kind="spreadsheets.batchUpdate")
    sheet.emulator.reset_log()
    stamp = checkin.check_in(sheet.store, "DB-002", user="bàn 1", now=datetime(2026, 12, 1, 7, 50, 0))
    assert stamp == "01/12/2026 07:50:00"
    assert sheet.cells(ATTENDEES.title)[2][HEADER.index("Có mặt")] == stamp
    assert len(_log(sheet)) == 1
    # The journal lookup that found the earlier try also gives its copy: no second read of the journal for it.
    assert sheet.emulator.count("spreadsheets.get") == 1, sheet.emulator.kinds()


def test_when_nothing_can_tell_whether_it_landed_the_message_says_so_not_not_done(sheet):
    sheet.emulator.delay_next(LOST, apply_first=True, kind="spreadsheets.batchUpdate")
    sheet.emulator.fail_always(503, kind="spreadsheets.get")
    with pytest.raises(Uncertain) as caught:
        sheet.store.update_row("attendees", "DB-001", {"note": "gọi lại"}, {"note": ""}, user="vp")
    message = str(caught.value)
    assert "Có thể đã ghi" in message and "chưa được thực hiện" not in message
    assert "DB-001" in message and "Nguyễn Văn An" in message, "the person, not the write's hex nonce (issue 27)"
    assert not re.search(r"[0-9a-f]{16}", message), message
    sheet.emulator.clear_faults()
    assert sheet.cells(ATTENDEES.title)[1][HEADER.index("Ghi chú")] == "gọi lại", "it had landed"


def test_a_clean_429_on_the_write_is_retried_and_never_uncertain(sheet):
    sheet.emulator.fail_next(2, 429, kind="spreadsheets.batchUpdate")
    sheet.store.update_row("attendees", "DB-001", {"note": "x"}, {"note": ""}, user="vp")
    assert sheet.cells(ATTENDEES.title)[1][HEADER.index("Ghi chú")] == "x"
    assert len(_log(sheet)) == 1


def test_a_timeout_message_counts_the_tries_really_made():
    emulator = shared_emulator()
    # One read may take up to 0.5 s, but the whole operation only 0.3 s: after the first timeout no time is left.
    policy = RetryPolicy(attempts=4, total_s=0.3, initial_wait_s=0.01, max_wait_s=0.05, timeout_s=0.5)
    sheet = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE]}, emulator, policy)
    sheet.store.load()
    emulator.delay_next(1.0, count=5, kind="values.batchGet")
    try:
        with pytest.raises(StoreError, match="sau 1 lần thử"):
            sheet.store.load()
    finally:
        emulator.clear_faults()
    emulator.fail_always(500, kind="values.batchGet")
    try:
        with pytest.raises(StoreError, match="sau 4 lần thử"):
            GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE]}, emulator, FAST_POLICY).store.load()
    finally:
        emulator.clear_faults()

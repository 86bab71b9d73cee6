"""The conditional check-in write (on the seeded store in memory; test_checkin_services runs it on every backend)."""

from datetime import datetime

import pytest

from services.people.checkin import AlreadyCheckedIn, check_in
from services.store import RowNotFound


def test_check_in_writes_the_time_once(seeded_store):
    store = seeded_store
    stamp = check_in(store, "DB-010", user="bàn 1", now=datetime(2026, 12, 16, 7, 5, 0))
    assert stamp == "16/12/2026 07:05:00"
    with pytest.raises(AlreadyCheckedIn, match="07:05:00"):
        check_in(store, "DB-010", user="bàn 2", now=datetime(2026, 12, 16, 7, 6, 0))
    row = next(r for r in store.load().get("attendees").rows if r[0] == "DB-010")
    assert "16/12/2026 07:05:00" in row


def test_unknown_id_changes_nothing(seeded_store):
    store = seeded_store
    before = store.load().get("attendees").rows
    with pytest.raises(RowNotFound):
        check_in(store, "DB-999", user="bàn 1")
    assert store.load().get("attendees").rows == before

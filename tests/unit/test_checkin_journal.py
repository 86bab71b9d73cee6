"""The outage journal: lines on disk (fsync'd) before the desk is told, a torn last line tolerated, removal by nonce,
replay in order and at most once (on the workbook, with an unreachable store simulated at the Store boundary)."""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime

import pytest
import requests

from services.people.checkin import AlreadyCheckedIn, check_in
from services.people.checkin_journal import CheckinJournal, Scan, journal_path
from services.people.door_sync import DoorCheckins, Landing, ScanNotKept
from services.people.outage import is_outage
from services.store.disk import DiskFull
from services.store.errors import BackendUnavailable, DamagedWorkbook, RowNotFound, Uncertain
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.disk_faults import refusing_writes


def scan(n: int, attendee: str = "DB-011") -> Scan:
    return Scan(f"n{n}", attendee, "bàn 1", f"16/12/2026 07:{n:02d}:00", "bàn 1")


def test_append_fsyncs_every_line_before_returning(tmp_path, monkeypatch):
    journal = CheckinJournal(tmp_path / "j.jsonl")
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    journal.append(scan(1))
    assert synced, "the line must be fsync'd before append returns"
    lines = (tmp_path / "j.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["attendee_id"] == "DB-011"


def test_a_torn_last_line_is_skipped_and_fenced_off(tmp_path):
    path = tmp_path / "j.jsonl"
    journal = CheckinJournal(path)
    journal.append(scan(1))
    with open(path, "ab") as f:
        f.write(b'{"nonce": "n2", "attendee_id": "DB-0')  # power cut in the middle of a write
    assert [s.nonce for s in journal.pending()] == ["n1"]
    journal.append(scan(3))
    assert [s.nonce for s in journal.pending()] == ["n1", "n3"]


def test_remove_keeps_the_rest_in_order_and_empties_the_file(tmp_path):
    journal = CheckinJournal(tmp_path / "j.jsonl")
    for n in range(1, 5):
        journal.append(scan(n))
    journal.remove(["n2"])
    assert [s.nonce for s in journal.pending()] == ["n1", "n3", "n4"]
    journal.remove(["n1", "n3", "n4"])
    assert journal.pending() == [] and not (tmp_path / "j.jsonl").exists()


def test_the_path_comes_from_the_environment_or_sits_beside_the_workbook(tmp_path):
    assert journal_path(tmp_path / "data" / "c.xlsx", env={}) == tmp_path / "data" / "checkin_journal.jsonl"
    assert journal_path(tmp_path / "c.xlsx", env={"CONFERENCE_CHECKIN_JOURNAL": str(tmp_path / "x.jsonl")}) == (
        tmp_path / "x.jsonl"
    )


def test_what_counts_as_an_outage():
    down = BackendUnavailable("mất mạng")
    down.__cause__ = requests.ConnectionError("refused")
    assert is_outage(down)
    assert is_outage(Uncertain("t", "DB-1", "x"))
    assert not is_outage(BackendUnavailable("không có quyền"))  # a refusal with a reason is not journaled
    assert not is_outage(DamagedWorkbook("c.xlsx", "hỏng", None))
    assert not is_outage(RowNotFound("t", "DB-1"))


class Switch:
    """The workbook behind a switch: while `down`, every write fails the way an unreachable sheet does."""

    def __init__(self, store: WorkbookStore) -> None:
        self.inner, self.down, self.writes = store, False, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def _reach(self) -> None:
        if self.down:
            exc = BackendUnavailable("Không kết nối được Google Sheet")
            exc.__cause__ = requests.ConnectionError("refused")
            raise exc
        self.writes += 1

    def update_row(self, *args, **kwargs):
        self._reach()
        return self.inner.update_row(*args, **kwargs)

    def update_rows(self, *args, **kwargs):
        self._reach()
        return self.inner.update_rows(*args, **kwargs)


def arrivals(path) -> dict[str, str]:
    raw = validate(WorkbookStore(path).load()).raw["attendees"]
    return {i: v for i, v in raw["checked_in"].items() if isinstance(v, str) and v}


def test_replay_lands_in_order_once_with_original_times_and_keeps_the_earliest(seeded_path, tmp_path):
    store = Switch(WorkbookStore(seeded_path))
    door = DoorCheckins(store, CheckinJournal(tmp_path / "j.jsonl"), hold_s=0)
    store.down = True
    first = door.check_in("DB-011", user="bàn 1", desk="1", now=datetime(2026, 12, 16, 7, 1))
    door.check_in("DB-012", user="bàn 2", desk="2", now=datetime(2026, 12, 16, 7, 2))
    door.check_in("DB-013", user="bàn 2", desk="2", now=datetime(2026, 12, 16, 7, 3))
    door.check_in("DB-999", user="bàn 3", desk="3", now=datetime(2026, 12, 16, 7, 4))
    assert first.queued and door.pending() == 4
    # Meanwhile staff type arrivals by hand: DB-012 earlier than the desk's scan, DB-013 later.
    check_in(store.inner, "DB-012", user="tay", now=datetime(2026, 12, 16, 6, 55))
    check_in(store.inner, "DB-013", user="tay", now=datetime(2026, 12, 16, 7, 30))
    store.down = False
    settled = door.replay()
    assert [r.landing for r in settled] == [Landing.LANDED, Landing.EARLIER, Landing.REPLACED, Landing.UNKNOWN]
    assert door.pending() == 0
    now = arrivals(seeded_path)
    assert now["DB-011"].startswith("16/12/2026 07:01") or "07:01" in now["DB-011"]
    assert "06:55" in now["DB-012"] and "07:03" in now["DB-013"]
    assert {r.scan.attendee_id for r in door.take_reports()} == {"DB-012", "DB-013", "DB-999"}
    # Replaying the same scans again (a crash after the write, before the line left) writes nothing more.
    journal = CheckinJournal(tmp_path / "j.jsonl")
    journal.append(Scan("again", "DB-011", "1", first.stamp, "bàn 1"))
    logged = len(validate(WorkbookStore(seeded_path).load()).raw["audit"])
    assert [r.landing for r in DoorCheckins(store, journal).replay()] == [Landing.LANDED]
    assert arrivals(seeded_path)["DB-011"] == now["DB-011"]
    assert len(validate(WorkbookStore(seeded_path).load()).raw["audit"]) == logged  # no second audit line


def test_pending_scans_go_first_and_a_live_check_in_still_refuses_a_repeat(seeded_path, tmp_path):
    store = Switch(WorkbookStore(seeded_path))
    door = DoorCheckins(store, CheckinJournal(tmp_path / "j.jsonl"), hold_s=0)
    store.down = True
    door.check_in("DB-011", user="bàn 1", now=datetime(2026, 12, 16, 7, 1))
    store.down = False
    with pytest.raises(AlreadyCheckedIn):
        door.check_in("DB-011", user="bàn 2", now=datetime(2026, 12, 16, 7, 5))  # the journaled scan landed first
    assert door.pending() == 0 and "07:01" in arrivals(seeded_path)["DB-011"]


def test_while_holding_after_a_failure_no_desk_waits_on_the_store(seeded_store, tmp_path):
    store = Switch(seeded_store)
    clock = [0.0]
    door = DoorCheckins(store, CheckinJournal(tmp_path / "j.jsonl"), hold_s=10, clock=lambda: clock[0])
    store.down = True
    door.check_in("DB-011", user="u")
    tries = store.writes
    assert door.check_in("DB-012", user="u").queued and store.writes == tries
    store.down = False
    clock[0] = 11.0
    assert not door.check_in("DB-014", user="u").queued and door.pending() == 0


# --- a journal folder that cannot be written (issue 27) ---------------------------------------------------------


def test_a_read_only_journal_folder_stops_no_check_in_while_the_store_answers(seeded_path, tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    door = DoorCheckins(WorkbookStore(seeded_path), CheckinJournal(folder / "j.jsonl"), hold_s=0)
    with refusing_writes(monkeypatch, folder):
        assert door.pending() == 0
        done = door.check_in("DB-011", user="bàn 1", now=datetime(2026, 12, 16, 7, 1))
    assert not done.queued and "07:01" in arrivals(seeded_path)["DB-011"]
    assert list(folder.iterdir()) == [], "the journal is not touched while the store answers"


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EFBIG])
def test_when_neither_store_nor_journal_take_a_scan_the_desk_is_told_to_write_it_down(
    seeded_store, tmp_path, monkeypatch, code
):
    folder = tmp_path / "full"
    folder.mkdir()
    store = Switch(seeded_store)
    door = DoorCheckins(store, CheckinJournal(folder / "j.jsonl"), hold_s=0)
    store.down = True
    with refusing_writes(monkeypatch, folder, code), pytest.raises(ScanNotKept) as refused:
        door.check_in("DB-011", user="bàn 1", now=datetime(2026, 12, 16, 7, 1))
    text = str(refused.value)
    assert "DB-011" in text and "16/12/2026 07:01:00" in text and "giấy" in text, text
    assert ("Ổ đĩa đã đầy" if code != errno.EROFS else "chỉ cho đọc") in text, text
    assert "Errno" not in text and "OSError" not in text


def test_a_scan_held_during_an_outage_goes_to_the_store_when_the_journal_cannot_keep_it(
    seeded_path, tmp_path, monkeypatch
):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = Switch(WorkbookStore(seeded_path))
    door = DoorCheckins(store, CheckinJournal(folder / "j.jsonl"), hold_s=60)
    store.down = True
    with refusing_writes(monkeypatch, folder), pytest.raises(ScanNotKept):
        door.check_in("DB-011", user="bàn 1", now=datetime(2026, 12, 16, 7, 1))
    store.down = False
    with refusing_writes(monkeypatch, folder):
        assert door.holding()
        done = door.check_in("DB-012", user="bàn 1", now=datetime(2026, 12, 16, 7, 2))
    assert not done.queued and "07:02" in arrivals(seeded_path)["DB-012"]


def test_a_full_disk_under_the_workbook_is_an_outage_said_in_vietnamese(seeded_path, monkeypatch):
    with refusing_writes(monkeypatch, seeded_path.parent, errno.ENOSPC), pytest.raises(DiskFull) as full:
        check_in(WorkbookStore(seeded_path), "DB-011", user="bàn 1")
    assert "Ổ đĩa đã đầy" in str(full.value) and "Errno" not in str(full.value)
    assert is_outage(full.value)


def test_the_desks_guarded_store_refuses_a_viewer_before_a_scan_is_journaled_or_coalesced(seeded_path, tmp_path):
    """The journal and the coalescer write with the process's store, so the session's guarded store is asked first:
    a viewer's scan is refused while the store is down (nothing journaled) and while it is up (nothing written)."""
    from services.access import GuardedStore, PermissionDenied, Role
    from services.people.door_batch import Coalescer

    store = Switch(WorkbookStore(seeded_path))
    door = DoorCheckins(store, CheckinJournal(tmp_path / "j.jsonl"), hold_s=0, coalescer=Coalescer(store, window_s=0))
    viewer = GuardedStore(store.inner, Role.VIEWER, "lđ")
    store.down = True
    with pytest.raises(PermissionDenied, match="điểm danh"):
        door.check_in("DB-011", user="lđ", store=viewer)
    assert door.pending() == 0
    store.down = False
    with pytest.raises(PermissionDenied):
        door.check_in("DB-011", user="lđ", store=viewer)
    assert "DB-011" not in arrivals(seeded_path)
    desk = GuardedStore(store.inner, Role.DESK, "cửa 1")
    assert not door.check_in("DB-011", user="cửa 1", store=desk).queued
    assert "DB-011" in arrivals(seeded_path)

"""The door through an outage and a queue, against the Sheets emulator: 50 check-ins from 3 desks while the sheet is
down, a restart in the middle, the sheet back → every scan lands once with its scan time, the journal empties, one
audit line each, the earliest time kept for people checked in by hand meanwhile. Coalesced writes: one batch for
many desks, each desk its own answer."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from services.people.checkin import AlreadyCheckedIn, check_in_many
from services.people.checkin_journal import CheckinJournal
from services.people.door_batch import Coalescer
from services.people.door_sync import DoorCheckins, Landing
from services.schema import ATTENDEES, AUDIT
from services.schema import tab as schema_tab
from services.setup.seed import seed_rows
from services.store import RowNotFound
from services.store.gsheets import GoogleSheetStore
from services.store.rows import TabData, build_row
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.backends import FAST_RETRY
from tests.conftest import FIXED_TODAY
from tests.sheets_emulator import SheetsEmulator

T0 = datetime(2026, 12, 16, 7, 0, 0)
STAMP = "%d/%m/%Y %H:%M:%S"


def seeded_tabs() -> dict[str, list[list[str]]]:
    tabs = {}
    for key, rows in seed_rows(FIXED_TODAY).items():
        spec = schema_tab(key)
        tabs[spec.title] = [spec.headers] + [build_row(spec, TabData(spec.title, spec.headers, []), r) for r in rows]
    return tabs


@pytest.fixture
def sheet():
    with SheetsEmulator() as emulator:
        yield emulator, emulator.create("Hội nghị", seeded_tabs())


def fresh_store(emulator, key) -> GoogleSheetStore:
    return GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY)


def arrivals(emulator, key) -> dict[str, str]:
    grid = emulator.cells(key, ATTENDEES.title)
    col = grid[0].index(ATTENDEES.column("checked_in").header)
    return {r[0]: r[col] for r in grid[1:] if col < len(r) and r[col]}


def audit_ids(emulator, key) -> list[str]:
    grid = emulator.cells(key, AUDIT.title) if AUDIT.title in emulator.book(key).titles() else []
    return [r[3] for r in grid[1:]]


def ids(n: int, start: int = 1) -> list[str]:
    return [f"DB-{i:03d}" for i in range(start, start + n)]


def run_desks(door: DoorCheckins, per_desk: list[list[tuple[str, datetime]]]) -> list:
    results: list = []
    lock = threading.Lock()

    def desk(number: int, scans):
        for attendee_id, at in scans:
            try:
                got = door.check_in(attendee_id, user=f"bàn {number}", desk=str(number), now=at)
            except Exception as exc:  # the test looks at every result
                got = exc
            with lock:
                results.append(got)

    threads = [threading.Thread(target=desk, args=(n, s)) for n, s in enumerate(per_desk, start=1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_check_ins_through_an_outage_and_a_restart_land_exactly_once(sheet, tmp_path):
    emulator, key = sheet
    path = tmp_path / "journal.jsonl"
    scans = [(attendee, T0 + timedelta(seconds=7 * n)) for n, attendee in enumerate(ids(50))]
    desks = [scans[d::3] for d in range(3)]  # three desks, interleaved
    first_half = [d[: len(d) // 2] for d in desks]
    second_half = [d[len(d) // 2 :] for d in desks]
    emulator.go_down("refuse")
    door = DoorCheckins(fresh_store(emulator, key), CheckinJournal(path), hold_s=60)
    results = run_desks(door, first_half)
    assert all(r.queued for r in results), results
    # The server restarts: new store, new journal object, same file; the sheet answers 503 now.
    emulator.go_down("503")
    door = DoorCheckins(fresh_store(emulator, key), CheckinJournal(path), hold_s=60)
    assert door.pending() == len(results)
    results += run_desks(door, second_half)
    assert len(results) == 50 and all(r.queued for r in results)
    assert CheckinJournal(path).count() == 50
    # Meanwhile, staff type two arrivals by hand: DB-005 before its scan, DB-006 after its scan.
    col = emulator.cells(key, ATTENDEES.title)[0].index(ATTENDEES.column("checked_in").header) + 1
    emulator.set_cell(key, ATTENDEES.title, 6, col, "16/12/2026 06:30:00")
    emulator.set_cell(key, ATTENDEES.title, 7, col, "16/12/2026 09:00:00")
    emulator.come_back()
    emulator.reset_log()
    settled = DoorCheckins(fresh_store(emulator, key), CheckinJournal(path)).replay()
    assert len(settled) == 50
    landing = {r.scan.attendee_id: r.landing for r in settled}
    assert landing["DB-005"] is Landing.EARLIER and landing["DB-006"] is Landing.REPLACED
    assert sum(1 for v in landing.values() if v is Landing.LANDED) == 48
    assert CheckinJournal(path).count() == 0 and not path.exists()
    now = arrivals(emulator, key)
    for attendee, at in scans:
        expected = "16/12/2026 06:30:00" if attendee == "DB-005" else at.strftime(STAMP)
        assert now[attendee] == expected, attendee
    logged = audit_ids(emulator, key)
    assert sorted(logged) == sorted(a for a, _ in scans if a != "DB-005")  # one line each, none for the kept time
    # A second replay (nothing waits) and a late duplicate of a scan change nothing.
    assert DoorCheckins(fresh_store(emulator, key), CheckinJournal(path)).replay() == []


def test_a_replay_whose_answer_was_lost_does_not_write_twice(sheet, tmp_path):
    emulator, key = sheet
    path = tmp_path / "journal.jsonl"
    emulator.go_down("refuse")
    door = DoorCheckins(fresh_store(emulator, key), CheckinJournal(path), hold_s=60)
    door.check_in("DB-020", user="bàn 1", now=T0)
    emulator.come_back()
    # The write lands but its answer never comes back (the policy gives up): the line stays in the journal.
    emulator.delay_next(6.0, count=10, apply_first=True, kind="spreadsheets.batchUpdate")
    short = GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY.__class__(1, 0.5, 0.01, 0.1, 0.5))
    DoorCheckins(short, CheckinJournal(path)).replay()
    emulator.clear_faults()
    assert CheckinJournal(path).count() == 1
    settled = DoorCheckins(fresh_store(emulator, key), CheckinJournal(path)).replay()
    assert [r.landing for r in settled] == [Landing.LANDED] and CheckinJournal(path).count() == 0
    assert arrivals(emulator, key)["DB-020"] == T0.strftime(STAMP)
    assert audit_ids(emulator, key).count("DB-020") == 1


def test_update_rows_writes_many_check_ins_in_one_batch_with_their_audit_lines(sheet):
    emulator, key = sheet
    store = fresh_store(emulator, key)
    store.update_row("attendees", "DB-003", {"checked_in": "16/12/2026 06:00:00"}, {"checked_in": ""}, user="tay")
    emulator.reset_log()
    scans = [(a, (T0 + timedelta(seconds=n)).strftime(STAMP), f"bàn {n % 3}") for n, a in enumerate(ids(6))]
    scans.append(("DB-404", T0.strftime(STAMP), "bàn 1"))
    out = check_in_many(store, scans)
    assert emulator.count("spreadsheets.batchUpdate") == 1
    assert isinstance(out[2], AlreadyCheckedIn) and out[2].at == "16/12/2026 06:00:00"
    assert isinstance(out[6], RowNotFound)
    assert [o for n, o in enumerate(out) if n not in (2, 6)] == [s[1] for n, s in enumerate(scans) if n not in (2, 6)]
    assert sorted(audit_ids(emulator, key)) == sorted(["DB-003", *(a for a, _, _ in scans[:6] if a != "DB-003")])


def test_two_desks_scanning_one_guest_in_the_same_batch_get_one_time_and_one_audit_line(sheet):
    emulator, key = sheet
    store = fresh_store(emulator, key)
    first, second = T0.strftime(STAMP), (T0 + timedelta(seconds=1)).strftime(STAMP)
    out = check_in_many(store, [("DB-050", first, "bàn 1"), ("DB-051", first, "bàn 1"), ("DB-050", second, "bàn 2")])
    assert out[:2] == [first, first]
    assert isinstance(out[2], AlreadyCheckedIn) and out[2].at == first
    assert arrivals(emulator, key)["DB-050"] == first
    assert audit_ids(emulator, key).count("DB-050") == 1


def test_a_row_moved_between_the_read_and_the_batch_still_gets_its_own_time(sheet):
    emulator, key = sheet
    store = fresh_store(emulator, key)
    # Staff insert a row at the top just before the batch: every target row shifts down by one.
    emulator.before("spreadsheets.batchUpdate", lambda e: e.insert_row(key, ATTENDEES.title, 2, ["KH-900", "Khách"]))
    scans = [(a, (T0 + timedelta(seconds=n)).strftime(STAMP), "bàn 1") for n, a in enumerate(ids(3, 30))]
    assert check_in_many(store, scans) == [s[1] for s in scans]
    now = arrivals(emulator, key)
    assert {a: now.get(a) for a, _, _ in scans} == {a: s for a, s, _ in scans}
    assert "KH-900" not in now


def test_rows_moved_during_a_batch_go_again_together_not_one_by_one(sheet):
    """One path for one row and many (issue 28): rows found moved are put back and sent again as one batch."""
    emulator, key = sheet
    store = fresh_store(emulator, key)
    store.ensure_schema()  # the write journal exists, as after init-sheet: every batchUpdate below is a write
    scans = [(a, (T0 + timedelta(seconds=n)).strftime(STAMP), "bàn 1") for n, a in enumerate(ids(3, 60))]
    emulator.before("spreadsheets.batchUpdate", lambda e: e.insert_row(key, ATTENDEES.title, 2, ["KH-901", "Khách"]))
    emulator.reset_log()
    assert check_in_many(store, scans) == [s[1] for s in scans]
    # The batch (1), one put-back per misplaced row (3), the three rows again in one batch (1) — one by one, 3.
    assert emulator.count("spreadsheets.batchUpdate") == 5
    assert {a: arrivals(emulator, key).get(a) for a, _, _ in scans} == {a: s for a, s, _ in scans}


def test_three_desks_at_once_share_batches_and_each_gets_its_own_answer(sheet):
    emulator, key = sheet
    store = fresh_store(emulator, key)
    store.update_row("attendees", "DB-041", {"checked_in": "16/12/2026 06:00:00"}, {"checked_in": ""}, user="tay")
    coalescer = Coalescer(store, window_s=0.2, gap_s=0.2)
    door = DoorCheckins(store, CheckinJournal("/nonexistent/never-used.jsonl"), coalescer=coalescer)
    emulator.reset_log()
    per_desk = [[(a, T0 + timedelta(seconds=n)) for n, a in enumerate(ids(5, 40 + 5 * d))] for d in range(3)]
    results = run_desks(door, per_desk)
    already = [r for r in results if isinstance(r, AlreadyCheckedIn)]
    assert len(already) == 1 and already[0].attendee_id == "DB-041"
    assert sum(1 for r in results if not isinstance(r, Exception) and not r.queued) == 14
    writes = emulator.count("spreadsheets.batchUpdate")
    assert writes == coalescer.batches and writes < 10, writes  # 15 check-ins, far fewer writes


def test_workbook_update_rows_one_save_for_many(seeded_path):
    store = WorkbookStore(seeded_path)
    scans = [(a, (T0 + timedelta(seconds=n)).strftime(STAMP), "bàn 1") for n, a in enumerate(ids(4))]
    assert check_in_many(store, [*scans, ("DB-404", "16/12/2026 07:00:00", "x")])[:4] == [s[1] for s in scans]
    again = check_in_many(store, scans[:1])
    assert isinstance(again[0], AlreadyCheckedIn)
    raw = validate(store.load()).raw
    assert list(raw[AUDIT.key]["row_id"])[-4:] == ids(4)

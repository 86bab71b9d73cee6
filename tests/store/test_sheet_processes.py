"""Separate processes writing the same Google Sheet (two servers, or the CLI and a server): one winner each time.

Each worker is its own Python process with its own store, so the in-process lock cannot help: only the sheet
protocol can. The emulator adds latency to every request so the writes really overlap.
"""

from __future__ import annotations

import multiprocessing as mp
from datetime import datetime

import pytest

from services.schema import ATTENDEES, AUDIT
from tests.backends import GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

HEADER = ATTENDEES.headers
CHECKED_IN = HEADER.index("Có mặt")
ROUNDS = 100
WALK_INS = 50
LATENCY_S = 0.004


def _check_in_worker(host, key, desk, barrier, results, rounds):
    from services.people import checkin
    from services.store import StoreError
    from services.store.gsheets import GoogleSheetStore
    from tests.backends import FAST_RETRY

    store = GoogleSheetStore.for_emulator(host, key, policy=FAST_RETRY)
    store.load()
    for n in range(rounds):
        barrier.wait()
        stamp = datetime(2026, 12, 1, 8, 0, n % 60, 0)
        try:
            written = checkin.check_in(store, "DB-001", user=f"bàn {desk}", now=stamp.replace(minute=desk))
            results.put((n, desk, "won", written))
        except checkin.AlreadyCheckedIn as exc:
            results.put((n, desk, "already", exc.at))
        except StoreError as exc:
            results.put((n, desk, "error", str(exc)))
        barrier.wait()  # the main process resets the cell between rounds


def _walk_in_worker(host, key, desk, barrier, results, count):
    from services.people import checkin
    from services.store.gsheets import GoogleSheetStore
    from tests.backends import FAST_RETRY

    store = GoogleSheetStore.for_emulator(host, key, policy=FAST_RETRY)
    store.load()
    barrier.wait()
    for n in range(count):
        new_id, _ = checkin.walk_in(store, {"name": f"Khách {desk}-{n:02d}"}, user=f"bàn {desk}")
        results.put(new_id)


def _start(target, sheet, count: int, *, parties: int):
    """Two worker processes (desks 1 and 2), each with its own store, started; (workers, barrier, results)."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(parties), ctx.Queue()
    args = (sheet.emulator.host, sheet.key)
    workers = [ctx.Process(target=target, args=(*args, d, barrier, results, count), daemon=True) for d in (1, 2)]
    for w in workers:
        w.start()
    return workers, barrier, results


# How long one answer from a worker may take: spawning a process that imports pandas and gspread takes seconds on
# an idle machine but minutes on a loaded CI box; a wait is no assertion here, only the outcomes are.
SLOW_MACHINE_S = 300


@pytest.fixture
def sheet():
    emulator = shared_emulator()
    people = [["DB-001", "Nguyễn Văn An", "Nam", "", "", "công chức"], ["DB-002", "Hoàng Thị Hòa", "Nữ"]]
    backend = GoogleSheetBackend({ATTENDEES.title: [HEADER, *people], AUDIT.title: [AUDIT.headers]}, emulator)
    backend.store.ensure_schema()
    emulator.delay_next(LATENCY_S, count=100_000)
    yield backend
    emulator.clear_faults()


@pytest.mark.timeout(900)
def test_two_processes_checking_in_the_same_person_have_exactly_one_winner_each_round(sheet):
    workers, barrier, results = _start(_check_in_worker, sheet, ROUNDS, parties=3)
    outcomes: dict[int, list[tuple]] = {}
    for n in range(ROUNDS):
        barrier.wait()
        got = [results.get(timeout=SLOW_MACHINE_S) for _ in range(2)]
        outcomes[n] = got
        cell = sheet.cells(ATTENDEES.title)[1][CHECKED_IN]
        winners = [g for g in got if g[2] == "won"]
        assert len(winners) == 1, f"round {n}: {got}"
        loser = next(g for g in got if g[2] != "won")
        assert loser[2] == "already" and loser[3] == winners[0][3], f"round {n}: {got}"
        assert cell == winners[0][3], f"round {n}: the sheet shows {cell!r}, the winner wrote {winners[0][3]!r}"
        sheet.set_cell(ATTENDEES.title, 2, CHECKED_IN + 1, "")
        barrier.wait()
    for w in workers:
        w.join(timeout=30)
    assert len(outcomes) == ROUNDS


@pytest.mark.timeout(900)
def test_two_processes_adding_walk_ins_never_share_an_id(sheet):
    workers, _, results = _start(_walk_in_worker, sheet, WALK_INS, parties=2)
    returned = [results.get(timeout=SLOW_MACHINE_S) for _ in range(2 * WALK_INS)]
    for w in workers:
        w.join(timeout=30)
    rows = sheet.cells(ATTENDEES.title)[1:]
    ids = [r[0] for r in rows]
    assert len(returned) == len(set(returned)) == 2 * WALK_INS
    assert len(ids) == len(set(ids)) == 2 + 2 * WALK_INS
    assert set(returned) <= set(ids)
    names = [r[1] for r in rows]
    assert len(names) == len(set(names)), "no walk-in was added twice"

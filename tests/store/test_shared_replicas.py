"""Replicas sharing through a real Redis (tests/redis_server.py) over the Sheets emulator: one source read per unit
per freshness window, one write bucket per Google identity, the door's journal replayed exactly once by another
replica when the one that took the scans is gone, and per-process behaviour (said once in the log) while Redis is
down — nothing lost."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

import pytest

from services.people.checkin import check_in_many
from services.people.door_sync import DoorCheckins, Landing
from services.people.write_tokens import LocalBucket
from services.reads import Reads
from services.schema import ATTENDEES
from services.shared.engine import SharedEngine, redis_url
from services.shared.journal import SharedJournal
from services.shared.read_cache import SharedReads
from services.shared.tokens import SharedBucket
from services.store.gsheets import GoogleSheetStore
from tests.backends import FAST_RETRY
from tests.redis_server import RedisServer, running_redis
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_door_outage import arrivals, audit_ids, seeded_tabs

TTL_S = 10
T0 = datetime(2026, 12, 16, 7, 0, 0)


class Clock:
    """One clock for every replica in the test (monotonic for the read generations, wall for Redis ages)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def redis_server():
    with running_redis() as server:
        yield server


@pytest.fixture
def sheet():
    with SheetsEmulator() as emulator:
        yield emulator, emulator.create("Hội nghị", seeded_tabs())


def replica(emulator, key, engine: SharedEngine | None, clock: Clock, tmp_path, unit: str = "default") -> Reads:
    """One app server's read side: its own store (its own HTTP client), its own process memory."""
    store = GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY)
    shared = SharedReads(engine, clock=clock) if engine is not None else None
    return Reads(lambda: store, TTL_S, tmp_path / "conference.xlsx", clock=clock, shared_reads=shared, unit=unit)


def test_the_redis_url_comes_from_the_environment_or_secrets():
    assert redis_url({}, {}) is None
    assert redis_url({"redis": {"url": "redis://a:6379/0"}}, {}) == "redis://a:6379/0"
    assert redis_url({"redis": {"url": "redis://a"}}, {"CONFERENCE_REDIS_URL": "redis://b"}) == "redis://b"


def test_two_replicas_read_the_sheet_once_per_window_and_share_its_versions(redis_server, sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    a = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "a")
    b = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "b")
    emulator.reset_log()
    data_a, error_a = a.dataset()
    data_b, error_b = b.dataset()
    assert error_a is None and error_b is None and data_a is not None and data_b is not None
    assert emulator.count("values.batchGet") == 1  # b took a's text from Redis
    assert data_a.fingerprint == data_b.fingerprint and a.data_version(data_a) == b.data_version(data_b)

    clock.now += TTL_S  # the next window: again one read for both, the same text → the same version, kept
    before = b.validated.validations
    data_b2, _ = b.dataset()
    data_a2, _ = a.dataset()
    assert emulator.count("values.batchGet") == 2
    assert data_b2 is not None and data_b2.fingerprint == data_b.fingerprint
    assert b.validated.validations == before  # unchanged text: not validated (nor hashed) again

    # Staff edit the sheet: the next window's single read brings the new version to both replicas.
    emulator.set_cell(key, ATTENDEES.title, 2, 2, "Nguyễn Văn Sửa")
    clock.now += TTL_S
    new_a, _ = a.dataset()
    new_b, _ = b.dataset()
    assert emulator.count("values.batchGet") == 3
    assert new_a is not None and new_b is not None and new_a.fingerprint == new_b.fingerprint != data_a2.fingerprint


def test_a_replica_taking_another_ones_read_never_serves_it_past_the_ttl(redis_server, sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    a = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "a")
    b = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "b")
    emulator.reset_log()
    a.dataset()
    clock.now += 7
    b.dataset()  # a's read, 7 s old
    assert emulator.count("values.batchGet") == 1
    clock.now += 3  # that read is now TTL old: b's window ends with it, not 10 s after b took it
    b.dataset()
    assert emulator.count("values.batchGet") == 2


def test_replicas_asking_at_once_wait_for_one_read(redis_server, sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    replicas = [replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / str(n)) for n in range(3)]
    emulator.reset_log()
    emulator.delay_next(0.5, kind="values.batchGet")  # a slow Google: the others wait for the first reader
    results: list = []
    threads = [threading.Thread(target=lambda r=r: results.append(r.dataset())) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 3 and all(data is not None and error is None for data, error in results)
    assert emulator.count("values.batchGet") == 1
    assert len({data.fingerprint for data, _ in results}) == 1


def test_without_redis_each_replica_reads_for_itself(sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    a, b = (replica(emulator, key, None, clock, tmp_path / n) for n in "ab")
    emulator.reset_log()
    a.dataset()
    b.dataset()
    assert emulator.count("values.batchGet") == 2  # today's behaviour: one read per process per window


def test_units_never_share_a_read(redis_server, sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    engine = SharedEngine(redis_server.url)
    replica(emulator, key, engine, clock, tmp_path / "a", unit="so-noi-vu").dataset()
    emulator.reset_log()
    replica(emulator, key, engine, clock, tmp_path / "b", unit="so-khcn").dataset()
    assert emulator.count("values.batchGet") == 1  # the other unit's entry is not this unit's


def test_a_replica_started_during_an_outage_serves_what_another_read(redis_server, sheet, tmp_path):
    emulator, key = sheet
    clock = Clock()
    first, _ = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "a").dataset()
    emulator.go_down("refuse")
    late = replica(emulator, key, SharedEngine(redis_server.url), clock, tmp_path / "b")  # no disk copy of its own
    clock.now += TTL_S
    data, error = late.dataset()
    assert error is not None and data is not None and first is not None
    assert data.loaded_at == first.loaded_at  # the other replica's read, with its age
    assert data.raw["attendees"].equals(first.raw["attendees"])
    assert not list((tmp_path / "b").glob("last_good_*.json"))


def test_one_write_bucket_for_every_replica_of_an_identity(redis_server):
    identity = "desk@conference.iam.gserviceaccount.com"
    a = SharedBucket(SharedEngine(redis_server.url), identity, burst=2, gap_s=1.0)
    b = SharedBucket(SharedEngine(redis_server.url), identity, burst=2, gap_s=1.0)
    other = SharedBucket(SharedEngine(redis_server.url), "other@x.iam.gserviceaccount.com", burst=2, gap_s=1.0)
    assert a.take() == 0 and b.take() == 0
    assert b.take() > 0.5 and a.take() > 1.5  # the burst is spent across replicas: each waits its turn
    assert other.take() == 0  # another identity has its own quota
    # Per process (no Redis), the same two replicas would each have written at once: twice the rate.
    local_a, local_b = LocalBucket(2, 1.0), LocalBucket(2, 1.0)
    assert [local_a.take(), local_b.take(), local_b.take(), local_a.take()] == [0, 0, 0, 0]


def test_a_scan_kept_by_a_replica_that_died_is_replayed_by_another_exactly_once(redis_server, sheet, tmp_path):
    emulator, key = sheet
    emulator.go_down("refuse")
    dead = DoorCheckins(
        GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY),
        SharedJournal(SharedEngine(redis_server.url), "default", tmp_path / "a" / "j.jsonl"),
        hold_s=0,
    )
    kept = [dead.check_in(f"DB-00{n}", user="bàn 1", desk="1", now=T0.replace(minute=n)) for n in (1, 2, 3)]
    assert all(r.queued for r in kept)
    del dead  # the replica is gone (its memory with it; its disk, with its own copy of the journal, is away)
    emulator.come_back()
    # A replay that wrote DB-001 and was killed before the line left the journal (its answer lost):
    check_in_many(GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY), [("DB-001", kept[0].stamp, "")])

    def survivor(name: str) -> DoorCheckins:
        journal = SharedJournal(SharedEngine(redis_server.url), "default", tmp_path / name / "j.jsonl")
        return DoorCheckins(GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY), journal, hold_s=0)

    b, c = survivor("b"), survivor("c")
    assert b.pending() == c.pending() == 3
    settled: list = []
    threads = [threading.Thread(target=lambda d=d: settled.extend(d.replay())) for d in (b, c)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    settled += b.replay() + c.replay()  # whoever lost the claim tries again: nothing is left
    assert sorted(r.scan.attendee_id for r in settled) == ["DB-001", "DB-002", "DB-003"]
    assert all(r.landing is Landing.LANDED for r in settled)
    assert b.pending() == c.pending() == 0
    got = arrivals(emulator, key)
    assert [got[f"DB-00{n}"] for n in (1, 2, 3)] == [r.stamp for r in kept]
    audits = audit_ids(emulator, key)
    assert [audits.count(f"DB-00{n}") for n in (1, 2, 3)] == [1, 1, 1]  # applied once each
    # The dead replica restarts on its disk: its own copy of the scans is replayed — and lands nothing more.
    restarted = survivor("a")
    assert restarted.pending() == 3
    assert [r.landing for r in restarted.replay()] == [Landing.LANDED] * 3
    assert restarted.pending() == 0 and audit_ids(emulator, key) == audits


def test_redis_killed_mid_run_degrades_to_per_process_and_nothing_is_lost(
    redis_server, sheet, tmp_path, caplog, request
):
    emulator, key = sheet
    clock = Clock()
    engine = SharedEngine(redis_server.url, clock=clock)
    reads = Reads(
        lambda: store,
        TTL_S,
        tmp_path / "conference.xlsx",
        clock=clock,
        shared_reads=SharedReads(engine, clock=clock),
    )
    store = GoogleSheetStore.for_emulator(emulator.host, key, policy=FAST_RETRY)
    door = DoorCheckins(store, SharedJournal(engine, "default", tmp_path / "j.jsonl"), hold_s=0)
    assert reads.dataset()[1] is None
    redis_server.kill()
    caplog.set_level(logging.WARNING, logger="services.shared.engine")
    emulator.reset_log()
    for _ in range(3):  # the pages keep working, each window read by this process
        clock.now += TTL_S
        data, error = reads.dataset()
        assert data is not None and error is None
    assert emulator.count("values.batchGet") == 3
    emulator.go_down("refuse")
    queued = door.check_in("DB-004", user="bàn 1", desk="1", now=T0)
    assert queued.queued and (tmp_path / "j.jsonl").exists()  # the local journal took the scan
    down = [r for r in caplog.records if "Mất kết nối Redis" in r.getMessage()]
    assert len(down) == 1 and "per-process" in down[0].getMessage()  # said once, in both languages

    back = RedisServer(redis_server.port).start()  # Redis back (empty: it kept nothing on disk)
    request.addfinalizer(back.stop)  # this one is not the fixture's: stop it too, or it outlives the run
    clock.now += 60
    emulator.come_back()
    assert door.pending() == 1
    settled = door.replay()
    assert [r.landing for r in settled] == [Landing.LANDED]
    assert door.pending() == 0 and not (tmp_path / "j.jsonl").exists()
    assert arrivals(emulator, key)["DB-004"] == queued.stamp
    assert any("Đã kết nối lại Redis" in r.getMessage() for r in caplog.records)

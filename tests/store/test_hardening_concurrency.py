"""Many writers at once, on every backend: nothing lost, nothing duplicated, exactly one winner per contested cell."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from services.schema import ATTENDEES
from services.store import Conflict
from tests.backends import BACKENDS, make_backend

THREADS = 10
HEADER = ATTENDEES.headers
NOTE = HEADER.index("Ghi chú")


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path):
    rows = [[f"DB-{i:03d}", f"Người {i}", "", "", "", "công chức"] for i in range(1, THREADS + 1)]
    return make_backend(request.param, tmp_path, {ATTENDEES.title: [HEADER, *rows]})


def _run_together(jobs):
    barrier = threading.Barrier(len(jobs))

    def start(job):
        barrier.wait()
        return job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(start, job) for job in jobs]
    return [f.exception() or f.result() for f in futures]


def test_ten_threads_writing_different_rows_all_land(backend):
    jobs = [
        (
            lambda i=i: backend.store.update_row(
                "attendees", f"DB-{i:03d}", {"note": f"ghi {i}"}, {"note": ""}, user=f"t{i}"
            )
        )
        for i in range(1, THREADS + 1)
    ]
    results = _run_together(jobs)
    assert [r for r in results if isinstance(r, Exception)] == []
    rows = backend.cells(ATTENDEES.title)[1:]
    assert len(rows) == THREADS
    assert {r[0]: r[NOTE] for r in rows} == {f"DB-{i:03d}": f"ghi {i}" for i in range(1, THREADS + 1)}
    assert len(backend.store.load().get("audit").rows) == THREADS


def test_ten_threads_writing_the_same_cell_exactly_one_wins(backend):
    jobs = [
        (lambda i=i: backend.store.update_row("attendees", "DB-001", {"note": f"bàn {i}"}, {"note": ""}, user=f"t{i}"))
        for i in range(THREADS)
    ]
    results = _run_together(jobs)
    winners = [i for i, r in enumerate(results) if r is None]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == THREADS - 1
    rows = backend.cells(ATTENDEES.title)[1:]
    assert len(rows) == THREADS
    assert rows[0][NOTE] == f"bàn {winners[0]}"
    assert len(backend.store.load().get("audit").rows) == 1


def test_ten_threads_appending_get_distinct_ids_and_no_row_is_lost(backend):
    jobs = [
        (
            lambda i=i: backend.store.append_rows(
                "attendees", [{"name": f"Khách {i}", "group": "khách mời"}], user=f"t{i}"
            )
        )
        for i in range(THREADS)
    ]
    results = _run_together(jobs)
    assert [r for r in results if isinstance(r, Exception)] == []
    ids = [r[0] for r in results]
    assert len(set(ids)) == THREADS
    rows = backend.cells(ATTENDEES.title)[1:]
    assert len(rows) == 2 * THREADS
    assert sorted(r[1] for r in rows[THREADS:]) == sorted(f"Khách {i}" for i in range(THREADS))

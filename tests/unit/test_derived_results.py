"""The memo behind shared page results: once per (dataset version, name, arguments), concurrent callers share one
computation, newer versions and clear() drop entries, a failure is not remembered."""

from __future__ import annotations

import threading
import time

import pytest

from services.reads.derived import DerivedResults


class Counting:
    def __init__(self, pause_s: float = 0.0) -> None:
        self.calls = 0
        self.pause_s = pause_s
        self._lock = threading.Lock()

    def __call__(self, value: object) -> object:
        with self._lock:
            self.calls += 1
        time.sleep(self.pause_s)
        return ("result", value)


def test_one_computation_per_version_and_arguments():
    memo, make = DerivedResults(), Counting()
    first = memo.get("v1", "f", ("vi",), lambda: make("vi"))
    assert memo.get("v1", "f", ("vi",), lambda: make("vi")) is first
    assert make.calls == 1
    memo.get("v1", "f", ("en",), lambda: make("en"))  # another language: its own result
    memo.get("v2", "f", ("vi",), lambda: make("vi"))  # a new load: worked out again
    memo.get("v1", "g", ("vi",), lambda: make("vi"))  # another function
    assert make.calls == 4
    assert memo.computed == {"f": 3, "g": 1}


def test_clear_forgets_everything():
    memo, make = DerivedResults(), Counting()
    memo.get("v1", "f", (), lambda: make(1))
    memo.clear()
    assert len(memo) == 0
    memo.get("v1", "f", (), lambda: make(1))
    assert make.calls == 2


def test_only_the_newest_versions_are_kept():
    memo, make = DerivedResults(keep_versions=2), Counting()
    for version in ("v1", "v2", "v3"):
        memo.get(version, "f", (), lambda v=version: make(v))
    assert len(memo) == 2
    memo.get("v3", "f", (), lambda: make("v3"))
    memo.get("v2", "f", (), lambda: make("v2"))
    assert make.calls == 3  # v2 and v3 still held
    memo.get("v1", "f", (), lambda: make("v1"))
    assert make.calls == 4  # v1 had been dropped


def test_concurrent_callers_share_one_computation():
    memo, make = DerivedResults(), Counting(pause_s=0.2)
    start = threading.Barrier(8)
    results: list[object] = []

    def viewer() -> None:
        start.wait()
        results.append(memo.get("v1", "f", ("vi",), lambda: make("vi")))

    threads = [threading.Thread(target=viewer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert make.calls == 1
    assert len(results) == 8 and all(r is results[0] for r in results)


def test_a_failure_is_not_remembered():
    memo, make = DerivedResults(), Counting()

    def broken() -> object:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        memo.get("v1", "f", (), broken)
    assert memo.get("v1", "f", (), lambda: make(1)) == ("result", 1)


def test_a_result_worked_out_while_cleared_is_not_kept():
    memo = DerivedResults()
    memo.get("v1", "f", (), lambda: (memo.clear(), "stale")[1])  # refresh() while computing
    assert len(memo) == 0

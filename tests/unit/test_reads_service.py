"""The read side as a service (services.reads.Reads), without Streamlit: one read per TTL, reuse of unchanged text,
the failure hold, the last good data (memory, then disk), and derived results shared per dataset version."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from pathlib import Path

import pytest

from services.reads import FAILURE_HOLD_S, Reads
from services.store import BackendInfo
from services.store.errors import BackendUnavailable, ReadFailed, StoreError
from services.store.rows import Snapshot, TabData
from services.validation import Dataset

TTL_S = 10


def _snapshot(name: str = "Nguyễn Văn An") -> Snapshot:
    header = ["Mã", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị", "Nhóm"]
    return Snapshot({"attendees": TabData("Đại biểu", header, [["DB-001", name, "Nam", "", "Văn phòng Sở", "khác"]])})


class SourceStore:
    """A store whose next read returns `text` (a new Snapshot object each time, as a real read does) or raises
    `failure`; counts its reads."""

    def __init__(self) -> None:
        self.name = "Nguyễn Văn An"
        self.failure: Exception | None = None
        self.loads = 0

    def info(self) -> BackendInfo:
        return BackendInfo(kind="test", title="test", location="test://source")

    def load(self) -> Snapshot:
        self.loads += 1
        if self.failure is not None:
            raise self.failure
        return dataclasses.replace(_snapshot(self.name), loaded_at=datetime.now())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def source() -> SourceStore:
    return SourceStore()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reads(source, clock, tmp_path, monkeypatch) -> Reads:
    monkeypatch.delenv("CONFERENCE_LAST_GOOD_DIR", raising=False)
    return Reads(lambda: source, TTL_S, tmp_path / "conference.xlsx", clock=clock)


def names(data: Dataset | None) -> list[str]:
    assert data is not None
    return list(data.frames["attendees"]["name"])


def test_one_read_per_ttl_for_every_caller(reads, source, clock):
    first, error = reads.dataset()
    assert error is None and names(first) == ["Nguyễn Văn An"]
    clock.now += TTL_S - 0.1
    assert reads.dataset()[0] is first and source.loads == 1
    source.name = "Nguyễn Văn Ân"
    clock.now += 0.1  # the TTL has passed: a new read
    assert names(reads.dataset()[0]) == ["Nguyễn Văn Ân"] and source.loads == 2


def test_a_read_that_finds_the_same_text_reuses_the_dataset_and_its_results(reads, source, clock):
    first, _ = reads.dataset()
    assert reads.shared(first, names) == ["Nguyễn Văn An"]
    clock.now += TTL_S
    again, _ = reads.dataset()
    assert source.loads == 2 and reads.validated.validations == 1
    assert again.frames is first.frames and again.loaded_at >= first.loaded_at
    assert reads.shared(again, names) == ["Nguyễn Văn An"] and sum(reads.derived.computed.values()) == 1


def test_a_shared_result_is_worked_out_once_per_version_and_arguments(reads, source, clock):
    calls: list[str] = []

    def greeting(data: Dataset, lang: str) -> str:
        calls.append(lang)
        return f"{lang}: {names(data)[0]}"

    data, _ = reads.dataset()
    assert reads.shared(data, greeting, "vi") == reads.shared(data, greeting, "vi") == "vi: Nguyễn Văn An"
    assert reads.shared(data, greeting, lang="en") == "en: Nguyễn Văn An"
    assert calls == ["vi", "en"]
    source.name = "Nguyễn Văn Ân"
    clock.now += TTL_S
    changed, _ = reads.dataset()
    assert reads.shared(changed, greeting, "vi") == "vi: Nguyễn Văn Ân" and calls == ["vi", "en", "vi"]


def test_an_unshared_reads_works_everything_out_each_time(source, clock, tmp_path):
    """The benchmarks' baseline: the same reads, no shared results."""
    reads = Reads(lambda: source, TTL_S, tmp_path / "conference.xlsx", share=False, clock=clock)
    calls: list[int] = []
    data, _ = reads.dataset()
    for _ in range(3):
        reads.shared(data, lambda d: calls.append(1) or len(d.frames))
    assert len(calls) == 3 and len(reads.derived) == 0


def test_refresh_reads_again_and_drops_the_results(reads, source):
    data, _ = reads.dataset()
    reads.shared(data, names)
    reads.refresh()
    again, _ = reads.dataset()
    assert source.loads == 2 and reads.validated.validations == 2  # validated again, though the text is the same
    assert len(reads.derived) == 0
    reads.shared(again, names)
    assert reads.derived.computed["tests.unit.test_reads_service.names"] == 2


def test_expire_reads_again_within_the_ttl(reads, source):
    first, _ = reads.dataset()
    reads.expire()
    again, _ = reads.dataset()
    assert source.loads == 2 and again.frames is first.frames  # unchanged text: the same dataset, no validation


def test_a_failing_source_serves_the_last_good_data_and_is_held_off(reads, source, clock):
    good, _ = reads.dataset()
    source.failure = BackendUnavailable("Mất kết nối")
    clock.now += TTL_S
    data, error = reads.dataset()
    assert data is good and isinstance(error, BackendUnavailable) and source.loads == 2
    clock.now += FAILURE_HOLD_S - 0.1  # within the hold: the source is not tried again
    assert reads.dataset() == (good, error) and source.loads == 2
    source.failure = None
    clock.now += 0.1
    data, error = reads.dataset()
    assert error is None and source.loads == 3


def test_refresh_ends_the_failure_hold(reads, source, clock):
    reads.dataset()
    source.failure = BackendUnavailable("Mất kết nối")
    clock.now += TTL_S
    assert reads.dataset()[1] is not None
    source.failure = None
    reads.refresh()  # "Thử lại"
    assert reads.dataset()[1] is None


def test_after_a_restart_the_last_good_data_comes_from_the_disk_copy(source, clock, tmp_path):
    Reads(lambda: source, TTL_S, tmp_path / "conference.xlsx", clock=clock).dataset()  # writes the disk copy
    source.failure = BackendUnavailable("Mất kết nối")
    restarted = Reads(lambda: source, TTL_S, tmp_path / "conference.xlsx", clock=clock)
    data, error = restarted.dataset()
    assert isinstance(error, BackendUnavailable) and names(data) == ["Nguyễn Văn An"]
    assert list(tmp_path.glob("last_good_*.json"))


def test_no_data_at_all_is_none_with_the_error(reads, source):
    source.failure = BackendUnavailable("Mất kết nối")
    assert reads.dataset() == (None, source.failure)


def test_an_unexpected_failure_is_logged_and_reported_as_a_read_failure(reads, source, caplog):
    source.failure = RuntimeError("ô lạ không ai lường trước")
    with caplog.at_level(logging.ERROR, logger="services.reads.source"):
        data, error = reads.dataset()
    assert data is None and isinstance(error, ReadFailed)
    assert "RuntimeError: ô lạ không ai lường trước" in str(error)
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)


def test_a_store_that_cannot_open_is_the_error(tmp_path, clock):
    def closed():
        raise BackendUnavailable("Chưa cấu hình")

    data, error = Reads(closed, TTL_S, tmp_path / "x.xlsx", clock=clock).dataset()
    assert data is None and isinstance(error, StoreError) and "Chưa cấu hình" in str(error)


def test_nothing_in_services_imports_streamlit():
    root = Path(__file__).resolve().parents[2] / "services"
    offenders = [
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        if any(
            line.strip().startswith(("import streamlit", "from streamlit")) for line in path.read_text().splitlines()
        )
    ]
    assert offenders == []

"""The in-memory store reads back what the workbook store reads back: the same seeded data, the same text after the
same writes (typed cells: dates, money, times), so unit tests may use it instead of a workbook on disk."""

from __future__ import annotations

from services.setup.seed import seed_rows
from services.store.memory import MemoryStore
from services.store.workbook import WorkbookStore
from tests.conftest import FIXED_TODAY


def seeded() -> dict:
    return seed_rows(FIXED_TODAY)


def test_seeded_memory_reads_as_the_seeded_workbook(tmp_path):
    book = WorkbookStore(tmp_path / "conference.xlsx", seed=seeded).load()
    memory = MemoryStore(seed=seeded).load()
    assert list(memory.tabs) == list(book.tabs)
    for key, tab in book.tabs.items():
        assert memory.tabs[key] == tab, key
    assert memory.other_tabs == book.other_tabs
    assert memory.fingerprint() == book.fingerprint()


def test_the_same_writes_read_back_the_same(tmp_path):
    stores = [WorkbookStore(tmp_path / "conference.xlsx", seed=seeded), MemoryStore(seed=seeded)]
    for store in stores:
        tasks = store.load().get("tasks")
        first = tasks.rows[0][0]
        store.update_row("tasks", first, {"due": "2026-12-01", "note": "=SUM(A1)"}, {}, user="vp")
        store.append_rows("budget", [{"item": "Hoa", "estimate": "1.500.000", "actual": "1500000"}], user="vp")
        store.append_rows("programme", [{"order": "09", "item": "Đón khách", "minutes": "15"}])
        guest = store.load().get("attendees").rows[0][0]
        store.update_row("attendees", guest, {"checked_in": "2026-12-16 07:31:05", "phone": "0912 345 678"}, {})
    book, memory = (s.load() for s in stores)
    for key in ("tasks", "budget", "programme", "attendees"):
        assert memory.tabs[key] == book.tabs[key], key
    audit = [r[1:7] for r in memory.tabs["audit"].rows]  # user, tab, ID, column, before, after (not time, change ID)
    assert audit == [r[1:7] for r in book.tabs["audit"].rows]
    assert len(audit) == 3  # two cells of one task, one budget row added


def test_a_load_while_nothing_changed_is_the_same_tabs():
    store = MemoryStore(seed=seeded)
    first = store.load()
    assert store.load().tabs is first.tabs  # read reuse skips hashing then, as with an unchanged workbook file
    store.update_row("attendees", first.get("attendees").rows[0][0], {"note": "x"}, {})
    assert store.load().tabs is not first.tabs

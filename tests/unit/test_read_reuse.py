"""A read whose text is unchanged reuses the validated dataset (services.reads.reuse) and its fingerprint."""

from __future__ import annotations

from datetime import datetime

from services.reads.reuse import ValidatedReads
from services.store.rows import Snapshot, TabData
from services.store.workbook import WorkbookStore


def reread(snapshot: Snapshot, when: datetime) -> Snapshot:
    """The same text read again: new objects, a new time."""
    tabs = {k: TabData(t.title, list(t.header), [list(r) for r in t.rows]) for k, t in snapshot.tabs.items()}
    return Snapshot(tabs, when, snapshot.other_tabs)


def with_cell(snapshot: Snapshot, key: str, row: int, column: int, text: str) -> Snapshot:
    changed = reread(snapshot, datetime.now())
    changed.tabs[key].rows[row][column] = text
    return changed


def test_the_same_text_is_validated_once_and_keeps_its_frames(seeded_store):
    first = seeded_store.load()
    reads = ValidatedReads()
    data, copy = reads.dataset("book", first, now=0.0)
    later = datetime(2030, 1, 1, 9, 0, 12)
    again, copy_again = reads.dataset("book", reread(first, later), now=10.0)
    assert reads.validations == 1
    assert copy and not copy_again  # the disk copy is rewritten only once a minute while nothing changes
    assert again.frames is data.frames and again.fingerprint == data.fingerprint != ""
    assert again.loaded_at == later  # the sidebar shows the new read's time
    assert reads.dataset("book", reread(first, later), now=70.0)[1]  # a minute later: copied again


def test_any_changed_cell_is_validated_again(seeded_store):
    first = seeded_store.load()
    reads = ValidatedReads()
    data, _ = reads.dataset("book", first, now=0.0)
    changed, copy = reads.dataset("book", with_cell(first, "attendees", 0, 1, "Tên Khác"), now=1.0)
    assert reads.validations == 2 and copy
    assert changed.fingerprint != data.fingerprint
    assert changed.frames is not data.frames


def test_sources_are_kept_apart(seeded_store):
    first = seeded_store.load()
    reads = ValidatedReads()
    reads.dataset("book", first, now=0.0)
    reads.dataset("sheet", reread(first, datetime.now()), now=0.0)
    assert reads.validations == 2


def test_the_fingerprint_sees_where_the_text_sits():
    def snap(rows: list[list[str]], others: tuple[str, ...] = ()) -> Snapshot:
        return Snapshot({"tasks": TabData("Nhiệm vụ", ["ID", "Tên"], rows)}, other_tabs=others)

    base = snap([["T1", "a"], ["T2", "b"]])
    assert base.fingerprint() == snap([["T1", "a"], ["T2", "b"]]).fingerprint()
    for other in (
        snap([["T1", "a\x1eT2"], ["b"]]),  # text moved across a cell boundary
        snap([["T2", "b"], ["T1", "a"]]),  # rows sorted differently
        snap([["T1", "a"], ["T2", "b"], [""]]),  # one more (empty) row
        snap([["T1", "a"], ["T2", "b"]], ("Ghi chú",)),  # staff added a tab of their own
    ):
        assert other.fingerprint() != base.fingerprint()


def test_the_workbooks_unchanged_file_is_not_hashed_again(seeded_path, monkeypatch):
    """WorkbookStore hands back the same tabs while the file's size and time are unchanged: nothing to hash."""
    store, reads = WorkbookStore(seeded_path), ValidatedReads()
    hashed: list[int] = []
    real = Snapshot.fingerprint
    monkeypatch.setattr(Snapshot, "fingerprint", lambda self: hashed.append(1) or real(self))
    first, _ = reads.dataset("book", store.load(), now=0.0)
    again, _ = reads.dataset("book", store.load(), now=10.0)
    assert len(hashed) == 1 and again.fingerprint == first.fingerprint and reads.validations == 1
    seeded_path.touch()  # read from the file again: new objects, hashed, and found the same
    reads.dataset("book", store.load(), now=20.0)
    assert len(hashed) == 2 and reads.validations == 1

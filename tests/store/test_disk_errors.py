"""A workbook save that the disk refuses (issue 27): full (ENOSPC, EFBIG — also as lxml's "IO_EFBIG" while openpyxl
serialises a sheet into its temporary file), read-only, a name too long — one clear Vietnamese message each, the file
untouched, never a traceback."""

from __future__ import annotations

import errno

import pytest
from lxml.etree import SerialisationError

from services.store.disk import DiskFull, FolderReadOnly
from services.store.errors import BackendUnavailable
from services.store.transfer import write_workbook
from services.store.workbook import WorkbookStore
from services.store.xlsx_book import Book
from tests.disk_faults import refusing_writes


def _edit(path) -> None:
    WorkbookStore(path).update_row(
        "attendees", "DB-010", {"checked_in": "16/12/2026 07:01:00"}, {"checked_in": ""}, user="bàn 1"
    )


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EDQUOT])
def test_a_full_disk_during_a_save(seeded_path, monkeypatch, code):
    before = seeded_path.read_bytes()
    with refusing_writes(monkeypatch, seeded_path.parent, code), pytest.raises(DiskFull) as full:
        _edit(seeded_path)
    text = str(full.value)
    assert "Ổ đĩa đã đầy" in text and seeded_path.name in text and "Errno" not in text, text
    assert seeded_path.read_bytes() == before


def test_lxml_reporting_the_full_disk_while_serialising(seeded_path, monkeypatch):
    def full(self):
        raise SerialisationError("IO_EFBIG")

    monkeypatch.setattr(Book, "to_bytes", full)
    with pytest.raises(DiskFull, match="Ổ đĩa đã đầy"):
        _edit(seeded_path)
    with pytest.raises(DiskFull, match="Ổ đĩa đã đầy"):
        write_workbook(seeded_path, {"Đại biểu": [["Mã"]]})


def test_a_read_only_folder(seeded_path, monkeypatch):
    with refusing_writes(monkeypatch, seeded_path.parent), pytest.raises(FolderReadOnly) as refused:
        _edit(seeded_path)
    assert "chỉ cho đọc" in str(refused.value) and "CNTT" in str(refused.value)


def test_a_new_workbook_in_a_read_only_folder(tmp_path, monkeypatch):
    with refusing_writes(monkeypatch, tmp_path), pytest.raises(BackendUnavailable, match="chỉ cho đọc"):
        WorkbookStore(tmp_path / "moi.xlsx").load()


def test_a_symlinked_workbook_is_written_through_to_its_target(seeded_path, tmp_path):
    """Issue 27: the first save replaced the link by a regular file; the shared target never changed again."""
    link = tmp_path / "link" / "conference.xlsx"
    link.parent.mkdir()
    link.symlink_to(seeded_path)
    WorkbookStore(link).update_row(
        "attendees", "DB-010", {"checked_in": "16/12/2026 07:01:00"}, {"checked_in": ""}, user="bàn 1"
    )
    assert link.is_symlink() and link.resolve() == seeded_path.resolve()
    assert "07:01" in str(WorkbookStore(seeded_path).load().get("attendees").rows)
    WorkbookStore(link).update_row(
        "attendees", "DB-011", {"checked_in": "16/12/2026 07:02:00"}, {"checked_in": ""}, user="bàn 1"
    )
    assert link.is_symlink() and "07:02" in str(WorkbookStore(seeded_path).load().get("attendees").rows)

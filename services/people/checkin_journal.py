"""The door's outage journal: one JSON line per check-in the store could not take, flushed and fsync'd before the desk
is told "kept locally", removed only once the store has confirmed the write.

Append-only while the sheet is down (a crash can at worst tear the last line, which is skipped on read and fenced
off by a newline before the next append); a line leaves by an atomic rewrite of the file (temp file, fsync, rename)
under a file lock, so the web server and a CLI scanner station on the same machine can share one journal.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock

from services.config import StoreConfig
from services.store.disk import explain
from services.store.errors import BackendUnavailable
from services.store.xlsx_file import fsync_dir

JOURNAL_ENV = "CONFERENCE_CHECKIN_JOURNAL"  # the journal file; default: next to the local workbook
FILE_NAME = "checkin_journal.jsonl"
log = logging.getLogger(__name__)


def journal_path(workbook: Path, env: Mapping[str, str] | None = None) -> Path:
    """$CONFERENCE_CHECKIN_JOURNAL, else `checkin_journal.jsonl` in the local data folder (beside the workbook)."""
    env = os.environ if env is None else env
    text = (env.get(JOURNAL_ENV) or "").strip()
    return Path(text).expanduser() if text else Path(workbook).parent / FILE_NAME


def unit_journal_path(config: StoreConfig, env: Mapping[str, str] | None = None) -> Path:
    """The journal of one configured source: a unit of a deployment keeps its own in its own folder, whatever
    $CONFERENCE_CHECKIN_JOURNAL says (one file shared by units would replay unit A's scans into unit B's sheet);
    otherwise `journal_path` as ever."""
    if config.data_dir is not None:
        return config.data_dir / FILE_NAME
    return journal_path(config.workbook, env)


@dataclass(frozen=True)
class Scan:
    """One check-in waiting for the store: its own nonce, the attendee, the desk, the time it was scanned."""

    nonce: str
    attendee_id: str
    desk: str
    at: str  # dd/mm/yyyy HH:MM:SS, as the check-in writes it
    user: str = ""

    @staticmethod
    def new(attendee_id: str, desk: str, at: str, user: str = "") -> Scan:
        return Scan(uuid.uuid4().hex, attendee_id, desk, at, user)


class JournalUnwritable(BackendUnavailable):
    """The journal could not be written (read-only folder, full disk): the scan is kept nowhere but on the screen."""


class CheckinJournal:
    """Needed only while the store cannot take a check-in: reading an absent journal touches nothing on disk, so a
    read-only or full data folder stops no check-in while the store answers."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._file_lock = FileLock(str(self.path) + ".lock", timeout=10)
        self._lock = threading.Lock()  # threads of one process, before the cross-process file lock

    def _locked(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._file_lock

    def append(self, scan: Scan) -> None:
        """On disk (flushed and fsync'd) when this returns; JournalUnwritable (in Vietnamese) when it cannot be."""
        try:
            self._append(scan)
        except OSError as exc:
            raise JournalUnwritable(str(explain(exc, "nhật ký điểm danh cục bộ", self.path))) from exc

    def _append(self, scan: Scan) -> None:
        line = line_of(scan) + "\n"
        with self._lock, self._locked():
            created = not self.path.exists()
            with open(self.path, "ab+") as f:
                f.seek(0, os.SEEK_END)
                if f.tell() > 0:
                    f.seek(-1, os.SEEK_END)
                    if f.read(1) != b"\n":
                        f.write(b"\n")  # a torn last line stays on its own line, skipped on read
                f.write(line.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            if created:
                fsync_dir(self.path.parent)

    def pending(self) -> list[Scan]:
        """The scans waiting, oldest first; a torn or foreign line is skipped (and logged), never fatal. No journal
        file: none, without creating a lock file. A lock that cannot be taken (read-only folder): read unlocked —
        lines leave only by an atomic rename, so a reader sees the file before or after, never half of it."""
        if not self.path.exists():
            return []
        try:
            with self._lock, self._locked():
                return self._read()
        except OSError:
            log.warning("Đọc nhật ký điểm danh %s không khóa được", self.path, exc_info=True)
            with self._lock:
                return self._read()

    def count(self) -> int:
        return len(self.pending())

    def remove(self, nonces: Iterable[str]) -> None:
        """Drop these scans (their write is confirmed): the rest is rewritten atomically, in order."""
        gone = set(nonces)
        if not gone:
            return
        try:
            self._remove(gone)
        except OSError as exc:
            raise JournalUnwritable(str(explain(exc, "nhật ký điểm danh cục bộ", self.path))) from exc

    def _remove(self, gone: set[str]) -> None:
        with self._lock, self._locked():
            keep = [s for s in self._read() if s.nonce not in gone]
            if not keep:
                self.path.unlink(missing_ok=True)
                fsync_dir(self.path.parent)
                return
            temp = self.path.with_name(self.path.name + ".tmp")
            with open(temp, "w", encoding="utf-8") as f:
                f.writelines(line_of(s) + "\n" for s in keep)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, self.path)
            fsync_dir(self.path.parent)

    def _read(self) -> list[Scan]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError:
            log.exception("Không đọc được nhật ký điểm danh %s", self.path)
            return []
        return scans_of(raw.splitlines(), str(self.path))

    @contextmanager
    def claim(self) -> Iterator[bool]:
        """Whether this process may replay now: always (the file lock orders the processes of one machine); the
        shared journal (services.shared.journal) lets one replica of all replay at a time."""
        yield True


def line_of(scan: Scan) -> str:
    return json.dumps(asdict(scan), ensure_ascii=False)


def scans_of(lines: Iterable[bytes], where: str) -> list[Scan]:
    """The scans of journal lines, oldest first, each nonce once; a torn or foreign line is skipped (and logged)."""
    scans: list[Scan] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line.decode("utf-8"))
            scan = Scan(
                **{k: str(fields[k]) for k in ("nonce", "attendee_id", "desk", "at")}, user=fields.get("user", "")
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            log.warning("Bỏ qua dòng %d không đọc được trong %s (có thể bị cắt khi mất điện)", number, where)
            continue
        if scan.nonce not in seen:
            seen.add(scan.nonce)
            scans.append(scan)
    return scans

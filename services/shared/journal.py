"""The door's outage journal shared by the replicas of one unit: a scan kept while the sheet is down survives the
replica that took it, and another replica replays it.

The scans are lines of a Redis list per unit (`conference:<unit>:journal`, the local journal's JSON lines); a
replay is claimed by one replica at a time (SET NX PX, released only by its holder), and a line leaves the list only
once its write is confirmed (LREM) — a replica killed in the middle leaves its lines for the next claim. A line
replayed twice (killed after the write, before the LREM) is not applied twice: the replay writes only into an empty
cell and recognises its own time (services.people.door_sync).

Every scan is also kept in the replica's local file (`CheckinJournal`, fsync'd, as without Redis): while Redis does
not answer, or after it restarted without its memory, the file still has it. A scan another replica already
replayed stays in the file until this replica (or its restart) replays it: the cell holds that very time, so nothing
more is written. Nothing is lost, nothing applied twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import redis

from services.parsing import CellError, parse_datetime
from services.people.checkin_journal import CheckinJournal, JournalUnwritable, Scan, line_of, scans_of
from services.shared.engine import SharedEngine

CLAIM_MS = 120_000  # a replay's worst case (a few batches with bounded retries); a dead holder's claim expires
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def _when(scan: Scan) -> datetime:
    try:
        return parse_datetime(scan.at) or datetime.max
    except CellError:
        return datetime.max


class SharedJournal(CheckinJournal):
    """The journal of the unit in Redis, and this replica's local file (`path`)."""

    def __init__(self, engine: SharedEngine, unit: str, path: str | Path, *, claim_ms: int = CLAIM_MS) -> None:
        super().__init__(path)
        self.claim_ms = claim_ms
        self.engine = engine
        self.key = engine.key(unit, "journal")
        self.claim_key = engine.key(unit, "journal-replay")

    def append(self, scan: Scan) -> None:
        """In the local file (fsync'd, as without Redis) and in Redis: the file survives Redis losing its memory,
        Redis survives the replica. JournalUnwritable only when neither took it."""
        line = line_of(scan)
        try:
            super().append(scan)
        except JournalUnwritable:
            if not self.engine.run(lambda c: bool(c.rpush(self.key, line)), lambda: False):
                raise
            return
        self.engine.run(lambda c: c.rpush(self.key, line), lambda: 0)

    def pending(self) -> list[Scan]:
        shared: list[Scan] = self.engine.run(lambda c: scans_of(self._lines(c), self.key), list)
        local = super().pending()
        seen = {s.nonce for s in shared}
        both = shared + [s for s in local if s.nonce not in seen]
        return sorted(both, key=_when) if local else both  # scans kept locally slot in by their scan time

    def remove(self, nonces: Iterable[str]) -> None:
        gone = set(nonces)
        if not gone:
            return

        def shared(client: redis.Redis) -> None:
            for line in self._lines(client):
                if any(s.nonce in gone for s in scans_of([line], self.key)):
                    client.lrem(self.key, 1, line.decode("utf-8"))

        self.engine.run(shared, lambda: None)  # a line left behind is recognised by its own time when replayed
        if self.path.exists():
            super().remove(gone)

    def _lines(self, client: redis.Redis) -> list[bytes]:
        return [v if isinstance(v, bytes) else v.encode("utf-8") for v in client.lrange(self.key, 0, -1)]

    @contextmanager
    def claim(self) -> Iterator[bool]:
        """True for one replica at a time (every replica while Redis does not answer)."""
        token = uuid.uuid4().hex
        mine = bool(self.engine.run(lambda c: c.set(self.claim_key, token, nx=True, px=self.claim_ms), lambda: True))
        try:
            yield mine
        finally:
            if mine:
                self.engine.run(lambda c: c.eval(_RELEASE, 1, self.claim_key, token), lambda: 0)

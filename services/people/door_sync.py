"""Check-ins that survive an outage: a scan the store cannot take goes to the local journal (`checkin_journal`) and is
replayed, in order and at most once, when the store answers again — with its original scan time.

At most once without trusting the network: a replay writes the scan's time only into an empty `checked_in` cell. If
the cell already holds that very time, an earlier replay landed (its answer was lost) and nothing more is written;
if it holds another time, someone checked the person in elsewhere meanwhile and the EARLIEST time stays — ours
replaces a later one (one conditional write, one audit line), an earlier one is kept and reported to the desk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.parsing import CellError, clean, format_datetime, parse_datetime
from services.people import checkin
from services.people.checkin import check_in_many, held_time
from services.people.checkin_journal import CheckinJournal, JournalUnwritable, Scan
from services.people.door_batch import Coalescer
from services.people.outage import is_outage
from services.store import Conflict, Store, StoreError
from services.store.errors import RowNotFound, Uncertain

HOLD_S = 10.0  # after a failure, scans go straight to the journal this long: no desk waits on a dead network
REPLACE_ROUNDS = 3
DESK_WAIT_S = 1.0  # a desk waits this long for a replay in progress (fast when the sheet answers) before journaling
REPLAY_BATCH = 50  # scans per write when the journal is sent


@dataclass(frozen=True)
class Recorded:
    """A check-in taken: written now (`queued` False) or kept in the journal until the store answers."""

    attendee_id: str
    stamp: str
    queued: bool = False
    nonce: str = ""  # the journal line's, when queued
    replayed: tuple[Replayed, ...] = ()  # scans that were waiting and were sent first


class ScanNotKept(StoreError):
    """The store could not take the check-in and the local journal could not keep it: only the desk's screen has it."""

    def __init__(self, attendee_id: str, stamp: str, store_error: StoreError, journal_error: StoreError) -> None:
        super().__init__(
            f"Chưa lưu được lượt điểm danh của “{attendee_id}” lúc {stamp}: không ghi được vào bảng tính ({store_error}) "
            f"và cũng không ghi được vào nhật ký trên máy chủ ({journal_error}). Hãy ghi lại trên giấy mã, họ tên và "
            "giờ đến của khách, rồi nhập lại khi hệ thống hoạt động bình thường."
        )
        self.attendee_id = attendee_id
        self.stamp = stamp


class Landing(StrEnum):
    LANDED = "landed"  # the scan's time is now on the sheet (this replay or an earlier one)
    EARLIER = "earlier"  # someone else checked the person in earlier: that time stays
    REPLACED = "replaced"  # someone checked the person in later: the scan's earlier time replaced it
    UNKNOWN = "unknown"  # the ID names nobody (typed during the outage): dropped from the journal, reported


@dataclass(frozen=True)
class Replayed:
    scan: Scan
    landing: Landing
    kept: str  # the time that now stands on the sheet ('' for unknown)


def _earlier(a: str, b: str) -> bool:
    """Is stamp `a` strictly earlier than stamp `b`? An unreadable stamp is never replaced."""
    try:
        ta, tb = parse_datetime(a), parse_datetime(b)
    except CellError:
        return False
    return ta is not None and tb is not None and ta < tb


def _same(a: str, b: str) -> bool:
    try:
        return clean(a) == clean(b) or parse_datetime(a) == parse_datetime(b)
    except CellError:
        return False


class DoorCheckins:
    """One per process (the server shares it across desks): check-in through outages, replay, the desk's notice."""

    def __init__(
        self,
        store: Store,
        journal: CheckinJournal,
        *,
        hold_s: float = HOLD_S,
        clock: Callable[[], float] = time.monotonic,
        coalescer: Coalescer | None = None,
    ) -> None:
        """`coalescer`: live check-ins from all desks are written together (door_batch) through the process's store,
        once the desk's own store (`check_in(store=…)`) has authorised each."""
        self.store = store
        self.coalescer = coalescer
        self.journal = journal
        self.hold_s = hold_s
        self._clock = clock
        self._down_since: float | None = None
        self._replay_lock = threading.Lock()
        self._reports: list[Replayed] = []  # replays the desks have not been told about (other times kept)
        self._reports_lock = threading.Lock()  # not the replay lock: a page never waits behind a replay

    # --- state ---------------------------------------------------------------------------------------

    def pending(self) -> int:
        return self.journal.count()

    def holding(self) -> bool:
        """The store failed less than `hold_s` ago: do not make the next guest wait on it."""
        return self._down_since is not None and self._clock() - self._down_since < self.hold_s

    def _failed(self) -> None:
        self._down_since = self._clock()

    def take_reports(self, desk: str | None = None) -> list[Replayed]:
        """Replays where another time stood or the ID was unknown, once each, for the desk that scanned them (all
        desks with None): that desk shows them."""
        with self._reports_lock:
            out = [r for r in self._reports if desk is None or r.scan.desk == desk]
            self._reports = [r for r in self._reports if r not in out]
        return out

    # --- check-in ------------------------------------------------------------------------------------

    def check_in(
        self,
        attendee_id: str,
        *,
        user: str,
        desk: str = "",
        now: datetime | None = None,
        store: Store | None = None,
    ) -> Recorded:
        """Write the arrival now, or keep it in the journal if the store cannot be reached (Recorded.queued).

        Pending scans are replayed first, so the journal's order is the sheet's order. Raises AlreadyCheckedIn or
        RowNotFound (nothing changed) like `checkin.check_in` when the store answers. `store`: the session's guarded
        store — it is asked first whether this user may write the arrival time (PermissionDenied), since a journaled
        scan is replayed, and a coalesced one written, by the process's own store; a live write without a coalescer
        goes through it."""
        attendee_id = clean(attendee_id)
        (store or self.store).check_update("attendees", attendee_id, ["checked_in"], action="điểm danh")
        stamp = format_datetime(now or datetime.now())
        scan = Scan.new(attendee_id, desk, stamp, user)
        replayed: tuple[Replayed, ...] = ()
        if not self.holding() and self.journal.pending():
            replayed = tuple(self.replay(wait_s=DESK_WAIT_S))
        if self.holding() or self.journal.pending():
            try:
                self.journal.append(scan)
                return Recorded(attendee_id, stamp, queued=True, nonce=scan.nonce, replayed=replayed)
            except JournalUnwritable:
                pass  # nowhere to keep it locally: the store may answer by now, so try it rather than lose the scan
        try:
            if self.coalescer is not None:
                written = self.coalescer.check_in(attendee_id, stamp, user)
            else:
                written = checkin.check_in(store or self.store, attendee_id, user=user, now=parse_datetime(stamp))
        except StoreError as exc:
            if not is_outage(exc):
                raise
            self._failed()
            try:  # an Uncertain write may have landed: the replay finds its own time, no double
                self.journal.append(scan)
            except JournalUnwritable as lost:
                raise ScanNotKept(attendee_id, stamp, exc, lost) from exc
            return Recorded(attendee_id, stamp, queued=True, nonce=scan.nonce, replayed=replayed)
        self._down_since = None
        return Recorded(attendee_id, written, replayed=replayed)

    # --- replay --------------------------------------------------------------------------------------

    def replay(self, *, wait_s: float | None = None) -> list[Replayed]:
        """Send the journal in order; each line leaves only once its write is confirmed. Stops at the first outage
        (the rest waits, in order). Returns what was settled by this call. `wait_s`: if another thread is replaying
        right now, wait at most this long for it (a desk never waits long behind the background replay's retries)."""
        if not self._replay_lock.acquire(timeout=-1 if wait_s is None else wait_s):
            return []
        try:
            with self.journal.claim() as mine:  # replicas sharing one journal: one replays, the others leave it
                return self._replay() if mine else []
        finally:
            self._replay_lock.release()

    def _replay(self) -> list[Replayed]:
        waiting = self.journal.pending()
        try:
            first = self._land_together(waiting)
        except StoreError as exc:
            if not is_outage(exc):
                raise
            self._failed()
            return []
        self.journal.remove(first)  # confirmed together, removed together
        settled: dict[str, Replayed] = dict(first)
        for scan in waiting:
            if scan.nonce in first:
                continue
            try:
                done = self._land(scan)
            except StoreError as exc:
                if is_outage(exc):
                    self._failed()
                    break
                raise
            self.journal.remove([scan.nonce])
            settled[scan.nonce] = done
        else:
            self._down_since = None
        done_in_order = [settled[s.nonce] for s in waiting if s.nonce in settled]
        with self._reports_lock:
            self._reports += [d for d in done_in_order if d.landing is not Landing.LANDED]
        return done_in_order

    def _land_together(self, scans: list[Scan]) -> dict[str, Replayed]:
        """First pass, in batches (one write for many): the scans whose cell is still empty land; the others
        (someone else's time, an earlier replay's own) are settled one by one by `_land`."""
        landed: dict[str, Replayed] = {}
        firsts: dict[str, Scan] = {}
        for scan in scans:  # one person scanned twice: only the first in the batch, the second meets it in _land
            firsts.setdefault(scan.attendee_id, scan)
        batch = list(firsts.values())
        for start in range(0, len(batch), REPLAY_BATCH):
            part = batch[start : start + REPLAY_BATCH]
            results = check_in_many(self.store, [(s.attendee_id, s.at, s.user) for s in part])
            for scan, result in zip(part, results, strict=True):
                if isinstance(result, str):
                    landed[scan.nonce] = Replayed(scan, Landing.LANDED, scan.at)
                elif isinstance(result, RowNotFound):
                    landed[scan.nonce] = Replayed(scan, Landing.UNKNOWN, "")
        return landed

    def _land(self, scan: Scan) -> Replayed:
        expected = ""
        for _ in range(REPLACE_ROUNDS):
            try:
                self.store.update_row(
                    "attendees", scan.attendee_id, {"checked_in": scan.at}, {"checked_in": expected}, user=scan.user
                )
            except RowNotFound:
                return Replayed(scan, Landing.UNKNOWN, "")
            except Conflict as exc:
                now = held_time(exc)
                if _same(now, scan.at):
                    return Replayed(scan, Landing.LANDED, scan.at)  # an earlier try landed; its answer was lost
                if now and not _earlier(scan.at, now):
                    return Replayed(scan, Landing.EARLIER, now)
                expected = now  # cleared, or a later time: try again against what the cell holds now
                continue
            return Replayed(scan, Landing.REPLACED if expected else Landing.LANDED, scan.at)
        raise Uncertain("attendees", scan.attendee_id, "thời điểm có mặt thay đổi liên tục")

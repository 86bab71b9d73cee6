"""`checkin` and `sync`, the CLI's check-in through an outage (scanner stations, scripts): `checkin` keeps a scan in the
same journal as the desks when the store cannot be reached, `sync` sends what waits, `info` says how many scans wait."""

from __future__ import annotations

import argparse
import socket

from cli.base import EXIT_OK, EXIT_REFUSED, USER, config
from services.config import StoreConfig
from services.i18n import t
from services.people import search
from services.people.checkin_journal import CheckinJournal, unit_journal_path
from services.people.door_sync import DoorCheckins, Landing, Replayed
from services.people.outage import is_outage
from services.setup.backend import open_store
from services.store import RowNotFound, Snapshot, StoreError, last_good
from services.validation import validate


def _door(config: StoreConfig) -> DoorCheckins:
    # A scanner station has a queue in front of it: give up on the network as soon as a desk page does.
    return DoorCheckins(open_store(config, interactive=True), CheckinJournal(unit_journal_path(config)), hold_s=0)


def pending_line(config: StoreConfig) -> str:
    waiting = CheckinJournal(unit_journal_path(config)).count()
    return f"Lượt điểm danh chờ gửi: {waiting}" + (" (gửi bằng lệnh `sync`)" if waiting else "")


def _say(done: Replayed) -> str:
    """A replayed scan in the desk's own sentences (services/i18n/outage.py), with full stamps: a script's log keeps
    the day; the one sentence the desk never shows (a scan that landed) is the CLI's."""
    who, scanned = done.scan.attendee_id, done.scan.at
    if done.landing is Landing.LANDED:
        return f"Đã gửi: “{who}” lúc {scanned}."
    if done.landing is Landing.EARLIER:
        return t("outage.earlier", id=who, time=done.kept, scanned=scanned)
    if done.landing is Landing.REPLACED:
        return t("outage.replaced", id=who, time=scanned)
    return t("outage.unknown", id=who, scanned=scanned)


def _known_offline(config: StoreConfig, door: DoorCheckins, attendee_id: str) -> None:
    """During an outage an ID is checked against the last good copy on disk (when there is one)."""
    key = door.store.info().location
    snapshot = last_good.load(last_good.copy_path(config.local_anchor, key), key)
    tab = snapshot.get("attendees") if snapshot else None
    if snapshot is None or tab is None:
        return
    frame = validate(snapshot).frames["attendees"]
    if attendee_id not in frame.index:
        raise RowNotFound(tab.title, attendee_id)


class UnknownAttendee(StoreError):
    """The typed ID names nobody on the list (said as such, not as a row that "is no longer" there)."""

    def __init__(self, typed: str, read_as: str) -> None:
        shown = f"“{typed}” (đọc là {read_as})" if read_as != typed else f"“{typed}”"
        super().__init__(f"Không có đại biểu mã {shown} trong danh sách. Kiểm tra lại mã trên thẻ.")


def _resolve(config: StoreConfig, door: DoorCheckins, typed: str) -> str:
    """The ID as the web desk reads it (services.people.search.exact_id: exact, any case, or loosely typed —
    "db31", "DB 31" → DB-031), from the list now or, during an outage, from the last good copy on disk. With
    neither, the canonical spelling is kept and checked when the store answers."""
    snapshot: Snapshot | None
    try:
        snapshot = door.store.load()
    except StoreError as exc:
        if not is_outage(exc):
            raise
        key = door.store.info().location
        snapshot = last_good.load(last_good.copy_path(config.local_anchor, key), key)
    if snapshot is None or snapshot.get("attendees") is None:
        return search.normalise_id(typed)
    found = search.exact_id(validate(snapshot).frames["attendees"], typed)
    if found is None:
        raise UnknownAttendee(typed.strip(), search.normalise_id(typed))
    return found


def cmd_checkin(args: argparse.Namespace) -> int:
    """Exit 0 when recorded (or kept locally during an outage); 3 for an unknown or already-present ID."""
    configured = config(args)
    door = _door(configured)
    attendee_id = _resolve(configured, door, args.attendee_id)
    done = door.check_in(attendee_id, user=USER, desk=f"{USER}@{socket.gethostname()}")
    for report in done.replayed:
        print(_say(report))
    if done.queued:
        try:
            _known_offline(configured, door, done.attendee_id)
        except RowNotFound:
            door.journal.remove([done.nonce])  # a typo on a scanner station is refused, as when online
            raise
        print(
            f"Mất kết nối: đã ghi tạm, chờ gửi — “{done.attendee_id}” lúc {done.stamp} ({door.pending()} lượt chờ gửi)."
        )
    else:
        print(f"Đã điểm danh “{done.attendee_id}” lúc {done.stamp}.")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Send the scans kept during an outage, in order; exit 3 while the store still cannot be reached."""
    door = _door(config(args))
    if not door.pending():
        print("Không có lượt điểm danh nào chờ gửi.")
        return EXIT_OK
    for done in door.replay():
        print(_say(done))
    left = door.pending()
    if left:
        print(f"Chưa kết nối được nguồn dữ liệu: còn {left} lượt chờ gửi — hãy chạy lại `sync` khi có mạng.")
        return EXIT_REFUSED
    print("Đã gửi hết; không còn lượt nào chờ gửi.")
    return EXIT_OK


def checkin_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("attendee_id", help="mã đại biểu, ví dụ DB-001")

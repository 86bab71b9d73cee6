"""The desk through an outage and a queue: one `DoorCheckins` per server (all desks share its journal, its hold and its
coalescer, so close check-ins from any desk become one sheet write), a background replay while scans wait, and the
notice under the page title ("Mất kết nối — N lượt chờ gửi")."""

from __future__ import annotations

import logging
import threading
import time
import uuid
import weakref
from collections.abc import Callable

import streamlit as st

from services.people.checkin import clock
from services.people.checkin_journal import CheckinJournal, unit_journal_path
from services.people.door_batch import BURST, GAP_S, Coalescer
from services.people.door_sync import DoorCheckins, Landing, Recorded
from services.reads.source import DEFAULT_UNIT
from services.shared.journal import SharedJournal
from services.shared.tokens import SharedBucket, identity_of
from services.store import StoreError
from ui.auth import writer
from ui.context import refresh_cache, shared_engine, t, unit_code, unit_config, unit_reads, unit_store
from ui.editing import current_user

DESK_KEY = "door_desk_id"
REPLAY_EVERY_S = 5.0
log = logging.getLogger(__name__)


def door() -> DoorCheckins:
    return unit_door(unit_code())


@st.cache_resource(show_spinner=False)
def unit_door(code: str) -> DoorCheckins:
    """The server's door of one unit: its journal file in the unit's local data folder (one unit's scans are never
    replayed into another's sheet) — in Redis too when replicas share one — and a daemon replaying it when scans
    wait."""
    shared, engine, configured = unit_store(code), shared_engine(), unit_config(code)
    path = unit_journal_path(configured)
    if engine is None:  # this process alone: its journal file, its write bucket
        journal, coalescer = CheckinJournal(path), Coalescer(shared)
    else:  # replicas: the unit's journal and the identity's write bucket in Redis (the file while Redis is down)
        journal = SharedJournal(engine, code or DEFAULT_UNIT, path)
        coalescer = Coalescer(shared, tokens=SharedBucket(engine, identity_of(configured), BURST, GAP_S))
    checkins = DoorCheckins(shared, journal, coalescer=coalescer)
    # A weak reference: when the cache is cleared (a new store), the old door goes and its replayer ends with it.
    args = (weakref.ref(checkins), unit_reads(code).refresh)
    threading.Thread(
        target=_replay_forever, args=args, name=f"door-replay{'-' + code if code else ''}", daemon=True
    ).start()
    return checkins


def _replay_forever(door_ref: weakref.ref[DoorCheckins], refresh_reads: Callable[[], None]) -> None:
    while True:
        time.sleep(REPLAY_EVERY_S)
        checkins = door_ref()
        if checkins is None:
            return
        try:
            if not checkins.holding() and checkins.pending() and checkins.replay(wait_s=0):
                refresh_reads()  # the sheet changed: pages read it afresh
        except Exception:  # a desk must never lose its replayer to one bad answer
            log.exception("Gửi lại lượt điểm danh chờ gửi thất bại")
        del checkins


def desk_id() -> str:
    """This browser session's desk: the replay tells the desk that scanned someone if another time was kept."""
    return st.session_state.setdefault(DESK_KEY, uuid.uuid4().hex[:8])


def record(attendee_id: str) -> Recorded:
    """Check in through the session's guarded store (which first refuses a user who may not write the arrival time),
    or into the journal when the store cannot be reached."""
    return door().check_in(attendee_id, user=current_user(), desk=desk_id(), store=writer())


def outage_notice() -> None:
    """Scans waiting (and a button to send them now), then what the replay kept for this desk."""
    checkins = door()
    waiting = checkins.pending()
    if waiting:
        st.warning(t("outage.pending", count=waiting), icon=":material/cloud_off:")
        if st.button(t("outage.send"), key="outage_send", icon=":material/sync:"):
            try:
                with st.spinner(t("outage.sending")):
                    sent = checkins.replay()
                if sent:
                    refresh_cache()
            except StoreError as exc:
                st.error(str(exc))
            st.rerun()
    for done in checkins.take_reports(desk_id()):
        who = done.scan.attendee_id
        if done.landing is Landing.EARLIER:
            st.info(t("outage.earlier", id=who, time=clock(done.kept), scanned=clock(done.scan.at)))
        elif done.landing is Landing.REPLACED:
            st.info(t("outage.replaced", id=who, time=clock(done.scan.at)))
        else:
            st.error(t("outage.unknown", id=who, scanned=clock(done.scan.at)))

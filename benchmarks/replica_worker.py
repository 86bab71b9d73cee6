"""One app replica's door, as its own process, for the fault run (benchmarks/bench_replica_faults.py): it can be
killed with SIGKILL like a real server. Prints one line per result, flushed (what the desk was told).

    python -m benchmarks.replica_worker scan   HOST SHEET REDIS_URL JOURNAL ID,ID,…  (the sheet is down: kept)
    python -m benchmarks.replica_worker replay HOST SHEET REDIS_URL JOURNAL            (until nothing waits)
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import datetime, timedelta

from services.people.door_sync import DoorCheckins
from services.shared.engine import SharedEngine
from services.shared.journal import SharedJournal
from services.store.gsheets import GoogleSheetStore
from tests.backends import FAST_RETRY

CLAIM_MS = 3_000  # a killed replayer's claim expires this soon here (the app: services.shared.journal.CLAIM_MS)
SCAN_EVERY_S = 0.1
T0 = datetime(2026, 12, 16, 7, 0, 0)


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    mode, host, sheet, redis_url, journal_path = argv[:5]
    store = GoogleSheetStore.for_emulator(host, sheet, policy=FAST_RETRY)
    journal = SharedJournal(SharedEngine(redis_url), "default", journal_path, claim_ms=CLAIM_MS)
    door = DoorCheckins(store, journal, hold_s=2.0)
    if mode == "scan":
        for attendee in argv[5].split(","):
            at = T0 + timedelta(seconds=int(attendee.rsplit("-", 1)[1]))
            recorded = door.check_in(attendee, user="bàn", desk=journal_path, now=at)
            print(f"kept {recorded.attendee_id} {recorded.stamp.replace(' ', '_')} {int(recorded.queued)}", flush=True)
            time.sleep(SCAN_EVERY_S)
        return 0
    while door.pending():
        for done in door.replay(wait_s=1.0):
            print(f"settled {done.scan.attendee_id} {done.landing.value}", flush=True)
        time.sleep(0.2)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

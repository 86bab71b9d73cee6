"""The fault run (issue 29): replicas of one unit's door as real processes (benchmarks/replica_worker.py) sharing a
real redis-server (append-only file, as deploy/compose.yaml keeps it) over the Sheets emulator.

1. The sheet is down; three replicas take 20 scans each (60 people), every one kept in the journal ("kept locally").
   Replica 0 is killed with SIGKILL after 8 acknowledged scans; Redis is restarted (stopped, started again on its
   files) after replica 1's 10th — the replicas go on alone meanwhile (the local file) and share again after.
2. The sheet is back, answering the first writes 1 s late (they land; the answer is late). Replica 1 starts the
   replay and is killed with SIGKILL as soon as its first write is on the sheet (applied, its answer not yet
   back); replica 2 replays; then replicas 0 and 1 restart (a replay of their own files).
3. Counted on the sheet: every acknowledged scan's time is there, each person has one audit line.

Reported: scans acknowledged, lost (acknowledged but not on the sheet with that time), applied twice (more than
one audit line), and how many replicas logged the Redis outage. One run: the figures are counts, not timings.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from tests.conftest import ROOT
from tests.redis_server import RedisServer
from tests.sheets_emulator import SheetsEmulator
from tests.store.test_door_outage import arrivals, audit_ids, seeded_tabs

SCANS_PER_REPLICA = 20


class Worker:
    def __init__(self, mode: str, host: str, sheet: str, redis_url: str, journal: Path, ids: list[str] = ()) -> None:
        cmd = [sys.executable, "-m", "benchmarks.replica_worker", mode, host, sheet, redis_url, str(journal)]
        if ids:
            cmd.append(",".join(ids))
        journal.parent.mkdir(parents=True, exist_ok=True)
        self.stderr = journal.with_suffix(f".{mode}.{time.monotonic_ns()}.log")
        with self.stderr.open("wb") as err:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def wait_lines(self, count: int, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.lines) < count and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self._reader.join(5)

    def finish(self, timeout_s: float = 180) -> int:
        code = self.proc.wait(timeout=timeout_s)
        self._reader.join(5)
        return code

    def said_redis_down(self) -> bool:
        return "Mất kết nối Redis" in self.stderr.read_text(errors="replace")


def run(quick: bool = False) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    journals = [work / f"replica{n}" / "checkin_journal.jsonl" for n in range(3)]
    ids = [f"DB-{n:03d}" for n in range(1, 3 * SCANS_PER_REPLICA + 1)]
    with SheetsEmulator() as emulator:
        key = emulator.create("Đơn vị", seeded_tabs())
        redis = RedisServer(persist=True).start()
        try:
            host, url = emulator.host, redis.url
            # 1. The sheet down: scans kept; replica 0 killed, Redis restarted, mid-burst.
            emulator.go_down("refuse")
            scanners = [Worker("scan", host, key, url, journals[n], ids[n::3]) for n in range(3)]
            scanners[0].wait_lines(8)
            scanners[0].kill()
            scanners[1].wait_lines(10)
            redis.stop(keep_files=True)
            time.sleep(1.0)
            redis = RedisServer(redis.port, persist=True, workdir=redis.workdir).start()
            for scanner in scanners[1:]:
                scanner.finish()
            acknowledged = {}
            for scanner in scanners:
                for line in scanner.lines:
                    _, attendee, stamp, _queued = line.split()
                    acknowledged[attendee] = stamp.replace("_", " ")
            # 2. The sheet back, late answers; replica 1 killed mid-replay; replica 2 replays; 0 and 1 restart.
            emulator.come_back()
            emulator.delay_next(1.0, count=3, apply_first=True, kind="spreadsheets.batchUpdate")
            first = Worker("replay", host, key, url, journals[1])
            deadline = time.monotonic() + 120
            while not arrivals(emulator, key) and time.monotonic() < deadline:
                time.sleep(0.02)
            first.kill()  # its first write has landed, its answer is on the way
            landed_at_kill = len(arrivals(emulator, key))
            rest = [Worker("replay", host, key, url, journals[n]) for n in (2, 0, 1)]
            codes = [w.finish() for w in rest]
            # 3. The sheet.
            on_sheet = arrivals(emulator, key)
            audits = Counter(audit_ids(emulator, key))
            lost = [a for a, stamp in acknowledged.items() if on_sheet.get(a) != stamp]
            twice = [a for a, n in audits.items() if n > 1]
            unacknowledged = [a for a in ids if a in on_sheet and a not in acknowledged]
            said = sum(w.said_redis_down() for w in scanners[1:])
        finally:
            redis.stop()
    note = (
        f"replica 0 killed after {len(scanners[0].lines)} acknowledged scans, Redis restarted mid-burst (logged by "
        f"{said} of the 2 replicas scanning on), replica 1 killed as soon as its first replay write was on the sheet ({landed_at_kill} arrivals on the sheet "
        f"then, its answer not yet back); replays exited {codes}; "
        f"{len(unacknowledged)} landed without an answer to the desk (taken as the replica died)"
    )
    size = f"3 replicas, {len(ids)} people, sheet down then back"
    return [
        {
            "benchmark": "fault run: scans acknowledged",
            "size": size,
            "value": len(acknowledged),
            "unit": "scans",
            "note": note,
        },
        {
            "benchmark": "fault run: scans lost",
            "size": size,
            "value": len(lost),
            "unit": "scans",
            "note": ", ".join(lost) or "none",
        },
        {
            "benchmark": "fault run: scans applied twice",
            "size": size,
            "value": len(twice),
            "unit": "scans",
            "note": ", ".join(twice) or "none (one audit line each)",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

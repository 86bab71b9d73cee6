"""Soak: staff insert, delete, sort and move rows of `Đại biểu` non-stop while three desks (three stores, as three
servers would be) check in 100 people, some of them scanned at two desks at once.

At the end every person's `Có mặt` is the time its one winning desk was told, the other desk was told "đã điểm danh
lúc …" with that same time, no other cell of anyone changed, and the staff's own rows are intact. The figures are
written to tests/artifacts/soak.json for the closing note.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from services.people import checkin
from services.schema import ATTENDEES, AUDIT
from services.store import StoreError
from services.store.gsheets import GoogleSheetStore
from tests.backends import FAST_RETRY, GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

HEADER = ATTENDEES.headers
COL = {c.key: i for i, c in enumerate(ATTENDEES.columns)}
PEOPLE = 100
DESKS = 3
TWICE = 20  # people scanned at two desks at the same moment
STAFF_PAUSE_S = float(os.environ.get("SOAK_STAFF_PAUSE_S", "0.2"))  # between two staff reshapes of the tab
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _person(i: int) -> list[str]:
    return [f"DB-{i:03d}", f"Người {i:03d}", "", "", "", "công chức", f"09{i:08d}", "", "tham dự"]


@pytest.mark.parametrize("locale", ["vi_VN", "en_US"])
def test_three_desks_check_in_100_people_while_staff_reshape_the_tab(locale):
    emulator = shared_emulator()
    sheet = GoogleSheetBackend(
        {ATTENDEES.title: [HEADER, *(_person(i) for i in range(1, PEOPLE + 1))], AUDIT.title: [AUDIT.headers]},
        emulator,
        locale=locale,
    )
    sheet.store.ensure_schema()
    rng = random.Random(12)
    queue = [[] for _ in range(DESKS)]
    ids = [f"DB-{i:03d}" for i in range(1, PEOPLE + 1)]
    for n, person in enumerate(ids):
        queue[n % DESKS].append(person)
    for person in rng.sample(ids, TWICE):  # also scanned at the next desk
        desk = next(d for d in range(DESKS) if person in queue[d])
        queue[(desk + 1) % DESKS].append(person)
    for q in queue:
        rng.shuffle(q)

    outcomes: list[tuple[str, str, str]] = []  # (person, "won"|"already"|"refused", time or message)
    lock = threading.Lock()
    stop = threading.Event()
    staff_ops = {"insert": 0, "delete": 0, "sort": 0, "move": 0}

    def desk(d: int) -> None:
        store = GoogleSheetStore.for_emulator(emulator.host, sheet.key, policy=FAST_RETRY)
        store.load()
        start = datetime(2026, 12, 1, 7, 0, 0) + timedelta(minutes=d * 10)
        for n, person in enumerate(queue[d]):
            try:
                at = checkin.check_in(store, person, user=f"bàn {d + 1}", now=start + timedelta(seconds=n))
                result = (person, "won", at)
            except checkin.AlreadyCheckedIn as exc:
                result = (person, "already", exc.at)
            except StoreError as exc:
                result = (person, "refused", str(exc))
            with lock:
                outcomes.append(result)

    def staff() -> None:
        r = random.Random(7)
        added = 0
        while not stop.is_set():
            rows = sheet.cells(ATTENDEES.title)
            op = r.choice(list(staff_ops))
            if op == "insert":
                added += 1
                sheet.insert_row(ATTENDEES.title, r.randint(2, len(rows) + 1), [f"NV-{added}", f"Cán bộ {added}"])
            elif op == "delete":
                staff_rows = [i + 1 for i, row in enumerate(rows) if row and row[0].startswith("NV-")]
                if staff_rows:
                    sheet.delete_row(ATTENDEES.title, r.choice(staff_rows))
            elif op == "sort":
                emulator.sort_rows(sheet.key, ATTENDEES.title, r.choice([1, 2, 7]), descending=r.random() < 0.5)
            else:
                emulator.move_row(sheet.key, ATTENDEES.title, r.randint(2, len(rows)), r.randint(2, len(rows)))
            staff_ops[op] += 1
            time.sleep(STAFF_PAUSE_S)

    started = time.perf_counter()
    staff_thread = threading.Thread(target=staff)
    desks = [threading.Thread(target=desk, args=(d,)) for d in range(DESKS)]
    staff_thread.start()
    for t in desks:
        t.start()
    for t in desks:
        t.join(timeout=600)
    stop.set()
    staff_thread.join(timeout=30)
    elapsed = time.perf_counter() - started

    rows = {r[0]: r for r in sheet.cells(ATTENDEES.title)[1:] if r and r[0].startswith("DB-")}
    won = {p: at for p, kind, at in outcomes if kind == "won"}
    refused = [(p, msg) for p, kind, msg in outcomes if kind == "refused"]
    figures = {
        "scans": len(outcomes),
        "won": len(won),
        "already": sum(1 for _, kind, _ in outcomes if kind == "already"),
        "refused_cleanly": len(refused),
        "staff_ops": staff_ops,
        "seconds": round(elapsed, 1),
        "api_requests": emulator.count(),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    figures["locale"] = locale
    (ARTIFACTS / f"soak-{locale}.json" if locale != "vi_VN" else ARTIFACTS / "soak.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2)
    )
    print(figures)

    assert sorted(rows) == ids, "no person lost, none duplicated"
    for i, person in enumerate(ids, start=1):
        expected = _person(i)
        got = (rows[person] + [""] * len(HEADER))[: len(HEADER)]
        assert [v for c, v in enumerate(got) if c != COL["checked_in"]] == [
            v for c, v in enumerate((expected + [""] * len(HEADER))[: len(HEADER)]) if c != COL["checked_in"]
        ], f"{person}: a cell other than Có mặt changed: {got}"
        assert got[COL["checked_in"]] == won.get(person, ""), f"{person}: sheet {got[COL['checked_in']]!r}"
    for p, kind, at in outcomes:
        if kind == "already":
            assert won.get(p) == at, f"{p} was told already at {at}, the winner wrote {won.get(p)}"
    assert all(any(ch in msg for ch in "ăâđêôơư") for _, msg in refused), refused
    assert len(won) + len({p for p, _ in refused} - set(won)) == PEOPLE, "every person either checked in or refused"
    staff_left = [r for r in sheet.cells(ATTENDEES.title)[1:] if r and r[0].startswith("NV-")]
    assert all(r[1].startswith("Cán bộ") and len([v for v in r if v]) == 2 for r in staff_left), staff_left

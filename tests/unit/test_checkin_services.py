"""Check-in services on the workbook backend: concurrent desks, undo, walk-ins, bulk responses, counters, QR."""

from __future__ import annotations

import threading
from datetime import datetime

import pandas as pd
import pytest

from services.people.checkin import (
    AlreadyCheckedIn,
    UndoRefused,
    WalkInInvalid,
    check_in,
    counters,
    undo_check_in,
    walk_in,
)
from services.people.qr import qr_png
from services.people.responses import set_responses
from services.schema import ATTENDEES, AUDIT
from services.setup.seed import seed_rows
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.backends import BACKENDS, make_backend
from tests.conftest import FIXED_TODAY

AT = datetime(2026, 12, 16, 7, 10, 0)


def raw(path) -> pd.DataFrame:
    return validate(WorkbookStore(path).load()).raw["attendees"]


def run_together(*jobs):
    """Start every job at the same instant (two desks pressing Enter together); collect result or exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def runner(i, job):
        barrier.wait()
        try:
            results[i] = job()
        except Exception as exc:  # the test inspects what each desk got
            results[i] = exc

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_desks_checking_in_different_people_both_land(seeded_path):
    desk1, desk2 = WorkbookStore(seeded_path), WorkbookStore(seeded_path)
    results = run_together(
        lambda: check_in(desk1, "DB-011", user="bàn 1", now=AT),
        lambda: check_in(desk2, "DB-012", user="bàn 2", now=AT),
    )
    assert results == ["16/12/2026 07:10:00", "16/12/2026 07:10:00"]
    people = raw(seeded_path)
    assert people.at["DB-011", "checked_in"] and people.at["DB-012", "checked_in"]
    log = validate(WorkbookStore(seeded_path).load()).raw["audit"]
    assert sorted(log["user"]) == ["bàn 1", "bàn 2"]


def test_two_desks_checking_in_the_same_person_exactly_one_wins(seeded_path):
    desk1, desk2 = WorkbookStore(seeded_path), WorkbookStore(seeded_path)
    results = run_together(
        lambda: check_in(desk1, "DB-013", user="bàn 1", now=datetime(2026, 12, 16, 7, 1)),
        lambda: check_in(desk2, "DB-013", user="bàn 2", now=datetime(2026, 12, 16, 7, 2)),
    )
    wins = [r for r in results if isinstance(r, str)]
    losses = [r for r in results if isinstance(r, AlreadyCheckedIn)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].at == wins[0], "the loser is told the winner's time"
    assert raw(seeded_path).at["DB-013", "checked_in"] == wins[0]


def test_undo_only_clears_the_time_this_desk_wrote(seeded_path):
    store = WorkbookStore(seeded_path)
    stamp = check_in(store, "DB-014", user="bàn 1", now=AT)
    store.update_row("attendees", "DB-014", {"checked_in": "16/12/2026 07:30:00"}, {"checked_in": stamp})
    with pytest.raises(UndoRefused, match="07:30:00"):
        undo_check_in(store, "DB-014", stamp, user="bàn 1")
    assert raw(seeded_path).at["DB-014", "checked_in"] == "16/12/2026 07:30:00"
    undo_check_in(store, "DB-014", "16/12/2026 07:30:00", user="bàn 1")
    assert raw(seeded_path).at["DB-014", "checked_in"] == ""


def test_walk_in_is_one_append_already_checked_in(seeded_path):
    store = WorkbookStore(seeded_path)
    new_id, stamp = walk_in(
        store, {"name": "  Khách Lạ ", "unit": "Báo Lạng Sơn", "id": "DB-001"}, user="bàn 1", now=AT
    )
    row = raw(seeded_path).loc[new_id]
    assert new_id != "DB-001", "the store numbers walk-ins; a typed ID is ignored"
    assert (row["name"], row["group"], row["rsvp"], row["checked_in"]) == (
        "Khách Lạ",
        "khách mời",
        "tham dự",
        stamp,
    )
    with pytest.raises(WalkInInvalid):
        walk_in(store, {"name": " "}, user="bàn 1")
    with pytest.raises(WalkInInvalid):
        walk_in(store, {"name": "A", "group": "bạn bè"}, user="bàn 1")


def test_bulk_response_reports_what_landed_and_what_conflicted(seeded_path):
    store = WorkbookStore(seeded_path)
    people = raw(seeded_path)
    pending = people[people["rsvp"] == "chưa phản hồi"].index[:3].tolist()
    seen = {i: people.at[i, "rsvp"] for i in pending}
    store.update_row("attendees", pending[1], {"rsvp": "vắng"}, {})  # someone answers meanwhile
    result = set_responses(store, seen, "tham dự", user="văn phòng")
    assert result.landed == [pending[0], pending[2]]
    assert [c[0] for c in result.conflicts] == [pending[1]]
    after = raw(seeded_path)
    assert after.at[pending[1], "rsvp"] == "vắng", "the newer answer is not overwritten"
    assert after.at[pending[0], "rsvp"] == "tham dự"


def test_counters_by_group_and_total():
    frame = pd.DataFrame(
        {
            "group": ["lãnh đạo Sở", "công chức", "công chức", "khách mời", ""],
            "rsvp": ["tham dự", "tham dự", "vắng", "chưa phản hồi", "tham dự"],
            "checked_in": pd.to_datetime([datetime(2026, 12, 16, 7), None, None, datetime(2026, 12, 16, 7), None]),
        }
    )
    table = counters(frame)
    assert table.to_dict("records") == [
        {"group": "lãnh đạo Sở", "invited": 1, "confirmed": 1, "arrived": 1},
        {"group": "công chức", "invited": 2, "confirmed": 1, "arrived": 0},
        {"group": "khách mời", "invited": 1, "confirmed": 0, "arrived": 1},
        {"group": "(chưa rõ nhóm)", "invited": 1, "confirmed": 1, "arrived": 0},
        {"group": "Tổng cộng", "invited": 5, "confirmed": 3, "arrived": 2},
    ]


def test_qr_codes_encode_the_id():
    png = qr_png("DB-012")
    assert png.startswith(b"\x89PNG")
    assert qr_png("DB-012") == png, "deterministic: the same card prints the same code"
    assert qr_png("DB-013") != png


def test_qr_codes_are_regular_qr_holding_only_the_id():
    """Phone cameras read regular QR codes, not Micro QR (which segno picks for short text unless told not to)."""
    import io

    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(qr_png("DB-012", scale=6, border=4))).convert("L")
    found = zxingcpp.read_barcodes(image)
    assert [(r.text, r.format) for r in found] == [("DB-012", zxingcpp.BarcodeFormat.QRCode)]


@pytest.fixture(params=BACKENDS)
def desks(request, tmp_path):
    """Two check-in desks on one backend. Google Sheet: two app sessions share the server's one store (as in the
    app); workbook: two separate store objects on the same file (as two servers would)."""
    seeded = seed_rows(FIXED_TODAY)
    tabs = {
        ATTENDEES.title: [ATTENDEES.headers]
        + [[r.get(c.key, "") for c in ATTENDEES.columns] for r in seeded["attendees"]],
        AUDIT.title: [AUDIT.headers],
    }
    backend = make_backend(request.param, tmp_path, tabs)
    other = WorkbookStore(backend.path) if request.param == "workbook" else backend.store
    return backend, backend.store, other


def test_concurrent_check_ins_on_every_backend(desks):
    backend, desk1, desk2 = desks
    results = run_together(
        lambda: check_in(desk1, "DB-021", user="bàn 1", now=AT),
        lambda: check_in(desk2, "DB-022", user="bàn 2", now=AT),
    )
    assert results == ["16/12/2026 07:10:00", "16/12/2026 07:10:00"]
    same = run_together(
        lambda: check_in(desk1, "DB-023", user="bàn 1", now=datetime(2026, 12, 16, 7, 11)),
        lambda: check_in(desk2, "DB-023", user="bàn 2", now=datetime(2026, 12, 16, 7, 12)),
    )
    assert sorted(type(r).__name__ for r in same) == ["AlreadyCheckedIn", "str"], same
    rows = {r[0]: r for r in backend.cells(ATTENDEES.title)[1:]}
    col = ATTENDEES.headers.index("Có mặt")
    assert rows["DB-021"][col] and rows["DB-022"][col]
    assert rows["DB-023"][col] == next(r for r in same if isinstance(r, str))

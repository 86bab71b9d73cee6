"""Staff reshape the shared sheet while the app writes: every write lands on its own row or on none.

For each write (edit, check-in, delete, append) and each staff action (insert a row above, insert below, delete
another row, sort the tab, move a row, delete the target itself), the action fires just before the 1st, 2nd, 3rd … API
request of the write. The sheet is then compared with what it must be: the staff's sheet (as it was right after
their action) plus exactly the app's change on the row with the target ID — so a write on a wrong row, a staff cell
overwritten or a lost write each fail the test. A clean refusal must say so in Vietnamese and leave the staff's
sheet untouched.
"""

from __future__ import annotations

import pytest

from services.people import checkin
from services.schema import ATTENDEES, AUDIT
from services.store import StoreError
from tests.backends import GoogleSheetBackend
from tests.sheets_emulator import shared_emulator

HEADER = ATTENDEES.headers
COL = {c.key: i for i, c in enumerate(ATTENDEES.columns)}
PEOPLE = [
    ["DB-001", "Nguyễn Văn An", "Nam", "", "", "công chức", "0912000001", "", "tham dự", "", "", ""],
    ["DB-002", "Hoàng Thị Hòa", "Nữ", "", "", "công chức", "0912000002", "", "tham dự", "", "", "ghi chú 2"],
    ["DB-003", "Triệu Đức Đạt", "Nam", "", "", "viên chức", "", "", "vắng", "", "", ""],
    ["DB-004", "Vi Thị Bích", "Nữ", "", "", "viên chức", "", "", "tham dự", "", "", "ghi chú 4"],
    ["DB-005", "Chu Văn Cường", "Nam", "", "", "khách mời", "", "", "tham dự", "", "", ""],
]
TARGET = "DB-003"
STAFF_ROW = ["DB-900", "Người Chèn Vào", "", "", "", "khách mời", "", "", "", "", "", "staff"]
STAMP = "01/12/2026 08:01:02"


def _row_of(b, row_id: str) -> int | None:
    """1-based sheet row of this ID now, or None (a hook that fires after the row is gone does nothing)."""
    rows = b.cells(ATTENDEES.title)
    return next((i + 1 for i, r in enumerate(rows) if r and r[0] == row_id), None)


def _staff_actions():
    def insert_above(b):
        b.insert_row(ATTENDEES.title, 2, STAFF_ROW)

    def insert_below(b):
        b.insert_row(ATTENDEES.title, len(b.cells(ATTENDEES.title)) + 1, STAFF_ROW)

    def delete_other(b):
        if at := _row_of(b, "DB-001"):
            b.delete_row(ATTENDEES.title, at)

    def sort_desc(b):
        b.emulator.sort_rows(b.key, ATTENDEES.title, COL["name"] + 1, descending=True)

    def move_to_top(b):
        if at := _row_of(b, "DB-005"):
            b.emulator.move_row(b.key, ATTENDEES.title, at, 2)

    def delete_target(b):
        if at := _row_of(b, TARGET):
            b.delete_row(ATTENDEES.title, at)

    def cut_paste(b):  # cut the target's row and paste it below the table: its old row stays, empty
        if at := _row_of(b, TARGET):
            b.emulator.cut_paste_row(b.key, ATTENDEES.title, at, len(b.cells(ATTENDEES.title)) + 2)

    return {
        "cut_paste": cut_paste,
        "insert_above": insert_above,
        "insert_below": insert_below,
        "delete_other": delete_other,
        "sort": sort_desc,
        "move": move_to_top,
        "delete_target": delete_target,
    }


ACTIONS = _staff_actions()


def _edit(b):
    b.store.update_row("attendees", TARGET, {"note": "đã gọi"}, {"note": ""}, user="bàn 1")


def _edit_two(b):
    b.store.update_row("attendees", TARGET, {"note": "đã gọi", "seat": "A-01"}, {"note": "", "seat": ""}, user="bàn 1")


def _check_in(b):
    from datetime import datetime

    checkin.check_in(b.store, TARGET, user="bàn 1", now=datetime.strptime(STAMP, "%d/%m/%Y %H:%M:%S"))


def _delete(b):
    b.store.delete_row("attendees", TARGET, {"name": "Triệu Đức Đạt"}, user="bàn 1")


def _append(b):
    b.store.append_rows("attendees", [{"name": "Khách Vãng Lai", "group": "khách mời"}], user="bàn 1")


WRITES = {"edit": _edit, "edit_two": _edit_two, "check_in": _check_in, "delete": _delete, "append": _append}


def _expected(op: str, staff: list[list[str]], landed: bool) -> list[list[str]]:
    rows = [list(r) for r in staff]
    if not landed:
        return rows
    if op in ("edit", "edit_two", "check_in"):
        for r in rows[1:]:
            if r and r[0] == TARGET:
                r += [""] * (len(HEADER) - len(r))
                if op == "check_in":
                    r[COL["checked_in"]] = STAMP
                else:
                    r[COL["note"]] = "đã gọi"
                if op == "edit_two":
                    r[COL["seat"]] = "A-01"
    elif op == "delete":
        rows = [r for r in rows if not r or r[0] != TARGET]
    return rows


def _normal(rows: list[list[str]]) -> list[list[str]]:
    width = len(HEADER)
    return [(r + [""] * width)[:width] for r in rows if any(r)]


# Every case in a vi_VN spreadsheet and in an en_US one (dates typed month first, decimal point): 280 cases.
CASES = [
    pytest.param(op, action, before, locale, id=f"{op}-{action}-{before}-{locale}")
    for locale, befores in (("vi_VN", [0, 1, 2, 3]), ("en_US", [0, 1, 2, 3]))
    for op in WRITES
    for action in ACTIONS
    for before in befores
]


@pytest.mark.parametrize(("op", "action", "before_request", "locale"), CASES)
def test_a_write_never_lands_on_a_wrong_row(op, action, before_request, locale):
    emulator = shared_emulator()
    b = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE], AUDIT.title: [AUDIT.headers]}, emulator, locale=locale)
    b.store.ensure_schema()  # as after init-sheet: the write journal exists, so every request counted is the write
    b.store.load()  # as the app does: a read first, so the write starts from a known layout
    staff: dict[str, list[list[str]]] = {}

    def fire(_emulator):
        ACTIONS[action](b)
        staff["after"] = b.cells(ATTENDEES.title)

    emulator.before(None, fire, times=1, skip=before_request)
    error: StoreError | None = None
    try:
        WRITES[op](b)
    except StoreError as exc:
        error = exc
    finally:
        emulator.clear_faults()
    now = b.cells(ATTENDEES.title)
    base = staff.get("after", [HEADER, *PEOPLE])
    if op == "append":
        added = [r for r in now[1:] if r[COL["name"]] == "Khách Vãng Lai"]
        assert error is None and len(added) == 1, error
        ids = [r[0] for r in now[1:] if r and r[0]]
        assert len(ids) == len(set(ids)), f"duplicate IDs: {ids}"
        assert _normal([r for r in now if r[COL["name"]] != "Khách Vãng Lai"]) == _normal(base)
        return
    if error is not None:
        assert str(error) and any(ch in str(error) for ch in "ăâđêôơư"), "a refusal is explained in Vietnamese"
        assert _normal(now) == _normal(base), "a refused write leaves the staff's sheet exactly as they made it"
        return
    assert _normal(now) == _normal(_expected(op, base, landed=True))


def test_a_refused_write_after_staff_deleted_the_row_names_it():
    emulator = shared_emulator()
    b = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE]}, emulator)
    b.store.load()
    emulator.before(None, lambda _e: ACTIONS["delete_target"](b), times=1, skip=0)
    try:
        with pytest.raises(StoreError, match=TARGET):
            _edit(b)
    finally:
        emulator.clear_faults()


@pytest.mark.parametrize("first_insert", [0, 1, 2])
def test_two_inserts_during_locate_never_report_a_neighbours_time(first_insert):
    """Issue 27: staff insert rows above the target twice while the desk locates it. The desk must check the right
    person in (or refuse in Vietnamese), never report the checked-in neighbour's time as "already checked in"."""
    emulator = shared_emulator()
    people = [list(r) for r in PEOPLE]
    neighbour_time = "01/12/2026 07:45:00"
    for r in people:
        r[COL["checked_in"]] = neighbour_time if r[0] != TARGET else ""
    b = GoogleSheetBackend({ATTENDEES.title: [HEADER, *people], AUDIT.title: [AUDIT.headers]}, emulator)
    b.store.ensure_schema()
    b.store.load()
    count = {"n": 0}

    def insert(_emulator):
        count["n"] += 1
        b.insert_row(ATTENDEES.title, 2, [f"DB-9{count['n']:02d}", "Người Chèn Vào", *[""] * (len(HEADER) - 2)])

    emulator.before(None, insert, times=4, skip=first_insert)
    try:
        _check_in(b)
    except checkin.AlreadyCheckedIn as exc:
        pytest.fail(f"a neighbour's time reported as this person's: {exc}")
    except StoreError as exc:
        assert any(ch in str(exc) for ch in "ăâđêôơư"), exc
    finally:
        emulator.clear_faults()
    rows = {r[0]: r for r in b.cells(ATTENDEES.title)[1:] if r}
    target = rows[TARGET] + [""] * len(HEADER)
    assert target[COL["checked_in"]] in ("", STAMP)
    assert all(
        (r + [""] * len(HEADER))[COL["checked_in"]] in ("", neighbour_time) for k, r in rows.items() if k != TARGET
    )


@pytest.mark.parametrize("many", [False, True], ids=["check_in", "check_in_many"])
def test_a_desk_is_never_told_already_by_another_desks_misplaced_write(many):
    """Issue 27 (seen in CI): desk A's write lands on the target's row because staff moved it there just then; while
    A is still putting that back, desk B scans the target. B must wait for the put-back and check the target in —
    never report A's time as the target's "already checked in"."""
    import threading
    import time
    from datetime import datetime

    from services.store.gsheets import GoogleSheetStore
    from tests.backends import FAST_RETRY

    emulator = shared_emulator()
    b = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE], AUDIT.title: [AUDIT.headers]}, emulator)
    b.store.ensure_schema()
    desk_a, desk_b = (GoogleSheetStore.for_emulator(emulator.host, b.key, policy=FAST_RETRY) for _ in range(2))
    desk_a.load()
    desk_b.load()
    a_stamp, b_stamp = datetime(2026, 12, 1, 7, 30, 1), datetime(2026, 12, 1, 7, 30, 2)
    told: dict[str, object] = {}

    def desk_b_scans() -> None:
        try:
            if many:
                (told["b"],) = checkin.check_in_many(desk_b, [(TARGET, "01/12/2026 07:30:02", "bàn 2")])
            else:
                told["b"] = checkin.check_in(desk_b, TARGET, user="bàn 2", now=b_stamp)
        except StoreError as exc:
            told["b"] = exc

    scan_b = threading.Thread(target=desk_b_scans)

    def before_a_puts_back(_emulator):
        scan_b.start()  # B meets A's time on the target's row…
        time.sleep(0.6)  # …and A's put-back waits this long (staff keep moving rows under it)

    def move_target_under_a(_emulator):
        at = _row_of(b, TARGET)
        b.emulator.move_row(b.key, ATTENDEES.title, at, 2)  # A's write (for DB-001, grid row 2) lands on the target
        emulator.before(None, before_a_puts_back, times=1)  # A's next request is its put-back's read

    emulator.before("spreadsheets.batchUpdate", move_target_under_a, times=1)
    try:
        got_a = checkin.check_in(desk_a, "DB-001", user="bàn 1", now=a_stamp)
    finally:
        scan_b.join(timeout=30)
        emulator.clear_faults()
    assert got_a == "01/12/2026 07:30:01"
    assert told["b"] == "01/12/2026 07:30:02", f"desk B was told: {told['b']}"
    rows = {r[0]: (r + [""] * len(HEADER)) for r in b.cells(ATTENDEES.title)[1:] if r}
    assert rows["DB-001"][COL["checked_in"]] == "01/12/2026 07:30:01"
    assert rows[TARGET][COL["checked_in"]] == "01/12/2026 07:30:02"


def test_a_put_back_whose_cells_were_overwritten_looks_again_before_giving_up():
    """Seen in the soak at 20 reshapes a second: desk A's check-in landed on the target's row by mistake (a ghost);
    desk B, which had read the row before, wrote over the ghost; A's put-back looked, found its value gone and gave
    up; then B's own put-back restored B's copy — the ghost — and it stayed for good (a false "already checked in"
    for the target). A put-back that finds its cells overwritten must look again after a settle time."""
    from services.store.gsheets import GoogleSheetStore
    from services.store.gsheets_batch import Located
    from tests.backends import FAST_RETRY

    emulator = shared_emulator()
    b = GoogleSheetBackend({ATTENDEES.title: [HEADER, *PEOPLE], AUDIT.title: [AUDIT.headers]}, emulator)
    b.store.ensure_schema()
    desk_a = GoogleSheetStore.for_emulator(emulator.host, b.key, policy=FAST_RETRY)
    desk_a.load()
    ghost, desk_b_time = "01/12/2026 07:00:13", "01/12/2026 07:10:09"
    column = COL["checked_in"] + 1
    # A's misplaced write as it landed: through the store, so the journal holds its copy of the row before it.
    desk_a.update_row(ATTENDEES.key, TARGET, {"checked_in": ghost}, {"checked_in": ""})
    (written, *_) = desk_a.journal.recent(desk_a.session.journal_tab(), 1)
    b.set_cell(ATTENDEES.title, _row_of(b, TARGET), column, desk_b_time)  # B's write over the ghost

    def desk_b_puts_its_copy_back(_emulator):
        b.set_cell(ATTENDEES.title, _row_of(b, TARGET), column, ghost)

    # B's put-back lands right after A's put-back first looked (before A's next request, whatever it is).
    emulator.before(None, desk_b_puts_its_copy_back, times=1, skip=1)
    try:
        found = Located(desk_a.session.tab_ref(ATTENDEES), HEADER, [], _row_of(b, TARGET) - 2, [], AUDIT.headers)
        desk_a.repairs.restore(
            ATTENDEES, found, written.nonce, written.pre, {COL["checked_in"]: ghost}, None, reason="ghi nhầm dòng"
        )
    finally:
        emulator.clear_faults()
    row = b.cells(ATTENDEES.title)[_row_of(b, TARGET) - 1] + [""] * len(HEADER)
    assert row[COL["checked_in"]] == "", "the ghost was left on the target's row"

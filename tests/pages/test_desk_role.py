"""The door desk role: only the Điểm danh page, name/unit/seat only (no phone, no e-mail anywhere it can reach), and
on the server side only arrival times and walk-ins; and no server listens on the network without roles."""

from __future__ import annotations

import pytest

from services.access import AccessPolicy, GuardedStore, PermissionDenied, Role, exposed_without_roles, load_policy
from services.people import checkin
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import open_app, sign_in
from tests.unit.test_access import FAST, ROLES, hash_passcode, nav_titles

DESK_ROLES = {"roles": {**ROLES["roles"], "passcodes": {**ROLES["roles"]["passcodes"], "desk": ""}}}
DESK_ROLES["roles"]["passcodes"]["desk"] = hash_passcode("cua", iterations=FAST)


def proto_text(at) -> str:
    """Every element the page sent, as text (labels, values, markdown, dataframe bytes, component data)."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


@pytest.fixture
def contact_path(seeded_path):
    """The seeded roster with an e-mail and a seat for DB-010 (the seed has phones for everyone, no e-mails)."""
    WorkbookStore(seeded_path).update_row(
        "attendees", "DB-010", {"email": "hoa.vi@langson.gov.vn", "seat": "B-03"}, {"email": "", "seat": ""}, user="t"
    )
    return seeded_path


def test_the_desk_role_sees_only_the_checkin_page(contact_path, monkeypatch):
    at = sign_in(open_app(contact_path, monkeypatch, secrets=DESK_ROLES), "cua")
    assert not at.exception
    assert nav_titles(at) == {"Điểm danh"}
    assert at.title[0].value == "Điểm danh"
    assert any("bàn điểm danh" in c.value for c in at.sidebar.caption)


def test_the_desk_sees_no_phone_or_email_even_when_searching(contact_path, monkeypatch):
    frame = validate(WorkbookStore(contact_path).load()).frames["attendees"]
    at = sign_in(open_app(contact_path, monkeypatch, secrets=DESK_ROLES), "cua")
    phone = str(frame.at["DB-010", "phone"])
    assert len(phone) >= 9
    pages = []
    for query in ("vi van", phone, phone[-6:], "hoa.vi", "DB-010"):  # DB-010 last: it checks in
        at.text_input(key="checkin_query").input(query).run()
        assert not at.exception
        pages.append(proto_text(at).replace(query, "«typed»"))  # the desk's own typing is echoed, nothing else
        if query.startswith(phone[-6:]) or query == phone:
            assert not [b for b in at.button if b.key == "checkin_do_DB-010"], "a phone number finds nobody"
    dumped = "\n".join(pages)
    assert frame.at["DB-010", "name"] in dumped and "B-03" in dumped, "name and seat are shown (the check can fail)"
    assert "langson.gov.vn" not in dumped
    for other in frame["phone"].dropna():
        digits = "".join(ch for ch in str(other) if ch.isdigit())
        assert digits not in dumped.replace(" ", ""), other
    assert not [t for t in at.text_input if t.key == "checkin_walkin_phone"], "the desk types no phone number"


def test_a_staff_editor_still_finds_people_by_phone(contact_path, monkeypatch):
    """The same search as an editor finds DB-010 by phone: the desk's emptiness above is the role, not the search."""
    frame = validate(WorkbookStore(contact_path).load()).frames["attendees"]
    at = sign_in(open_app(contact_path, monkeypatch, secrets=DESK_ROLES), "sua")
    at.switch_page("content/checkin.py").run()
    at.text_input(key="checkin_query").input(str(frame.at["DB-010", "phone"])).run()
    assert [b.key for b in at.button if b.key == "checkin_do_DB-010"]


def test_the_desk_checks_in_by_scan_or_typing_and_undoes(contact_path, monkeypatch):
    at = sign_in(open_app(contact_path, monkeypatch, secrets=DESK_ROLES), "cua")
    at.text_input(key="checkin_query").input("db10").run()
    assert not at.exception
    assert validate(WorkbookStore(contact_path).load()).raw["attendees"].at["DB-010", "checked_in"]
    at.button(key="checkin_undo").click().run()
    assert not at.exception
    assert validate(WorkbookStore(contact_path).load()).raw["attendees"].at["DB-010", "checked_in"] == ""


def test_the_desk_role_may_write_arrival_times_and_walk_ins_only(seeded_path):
    desk = GuardedStore(WorkbookStore(seeded_path), Role.DESK, "bàn 1")
    stamp = checkin.check_in(desk, "DB-003", user="bàn 1")
    checkin.undo_check_in(desk, "DB-003", stamp, user="bàn 1")
    new_id, _ = checkin.walk_in(desk, {"name": "Khách Mới", "unit": "Báo Lạng Sơn"}, user="bàn 1")
    assert new_id.startswith("DB-")
    with pytest.raises(PermissionDenied):
        desk.update_row("attendees", "DB-003", {"phone": "0900000000"}, {"phone": "0911"})
    with pytest.raises(PermissionDenied):
        desk.update_row("attendees", "DB-003", {"checked_in": "", "name": "X"}, {"checked_in": "", "name": ""})
    with pytest.raises(PermissionDenied):
        desk.update_row("tasks", "NV-001", {"checked_in": "x"}, {"checked_in": ""})
    with pytest.raises(PermissionDenied):
        desk.delete_row("attendees", "DB-003", {})
    with pytest.raises(PermissionDenied):
        desk.append_rows("tasks", [{"title": "x"}])
    with pytest.raises(PermissionDenied):
        desk.ensure_schema()


def test_the_desk_role_is_configured_like_the_others():
    policy = load_policy({"roles": {"emails": {"desk": ["Cua1@langson.gov.vn"], "editor": ["sua@langson.gov.vn"]}}})
    assert policy.role_for_email("cua1@langson.gov.vn") is Role.DESK
    assert Role.DESK and Role.DESK < Role.VIEWER, "truthy (never 'no role') and below every page's least role"
    assert Role.parse("desk") is Role.DESK
    with pytest.raises(ValueError, match="desk"):
        Role.parse("door")


@pytest.mark.parametrize(
    ("address", "exposed"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("localhost", False),
        ("::1", False),
        ("[::1]", False),
        ("0.0.0.0", True),
        ("", True),
        (None, True),
        ("192.168.1.20", True),
        ("desk.local", True),
    ],
)
def test_listening_beyond_loopback_needs_roles(address, exposed):
    assert exposed_without_roles(address, AccessPolicy()) is exposed
    assert exposed_without_roles(address, load_policy(ROLES)) is False


def test_the_app_refuses_to_draw_on_the_network_without_roles(seeded_path, monkeypatch):
    import streamlit as st

    original = st.get_option("server.address")
    try:
        st.config.set_option("server.address", "0.0.0.0")
        at = open_app(seeded_path, monkeypatch)
        assert not at.exception
        assert any("chưa cấu hình quyền truy cập" in e.value for e in at.error)
        assert not at.title and not at.metric
        with_roles = open_app(seeded_path, monkeypatch, secrets=ROLES)
        assert not with_roles.error and nav_titles(with_roles) == {"Đăng nhập"}
    finally:
        st.config.set_option("server.address", original)

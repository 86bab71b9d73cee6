"""Seating rules: leaders front and centre, honorees near the aisle in award order, staff by unit, no seat twice,
overflow reported; hand moves checked; the chart builds."""

from __future__ import annotations

import pytest

from services.people.seating import (
    DEPARTMENT,
    HONOREE,
    PROVINCE,
    STAFF,
    SeatingError,
    apply_changes,
    assign,
    categorise,
    check_move,
    hall_from_settings,
    parse_reserved,
    seating_figure,
)
from services.schema import ATTENDEES, AWARDS, NOMINATIONS, SETTINGS, UNITS
from services.store import Snapshot, TabData
from services.validation import validate


def person(i, name, group, unit="Văn phòng Sở", position="Chuyên viên", rsvp="tham dự", seat=""):
    return {
        "id": f"DB-{i:03d}",
        "name": name,
        "group": group,
        "unit": unit,
        "position": position,
        "rsvp": rsvp,
        "seat": seat,
    }


def dataset(people, nominations=(), rows="4", seats="6", reserved="A:lãnh đạo;B:khen thưởng"):
    def tab(spec, records):
        return TabData(spec.title, spec.headers, [[r.get(c.key, "") for c in spec.columns] for r in records])

    settings = [
        {"id": "hall_rows", "value": rows},
        {"id": "hall_seats_per_row", "value": seats},
        {"id": "hall_reserved", "value": reserved},
    ]
    units = [{"id": "DV-01", "name": "Văn phòng Sở"}, {"id": "DV-02", "name": "Phòng Quản lý khoa học"}]
    awards = [
        {"id": "HT-01", "name": "Chiến sĩ thi đua cấp tỉnh", "rank": "2"},
        {"id": "HT-02", "name": "Lao động tiên tiến", "rank": "8"},
    ]
    tabs = {
        "settings": tab(SETTINGS, settings),
        "units": tab(UNITS, units),
        "attendees": tab(ATTENDEES, people),
        "nominations": tab(NOMINATIONS, list(nominations)),
        "awards": tab(AWARDS, awards),
    }
    return validate(Snapshot(tabs=tabs))


def nomination(i, name, award, status="đã duyệt", unit="Văn phòng Sở", order=""):
    return {
        "id": f"DC-{i:03d}",
        "kind": "cá nhân",
        "name": name,
        "unit": unit,
        "award": award,
        "status": status,
        "award_order": order,
    }


PEOPLE = [
    person(1, "Trần Văn Phó", "lãnh đạo Sở", "Lãnh đạo Sở", "Phó Giám đốc Sở"),
    person(2, "Nguyễn Quang Huy", "lãnh đạo Sở", "Lãnh đạo Sở", "Giám đốc Sở"),
    person(3, "Vi Văn Tỉnh", "lãnh đạo tỉnh", "UBND tỉnh", "Phó Chủ tịch UBND tỉnh"),
    person(4, "Lý Thị Lao", "công chức"),
    person(5, "Hà Văn Chiến", "công chức", "Phòng Quản lý khoa học"),
    person(6, "Đinh Thị Vắng", "công chức", rsvp="vắng"),
    person(7, "Mông Văn Chờ", "công chức", rsvp="chưa phản hồi"),
    person(8, "Lương Thị Khoa", "viên chức", "Phòng Quản lý khoa học"),
    person(9, "Hoàng Văn Nhân", "người lao động"),
]
NOMS = [
    nomination(1, "Lý Thị Lao", "Lao động tiên tiến"),
    nomination(2, "Hà Văn Chiến", "Chiến sĩ thi đua cấp tỉnh", unit="Phòng Quản lý khoa học"),
    nomination(3, "Hoàng Văn Nhân", "Lao động tiên tiến", status="đang xét"),  # not approved: sits with staff
]


def test_reserved_zones_parse_and_refuse_nonsense():
    rows = ["A", "B", "C", "D", "E"]
    assert parse_reserved("A:lãnh đạo; B-C : Khen thưởng ;D:khách mời", rows) == {
        "A": "leaders",
        "B": "honorees",
        "C": "honorees",
        "D": "guests",
    }
    with pytest.raises(SeatingError, match="không đọc được"):
        parse_reserved("A:ca sĩ", rows)
    with pytest.raises(SeatingError, match="không có trong hội trường"):
        parse_reserved("F:lãnh đạo", rows)


def test_leaders_front_and_centre_honorees_near_aisle_staff_by_unit():
    data = dataset(PEOPLE, NOMS)
    hall = hall_from_settings(data.settings.values)
    plan = assign(data, hall)
    seats = plan.seats
    # 6 seats a row, aisle between 3 and 4: provincial leader first at the aisle, then the Director, then deputies.
    assert (seats["DB-003"], seats["DB-002"], seats["DB-001"]) == ("A03", "A04", "A02")
    # Honorees in row B next to the aisle, the higher award first.
    assert (seats["DB-005"], seats["DB-004"]) == ("B03", "B04")
    # Staff fill the general rows unit by unit, in the units' order; the unapproved nominee is staff.
    assert seats["DB-009"] == "C01"
    assert seats["DB-008"] == "C02"
    assert "DB-006" not in seats and "DB-007" not in seats, "absent and unanswered are not seated"
    assert len(set(seats.values())) == len(seats), "no seat given twice"
    assert plan.notes == [] and plan.unseated == []
    cats = categorise(data)["category"]
    assert (cats["DB-003"], cats["DB-002"], cats["DB-005"], cats["DB-009"]) == (PROVINCE, DEPARTMENT, HONOREE, STAFF)


def test_overflow_is_reported_never_double_booked():
    crowd = [person(100 + i, f"Người {i:02d}", "công chức") for i in range(20)]
    leaders = [person(200 + i, f"Lãnh đạo {i}", "lãnh đạo Sở", "Lãnh đạo Sở", "Phó Giám đốc Sở") for i in range(4)]
    data = dataset(crowd + leaders, rows="3", seats="4", reserved="A:lãnh đạo")  # 12 seats, 24 people
    plan = assign(data, hall_from_settings(data.settings.values))
    assert len(plan.seats) == 12 and len(set(plan.seats.values())) == 12
    assert len(plan.unseated) == 12
    assert any("Hội trường không đủ chỗ: 12 người chưa có ghế (sức chứa 12, cần 24)" in n for n in plan.notes)
    assert {s[0] for i, s in plan.seats.items() if i.startswith("DB-2")} == {"A"}


def test_leaders_overflowing_their_row_go_to_the_front_of_the_general_rows():
    leaders = [person(200 + i, f"Lãnh đạo {i}", "lãnh đạo Sở", "Lãnh đạo Sở", "Phó Giám đốc Sở") for i in range(6)]
    data = dataset([*leaders, person(1, "Lý Thị Lao", "công chức")], rows="3", seats="4", reserved="A:lãnh đạo")
    plan = assign(data, hall_from_settings(data.settings.values))
    assert sorted(s for i, s in plan.seats.items() if i.startswith("DB-2"))[-2:] == ["B01", "B02"]
    assert plan.seats["DB-001"] == "B03"
    assert plan.notes == ["Khu lãnh đạo không đủ ghế (hoặc chưa đặt): 2 lãnh đạo sở được xếp sang hàng chung."]


def test_keep_existing_seats_and_clear_seats_of_the_absent():
    people = [*PEOPLE]
    people[3] = person(4, "Lý Thị Lao", "công chức", seat="d6")  # placed by hand
    people[5] = person(6, "Đinh Thị Vắng", "công chức", rsvp="vắng", seat="C05")
    data = dataset(people)
    plan = assign(data, hall_from_settings(data.settings.values), keep_existing=True)
    assert plan.seats["DB-004"] == "D06"
    changes = {c.attendee_id: (c.old, c.new) for c in plan.changes(data.raw["attendees"])}
    assert changes["DB-006"] == ("C05", "")
    assert changes["DB-004"] == ("d6", "D06"), "spelling normalised"


def test_hand_move_checks_the_seat():
    people = [*PEOPLE]
    people[3] = person(4, "Lý Thị Lao", "công chức", seat="C01")
    data = dataset(people)
    hall = hall_from_settings(data.settings.values)
    assert check_move(data, hall, "DB-005", "c 2") == "C02"
    assert check_move(data, hall, "DB-005", "") == ""
    with pytest.raises(SeatingError, match="Lý Thị Lao"):
        check_move(data, hall, "DB-005", "C1")
    with pytest.raises(SeatingError, match="Không có ghế"):
        check_move(data, hall, "DB-005", "Z9")


def test_bad_hall_settings_are_reported():
    with pytest.raises(SeatingError):
        hall_from_settings({"hall_rows": "mười"})
    with pytest.raises(SeatingError):
        hall_from_settings({"hall_rows": "0", "hall_seats_per_row": "10"})


def test_plan_applies_through_the_store_and_the_chart_builds(seeded_store):
    store = seeded_store
    data = validate(store.load())
    hall = hall_from_settings(data.settings.values)
    plan = assign(data, hall)
    changes = plan.changes(data.raw["attendees"])
    result = apply_changes(store, changes[:5], user="test")
    assert len(result.landed) == 5 and not result.conflicts
    after = validate(store.load()).raw["attendees"]
    for change in changes[:5]:
        assert after.at[change.attendee_id, "seat"] == change.new
    fig = seating_figure(validate(store.load()), hall)
    seated = sum(len(tr.x) for tr in fig.data if tr.name != "Ghế trống")
    assert seated == 5
    assert sum(len(tr.x) for tr in fig.data) == hall.capacity

"""The hall chart colours each occupied seat by the same category the assignment uses, looking up only the
occupants; seats typed loosely in the sheet are read as the plan would write them."""

from __future__ import annotations

from services.people.seating import (
    assign,
    categories,
    categorise,
    hall_from_settings,
    seating_figure,
)
from services.validation import validate
from tests.unit.test_seating import NOMS, PEOPLE, dataset, nomination, person


def test_categories_agree_with_categorise_for_any_subset():
    data = dataset(PEOPLE, NOMS)
    full = categorise(data)["category"].to_dict()
    assert categories(data, list(full)) == full
    some = ["DB-009", "DB-005", "DB-003"]
    assert categories(data, some) == {i: full[i] for i in some}
    assert categories(data, []) == {}


def test_an_honoree_is_found_by_a_unique_name_when_the_unit_is_spelt_differently():
    people = [person(1, "Lý Thị Lao", "công chức"), person(2, "Nông Văn Hai", "công chức")]
    noms = [nomination(1, "LÝ THỊ  LAO", "Lao động tiên tiến", unit="VP Sở")]
    data = dataset(people, noms)
    assert categories(data, ["DB-001", "DB-002"]) == {"DB-001": "honoree", "DB-002": "staff"}
    assert categorise(data)["category"].to_dict() == {"DB-001": "honoree", "DB-002": "staff"}


def test_the_chart_of_current_seats_is_the_chart_of_those_seats_as_a_plan():
    people = [
        person(1, "Vi Văn Tỉnh", "lãnh đạo tỉnh", "UBND tỉnh", "Phó Chủ tịch UBND tỉnh", seat="a-3"),
        person(5, "Hà Văn Chiến", "công chức", "Phòng Quản lý khoa học", seat="B 03"),
        person(8, "Lương Thị Khoa", "viên chức", seat="C2"),
        person(9, "Hoàng Văn Nhân", "người lao động", seat="Z99"),  # no such seat: not drawn
        person(10, "Đinh Thị Không", "công chức"),
    ]
    data = dataset(people, NOMS)
    hall = hall_from_settings(data.settings.values)
    fig = seating_figure(data, hall)
    same = seating_figure(data, hall, {"DB-001": "A03", "DB-005": "B03", "DB-008": "C02"})
    assert fig.to_json() == same.to_json()
    drawn = {tr.name: list(tr.hovertext) for tr in fig.data}
    assert [h.split(" — ")[0] for h in drawn["Lãnh đạo tỉnh"]] == ["A03"]
    assert [h.split(" — ")[0] for h in drawn["Được khen thưởng"]] == ["B03"]
    assert [h.split(" — ")[0] for h in drawn["CBCCVC, người lao động"]] == ["C02"]
    assert sum(len(tr.x) for tr in fig.data) == hall.capacity


def test_a_plan_naming_someone_not_in_the_sheet_leaves_the_seat_empty():
    data = dataset(PEOPLE, NOMS)
    hall = hall_from_settings(data.settings.values)
    fig = seating_figure(data, hall, {"DB-999": "A01", "DB-009": "C01"})
    names = {tr.name: len(tr.x) for tr in fig.data}
    assert names["CBCCVC, người lao động"] == 1
    assert names["Ghế trống"] == hall.capacity - 1


def test_on_the_demo_workbook_the_chart_colours_match_the_assignment(seeded_store):
    data = validate(seeded_store.load())
    hall = hall_from_settings(data.settings.values)
    plan = assign(data, hall)
    cats = categorise(data)["category"].to_dict()
    assert categories(data, list(plan.seats)) == {i: cats[i] for i in plan.seats}
    fig = seating_figure(data, hall, plan.seats)
    assert sum(len(tr.x) for tr in fig.data if tr.name != "Ghế trống") == len(plan.seats)

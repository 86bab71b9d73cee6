"""One "head of unit" rule for seating, the sign-in sheet, the name cards and the MC's script."""

from __future__ import annotations

import pytest

from services.documents.lists import signin_rows
from services.people.positions import DEPUTY, HEAD, STAFF, position_rank, title_rank
from services.people.seating import categorise
from tests.unit.test_seating import dataset, person


@pytest.mark.parametrize(
    ("position", "rank"),
    [
        ("Giám đốc Sở", HEAD),
        ("Chánh Văn phòng", HEAD),
        ("Trưởng phòng Quản lý khoa học", HEAD),
        ("Chi cục trưởng", HEAD),
        ("Bí thư Đảng ủy", HEAD),
        ("  giám   đốc ", HEAD),
        ("Phó Giám đốc Sở", DEPUTY),
        ("PHÓ CHÁNH VĂN PHÒNG", DEPUTY),
        ("Phó Trưởng phòng", DEPUTY),
        ("Kế toán trưởng", STAFF),  # the chief accountant keeps a unit's accounts; the unit's head is someone else
        ("Phóng viên", STAFF),  # "Phó…" as a word's start is not a deputy
        ("Chuyên viên", STAFF),
        ("", STAFF),
        (None, STAFF),
    ],
)
def test_head_of_unit_rule(position, rank):
    assert position_rank(position) == rank


def test_title_seniority_for_introductions():
    titles = ["Bí thư Tỉnh ủy", "Phó Chủ tịch UBND tỉnh", "Giám đốc Sở", "Phó Giám đốc Sở", "Trưởng phòng"]
    assert sorted(titles, key=title_rank) == titles
    assert title_rank("Kế toán trưởng") == title_rank("Chuyên viên") > title_rank("Phó Chánh Văn phòng")


def test_seating_and_the_sign_in_sheet_agree_that_a_chief_accountant_is_staff():
    people = [
        person(1, "Nguyễn Văn Toán", "công chức", position="Kế toán trưởng"),
        person(2, "Lê Thị An", "công chức", position="Chuyên viên"),
        person(3, "Hoàng Văn Phó", "công chức", position="Phó Chánh Văn phòng"),
        person(4, "Vi Văn Chánh", "công chức", position="Chánh Văn phòng"),
    ]
    data = dataset(people)
    expected = [
        "Vi Văn Chánh",
        "Hoàng Văn Phó",
        "Lê Thị An",
        "Nguyễn Văn Toán",
    ]  # staff by name (both sorts agree here)
    assert [row[1] for row in signin_rows(data) if isinstance(row, list)] == expected
    sort = categorise(data)["sort"]
    names = data.frames["attendees"]["name"]
    assert [names[i] for i in sorted(sort.index, key=lambda i: sort[i])] == expected

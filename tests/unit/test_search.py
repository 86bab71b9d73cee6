"""Accent-insensitive search over Vietnamese names, units, IDs and phones."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from services.people.search import exact_id, normalise_id, search, search_keys

PEOPLE = pd.DataFrame(
    {
        "id": ["DB-001", "DB-002", "DB-003", "DB-004", "DB-005", "DB-010"],
        "name": ["Nguyễn Văn A", "Hoàng Thị Hoà", "Lương Đức Đạt", "Đặng Thị Hòa", "Nguyễn Văn Anh", "Vi Văn Dũng"],
        "unit": [
            "Văn phòng Sở",
            "Phòng Quản lý khoa học",
            "Trung tâm Thông tin",
            "Sở Nội vụ",
            "Văn phòng Sở",
            "Chi cục",
        ],
        "position": ["Chuyên viên", "Trưởng phòng", "Giám đốc", "Phó Giám đốc", "Chuyên viên", "Nhân viên"],
        "phone": ["0912 345 678", "", "0987654321", "", "", ""],
    }
).set_index(pd.Index(["DB-001", "DB-002", "DB-003", "DB-004", "DB-005", "DB-010"], name="id"))


def ids(query: str) -> list[str]:
    return search(PEOPLE, query).index.tolist()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van a", ["DB-001", "DB-005"]),  # the exact-start name first, "Anh" also contains "a"
        ("NGUYỄN VĂN ANH", ["DB-005"]),
        ("luong duc dat", ["DB-003"]),  # đ folds to d
        ("ĐẠT", ["DB-003"]),
        ("dang thi", ["DB-004"]),  # Đ at the start of a name
        ("hoa", ["DB-002", "DB-004"]),  # Hoà (oà) and Hòa (òa) both
        ("Hòa", ["DB-002", "DB-004"]),
        (unicodedata.normalize("NFD", "Hoà"), ["DB-002", "DB-004"]),
        ("van phong", ["DB-001", "DB-005"]),  # by unit
        ("db-003", ["DB-003"]),  # by ID
        ("345678", ["DB-001"]),  # phone without spaces
        ("0912 345", ["DB-001"]),
        ("+84 987 654 321", ["DB-003"]),  # international form of a stored domestic number
        ("giam doc", ["DB-003", "DB-004"]),
        ("anh nguyen", ["DB-005"]),  # words in any order
        ("xyz", []),
    ],
)
def test_accent_insensitive_search(query, expected):
    assert sorted(ids(query)) == sorted(expected)


def test_an_exact_id_ranks_first_then_names_starting_with_the_query():
    assert ids("DB-01")[:1] == ["DB-010"] or "DB-010" in ids("DB-01")
    assert ids("nguyen van a") == ["DB-001", "DB-005"]
    assert ids("db-010") == ["DB-010"]


def test_whole_word_matches_rank_before_prefixes():
    frame = pd.DataFrame(
        {"id": ["DB-1", "DB-2"], "name": ["Hoàng Văn Nam", "Lê Thị Hòa"], "unit": ["", ""], "phone": ["", ""]},
        index=pd.Index(["DB-1", "DB-2"], name="id"),
    )
    assert search(frame, "hoa").index.tolist() == ["DB-2", "DB-1"]


def test_blank_query_returns_everyone():
    assert ids("  ") == PEOPLE.index.tolist()


def test_exact_id_is_case_and_blank_insensitive():
    assert exact_id(PEOPLE, " db-002 \n") == "DB-002"
    assert exact_id(PEOPLE, "DB-2x") is None
    assert exact_id(PEOPLE, "") is None


def test_keys_are_built_once_per_frame():
    assert search_keys(PEOPLE) is search_keys(PEOPLE)
    copy = PEOPLE.copy()
    assert search_keys(copy) is not search_keys(PEOPLE)


@pytest.mark.parametrize("typed", ["DB-10", "db10", "db 10", "DB_010", " Db-0010 ", "db-010"])
def test_loose_ids_find_the_canonical_id(typed):
    assert exact_id(PEOPLE, typed) == "DB-010"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("DB-12", "DB-012"), ("db12", "DB-012"), ("db 12", "DB-012"), ("dv7", "DV-007"), ("DB-1234", "DB-1234")],
)
def test_normalise_id(typed, canonical):
    assert normalise_id(typed) == canonical


def test_loose_ids_that_name_nobody_stay_unknown():
    assert exact_id(PEOPLE, "db 99") is None
    assert exact_id(PEOPLE, "nguyen") is None
    assert normalise_id("Nguyễn Văn A") == "Nguyễn Văn A"


def test_search_matches_word_prefixes_only():
    frame = pd.DataFrame(
        {
            "id": ["DB-1", "DB-2", "DB-3"],
            "name": ["Lê Thị Hòa", "Trần Khoa", "Hoàng Văn Nam"],
            "unit": ["Văn phòng", "Phòng Quản lý khoa học", "Chi cục"],
            "phone": ["", "", ""],
        },
        index=pd.Index(["DB-1", "DB-2", "DB-3"], name="id"),
    )
    found = search(frame, "hoa").index.tolist()
    assert found == ["DB-1", "DB-3"]  # "Hòa" and "Hoàng", never "Khoa" / "khoa học"
    assert search(frame, "khoa").index.tolist() == ["DB-2"]
    assert search(frame, "oa").empty  # inside a word is no match

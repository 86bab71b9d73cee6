"""One bad cell never takes a document down (issue 27): an ID of ~3,000 characters cannot be a QR code — the name
cards print without that one card, the Documents page and `cli check` say whose card is missing and why."""

from __future__ import annotations

from openpyxl import load_workbook

from cli import main
from services.documents import DOCUMENT_BY_KEY, omissions
from services.documents.badges import badge_problem
from services.people import checkin, search
from services.schema import ATTENDEES
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.conftest import FIXED_TODAY

LONG_ID = "DB-" + "9" * 1500 + "x" * 1500  # a pasted paragraph: byte mode, beyond QR version 40


def with_long_id(path, row: int = 3) -> str:
    book = load_workbook(path)
    sheet = book[ATTENDEES.title]
    name = sheet.cell(row=row, column=2).value
    sheet.cell(row=row, column=1).value = LONG_ID
    book.save(path)
    return str(name)


def test_an_over_long_id_leaves_out_one_card_and_says_so(seeded_path):
    name = with_long_id(seeded_path)
    data = validate(WorkbookStore(seeded_path).load())
    for fmt in ("pdf", "docx"):
        assert DOCUMENT_BY_KEY["badges"].build(data, FIXED_TODAY, fmt)
    problem = badge_problem(data)
    assert problem and name in problem and "3003 ký tự" in problem and "QR" in problem, problem
    assert omissions(data) == {"badges": problem}


def test_cli_check_names_what_the_badges_cannot_print(seeded_path, capsys):
    name = with_long_id(seeded_path)
    main(["check", "--workbook", str(seeded_path)])
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if x.startswith("cảnh báo\tThẻ đại biểu")), "")
    assert name in line and "mã quá dài" in line, out


def test_every_card_prints_on_good_data(seeded_store):
    assert omissions(validate(seeded_store.load())) == {}


# --- full-width IDs (NFKC) --------------------------------------------------------------------------------------

FULL_WIDTH = "ＤＢ-０１０"  # DB-010 typed through an East Asian keyboard


def set_id(path, row: int, value: str) -> None:
    book = load_workbook(path)
    book[ATTENDEES.title].cell(row=row, column=1).value = value
    book.save(path)


def test_a_full_width_id_is_the_same_person_not_a_second_one(seeded_path):
    data = validate(WorkbookStore(seeded_path).load())
    row = 2 + list(data.frames["attendees"].index).index("DB-010")
    other = 2 + list(data.frames["attendees"].index).index("DB-011")
    set_id(seeded_path, other, FULL_WIDTH)
    data = validate(WorkbookStore(seeded_path).load())
    ids = list(data.frames["attendees"].index)
    assert ids.count("DB-010") == 1 and FULL_WIDTH not in ids
    duplicate = [p for p in data.problems if "trùng" in p.message]
    assert len(duplicate) == 1 and FULL_WIDTH in duplicate[0].message and str(row) in duplicate[0].message


def test_a_full_width_id_alone_is_found_and_written_as_the_plain_one(seeded_path):
    data = validate(WorkbookStore(seeded_path).load())
    set_id(seeded_path, 2 + list(data.frames["attendees"].index).index("DB-010"), FULL_WIDTH)
    data = validate(WorkbookStore(seeded_path).load())
    frame = data.frames["attendees"]
    assert "DB-010" in frame.index
    assert search.exact_id(frame, FULL_WIDTH) == "DB-010" and search.exact_id(frame, "ｄｂ１０") == "DB-010"
    checkin.check_in(WorkbookStore(seeded_path), "DB-010", user="bàn 1")
    assert validate(WorkbookStore(seeded_path).load()).raw["attendees"].at["DB-010", "checked_in"]

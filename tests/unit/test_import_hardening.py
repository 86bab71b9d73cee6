"""Attendee import cannot swallow data, misread an encoding, or miss a header row silently.

Files under tests/data/imports/: legacy_tcvn3.csv and legacy_vni.csv were typed by hand from the TCVN3 (ABC) and
VNI Windows charts (not produced by the importer's tables), title_rows_attendees.csv has its headers on row 3. The
other files are built here with Python's own codecs. The page, driven in AppTest:
tests/pages/test_import_hardening_pages.py.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from services.people.importer import (
    CELL_LIMIT,
    CELL_LIMITS,
    MAX_CELL,
    ImportRefused,
    guess_mapping,
    plan_import,
    read_table,
)
from services.people.legacy_encodings import VIETNAMESE_LETTERS, from_legacy, legacy_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"
NAMES = ["Nguyễn Văn A", "Trần Thị Hồng", "Đặng Đức Thắng", "NGUYỄN VĂN B"]
UNITS = ["Sở Khoa học và Công nghệ", "UBND tỉnh Lạng Sơn", "Trường Cao đẳng", "Sở Khoa học và Công nghệ"]
TEXT = "Họ và tên,Đơn vị\r\n" + "".join(f"{n},{u}\r\n" for n, u in zip(NAMES, UNITS, strict=True))
EMPTY = pd.DataFrame(columns=["name", "unit", "email", "phone"])
GUESTS = {"group": "khách mời"}  # the page's default group, for files without one


def names(table) -> list[str]:
    column = next(i for i, key in guess_mapping(table.header).items() if key == "name")
    return [cells[column] for _, cells in table.rows]


def refused(data: bytes, filename: str = "ds.csv", **kw) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_table(data, filename, **kw)
    return str(caught.value)


# --- 1. nothing swallowed ---------------------------------------------------------------------------------------


def thousand_lines(broken: dict[int, str]) -> bytes:
    lines = ["Họ và tên,Đơn vị,Số điện thoại"] + [f"Người {n},Sở KH&CN,09{n:08d}" for n in range(2, 1001)]
    for number, text in broken.items():
        lines[number - 1] = text
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    "broken",
    [
        {20: '"Người 20,Sở KH&CN,0900000020'},  # the quote runs to the end of the file
        {20: '"Người 20,Sở KH&CN,0900000020', 30: 'Người 30,"Sở KH, CN",0900000030'},  # …or to a later quote
    ],
)
def test_an_unclosed_quote_refuses_the_file_naming_its_line(broken):
    message = refused(thousand_lines(broken))
    assert message.startswith("Dòng 20: dấu ngoặc kép"), message
    assert "chưa đóng" in message


def test_the_same_file_without_the_stray_quote_reads_every_line():
    table = read_table(thousand_lines({}), "ds.csv")
    assert [line for line, _ in table.rows] == list(range(2, 1001))
    plan = plan_import(table, guess_mapping(table.header), EMPTY, GUESTS)
    assert len(plan.accepted) == 999 and not plan.rejected


def test_a_field_longer_than_any_column_allows_is_refused_naming_its_line():
    data = f"Họ và tên,Ghi chú\nAn,ngắn\nBình,{'x' * 10_000}\nChi,ngắn\n".encode()
    message = refused(data)
    assert message.startswith("Dòng 3:") and "10000 ký tự" in message and str(MAX_CELL) in message


def test_a_long_field_in_a_sheet_is_refused_too():
    wb = Workbook()
    wb.active.append(["Họ và tên", "Ghi chú"])
    wb.active.append(["An", "x" * (MAX_CELL + 1)])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert refused(buffer.getvalue(), "ds.xlsx").startswith("Dòng 2:")


def test_a_quote_closed_rows_later_is_refused_as_swallowed_rows():
    data = 'Họ và tên,Ghi chú,Đơn vị\nAn,"gọi trước\nBình,x,Sở\nChi,y,Sở",Sở\nDung,z,Sở\n'.encode()
    message = refused(data)
    assert message.startswith("Dòng 2: một ô kéo dài 3 dòng (đến dòng 4)"), message


def test_a_note_with_a_line_break_is_one_row_on_its_first_line():
    data = 'Họ và tên,Ghi chú,Đơn vị\nAn,"đến muộn\ngọi trước, sau 8 giờ",Sở\nBình,,Sở\n'.encode()
    table = read_table(data, "ds.csv")
    assert table.rows == [(2, ["An", "đến muộn\ngọi trước, sau 8 giờ", "Sở"]), (4, ["Bình", "", "Sở"])]


def test_a_quote_in_the_wrong_place_is_refused_naming_its_line():
    message = refused('Họ và tên,Đơn vị\nAn,Sở\n"Bình" Thị,Sở\n'.encode())
    assert message.startswith("Dòng 3: dấu ngoặc kép") and "sai chỗ" in message


def test_each_column_has_its_own_length_limit():
    assert CELL_LIMIT == 500 and CELL_LIMITS == {"note": 2000}
    data = f"Họ và tên,Ghi chú\n{'A' * 501},x\nBình,{'y' * 1500}\n".encode()
    table = read_table(data, "ds.csv")
    plan = plan_import(table, guess_mapping(table.header), EMPTY, GUESTS)
    assert [r.reason for r in plan.rejected] == ["Họ và tên: dài 501 ký tự (tối đa 500)"]
    assert [(line, v["name"]) for line, v in plan.accepted] == [(3, "Bình")]


# --- 2. encodings -----------------------------------------------------------------------------------------------


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed where the code page has the letter, else base letter
    plus a combining tone mark."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", c)
            tones = [m for m in nfd if m in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in tones))
            out += (base + "".join(tones)).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "encoding", "notice"),
    [
        (TEXT.encode("utf-8"), "UTF-8", ""),
        (TEXT.encode("utf-8-sig"), "UTF-8", ""),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16", ""),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16", ""),
        (TEXT.encode("utf-16-le"), "UTF-16", ""),  # no BOM
        (cp1258(TEXT), "Windows-1258", "Windows-1258"),
        ((DATA / "legacy_tcvn3.csv").read_bytes(), "TCVN3", "Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode"),
        ((DATA / "legacy_vni.csv").read_bytes(), "VNI", "Tệp dùng bảng mã VNI — đã chuyển sang Unicode"),
        # A sheet in a .VnTime font saved as CSV UTF-8: the TCVN3 glyphs arrive as Unicode characters.
        ((DATA / "legacy_tcvn3.csv").read_bytes().decode("cp1252").encode("utf-8"), "TCVN3", "TCVN3"),
        ((DATA / "legacy_vni.csv").read_bytes().decode("cp1252").encode("utf-8-sig"), "VNI", "VNI"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf16le-nobom", "cp1258", "tcvn3", "vni", "tcvn3-in-utf8", "vni"],
)
def test_every_encoding_gives_the_same_unicode_names(data, encoding, notice):
    table = read_table(data, "ds.csv")
    assert table.encoding == encoding
    assert names(table) == NAMES
    assert table.header[:2] == ["Họ và tên", "Đơn vị"]
    if notice:
        assert any(notice in n for n in table.notices), table.notices
    else:
        assert table.notices == ()


def test_western_european_text_is_read_as_windows_1252_not_vietnamese():
    """Read as Windows-1258, “São” would become “Săo” (0xE3 is ă there)."""
    table = read_table("Full name,City\nJoão Silva,São Paulo\nFrançois Müller,Köln\n".encode("cp1252"), "x.csv")
    assert table.encoding == "Windows-1252"
    assert table.rows == [(2, ["João Silva", "São Paulo"]), (3, ["François Müller", "Köln"])]
    assert "Windows-1252" in table.notices[0]


def test_unicode_text_that_windows_1252_could_hold_is_not_converted():
    """“Lê Thu Hà” is all Windows-1252 characters, and TCVN3 would make it “Lờ Thu Hà”: it must stay."""
    rows = ["Lê Thu Hà", "Tô Hoài", "Thái Bá Tú", "Hoàng Thúy", "Lê Hoà"]
    table = read_table(("Full name\n" + "\n".join(rows) + "\n").encode(), "x.csv")
    assert (table.encoding, names(table), table.notices) == ("UTF-8", rows, ())


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        # TCVN3 rows, then a row typed in Unicode: which of them is right is a guess.
        (
            "Full name\nNguyÔn V¨n A\nTrÇn ThÞ Hång\nLê Đức\n".encode(),
            "bảng mã TCVN3 (dòng 2) lẫn với chữ Unicode (dòng 4)",
        ),
        # A byte TCVN3 does not use (0xC0) in a TCVN3 file.
        (b"Full name\n" + legacy_bytes("Nguyễn Văn A\nTrần Thị Hồng\n", "TCVN3") + b"L\xc0\n", "TCVN3 nhưng dòng 4"),
        # A VNI mark after a consonant ("Th" + "ø"): no VNI letter is written that way.
        (b"Full name\n" + legacy_bytes("Nguyễn Văn A\nTrần Thị Hồng\n", "VNI") + b"Th\xf8\n", "VNI nhưng dòng 4"),
    ],
    ids=["mixed", "tcvn3-unused-byte", "vni-stray-mark"],
)
def test_a_legacy_file_that_cannot_be_converted_exactly_is_refused_naming_the_encoding(data, needle):
    message = refused(data)
    assert needle in message, message
    assert "Unikey" in message


def test_utf8_with_a_broken_byte_is_refused_not_read_as_windows_1258():
    data = TEXT.encode()
    at = data.index("Trần".encode())
    message = refused(data[:at] + b"\xff" + data[at:])
    assert message.startswith("Tệp là UTF-8 nhưng dòng 3 có byte không hợp lệ"), message


def test_the_hand_typed_files_are_what_the_tables_produce():
    """legacy_tcvn3.csv / legacy_vni.csv were typed from the charts; the tables built from Unicode must agree."""
    expected = "Họ và tên,Đơn vị,Chức vụ\r\n" + "".join(
        f"{n},{u},{p}\r\n"
        for n, u, p in zip(
            NAMES,
            ["Sở Khoa học và Công nghệ", "UBND tỉnh Lạng Sơn", "Trường Cao đẳng", "Sở Khoa học và Công nghệ"],
            ["Chuyên viên", "Phó Giám đốc", "Giảng viên", "Chuyên viên"],
            strict=True,
        )
    )
    assert legacy_bytes(expected, "TCVN3") == (DATA / "legacy_tcvn3.csv").read_bytes()
    assert legacy_bytes(expected, "VNI") == (DATA / "legacy_vni.csv").read_bytes()


@pytest.mark.parametrize(
    ("encoding", "unicode", "glyphs"),
    [
        ("TCVN3", "Cộng hoà xã hội chủ nghĩa Việt Nam", "Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
        ("TCVN3", "Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc"),
        ("VNI", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
        ("VNI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"),
        ("VNI", "Độc lập - Tự do - Hạnh phúc", "Ñoäc laäp - Töï do - Haïnh phuùc"),
    ],
)
def test_well_known_legacy_strings(encoding, unicode, glyphs):
    assert legacy_bytes(unicode, encoding) == glyphs.encode("cp1252")
    assert from_legacy(glyphs, encoding) == unicode


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_every_vietnamese_letter_round_trips(encoding):
    assert len(VIETNAMESE_LETTERS) == 134
    for letter in sorted(VIETNAMESE_LETTERS):
        # TCVN3 keeps case only by the word: a capital inside a capitals word, a small letter inside a small one.
        word = f"T{letter}N" if letter.isupper() else f"t{letter}n"
        assert from_legacy(legacy_bytes(word, encoding).decode("cp1252"), encoding) == word, letter
    small = [c for c in VIETNAMESE_LETTERS if c.islower()]
    codes = {legacy_bytes(c, encoding) for c in small}
    assert len(codes) == len(small), "two small letters share a code"
    if encoding == "VNI":
        assert len({legacy_bytes(c, encoding) for c in VIETNAMESE_LETTERS}) == 134


# --- 3. header row ----------------------------------------------------------------------------------------------


def title_sheet() -> bytes:
    wb = Workbook()
    for row in (["DANH SÁCH ĐẠI BIỂU"], [], ["STT", "Họ và tên", "Đơn vị"], [1, "Hoàng Văn Bình", "Văn phòng Sở"]):
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename"),
    [((DATA / "title_rows_attendees.csv").read_bytes(), "title_rows_attendees.csv"), (title_sheet(), "ds.xlsx")],
    ids=["csv", "xlsx"],
)
def test_headers_on_row_3_are_found_with_a_notice(data, filename):
    table = read_table(data, filename)
    assert table.header_line == 3
    assert table.header[1] == "Họ và tên" and table.rows[0][0] == 4
    assert "Dòng tiêu đề là dòng 3; bỏ qua 2 dòng phía trên." in table.notices
    assert table.header_hint == ""
    plan = plan_import(table, guess_mapping(table.header), EMPTY, GUESTS)
    assert plan.accepted[0][1]["name"] == "Hoàng Văn Bình"


def test_the_row_naming_most_columns_wins():
    data = "Tên chương trình,Ngày\nHọ và tên,Đơn vị,Email\nAn,Sở,an@x.vn\n".encode()
    table = read_table(data, "x.csv")
    assert table.header_line == 2


NO_HEADER = "DANH SÁCH\nSTT,Tên đại biểu (ghi rõ),Cơ quan\n1,Hoàng Văn Bình,Văn phòng Sở\n".encode()


def test_no_recognisable_header_gives_a_hint_that_names_what_was_looked_for():
    table = read_table(NO_HEADER, "x.csv")
    assert table.header_hint.startswith("Không tìm thấy dòng tiêu đề có cột “Họ và tên”")
    assert "trong 10 dòng đầu" in table.header_hint
    with pytest.raises(ImportRefused, match=r"Chưa chọn cột “Họ và tên”\. Không tìm thấy dòng tiêu đề"):
        plan_import(table, guess_mapping(table.header), EMPTY)


def test_a_header_row_the_user_chose_is_used():
    table = read_table(NO_HEADER, "x.csv", header_row=2)
    assert (table.header_line, table.header_hint) == (2, "")
    assert table.rows == [(3, ["1", "Hoàng Văn Bình", "Văn phòng Sở"])]
    assert refused(NO_HEADER, header_row=9).startswith("Dòng 9 trống")

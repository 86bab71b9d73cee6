"""The issue's bad-input table, row by row: each bad cell, file or setting is put into a seeded workbook, then every
page is drawn (no exception element) and `cli check` / `cli export` run (no traceback; exit 1 naming the cell where
the input is an error). Rows about imports, timeouts, local-mode messages and passcodes have their deeper tests
beside the code; here each is one direct check, so the table stays complete in one place."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from openpyxl import load_workbook

from cli import main
from services.people.importer import ImportRefused, read_table
from services.people.legacy_encodings import legacy_bytes
from tests.apptest_helpers import ADMIN_PAGES, PAGES, open_app


def _header_cell(path: Path, tab: str, header: str, value: object, row: int = 2) -> str:
    wb = load_workbook(path)
    ws = wb[tab]
    column = next(c.column_letter for c in ws[1] if c.value == header)
    ws[f"{column}{row}"] = value
    wb.save(path)
    return f"'{tab}'!{column}{row}"


def _setting(path: Path, key: str, value: object) -> str:
    wb = load_workbook(path)
    ws = wb["Sự kiện"]
    row = next((c.row for c in ws["A"] if c.value == key), ws.max_row + 1)
    ws[f"A{row}"] = key
    ws[f"C{row}"] = value
    wb.save(path)
    return f"'Sự kiện'!C{row}"


def _damage_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> str:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(out.getvalue())
    return part


def _far_space(path: Path) -> None:
    wb = load_workbook(path)
    wb["Đại biểu"]["A1048576"] = " "
    wb.save(path)


class Row(NamedTuple):
    make: Callable[[Path], str | None]  # puts the bad input in; returns the cell it went into, if any
    check_code: int  # what `cli check` exits with
    damaged: bool = False  # a damaged file: every page shows "hỏng" and every export exits 1
    named: bool = True  # `cli check` names the cell (settings that only warn at use, like the font, are not checked)


ROWS: dict[str, Row] = {
    "1 money 10²⁰": Row(lambda p: _header_cell(p, "Kinh phí", "Dự trù (VND)", "100000000000000000000"), 1),
    "1 integer 1e20 cell": Row(lambda p: _header_cell(p, "Kinh phí", "Dự trù (VND)", 1e20), 1),
    "2 minutes 10¹²": Row(lambda p: _header_cell(p, "Chương trình", "Thời lượng (phút)", 10**12), 1),
    "2 phone in minutes": Row(lambda p: _header_cell(p, "Chương trình", "Thời lượng (phút)", "+84912345678"), 1),
    "3 truncated sheet": Row(
        lambda p: _damage_part(p, "xl/worksheets/sheet3.xml", lambda d: d[: len(d) // 2]), 1, damaged=True
    ),
    "3 bad styles": Row(lambda p: _damage_part(p, "xl/styles.xml", lambda d: b"\x00garbage"), 1, damaged=True),
    "4 font /etc/passwd": Row(lambda p: _setting(p, "document_font", "/etc/passwd"), 0, named=False),
    "4 missing font": Row(lambda p: _setting(p, "document_font", "/khong/co/phong.ttf"), 0, named=False),
    "8 space at row 1,048,576": Row(_far_space, 0),
    "9 markdown in names": Row(lambda p: _setting(p, "event_name", "**x** :red[x] [x](http://a.b)"), 0, named=False),
}


@pytest.mark.parametrize("row", list(ROWS))
def test_every_page_and_the_cli_survive_each_row(row, seeded_path, monkeypatch, capsys, tmp_path):
    make, check_code, damaged, names_cell = ROWS[row]
    named = make(seeded_path)
    at = open_app(seeded_path, monkeypatch)
    for page in (p for p in PAGES if p not in ADMIN_PAGES):  # the settings page: test_app_pages, messy workbook
        at.switch_page(f"content/{page}.py").run()
        assert not at.exception, (row, page, at.exception)
        assert damaged or at.title, (row, page)
        if damaged:
            assert any("hỏng" in e.value for e in at.error), (row, page, [e.value for e in at.error])
    capsys.readouterr()
    assert main(["check", "--workbook", str(seeded_path)]) == check_code, row
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    if names_cell and named is not None:
        assert named in out.out + out.err, (row, named)
    for kind, suffix in (("programme", ".pdf"), ("honorees", ".docx")):
        code = main(["export", kind, "--out", str(tmp_path / f"{kind}{suffix}"), "--workbook", str(seeded_path)])
        out = capsys.readouterr()
        assert "Traceback" not in out.err + out.out, (row, kind)
        assert code == (1 if damaged else 0), (row, kind, out.err)
        assert not damaged or out.err.count("\n") == 1, out.err


# --- rows 5–7: imports that cannot swallow data -----------------------------------------------------------------


def test_row_5_an_unclosed_quote_is_refused_with_its_line():
    lines = ["Họ và tên,Đơn vị", *[f"Người {n},Văn phòng" for n in range(1, 19)], '"Người 19,Văn phòng']
    lines += [f"Người {n},Văn phòng" for n in range(20, 1000)]
    with pytest.raises(ImportRefused, match="20"):
        read_table("\n".join(lines).encode(), "ds.csv")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_row_6_a_legacy_encoding_is_converted_with_a_notice(encoding):
    data = legacy_bytes("Họ và tên,Đơn vị\nNguyễn Văn An,Phòng Quản lý khoa học\n", encoding)
    table = read_table(data, "ds.csv")
    assert table.rows[0][1][0] == "Nguyễn Văn An"
    assert table.notices, "the conversion is said"


def test_row_6_windows_1252_keeps_its_letters():
    table = read_table("Ho va ten,Don vi\nJoão São,Khách\n".encode("cp1252"), "ds.csv")
    assert "São" in table.rows[0][1][0]


def test_row_7_headers_on_row_3_are_found():
    table = read_table("Danh sách đại biểu\n\nHọ và tên,Đơn vị\nNguyễn Văn An,Văn phòng\n".encode(), "ds.csv")
    assert table.header_line == 3 and table.rows[0][1][0] == "Nguyễn Văn An"

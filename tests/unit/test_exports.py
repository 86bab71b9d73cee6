"""XLSX/CSV exports: Vietnamese survives, and nothing a spreadsheet would run as a formula gets through."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from openpyxl import load_workbook

from services.people.exports import neutralise, to_csv, to_xlsx

DANGEROUS = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]

FRAME = pd.DataFrame(
    {
        "Họ và tên": ["Nguyễn Thị Hoà", *DANGEROUS],
        "Số": [1, 2, 3, 4, 5, 6, 7],
        "Có mặt": [pd.Timestamp(datetime(2026, 12, 16, 7, 5)), pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.NaT],
    }
)


def test_neutralise():
    assert [neutralise(v) for v in DANGEROUS] == ["'" + v for v in DANGEROUS]
    assert neutralise("Nguyễn") == "Nguyễn"
    assert neutralise(-5) == -5, "numbers are numbers, not formulas"


def test_csv_has_bom_and_no_live_formula():
    data = to_csv(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    names = back["Họ và tên"].tolist()
    assert names[0] == "Nguyễn Thị Hoà"
    assert all(n.startswith("'") for n in names[1:]), names
    assert back["Có mặt"].tolist()[0] == "16/12/2026 07:05"


def test_xlsx_cells_are_text_never_formulas():
    wb = load_workbook(io.BytesIO(to_xlsx(FRAME, title="Danh sách đại biểu")))
    ws = wb.active
    assert ws["A1"].value == "Danh sách đại biểu"
    assert [c.value for c in ws[3]] == ["Họ và tên", "Số", "Có mặt"]
    values = [ws.cell(row=r, column=1) for r in range(4, 11)]
    assert values[0].value == "Nguyễn Thị Hoà"
    for cell in values[1:]:
        assert cell.data_type == "s" and cell.value.startswith("'"), (cell.value, cell.data_type)
    assert ws.cell(row=4, column=2).value == 1
    assert ws.freeze_panes == "A4"


def test_headers_are_neutralised_too():
    data = to_csv(pd.DataFrame({"=evil": ["x"]}))
    assert data.decode("utf-8-sig").startswith("'=evil")

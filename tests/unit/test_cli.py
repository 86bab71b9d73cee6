"""The command line on the workbook backend."""

from services.cli import main


def test_check_is_clean_on_the_seeded_workbook(seeded_path, capsys):
    assert main(["check", "--workbook", str(seeded_path)]) == 0
    assert "0 lỗi" in capsys.readouterr().out


def test_check_exits_1_and_prints_cell_references_on_the_messy_workbook(messy_path, capsys):
    assert main(["check", "--workbook", str(messy_path)]) == 1
    out = capsys.readouterr().out
    assert "'Nhiệm vụ'!E7 [hôm qua]" in out
    assert "12 lỗi" in out


def test_info_lists_tabs_and_row_counts(seeded_path, capsys):
    assert main(["info", "--workbook", str(seeded_path)]) == 0
    out = capsys.readouterr().out
    assert "Nguồn dữ liệu: workbook — conference.xlsx" in out
    assert "Chương trình\t7" in out


def test_a_fresh_path_is_created_and_seeded(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new" / "conference.xlsx"
    monkeypatch.setenv("CONFERENCE_WORKBOOK", str(path))
    assert main(["info"]) == 0
    assert path.exists()
    assert "Đại biểu\t63" in capsys.readouterr().out


def test_export_writes_a_pdf_with_the_programme(seeded_path, tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "ct.pdf"
    assert main(["export", "programme", "--out", str(out), "--workbook", str(seeded_path)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Phát động phong trào thi đua" in text
    assert main(["export", "no-such", "--out", str(out), "--workbook", str(seeded_path)]) == 2

"""The command line on the workbook backend."""

import pytest

from cli import main


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


def test_export_offers_what_the_registry_holds(seeded_path, tmp_path, capsys, monkeypatch):
    """The CLI has no list of its own: a document added to services.documents.DOCUMENTS is listed by `export --help`
    and in the refusal of an unknown kind, and it is exported; both zips are offered beside the registry."""
    import dataclasses

    import pytest

    from services import documents

    extra = dataclasses.replace(documents.DOCUMENT_BY_KEY["programme"], key="programme-copy", stem="ban-sao")
    monkeypatch.setattr(documents, "DOCUMENTS", (*documents.DOCUMENTS, extra))
    monkeypatch.setitem(documents.DOCUMENT_BY_KEY, extra.key, extra)
    monkeypatch.setenv("COLUMNS", "500")  # argparse would wrap "short-list" at its hyphen
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = capsys.readouterr().out
    for key in [d.key for d in documents.DOCUMENTS] + ["dossier", "provincial"]:
        assert key in shown
    assert main(["export", "no-such", "--out", str(tmp_path / "x.pdf"), "--workbook", str(seeded_path)]) == 2
    assert "programme-copy, dossier, provincial)" in capsys.readouterr().err
    out = tmp_path / "copy.pdf"
    assert main(["export", "programme-copy", "--out", str(out), "--workbook", str(seeded_path)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_export_writes_word_when_the_file_ends_in_docx(seeded_path, tmp_path):
    from docx import Document as open_word

    out = tmp_path / "qd.docx"
    assert main(["export", "decision", "--out", str(out), "--workbook", str(seeded_path)]) == 0
    text = " ".join(p.text for p in open_word(str(out)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Điều 1" in text


def test_export_dossier_attaches_the_offices_files(seeded_path, tmp_path, capsys):
    import io
    import zipfile

    plan = tmp_path / "Kế hoạch.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = tmp_path / "hs.zip"
    args = ["export", "dossier", "--out", str(out), "--workbook", str(seeded_path), "--attach", f"plan={plan}"]
    assert main(args) == 0
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert names[0] == "00-danh-muc-ho-so.pdf"
    assert any(n.endswith("ke-hoach.pdf") for n in names)
    assert main([*args[:-1], f"nothing={plan}"]) == 2


@pytest.mark.slow  # the whole provincial dossier through the CLI (~7 s); its contents: test_provincial_dossier.py
def test_export_provincial_writes_the_dossier_of_the_higher_proposals(seeded_path, tmp_path):
    import io
    import zipfile

    out = tmp_path / "de-nghi.zip"
    assert main(["export", "provincial", "--out", str(out), "--workbook", str(seeded_path)]) == 0
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert names[0] == "00-danh-muc-ho-so.pdf" and any("bao-cao-thanh-tich/" in n for n in names)


def test_check_and_export_name_the_cell_of_a_font_this_server_lacks(seeded_path, tmp_path, capsys):
    from services.schema import SETTINGS
    from services.store.workbook import WorkbookStore
    from services.validation import validate

    WorkbookStore(seeded_path).append_rows(
        SETTINGS.key, [{"id": "document_font", "label": "Phông chữ", "value": "khong-co.ttf"}]
    )
    cell = validate(WorkbookStore(seeded_path).load()).settings.cell("document_font")
    assert cell.startswith("'Sự kiện'!C")  # the Giá trị column of the row just added
    assert main(["check", "--workbook", str(seeded_path)]) == 0  # a warning: the shipped font stands in
    out = capsys.readouterr().out
    assert f"cảnh báo\t{cell} [khong-co.ttf]\t" in out and "0 lỗi, 1 cảnh báo" in out
    assert main(["export", "programme", "--out", str(tmp_path / "ct.pdf"), "--workbook", str(seeded_path)]) == 0
    assert f"Cảnh báo: {cell}: " in capsys.readouterr().err


def test_export_takes_the_format_from_the_extension_or_refuses(seeded_path, tmp_path, capsys):
    """Issue 27: `export honorees --out ds.xlsx` wrote a PDF into an .xlsx and exited 0."""
    from openpyxl import load_workbook

    book = ["--workbook", str(seeded_path)]
    out = tmp_path / "ds.xlsx"
    assert main(["export", "honorees", "--out", str(out), *book]) == 0
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "STT" in cells and "Họ và tên / Tên tập thể" in cells, cells[:20]
    for kind, name in (("programme", "ct.xlsx"), ("honorees", "ds.txt"), ("decision", "qd"), ("dossier", "hs.pdf")):
        capsys.readouterr()
        assert main(["export", kind, "--out", str(tmp_path / name), *book]) == 2, (kind, name)
        assert "chỉ xuất được thành" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


def test_checkin_accepts_the_loose_ids_the_desk_accepts(seeded_path, tmp_path, capsys, monkeypatch):
    from services.store.workbook import WorkbookStore
    from services.validation import validate

    monkeypatch.setenv("CONFERENCE_CHECKIN_JOURNAL", str(tmp_path / "j.jsonl"))
    assert main(["checkin", "db31", "--workbook", str(seeded_path)]) == 0
    assert "“DB-031”" in capsys.readouterr().out
    assert validate(WorkbookStore(seeded_path).load()).raw["attendees"].at["DB-031", "checked_in"]
    assert main(["checkin", "db 999", "--workbook", str(seeded_path)]) == 3
    err = capsys.readouterr().err
    assert "Không có đại biểu mã “db 999” (đọc là DB-999)" in err and "không còn trong trang" not in err, err


def test_log_last_must_be_a_positive_number(seeded_path, capsys):
    import pytest

    for bad in ("0", "-3", "ba"):
        with pytest.raises(SystemExit) as refused:
            main(["log", "--last", bad, "--workbook", str(seeded_path)])
        assert refused.value.code == 2
        assert "--last" in capsys.readouterr().err
    assert main(["log", "--all", "--workbook", str(seeded_path)]) == 0

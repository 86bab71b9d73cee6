"""`document_font` is typed by anyone who edits the sheet: only a real TrueType/OpenType font with the Vietnamese
letters, inside a folder the server allows, is used; anything else gives the shipped font and a warning naming the
setting — documents are built all the same and the CLI prints no traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fontTools import subset

from services.config import fonts_dir
from services.documents.fonts import (
    FONT_DIR,
    FONT_FILES,
    MAX_FONT_BYTES,
    font_files,
    font_warning,
    resolve_font,
    shipped_files,
)
from services.store.workbook import WorkbookStore

REGULAR = FONT_DIR / FONT_FILES[""]
BOLD = FONT_DIR / FONT_FILES["B"]


@pytest.fixture
def allowed(tmp_path, monkeypatch) -> Path:
    """The server's fonts folder ($CONFERENCE_FONTS_DIR), with a real regular + bold pair in it."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(REGULAR, folder / "times.ttf")
    shutil.copy(BOLD, folder / "timesbd.ttf")
    monkeypatch.setenv("CONFERENCE_FONTS_DIR", str(folder))
    return folder


@pytest.fixture
def outside(tmp_path) -> Path:
    """A real font in a folder nobody allowed."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy(REGULAR, folder / "times.ttf")
    return folder / "times.ttf"


def refused(override: str, reason: str) -> str:
    files, warning = resolve_font(override)
    assert files == shipped_files(), f"{override!r} was used"
    assert warning is not None, override
    assert f"“{override}”" in warning and "document_font" in warning and "Sự kiện" in warning, warning
    assert "đang dùng phông kèm theo" in warning
    assert reason in warning, warning
    return warning


def test_a_font_in_the_configured_folder_is_used_with_its_siblings(allowed):
    files = font_files(str(allowed / "times.ttf"))
    assert files[""] == (allowed / "times.ttf").resolve() and files["B"] == (allowed / "timesbd.ttf").resolve()
    assert files["I"] == files[""], "a missing style falls back to the regular file"
    assert font_warning(str(allowed / "times.ttf")) is None
    assert font_files("times.ttf")[""] == (allowed / "times.ttf").resolve(), "a bare name is looked up in the folders"


def test_no_setting_is_the_shipped_font():
    assert resolve_font("") == (shipped_files(), None) and resolve_font("   ") == (shipped_files(), None)
    assert all(path.is_file() for path in shipped_files().values())


def test_system_files_and_missing_files_are_refused(allowed):
    refused("/etc/passwd", "ngoài các thư mục phông chữ được phép")
    refused(str(allowed / "nope.ttf"), "không có tệp này")
    refused("nope.ttf", "không có tệp này")


def test_a_real_font_outside_the_allowed_folders_is_refused(allowed, outside):
    refused(str(outside), "ngoài các thư mục phông chữ được phép")


def test_path_traversal_does_not_lead_out(allowed, outside):
    refused(str(allowed / ".." / "elsewhere" / "times.ttf"), "ngoài")
    refused("../elsewhere/times.ttf", "ngoài")
    refused(str(FONT_DIR / ".." / ".." / ".." / "etc" / "passwd"), "ngoài")


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_symlink_out_of_the_folder_is_refused_and_one_inside_is_followed(allowed, outside):
    (allowed / "escape.ttf").symlink_to(outside)
    refused(str(allowed / "escape.ttf"), "trỏ ra ngoài")
    (allowed / "passwd.ttf").symlink_to("/etc/passwd")
    refused(str(allowed / "passwd.ttf"), "trỏ ra ngoài")
    (allowed / "alias.ttf").symlink_to(allowed / "times.ttf")
    assert font_files(str(allowed / "alias.ttf"))[""] == (allowed / "times.ttf").resolve()


def test_files_that_are_not_fonts_are_refused(allowed):
    (allowed / "fake.ttf").write_text("không phải phông chữ", encoding="utf-8")
    refused(str(allowed / "fake.ttf"), "không phải tệp phông chữ TrueType/OpenType")
    (allowed / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + os.urandom(2000))
    refused(str(allowed / "broken.ttf"), "bị hỏng")
    (allowed / "cut.ttf").write_bytes(REGULAR.read_bytes()[:3000])
    refused(str(allowed / "cut.ttf"), "bị hỏng")
    shutil.copy(REGULAR, allowed / "times.pdf")
    refused(str(allowed / "times.pdf"), "đuôi")


def test_directories_and_huge_files_are_refused(allowed):
    refused(str(allowed), "thư mục")
    huge = allowed / "huge.ttf"
    with huge.open("wb") as handle:
        handle.write(b"\x00\x01\x00\x00")
        handle.truncate(MAX_FONT_BYTES + 1)  # sparse: nothing this big is written or read
    refused(str(huge), "50 MB")


def test_a_font_without_vietnamese_letters_is_refused(allowed):
    options = subset.Options()
    font = subset.load_font(str(REGULAR), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    subsetter.subset(font)
    subset.save_font(font, str(allowed / "latin.ttf"), options)
    refused(str(allowed / "latin.ttf"), "thiếu chữ tiếng Việt")


def test_a_bad_sibling_style_falls_back_to_the_regular_file(allowed):
    (allowed / "timesi.ttf").write_text("giả", encoding="utf-8")
    files = font_files(str(allowed / "times.ttf"))
    assert files["I"] == files[""] and files["B"] == (allowed / "timesbd.ttf").resolve()


def test_the_fonts_folder_comes_from_the_server_not_the_sheet(tmp_path):
    assert fonts_dir(secrets={}, env={}) is None
    assert fonts_dir(secrets={"documents": {"fonts_dir": str(tmp_path)}}, env={}) == tmp_path
    assert (
        fonts_dir(secrets={"documents": {"fonts_dir": "/x"}}, env={"CONFERENCE_FONTS_DIR": str(tmp_path)}) == tmp_path
    )


@pytest.mark.parametrize("setting", ["/etc/passwd", "fake.ttf", "/khong/co/times.ttf", "."])
def test_export_with_a_bad_font_writes_the_document_and_warns(setting, seeded_path, allowed, tmp_path, capsys):
    from cli import main

    (allowed / "fake.ttf").write_text("giả", encoding="utf-8")
    WorkbookStore(seeded_path).append_rows(
        "settings", [{"id": "document_font", "label": "Phông chữ", "value": setting}]
    )
    for kind, name in (("programme", "ct.pdf"), ("certificates", "gk.pdf"), ("decision", "qd.docx")):
        out = tmp_path / name
        assert main(["export", kind, "--out", str(out), "--workbook", str(seeded_path)]) == 0, kind
        assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04"), kind
        err = capsys.readouterr().err
        assert "Cảnh báo" in err and f"“{setting}”" in err and "document_font" in err, err
        assert "Traceback" not in err


def test_export_with_a_good_font_setting_says_nothing(seeded_path, allowed, tmp_path, capsys):
    from cli import main

    WorkbookStore(seeded_path).append_rows(
        "settings", [{"id": "document_font", "label": "Phông chữ", "value": str(allowed / "times.ttf")}]
    )
    assert main(["export", "programme", "--out", str(tmp_path / "ct.pdf"), "--workbook", str(seeded_path)]) == 0
    assert "Cảnh báo" not in capsys.readouterr().err

"""The shipped document font covers every Vietnamese letter in each of its four styles, and is the 2.x release."""

from __future__ import annotations

import unicodedata

import pytest
from fontTools.ttLib import TTFont

from services.documents.fonts import FONT_DIR, FONT_FILES

BASE_VOWELS = "aăâeêioôơuưy"
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # ngang, huyền, hỏi, ngã, sắc, nặng


def vietnamese_letters() -> list[str]:
    letters = {unicodedata.normalize("NFC", v + tone) for v in BASE_VOWELS for tone in TONE_MARKS}
    letters |= {"đ"} | set("bcdghklmnpqrstvx")
    both = letters | {ch.upper() for ch in letters}
    return sorted(both)


def test_the_letter_list_is_complete():
    letters = vietnamese_letters()
    assert all(len(ch) == 1 for ch in letters), "every tone combination has a precomposed NFC code point"
    assert {"ự", "Ự", "ẵ", "Ẵ", "đ", "Đ", "ỹ", "Ỹ"} <= set(letters)
    assert (
        len(
            [
                ch
                for ch in letters
                if ch.lower() in {unicodedata.normalize("NFC", v + t) for v in BASE_VOWELS for t in TONE_MARKS}
            ]
        )
        == 12 * 6 * 2
    )


@pytest.mark.parametrize("style", sorted(FONT_FILES))
def test_every_vietnamese_letter_is_in_the_shipped_font(style):
    font = TTFont(FONT_DIR / FONT_FILES[style])
    cmap = font.getBestCmap()
    missing = [ch for ch in vietnamese_letters() if ord(ch) not in cmap]
    assert not missing, f"{FONT_FILES[style]} lacks {''.join(missing)}"
    # combining marks too, for text typed in decomposed form that NFC cannot fully compose
    assert all(ord(m) in cmap for m in TONE_MARKS[1:])


@pytest.mark.parametrize("style", sorted(FONT_FILES))
def test_font_is_liberation_serif_2(style):
    font = TTFont(FONT_DIR / FONT_FILES[style])
    version = font["name"].getDebugName(5) or ""
    family = font["name"].getDebugName(1) or ""
    assert family == "Liberation Serif"
    assert version.startswith("Version 2."), version


def test_licence_ships_with_the_fonts():
    text = (FONT_DIR / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text


def test_a_setting_can_point_at_another_ttf(tmp_path, monkeypatch):
    import shutil

    from services.documents.fonts import font_files, font_warning

    monkeypatch.setenv("CONFERENCE_FONTS_DIR", str(tmp_path))  # a folder the server allows
    shutil.copy(FONT_DIR / FONT_FILES[""], tmp_path / "times.ttf")
    shutil.copy(FONT_DIR / FONT_FILES["B"], tmp_path / "timesbd.ttf")
    files = font_files(str(tmp_path / "times.ttf"))
    assert files[""] == (tmp_path / "times.ttf").resolve() and files["B"] == (tmp_path / "timesbd.ttf").resolve()
    assert files["I"] == (tmp_path / "times.ttf").resolve(), "a missing style falls back to the regular file"
    assert font_warning(str(tmp_path / "times.ttf")) is None
    assert "không có tệp này" in (font_warning(str(tmp_path / "nope.ttf")) or "")
    assert font_files(str(tmp_path / "nope.ttf"))[""] == FONT_DIR / FONT_FILES[""]  # the shipped font stands in

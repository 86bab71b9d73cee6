"""The text module: tidy (what is printed), fold (accent-free search), match_key (the same words however typed)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.text import fold, match_key, tidy


def test_fold_handles_both_tone_placements_and_forms():
    forms = ["Hoà", "Hòa", unicodedata.normalize("NFD", "Hoà"), unicodedata.normalize("NFD", "Hòa"), "HOÀ"]
    assert {fold(f) for f in forms} == {"hoa"}
    assert fold("Đỗ  Đình   Đức") == "do dinh duc"


@given(st.text(max_size=30))
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)
    vietnamese = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    assert fold(vietnamese + vietnamese.upper()).isascii()


def test_match_key_ignores_how_a_name_was_typed_but_keeps_its_marks():
    forms = ["Trần Thị Hoà", "trần  thị hòa", unicodedata.normalize("NFD", "TRẦN THỊ HÒA "), "Trần Thị\tHoà"]
    assert len({match_key(f) for f in forms}) == 1
    assert match_key("Hà") != match_key("Hạ")
    assert match_key("Nguyễn Văn Mới") != match_key("Nguyễn Văn Mỗi")
    assert match_key("") == match_key(None) == ""


def test_match_key_keeps_already_canonical_text_as_it_is_lower_cased():
    """What readiness needs to find its markers in task names (NFC, case and spacing ignored)."""
    marker = "hội đồng thi đua - khen thưởng tỉnh"
    assert match_key(marker) == marker
    assert marker in match_key(unicodedata.normalize("NFD", "Gửi hồ sơ về  Hội đồng Thi đua - Khen thưởng TỈNH"))


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_tidy_makes_missing_cells_blank(missing):
    assert tidy(missing) == ""


def test_tidy_keeps_the_typed_tone_placement_and_line_breaks_unless_told():
    typed = unicodedata.normalize("NFD", "  Lê Văn  Bình;\r\n  Hà Thị   Hòa\x07 ")
    assert tidy(typed) == "Lê Văn Bình;\nHà Thị Hòa"
    assert tidy(typed, one_line=True) == "Lê Văn Bình; Hà Thị Hòa"
    assert tidy(12) == "12"

"""Words and numbers on screen (issue 27): English says "1 day late", "1 cell needs fixing"; every plural form has
its singular (the pages, in AppTest: tests/pages/test_words_and_numbers_pages.py)."""

from __future__ import annotations

import re
import string

from services.i18n import CATALOGUE, t

NUMBER_NAMES = {"count", "days", "seconds", "left", "errors", "warnings", "batches"}
PLURAL_NOUN = re.compile(r"\b1 (?:\w+ )?(\w+s)\b")
NOT_PLURAL = {"needs", "is", "was", "has", "this", "address", "process", "status", "its", "less", "unless", "across"}


def english_with_ones(key: str) -> str:
    en = CATALOGUE[key][1]
    names = {n for _, n, _, _ in string.Formatter().parse(re.sub(r"\{(\w+)\|[^{}]*\}", "", en)) if n}
    values = {n: (1 if n in NUMBER_NAMES else f"<{n}>") for n in names}
    return t(key, "en", **values)


def test_one_of_anything_is_singular_in_english():
    wrong = []
    for key, (_, en) in CATALOGUE.items():
        if en and any("{" + n + "}" in en for n in NUMBER_NAMES):
            text = english_with_ones(key)
            for m in PLURAL_NOUN.finditer(text):
                if m.group(1).lower() not in NOT_PLURAL and not m.group(1).endswith("ss"):
                    wrong.append(f"{key}: {text}")
    assert wrong == []


def test_the_issues_examples():
    assert t("overview.submission.late", "en", days=1, deadline="01/12") == "1 day late (due 01/12)."
    assert t("overview.submission.late", "en", days=3, deadline="01/12") == "3 days late (due 01/12)."
    assert t("sidebar.problems", "en", count=1) == "1 cell needs fixing — see the Data page"
    assert t("sidebar.problems", "en", count=2) == "2 cells need fixing — see the Data page"
    assert t("sidebar.problems", "vi", count=1) == "1 ô dữ liệu cần sửa — xem trang Dữ liệu"


def test_money_on_the_overview_is_in_the_screens_language(seeded_store):
    """Issue 27: the English overview said "6.000.000 ₫" beside the budget page's "₫44,000,000"."""
    from services.planning import readiness
    from services.validation import validate
    from tests.conftest import FIXED_TODAY

    data = validate(seeded_store.load())
    english = next(c for c in readiness.assess(data, FIXED_TODAY, "en").components if c.key == "budget").detail
    vietnamese = next(c for c in readiness.assess(data, FIXED_TODAY, "vi").components if c.key == "budget").detail
    assert re.search(r"₫\d{1,3}(,\d{3})+", english) and not re.search(r"\d\.\d{3}", english), english
    assert re.search(r"\d{1,3}(\.\d{3})+ ₫", vietnamese), vietnamese


def test_the_screens_dossier_words_are_the_printed_ones():
    from services.documents.certificates import PRINT_NOTE
    from services.documents.dossier import DOSSIER_ITEMS

    assert t("documents.print_note", "vi") == PRINT_NOTE
    for item in DOSSIER_ITEMS:
        assert t(f"dossier.item.{item.key}", "vi") == item.label

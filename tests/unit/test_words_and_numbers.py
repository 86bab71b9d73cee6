"""Words and numbers on screen (issue 27): English says "1 day late", "1 cell needs fixing"; every plural form has
its singular."""

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


def test_confirmed_attendees_are_a_share_of_the_invited_not_of_the_seats(seeded_path, monkeypatch):
    """Issue 27: "Đại biểu xác nhận dự 39/120" divided by the hall's 120 seats."""
    from services.store.workbook import WorkbookStore
    from services.validation import validate
    from tests.apptest_helpers import open_app

    data = validate(WorkbookStore(seeded_path).load())
    people = data.frames["attendees"]
    confirmed, invited = int((people["rsvp"] == "tham dự").sum()), len(people)
    assert invited != data.settings.capacity, "the seeded hall must differ from the list for this test to mean much"
    at = open_app(seeded_path, monkeypatch, "overview")
    metric = next(m for m in at.metric if m.label == "Đại biểu xác nhận dự")
    assert metric.value == f"{confirmed}/{invited}"

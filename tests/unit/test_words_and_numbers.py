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


def test_the_signed_in_line_and_the_seating_zones_in_english(seeded_path, monkeypatch):
    import json

    from tests.apptest_helpers import ADMIN_PASSCODE, ADMIN_SECRETS, open_app, sign_in

    at = open_app(seeded_path, monkeypatch, secrets=ADMIN_SECRETS)
    at.session_state["lang"] = "en"
    sign_in(at, ADMIN_PASSCODE)
    line = next(c.value for c in at.sidebar.caption if "Signed in" in c.value)
    assert line == "Signed in: passcode (admin) — role admin", line
    at.switch_page("content/seating.py").run()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    hovers = " ".join(t for trace in chart["data"] for t in trace.get("hovertext") or [])
    assert "Empty seat (" in hovers and "lãnh đạo" not in hovers and "chung" not in hovers, hovers[:200]


def test_the_screens_dossier_words_are_the_printed_ones():
    from services.documents.certificates import PRINT_NOTE
    from services.documents.dossier import DOSSIER_ITEMS

    assert t("documents.print_note", "vi") == PRINT_NOTE
    for item in DOSSIER_ITEMS:
        assert t(f"dossier.item.{item.key}", "vi") == item.label

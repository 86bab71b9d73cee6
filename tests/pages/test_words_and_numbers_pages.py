"""Words and numbers on the pages, in AppTest (issue 27): the overview's confirmed share is of the invited, and the
signed-in line and the seating zones read in English (the catalogue itself: tests/unit/test_words_and_numbers.py)."""

from __future__ import annotations


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

"""Numbers on screen in the user's language: Vietnamese forms in Vietnamese (as the PDFs), English in English."""

from __future__ import annotations

import json
import re

import pytest

from services.display.numbers import number, percent, separators, vnd
from tests.apptest_helpers import open_app


def test_number_forms_by_language():
    assert (number(1234, "vi"), number(1234, "en")) == ("1.234", "1,234")
    assert (number(1234.56, "vi", 1), number(1234.56, "en", 1)) == ("1.234,6", "1,234.6")
    assert (percent(1, "vi", 1), percent(0.889, "en", 1), percent(0.889, "vi", 1)) == ("100,0%", "88.9%", "88,9%")
    assert (vnd(1234000, "vi"), vnd(1234000, "en")) == ("1.234.000 ₫", "₫1,234,000")
    assert number(None, "vi") == percent(float("nan"), "en") == vnd(None, "en") == ""
    assert (separators("vi"), separators("en")) == (",.", ".,")


@pytest.mark.parametrize(("lang", "grouped"), [("vi", r"^-?\d{1,3}(\.\d{3})+ ₫$"), ("en", r"^-?₫\d{1,3}(,\d{3})+$")])
def test_budget_amounts_and_charts_in_the_language(seeded_path, monkeypatch, lang, grouped):
    at = open_app(seeded_path, monkeypatch, "budget")
    if lang == "en":
        at.selectbox(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    values = [m.value for m in at.metric][:3]
    assert values and all(re.match(grouped, v) for v in values), values
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["separators"] == separators(lang)


def test_overview_charts_use_vietnamese_separators(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs and all(s["layout"]["separators"] == ",." for s in specs)

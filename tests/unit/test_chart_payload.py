"""The overview's figures are sent to every viewer on every view: they carry no plotly template (Streamlit's theme
styles them in the browser), which was 7 KB of each figure's JSON."""

from __future__ import annotations

import json
from datetime import date

from services.planning import charts
from services.validation import validate


def test_overview_figures_carry_no_plotly_template(seeded_store):
    data = validate(seeded_store.load())
    figures = charts.overview_figures(data, date(2026, 11, 25), "vi")
    assert len(figures) == 5
    for name, figure in figures.items():
        layout = json.loads(figure.to_json())["layout"]
        assert len(json.dumps(layout.get("template", {}))) < 100, name
    assert sum(len(f.to_json()) for f in figures.values()) < 30_000  # 52.6 KB with plotly's default template

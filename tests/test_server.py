"""The real server starts on a fresh workbook path and reports healthy."""

from tests.server import streamlit_server


def test_streamlit_run_is_healthy_within_30_seconds(tmp_path):
    workbook = tmp_path / "fresh" / "conference.xlsx"
    with streamlit_server(workbook) as (port, seconds):
        assert seconds < 30
        assert port > 0

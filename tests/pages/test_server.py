"""The real server starts on a fresh workbook path, reports healthy and serves the app's page."""

import urllib.request

import pytest

from tests.server import run_server

pytestmark = pytest.mark.slow  # a real server


def test_streamlit_run_is_healthy_within_30_seconds(tmp_path):
    workbook = tmp_path / "fresh" / "conference.xlsx"
    with run_server({"CONFERENCE_WORKBOOK": str(workbook)}) as server:
        port = server.port
        assert server.seconds_to_healthy < 30
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
            assert answer.read() == b"ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            assert answer.status == 200 and b'<div id="root">' in answer.read()

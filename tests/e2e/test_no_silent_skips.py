"""The real-browser tests never skip: without Chromium they fail and say how to install it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.harness import ChromiumMissing, chromium_path

HERE = Path(__file__).resolve().parent


def test_missing_chromium_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("tests.e2e.harness.CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(ChromiumMissing, match=r"apt-get install chromium"):
        chromium_path()


def test_e2e_module_fails_not_skips_without_chromium():
    env = {**os.environ, "E2E_CHROMIUM": "/nonexistent/chromium"}
    target = "tests/e2e/test_workbook_app.py::test_data_page_counts_every_tab_like_the_workbook"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Chromium not found at /nonexistent/chromium" in output
    assert re.search(r"\b1 (failed|error)\b", output), output
    assert "skipped" not in output


def test_no_e2e_test_is_written_to_skip():
    offenders = [
        path.name
        for path in HERE.glob("*.py")
        if path.name != Path(__file__).name
        and re.search(r"pytest\.skip|mark\.skip|importorskip|\.xfail", path.read_text())
    ]
    assert offenders == []

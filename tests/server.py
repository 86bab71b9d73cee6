"""Starting the real `streamlit run app.py` on a free port and waiting until it is healthy."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, timeout_s: float, scheme: str = "http") -> float:
    """Seconds until /_stcore/health answered 'ok'; raises TimeoutError after `timeout_s`. Over https the test's
    self-signed certificate is not verified here (the browser test checks what a browser does with it)."""
    context = ssl._create_unverified_context() if scheme == "https" else None
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        try:
            with urllib.request.urlopen(f"{scheme}://127.0.0.1:{port}/_stcore/health", timeout=1, context=context) as r:
                if r.read().decode() == "ok":
                    return time.monotonic() - start
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"streamlit on port {port} not healthy after {timeout_s} s")


@contextmanager
def streamlit_server(workbook: Path, extra_env: dict[str, str] | None = None, timeout_s: float = 30):
    """Yields (port, seconds to healthy); the server is stopped afterwards."""
    port = free_port()
    env = {**os.environ, "CONFERENCE_WORKBOOK": str(workbook), **(extra_env or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield port, wait_healthy(port, timeout_s)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

"""The one starter of the real `streamlit run app.py` in the tests and benchmarks: a free port, only the backend
variables and secrets the caller gives, the log in a file (never an unread pipe, which blocks a chatty server once its
buffer is full), the health wait, and the process id (for memory and CPU figures)."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# Variables that choose a backend: the server gets only the ones a test passes explicitly.
BACKEND_VARIABLES = (
    "CONFERENCE_WORKBOOK",
    "GSHEETS_SPREADSHEET",
    "SHEETS_EMULATOR_HOST",
    "GOOGLE_APPLICATION_CREDENTIALS",
)


@dataclass(frozen=True)
class Server:
    port: int
    pid: int
    seconds_to_healthy: float
    log: Path
    scheme: str = "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@contextmanager
def run_server(
    env: dict[str, str],
    secrets: str = "",
    timeout_s: float = 30,
    port: int | None = None,
    tls: tuple[Path, Path] | None = None,
    options: tuple[str, ...] = (),
    launcher: str = "streamlit",
) -> Iterator[Server]:
    """`streamlit run app.py` with exactly the backend variables in `env` and ONLY the secrets given here (never the
    developer's .streamlit/secrets.toml, which may point at a real Google Sheet); stopped afterwards (this process).
    `tls`: (certificate, key) PEM files — served over https with server.sslCertFile / server.sslKeyFile.
    `options`: more command-line options (benchmarks compare configurations); tests run .streamlit/config.toml.
    `launcher`: the module `python -m` runs with `run app.py …` — Streamlit's own, or a benchmark's baseline that
    changes the app before starting Streamlit's command line (benchmarks/unshared_server.py)."""
    port = port or free_port()
    base = {k: v for k, v in os.environ.items() if k not in BACKEND_VARIABLES}
    workdir = Path(tempfile.mkdtemp(prefix=f"e2e-server-{port}-"))
    secrets_file = workdir / "secrets.toml"
    secrets_file.write_text(secrets)
    log = workdir / "server.log"
    cmd = [sys.executable, "-m", launcher, "run", str(ROOT / "app.py")]
    cmd += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd += ["--secrets.files", str(secrets_file), *options]
    if tls is not None:
        cmd += ["--server.sslCertFile", str(tls[0]), "--server.sslKeyFile", str(tls[1])]
    scheme = "https" if tls is not None else "http"
    with log.open("wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**base, **env}, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        try:
            seconds = wait_healthy(port, timeout_s, scheme)
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}\n--- server log ---\n{log.read_text(errors='replace')[-4000:]}") from None
        yield Server(port=port, pid=proc.pid, seconds_to_healthy=seconds, log=log, scheme=scheme)
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Ask a server process to end; kill it if it has not within 10 s (every starter here ends its process so)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)

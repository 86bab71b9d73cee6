"""nginx (Debian's package) in front of app replicas on loopback, rendered from deploy/nginx.conf — the same template
the compose file and the systemd units use. Never skipped: without nginx the tests fail (.ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.render_nginx import render
from tests.server import free_port, stop


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    assert found, "nginx is not installed (Debian package nginx-light or nginx; .ci/run installs it)"
    return found


@dataclass(frozen=True)
class Proxy:
    port: int
    run_dir: Path
    pid: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> list[str]:
        path = self.run_dir / "access.log"
        return path.read_text(errors="replace").splitlines() if path.exists() else []


@contextmanager
def run_proxy(app_ports: Sequence[int], timeout_s: float = 10) -> Iterator[Proxy]:
    port = free_port()
    run_dir = Path(tempfile.mkdtemp(prefix=f"nginx-{port}-"))
    run_dir.chmod(0o777)  # run as root, nginx's workers are `nobody`: they write their temp files here
    conf = run_dir / "nginx.conf"
    conf.write_text(render([f"127.0.0.1:{p}" for p in app_ports], listen=f"127.0.0.1:{port}", run_dir=run_dir))
    cmd = [nginx_binary(), "-c", str(conf), "-p", str(run_dir), "-g", "daemon off;"]
    with (run_dir / "stderr.log").open("wb") as err:
        proc = subprocess.Popen(cmd, stdout=err, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise TimeoutError(
                        "nginx did not answer:\n" + (run_dir / "stderr.log").read_text(errors="replace")
                    ) from None
                time.sleep(0.1)
        yield Proxy(port, run_dir, proc.pid)
    finally:
        stop(proc)
        shutil.rmtree(run_dir, ignore_errors=True)

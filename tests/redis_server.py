"""A real `redis-server` (Debian's package) on a free loopback port, in memory only, for the replicas' shared engine.

Never skipped: without redis-server the tests fail (.ci/run installs it). `kill()` and `start()` again on the same
port are the tests' "Redis restarted mid-run"."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.server import free_port, stop


class RedisServer:
    def __init__(self, port: int | None = None, *, persist: bool = False, workdir: Path | None = None) -> None:
        """`persist`: an append-only file fsync'd on every write (as a deployment keeps the door's journal), in
        `workdir` — pass the same one to a restarted server to have it read the file back."""
        self.port = port or free_port()
        self.persist = persist
        self.proc: subprocess.Popen[bytes] | None = None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix=f"redis-{self.port}-"))

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (Debian package redis-server; .ci/run installs it)"
        cmd = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        cmd += ["--appendonly", "yes", "--appendfsync", "always"] if self.persist else ["--appendonly", "no"]
        cmd += ["--dir", str(self.workdir)]
        with (self.workdir / "redis.log").open("ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis(port=self.port, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise TimeoutError(f"redis-server on {self.port} did not answer:\n{(self.workdir / 'redis.log').read_text()}")

    def kill(self) -> None:
        """kill -9: what a crashed Redis does (nothing flushed, connections dropped)."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None

    def stop(self, *, keep_files: bool = False) -> None:
        """Terminate (a graceful shutdown); the files are removed unless `keep_files` (a restart follows)."""
        if self.proc is not None:
            stop(self.proc)
            self.proc = None
        if not keep_files:
            shutil.rmtree(self.workdir, ignore_errors=True)


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()

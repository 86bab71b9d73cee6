"""Saving the workbook file: a crash leaves the old file or the new one, with the old one's permissions."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path


def write_atomically(path: Path, content: bytes) -> None:
    """Replace `path` with `content` so that a crash leaves either the old file or the new one, never half of one.

    The new file keeps the old one's permission bits (and owner, where allowed); no temp file is left on failure.
    """
    try:
        before = path.stat()
    except FileNotFoundError:
        before = None
    mode = stat.S_IMODE(before.st_mode) if before else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=".conference-", suffix=".xlsx", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fchmod(out.fileno(), mode)  # mkstemp made it 0600: staff sharing the file would lose access
            if before is not None and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
                with suppress(PermissionError):
                    os.fchown(out.fileno(), before.st_uid, before.st_gid)
            os.fsync(out.fileno())  # the data is on disk before the name points at it
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    # Read, not set: os.umask() would change it for every thread of the app for a moment.
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022

"""A folder that refuses writes, for tests running as root (where chmod does not stop anything): every open for
writing, mkdir, rename or unlink under it fails with the errno a read-only remount (EROFS) or a full disk (ENOSPC,
EFBIG) gives. Reads still work, as on a real read-only or full disk."""

from __future__ import annotations

import builtins
import errno
import io
import os
from contextlib import contextmanager
from pathlib import Path

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _under(path: object, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).absolute().is_relative_to(folder)
    except (TypeError, ValueError):
        return False


@contextmanager
def refusing_writes(monkeypatch, folder: Path, code: int = errno.EROFS):
    folder = Path(folder).absolute()

    def refuse(path: object) -> OSError:
        return OSError(code, os.strerror(code), os.fsdecode(path))

    real_os_open, real_open, real_mkdir = os.open, builtins.open, os.mkdir
    real_replace, real_unlink, real_rename = os.replace, os.unlink, os.rename

    def os_open(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS and _under(path, folder):
            raise refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file, mode="r", *args, **kwargs):
        if not isinstance(file, int) and any(c in mode for c in "wax+") and _under(file, folder):
            raise refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guard(real):
        def call(path, *args, **kwargs):
            if _under(path, folder) or (args and _under(args[0], folder)):
                raise refuse(path)
            return real(path, *args, **kwargs)

        return call

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", os_open)
        patch.setattr(builtins, "open", open_)
        patch.setattr(io, "open", open_)
        patch.setattr(os, "mkdir", guard(real_mkdir))
        patch.setattr(os, "replace", guard(real_replace))
        patch.setattr(os, "rename", guard(real_rename))
        patch.setattr(os, "unlink", guard(real_unlink))
        yield

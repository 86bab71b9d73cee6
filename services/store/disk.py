"""A file the app could not write, in words staff can act on: a full disk, a read-only folder, a name too long.

The errors arrive as OSError (errno ENOSPC, EDQUOT, EFBIG; EROFS, EACCES, EPERM; ENAMETOOLONG) or, when openpyxl
serialises a sheet through lxml into its temporary file, as lxml's SerialisationError whose message names the I/O
error (e.g. "IO_EFBIG", "IO_ENOSPC" — libxml2's xmlParserErrors names, xmlerror.h)."""

from __future__ import annotations

import errno
from pathlib import Path

from services.store.errors import BackendUnavailable

try:  # openpyxl serialises through lxml when it is installed; its write errors are not OSError
    from lxml.etree import SerialisationError
except ImportError:  # pragma: no cover - lxml is in requirements.txt
    SerialisationError = OSError

WRITE_ERRORS: tuple[type[BaseException], ...] = (OSError, SerialisationError)

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
FULL_NAMES = ("IO_ENOSPC", "IO_EFBIG", "IO_EDQUOT")  # lxml/libxml2 spellings of the same errors


class DiskFull(BackendUnavailable):
    """The disk (or the user's quota, or the largest file it takes) is full: nothing was changed."""


class FolderReadOnly(BackendUnavailable):
    """The folder cannot be written (a disk remounted read-only after errors, a service's read-only directory)."""


def _kind(exc: BaseException) -> str:
    number = getattr(exc, "errno", None)
    if number in FULL or any(name in str(exc) for name in FULL_NAMES):
        return "full"
    if number in READ_ONLY:
        return "read_only"
    if number == errno.ENAMETOOLONG:
        return "name"
    return ""


def explain(exc: BaseException, what: str, path: str | Path) -> BackendUnavailable:
    """The Vietnamese error for failing to write `what` (e.g. "tệp dữ liệu") at `path`; its type says which kind."""
    path = Path(path)
    kind = _kind(exc)
    if kind == "full":
        return DiskFull(
            f"Ổ đĩa đã đầy: không ghi được {what} “{path.name}” (thư mục {path.parent}). Chưa có gì bị thay đổi — "
            "hãy giải phóng dung lượng (xóa tệp không cần, dọn thư mục tạm) hoặc báo bộ phận CNTT, rồi thử lại."
        )
    if kind == "read_only":
        return FolderReadOnly(
            f"Thư mục {path.parent} chỉ cho đọc (ổ đĩa bị gắn lại ở chế độ chỉ đọc, hoặc không có quyền ghi): "
            f"không ghi được {what} “{path.name}”. Chưa có gì bị thay đổi — hãy báo bộ phận CNTT."
        )
    if kind == "name":
        return BackendUnavailable(f"Tên tệp quá dài: không ghi được {what} “{path.name[:60]}…”. Hãy đặt tên ngắn hơn.")
    detail = getattr(exc, "strerror", None) or type(exc).__name__
    return BackendUnavailable(f"Không ghi được {what} “{path}”: {detail}. Chưa có gì bị thay đổi.")

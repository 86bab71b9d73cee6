"""The workbook file on disk: a save that a crash cannot leave half-done, the rolling backup kept before every app
write, and telling a damaged .xlsx (and which part of it) from one that is merely unreadable right now.

The backup: before each write, the workbook as it was — already opened and checked, so known good — replaces
`<name>.bak` next to it (e.g. `conference.xlsx.bak`), atomically and with the workbook's own permissions. It is one
write behind: restoring it loses only the last app write and whatever staff saved since. A damaged file is never
backed up (writes to it are refused before they start), so the backup stays the last good copy.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import traceback
import zipfile
import zlib
from contextlib import suppress
from pathlib import Path
from xml.etree import ElementTree

from openpyxl.utils.exceptions import InvalidFileException

from services.store.errors import DamagedWorkbook
from services.store.xlsx_formulas import _sheet_parts

BACKUP_SUFFIX = ".bak"

# What the zip, XML and openpyxl layers raise on a damaged file: ElementTree's ParseError and lxml's XMLSyntaxError
# are both SyntaxError; a missing part is a KeyError; openpyxl reports bad styles or cell data as ValueError,
# TypeError, AttributeError or IndexError.
DAMAGE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,
    InvalidFileException,
)


def write_atomically(path: Path, content: bytes, *, like: Path | None = None) -> None:
    """Replace `path` with `content` so that a crash leaves either the old file or the new one, never half of one.

    The new file keeps the old one's permission bits (and owner, where allowed) — or those of `like` when given;
    no temp file is left on failure. A symlink is written through: its target is replaced and the link stays (a
    workbook shared through a link must keep pointing at the shared file).
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        before = (like or path).stat()
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
    fsync_dir(path.parent)


def backup_path(path: Path) -> Path:
    """`conference.xlsx` → `conference.xlsx.bak`, in the same folder."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def keep_backup(path: Path, content: bytes) -> None:
    """Make `content` (the workbook as it is before this write, known to open) the backup next to `path`."""
    write_atomically(backup_path(path), content, like=path)


# --- damaged files --------------------------------------------------------------------------


def missing_sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """Worksheets the workbook lists whose part is not in the file (openpyxl silently skips them: a tab would vanish
    and "Khởi tạo cấu trúc" would make an empty one in its place)."""
    names = set(archive.namelist())
    return [f"{member} (trang “{title}”)" for title, member in _sheet_parts(archive) if member not in names]


def damaged(path: Path, content: bytes | None, exc: BaseException | None) -> DamagedWorkbook:
    """The error for a workbook that would not open: which part is damaged, and the backup to restore if any."""
    backup = backup_path(path)
    return DamagedWorkbook(path.name, damage_of(content, exc), backup.name if backup.is_file() else None)


def damage_of(content: bytes | None, exc: BaseException | None = None) -> str:
    """What is wrong with this .xlsx, in a few words naming the damaged part (looked for only once it failed)."""
    if content is not None:
        found = _find_damage(content)
        if found:
            return found
    if exc is None:
        return "không rõ phần nào"
    hint = _part_hint(exc)
    detail = " ".join(str(exc).split())[:200]
    return f"{hint}{type(exc).__name__}: {detail}" if detail else f"{hint}{type(exc).__name__}"


def _find_damage(content: bytes) -> str | None:
    if not content:
        return "tệp rỗng, 0 byte"
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return "không phải tệp .xlsx: không mở được dạng nén zip — có thể tệp bị cắt cụt hoặc là loại tệp khác"
    names = archive.namelist()
    for required in ("[Content_Types].xml", "_rels/.rels"):
        if required not in names:
            return f"thiếu phần {required}"
    try:
        missing = missing_sheet_parts(archive)
    except KeyError as exc:
        return f"thiếu phần {str(exc).strip(chr(34))}"
    except (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError):
        missing = []  # the part listing the sheets is itself damaged: found below
    if missing:
        return "thiếu phần " + ", ".join(missing)
    for name in names:
        try:
            data = archive.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            return f"phần {name} không giải nén được: {exc}"
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with io.BytesIO(data) as stream:
                for _ in ElementTree.iterparse(stream):
                    pass
        except SyntaxError as exc:
            return f"phần {name} bị cắt cụt hoặc sai cú pháp XML: {exc}"
    return None


# openpyxl module → the part it was reading when it failed on well-formed but wrong XML.
_PART_OF_MODULE = (
    ("/openpyxl/styles/", "xl/styles.xml"),
    ("/openpyxl/reader/strings", "xl/sharedStrings.xml"),
    ("/openpyxl/worksheet/", "một trang tính"),
    ("/openpyxl/reader/workbook", "xl/workbook.xml"),
    ("/openpyxl/workbook/", "xl/workbook.xml"),
    ("/openpyxl/packaging/", "[Content_Types].xml hoặc _rels"),
)


def _part_hint(exc: BaseException) -> str:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        filename = frame.filename.replace(os.sep, "/")
        for marker, part in _PART_OF_MODULE:
            if marker in filename:
                return f"phần {part} không đọc được — "
    return ""


def fsync_dir(folder: Path) -> None:
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

"""The document font: Liberation Serif 2.x shipped in assets/fonts (Times New Roman metrics, full Vietnamese), or a
font the `Sự kiện` setting `document_font` names (e.g. Times New Roman on Windows).

Anyone who edits the sheet can type that setting, so it is checked where it is read: a readable TrueType/OpenType
file (by its first bytes, and fontTools must open it, with the Vietnamese letters) inside a folder the server allows
(assets/fonts, the folder the server configures — $CONFERENCE_FONTS_DIR or `[documents] fonts_dir` in secrets — and
the system font folders). Anything else gives the shipped font and a warning that names the setting; documents are
never refused or crashed by it."""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from services.store.disk import explain

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "DocSerif"
SETTING = "document_font"
# fpdf2 style code → shipped file
FONT_FILES: dict[str, str] = {
    "": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}
# How the other styles of a user-supplied regular TTF are usually named: "times.ttf" → "timesbd.ttf" (Windows),
# "Tinos-Regular.ttf" → "Tinos-Bold.ttf".
_SIBLING_SUFFIXES: dict[str, tuple[str, ...]] = {
    "B": ("bd", "b", "-Bold", "Bold"),
    "I": ("i", "-Italic", "Italic"),
    "BI": ("bi", "z", "-BoldItalic", "BoldItalic"),
}
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("C:/Windows/Fonts"))
MAX_FONT_BYTES = 50 * 1024 * 1024
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})  # what fpdf2 opens (besides web fonts)
# sfnt version tags: TrueType (0x00010000 or Apple's 'true'), OpenType with CFF outlines, a collection
_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf")
# Letters no Vietnamese document can do without; a font missing one would print gaps in names.
_VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_VIETNAMESE += _VIETNAMESE.upper()
_SHOWN_MAX = 120  # characters of the setting quoted back in the warning


class FontNotFound(Exception):
    """Kept for callers that still catch it; `font_files` no longer raises it (a bad setting gives the shipped font and
    `font_warning`)."""


class _Refused(Exception):
    """Why the setting cannot be used (Vietnamese, the tail of the warning)."""


def shipped_files() -> dict[str, Path]:
    return {style: FONT_DIR / name for style, name in FONT_FILES.items()}


def allowed_dirs() -> list[Path]:
    """The folders a `document_font` may point into, as configured on this server; only absolute ones that exist on
    this system (C:\\Windows\\Fonts is not a folder on Linux, nor /usr/share/fonts on Windows)."""
    from services.config import fonts_dir

    configured = fonts_dir()
    found: list[Path] = []
    for folder in (FONT_DIR, *([configured] if configured else []), *SYSTEM_FONT_DIRS):
        if not folder.is_absolute():
            continue
        try:
            real = folder.resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            continue
        if real.is_dir() and real not in found:
            found.append(real)
    return found


def _inside(path: Path, folders: list[Path]) -> bool:
    text = os.path.normcase(str(path))
    for folder in folders:
        root = os.path.normcase(str(folder))
        try:
            if os.path.commonpath([text, root]) == root:
                return True
        except ValueError:  # different drives on Windows
            continue
    return False


def _folders_text(folders: list[Path]) -> str:
    return ", ".join(str(f) for f in folders) or "—"


def _locate(text: str, folders: list[Path]) -> Path:
    """The real path of the file the setting names, inside an allowed folder, or `_Refused`. A relative name is looked
    up in each allowed folder in turn; `..` and symlinks are resolved before the check, so neither leads out."""
    try:
        given = Path(text).expanduser()
        candidates = [given] if given.is_absolute() else [folder / given for folder in folders]
        lexical = [Path(os.path.normpath(c)) for c in candidates]
    except (RuntimeError, ValueError) as exc:
        raise _Refused(f"đường dẫn không hợp lệ ({exc})") from None
    inside = [c for c in lexical if _inside(c, folders)]
    if not inside:
        raise _Refused(f"tệp nằm ngoài các thư mục phông chữ được phép ({_folders_text(folders)})")
    for candidate in inside:
        try:
            real = candidate.resolve(strict=True)
        except FileNotFoundError:
            continue
        except (OSError, RuntimeError, ValueError) as exc:
            raise _Refused(f"không mở được đường dẫn ({exc.__class__.__name__})") from None
        if not _inside(real, folders):
            raise _Refused(f"đường dẫn trỏ ra ngoài các thư mục phông chữ được phép ({_folders_text(folders)})")
        return real
    raise _Refused("không có tệp này")


def _check_file(path: Path) -> None:
    """`_Refused` unless `path` (real, inside an allowed folder) is a font file fpdf2 can embed."""
    if path.is_dir():
        raise _Refused("đây là một thư mục, hãy ghi đường dẫn tới tệp phông chữ (.ttf)")
    if not path.is_file():
        raise _Refused("không phải là một tệp")
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise _Refused(f"tệp phông chữ phải có đuôi {', '.join(sorted(FONT_SUFFIXES))}")
    try:
        stat = path.stat()
    except OSError as exc:
        raise _Refused(f"không đọc được tệp ({exc.strerror or exc.__class__.__name__})") from None
    if stat.st_size > MAX_FONT_BYTES:
        raise _Refused(f"tệp lớn hơn {MAX_FONT_BYTES // (1024 * 1024)} MB")
    reason = _font_problem(str(path), stat.st_mtime_ns, stat.st_size)
    if reason:
        raise _Refused(reason)


@lru_cache(maxsize=64)
def _font_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """What is wrong with the file's content (cached per version of the file); None if fonts can be drawn from it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return f"không đọc được tệp ({exc.strerror or exc.__class__.__name__})"
    if head not in _MAGIC:
        return "không phải tệp phông chữ TrueType/OpenType"
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
            missing = [ch for ch in _VIETNAMESE if ord(ch) not in cmap]
    except Exception as exc:  # fontTools raises many kinds on a damaged file (struct.error, KeyError, TTLibError…)
        return f"tệp phông chữ bị hỏng, không đọc được ({exc.__class__.__name__})"
    if missing:
        return f"phông chữ thiếu chữ tiếng Việt ({''.join(missing[:8])}{'…' if len(missing) > 8 else ''})"
    return None


def _usable(path: Path, folders: list[Path]) -> bool:
    try:
        _check_file(_locate(str(path), folders))
    except _Refused:
        return False
    return True


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def resolve_font(override: str = "") -> tuple[dict[str, Path], str | None]:
    """Paths of the four styles, and a warning (Vietnamese, names the setting) when the override cannot be used and
    the shipped font stands in. With a usable override (a regular font file), its other styles are looked up next to
    it; a style that is missing or unusable falls back to the regular file rather than failing the document."""
    text = override.strip().strip('"').strip()
    if not text:
        return shipped_files(), None
    folders = allowed_dirs()
    try:
        path = _locate(text, folders)
        _check_file(path)
    except _Refused as exc:
        warning = (
            f"Phông chữ “{_shown(text)}” (mục {SETTING}, trang Sự kiện) không dùng được: {exc} — "
            "đang dùng phông kèm theo (Liberation Serif)."
        )
        return shipped_files(), warning
    stem = path.stem.removesuffix("-Regular").removesuffix("Regular")
    files: dict[str, Path] = {"": path}
    for style, suffixes in _SIBLING_SUFFIXES.items():
        candidates = [path.with_name(f"{stem}{s}{path.suffix}") for s in suffixes]
        files[style] = next((c.resolve() for c in candidates if _usable(c, folders)), path)
    return files, None


def font_files(override: str = "") -> dict[str, Path]:
    """The four styles to embed; never raises for a bad `document_font` (see `font_warning`)."""
    return resolve_font(override)[0]


def font_warning(override: str = "") -> str | None:
    """Why the `document_font` setting is not used (the shipped font stands in), or None when it is fine or empty."""
    return resolve_font(override)[1]


# --- for the settings screen: the fonts one may pick, and a font file checked before it is used --------------------

UPLOAD_SUBDIR = "uploads"  # under assets/fonts when the server configures no fonts folder of its own
_STYLE_ENDINGS = ("bold", "italic", "oblique", "bd", "bi", "z")


def font_file_problem(path: Path) -> str | None:
    """Why this file cannot be the document font (Vietnamese), or None: the same check `resolve_font` makes."""
    try:
        _check_file(_locate(str(path), allowed_dirs()))
    except _Refused as exc:
        return str(exc)
    return None


def font_setting_problem(text: str) -> str | None:
    """Why `document_font` = `text` would not be used (Vietnamese), or None (blank = the shipped font)."""
    text = text.strip().strip('"').strip()
    return font_file_problem(Path(text)) if text else None


def available_fonts(limit: int = 200) -> list[str]:
    """Regular-style fonts a `document_font` may name on this server, as the setting would name them (relative to
    their allowed folder, so the sheet is the same on every machine), each usable; the shipped font is left out
    (a blank setting means it). Bold and italic files are left out too: they are found next to the regular one."""
    shipped = {p.resolve() for p in shipped_files().values()}
    names: list[str] = []
    for folder in allowed_dirs():
        for path in sorted(folder.rglob("*")):
            if len(names) >= limit:
                return names
            stem = path.stem.lower().removesuffix("-regular").removesuffix("regular")
            if path.suffix.lower() not in FONT_SUFFIXES or stem.endswith(_STYLE_ENDINGS) or path in shipped:
                continue
            name = path.relative_to(folder).as_posix()
            if name not in names and _usable(path, [folder]):
                names.append(name)
    return names


def upload_dir() -> Path:
    """Where an uploaded font goes: the server's own fonts folder if it has one, else assets/fonts/uploads."""
    from services.config import fonts_dir

    return fonts_dir() or FONT_DIR / UPLOAD_SUBDIR


MAX_STEM = 100  # characters of an uploaded font's name kept (file systems allow 255 bytes; Vietnamese takes 2–3 each)


def _keep_checked(folder: Path, final: Path, suffix: str, data: bytes, base: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=suffix, prefix=".upload-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        problem = font_file_problem(Path(temporary))
        if problem:
            raise ValueError(f"Tệp “{base}” không dùng được làm phông chữ: {problem}.")
        os.replace(temporary, final)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def save_uploaded_font(name: str, data: bytes) -> str:
    """Check an uploaded font and keep it in `upload_dir()`; returns what `document_font` should say. Raises
    ValueError (Vietnamese) — and keeps nothing — when the file cannot be used (wrong type, too big, damaged, no
    Vietnamese letters). The file is checked under a temporary name and only then moved into place."""
    base = Path(name.replace("\\", "/")).name
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(base).stem).strip("-.") or "phong-chu"
    suffix = Path(base).suffix.lower()
    if suffix not in FONT_SUFFIXES:
        raise ValueError(f"Tệp “{base}” phải có đuôi {', '.join(sorted(FONT_SUFFIXES))}.")
    if len(data) > MAX_FONT_BYTES:
        raise ValueError(f"Tệp “{base}” lớn hơn {MAX_FONT_BYTES // (1024 * 1024)} MB.")
    folder = upload_dir()
    final = folder / f"{stem[:MAX_STEM]}{suffix}"  # a 300-character name would be refused by the file system
    try:
        _keep_checked(folder, final, suffix, data, base)
    except OSError as exc:  # a read-only fonts folder (the systemd unit's), a full disk: said, never raised
        raise ValueError(str(explain(exc, "tệp phông chữ", final)).rstrip(".") + ".") from exc
    real = final.resolve()
    for allowed in allowed_dirs():
        if _inside(real, [allowed]):
            return real.relative_to(allowed).as_posix()
    return str(real)


@lru_cache(maxsize=8)
def single_line(path: str) -> float:
    """The font's single line spacing as a multiple of its size: (ascender - descender + line gap) / units per em
    of its hhea table — what Word and LibreOffice lay a "single"-spaced line out at (Liberation Serif and Times New
    Roman: 1.15). The PDF uses it so both formats break lines and pages alike."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True, fontNumber=0)
    hhea = font["hhea"]
    return float((hhea.ascent - hhea.descent + hhea.lineGap) / font["head"].unitsPerEm)  # fontTools is untyped

"""The document font: Liberation Serif 2.x shipped in assets/fonts (Times New Roman metrics, full Vietnamese), or a
TTF the `Sự kiện` setting `document_font` points at (e.g. Times New Roman on Windows)."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "DocSerif"
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


class FontNotFound(Exception):
    """The font the settings name does not exist; the message is for the user."""


def font_files(override: str = "") -> dict[str, Path]:
    """Paths of the four styles. With an override (a regular .ttf, or a folder holding four), its styles are looked
    up next to it; a style that is missing falls back to the regular file rather than failing the document."""
    if not override.strip():
        return {style: FONT_DIR / name for style, name in FONT_FILES.items()}
    path = Path(override.strip()).expanduser()
    if path.is_dir():
        regular = next(iter(sorted(path.glob("*Regular.ttf")) + sorted(path.glob("*.ttf"))), None)
        if regular is None:
            raise FontNotFound(f"Thư mục phông chữ “{override}” không có tệp .ttf nào.")
        path = regular
    if not path.is_file():
        raise FontNotFound(f"Không tìm thấy tệp phông chữ “{override}” (mục document_font trong trang Sự kiện).")
    stem = path.stem.removesuffix("-Regular").removesuffix("Regular")
    files: dict[str, Path] = {"": path}
    for style, suffixes in _SIBLING_SUFFIXES.items():
        candidates = [path.with_name(f"{stem}{s}{path.suffix}") for s in suffixes]
        files[style] = next((c for c in candidates if c.is_file()), path)
    return files

"""Vietnamese typed in the old 8-bit encodings TCVN3 (ABC) and VNI, read as Windows-1252 glyphs: recognised by how
many words read as Vietnamese syllables, converted to Unicode, refused when the conversion could not be exact.

Used by the attendee import (services.people.importer), which turns `NotExact` into its ImportRefused.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from services.text import fold


class NotExact(ValueError):
    """The file is in TCVN3 or VNI but cannot be converted exactly; the message says why, in Vietnamese."""


# Vietnamese letters, built from base letter + tone so the legacy tables below can be built from Unicode, not typed.
_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng — the order of every table below
_BASES = "aăâeêioôơuưy"
_SMALL = [unicodedata.normalize("NFC", b + m) for b in _BASES for m in ("", *_TONE_MARKS)] + ["đ"]
VIETNAMESE_LETTERS = frozenset(c for s in _SMALL for c in (s, s.upper()) if not c.isascii())  # the 134


def _split(letter: str) -> tuple[str, int]:
    """A small letter → its base letter (hats kept) and tone (0 = none, 1-5 in _TONE_MARKS order)."""
    nfd = unicodedata.normalize("NFD", letter)
    tone = next((i + 1 for i, mark in enumerate(_TONE_MARKS) if mark in nfd), 0)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS)), tone


# TCVN3 (ABC, TCVN 5712 VN3): one byte per small letter — a group of five (huyền, hỏi, ngã, sắc, nặng) per base in
# _BASES order, and ă â ê ô ơ ư đ on their own. Of the capitals only Ă Â Ê Ô Ơ Ư Đ have bytes: the capital fonts
# (.VnTimeH) draw the small letters' bytes as capitals, so a word typed in capitals comes back as capitals.
_TCVN3_TONED = "b5b6b7b8b9 bbbcbdbec6 c7c8c9cacb cccecfd0d1 d2d3d4d5d6 d7d8dcddde dfe1e2e3e4 e5e6e7e8e9 eaebecedee "
_TCVN3_TONED += "eff1f2f3f4 f5f6f7f8f9 fafbfcfdfe"
_TCVN3_OWN = dict(zip("ăâêôơưđĂÂÊÔƠƯĐ", bytes.fromhex("a8a9aaabacadaea1a2a3a4a5a6a7"), strict=True))
# VNI Windows: an ASCII base letter then a mark that carries hat and tone together; i, ỵ, ơ, ư, đ are letters of their
# own. Capitals are the same keys in capitals ("Ễ" = "EÃ").
_VNI_TONES = "øûõùï"  # after a e o u y ơ ư
_VNI_HATS = {"â": ("a", "âàåãáä"), "ê": ("e", "âàåãáä"), "ô": ("o", "âàåãáä"), "ă": ("a", "êèúüéë")}  # no tone first
_VNI_OWN = {"i": "iìæóíò", "ơ": "ô", "ư": "ö", "đ": "ñ"}


def _tcvn3_code(letter: str) -> int | None:
    """The TCVN3 byte of one Vietnamese letter; None for a plain a e i o u y."""
    if letter in _TCVN3_OWN:
        return _TCVN3_OWN[letter]
    base, tone = _split(letter.lower())
    return bytes.fromhex(_TCVN3_TONED.split()[_BASES.index(base)])[tone - 1] if tone else None


def _vni_code(letter: str) -> str:
    """The VNI keys of one Vietnamese letter, as their Windows-1252 glyphs (“ễ” → “eã”)."""
    small = letter.lower()
    base, tone = _split(small)
    if base in _VNI_HATS:
        head, marks = _VNI_HATS[base]
        code = head + marks[tone]
    elif base == "i" or small == "đ":
        code = _VNI_OWN[base][tone]
    elif base == "y" and tone == 5:
        code = "î"
    else:
        code = _VNI_OWN.get(base, base) + (_VNI_TONES[tone - 1] if tone else "")
    return code if letter == small else code.upper()


def legacy_bytes(text: str, encoding: str) -> bytes:
    """Unicode text as a TCVN3 or VNI file holds it (the other characters as Windows-1252)."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        if c not in VIETNAMESE_LETTERS:
            out += c.encode("cp1252")
        elif encoding == "TCVN3":
            out.append(_tcvn3_code(c) or ord(c))
        else:
            out += _vni_code(c).encode("cp1252")
    return bytes(out)


_GLYPH = {code: bytes([code]).decode("cp1252") for code in range(0xA0, 0x100)}
_FROM_TCVN3 = str.maketrans({_GLYPH[code]: s for s in (*_SMALL, *"ĂÂÊÔƠƯĐ") if (code := _tcvn3_code(s)) is not None})
_FROM_VNI = {_vni_code(c): c for c in VIETNAMESE_LETTERS if not _vni_code(c).isascii()}
_VNI_KEYS = re.compile("|".join(map(re.escape, sorted(_FROM_VNI, key=len, reverse=True))))


_SHOUTING = re.compile(r"\b(?=(?:[^\W\d_a-z]*[A-Z]){2})[^\W\d_a-z]+\b")  # capitals only, two ASCII among them


def _from_tcvn3(glyphs: str) -> str:
    """TCVN3 glyphs → Unicode. A word with two or more ASCII capitals and no small ASCII letter was typed in a capital
    font, so its converted letters become capitals too (“NGUYÔN” → “NGUYỄN”); “Hä” stays “Họ”."""
    return _SHOUTING.sub(lambda m: m[0].upper(), glyphs.translate(_FROM_TCVN3))


def _from_vni(glyphs: str) -> str:
    return _VNI_KEYS.sub(lambda m: _FROM_VNI[m[0]], glyphs)


def from_legacy(glyphs: str, encoding: str) -> str:
    """TCVN3 or VNI text read as Windows-1252 (“NguyÔn V¨n”, “Nguyeãn Vaên”) → Unicode (“Nguyễn Văn”)."""
    return CONVERTERS[encoding](glyphs)


CONVERTERS = {"TCVN3": _from_tcvn3, "VNI": _from_vni}
# What is left of a line once every sequence the encoding knows is taken out: a non-ASCII character there (but
# punctuation) is one the encoding does not hold, so the file is not (only) in it.
_TCVN3_KEYS = dict.fromkeys(_FROM_TCVN3)
_LEFT_OVER: dict[str, Callable[[str], str]] = {
    "TCVN3": lambda line: line.translate(_TCVN3_KEYS),
    "VNI": lambda line: _VNI_KEYS.sub("", line),
}
_HARMLESS = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0\u00ab\u00bb\u20ac")
SAMPLE_LINES = 2000  # lines scored to choose an encoding; every line is checked once it is chosen

# Scoring a reading: words with non-ASCII letters count +1 when they read as Vietnamese syllables, -1 when not.
_TOKEN = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f\s\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+")
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_FOLLOWERS = {"a": "iouy", "ă": "", "â": "uy", "e": "o", "ê": "u", "ô": "i", "ơ": "iu"}  # vowels that may come next
_VOWELS = frozenset(_BASES)
_GLYPHS = "".join(_GLYPH.values()) + bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_NOT_GLYPH = re.compile(f"[^\\x00-\\x7f\\ufffd{re.escape(_GLYPHS)}]")  # a character no 8-bit file read as cp1252 has
_UNICODE_ONLY = re.compile(f"[{''.join(sorted(c for c in VIETNAMESE_LETTERS if c not in _GLYPHS))}]")  # ạ ễ ơ ư đ …


def _syllable(token: str) -> bool:
    """Whether a word reads as one Vietnamese syllable: Vietnamese letters only, one tone at most, no capital after a
    small letter (“NguyÔn”), vowels in an order the language has (“ao”, never “aê” or “ăo”), and a known shape."""
    if not all(c in VIETNAMESE_LETTERS or (c.isascii() and c.isalpha()) for c in token):
        return False
    small = False
    for c in token:
        if small and c.isupper() and not c.isascii():
            return False
        small = small or c.islower()
    low = token.lower()
    bases = [_split(c) for c in low]
    if sum(tone > 0 for _, tone in bases) > 1:
        return False
    for (first, _), (second, _), plain in zip(bases, bases[1:], low[1:], strict=False):
        if first in _FOLLOWERS and second in _VOWELS and plain not in _FOLLOWERS[first]:
            return False
    return _SYLLABLE.fullmatch(fold(token)) is not None


def score(text: str) -> int:
    words = Counter(w for w in _TOKEN.findall(text) if not w.isascii())
    return sum(n if _syllable(unicodedata.normalize("NFC", w)) else -n for w, n in words.items())


def detect(lines: list[str], numbers: list[int], reading: list[str] | None = None) -> tuple[str, dict[int, str]] | None:
    """Whether the lines are Vietnamese typed in TCVN3 or VNI, read as Windows-1252 glyphs: that encoding and the
    converted lines (by index), or None when neither reads as better Vietnamese than `reading` (the same lines as
    otherwise decoded; by default the lines themselves). Lines with letters only Unicode has are Unicode already and
    stay. Refused, naming the encoding, when the conversion could not be exact: Unicode lines after converted ones,
    or characters the encoding does not hold."""
    candidates = [i for i, line in enumerate(lines) if not line.isascii() and not _NOT_GLYPH.search(line)]
    if not candidates:
        return None
    sample = candidates[:SAMPLE_LINES]
    baseline = score("\n".join((reading or lines)[i] for i in sample))
    scores = {name: score("\n".join(convert(lines[i]) for i in sample)) for name, convert in CONVERTERS.items()}
    name = max(scores, key=lambda n: scores[n])
    if scores[name] <= baseline:
        return None
    advice = (
        f"Hãy chuyển cả tệp sang Unicode (ví dụ Unikey → Công cụ chuyển mã, nguồn {name}, đích Unicode) rồi tải lại."
    )
    first = candidates[0]
    mixed = next((i for i in range(first + 1, len(lines)) if _UNICODE_ONLY.search(lines[i])), None)
    if mixed is not None:
        raise NotExact(
            f"Tệp dùng bảng mã {name} (dòng {numbers[first]}) lẫn với chữ Unicode (dòng {numbers[mixed]}) — "
            f"không chuyển tự động chính xác được. {advice}"
        )
    for i in candidates:
        residue = sorted({c for c in _LEFT_OVER[name](lines[i]) if not c.isascii()} - _HARMLESS)
        if residue:
            shown = ", ".join(f"“{c}”" for c in residue)
            raise NotExact(
                f"Tệp dùng bảng mã {name} nhưng dòng {numbers[i]} có ký tự bảng mã này không có ({shown}). {advice}"
            )
    convert = CONVERTERS[name]
    return name, {i: convert(lines[i]) for i in candidates}

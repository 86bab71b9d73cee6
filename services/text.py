"""Vietnamese text, one rule each: `tidy` (what is printed), `fold` (accent-free search), `match_key` (the same words
however typed), and sort keys like ICU's `vi` collation, with one tone-placement style first; names by given name."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from services.parsing import clean

# --- tidy, fold, match ----------------------------------------------------------------------------------------


def tidy(value: object, *, one_line: bool = False) -> str:
    """Text as typed, minus the keyboard's differences: `clean` (NFC, no control characters, trimmed; missing → "")
    and single spaces; line breaks kept (notes, member lists) unless `one_line`. Tone placement stays as typed: this
    is what gets stored and printed."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = clean(value)
    if one_line:
        return " ".join(text.split())
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


_MARKS = re.compile(r"[\u0300-\u036f]")
# đ/Đ are letters of their own, not d + a mark, so NFD leaves them alone; fold them by hand.
# Ð/ð (eth) stand in for Đ/đ in text that went through old Vietnamese encodings.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: object) -> str:
    """Lower case, no diacritics, đ → d, single spaces: every way of typing a Vietnamese name folds the same.

    NFD first splits "ò" and "oà" alike into base letters plus marks, so "Hoà" and "Hòa" (two tone-placement
    styles, NFC or NFD) all fold to "hoa".
    """
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = _MARKS.sub("", decomposed).translate(_LETTERS)
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=65_536)  # names, units and award forms repeat across rows and previews
def match_key(text: str) -> str:
    """The same words however typed, for duplicate checks and lookups: case, spacing, NFC/NFD and tone placement
    ignored ("Hoà" = "hòa"), but the marks kept — "Hà" and "Hạ", or "Mới" and "Mỗi", are different people."""
    return place_tones(text).casefold()


# --- tone placement and collation -----------------------------------------------------------------------------

# The Vietnamese alphabet (plus f, j, w, z for foreign names) in dictionary order: each is a PRIMARY letter.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: n for n, letter in enumerate(ALPHABET)}
VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")

# Tone marks as combining characters, in ICU `vi` secondary order: ngang (none) < huyền < hỏi < ngã < sắc < nặng.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Vowel-quality marks (breve, circumflex, horn) make a different letter, so they stay with the base letter.
_QUALITY = frozenset("\u0306\u0302\u031b")
# Nuclei that the new style ("hoà", "khoẻ", "thuỷ") marks on the second vowel and the old one on the first.
_NEW_STYLE_SECOND = frozenset({"oa", "oe", "uy"})
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})

_WORD = re.compile(r"\w+")


def _split_marks(word: str) -> list[tuple[str, str, str]]:
    """(base letter with its quality marks, NFC; tone mark or ''; other marks) for each letter of a word."""
    letters: list[tuple[str, str, str]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and letters:
            base, tone, other = letters[-1]
            if char in _QUALITY:
                base = unicodedata.normalize("NFC", base + char)
            elif char in TONES and not tone:
                tone = char
            else:
                other += char
            letters[-1] = (base, tone, other)
        else:
            letters.append((char, "", ""))
    return letters


def tone_position(syllable: str, style: str = "new") -> int | None:
    """Index of the letter that carries the tone in `syllable` (toneless letters); None if it is not a syllable.

    Rules: a vowel with a quality mark takes it (the last one: "ươ" → ơ); otherwise with a final consonant the last
    vowel of the nucleus; otherwise one vowel → it, three → the middle one, two → the first, except "oa", "oe",
    "uy" in the new style → the second. The "qu" and "gi" onsets are not part of the nucleus.
    """
    letters = syllable.casefold()
    start = 0
    if len(letters) > 2 and letters[:2] in ("qu", "gi") and letters[2] in VOWELS:
        start = 2
    first = next((i for i in range(start, len(letters)) if letters[i] in VOWELS), None)
    if first is None:
        return None
    end = first
    while end < len(letters) and letters[end] in VOWELS:
        end += 1
    if letters[end:] not in _FINALS:
        return None  # not one Vietnamese syllable ("café"): no rule applies
    nucleus = range(first, end)
    marked = [i for i in nucleus if letters[i] in MARKED_VOWELS]
    if marked:
        return marked[-1]
    if end < len(letters):
        return end - 1
    size = end - first
    if size == 1:
        return first
    if size == 2:
        pair = letters[first:end]
        return first + 1 if style == "new" and pair in _NEW_STYLE_SECOND else first
    return first + 1


@lru_cache(maxsize=16_384)  # the language has about 7,000 syllables, so names soon hit the cache word by word
def _place_tone(word: str, style: str) -> str:
    letters = _split_marks(word)
    tones = [(i, tone) for i, (_, tone, _) in enumerate(letters) if tone]
    if len(tones) != 1 or not all(base.isalpha() for base, _, _ in letters):
        return word  # no tone, or not a Vietnamese syllable: leave it exactly as typed
    target = tone_position("".join(base for base, _, _ in letters), style)
    if target is None or target == tones[0][0]:
        return word
    tone = tones[0][1]
    rebuilt = [base + (tone if i == target else "") + other for i, (base, _, other) in enumerate(letters)]
    return unicodedata.normalize("NFC", "".join(rebuilt))


@lru_cache(maxsize=65536)
def place_tones(text: str, style: str = "new") -> str:
    """`tidy`, and every syllable's tone on the vowel the chosen style puts it ("Hòa" → "Hoà")."""
    return _WORD.sub(lambda m: _place_tone(m.group(0), style), tidy(text, one_line=True))


def _primary(base: str) -> int:
    lower = base.lower()
    if lower in _LETTER_RANK:
        return 4000 + _LETTER_RANK[lower]
    if lower.isdigit():
        return 3000 + unicodedata.digit(lower, 0)
    if lower.isalpha():
        return 5000 + ord(lower)  # letters outside the alphabet (other scripts) after z
    if lower.isspace():
        return 1000
    return 2000 + min(ord(lower), 999)  # punctuation and symbols: after spaces, before digits (as in CLDR root)


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Three levels compared in turn, as ICU does: base letters, then tones (and other accents), then case."""
    letters = _split_marks(place_tones(text))
    primary = tuple(_primary(base) for base, _, _ in letters)
    secondary = tuple(TONES.get(tone, 0) * 64 + sum(ord(c) % 60 + 1 for c in other) for _, tone, other in letters)
    tertiary = tuple(1 if base != base.lower() else 0 for base, _, _ in letters)  # lower case first, as ICU
    return primary, secondary, tertiary


def split_name(name: str) -> tuple[str, str]:
    """(given name, family and middle names): the given name is the last word."""
    words = place_tones(name).split(" ")
    return words[-1], " ".join(words[:-1])


@lru_cache(maxsize=65536)
def name_sort_key(name: str) -> tuple[object, ...]:
    """A personal name's sort key: the given name (last word) first, then family and middle names."""
    given, rest = split_name(name)
    return sort_key(given), sort_key(rest)

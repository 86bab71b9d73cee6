"""All UI strings, Vietnamese first, English second; one catalogue assembled from one module per area (every module here with a STRINGS dict is picked up)."""

from __future__ import annotations

import importlib
import pkgutil
import re

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def _assemble() -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in catalogue:
                raise ValueError(f"UI string {key!r} defined twice")
            catalogue[key] = pair
    return catalogue


CATALOGUE = _assemble()


# "{count|cell needs|cells need}": the first form when `count` is 1, the second otherwise — English only needs it
# (Vietnamese nouns do not change with the number: "1 ô", "3 ô").
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _one(value: object) -> bool:
    return str(value).strip() in ("1", "1.0", "-1")


def plural(text: str, values: dict[str, object]) -> str:
    """`text` with each {name|one|other} resolved by values[name]."""
    return _PLURAL.sub(lambda m: m.group(2) if _one(values.get(m.group(1), "")) else m.group(3), text)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for `key` in `lang`, formatted with `values`; an unknown key shows itself so it gets noticed."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" and pair[1] else pair[0]
    return plural(text, values).format(**values) if values else text

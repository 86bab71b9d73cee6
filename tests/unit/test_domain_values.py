"""Domain values are named once (services/schema.py); nowhere else does the code spell them out.

The statuses, responses, nominee kinds and attendee groups are what pages and services compare against; a unit kind
such as "lãnh đạo" also starts ordinary unit names ("Lãnh đạo Sở"), so it is not banned as a word."""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

from services import schema
from tests.conftest import ROOT

VALUES = {
    str(member)
    for enum in (
        schema.Rsvp,
        schema.NominationStatus,
        schema.TaskStatus,
        schema.NomineeKind,
        schema.Group,
    )
    for member in enum
}
ALLOWED = {
    ROOT / "services" / "schema.py",
    ROOT / "services" / "setup" / "seed.py",
}  # the definition, and the plan's own data


def _sources() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in ("services", "content", "ui"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f not in ALLOWED]


def _literals(path: Path) -> list[tuple[int, str]]:
    """Every string literal of the file that is exactly a domain value (comments and docstring prose don't count)."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue  # f-strings and the like
            if isinstance(value, str) and value in VALUES:
                found.append((token.start[0], value))
    return found


def test_no_domain_value_is_typed_outside_the_schema():
    offenders = [f"{p.relative_to(ROOT)}:{line} “{v}”" for p in _sources() for line, v in _literals(p)]
    assert offenders == [], "use the enums of services/schema.py:\n" + "\n".join(offenders)


def test_the_ban_sees_a_literal():
    probe = ROOT / "services" / "schema.py"
    assert _literals(probe), "the schema itself spells the values out, so the scanner must find them there"

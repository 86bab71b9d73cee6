"""The string catalogue and the schema are complete and consistent."""

import re
from pathlib import Path

from services.i18n import CATALOGUE, t
from services.schema import TABS, Kind
from services.setup.seed import seed_rows
from tests.conftest import ROOT


def test_every_string_has_vietnamese_and_english():
    assert all(vi and en for vi, en in CATALOGUE.values())


def _app_sources() -> str:
    """The code that may show a catalogue string: app.py, pages, ui and services (its labels, e.g. readiness)."""
    paths = [ROOT / "app.py", *(ROOT / "content").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    paths += [p for p in (ROOT / "services").rglob("*.py") if "i18n" not in p.parts]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_every_key_used_in_the_app_exists():
    code = _app_sources()
    used = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", code))
    assert used, "the scan found no keys"
    assert sorted(k for k in used if k not in CATALOGUE) == []
    assert "overview.c.tasks" in used, "services are scanned too"


def test_every_catalogue_string_is_used():
    """A key counts as used when its text appears quoted in the code, or keys are built on a quoted prefix of it
    (t(f"page.{key}"), or "nom.col" handed to a helper); a string nothing shows is dead weight for the translator."""
    code = _app_sources()
    quoted = set(re.findall(r"""["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""", code))
    prefixes = {f"{q}." for q in quoted} | set(re.findall(r"""f["']([a-z_]+(?:\.[a-z_0-9]+)*\.)\{""", code))
    assert "page." in prefixes, "the scan found no key built by an f-string"
    assert sorted(k for k in CATALOGUE if k not in quoted and not k.startswith(tuple(prefixes))) == []


def test_formatting_and_language_fallback():
    assert t("sidebar.data_as_of", "vi", time="08:00:00") == "Dữ liệu lúc 08:00:00"
    assert t("sidebar.data_as_of", "en", time="08:00:00") == "Data as of 08:00:00"
    assert t("no.such.key") == "no.such.key"


def test_schema_keys_and_headers_are_unique_per_tab():
    for tab in TABS:
        keys = [c.key for c in tab.columns]
        headers = [c.header.casefold() for c in tab.columns]
        assert len(set(keys)) == len(keys), tab.key
        assert len(set(headers)) == len(headers), tab.key
        assert (tab.id_column is not None) == tab.has_id
        for column in tab.columns:
            assert column.header_en, (tab.key, column.key)
            assert (column.kind == Kind.ENUM) == bool(column.choices) or column.kind != Kind.ENUM


def test_seed_uses_only_schema_columns_and_allowed_values():
    for key, rows in seed_rows().items():
        tab = next(t for t in TABS if t.key == key)
        for row in rows:
            assert set(row) <= set(tab.by_key), (key, set(row) - set(tab.by_key))
            for col_key, value in row.items():
                column = tab.by_key[col_key]
                if column.kind == Kind.ENUM and value:
                    assert value in column.choices, (key, col_key, value)


def test_services_never_import_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "services").rglob("*.py")
        if re.search(r"^\s*(import|from)\s+streamlit\b", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_pages_never_touch_storage_libraries_directly():
    offenders = [
        str(p.relative_to(ROOT))
        for p in [*(ROOT / "content").glob("*.py"), ROOT / "app.py"]
        if re.search(r"^\s*(import|from)\s+(gspread|openpyxl)\b", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
    assert Path(ROOT / "content").is_dir()

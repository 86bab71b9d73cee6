"""Where the data lives, read once from secrets or the environment: a Google Sheet if one is configured, else the workbook."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.store.workbook import DEFAULT_PATH

DEFAULT_CACHE_TTL_S = 10  # seconds one read is shared: the oldest data a page may show


@dataclass(frozen=True)
class StoreConfig:
    workbook: Path = DEFAULT_PATH
    sheet: str | None = None  # spreadsheet URL or key
    service_account: Mapping[str, Any] | None = None  # the key's fields, from secrets
    credentials_file: str | None = None  # or a path to the JSON key
    emulator_host: str | None = None  # SHEETS_EMULATOR_HOST=host:port → local Sheets API emulator
    cache_ttl_s: int = DEFAULT_CACHE_TTL_S
    # A unit's own folder for what is kept on this server beside its data (the door's outage journal, the last good
    # copy) when one deployment serves several units (services.setup.deployment); None: beside the workbook, as ever.
    data_dir: Path | None = None

    @property
    def uses_sheet(self) -> bool:
        return bool(self.sheet)

    @property
    def local_anchor(self) -> Path:
        """A path inside the folder that holds this source's local copies — callers take its parent, as they took
        the workbook's (services.store.last_good, services.people.checkin_journal)."""
        return self.data_dir / self.workbook.name if self.data_dir is not None else self.workbook


def load_config(
    secrets: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    workbook: str | None = None,
    sheet: str | None = None,
) -> StoreConfig:
    """Explicit arguments win, then the environment, then `[gsheets]` in secrets."""
    env = os.environ if env is None else env
    section: Mapping[str, Any] = (secrets or {}).get("gsheets", {}) or {}
    account = section.get("service_account") or None
    sheet_ref = sheet or env.get("GSHEETS_SPREADSHEET") or section.get("spreadsheet") or None
    ttl_text = env.get("CONFERENCE_CACHE_TTL") or str(section.get("cache_ttl_s", DEFAULT_CACHE_TTL_S))
    return StoreConfig(
        workbook=Path(workbook or env.get("CONFERENCE_WORKBOOK") or DEFAULT_PATH),
        sheet=sheet_ref,
        service_account=dict(account) if account else None,
        credentials_file=env.get("GOOGLE_APPLICATION_CREDENTIALS") or section.get("credentials_file") or None,
        emulator_host=env.get("SHEETS_EMULATOR_HOST") or None,
        cache_ttl_s=int(ttl_text) if ttl_text.isdigit() else DEFAULT_CACHE_TTL_S,
    )


# --- the server's fonts folder ----------------------------------------------------------------------------------

FONTS_DIR_ENV = "CONFERENCE_FONTS_DIR"
ROOT = Path(__file__).resolve().parents[1]


def _secrets_files() -> list[Path]:
    """Where Streamlit reads secrets: the user's, then the project's (which wins)."""
    found: list[Path] = []
    for path in (Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"):
        if path not in found:
            found.append(path)
    project = ROOT / ".streamlit" / "secrets.toml"
    return found if project in found else [*found, project]


def _read_secrets() -> dict[str, Any]:
    """The secrets files merged section by section; a missing or unreadable file counts as empty."""
    import tomllib

    merged: dict[str, Any] = {}
    for path in _secrets_files():
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
    return merged


def fonts_dir(secrets: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """A folder of the server's own fonts that `document_font` may name, besides assets/fonts and the system font
    folders: $CONFERENCE_FONTS_DIR, else `fonts_dir` under `[documents]` in secrets (read from the secrets files when
    not given). Never a sheet setting: whoever edits the sheet must not choose which folders the server reads."""
    env = os.environ if env is None else env
    text = (env.get(FONTS_DIR_ENV) or "").strip()
    if not text:
        section = (_read_secrets() if secrets is None else secrets).get("documents") or {}
        text = str(section.get("fonts_dir") or "").strip() if isinstance(section, Mapping) else ""
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else ROOT / path

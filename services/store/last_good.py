"""The last good dataset on disk: after each load that validated, the raw grids (all text) are kept as JSON beside
the local data, so a server restarted while the sheet is unreachable still serves the desk lookup, every page and
every document export — from data whose age the page shows."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from services.store.rows import Snapshot, TabData

LAST_GOOD_ENV = "CONFERENCE_LAST_GOOD_DIR"  # the folder of the copies; default: beside the local workbook
VERSION = 1
log = logging.getLogger(__name__)


def copy_path(workbook: Path, backend_key: str, env: Mapping[str, str] | None = None) -> Path:
    """One file per data source (a sheet URL or a workbook path), so switching sources never serves the wrong one."""
    env = os.environ if env is None else env
    folder = Path((env.get(LAST_GOOD_ENV) or "").strip() or Path(workbook).parent).expanduser()
    digest = hashlib.sha256(backend_key.encode("utf-8")).hexdigest()[:12]
    return folder / f"last_good_{digest}.json"


def body_of(backend_key: str, snapshot: Snapshot) -> dict[str, object]:
    """The copy as JSON-ready values (the disk file's, and the shared cache's in Redis: services.shared)."""
    return {
        "version": VERSION,
        "backend": backend_key,
        "loaded_at": snapshot.loaded_at.isoformat(),
        "other_tabs": list(snapshot.other_tabs),
        "tabs": {k: {"title": t.title, "header": t.header, "rows": t.rows} for k, t in snapshot.tabs.items()},
    }


def snapshot_of(body: Any, backend_key: str) -> Snapshot | None:
    """The snapshot of a copy made by `body_of`; None if it is another source's or another version's. Malformed
    bodies raise ValueError, KeyError or TypeError."""
    if body.get("version") != VERSION or body.get("backend") != backend_key:
        return None
    tabs = {
        k: TabData(str(t["title"]), [str(v) for v in t["header"]], [[str(v) for v in r] for r in t["rows"]])
        for k, t in body["tabs"].items()
    }
    return Snapshot(tabs, datetime.fromisoformat(body["loaded_at"]), tuple(body.get("other_tabs", ())))


def save(path: Path, backend_key: str, snapshot: Snapshot) -> None:
    """Atomically (temp file, fsync, rename): a crash leaves the previous copy, never half of one."""
    body = body_of(backend_key, snapshot)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "w", encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


def load(path: Path, backend_key: str) -> Snapshot | None:
    """The saved snapshot of this source, or None (no copy, another source's, or unreadable: logged, never fatal)."""
    try:
        return snapshot_of(json.loads(path.read_text(encoding="utf-8")), backend_key)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("Không đọc được bản lưu dữ liệu %s: %s", path, exc)
        return None

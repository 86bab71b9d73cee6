"""Many units, one deployment (issue 29): a TOML file lists the units of the province — each with its own workbook or
Google Sheet and its own roles — and the provincial council's roles. Without such a file the product serves one unit,
exactly as before (`load_deployment` returns None).

    [deployment]                      # optional
    data_dir = "unit-data"            # each unit's local copies (journal, last good) go in <data_dir>/<code>/

    [[unit]]
    code = "skhcn"                    # a lowercase slug: ?unit=skhcn in the URL, --unit skhcn on the command line
    name = "Sở Khoa học và Công nghệ"
    workbook = "units/skhcn.xlsx"     # or: sheet = "<spreadsheet key or URL>" (exactly one of the two)
    [unit.roles]                      # the same shape as [roles] in secrets.toml
    passcodes = { admin = "pbkdf2_sha256$…", editor = "pbkdf2_sha256$…" }

    [council.roles]                   # the provincial council's own role, same shape
    passcodes = { viewer = "pbkdf2_sha256$…" }

Relative paths are read from the deployment file's folder. Google credentials, the emulator and the freshness window
are the server's (services.config.load_config), shared by every unit.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from services.access import load_policy, verify_format
from services.config import ROOT, StoreConfig, _read_secrets, load_config
from services.store import StoreError

DEPLOYMENT_ENV = "CONFERENCE_DEPLOYMENT"  # the deployment file; else `file` under [deployment] in secrets
UNIT_PARAM = "unit"  # ?unit=<code> in the app's URL
CODE_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")  # a URL-safe slug, at most 40 characters
DEFAULT_DATA_DIR = "unit-data"


class DeploymentError(StoreError, ValueError):
    """The deployment file cannot be used as written; the message (Vietnamese) says what to fix."""


class UnknownUnit(DeploymentError):
    def __init__(self, code: str, known: tuple[str, ...]) -> None:
        super().__init__(f"Không có đơn vị “{code}” trong tệp triển khai. Các mã đơn vị: {', '.join(known)}.")
        self.code = code


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    store_config: StoreConfig  # its own workbook or sheet, its own data_dir
    roles: Mapping[str, Any]  # the unit's [roles] section (services.access.load_policy reads it)

    def access_secrets(self, secrets: Mapping[str, Any]) -> dict[str, Any]:
        """The server's secrets with this unit's roles in place of [roles]: what `load_policy` reads to sign in to it."""
        return with_roles(secrets, self.roles)


@dataclass(frozen=True)
class Deployment:
    units: tuple[Unit, ...]  # in the file's order
    council_roles: Mapping[str, Any] = field(default_factory=dict)  # [council.roles]; empty: no council sign-in
    path: Path | None = None  # the file it was read from

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(u.code for u in self.units)

    @property
    def is_multi(self) -> bool:
        """More than one unit: the app offers a picker, the CLI needs --unit to choose."""
        return len(self.units) > 1

    def find(self, code: str | None) -> Unit | None:
        wanted = (code or "").strip().casefold()
        return next((u for u in self.units if u.code == wanted), None)

    def unit(self, code: str | None) -> Unit:
        found = self.find(code)
        if found is None:
            raise UnknownUnit(str(code or "").strip(), self.codes)
        return found

    def council_secrets(self, secrets: Mapping[str, Any]) -> dict[str, Any]:
        """The server's secrets with the council's roles in place of [roles]."""
        return with_roles(secrets, self.council_roles)


def with_roles(secrets: Mapping[str, Any], roles: Mapping[str, Any]) -> dict[str, Any]:
    """`secrets` with [roles] replaced (the rest — [auth] for st.login, [documents] — stays the server's)."""
    return {**dict(secrets), "roles": dict(roles)}


def deployment_path(env: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> Path | None:
    """$CONFERENCE_DEPLOYMENT, else `file` under [deployment] in secrets (read from the secrets files when not
    given); a relative path is the project's. None: no deployment, one unit as ever."""
    env = os.environ if env is None else env
    text = (env.get(DEPLOYMENT_ENV) or "").strip()
    if not text:
        section = (_read_secrets() if secrets is None else secrets).get("deployment") or {}
        text = str(section.get("file") or "").strip() if isinstance(section, Mapping) else ""
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else ROOT / path


def load_deployment(
    env: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None
) -> Deployment | None:
    """The configured deployment, or None (today's single-unit product). DeploymentError when the file is missing,
    unreadable or wrong."""
    secrets = _read_secrets() if secrets is None else secrets
    path = deployment_path(env, secrets)
    if path is None:
        return None
    return read_deployment(path, load_config(secrets, env), secrets)


def read_deployment(path: Path, base: StoreConfig, secrets: Mapping[str, Any] | None = None) -> Deployment:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeploymentError(f"Không đọc được tệp triển khai “{path}”: {exc}") from None
    try:
        body = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeploymentError(f"Tệp triển khai “{path}” sai cú pháp TOML: {exc}") from None
    return parse_deployment(body, base, path.parent, secrets or {}, path)


def _roles(raw: object, where: str, secrets: Mapping[str, Any]) -> Mapping[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise DeploymentError(f"{where}: mục roles phải là một bảng (như [roles] trong secrets.toml).")
    if raw.get("local_desk"):
        # local_desk makes the machine an editor without signing in: on a shared server, anyone naming the unit
        raise DeploymentError(f"{where}: local_desk không dùng được khi một máy chủ phục vụ nhiều đơn vị.")
    try:
        policy = load_policy(with_roles(secrets, raw))
    except (ValueError, TypeError, AttributeError) as exc:
        raise DeploymentError(f"{where}: {exc}") from None
    for role, stored in policy.passcodes.items():
        if not verify_format(stored):  # the sample's "pbkdf2_sha256$600000$<muối>$<băm>": nobody could sign in
            raise DeploymentError(
                f"{where}: mã {role.name.lower()} không phải chuỗi băm hợp lệ (còn là giá trị mẫu?) — tạo bằng "
                "“python -m cli hash-passcode”."
            )
    return dict(raw)


def parse_deployment(
    body: Mapping[str, Any],
    base: StoreConfig,
    folder: Path,
    secrets: Mapping[str, Any] | None = None,
    path: Path | None = None,
) -> Deployment:
    """The units of a parsed deployment file; `base` gives what every unit shares (credentials, emulator, TTL)."""
    secrets = secrets or {}
    settings = body.get("deployment") or {}
    data_root = Path(str(settings.get("data_dir") or DEFAULT_DATA_DIR)).expanduser()
    data_root = data_root if data_root.is_absolute() else folder / data_root
    raw_units = body.get("unit")
    if not isinstance(raw_units, list) or not raw_units:
        raise DeploymentError("Tệp triển khai chưa có đơn vị nào: thêm ít nhất một mục [[unit]].")
    units: list[Unit] = []
    for number, raw in enumerate(raw_units, start=1):
        where = f"Đơn vị thứ {number}"
        if not isinstance(raw, Mapping):
            raise DeploymentError(f"{where}: phải là một mục [[unit]].")
        code = str(raw.get("code") or "").strip()
        if not CODE_PATTERN.fullmatch(code):
            raise DeploymentError(
                f"{where}: mã đơn vị “{code}” không hợp lệ — chỉ chữ thường không dấu, chữ số và dấu gạch ngang "
                "(không ở đầu/cuối), tối đa 40 ký tự, ví dụ “skhcn” hoặc “ubnd-cao-loc”."
            )
        where = f"Đơn vị “{code}”"
        if any(u.code == code for u in units):
            raise DeploymentError(f"{where}: mã bị trùng — mỗi đơn vị cần một mã riêng.")
        name = str(raw.get("name") or "").strip()
        if not name:
            raise DeploymentError(f"{where}: thiếu tên đơn vị (name).")
        workbook = str(raw.get("workbook") or "").strip()
        sheet = str(raw.get("sheet") or "").strip()
        if bool(workbook) == bool(sheet):
            raise DeploymentError(
                f"{where}: cần đúng một nguồn dữ liệu — workbook (tệp .xlsx) hoặc sheet (Google Sheet), "
                + ("không phải cả hai." if workbook else "hiện chưa có.")
            )
        data_text = str(raw.get("data_dir") or "").strip()
        data_dir = Path(data_text).expanduser() if data_text else data_root / code
        data_dir = data_dir if data_dir.is_absolute() else folder / data_dir
        roles = _roles(raw.get("roles"), where, secrets)
        if not (roles.get("passcodes") or roles.get("emails")):
            # without roles, default_role would make everyone naming this unit its editor (workbook) or viewer (sheet)
            raise DeploymentError(f"{where}: chưa có [unit.roles] (mã đăng nhập hoặc e-mail theo vai trò).")
        if sheet:
            store_config = replace(base, sheet=sheet, workbook=data_dir / "conference.xlsx", data_dir=data_dir)
        else:
            book = Path(workbook).expanduser()
            store_config = replace(
                base, sheet=None, workbook=book if book.is_absolute() else folder / book, data_dir=data_dir
            )
        units.append(Unit(code, name, store_config, roles))
    council = body.get("council") or {}
    council_roles = _roles(council.get("roles") if isinstance(council, Mapping) else None, "Hội đồng tỉnh", secrets)
    return Deployment(tuple(units), council_roles, path)

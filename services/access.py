"""Who may do what: viewer (leadership), editor (staff), admin — from secrets, enforced on every write."""

from __future__ import annotations

import hashlib
import hmac
import secrets as token_source
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from services.store import BackendInfo, Snapshot, Store, StoreError

HASH_SCHEME = "pbkdf2_sha256"
# Settings rows that record staff work rather than configure the event: editors may write them.
EDITOR_SETTINGS = frozenset({"delegate_staff"})
HASH_ITERATIONS = 260_000
DEFAULT_TIMEOUT_MIN = 60


class Role(IntEnum):
    """Ordered: a higher role may do everything a lower one may."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return {Role.VIEWER: "xem", Role.EDITOR: "biên tập", Role.ADMIN: "quản trị"}[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[str(text).strip().upper()]
        except KeyError:
            raise ValueError(f"vai trò không hợp lệ: {text!r} (viewer / editor / admin)") from None


class PermissionDenied(StoreError):
    def __init__(self, action: str, role: Role, needed: Role) -> None:
        super().__init__(
            f"Tài khoản với quyền “{role.label}” không được {action}. Cần quyền “{needed.label}” — "
            "hãy đăng nhập bằng tài khoản phù hợp."
        )
        self.role = role
        self.needed = needed


# --- passcodes --------------------------------------------------------------------------------


def hash_passcode(passcode: str, *, salt: str | None = None, iterations: int = HASH_ITERATIONS) -> str:
    """'pbkdf2_sha256$<iterations>$<salt>$<hex digest>' — what goes into secrets.toml, never the passcode itself."""
    salt = salt or token_source.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", passcode.encode("utf-8"), salt.encode("utf-8"), iterations).hex()
    return f"{HASH_SCHEME}${iterations}${salt}${digest}"


def verify_passcode(passcode: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != HASH_SCHEME or not iterations.isdigit():
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", passcode.encode("utf-8"), salt.encode("utf-8"), int(iterations)).hex()
    return hmac.compare_digest(candidate, digest)


# --- policy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessPolicy:
    """`[roles]` in secrets.toml: e-mail lists (with st.login / OIDC) and/or passcode hashes, per role."""

    emails: dict[Role, frozenset[str]] = field(default_factory=dict)
    passcodes: dict[Role, str] = field(default_factory=dict)
    timeout_min: int = DEFAULT_TIMEOUT_MIN
    oidc: bool = False  # an [auth] section exists: sign in with st.login

    @property
    def configured(self) -> bool:
        return bool(self.emails or self.passcodes)

    def role_for_email(self, email: str | None) -> Role | None:
        email = (email or "").strip().casefold()
        found = [role for role, members in self.emails.items() if email and email in members]
        return max(found) if found else None

    def role_for_passcode(self, passcode: str) -> Role | None:
        found = [role for role, stored in self.passcodes.items() if passcode and verify_passcode(passcode, stored)]
        return max(found) if found else None


def load_policy(secrets: Mapping[str, Any]) -> AccessPolicy:
    section: Mapping[str, Any] = secrets.get("roles", {}) or {}
    emails: dict[Role, frozenset[str]] = {}
    for name, members in (section.get("emails", {}) or {}).items():
        emails[Role.parse(name)] = frozenset(str(m).strip().casefold() for m in members)
    passcodes = {Role.parse(name): str(h) for name, h in (section.get("passcodes", {}) or {}).items()}
    plain = [name for name, h in passcodes.items() if not str(h).startswith(HASH_SCHEME + "$")]
    if plain:
        names = ", ".join(r.name.lower() for r in plain)
        raise ValueError(
            f"[roles.passcodes] phải là chuỗi băm (python -m services.cli hash-passcode), không phải mã: {names}"
        )
    timeout = section.get("session_timeout_min", DEFAULT_TIMEOUT_MIN)
    return AccessPolicy(emails=emails, passcodes=passcodes, timeout_min=int(timeout), oidc="auth" in secrets)


def default_role(policy: AccessPolicy, backend: BackendInfo) -> Role | None:
    """Without configured roles: the local workbook is a single-user desk (editor); a shared Google Sheet is read-only."""
    if policy.configured:
        return None
    return Role.EDITOR if backend.kind == "workbook" else Role.VIEWER


# --- the guard on every write ---------------------------------------------------------------------


def _needed(tab: str, row_ids: list[str]) -> Role:
    """Event settings are the admin's; everything else (and the staff-work settings) is the editors'."""
    if tab == "settings" and not set(row_ids) <= EDITOR_SETTINGS:
        return Role.ADMIN
    return Role.EDITOR


class GuardedStore:
    """The Store as one user may use it: reads for everyone, writes only for editors, structure only for admins."""

    def __init__(self, inner: Store, role: Role, user: str) -> None:
        self.inner = inner
        self.role = role
        self.user = user

    def _require(self, needed: Role, action: str) -> None:
        if self.role < needed:
            raise PermissionDenied(action, self.role, needed)

    def info(self) -> BackendInfo:
        return self.inner.info()

    def load(self) -> Snapshot:
        return self.inner.load()

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        self._require(_needed(tab, [row_id]), "sửa dữ liệu")
        self.inner.update_row(tab, row_id, changes, expected, user=user or self.user)

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        self._require(_needed(tab, [str(r.get("id", "")) for r in rows]), "thêm dữ liệu")
        return self.inner.append_rows(tab, rows, user=user or self.user)

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        self._require(_needed(tab, [row_id]), "xóa dữ liệu")
        self.inner.delete_row(tab, row_id, expected, user=user or self.user)

    def ensure_schema(self) -> list[str]:
        self._require(Role.ADMIN, "thay đổi cấu trúc bảng tính")
        return self.inner.ensure_schema()

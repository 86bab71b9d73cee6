"""Who may do what: viewer (leadership), editor (staff), admin, and the door desk — from secrets, enforced on every
write."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets as token_source
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from services.store import BackendInfo, RowUpdate, Snapshot, Store, StoreError

HASH_SCHEME = "pbkdf2_sha256"
# Settings rows that record staff work rather than configure the event: editors may write them.
EDITOR_SETTINGS = frozenset({"delegate_staff"})
HASH_ITERATIONS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256; older hashes (260,000) still verify
MAX_ITERATIONS = 10_000_000  # a typo in secrets must not make each sign-in hash for minutes
DEFAULT_TIMEOUT_MIN = 60


class Role(IntEnum):
    """Ordered: a higher role may do everything a lower one may. DESK (door staff on their own phones) sits below
    VIEWER, so every "at least viewer" check refuses it; what it may do is granted by name (`DESK_WRITES`, and the
    pages in ui.auth.DESK_PAGES). Negative rather than 0 so that `if role:` never mistakes it for "no role"."""

    DESK = -1
    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return {Role.DESK: "bàn điểm danh", Role.VIEWER: "xem", Role.EDITOR: "biên tập", Role.ADMIN: "quản trị"}[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[str(text).strip().upper()]
        except KeyError:
            raise ValueError(f"vai trò không hợp lệ: {text!r} (desk / viewer / editor / admin)") from None


# The door desk's writes: the arrival time of an attendee (check-in and its undo) and new attendees (walk-ins).
DESK_UPDATES = {"attendees": frozenset({"checked_in"})}
DESK_APPENDS = frozenset({"attendees"})


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


def _parse(stored: str) -> tuple[int, str, str] | None:
    """(iterations, salt, digest) of a stored hash, or None if it is not one of ours."""
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return None
    if scheme != HASH_SCHEME or not iterations.isdigit() or not 0 < int(iterations) <= MAX_ITERATIONS:
        return None
    return int(iterations), salt, digest


def verify_format(stored: str) -> bool:
    """Whether `stored` is a hash this module made (any valid iteration count, a 64-digit hex SHA-256 digest), not a
    placeholder ("pbkdf2_sha256$600000$…$…") or a typo."""
    parsed = _parse(stored)
    return parsed is not None and len(parsed[2]) == 64 and all(c in "0123456789abcdef" for c in parsed[2])


def verify_passcode(passcode: str, stored: str) -> bool:
    """Any iteration count the hash was made with (so older, weaker hashes still sign in — see `needs_rehash`)."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    iterations, salt, digest = parsed
    candidate = hashlib.pbkdf2_hmac("sha256", passcode.encode("utf-8"), salt.encode("utf-8"), iterations).hex()
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored: str) -> bool:
    """A valid hash made with fewer iterations than new hashes get: make a new one with `cli hash-passcode`."""
    parsed = _parse(stored)
    return parsed is not None and parsed[0] < HASH_ITERATIONS


# --- policy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessPolicy:
    """`[roles]` in secrets.toml: e-mail lists (with st.login / OIDC) and/or passcode hashes, per role."""

    emails: dict[Role, frozenset[str]] = field(default_factory=dict)
    passcodes: dict[Role, str] = field(default_factory=dict)
    timeout_min: int = DEFAULT_TIMEOUT_MIN
    oidc: bool = False  # an [auth] section exists: sign in with st.login
    # `local_desk = true` (written by `make admin`): on the local workbook, this machine stays an editor without
    # signing in, as with no [roles]; the passcodes sign in to higher roles (the admin's Cài đặt). Like no [roles],
    # it refuses to serve the network (`exposed_without_roles`).
    local_desk: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.emails or self.passcodes)

    def role_for_email(self, email: str | None) -> Role | None:
        email = (email or "").strip().casefold()
        found = [role for role, members in self.emails.items() if email and email in members]
        return max(found) if found else None

    def role_for_passcode(self, passcode: str) -> Role | None:
        """The highest role the passcode opens: tried from the highest down, each hash costing ~0.5 s to check."""
        if not passcode:
            return None
        ordered = sorted(self.passcodes.items(), reverse=True)
        return next((role for role, stored in ordered if verify_passcode(passcode, stored)), None)


def load_policy(secrets: Mapping[str, Any]) -> AccessPolicy:
    section: Mapping[str, Any] = secrets.get("roles", {}) or {}
    emails: dict[Role, frozenset[str]] = {}
    for name, members in (section.get("emails", {}) or {}).items():
        emails[Role.parse(name)] = frozenset(str(m).strip().casefold() for m in members)
    passcodes = {Role.parse(name): str(h) for name, h in (section.get("passcodes", {}) or {}).items()}
    plain = [name for name, h in passcodes.items() if not str(h).startswith(HASH_SCHEME + "$")]
    if plain:
        names = ", ".join(r.name.lower() for r in plain)
        raise ValueError(f"[roles.passcodes] phải là chuỗi băm (python -m cli hash-passcode), không phải mã: {names}")
    timeout = section.get("session_timeout_min", DEFAULT_TIMEOUT_MIN)
    return AccessPolicy(
        emails=emails,
        passcodes=passcodes,
        timeout_min=int(timeout),
        oidc="auth" in secrets,
        local_desk=section.get("local_desk") is True,
    )


def default_role(policy: AccessPolicy, backend: BackendInfo) -> Role | None:
    """Without configured roles (or with `local_desk`): the local workbook is a single-user desk (editor); a shared
    Google Sheet is read-only. None: everyone signs in."""
    if backend.kind == "workbook" and policy.local_desk:
        return Role.EDITOR  # until someone signs in with a passcode (ui.auth.session)
    if policy.configured:
        return None
    return Role.EDITOR if backend.kind == "workbook" else Role.VIEWER


def exposed_without_roles(address: str | None, policy: AccessPolicy) -> bool:
    """The server listens beyond this machine (`server.address` not a loopback address; empty means every interface,
    Streamlit's default) while nobody has to sign in: refused, since everyone on the network would be an editor
    (workbook) or could read the roster (Google Sheet)."""
    if policy.configured and not policy.local_desk:
        return False
    host = (address or "").strip().strip("[]")
    if host.casefold() == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


# --- failed attempts ----------------------------------------------------------------------------

MAX_FAILURES = 5
SESSION_WINDOW_S = 300.0  # at most MAX_FAILURES failed passcodes per session within five minutes…
# …and per client (one device, by its address): MAX_FAILURES free failures, then a wait that doubles with each further
# failure, from 30 s up to an hour, counted over a day. Only the guessing device waits: a right passcode from any other
# device is never refused (a server-wide limit let one guesser lock every door desk out, issue 27).
CLIENT_FIRST_WAIT_S = 30.0
CLIENT_MAX_WAIT_S = 3600.0
CLIENT_MEMORY_S = 86_400.0
MAX_CLIENTS = 10_000  # clients remembered at once; beyond, the ones quiet the longest are forgotten first


class FailureLog:
    """Times of failed attempts in a sliding window, thread-safe. Once `limit` of them fall within `window_s`
    seconds no attempt is made until the oldest of those ages out. An attempt is counted as failed when it starts
    (`begin`) and forgiven if it succeeds, so guesses sent at the same moment cannot all slip past the count."""

    def __init__(
        self,
        limit: int = MAX_FAILURES,
        window_s: float = SESSION_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
        stamps: list[float] | None = None,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._stamps = [] if stamps is None else stamps  # a session's own list, kept in its session state
        self._lock = threading.Lock()

    def _prune(self, now: float) -> list[float]:
        self._stamps[:] = sorted(s for s in self._stamps if 0 <= now - s < self.window_s)
        return self._stamps

    def _wait(self, now: float) -> float:
        recent = self._prune(now)
        if len(recent) < self.limit:
            return 0.0
        return self.window_s - (now - recent[len(recent) - self.limit])

    def wait_s(self) -> float:
        """Seconds until another attempt may be made; 0 when one may be made now."""
        with self._lock:
            return self._wait(self.clock())

    def begin(self) -> float | None:
        """Count an attempt as failed from now; its stamp (for `forgive`), or None when attempts are closed."""
        with self._lock:
            now = self.clock()
            if self._wait(now) > 0:
                return None
            self._stamps.append(now)
            return now

    def forgive(self, stamp: float) -> None:
        """The attempt begun at `stamp` succeeded: it does not count."""
        with self._lock:
            if stamp in self._stamps:
                self._stamps.remove(stamp)

    def failures(self) -> int:
        with self._lock:
            return len(self._prune(self.clock()))

    def clear(self) -> None:
        with self._lock:
            self._stamps.clear()


class ClientFailures:
    """Failed attempts per client (thread-safe): `free` failures within `memory_s` cost nothing; each one beyond
    makes that client wait `first_wait_s`, doubled per further failure up to `max_wait_s`, counted from its latest
    failure. Other clients are not affected. Attempts are counted when they start and forgiven if they succeed, as in
    `FailureLog`."""

    def __init__(
        self,
        free: int = MAX_FAILURES,
        first_wait_s: float = CLIENT_FIRST_WAIT_S,
        max_wait_s: float = CLIENT_MAX_WAIT_S,
        memory_s: float = CLIENT_MEMORY_S,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.free, self.first_wait_s, self.max_wait_s, self.memory_s = free, first_wait_s, max_wait_s, memory_s
        self.clock = clock
        self.max_clients = max_clients
        self._stamps: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> list[float]:
        stamps = [s for s in self._stamps.get(client, []) if 0 <= now - s < self.memory_s]
        if stamps:
            self._stamps[client] = stamps
        else:
            self._stamps.pop(client, None)
        return stamps

    def _wait(self, client: str, now: float) -> float:
        recent = self._recent(client, now)
        beyond = len(recent) - self.free
        if beyond < 0:
            return 0.0
        delay = min(self.max_wait_s, self.first_wait_s * 2.0 ** min(beyond, 32))  # 2.0: exact up to 2**32, typed float
        return max(0.0, recent[-1] + delay - now)

    def wait_s(self, client: str) -> float:
        with self._lock:
            return self._wait(client, self.clock())

    def begin(self, client: str) -> float | None:
        with self._lock:
            now = self.clock()
            if self._wait(client, now) > 0:
                return None
            if client not in self._stamps and len(self._stamps) >= self.max_clients:
                quiet = sorted(self._stamps, key=lambda c: self._stamps[c][-1])
                for gone in quiet[: len(quiet) - self.max_clients + 1]:
                    del self._stamps[gone]
            self._stamps.setdefault(client, []).append(now)
            return now

    def forgive(self, client: str, stamp: float) -> None:
        with self._lock:
            stamps = self._stamps.get(client, [])
            if stamp in stamps:
                stamps.remove(stamp)
            if not stamps:
                self._stamps.pop(client, None)

    def failures(self, client: str) -> int:
        with self._lock:
            return len(self._recent(client, self.clock()))

    def clear(self) -> None:
        with self._lock:
            self._stamps.clear()


# One per server process: each client's failures, whichever session they came from.
CLIENT_FAILURES = ClientFailures()
LOCAL_CLIENT = "localhost"


def client_key(peer: str | None, forwarded_for: str | None = None) -> str:
    """Which client an attempt comes from: the connection's address (None is Streamlit's answer for localhost). A
    reverse proxy on this machine connects from loopback, so then the address the proxy appended last to
    X-Forwarded-For names the client; from anywhere else the header is the client's own claim and is ignored."""
    address = (peer or "").strip()
    try:
        local = not address or ipaddress.ip_address(address).is_loopback
    except ValueError:
        local = False
    if local:
        hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
        return hops[-1] if hops else LOCAL_CLIENT
    return address


@dataclass(frozen=True)
class PasscodeAttempt:
    role: Role | None  # the role the passcode opens; None: wrong, or not checked (`wait_s`)
    wait_s: int = 0  # > 0: refused without checking the passcode, try again after this many seconds
    scope: str = ""  # whose limit refused it: "session" or "client"
    left: int = MAX_FAILURES  # failed attempts this session may still make before it must wait


def waiting(session: FailureLog, client: str, clients: ClientFailures | None = None) -> tuple[int, str]:
    """(seconds, scope) this session on this client must wait before its next attempt; (0, "") when it need not."""
    clients = CLIENT_FAILURES if clients is None else clients
    waits = [(math.ceil(session.wait_s()), "session"), (math.ceil(clients.wait_s(client)), "client")]
    seconds, scope = max(waits)
    return (seconds, scope) if seconds > 0 else (0, "")


def try_passcode(
    policy: AccessPolicy,
    passcode: str,
    session: FailureLog,
    client: str = LOCAL_CLIENT,
    clients: ClientFailures | None = None,
) -> PasscodeAttempt:
    """Check a passcode unless this session or this client has had too many failures lately; count it if it fails.
    A refused attempt is not checked at all, so a guesser's right passcode does not get through while its wait lasts;
    other clients are never refused for it."""
    clients = CLIENT_FAILURES if clients is None else clients
    if wait := session.wait_s():
        return PasscodeAttempt(None, math.ceil(wait), "session", 0)
    if wait := clients.wait_s(client):
        return PasscodeAttempt(None, math.ceil(wait), "client", 0)
    if not passcode:
        return PasscodeAttempt(None, left=max(0, session.limit - session.failures()))
    mine = session.begin()
    if mine is None:
        return PasscodeAttempt(None, math.ceil(session.wait_s()) or 1, "session", 0)
    theirs = clients.begin(client)
    if theirs is None:
        session.forgive(mine)
        return PasscodeAttempt(None, math.ceil(clients.wait_s(client)) or 1, "client", 0)
    role = policy.role_for_passcode(passcode)
    if role is not None:
        session.forgive(mine)
        clients.forgive(client, theirs)
    left = min(session.limit - session.failures(), clients.free - clients.failures(client))
    return PasscodeAttempt(role, left=max(0, left))


# --- the guard on every write ---------------------------------------------------------------------


def _needed(tab: str, row_ids: list[str]) -> Role:
    """Event settings are the admin's; everything else (and the staff-work settings) is the editors'."""
    if tab == "settings" and not set(row_ids) <= EDITOR_SETTINGS:
        return Role.ADMIN
    return Role.EDITOR


class GuardedStore:
    """The Store as one user may use it: reads for everyone, writes only for editors, structure only for admins (and
    the local desk); the door desk (Role.DESK) may write arrival times and add walk-ins, nothing else."""

    def __init__(self, inner: Store, role: Role, user: str, *, may_reshape: bool = False) -> None:
        """`may_reshape`: this user may add missing tabs and columns without being an admin — the local single-user
        desk (`default_role` on a workbook), which has no admin to ask."""
        self.inner = inner
        self.role = role
        self.user = user
        self.may_reshape = may_reshape

    def _require(self, needed: Role, action: str) -> None:
        if self.role < needed:
            raise PermissionDenied(action, self.role, needed)

    def info(self) -> BackendInfo:
        return self.inner.info()

    def load(self) -> Snapshot:
        return self.inner.load()

    def _desk_update(self, tab: str, columns: Iterable[str]) -> bool:
        return self.role is Role.DESK and set(columns) <= DESK_UPDATES.get(tab, frozenset())

    def check_update(self, tab: str, row_id: str, columns: Iterable[str], action: str = "sửa dữ liệu") -> None:
        """PermissionDenied unless this user may change these columns of this row — what `update_row` asks, also
        asked before a write is queued elsewhere (a check-in journaled during an outage)."""
        columns = list(columns)
        if not (columns and self._desk_update(tab, columns)):
            self._require(_needed(tab, [row_id]), action)

    def update_row(
        self, tab: str, row_id: str, changes: dict[str, str], expected: dict[str, str], *, user: str | None = None
    ) -> None:
        self.check_update(tab, row_id, changes)
        self.inner.update_row(tab, row_id, changes, expected, user=user or self.user)

    def update_rows(self, tab: str, items: list[RowUpdate]) -> list[StoreError | None]:
        """Every item is asked what `update_row` asks before any is written: one refused refuses the whole batch
        (PermissionDenied, nothing written). An item without a user is logged as this user, as `update_row` does."""
        for row_id, changes, _expected, _user in items:
            self.check_update(tab, row_id, changes)
        mine: list[RowUpdate] = [
            (row_id, changes, expected, user or self.user) for row_id, changes, expected, user in items
        ]
        return self.inner.update_rows(tab, mine)

    def append_rows(self, tab: str, rows: list[dict[str, str]], *, user: str | None = None) -> list[str]:
        if not (self.role is Role.DESK and tab in DESK_APPENDS):
            self._require(_needed(tab, [str(r.get("id", "")) for r in rows]), "thêm dữ liệu")
        return self.inner.append_rows(tab, rows, user=user or self.user)

    def delete_row(self, tab: str, row_id: str, expected: dict[str, str], *, user: str | None = None) -> None:
        self._require(_needed(tab, [row_id]), "xóa dữ liệu")
        self.inner.delete_row(tab, row_id, expected, user=user or self.user)

    def ensure_schema(self) -> list[str]:
        if not self.may_reshape:
            self._require(Role.ADMIN, "thay đổi cấu trúc bảng tính")
        return self.inner.ensure_schema()

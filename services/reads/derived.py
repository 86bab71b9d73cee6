"""Results worked out from a dataset once per dataset version and shared by every viewer.

The readiness result, the overview's charts, the honoree order … depend only on the data, the language and the day,
never on who is looking. `DerivedResults.get(version, name, args, make)` calls `make()` once per (dataset version,
name, arguments); concurrent callers of the same key wait for the first one instead of repeating its work.
Entries of the newest few versions are kept; `clear()` forgets everything (after the app's own writes).

The results are shared objects: callers must treat them, like the dataset's frames, as read-only.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")
_Key = tuple[Hashable, str, tuple[Hashable, ...]]  # (dataset version, function name, arguments)
KEEP_VERSIONS = 2  # a session may still draw the previous load while another already has the new one


def name_of(compute: Callable[..., Any]) -> str:
    return f"{compute.__module__}.{compute.__qualname__}"


class DerivedResults:
    def __init__(self, keep_versions: int = KEEP_VERSIONS) -> None:
        self._keep = keep_versions
        self._lock = threading.Lock()
        self._entries: dict[_Key, Any] = {}
        self._pending: dict[_Key, threading.Lock] = {}
        self._versions: list[Hashable] = []  # oldest first
        self.computed: Counter[str] = Counter()  # computations per function name (for tests and diagnosis)

    def get(self, version: Hashable, name: str, args: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        """make() for this dataset version, name and arguments, worked out at most once while the version is kept."""
        key = (version, name, args)
        with self._lock:
            if key in self._entries:
                return cast(T, self._entries[key])  # stored by make() of this same key
            self._note(version)
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._entries:
                    return cast(T, self._entries[key])  # stored by make() of this same key
            try:
                value = make()
            finally:
                with self._lock:
                    if self._pending.get(key) is pending:
                        del self._pending[key]
            with self._lock:
                self.computed[name] += 1
                if version in self._versions:  # not dropped by clear() or newer versions meanwhile
                    self._entries[key] = value
            return value

    def _note(self, version: Hashable) -> None:
        if version in self._versions:
            return
        self._versions.append(version)
        while len(self._versions) > self._keep:
            gone = self._versions.pop(0)
            for key in [k for k in self._entries if k[0] == gone]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._versions.clear()

    def entries(self) -> list[tuple[str, tuple[Hashable, ...], Any]]:
        """(name, arguments, result) of every kept entry — for tests and diagnosis."""
        with self._lock:
            return [(name, args, value) for (_, name, args), value in self._entries.items()]

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

"""How old the data on screen is, in words ("cập nhật 12 giây trước"), and when a shared read has had its time.

Every server shares one read of the data among its sessions; `ReadGeneration` numbers those reads and starts a new
one once the current is TTL old, so a page switch or a reload never shows data older than the TTL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.i18n import t


@dataclass
class ReadGeneration:
    """The number of the current read and when it began (monotonic seconds); not thread-safe (callers lock)."""

    number: int = 0
    started: float | None = None

    def current(self, now: float, ttl_s: int) -> int:
        """The read to serve at `now`: the same one until it is `ttl_s` old (a TTL below 1 s counts as 1 s)."""
        if self.started is None or now - self.started >= max(1, ttl_s):
            self.number += 1
            self.started = now
        return self.number


def age_in_words(loaded_at: datetime, now: datetime, lang: str) -> str:
    """'cập nhật 12 giây trước' / 'updated 12 seconds ago' (minutes, then hours, past a minute)."""
    seconds = max(0, int((now - loaded_at).total_seconds()))
    if seconds < 5:
        return t("freshness.just_now", lang)
    if seconds < 60:
        return t("freshness.seconds", lang, count=seconds)
    unit, count = ("minute", seconds // 60) if seconds < 3600 else ("hour", seconds // 3600)
    return t(f"freshness.{unit}s" if count > 1 else f"freshness.{unit}", lang, count=count)

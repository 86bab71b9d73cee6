"""How old the data on screen is, in words ("cập nhật 12 giây trước"), and which read window a moment falls in.

Every server shares one read per TTL window: `read_window(now, ttl)` numbers the windows, so a read made in one
window is never served once the next has begun — a page switch or a reload never shows data older than the TTL.
"""

from __future__ import annotations

from datetime import datetime

from services.i18n import t


def read_window(now_s: float, ttl_s: int) -> int:
    """The number of the TTL window `now_s` (seconds since the epoch) falls in; a TTL below 1 s counts as 1 s."""
    return int(now_s // max(1, ttl_s))


def age_in_words(loaded_at: datetime, now: datetime, lang: str) -> str:
    """'cập nhật 12 giây trước' / 'updated 12 seconds ago' (minutes, then hours, past a minute)."""
    seconds = max(0, int((now - loaded_at).total_seconds()))
    if seconds < 5:
        return t("freshness.just_now", lang)
    if seconds < 60:
        return t("freshness.seconds", lang, count=seconds)
    unit, count = ("minute", seconds // 60) if seconds < 3600 else ("hour", seconds // 3600)
    return t(f"freshness.{unit}s" if count > 1 else f"freshness.{unit}", lang, count=count)

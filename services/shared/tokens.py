"""The write tokens of one Google identity: a bucket of `burst` tokens refilled one per `gap_s`, taken before each
write (services.people.door_batch), so the writes stay under Google's 60 a minute per user (`limits`).

`LocalBucket` (services.people.write_tokens) counts in this process (one server: the whole identity's writes go
through it). `SharedBucket` keeps
the same bucket in Redis for every replica writing as that identity — one Lua script takes a token atomically on
Redis's clock — and falls back to the process's own bucket while Redis does not answer.

A take may leave the bucket below zero: the caller reserves its token and waits the time `take` returns.
"""

from __future__ import annotations

import redis

from services.config import StoreConfig
from services.people.write_tokens import LocalBucket
from services.shared.engine import SharedEngine

# KEYS[1]: the bucket; ARGV: burst, gap_s. The same arithmetic as LocalBucket, on Redis's clock (TIME), atomically.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local burst = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(held[1]) or burst
local at = tonumber(held[2]) or now
tokens = math.min(burst, tokens + (now - at) / gap) - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst + 1) * gap * 1000) + 60000)
if tokens < 0 then return tostring(-tokens * gap) end
return '0'
"""


class SharedBucket:
    """The bucket of `identity` (a service account's e-mail) across every replica."""

    def __init__(self, engine: SharedEngine, identity: str, burst: int, gap_s: float) -> None:
        self.engine = engine
        self.key = engine.key("google", identity, "write-tokens")
        self.burst = burst
        self.gap_s = gap_s
        self.local = LocalBucket(burst, gap_s)  # while Redis does not answer

    def take(self) -> float:
        def shared(client: redis.Redis) -> float:
            answer = client.eval(_TAKE, 1, self.key, str(self.burst), repr(self.gap_s))
            return float(answer.decode() if isinstance(answer, bytes) else answer)

        return self.engine.run(shared, self.local.take)


def identity_of(config: StoreConfig) -> str:
    """Whose quota the writes count against: the service account's e-mail, else its key file, else the data source
    (the emulator, or a workbook — no Google quota, but one bucket still keeps the replicas' pace)."""
    account = config.service_account or {}
    email = str(account.get("client_email") or "").strip()
    return email or config.credentials_file or config.sheet or str(config.workbook)

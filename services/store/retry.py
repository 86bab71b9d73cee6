"""Bounded retries for the Google Sheets API: 429, 5xx and network errors, exponential backoff with jitter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import requests
from gspread.exceptions import APIError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded in attempts AND in total time; one request may also take up to `timeout_s` to answer."""

    attempts: int = 4
    total_s: float = 15.0
    initial_wait_s: float = 0.5
    max_wait_s: float = 8.0
    timeout_s: float = 20.0

    @property
    def worst_case_s(self) -> float:
        """Upper bound on the time one operation can take before giving up."""
        return self.total_s + self.timeout_s


def is_transient(exc: BaseException) -> bool:
    """Worth another try: quota (429), server trouble (5xx), a timeout or a dropped connection."""
    if isinstance(exc, APIError):
        return exc.code == 429 or exc.code >= 500
    return isinstance(exc, requests.Timeout | requests.ConnectionError)


def may_have_landed(exc: BaseException) -> bool:
    """After this failure the server may still have applied the request (only a 429 is a clean refusal)."""
    return not (isinstance(exc, APIError) and exc.code == 429)


def retrying(
    policy: RetryPolicy, operation: Callable[[], T], on_retry: Callable[[BaseException], None] | None = None
) -> T:
    """Run `operation`, retrying transient failures; the last failure is re-raised when the bounds are reached."""

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        if on_retry is not None and error is not None:
            on_retry(error)

    runner = Retrying(
        stop=stop_after_attempt(policy.attempts) | stop_before_delay(policy.total_s),
        wait=wait_exponential_jitter(
            multiplier=policy.initial_wait_s, max=policy.max_wait_s, jitter=policy.initial_wait_s
        ),
        retry=retry_if_exception(is_transient),
        before_sleep=before_sleep,
        reraise=True,
    )
    try:
        return runner(operation)
    except Exception as exc:
        # The bounds are a maximum: a slow timeout may leave room for one try only. Messages say how many were made.
        exc.attempts_made = runner.statistics.get("attempt_number", 1)  # type: ignore[attr-defined]  # any exception: the count rides on it
        raise


def attempts_made(exc: BaseException, policy: RetryPolicy) -> int:
    """How many tries `retrying` made before giving up with `exc` (the policy's bound if it was not counted)."""
    return int(getattr(exc, "attempts_made", policy.attempts))

"""Passcodes: at most 5 failures per session, and per client 5 free ones then a wait that doubles (even for the right
passcode, on that client only — never on another); new hashes at OWASP's 600,000 PBKDF2 iterations, older 260,000
ones still accepted but flagged. The sign-in page in AppTest: tests/pages/test_passcode_limits_pages.py."""

from __future__ import annotations

import threading

import pytest

from services import access
from services.access import (
    CLIENT_FAILURES,
    HASH_ITERATIONS,
    MAX_FAILURES,
    AccessPolicy,
    ClientFailures,
    FailureLog,
    Role,
    client_key,
    hash_passcode,
    needs_rehash,
    try_passcode,
    verify_passcode,
)
from tests.unit.test_access import FAST


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_failures_close_the_log_until_the_oldest_ages_out():
    clock = Clock()
    log = FailureLog(5, 60, clock)
    for _ in range(5):
        assert log.begin() is not None
        clock.now += 2
    assert log.begin() is None and log.wait_s() == pytest.approx(50)  # the first was 10 s ago
    clock.now += 49.5
    assert log.begin() is None
    clock.now += 1
    assert log.wait_s() == 0 and log.begin() is not None, "the oldest has aged out: one more attempt"
    assert log.begin() is None


def test_a_forgiven_attempt_does_not_count():
    clock = Clock()
    log = FailureLog(2, 60, clock)
    log.forgive(log.begin())
    log.begin()
    assert log.failures() == 1 and log.wait_s() == 0


def test_attempts_at_the_same_moment_cannot_slip_past_the_count():
    log = FailureLog(5, 60)
    results: list[float | None] = []
    lock, start = threading.Lock(), threading.Barrier(40)

    def attempt() -> None:
        start.wait()
        got = log.begin()
        with lock:
            results.append(got)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r is not None for r in results) == 5


def policy() -> AccessPolicy:
    return AccessPolicy(passcodes={Role.EDITOR: hash_passcode("sua", iterations=FAST)})


def test_the_sixth_attempt_of_a_session_is_refused_even_when_right():
    clock = Clock()
    session, clients = FailureLog(5, 300, clock), ClientFailures(clock=clock)
    for left in (4, 3, 2, 1, 0):
        attempt = try_passcode(policy(), "sai", session, "10.0.0.9", clients)
        assert attempt.role is None and attempt.wait_s == 0 and attempt.left == left
        clock.now += 1
    refused = try_passcode(policy(), "sua", session, "10.0.0.9", clients)
    assert (
        refused.role is None and refused.scope == "session" and refused.wait_s == 295
    )  # the first failure was 5 s ago
    clock.now += 295
    assert try_passcode(policy(), "sua", session, "10.0.0.9", clients).role == Role.EDITOR


def test_a_guesser_with_fresh_sessions_waits_longer_each_time_and_nobody_else_waits():
    """Issue 27: a stranger guessing from fresh sessions once locked every desk out server-wide. Now the guesser's
    device waits 30 s, 60 s, 120 s… while the door phone and the admin sign in at once with the right passcode."""
    clock = Clock()
    clients = ClientFailures(clock=clock)
    guesser, door = "10.0.0.66", "10.0.0.21"
    for _ in range(MAX_FAILURES):
        assert try_passcode(policy(), "sai", FailureLog(5, 300, clock), guesser, clients).wait_s == 0
        clock.now += 1
    waits = []
    for _ in range(4):
        refused = try_passcode(policy(), "sua", FailureLog(5, 300, clock), guesser, clients)
        assert refused.role is None and refused.scope == "client", refused
        waits.append(refused.wait_s)
        door_sign_in = try_passcode(policy(), "sua", FailureLog(5, 300, clock), door, clients)
        assert door_sign_in.role == Role.EDITOR, "another client's right passcode is never refused"
        clock.now += refused.wait_s
        assert try_passcode(policy(), "sai", FailureLog(5, 300, clock), guesser, clients).wait_s == 0
    assert waits == [29, 60, 120, 240], "the wait doubles with each further failure (the first counted from 1 s ago)"
    assert clients.failures(door) == 0


def test_the_wait_is_capped_and_forgotten_after_a_day():
    clock = Clock()
    clients = ClientFailures(clock=clock)
    for _ in range(40):
        clock.now += clients.wait_s("x")
        clients.begin("x")
    assert clients.wait_s("x") == pytest.approx(3600)
    clock.now += 86_400
    assert clients.wait_s("x") == 0 and clients.failures("x") == 0


def test_clients_remembered_are_bounded():
    clock = Clock()
    clients = ClientFailures(clock=clock, max_clients=3)
    for n in range(5):
        clients.begin(f"10.0.0.{n}")
        clock.now += 1
    assert [clients.failures(f"10.0.0.{n}") for n in range(5)] == [0, 0, 1, 1, 1]


def test_which_address_names_the_client():
    assert client_key("10.0.0.5") == "10.0.0.5"
    assert client_key("10.0.0.5", "1.2.3.4") == "10.0.0.5", "a remote client's own X-Forwarded-For is not believed"
    assert client_key(None) == client_key("127.0.0.1") == "localhost"
    assert client_key("127.0.0.1", "6.6.6.6, 10.0.0.7") == "10.0.0.7", "a local proxy's last hop names the client"
    assert client_key("::1", "fe80::1") == "fe80::1"


def test_a_right_passcode_is_not_counted_and_the_client_log_is_shared():
    session = FailureLog(5, 300)
    assert try_passcode(policy(), "sua", session).role == Role.EDITOR
    assert session.failures() == 0 and CLIENT_FAILURES.failures("localhost") == 0
    try_passcode(policy(), "sai", session)
    assert CLIENT_FAILURES.failures("localhost") == 1, "without a client log given, the module's one counts"


def test_new_hashes_use_at_least_600000_iterations():
    assert HASH_ITERATIONS >= 600_000
    stored = hash_passcode("mật-khẩu-mới")
    assert int(stored.split("$")[1]) >= 600_000
    assert verify_passcode("mật-khẩu-mới", stored) and not needs_rehash(stored)


def test_old_hashes_still_sign_in_and_are_flagged():
    old = hash_passcode("mật-khẩu-cũ", iterations=260_000)
    assert verify_passcode("mật-khẩu-cũ", old) and not verify_passcode("sai", old)
    assert needs_rehash(old)
    assert not needs_rehash("plain-text") and not needs_rehash("pbkdf2_sha256$x$y$z")


def test_an_absurd_iteration_count_is_not_hashed():
    assert not verify_passcode("x", f"pbkdf2_sha256${access.MAX_ITERATIONS + 1}$salt$00")
    assert not verify_passcode("x", "pbkdf2_sha256$0$salt$00")

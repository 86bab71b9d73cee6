"""First run (issue 27): the README's secrets step (copy the example, start) shows a page saying what is wrong and how
to fix it — never a crash; `make admin` gives the local workbook an admin passcode for Cài đặt while this machine
stays the local desk. The pages drawn in AppTest: tests/pages/test_first_run_pages.py."""

from __future__ import annotations

import io
import tomllib

import cli
from services.access import (
    AccessPolicy,
    BackendInfo,
    Role,
    default_role,
    exposed_without_roles,
    load_policy,
    verify_passcode,
)
from services.config import ROOT
from services.setup.setup_check import secret_problems

EXAMPLE = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"))
WORKBOOK = BackendInfo(kind="workbook", title="conference.xlsx", location="")


def test_a_placeholder_hash_is_named_with_the_command_that_makes_a_real_one():
    problems = secret_problems({"roles": {"passcodes": {"admin": "pbkdf2_sha256$600000$…$…"}}})
    assert len(problems) == 1 and "admin" in problems[0] and "make admin" in problems[0]


def test_the_example_has_a_roles_section_with_instructions():
    text = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    assert "# [roles]" in text and "hash-passcode" in text and "make admin" in text


def run_admin(monkeypatch, path, passcode: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(passcode + "\n"))
    return cli.main(["admin-passcode", "--stdin", "--secrets", str(path)])


def test_make_admin_writes_a_hash_and_keeps_the_local_desk(tmp_path, monkeypatch, capsys):
    path = tmp_path / ".streamlit" / "secrets.toml"
    assert run_admin(monkeypatch, path, "ngan") == 2, "too short"
    assert not path.exists()
    assert run_admin(monkeypatch, path, "quan-tri-2026") == 0
    policy = load_policy(tomllib.loads(path.read_text(encoding="utf-8")))
    assert policy.local_desk and verify_passcode("quan-tri-2026", policy.passcodes[Role.ADMIN])
    assert "quan-tri-2026" not in path.read_text(encoding="utf-8")
    assert run_admin(monkeypatch, path, "mot-ma-khac-nua") == 3, "a [roles] section is never rewritten"
    assert "admin = " in capsys.readouterr().err


def test_make_admin_appends_to_a_copied_example(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    path.write_text((ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_admin(monkeypatch, path, "quan-tri-2026") == 0
    merged = tomllib.loads(path.read_text(encoding="utf-8"))
    assert merged["gsheets"] == EXAMPLE["gsheets"] and merged["roles"]["local_desk"] is True


def test_the_local_desk_rule():
    policy = AccessPolicy(passcodes={Role.ADMIN: "x"}, local_desk=True)
    assert default_role(policy, WORKBOOK) == Role.EDITOR
    assert default_role(policy, BackendInfo(kind="gsheets", title="", location="")) is None
    assert exposed_without_roles("0.0.0.0", policy) and not exposed_without_roles("127.0.0.1", policy)


def test_a_key_left_as_in_the_example_does_not_matter_without_a_sheet():
    account = EXAMPLE["gsheets"]["service_account"]
    assert secret_problems({"gsheets": {"service_account": account}}, uses_sheet=False) == []
    assert secret_problems({"gsheets": {"service_account": account}}, uses_sheet=True)
    assert secret_problems({"gsheets": {"spreadsheet": ""}}) == [], "an empty spreadsheet means the local workbook"

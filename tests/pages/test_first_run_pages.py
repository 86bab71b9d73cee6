"""First run (issue 27) on the page, in AppTest: the example secrets copied as is, a key that does not load, and
the local desk beside an admin passcode each draw a page that says what is wrong — never a crash (the rules and
`make admin` themselves: tests/unit/test_first_run.py)."""

from __future__ import annotations

import tomllib

from services.setup.setup_check import secret_problems
from tests.apptest_helpers import open_app, sign_in
from tests.unit.test_access import nav_titles
from tests.unit.test_first_run import EXAMPLE, run_admin


def test_the_example_copied_as_is_gives_a_page_not_a_crash(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, secrets=EXAMPLE)
    assert not at.exception, at.exception
    assert [x.value for x in at.title] == ["Cấu hình chưa xong"]
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert "spreadsheet vẫn là giá trị mẫu" in errors and "private_key" in errors, errors
    assert "PEM" not in errors


def test_a_key_that_does_not_load_is_said_on_the_page(seeded_path, monkeypatch):
    account = dict(EXAMPLE["gsheets"]["service_account"])
    account.update(
        private_key="-----BEGIN PRIVATE KEY-----\nMIIBroken\n-----END PRIVATE KEY-----\n",
        private_key_id="abc123",
        project_id="so-khcn",
        client_email="desk@so-khcn.iam.gserviceaccount.com",
    )
    secrets = {"gsheets": {"spreadsheet": "1AbCdEfGhIjKlMnOp", "service_account": account}}
    assert secret_problems(secrets) == []
    at = open_app(seeded_path, monkeypatch, secrets=secrets)
    assert not at.exception, at.exception
    assert [x.value for x in at.title] == ["Cấu hình chưa xong"]
    assert any("Không đọc được khóa tài khoản dịch vụ Google" in e.value for e in at.error)


def test_local_desk_edits_without_sign_in_and_the_admin_signs_in_for_settings(seeded_path, monkeypatch, tmp_path):
    path = tmp_path / "secrets.toml"
    assert run_admin(monkeypatch, path, "quan-tri-2026") == 0
    at = open_app(seeded_path, monkeypatch, secrets=tomllib.loads(path.read_text(encoding="utf-8")))
    assert not at.exception, at.exception
    pages = nav_titles(at)
    assert "Đại biểu" in pages and "Cài đặt" not in pages, pages
    sign_in(at, "quan-tri-2026")
    assert not at.exception, at.exception
    assert "Cài đặt" in nav_titles(at)
    at.switch_page("content/settings.py").run()
    assert not at.exception and at.title[0].value == "Cài đặt hội nghị", [x.value for x in at.title]

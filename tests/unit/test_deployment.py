"""The deployment file (services.setup.deployment): units in order, each with its own source, folder and roles; every
mistake refused in Vietnamese; no file, no deployment (one unit, as before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.access import Role, hash_passcode, load_policy
from services.config import StoreConfig
from services.setup.deployment import (
    DEPLOYMENT_ENV,
    DeploymentError,
    UnknownUnit,
    deployment_path,
    load_deployment,
    parse_deployment,
    read_deployment,
)
from services.store import StoreError

FAST = 1000
HASH_A = hash_passcode("ma-a", iterations=FAST)
HASH_B = hash_passcode("ma-b", iterations=FAST)


def unit(code: str, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {"code": code, "name": f"Đơn vị {code}", "workbook": f"units/{code}.xlsx"}
    body["roles"] = {"passcodes": {"editor": HASH_A}}
    body.update(extra)
    return body


def parse(*units: dict[str, object], council: dict[str, object] | None = None, folder: Path = Path("/srv/d")):
    body: dict[str, object] = {"unit": list(units)}
    if council is not None:
        body["council"] = council
    return parse_deployment(body, StoreConfig(emulator_host="127.0.0.1:1", cache_ttl_s=7), folder)


def test_units_keep_the_files_order_with_their_own_source_and_folder():
    found = parse(unit("b"), unit("a", workbook=None, sheet="KEY-A"))
    assert found.codes == ("b", "a") and found.is_multi
    b, a = found.units
    assert b.store_config.workbook == Path("/srv/d/units/b.xlsx") and not b.store_config.uses_sheet
    assert a.store_config.sheet == "KEY-A" and a.store_config.uses_sheet
    # what every unit shares comes from the server's configuration
    assert a.store_config.emulator_host == b.store_config.emulator_host == "127.0.0.1:1"
    assert a.store_config.cache_ttl_s == 7
    # each unit's local copies (journal, last good) in a folder of its own, never beside another unit's
    assert b.store_config.data_dir == Path("/srv/d/unit-data/b")
    assert a.store_config.data_dir == Path("/srv/d/unit-data/a")
    assert a.store_config.local_anchor.parent != b.store_config.local_anchor.parent


def test_a_workbook_unit_ignores_the_servers_sheet():
    body = {"unit": [unit("a")]}
    found = parse_deployment(body, StoreConfig(sheet="SERVER-WIDE"), Path("/srv"))
    assert found.unit("a").store_config.sheet is None and not found.is_multi


def test_unit_lookup_and_unknown_codes():
    found = parse(unit("a"), unit("b"))
    assert found.unit("b").name == "Đơn vị b" and found.unit(" A ").code == "a"
    with pytest.raises(UnknownUnit, match="Không có đơn vị “c”") as caught:
        found.unit("c")
    assert isinstance(caught.value, StoreError) and caught.value.code == "c"
    assert found.find("c") is None and found.find(None) is None


def test_each_unit_signs_in_with_its_own_roles():
    found = parse(unit("a"), unit("b", roles={"passcodes": {"admin": HASH_B}}), council={"roles": {"emails": {}}})
    secrets = {"auth": {"x": 1}, "roles": {"passcodes": {"admin": HASH_A}}}
    a = load_policy(found.unit("a").access_secrets(secrets))
    b = load_policy(found.unit("b").access_secrets(secrets))
    assert a.role_for_passcode("ma-a") is Role.EDITOR and a.role_for_passcode("ma-b") is None
    assert b.role_for_passcode("ma-b") is Role.ADMIN and b.role_for_passcode("ma-a") is None
    assert a.oidc  # the server's [auth] stays
    assert found.council_roles == {"emails": {}}


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ((unit("a"), unit("a")), "mã bị trùng"),
        ((unit("Sở KHCN"),), "không hợp lệ"),
        ((unit("-a"),), "không hợp lệ"),
        ((unit("a", name=""),), "thiếu tên"),
        ((unit("a", sheet="KEY"),), "không phải cả hai"),
        ((unit("a", workbook=""),), "hiện chưa có"),
        ((unit("a", roles=None),), "chưa có \\[unit.roles\\]"),
        ((unit("a", roles={"passcodes": {"editor": "123456"}}),), "băm"),
        ((unit("a", roles={"passcodes": {"editor": "pbkdf2_sha256$600000$…$…"}}),), "giá trị mẫu"),
        ((unit("a", roles={"passcodes": {"editor": HASH_A}, "local_desk": True}),), "local_desk"),
        ((), "chưa có đơn vị nào"),
    ],
)
def test_mistakes_are_refused_in_vietnamese(units, message):
    with pytest.raises(DeploymentError, match=message):
        parse(*units)


def test_no_file_configured_is_todays_product(tmp_path):
    assert deployment_path({}, {}) is None
    assert load_deployment({}, {}) is None


def test_the_file_comes_from_the_environment_or_secrets(tmp_path):
    path = tmp_path / "units.toml"
    path.write_text(
        f"""
[[unit]]
code = "a"
name = "Đơn vị A"
workbook = "a.xlsx"
[unit.roles]
passcodes = {{ editor = "{HASH_A}" }}

[[unit]]
code = "b"
name = "Đơn vị B"
sheet = "KEY-B"
data_dir = "/var/b"
[unit.roles]
passcodes = {{ editor = "{HASH_B}" }}

[council.roles]
passcodes = {{ viewer = "{HASH_A}" }}
""",
        encoding="utf-8",
    )
    from_env = load_deployment({DEPLOYMENT_ENV: str(path)}, {})
    from_secrets = load_deployment({}, {"deployment": {"file": str(path)}})
    assert from_env == from_secrets and from_env is not None
    assert from_env.codes == ("a", "b") and from_env.path == path
    assert from_env.unit("a").store_config.workbook == tmp_path / "a.xlsx"
    assert from_env.unit("b").store_config.data_dir == Path("/var/b")
    assert from_env.council_roles["passcodes"] == {"viewer": HASH_A}


def test_a_missing_or_broken_file_is_said_plainly(tmp_path):
    with pytest.raises(DeploymentError, match="Không đọc được tệp triển khai"):
        read_deployment(tmp_path / "none.toml", StoreConfig())
    broken = tmp_path / "broken.toml"
    broken.write_text("[[unit]\ncode = ", encoding="utf-8")
    with pytest.raises(DeploymentError, match="sai cú pháp TOML"):
        read_deployment(broken, StoreConfig())


def test_the_example_file_parses_once_its_placeholders_are_real_hashes(tmp_path):
    from tests.conftest import ROOT

    example = (ROOT / "deploy" / "units.example.toml").read_text(encoding="utf-8")
    copy = tmp_path / "units.toml"
    copy.write_text(example, encoding="utf-8")
    with pytest.raises(DeploymentError, match="giá trị mẫu"):  # the sample's placeholders are refused, not trusted
        read_deployment(copy, StoreConfig())
    copy.write_text(example.replace("pbkdf2_sha256$600000$<muối>$<băm>", HASH_A), encoding="utf-8")
    found = read_deployment(copy, StoreConfig())
    assert found.codes == ("skhcn", "snv") and found.unit("snv").store_config.uses_sheet
    assert found.unit("skhcn").store_config.data_dir == tmp_path / "unit-data" / "skhcn"
    assert found.council_roles

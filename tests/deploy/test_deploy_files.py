"""The deployment files agree with each other: nginx accepts the rendered template for any number of replicas, the
systemd units and the compose file name what exists (the compose build itself needs a container runtime, which the
test machine does not have: the replicas test starts the same pieces from Debian packages instead)."""

from __future__ import annotations

import re
import subprocess

import pytest

from deploy.render_nginx import render
from tests.conftest import ROOT
from tests.proxy import nginx_binary

DEPLOY = ROOT / "deploy"


@pytest.mark.parametrize("replicas", [1, 3, 8])
def test_nginx_accepts_the_rendered_template(tmp_path, replicas):
    conf = tmp_path / "nginx.conf"
    apps = [f"127.0.0.1:{8501 + n}" for n in range(replicas)]
    conf.write_text(render(apps, listen="127.0.0.1:18080", run_dir=tmp_path))
    text = conf.read_text()
    assert text.count("server 127.0.0.1:") == replicas and "{{" not in text
    result = subprocess.run(
        [nginx_binary(), "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr


def test_the_units_and_the_compose_file_name_what_exists():
    replica = (DEPLOY / "conference-desk@.service").read_text()
    assert "--server.port %i" in replica and "CONFERENCE_REDIS_URL=" in replica and "-m deploy.health" in replica
    target = (DEPLOY / "conference-desk.target").read_text()
    assert "conference-proxy.service" in target and "redis-server.service" in target
    assert "/etc/conference-desk/nginx.conf" in (DEPLOY / "conference-proxy.service").read_text()
    compose = (DEPLOY / "compose.yaml").read_text()
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    for target_name in re.findall(r"target: (\w+)", compose):
        assert f" AS {target_name}" in dockerfile
    assert "CONFERENCE_REDIS_URL: redis://redis:6379/0" in compose and "/_stcore/health" in compose
    assert (DEPLOY / "health.py").exists() and (DEPLOY / "render_nginx.py").exists()

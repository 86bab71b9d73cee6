"""Two real app replicas sharing one Redis behind nginx rendered from deploy/nginx.conf, all on loopback: the sticky
cookie keeps a browser on one replica, the WebSocket upgrade carries a page view, Streamlit's static bundle comes from
nginx (the app servers never see it), and when a browser's replica is killed the other one serves it."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
import urllib.request
from contextlib import ExitStack
from http.cookies import SimpleCookie

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.render_nginx import COOKIE
from tests.e2e.harness import seeded_workbook
from tests.proxy import run_proxy
from tests.redis_server import running_redis
from tests.server import run_server

pytestmark = pytest.mark.slow


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=15) as answer:
        headers = {k.lower(): v for k, v in answer.headers.items()}
        headers["set-cookie"] = "\n".join(answer.headers.get_all("Set-Cookie") or [])
        return answer.status, headers, answer.read()


def sticky_cookie(headers: dict[str, str]) -> str:
    jar: SimpleCookie = SimpleCookie()
    for line in headers["set-cookie"].splitlines():
        jar.load(line)
    return jar[COOKIE].value


def upstreams(proxy, route: str, path_start: str = "") -> list[str]:
    """The replica (last address tried) of each logged request of this browser."""
    out = []
    for line in proxy.access_log():
        if f"route={route} " in line and f'"GET {path_start}' in line:
            out.append(line.rsplit("upstream=", 1)[1].split(", ")[-1])
    return out


async def _page_view(port: int, cookie: str) -> str:
    """A browser tab's first page run over the proxied WebSocket: the run's end status."""
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{COOKIE}={cookie}"},
        max_size=None,
        open_timeout=30,
    ) as socket:
        ask = BackMsg()
        ask.rerun_script.page_name = ""
        await socket.send(ask.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await socket.recv())
            if message.WhichOneof("type") == "script_finished":
                return ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)


def page_view(port: int, cookie: str) -> str:
    return asyncio.run(asyncio.wait_for(_page_view(port, cookie), 120))


def test_two_replicas_behind_nginx_sticky_websocket_static_and_failover(tmp_path):
    workbook = seeded_workbook(tmp_path / "conference.xlsx")
    with ExitStack() as stack:
        redis = stack.enter_context(running_redis())
        env = {"CONFERENCE_WORKBOOK": str(workbook), "CONFERENCE_REDIS_URL": redis.url}
        replicas = [stack.enter_context(run_server(env, timeout_s=60)) for _ in range(2)]
        proxy = stack.enter_context(run_proxy([r.port for r in replicas]))

        # A first visit gets the sticky cookie; with it, every request goes to the same replica.
        status, headers, body = get(proxy.url + "/")
        assert status == 200 and b"<html" in body.lower()
        cookie = sticky_cookie(headers)
        for _ in range(5):
            _, again, _ = get(proxy.url + "/_stcore/health", cookie)
            assert COOKIE not in again.get("set-cookie", "")  # the cookie is set once
        mine = upstreams(proxy, cookie)
        assert len(mine) == 6 and len(set(mine)) == 1, mine
        # Different browsers spread over both replicas (consistent hash of their cookies).
        others = {sticky_cookie(get(proxy.url + "/_stcore/health")[1]) for _ in range(24)}
        assert len({u for c in others for u in upstreams(proxy, c)}) == 2

        # The WebSocket goes through the proxy (upgrade) to the browser's replica and carries a page run.
        assert page_view(proxy.port, cookie) == "FINISHED_SUCCESSFULLY"
        assert upstreams(proxy, cookie, "/_stcore/stream")[-1] == mine[0]

        # The static bundle comes from nginx, cached for a year; no replica sees the request.
        bundle = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', body)
        assert bundle, body[:500]
        path = "/" + bundle.group(1).decode()
        status, static_headers, script = get(proxy.url + path, cookie)
        assert status == 200 and len(script) > 10_000
        assert static_headers.get("x-served-by") == "nginx-static"
        assert "immutable" in static_headers.get("cache-control", "")
        assert upstreams(proxy, cookie, path) == ["-"]
        for replica in replicas:
            assert path not in replica.log_tail(200_000)

        # Kill -9 the browser's replica: the same browser is served by the other one, page view included.
        dead = next(r for r in replicas if mine[0].endswith(f":{r.port}"))
        alive = next(r for r in replicas if r is not dead)
        os.kill(dead.pid, signal.SIGKILL)
        time.sleep(0.5)
        status, _, _ = get(proxy.url + "/_stcore/health", cookie)
        assert status == 200
        assert page_view(proxy.port, cookie) == "FINISHED_SUCCESSFULLY"
        assert upstreams(proxy, cookie)[-1].endswith(f":{alive.port}")

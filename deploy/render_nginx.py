"""Render deploy/nginx.conf for a set of replicas: `python deploy/render_nginx.py --app 127.0.0.1:8501 --app
127.0.0.1:8502 --listen 80 --run-dir /run/conference-proxy > /etc/conference-desk/nginx.conf` (the systemd setup),
the compose image at build time, and the tests on loopback ports all use this one template."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
COOKIE = "conference_replica"
MIME_TYPES = Path("/etc/nginx/mime.types")
FAIL_TIMEOUT_S = 10  # a replica that refused a connection is left alone this long


def streamlit_static() -> Path:
    """The installed streamlit package's static folder (index.html, static/js, static/css, static/media)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def render(
    apps: Sequence[str],
    *,
    listen: str = "80",
    run_dir: Path = Path("/run/conference-proxy"),
    static_root: Path | None = None,
    mime_types: Path = MIME_TYPES,
) -> str:
    servers = " ".join(f"server {app} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s;" for app in apps)
    fields = {
        "UPSTREAM_SERVERS": servers,
        "LISTEN": listen,
        "RUN_DIR": str(run_dir),
        "STATIC_ROOT": str(static_root or streamlit_static()),
        "MIME_TYPES": str(mime_types),
        "COOKIE": COOKIE,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in fields.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise ValueError("a field of deploy/nginx.conf was left unfilled")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="In cấu hình nginx cho các bản sao ứng dụng (deploy/nginx.conf)")
    parser.add_argument("--app", action="append", required=True, help="host:port của một bản sao (lặp lại)")
    parser.add_argument("--listen", default="80", help="cổng (hoặc địa chỉ:cổng) nginx nghe")
    parser.add_argument("--run-dir", default="/run/conference-proxy", help="thư mục pid, nhật ký, tệp tạm của nginx")
    parser.add_argument("--static-root", default=None, help="thư mục static của streamlit (mặc định: gói đã cài)")
    args = parser.parse_args(argv)
    static = Path(args.static_root) if args.static_root else None
    sys.stdout.write(render(args.app, listen=args.listen, run_dir=Path(args.run_dir), static_root=static))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m deploy.health URL [SECONDS]`: exit 0 once URL answers "ok" (Streamlit's /_stcore/health), 1 after
SECONDS (default 60). The systemd units and the compose health checks use it; no curl needed in the image."""

from __future__ import annotations

import sys
import time
import urllib.request


def healthy(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(0 if healthy(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60) else 1)

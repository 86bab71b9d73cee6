"""`python -m tests.sheets_emulator --port N`: run the emulator until interrupted; prints the port it listens on."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading

from tests.sheets_emulator.server import SheetsEmulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sheets_emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 = any free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--create", metavar="KEY", help="also create an empty spreadsheet with this key")
    parser.add_argument("--locale", default="vi_VN", help="the created spreadsheet's locale (vi_VN, en_US)")
    args = parser.parse_args(argv)
    emulator = SheetsEmulator(args.host, args.port).start()
    if args.create:
        emulator.create("Hội nghị", None, spreadsheet_id=args.create, locale=args.locale)
    print(emulator.port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

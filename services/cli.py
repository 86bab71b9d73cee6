"""Command line: `python -m services.cli check|info|…` on the configured backend (workbook by default)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from services.config import load_config, open_store
from services.schema import TABS
from services.store import Store, StoreError
from services.validation import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


def _store(args: argparse.Namespace) -> Store:
    return open_store(load_config(workbook=args.workbook, sheet=getattr(args, "sheet", None)))


def cmd_check(args: argparse.Namespace) -> int:
    dataset = validate(_store(args).load())
    for p in dataset.problems:
        label = "LỖI" if p.severity == "error" else "cảnh báo"
        value = f" [{p.value}]" if p.value else ""
        print(f"{label}\t{p.ref}{value}\t{p.message}")
    print(f"{len(dataset.errors)} lỗi, {len(dataset.warnings)} cảnh báo")
    return EXIT_PROBLEMS if dataset.errors else EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    store = _store(args)
    info = store.info()
    snapshot = store.load()
    print(f"Nguồn dữ liệu: {info.kind} — {info.title}")
    print(f"Vị trí: {info.location}")
    for tab in TABS:
        data = snapshot.get(tab.key)
        print(f"{tab.title}\t{len(data.rows) if data else 'không có trang'}")
    for title in snapshot.other_tabs:
        print(f"{title}\t(trang riêng của người dùng)")
    return EXIT_OK


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "check": ("Kiểm tra dữ liệu; thoát 1 nếu có lỗi", cmd_check),
    "info": ("Nguồn dữ liệu, các trang, số dòng", cmd_info),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m services.cli", description="Hội nghị điển hình tiên tiến — công cụ dòng lệnh"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, _) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--workbook", help="tệp .xlsx (mặc định: data/conference.xlsx hoặc $CONFERENCE_WORKBOOK)")
        p.add_argument("--sheet", help="URL hoặc mã Google Sheet (mặc định: cấu hình)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except StoreError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())

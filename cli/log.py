"""`cli log` and `cli revert`: the app's changes from `Nhật ký`, one a line with its change ID first, and reverting
one (or a whole bulk operation) with the same conflict check as the app."""

from __future__ import annotations

import argparse
import sys

from cli.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, USER, store
from services.edits import change_log
from services.edits.change_log import Change

DEFAULT_LAST = 50


def positive(text: str) -> int:
    """--last N: a whole number from 1 (0 or a negative once printed everything; --all says that)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số từ 1 trở lên, không phải {value} (muốn xem hết: --all)")
    return value


def log_args(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--last", type=positive, default=DEFAULT_LAST, metavar="N",
        help=f"chỉ N thay đổi mới nhất (mặc định {DEFAULT_LAST})",
    )  # fmt: skip
    which.add_argument("--all", action="store_true", help="mọi thay đổi trong Nhật ký")


def revert_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("change_id", metavar="ID", help="mã thay đổi (C-…, L…) hoặc mã thao tác hàng loạt (OP-…)")


def line(change: Change) -> str:
    parts = [change.id, change.time, change.user, f"{change.tab_title} {change.row_id}", change.summary]
    if change.operation:
        parts.append(f"thao tác {change.operation}")
    if change.reverts:
        parts.append(f"hoàn tác {change.reverts}")
    return "\t".join(parts)


def cmd_log(args: argparse.Namespace) -> int:
    """Oldest first, so the newest is the last line a terminal shows."""
    changes = change_log.logged_changes(store(args).load())
    for change in changes if getattr(args, "all", False) else changes[-args.last :]:
        print(line(change))
    return EXIT_OK


def cmd_revert(args: argparse.Namespace) -> int:
    """Exit 0 reverted; 1 refused with nothing written (a cell changed since, or an added/deleted row); 2 no such
    ID."""
    done = change_log.revert(store(args), args.change_id, user=USER, admin=True)
    text = change_log.outcome_text(done, args.change_id)
    if done.status == change_log.DONE:
        print(text)
        return EXIT_OK
    print(f"Lỗi: {text}", file=sys.stderr)
    return EXIT_USAGE if done.status == change_log.NOT_FOUND else EXIT_PROBLEMS

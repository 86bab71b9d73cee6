"""What every command shares: the exit codes, the one usage error, and the configured store or Google Sheet (read
from `--workbook`/`--sheet` over the app's configuration, once, here)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from services.backend import open_store
from services.config import StoreConfig, load_config
from services.store import Store

if TYPE_CHECKING:  # imported when a command needs the sheet: gspread is slow to import for a scanner's check-in
    from services.store.gsheets import GoogleSheetStore

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
USER = "cli"  # who the log names for a change made here; the command line has every right (like an admin)


class UsageError(Exception):
    """The command cannot run as asked (exit 2)."""


def config(args: argparse.Namespace) -> StoreConfig:
    return load_config(workbook=args.workbook, sheet=getattr(args, "sheet", None))


def store(args: argparse.Namespace) -> Store:
    return open_store(config(args))


def sheet(args: argparse.Namespace) -> GoogleSheetStore:
    """The configured Google Sheet; commands that copy to or from it need one."""
    from services.store.gsheets import GoogleSheetStore

    configured = config(args)
    if not configured.uses_sheet:
        raise UsageError(
            "Chưa cấu hình Google Sheet: dùng --sheet URL_HOẶC_MÃ, biến GSHEETS_SPREADSHEET "
            "hoặc mục [gsheets] trong .streamlit/secrets.toml."
        )
    return GoogleSheetStore.from_config(configured)

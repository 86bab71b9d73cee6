"""What every command shares: the exit codes, the one usage error, and the configured store or Google Sheet (read
from `--workbook`/`--sheet` over the app's configuration, once, here)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from services.config import StoreConfig, load_config
from services.setup.backend import open_store
from services.setup.deployment import DEPLOYMENT_ENV, DeploymentError, UnknownUnit, load_deployment
from services.store import Store

if TYPE_CHECKING:  # imported when a command needs the sheet: gspread is slow to import for a scanner's check-in
    from services.store.gsheets import GoogleSheetStore

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
USER = "cli"  # who the log names for a change made here; the command line has every right (like an admin)


class UsageError(Exception):
    """The command cannot run as asked (exit 2)."""


def config(args: argparse.Namespace) -> StoreConfig:
    """With a deployment file (services.setup.deployment): the source of the unit `--unit` names, and nothing else —
    `--workbook PATH` and `--sheet` would reach past the unit. Without one: today's configuration."""
    code = (getattr(args, "unit", None) or "").strip()
    try:
        units = load_deployment()
    except DeploymentError as exc:
        raise UsageError(str(exc)) from None
    if units is None:
        if code:
            raise UsageError(
                f"Chưa cấu hình tệp triển khai nhiều đơn vị (${DEPLOYMENT_ENV} hoặc [deployment] file): bỏ --unit."
            )
        return load_config(workbook=args.workbook, sheet=getattr(args, "sheet", None))
    if not code:
        raise UsageError(f"Máy chủ này phục vụ nhiều đơn vị: thêm --unit MÃ ({', '.join(units.codes)}).")
    if args.workbook or getattr(args, "sheet", None):
        raise UsageError("Với tệp triển khai, nguồn dữ liệu của đơn vị do tệp đó quy định: bỏ --workbook/--sheet.")
    try:
        return units.unit(code).store_config
    except UnknownUnit as exc:
        raise UsageError(str(exc)) from None


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

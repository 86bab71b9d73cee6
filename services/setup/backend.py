"""Opening the configured backend: the Google Sheet when one is configured, else the local workbook."""

from __future__ import annotations

from services.config import StoreConfig
from services.store import Store
from services.store.workbook import WorkbookStore


def open_store(config: StoreConfig, *, interactive: bool = False) -> Store:
    """`interactive`: a person is waiting on a page — give up sooner (and show the last good data) than the CLI does."""
    if config.uses_sheet:
        from services.store.gsheets import GoogleSheetStore
        from services.store.retry import RetryPolicy

        policy = RetryPolicy(attempts=3, total_s=5.0, timeout_s=8.0) if interactive else None
        return GoogleSheetStore.from_config(config, policy=policy)
    from services.setup.seed import seed_rows

    return WorkbookStore(config.workbook, seed=seed_rows)

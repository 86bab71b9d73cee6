"""`check`, `info`, `ensure-schema`, `retype`: the data on the configured backend (workbook or Google Sheet)."""

from __future__ import annotations

import argparse

from cli.base import EXIT_OK, EXIT_PROBLEMS, UsageError, config, sheet, store
from cli.checkin import pending_line
from services.schema import TABS
from services.validation import validate


def cmd_check(args: argparse.Namespace) -> int:
    dataset = validate(store(args).load())
    for p in dataset.problems:
        label = "LỖI" if p.severity == "error" else "cảnh báo"
        value = f" [{p.value}]" if p.value else ""
        print(f"{label}\t{p.ref}{value}\t{p.message}")
    from services.documents.fonts import SETTING, font_warning

    warnings = len(dataset.warnings)
    font = dataset.settings.text(SETTING)
    if warning := font_warning(font):  # whether this server has the font: the documents then print in the shipped one
        print(f"cảnh báo\t{dataset.settings.cell(SETTING)} [{font}]\t{warning}")
        warnings += 1
    from services.documents import DOCUMENT_BY_KEY, omissions

    for key, text in omissions(dataset).items():  # a document that prints without someone: say whom
        print(f"cảnh báo\t{DOCUMENT_BY_KEY[key].title}\t{text}")
        warnings += 1
    print(f"{len(dataset.errors)} lỗi, {warnings} cảnh báo")
    return EXIT_PROBLEMS if dataset.errors else EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    print(pending_line(config(args)))  # first: it is known even while the store cannot be reached
    opened = store(args)
    snapshot = opened.load()
    info = opened.info()
    print(f"Nguồn dữ liệu: {info.kind} — {info.title}")
    print(f"Vị trí: {info.location}")
    for tab in TABS:
        data = snapshot.get(tab.key)
        print(f"{tab.title}\t{len(data.rows) if data else 'không có trang'}")
    for title in snapshot.other_tabs:
        print(f"{title}\t(trang riêng của người dùng)")
    return EXIT_OK


def cmd_ensure_schema(args: argparse.Namespace) -> int:
    """Missing tabs and columns added (the local workbook or the Google Sheet); staff data is never touched."""
    report = store(args).ensure_schema()
    for line in report:
        print(line)
    if not report:
        print("Đã đủ các trang và cột, không cần thêm gì.")
    return EXIT_OK


def cmd_retype(args: argparse.Namespace) -> int:
    """Numbers, dates and times stored as text in schema columns become typed cells; idempotent.

    On the Google Sheet when one is configured (or given with --sheet), else on the workbook; `--workbook` picks the
    workbook even when a sheet is configured."""
    from services.store.retype import describe

    configured = config(args)
    put_back: list[str] = []
    if configured.uses_sheet and args.workbook is None:
        from services.store.sheet_retype import retype_sheet

        done, put_back = retype_sheet(sheet(args))
    else:
        from services.store.workbook import WorkbookStore

        if not configured.workbook.exists():
            raise UsageError(f"không có tệp dữ liệu “{configured.workbook}”")
        done = WorkbookStore(configured.workbook).retype()
    for title, change in done:
        print(describe(title, change))
    for row in put_back:
        print(f"Bỏ qua (dòng vừa bị sửa hoặc di chuyển, hãy chạy lại): {row}")
    if done:
        print(f"Đã chuyển {len(done)} ô sang kiểu số, ngày hoặc giờ.")
    elif not put_back:
        print("Không có ô nào cần chuyển kiểu: mọi số, ngày và giờ đã đúng kiểu.")
    return EXIT_OK

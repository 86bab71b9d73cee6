"""`doctor`, `init-sheet`, `push`, `pull`: the Google Sheet — what staff did to it, its tabs, and copies to and from
the workbook."""

from __future__ import annotations

import argparse

from cli.base import EXIT_OK, EXIT_PROBLEMS, UsageError, config, sheet
from services.schema import tab as schema_tab


def cmd_doctor(args: argparse.Namespace) -> int:
    """What staff did to the Google Sheet that matters (services.store.sheet_doctor); exit 1 if some writes will be
    refused until staff change it."""
    from services.store.sheet_doctor import blocking, diagnose

    findings = diagnose(sheet(args)) or []
    for f in findings:
        mark = "CẦN SỬA" if f.blocks else "thông tin"
        print(f"{mark}\t{f.topic}\t{f.where}\t{f.found}\t→ Ứng dụng: {f.action}")
    stops = blocking(findings)
    print(f"{len(findings)} mục, {len(stops)} mục làm ứng dụng từ chối ghi cho đến khi được sửa")
    return EXIT_PROBLEMS if stops else EXIT_OK


def cmd_init_sheet(args: argparse.Namespace) -> int:
    from services.setup.seed import seed_rows
    from services.store.rows import build_row
    from services.store.sheet_retype import retype_sheet
    from services.store.transfer import TransferRefused

    target = sheet(args)
    report = target.ensure_schema()
    for line in report:
        print(line)
    if args.demo:
        snapshot = target.load()
        grids: dict[str, list[list[str]]] = {}
        busy: list[str] = []
        for key, rows in seed_rows().items():
            data = snapshot.get(key)
            if data is None:  # ensure_schema above added every tab: one gone since was removed by hand meanwhile
                raise UsageError(f"Trang “{schema_tab(key).title}” vừa bị xóa khỏi Google Sheet: chạy lại init-sheet.")
            if data.rows and any(any(r) for r in data.rows):
                busy.append(data.title)
            grids[data.title] = [data.header] + [build_row(schema_tab(key), data, values) for values in rows]
        if busy and not args.force:
            raise TransferRefused("Google Sheet", busy)
        target.write_grid(grids, clear=bool(busy))
        retype_sheet(target)  # typed from the start: amounts, counts and dates are number/date cells
        for title, grid in grids.items():
            print(f"Đã chép dữ liệu mẫu: {title} ({len(grid) - 1} dòng).")
    if not report and not args.demo:
        print("Bảng tính đã đủ các trang và cột.")
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from services.store.sheet_retype import retype_sheet
    from services.store.transfer import push, read_workbook

    grids = read_workbook(config(args).workbook)  # a damaged or missing source is said before any network call
    target = sheet(args)
    for line in push(grids, target, force=args.force):
        print(f"→ Google Sheet\t{line}")
    # The copy goes over as text (exactly as typed); schema numbers and dates then become typed cells.
    done, _ = retype_sheet(target)
    if done:
        print(f"→ Google Sheet\tđã chuyển {len(done)} ô số/ngày sang đúng kiểu")
    return EXIT_OK


def cmd_pull(args: argparse.Namespace) -> int:
    from services.store.transfer import pull

    configured = config(args)
    for line in pull(configured.workbook, sheet(args), force=args.force):
        print(f"→ {configured.workbook.name}\t{line}")
    return EXIT_OK


def force_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true", help="cho phép ghi đè các trang đã có dữ liệu")


def init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--demo", action="store_true", help="chép thêm dữ liệu mẫu vào các trang")
    force_args(p)

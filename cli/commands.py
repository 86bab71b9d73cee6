"""`python -m cli check|info|doctor|init-sheet|push|pull|checkin|sync|retype|ensure-schema|export|hash-passcode|
admin-passcode|log|revert` on the configured backend: the table of commands, the parser, and how a failure is said."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from cli import access, checkin, data, documents, log, sheet
from cli.base import EXIT_PROBLEMS, EXIT_REFUSED, EXIT_USAGE, UsageError
from services.store import StoreError
from services.store.errors import DamagedWorkbook

DEBUG_ENV = "CONFERENCE_DEBUG"  # =1: an unexpected error shows its traceback instead of one line

Command = tuple[str, Callable[[argparse.Namespace], int], Callable[[argparse.ArgumentParser], None] | None]

COMMANDS: dict[str, Command] = {
    "check": ("Kiểm tra dữ liệu; thoát 1 nếu có lỗi", data.cmd_check, None),
    "info": ("Nguồn dữ liệu, các trang, số dòng", data.cmd_info, None),
    "doctor": (
        "Google Sheet: định dạng, múi giờ, ô gộp, danh sách chọn, vùng bảo vệ, dòng ẩn, công thức — và ứng dụng làm "
        "gì với từng mục; thoát 1 nếu có mục làm ứng dụng từ chối ghi",
        sheet.cmd_doctor,
        None,
    ),
    "init-sheet": (
        "Tạo các trang và tiêu đề cột trong Google Sheet (--demo: kèm dữ liệu mẫu)",
        sheet.cmd_init_sheet,
        sheet.init_args,
    ),
    "ensure-schema": ("Thêm các trang và cột còn thiếu (tệp .xlsx hoặc Google Sheet)", data.cmd_ensure_schema, None),
    "push": ("Chép mọi trang từ tệp .xlsx lên Google Sheet", sheet.cmd_push, sheet.force_args),
    "pull": ("Chép mọi trang từ Google Sheet về tệp .xlsx", sheet.cmd_pull, sheet.force_args),
    "checkin": (
        "Điểm danh một đại biểu (mất kết nối: ghi tạm, chờ gửi); thoát 3 nếu mã không có hoặc đã điểm danh",
        checkin.cmd_checkin,
        checkin.checkin_args,
    ),
    "sync": (
        "Gửi các lượt điểm danh đã ghi tạm khi mất kết nối; thoát 3 nếu vẫn chưa kết nối được",
        checkin.cmd_sync,
        None,
    ),
    "retype": (
        "Chuyển số, ngày, giờ đang lưu dạng chữ (Google Sheet hoặc tệp .xlsx) thành ô đúng kiểu (chạy lại không đổi gì)",
        data.cmd_retype,
        None,
    ),
    "export": (
        "Xuất một tài liệu PDF (hoặc bộ hồ sơ .zip gửi Hội đồng tỉnh)",
        documents.cmd_export,
        documents.export_args,
    ),
    "hash-passcode": (
        "In chuỗi băm của một mã truy cập cho mục [roles.passcodes]",
        access.cmd_hash_passcode,
        access.hash_args,
    ),
    "admin-passcode": (
        "Đặt mã quản trị cho máy này (make admin): ghi chuỗi băm vào .streamlit/secrets.toml, máy vẫn là bàn cục bộ",
        access.cmd_admin_passcode,
        access.admin_args,
    ),
    "log": (
        "Các thay đổi trong Nhật ký, mỗi dòng một thay đổi, mã thay đổi đứng đầu",
        log.cmd_log,
        log.log_args,
    ),
    "revert": (
        "Hoàn tác một thay đổi (hoặc một thao tác hàng loạt); thoát 1, không ghi gì, nếu ô đã bị sửa sau đó",
        log.cmd_revert,
        log.revert_args,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cli", description="Hội nghị điển hình tiên tiến — công cụ dòng lệnh"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, _, extra) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--workbook",
            nargs="?",
            const="",  # "--workbook" alone: the configured file, even when a Google Sheet is configured too
            metavar="PATH",
            help="tệp .xlsx (mặc định: data/conference.xlsx hoặc $CONFERENCE_WORKBOOK)",
        )
        p.add_argument("--sheet", help="URL hoặc mã Google Sheet (mặc định: cấu hình)")
        p.add_argument(
            "--unit", metavar="MÃ", help="mã đơn vị trong tệp triển khai nhiều đơn vị (bắt buộc khi có tệp đó)"
        )
        if extra is not None:
            extra(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 done, 1 problems in the data (or a damaged workbook, or an unexpected error), 2 usage, 3 refused.

    Every failure is one line on stderr; with CONFERENCE_DEBUG=1 an unexpected one raises with its traceback."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DamagedWorkbook as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except StoreError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:
        if os.environ.get(DEBUG_ENV, "").strip() not in ("", "0"):
            raise
        detail = " ".join(str(exc).split())
        print(
            f"Lỗi không mong đợi: {type(exc).__name__}: {detail} (đặt {DEBUG_ENV}=1 để xem chi tiết)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS

"""Command line: `python -m cli check|info|doctor|init-sheet|push|pull|checkin|sync|retype|export|log|revert` on the
configured backend."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cli import access as cli_admin
from cli import checkin as cli_outage
from cli import log as cli_log
from cli.checkin import pending_line
from services.backend import open_store
from services.config import StoreConfig, load_config
from services.schema import TABS
from services.schema import tab as schema_tab
from services.store import Store, StoreError
from services.store.errors import DamagedWorkbook
from services.validation import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
DEBUG_ENV = "CONFERENCE_DEBUG"  # =1: an unexpected error shows its traceback instead of one line


class UsageError(Exception):
    """The command cannot run as asked (exit 2)."""


def _config(args: argparse.Namespace) -> StoreConfig:
    return load_config(workbook=args.workbook, sheet=getattr(args, "sheet", None))


def _store(args: argparse.Namespace) -> Store:
    return open_store(_config(args))


def _sheet(args: argparse.Namespace):
    """The configured Google Sheet; commands that copy to or from it need one."""
    from services.store.gsheets import GoogleSheetStore

    config = _config(args)
    if not config.uses_sheet:
        raise UsageError(
            "Chưa cấu hình Google Sheet: dùng --sheet URL_HOẶC_MÃ, biến GSHEETS_SPREADSHEET "
            "hoặc mục [gsheets] trong .streamlit/secrets.toml."
        )
    return GoogleSheetStore.from_config(config)


def cmd_check(args: argparse.Namespace) -> int:
    dataset = validate(_store(args).load())
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


def cmd_doctor(args: argparse.Namespace) -> int:
    """What staff did to the Google Sheet that matters (services.store.sheet_doctor); exit 1 if some writes will be
    refused until staff change it."""
    from services.store.sheet_doctor import blocking, diagnose

    findings = diagnose(_sheet(args)) or []
    for f in findings:
        mark = "CẦN SỬA" if f.blocks else "thông tin"
        print(f"{mark}\t{f.topic}\t{f.where}\t{f.found}\t→ Ứng dụng: {f.action}")
    stops = blocking(findings)
    print(f"{len(findings)} mục, {len(stops)} mục làm ứng dụng từ chối ghi cho đến khi được sửa")
    return EXIT_PROBLEMS if stops else EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    print(pending_line(_config(args)))  # first: it is known even while the store cannot be reached
    store = _store(args)
    snapshot = store.load()
    info = store.info()
    print(f"Nguồn dữ liệu: {info.kind} — {info.title}")
    print(f"Vị trí: {info.location}")
    for tab in TABS:
        data = snapshot.get(tab.key)
        print(f"{tab.title}\t{len(data.rows) if data else 'không có trang'}")
    for title in snapshot.other_tabs:
        print(f"{title}\t(trang riêng của người dùng)")
    return EXIT_OK


def cmd_init_sheet(args: argparse.Namespace) -> int:
    from services.seed import seed_rows
    from services.store.rows import build_row
    from services.store.sheet_retype import retype_sheet
    from services.store.transfer import TransferRefused

    sheet = _sheet(args)
    report = sheet.ensure_schema()
    for line in report:
        print(line)
    if args.demo:
        snapshot = sheet.load()
        grids: dict[str, list[list[str]]] = {}
        busy: list[str] = []
        for key, rows in seed_rows().items():
            data = snapshot.get(key)
            if data.rows and any(any(r) for r in data.rows):
                busy.append(data.title)
            grids[data.title] = [data.header] + [build_row(schema_tab(key), data, values) for values in rows]
        if busy and not args.force:
            raise TransferRefused("Google Sheet", busy)
        sheet.write_grid(grids, clear=bool(busy))
        retype_sheet(sheet)  # typed from the start: amounts, counts and dates are number/date cells
        for title, grid in grids.items():
            print(f"Đã chép dữ liệu mẫu: {title} ({len(grid) - 1} dòng).")
    if not report and not args.demo:
        print("Bảng tính đã đủ các trang và cột.")
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from services.store.sheet_retype import retype_sheet
    from services.store.transfer import push, read_workbook

    grids = read_workbook(_config(args).workbook)  # a damaged or missing source is said before any network call
    sheet = _sheet(args)
    for line in push(grids, sheet, force=args.force):
        print(f"→ Google Sheet\t{line}")
    # The copy goes over as text (exactly as typed); schema numbers and dates then become typed cells.
    done, _ = retype_sheet(sheet)
    if done:
        print(f"→ Google Sheet\tđã chuyển {len(done)} ô số/ngày sang đúng kiểu")
    return EXIT_OK


def cmd_pull(args: argparse.Namespace) -> int:
    from services.store.transfer import pull

    config = _config(args)
    for line in pull(config.workbook, _sheet(args), force=args.force):
        print(f"→ {config.workbook.name}\t{line}")
    return EXIT_OK


def cmd_ensure_schema(args: argparse.Namespace) -> int:
    """Missing tabs and columns added (the local workbook or the Google Sheet); staff data is never touched."""
    report = _store(args).ensure_schema()
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

    config = _config(args)
    put_back: list[str] = []
    if config.uses_sheet and args.workbook is None:
        from services.store.sheet_retype import retype_sheet

        done, put_back = retype_sheet(_sheet(args))
    else:
        from services.store.workbook import WorkbookStore

        if not config.workbook.exists():
            raise UsageError(f"không có tệp dữ liệu “{config.workbook}”")
        done = WorkbookStore(config.workbook).retype()
    for title, change in done:
        print(describe(title, change))
    for row in put_back:
        print(f"Bỏ qua (dòng vừa bị sửa hoặc di chuyển, hãy chạy lại): {row}")
    if done:
        print(f"Đã chuyển {len(done)} ô sang kiểu số, ngày hoặc giờ.")
    elif not put_back:
        print("Không có ô nào cần chuyển kiểu: mọi số, ngày và giờ đã đúng kiểu.")
    return EXIT_OK


EXPORT_KINDS = [
    "honorees",
    "delegates",
    "programme",
    "mc-script",
    "signin",
    "readiness",
    "badges",
    "vote-minutes",
    "seating",
    "decision",
    "proposal",
    "ballots",
    "certificates",
    "calibration",
    "invitations",
    "annex",
    "cover-letter",
    "summary-report",
    "short-list",
    "achievement-reports",
    "council-minutes",
]
ZIP_KINDS = ("dossier", "provincial")  # the T-15 dossier; the dossier proposing the provincial awards


# What each export may be written as, by the --out file's extension.
EXPORT_FORMATS = {"dossier": ("zip",), "provincial": ("zip",), "honorees": ("pdf", "docx", "xlsx")}
DOCUMENT_FORMATS = ("pdf", "docx")


def export_format(kind: str, out: Path) -> str:
    """The format the --out file's extension names; UsageError (nothing written) for one this export cannot be —
    a PDF written into "ds.xlsx" opens nowhere (issue 27)."""
    allowed = EXPORT_FORMATS.get(kind, DOCUMENT_FORMATS)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in allowed:
        names = ", ".join(f".{f}" for f in allowed)
        shown = f"“.{suffix}”" if suffix else "không có đuôi"
        raise UsageError(f"tệp đích “{out.name}” {shown}: “{kind}” chỉ xuất được thành {names}")
    return suffix


def cmd_export(args: argparse.Namespace) -> int:
    """Writes one document in the format its --out extension names (.pdf, .docx; .xlsx for the honoree list) or the
    council dossier (.zip), with the Office's own files attached by --attach ITEM=PATH; any other extension is
    refused before anything is read."""
    from services.awards.honours import HonoursError
    from services.documents import DOCUMENT_BY_KEY, build, dossier_zip, font_notice, provincial_zip
    from services.documents.certificates import CertificateSettingsError
    from services.documents.dossier import DossierError, Upload
    from services.documents.fonts import FontNotFound
    from services.planning.readiness import reference_day

    if args.kind not in ZIP_KINDS and args.kind not in DOCUMENT_BY_KEY:
        raise UsageError(f"không có tài liệu “{args.kind}” (chọn: {', '.join([*DOCUMENT_BY_KEY, *ZIP_KINDS])})")
    out = Path(args.out)
    uploads = []
    for spec in args.attach or ():
        item, _, path = spec.partition("=")
        if not path or not Path(path).is_file():
            raise UsageError(f"--attach “{spec}”: ghi MỤC=ĐƯỜNG_DẪN tới một tệp có thật (ví dụ plan=ke-hoach.docx)")
        try:
            uploads.append(Upload(Path(path).name, Path(path).read_bytes(), item))
        except DossierError as exc:
            raise UsageError(str(exc)) from None
    if uploads and args.kind != "dossier":
        raise UsageError("--attach chỉ dùng cho hồ sơ (dossier)")
    fmt = export_format(args.kind, out)
    data = cli_outage.dataset(_config(args), _store(args))  # the last good copy on disk during an outage
    today = reference_day()
    if notice := font_notice(data):
        print(f"Cảnh báo: {notice}", file=sys.stderr)
    try:
        if args.kind == "provincial":
            content = provincial_zip(data, today)
        elif fmt == "zip":
            content = dossier_zip(data, today, uploads)
        elif fmt == "xlsx":
            from services.documents import honoree_table
            from services.people import exports

            content = exports.to_xlsx(honoree_table(data), "Khen thưởng", "Danh sách khen thưởng")
        else:
            content = build(args.kind, data, today, fmt)
    except (FontNotFound, CertificateSettingsError, HonoursError, DossierError) as exc:
        # what the Tài liệu page shows before the click: a sheet setting the document cannot be built with
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UsageError(f"không ghi được “{out}”: {exc.strerror or exc}") from None
    print(f"Đã ghi {out} ({len(content):,} byte).")
    return EXIT_OK


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", help=", ".join([*EXPORT_KINDS, *ZIP_KINDS]))
    p.add_argument(
        "--out",
        required=True,
        help="tệp đích: .pdf, .docx (Word), .xlsx (chỉ honorees), .zip (chỉ dossier, provincial)",
    )
    p.add_argument(
        "--attach", action="append", metavar="ITEM=PATH",
        help="tệp Văn phòng đưa vào hồ sơ: plan=… (kế hoạch), summary-report=… (báo cáo tổng kết)",
    )  # fmt: skip


def cmd_hash_passcode(args: argparse.Namespace) -> int:
    """Prints the salted hash to paste into [roles.passcodes]; the passcode itself is never stored or echoed."""
    from services.access import hash_passcode

    passcode = args.passcode_from_stdin and sys.stdin.readline().rstrip("\n")
    if not passcode:
        passcode = getpass.getpass("Mã truy cập: ")
        if passcode != getpass.getpass("Nhập lại: "):
            raise UsageError("hai lần nhập không khớp")
    if len(passcode) < 8:
        raise UsageError("mã truy cập cần ít nhất 8 ký tự")
    print(hash_passcode(passcode))
    return EXIT_OK


def _hash_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdin", dest="passcode_from_stdin", action="store_true", help="đọc mã từ dòng đầu của stdin")


def _force(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true", help="cho phép ghi đè các trang đã có dữ liệu")


def _init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--demo", action="store_true", help="chép thêm dữ liệu mẫu vào các trang")
    _force(p)


def _checkin_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("attendee_id", help="mã đại biểu, ví dụ DB-001")


Command = tuple[str, Callable[[argparse.Namespace], int], Callable[[argparse.ArgumentParser], None] | None]

COMMANDS: dict[str, Command] = {
    "check": ("Kiểm tra dữ liệu; thoát 1 nếu có lỗi", cmd_check, None),
    "info": ("Nguồn dữ liệu, các trang, số dòng", cmd_info, None),
    "doctor": (
        "Google Sheet: định dạng, múi giờ, ô gộp, danh sách chọn, vùng bảo vệ, dòng ẩn, công thức — và ứng dụng làm "
        "gì với từng mục; thoát 1 nếu có mục làm ứng dụng từ chối ghi",
        cmd_doctor,
        None,
    ),
    "init-sheet": (
        "Tạo các trang và tiêu đề cột trong Google Sheet (--demo: kèm dữ liệu mẫu)",
        cmd_init_sheet,
        _init_args,
    ),
    "ensure-schema": ("Thêm các trang và cột còn thiếu (tệp .xlsx hoặc Google Sheet)", cmd_ensure_schema, None),
    "push": ("Chép mọi trang từ tệp .xlsx lên Google Sheet", cmd_push, _force),
    "pull": ("Chép mọi trang từ Google Sheet về tệp .xlsx", cmd_pull, _force),
    "checkin": (
        "Điểm danh một đại biểu (mất kết nối: ghi tạm, chờ gửi); thoát 3 nếu mã không có hoặc đã điểm danh",
        cli_outage.cmd_checkin,
        _checkin_args,
    ),
    "sync": (
        "Gửi các lượt điểm danh đã ghi tạm khi mất kết nối; thoát 3 nếu vẫn chưa kết nối được",
        cli_outage.cmd_sync,
        None,
    ),
    "retype": (
        "Chuyển số, ngày, giờ đang lưu dạng chữ (Google Sheet hoặc tệp .xlsx) thành ô đúng kiểu (chạy lại không đổi gì)",
        cmd_retype,
        None,
    ),
    "export": ("Xuất một tài liệu PDF (hoặc bộ hồ sơ .zip gửi Hội đồng tỉnh)", cmd_export, _export_args),
    "hash-passcode": ("In chuỗi băm của một mã truy cập cho mục [roles.passcodes]", cmd_hash_passcode, _hash_args),
    "admin-passcode": (
        "Đặt mã quản trị cho máy này (make admin): ghi chuỗi băm vào .streamlit/secrets.toml, máy vẫn là bàn cục bộ",
        cli_admin.cmd_admin_passcode,
        cli_admin.admin_args,
    ),
    "log": (
        "Các thay đổi trong Nhật ký, mỗi dòng một thay đổi, mã thay đổi đứng đầu",
        lambda args: cli_log.cmd_log(args, _store(args)),
        cli_log.log_args,
    ),
    "revert": (
        "Hoàn tác một thay đổi (hoặc một thao tác hàng loạt); thoát 1, không ghi gì, nếu ô đã bị sửa sau đó",
        lambda args: cli_log.cmd_revert(args, _store(args)),
        cli_log.revert_args,
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

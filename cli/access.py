"""`hash-passcode` prints a passcode's salted hash to paste into [roles.passcodes].

`make admin` (`python -m cli admin-passcode`): the first-run path to the admin pages on the local
workbook. It asks for a passcode twice, and writes its salted hash with `local_desk = true` into
`.streamlit/secrets.toml`: this machine stays the local desk (an editor without signing in), and signing in with that
passcode opens Cài đặt. Nothing else in the file changes; a file that already has a `[roles]` section is left as it
is, with the hash printed to paste by hand (the CLI does not rewrite TOML it did not write)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tomllib
from pathlib import Path

from cli.base import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError
from services.access import hash_passcode
from services.config import ROOT
from services.store.disk import explain

MIN_LENGTH = 8
SECRETS = ROOT / ".streamlit" / "secrets.toml"


def cmd_hash_passcode(args: argparse.Namespace) -> int:
    """Prints the salted hash to paste into [roles.passcodes]; the passcode itself is never stored or echoed."""
    passcode = args.passcode_from_stdin and sys.stdin.readline().rstrip("\n")
    if not passcode:
        passcode = getpass.getpass("Mã truy cập: ")
        if passcode != getpass.getpass("Nhập lại: "):
            raise UsageError("hai lần nhập không khớp")
    if len(passcode) < MIN_LENGTH:
        raise UsageError(f"mã truy cập cần ít nhất {MIN_LENGTH} ký tự")
    print(hash_passcode(passcode))
    return EXIT_OK


def hash_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdin", dest="passcode_from_stdin", action="store_true", help="đọc mã từ dòng đầu của stdin")


class AdminRefused(Exception):
    """Said on stderr as it is (Vietnamese); nothing was written."""


def admin_block(stored: str) -> str:
    return (
        "\n# Written by `make admin`: this machine stays the local desk (editor, no sign-in); the passcode below signs\n"
        "# in as admin (Cài đặt). Before serving the network, replace local_desk by passcodes for every role (README).\n"
        "[roles]\nlocal_desk = true\n[roles.passcodes]\n"
        f'admin = "{stored}"\n'
    )


def write_admin(path: Path, stored: str) -> None:
    """Append the admin block to `path` (created if missing). AdminRefused when the file has a [roles] section already
    or is not valid TOML — a file the user wrote is never rewritten."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as exc:
        raise AdminRefused(f"Không đọc được {path}: {exc.strerror or exc}") from exc
    try:
        current = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AdminRefused(f"{path} không phải TOML hợp lệ ({exc}); hãy sửa tệp rồi chạy lại.") from exc
    if "roles" in current:
        raise AdminRefused(
            f"{path} đã có mục [roles]: không sửa tệp bạn đã viết. Thêm dòng sau vào [roles.passcodes]:\n"
            f'admin = "{stored}"'
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as out:
            if text and not text.endswith("\n"):
                out.write("\n")
            out.write(admin_block(stored))
        os.chmod(path, 0o600)  # a file of secrets: its owner only
    except OSError as exc:
        raise AdminRefused(str(explain(exc, "tệp cấu hình bí mật", path))) from exc


def cmd_admin_passcode(args: argparse.Namespace) -> int:
    passcode = args.passcode_from_stdin and sys.stdin.readline().rstrip("\n")
    if not passcode:
        passcode = getpass.getpass("Mã quản trị mới: ")
        if passcode != getpass.getpass("Nhập lại: "):
            print("Lỗi: hai lần nhập không khớp", file=sys.stderr)
            return EXIT_USAGE
    if len(passcode) < MIN_LENGTH:
        print(f"Lỗi: mã quản trị cần ít nhất {MIN_LENGTH} ký tự", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.secrets) if args.secrets else SECRETS
    try:
        write_admin(path, hash_passcode(passcode))
    except AdminRefused as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"Đã ghi mã quản trị vào {path}. Khởi động lại ứng dụng (make run), rồi nhập mã này ở ô “Mã truy cập” "
        "bên trái để mở trang Cài đặt. Máy này vẫn biên tập được mà không cần đăng nhập."
    )
    return EXIT_OK


def admin_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdin", dest="passcode_from_stdin", action="store_true", help="đọc mã từ dòng đầu của stdin")
    p.add_argument("--secrets", metavar="PATH", help="tệp secrets.toml (mặc định: .streamlit/secrets.toml)")

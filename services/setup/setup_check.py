"""What is wrong with `.streamlit/secrets.toml` before the app tries to use it: values still as the example file has
them, passcode hashes that are not hashes, a `[roles]` section that does not parse. Each problem is one Vietnamese
sentence saying what is wrong and how to fix it; the app shows them on a page of their own instead of crashing
(issue 27: the copied example once stopped the app with "Unable to load PEM file")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.access import HASH_SCHEME, load_policy, verify_format

EXAMPLE_MARKERS = ("YOUR_SPREADSHEET_KEY", "your-project", "\n...\n")  # the placeholders secrets.toml.example ships


def _placeholder(value: object) -> bool:
    text = str(value or "")
    return text.strip() in ("", "...", "…") or any(marker in text for marker in EXAMPLE_MARKERS)


def secret_problems(secrets: Mapping[str, Any], *, uses_sheet: bool = True) -> list[str]:
    """`uses_sheet`: a Google Sheet is configured (secrets or environment) — only then must its key be real."""
    problems: list[str] = []
    section = secrets.get("gsheets") or {}
    if isinstance(section, Mapping) and section:
        sheet = str(section.get("spreadsheet") or "")
        if sheet and any(marker in sheet for marker in EXAMPLE_MARKERS):
            problems.append(
                "Mục [gsheets] spreadsheet vẫn là giá trị mẫu. Điền địa chỉ (URL) của Google Sheet thật — hoặc xóa cả "
                "mục [gsheets] (và [gsheets.service_account]) để dùng tệp Excel trên máy này."
            )
        account = section.get("service_account") or {}
        if uses_sheet and isinstance(account, Mapping) and account:
            fields = ("private_key", "private_key_id", "project_id", "client_email")
            if placeholders := [f for f in fields if _placeholder(account.get(f))]:
                problems.append(
                    f"Khóa tài khoản dịch vụ Google ([gsheets.service_account]) còn giá trị mẫu ở {', '.join(placeholders)}. "
                    "Mở tệp khóa JSON tải từ Google Cloud Console và chép từng trường vào đây — hoặc ghi đường dẫn tệp "
                    "đó vào credentials_file và xóa mục [gsheets.service_account]."
                )
    try:
        policy = load_policy(secrets)
    except (ValueError, TypeError, AttributeError) as exc:
        problems.append(f"Mục [roles] không đọc được: {exc}. Xem phần Roles trong README.")
        return problems
    for role, stored in sorted(policy.passcodes.items()):
        if not verify_format(stored):
            problems.append(
                f"[roles.passcodes] {role.name.lower()} không phải chuỗi băm hợp lệ (còn là giá trị mẫu "
                f"“{HASH_SCHEME}$600000$…$…”?). Tạo chuỗi băm bằng “make admin” (mã quản trị) hoặc "
                "“.venv/bin/python -m cli hash-passcode”, rồi dán vào đây."
            )
    return problems

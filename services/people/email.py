"""A strict, offline check of an e-mail address as staff type it (no DNS lookup: the desk may have no network).

No e-mail library is installed, so this is the documented subset of RFC 5321/5322 addresses that mail to a
Vietnamese office actually uses — the "dot-atom" form, ASCII only:
- one "@"; the local part 1–64 characters of letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ - and dots,
  no dot first, last or twice in a row (quoted local parts such as "a b"@x.vn are refused: nobody types them);
- the domain at most 253 characters, two labels or more, each 1–63 letters, digits or hyphens, no hyphen first
  or last; the last label (the top-level domain) letters only, two or more (or an IDN "xn--…" label);
- the whole address at most 254 characters.
`email_problem` says in Vietnamese what is wrong, or None when the address passes.
"""

from __future__ import annotations

import re

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_TOP = re.compile(r"^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def email_problem(address: str) -> str | None:
    """Why `address` is not a usable e-mail address (Vietnamese), or None."""
    if address.count("@") != 1:
        return "cần đúng một dấu @" if "@" in address else "thiếu dấu @"
    local, domain = address.split("@")
    if not local:
        return "thiếu phần tên trước @"
    if not domain:
        return "thiếu tên miền sau @"
    if len(address) > 254 or len(local) > 64 or len(domain) > 253:
        return "quá dài"
    if not _LOCAL.match(local):
        return "phần trước @ có ký tự hoặc dấu chấm không hợp lệ"
    labels = domain.split(".")
    if len(labels) < 2:
        return "tên miền thiếu phần đuôi (ví dụ .vn, .gov.vn)"
    if not all(_LABEL.match(label) for label in labels):
        return "tên miền có ký tự hoặc dấu chấm không hợp lệ"
    if not _TOP.match(labels[-1]):
        return "đuôi tên miền không hợp lệ"
    return None

"""The strict offline e-mail check of the attendee import."""

from __future__ import annotations

import pytest

from services.people.email import email_problem


@pytest.mark.parametrize(
    "address",
    [
        "moi@example.vn",
        "nguyen.van.an@sokhcn.langson.gov.vn",
        "a+b@x-y.com",
        "o'neil@mail.co.uk",
        "a@xn--p1ai.xn--p1ai",
    ],
)
def test_usable_addresses_pass(address):
    assert email_problem(address) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("tung@", "thiếu tên miền sau @"),
        ("tung", "thiếu dấu @"),
        ("@x.vn", "thiếu phần tên trước @"),
        ("a@@x.vn", "cần đúng một dấu @"),
        ("tung@gmail", "tên miền thiếu phần đuôi (ví dụ .vn, .gov.vn)"),
        ("a..b@x.vn", "phần trước @ có ký tự hoặc dấu chấm không hợp lệ"),
        (".a@x.vn", "phần trước @ có ký tự hoặc dấu chấm không hợp lệ"),
        ("a b@x.vn", "phần trước @ có ký tự hoặc dấu chấm không hợp lệ"),
        ("a@x..vn", "tên miền có ký tự hoặc dấu chấm không hợp lệ"),
        ("a@-x.vn", "tên miền có ký tự hoặc dấu chấm không hợp lệ"),
        ("a@x.v", "đuôi tên miền không hợp lệ"),
        ("a@x.123", "đuôi tên miền không hợp lệ"),
        ("a" * 65 + "@x.vn", "quá dài"),
    ],
)
def test_unusable_addresses_say_why(address, reason):
    assert email_problem(address) == reason

"""Repository hygiene that protects users: no secrets committed, no HTML injection paths, every page routed."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line]


def test_no_private_key_or_real_secrets_file_is_committed():
    files = tracked_files()
    assert ".streamlit/secrets.toml" not in files
    offenders = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".ttf", ".png", ".xlsx", ".pdf"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if re.search(r"-----BEGIN (RSA )?PRIVATE KEY-----\n?[A-Za-z0-9+/]{40}", text):
            offenders.append(name)
        if re.search(r'"private_key"\s*:\s*"-----BEGIN', text):
            offenders.append(name)
    assert offenders == []


def test_secrets_and_data_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert ".streamlit/secrets.toml" in ignored
    assert "data/" in ignored


def test_no_page_renders_data_as_html():
    offenders = [
        str(p.relative_to(ROOT))
        for p in [ROOT / "app.py", *(ROOT / "content").glob("*.py"), *(ROOT / "ui").glob("*.py")]
        if "unsafe_allow_html=True" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_every_page_routes_through_app_before_drawing_anything():
    import ast

    for path in (ROOT / "content").glob("*.py"):
        body = [
            n
            for n in ast.parse(path.read_text(encoding="utf-8")).body
            if not isinstance(n, ast.Import | ast.ImportFrom)
        ]
        body = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]  # docstring
        first = body[0]
        assert isinstance(first, ast.Expr) and ast.unparse(first) == "through_app()", path.name


def test_markdown_escape_keeps_text_and_neutralises_markup():
    from ui.context import md

    assert md("Nguyễn Văn An") == "Nguyễn Văn An"
    assert md("**A** $x$ [b](c) <i> :red[x] 08:05") == r"\*\*A\*\* \$x\$ \[b\](c) \<i\> \:red\[x\] 08:05"

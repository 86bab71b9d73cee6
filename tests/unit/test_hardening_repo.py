"""Repository hygiene that protects users: no secrets committed, no HTML injection paths, pages routed by st.navigation only."""

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


ROUTING_INTERNALS = ("streamlit.runtime.pages_manager", "streamlit.runtime.scriptrunner", "runpy")


def _imported_names(path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_pages_folder_and_no_routing_through_streamlit_internals():
    """A `pages/` folder beside app.py makes Streamlit run a page file on its own (v1 multipage: no sidebar, no menu)
    until the first st.navigation call; the pages live in content/, which Streamlit never discovers, and app.py's
    st.navigation is the only router, so no module needs Streamlit's internal page state to get back into the frame."""
    assert not (ROOT / "pages").exists(), "pages/ is auto-discovered by Streamlit: page files belong in content/"
    assert sorted((ROOT / "content").glob("*.py")), "the page files are in content/"
    offenders = [
        f"{name}: {imported}"
        for name in tracked_files()
        if name.endswith(".py") and (ROOT / name).exists()
        for imported in sorted(_imported_names(ROOT / name))
        if imported.startswith(ROUTING_INTERNALS) or imported.endswith(".PagesManager")
    ]
    assert offenders == []


def test_markdown_escape_keeps_text_and_neutralises_markup():
    from ui.context import md

    assert md("Nguyễn Văn An") == "Nguyễn Văn An"
    assert md("**A** $x$ [b](c) <i> :red[x] 08:05") == r"\*\*A\*\* \$x\$ \[b\](c) \<i\> \:red\[x\] 08:05"

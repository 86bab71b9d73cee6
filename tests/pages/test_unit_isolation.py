"""Many units, one deployment (issue 29 item 1): signed in to unit A, every page, every document and the sidebar show
A's data and never B's (nor the single-unit workbook's); another unit in the URL drops the sign-in and asks for that
unit's own passcode; an unknown unit, or a page run with no unit chosen, shows no data at all."""

from __future__ import annotations

import io
import zipfile

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from services.setup.deployment import UNIT_PARAM
from tests.apptest_helpers import PAGES, page_alone, sign_in
from tests.conftest import ROOT
from tests.two_units import MARK, NAME, PASSCODE, configure, other

SOURCES: dict[str, object] = {}  # code → the path of its workbook, for this test (set by open_unit)


def open_unit(folder, monkeypatch, code: str | None, passcode: str | None = None, page: str | None = None) -> AppTest:
    configure(folder, monkeypatch)
    SOURCES.clear()
    SOURCES.update({"a": folder / "units" / "a.xlsx", "b": folder / "units" / "b.xlsx"})
    SOURCES["single"] = folder / "single" / "conference.xlsx"
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if code is not None:
        at.query_params[UNIT_PARAM] = code
    at.run()
    if passcode is not None:
        sign_in(at, passcode)
    if page is not None:
        at.switch_page(f"content/{page}.py")
        at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> bytes:
    """Everything the browser would receive for this run: every element's message, tables (Arrow) and charts
    (JSON) included, in the main area and the sidebar."""
    out: list[bytes] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"\n".join(out)


def words(at: AppTest) -> set[str]:
    """Which units this run shows anything of: its marked data, or the path of its workbook (the Dữ liệu page and
    the sidebar name the source)."""
    body = shown(at)
    found = {code for code, mark in MARK.items() if mark.encode() in body}
    return found | {code for code, path in SOURCES.items() if str(path).encode() in body}


def marks(at: AppTest) -> set[str]:
    body = shown(at)
    return {code for code, mark in MARK.items() if mark.encode() in body}


# Pages whose content names marked data (names, tasks, programme, budget, the event's name): A's mark must be seen
# there, so a page quietly showing nothing could not pass for "isolated".
SHOWS_DATA = {"overview", "tasks", "attendees", "nominations", "programme", "budget", "seating", "settings"}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_unit_a_shows_a_and_never_b(page, tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"], page)
    seen = words(at)
    assert "b" not in seen and "single" not in seen, page
    assert at.title, page
    if page in SHOWS_DATA:
        assert "a" in marks(at), page
    assert any(NAME["a"] in m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize("page", ["attendees", "data"])
def test_unit_b_is_isolated_the_same_way(page, tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "b", PASSCODE["b"], page)
    assert words(at) == {"b"}


def test_without_a_unit_the_picker_shows_and_no_data(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, None)
    assert [t.value for t in at.title] == ["Chọn đơn vị"]
    assert not words(at)
    assert at.selectbox(key="unit_picker").options == [NAME["a"], NAME["b"]]
    at.selectbox(key="unit_picker").set_value("b")
    at.button(key="unit_open").click().run()
    assert at.query_params[UNIT_PARAM] == "b"
    assert any("đăng nhập" in i.value for i in at.info) and not words(at)  # B's sign-in, not B's data
    sign_in(at, PASSCODE["b"])
    assert words(at) == {"b"}


def test_an_unknown_unit_is_refused_with_no_data(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "zz")
    assert any("Không có đơn vị “zz”" in e.value for e in at.error)
    assert not words(at)
    assert not [w for w in at.text_input if w.key == "auth_passcode"]


def test_another_unit_in_the_url_drops_the_sign_in_and_asks_for_its_own_passcode(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"], "attendees")
    assert words(at) == {"a"} and at.session_state["auth_role"] == "ADMIN"
    at.query_params[UNIT_PARAM] = "b"
    at.run()
    assert not at.exception, at.exception
    assert "auth_role" not in at.session_state
    assert not words(at)
    assert any("đăng nhập" in i.value for i in at.info)
    sign_in(at, PASSCODE["a"])  # A's passcode opens nothing in B
    assert "auth_role" not in at.session_state and not words(at)
    assert any("không đúng" in e.value for e in at.error), [e.value for e in at.error]
    sign_in(at, PASSCODE["b"])
    at.switch_page("content/attendees.py")
    at.run()
    assert words(at) == {"b"}
    at.query_params[UNIT_PARAM] = "a"  # and back: A's sign-in was dropped on the way out, it is not restored
    at.run()
    assert "auth_role" not in at.session_state and not words(at)


def test_switching_unit_from_the_sidebar_signs_out_and_shows_the_picker(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"], "nominations")
    assert marks(at) == {"a"}
    at.sidebar.button(key="unit_switch").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Chọn đơn vị"] and UNIT_PARAM not in at.query_params
    assert "auth_role" not in at.session_state and not words(at)


def test_moving_between_pages_keeps_the_unit(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "b", PASSCODE["b"], "tasks")
    del at.query_params[UNIT_PARAM]  # a page change drops the query string in the browser
    at.switch_page("content/programme.py")
    at.run()
    assert at.session_state["auth_role"] == "ADMIN" and words(at) == {"b"}
    assert at.query_params[UNIT_PARAM] == "b"


@pytest.mark.parametrize("page", ["attendees", "data", "overview"])
def test_a_page_run_with_another_units_sign_in_shows_nothing(page, tmp_path, monkeypatch):
    """The last guard (ui.auth.session): a sign-in made for unit A is no sign-in in unit B, even if B became the
    session's unit by a way that skipped app.py's unit change."""
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"])
    alone = AppTest.from_file(str(ROOT / "content" / f"{page}.py"), default_timeout=60)
    for key in ("auth_role", "auth_user", "auth_since", "auth_unit"):
        alone.session_state[key] = at.session_state[key]
    alone.session_state["_unit"] = "b"
    alone.run()
    assert not alone.exception, alone.exception
    assert not alone.title and not words(alone)
    assert any("đăng nhập" in i.value for i in alone.info)
    alone.session_state["_unit"] = "a"  # the same sign-in in its own unit opens the page (so the check can fail)
    alone.run()
    assert alone.title and words(alone) == {"a"}


def test_a_page_run_with_no_unit_chosen_shows_nothing(tmp_path, monkeypatch):
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"])
    del at.session_state["_unit"]
    alone = page_alone(at, "attendees")
    assert not alone.exception, alone.exception
    assert not alone.title and not words(alone)
    assert any("Chưa chọn đơn vị" in i.value for i in alone.info)


def _text(name: str, body: bytes) -> str:
    if name.endswith(".pdf"):
        from pypdf import PdfReader

        return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if name.endswith((".docx", ".xlsx", ".zip")):
        book = zipfile.ZipFile(io.BytesIO(body))
        return "\n".join(_text(member, book.read(member)) for member in book.namelist())
    return body.decode("utf-8", "replace")


def test_documents_downloaded_in_a_name_nobody_of_b(tmp_path, monkeypatch):
    """Every download the Tài liệu page offers in unit A — Word, Excel, and the PDFs of the lists — built as a click
    builds it, then read: A's names are in them, B's never."""
    from streamlit.delta_generator import DeltaGenerator

    offered: dict[str, object] = {}  # key → the data (or the callable a click runs) of every download button
    real = DeltaGenerator.download_button

    def recording(self, label, data, *args, **kwargs):
        offered[kwargs.get("key", label)] = data
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"], "documents")
    built: dict[str, str] = {}
    for key, data in offered.items():
        if key.endswith("_pdf") and not any(k in key for k in ("attendees", "honorees", "programme", "invitation")):
            continue  # the Word twin of each document carries the same words; PDFs are slow to read back
        body = data() if callable(data) else data
        built[key] = _text(f"x.{key.rsplit('_', 1)[-1]}", body if isinstance(body, bytes) else str(body).encode())
    assert len(built) > 10, sorted(built)
    leaking = [key for key, text in built.items() if MARK[other("a")] in text or MARK["single"] in text]
    assert not leaking
    assert sum(MARK["a"] in text for text in built.values()) >= 5, sorted(k for k, v in built.items() if MARK["a"] in v)
    at.button(key="doc_dossier_build").click().run()  # the .zip sent to the council
    dossier = _text("x.zip", at.session_state["doc_dossier_zip"][1])
    assert MARK["a"] in dossier and MARK["b"] not in dossier


def test_no_cache_falls_back_to_the_single_unit_source(tmp_path, monkeypatch):
    """With a deployment, the per-unit caches (ui.context.unit_config/unit_store/unit_reads, keyed by code) know only
    the file's units: "" (the single unit's key) or an unknown code is refused, never read from $CONFERENCE_WORKBOOK."""
    from services.setup.deployment import UnknownUnit
    from ui import context

    open_unit(tmp_path, monkeypatch, "a", PASSCODE["a"])
    for code in ("", "zz"):
        with pytest.raises(UnknownUnit):
            context.unit_reads(code)
    assert context.unit_config("b").workbook == tmp_path / "units" / "b.xlsx"

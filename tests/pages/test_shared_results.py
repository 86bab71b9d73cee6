"""Page results shared by all sessions (ui.context.shared): one computation for two sessions, one dataset fetch per
script run, dropped by refresh() and by a new dataset version (a write by anyone, once the read cache expires), and
left unchanged by the pages that read them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.context
from services.awards import honours
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.apptest_helpers import PAGES, expire_reads, open_app
from tests.conftest import ROOT

ASSESS = "services.planning.readiness.assess"
FIGURES = "services.planning.charts.overview_figures"
ORDER = "services.awards.honours.honoree_order"
TABLE = "services.awards.nomination_forms.nomination_table"


@pytest.fixture(autouse=True)
def pinned_day(monkeypatch):
    monkeypatch.setenv("CONFERENCE_TODAY", "2026-11-25")


def another_session(page: str) -> AppTest:
    """A second browser session on the same server: same process caches, its own session state."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page(f"content/{page}.py")
    return at.run()


def computed(name: str) -> int:
    return ui.context.reads().derived.computed[name]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_two_sessions_share_one_computation(seeded_path, monkeypatch):
    first = open_app(seeded_path, monkeypatch, "overview")
    second = another_session("overview")
    assert not first.exception and not second.exception
    assert computed(ASSESS) == 1 and computed(FIGURES) == 1
    assert len(second.get("plotly_chart")) == 5
    assert metric(first, "Điểm sẵn sàng") == metric(second, "Điểm sẵn sàng")
    first.run()  # a rerun of the same session reuses it too
    assert computed(ASSESS) == 1


def test_sessions_in_another_language_get_their_own_result(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    at.selectbox(key=ui.context.LANG_KEY).set_value("en").run()
    assert not at.exception
    assert "Readiness score" in {m.label for m in at.metric}
    assert computed(ASSESS) == 2  # one per language


def test_refresh_drops_the_shared_results(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    kept = len(ui.context.reads().derived)
    assert computed(ASSESS) == 1 and kept
    at.button(key="sidebar_refresh").click().run()
    assert not at.exception
    assert computed(ASSESS) == 2
    assert len(ui.context.reads().derived) == kept  # only the new load's results: the old ones were dropped


def test_the_apps_own_write_shows_at_once(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert computed(TABLE) == 1
    at.selectbox(key="nom_award_new").set_value("Chiến sĩ thi đua cơ sở")
    at.text_input(key="nom_name_new").input("Người Mới Đề Cử")
    at.selectbox(key="nom_gender_new").set_value("Nữ")
    at.text_input(key="nom_unit_new").input("Văn phòng Sở")
    at.button(key="nom_save_new").click().run()
    assert not at.exception
    assert computed(TABLE) == 2  # the write's refresh() dropped it; this run worked it out again
    assert "Người Mới Đề Cử" in set(at.dataframe[0].value.astype(str).to_numpy().ravel())


def test_a_new_dataset_version_is_worked_out_again(seeded_path, monkeypatch):
    """Someone else writes (here: straight to the workbook); once the read cache expires (cleared here, as the TTL
    does), the next view reads the new version and the shared results follow it."""
    at = open_app(seeded_path, monkeypatch, "overview")
    done_before = metric(at, "Nhiệm vụ hoàn thành")
    tasks = validate(WorkbookStore(seeded_path).load()).frames["tasks"]
    open_task = tasks.index[tasks["status"] != "hoàn thành"][0]
    WorkbookStore(seeded_path).update_row("tasks", open_task, {"status": "hoàn thành"}, {}, user="cán bộ")
    at.run()
    # within the TTL: the cached read, and what was derived from it
    assert metric(at, "Nhiệm vụ hoàn thành") == done_before
    expire_reads()  # the TTL expires
    at.run()
    assert not at.exception
    assert computed(ASSESS) == 2
    done, total = done_before.split("/")
    assert metric(at, "Nhiệm vụ hoàn thành") == f"{int(done) + 1}/{total}"


def test_a_read_that_finds_the_same_text_keeps_the_shared_results(seeded_path, monkeypatch):
    """The TTL runs out every 10 s; a read finding what the last one did is not validated or worked out again, but
    the sidebar shows the new read's time."""
    at = open_app(seeded_path, monkeypatch, "overview")
    first_read = ui.context.reads().validated.latest(ui.context.reads().backend_key()).loaded_at
    Path(seeded_path).touch()  # a save that changed nothing: the workbook is read again, the text is the same
    expire_reads()
    at.run()
    assert not at.exception
    held = ui.context.reads().validated.latest(ui.context.reads().backend_key())
    assert held.loaded_at > first_read
    assert ui.context.reads().validated.validations == 1
    assert computed(ASSESS) == 1 and computed(FIGURES) == 1
    assert held.loaded_at.strftime("%H:%M:%S") in " ".join(c.value for c in at.sidebar.caption)


def test_sidebar_and_page_share_one_dataset_fetch_per_run(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "overview")
    fetches: list[int] = []
    reads = ui.context.reads()
    real = reads.dataset
    monkeypatch.setattr(reads, "dataset", lambda: fetches.append(1) or real())
    at.run()
    assert not at.exception and len(fetches) == 1
    at.run()
    assert len(fetches) == 2  # the next run fetches again (the dataset cache decides whether that reads)


def test_every_page_leaves_the_shared_dataset_unchanged(seeded_path, monkeypatch):
    """Every session gets the same Dataset object (no copy per run): no page may change its frames in place."""
    at = open_app(seeded_path, monkeypatch, "settings")  # signed in as admin: every page is open
    for page in sorted(PAGES):  # every page of a unit (the council's page is not a unit's: test_province_page.py)
        at.switch_page(f"content/{page}.py")
        at.run()
        assert not at.exception, page
    held = ui.context.reads().validated.latest(ui.context.reads().backend_key())
    fresh = validate(WorkbookStore(seeded_path).load())
    for kind in ("frames", "raw"):
        for key, frame in getattr(fresh, kind).items():
            pd.testing.assert_frame_equal(getattr(held, kind)[key], frame, obj=f"{kind}[{key}]")
    assert held.problems == fresh.problems and held.settings == fresh.settings


def test_pages_leave_the_shared_results_unchanged(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    for page in ("documents", "seating", "budget", "overview", "nominations"):
        at.switch_page(f"content/{page}.py")
        at.run()
        assert not at.exception, page
    fresh = validate(WorkbookStore(seeded_path).load())
    kept = {name: value for name, _, value in ui.context.reads().derived.entries()}
    for name, compute in {
        ORDER: honours.honoree_order,
        "services.awards.honours.unproofread": honours.unproofread,
        "services.awards.honours.presentations": honours.presentations,
        "services.awards.honours.delegates": honours.delegates,
    }.items():
        pd.testing.assert_frame_equal(kept[name], compute(fresh), obj=name)
    overdue = next(v for n, args, v in ui.context.reads().derived.entries() if n == ASSESS).overdue
    from services.planning.readiness import assess, reference_day

    pd.testing.assert_frame_equal(overdue, assess(fresh, reference_day(), "vi").overdue)

"""The emulator against Google's own recorded answers (tests/data/google_recordings, gspread's cassettes, MIT).

Every recorded session is replayed in order; each request must get Google's status and, on what the app and staff
depend on, Google's answer (values, ranges, replies, spreadsheet metadata). The table per request kind is printed
with `-s` and by `python -m tests.store.google_replay`.
"""

from __future__ import annotations

import pytest

from tests.store.google_replay import disagreements, load, replay

# The request kinds issue 26 names: each must be in the recordings and agree on every replayed request.
REQUIRED_KINDS = (
    "values.get",
    "values.batchGet",
    "values.update",
    "values.append",
    "values.batchUpdate",
    "values.clear",
    "values.batchClear",
    "spreadsheets.get",
    "batchUpdate.addSheet",
    "batchUpdate.deleteSheet",
    "batchUpdate.insertDimension",
    "batchUpdate.deleteDimension",
    "batchUpdate.sortRange",
    "batchUpdate.copyPaste",
    "batchUpdate.cutPaste",
    "batchUpdate.mergeCells",
    "batchUpdate.unmergeCells",
    "batchUpdate.setDataValidation",
    "batchUpdate.addProtectedRange",
    "batchUpdate.updateSheetProperties",
    "batchUpdate.setBasicFilter",
    "batchUpdate.clearBasicFilter",
    "batchUpdate.updateSpreadsheetProperties",
)


@pytest.fixture(scope="module")
def tally():
    return replay()


def test_recordings_name_their_source_and_cover_the_kinds():
    data = load()
    assert "burnash/gspread" in data["source"] and "MIT" in data["source"]
    assert len(data["commit"]) == 40
    kinds = {i["kind"] for s in data["sessions"] for i in s["interactions"]}
    assert set(REQUIRED_KINDS) <= kinds
    # Error answers are part of it: a missing spreadsheet, a private one, a bad body, hiding the last tab.
    statuses = {i["status"] for s in data["sessions"] for i in s["interactions"]}
    assert {400, 403, 404} <= statuses


def test_every_recorded_request_gets_googles_answer(tally):
    print("\n" + tally.table())
    wrong = disagreements(tally)
    assert not wrong, "\n".join(f"{kind}: {lines[0]} (+{len(lines) - 1} more)" for kind, lines in wrong.items())
    for kind in REQUIRED_KINDS:
        assert tally.replayed[kind] > 0, kind
        assert tally.agreed[kind] == tally.replayed[kind], kind
    assert sum(tally.refused.values()) == 0


def test_error_answers_agree(tally):
    errors = [o for o in tally.outcomes if o.recorded_status >= 400 and not o.dependent]
    assert errors, "the recordings hold error answers"
    assert all(o.status == o.recorded_status and o.agreed for o in errors)

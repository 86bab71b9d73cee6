"""The council's side of a nomination (status on record, council size to start from) and who may give a talk."""

from __future__ import annotations

from services.awards import council, honours, talks
from services.validation import validate


def test_a_blank_status_is_on_record_as_proposed():
    assert council.recorded_status("") == honours.PROPOSED
    assert council.recorded_status(None) == honours.PROPOSED
    assert council.recorded_status(honours.REVIEW) == honours.REVIEW


def test_the_vote_form_starts_from_the_recorded_membership_else_the_setting(seeded_store):
    data = validate(seeded_store.load())
    assert data.settings.council_members == 9
    form = honours.AwardType("X", 1, threshold=80)
    assert council.council_size(data, honours.vote_result(form, 5, 11)) == 11
    assert council.council_size(data, honours.vote_result(form, None, None)) == 9


def test_every_nomination_not_rejected_may_carry_a_talk(seeded_store):
    store = seeded_store
    store.update_row("nominations", "DC-005", {"status": honours.REJECTED}, {}, user="x")
    data = validate(store.load())
    candidates = talks.talk_candidates(data)
    assert "DC-005" not in candidates
    assert {"DC-001", "DC-009", "DC-013"} <= set(candidates), "approved, under review and proposed ones may"
    frame = data.frames["nominations"]
    assert candidates == [i for i in frame.index if frame.at[i, "status"] != honours.REJECTED]

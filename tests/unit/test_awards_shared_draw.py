"""The Khen thưởng page draws the honoree order and the votes once and hands them on: the same results as when each
helper works them out itself."""

from __future__ import annotations

import pandas as pd

from services.awards import honours
from services.awards import nomination_forms as forms_svc
from services.validation import validate


def test_helpers_given_the_order_and_votes_match_their_own(seeded_store):
    data = validate(seeded_store.load())
    order, votes = honours.honoree_order(data), honours.nomination_votes(data)
    approved = honours.approved_order(data)  # proofreading covers every approved line, decided or proposed
    pd.testing.assert_frame_equal(honours.unproofread(data, approved), honours.unproofread(data))
    pd.testing.assert_frame_equal(honours.presentations(data, order), honours.presentations(data))
    assert forms_svc.delegate_candidates(data, order) == forms_svc.delegate_candidates(data)
    assert honours.approval_problems(data, votes) == honours.approval_problems(data)
    pd.testing.assert_frame_equal(forms_svc.nomination_table(data, votes), forms_svc.nomination_table(data))


def test_unproofread_lines_are_the_printed_lines(seeded_store):
    data = validate(seeded_store.load())
    pending = honours.unproofread(data)
    assert list(pending["line"]) == [honours.printed_line(row) for _, row in pending.iterrows()]


def test_votes_repeat_one_verdict_per_award_and_numbers(seeded_store):
    data = validate(seeded_store.load())
    votes = honours.nomination_votes(data)
    for row_id in data.frames["nominations"].index:
        assert votes[row_id] == honours.nomination_vote(data, row_id)

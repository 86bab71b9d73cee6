"""Saving the delegates to the higher-level congress: the honorees' marks on their nominations and the staff list in
the `delegate_staff` setting, which older workbooks do not have yet."""

from __future__ import annotations

from collections.abc import Iterable

from services.awards import nomination_forms
from services.edits.row_edits import Written, write_rows
from services.store import Store, StoreError
from services.validation import Dataset

STAFF_SETTING = "delegate_staff"


def save_delegates(store: Store, data: Dataset, picked: Iterable[str], *, user: str) -> Written:
    """Honorees (nomination IDs) and staff (attendee IDs) in one list; HonoursError over the quota or for someone who
    may not go, before anything is written. The setting is written last, and only when it changes."""
    picked = list(picked)
    nominations = data.frames["nominations"].index
    changes, staff = nomination_forms.delegate_plan(
        data, [i for i in picked if i in nominations], [i for i in picked if i not in nominations]
    )
    written = write_rows(store, data, "nominations", changes, user=user)
    if not written.complete or staff == data.settings.text(STAFF_SETTING):
        return written
    try:
        if STAFF_SETTING in data.raw["settings"].index:
            expected = data.seen("settings", STAFF_SETTING, ["value"])
            store.update_row("settings", STAFF_SETTING, {"value": staff}, expected, user=user)
        else:
            store.append_rows("settings", [nomination_forms.setting_row(STAFF_SETTING, staff)], user=user)
    except StoreError as exc:
        return Written(written.rows, exc)
    return Written(written.rows + 1)

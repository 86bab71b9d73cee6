"""The settings screen (Quản trị → Cài đặt): every key of the `Sự kiện` tab in one of four groups, with its kind, its
label and help in both languages, and the check a new value must pass before anything is written.

Values are handled as the text a cell holds. A field whose input equals what the screen showed is not a change
(and is not checked: a bad cell elsewhere never blocks saving another field); the changed ones are checked one by
one with the reader's own rule (`validation.setting_value`), then together where settings depend on each other (the
hall layout, the certificate positions, the council's attendance). Only when all pass is anything written — row by
row, each a conflict-checked, audited edit like any other."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, time

from services.edits.row_edits import Written, write_rows
from services.i18n import t
from services.parsing import CellError, clean, parse_bool, shown
from services.people.seating import Hall, SeatingError, hall_from_settings, parse_reserved, row_label
from services.schema import HALL_ROWS_BOUNDS, SETTING_BY_KEY, SETTING_DEFS, SETTINGS, Kind, Setting
from services.store import Store, StoreError
from services.validation import Dataset, EventSettings, bounds_text, setting_value

GROUPS = ("event", "council", "hall", "documents")
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "event": (
        "event_name", "event_short", "parent_body", "organiser", "event_date", "start_time", "session_minutes",
        "venue", "place", "report_lead_days", "dossier_sent_date", "council_body", "demo_data",
    ),
    "council": (
        "council_members", "council_present", "council_chair", "council_secretary", "council_closed_at",
        "vote_share_base_title", "vote_share_upward", "council_meeting_date", "council_roster", "council_absent",
        "ballot_counters", "ballots_returned", "ballots_invalid",
        "emulation_ratio_cap", "base_salary", "decision_no", "decision_date", "proposal_no", "higher_congress",
        "delegate_quota", "delegate_staff",
    ),
    "hall": ("capacity", "hall_rows", "hall_seats_per_row", "hall_reserved", "honoree_batch_size"),
    "documents": (
        "signer_title", "signer_name", "document_font", "cert_page", "cert_offset", "cert_name", "cert_unit",
        "cert_achievement", "cert_decision",
    ),
}  # fmt: skip
GROUP_OF: dict[str, str] = {key: group for group, keys in GROUP_KEYS.items() for key in keys}
if set(GROUP_OF) != set(SETTING_BY_KEY) or len(GROUP_OF) != sum(map(len, GROUP_KEYS.values())):
    raise RuntimeError(f"every setting in exactly one group: {set(GROUP_OF) ^ set(SETTING_BY_KEY)}")

FONT = "document_font"
HALL_KEYS = ("hall_rows", "hall_seats_per_row", "hall_reserved")
CERT_KEYS = ("cert_page", "cert_offset", "cert_name", "cert_unit", "cert_achievement", "cert_decision")
MAX_TEXT = 500  # characters of a text setting: a name or a title, never a paste of a document
YES, NO = "có", "không"


@dataclass(frozen=True)
class Field:
    setting: Setting
    group: str

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def kind(self) -> Kind:
        return self.setting.kind

    def label(self, lang: str = "vi") -> str:
        return t(f"settings.field.{self.key}", lang)

    def help(self, lang: str = "vi") -> str:
        """What the setting is for, then how to write it (its kind, its bounds, its default)."""
        parts = [t(f"settings.help.{self.key}", lang), t(f"settings.kind.{self.kind.value}", lang)]
        if self.setting.bounds and self.kind in (Kind.INT, Kind.MONEY):
            parts.append(t("settings.bounds", lang, bounds=bounds_text(self.setting.bounds)))
        if self.setting.default:
            parts.append(t("settings.default", lang, default=self.setting.default))
        return " ".join(parts)


FIELDS: tuple[Field, ...] = tuple(Field(s, GROUP_OF[s.key]) for s in SETTING_DEFS)
FIELD_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}


def fields(group: str) -> list[Field]:
    return [FIELD_BY_KEY[key] for key in GROUP_KEYS[group]]


@dataclass(frozen=True)
class FieldError:
    key: str
    message: str  # names the field; the detail is the reader's own (Vietnamese)


def shown_values(data: Dataset) -> dict[str, str]:
    """Each setting's text as the screen shows it: the cell as staff wrote it, or the default when there is no row."""
    raw = data.raw[SETTINGS.key]
    values = raw["value"].to_dict() if "value" in raw else {}
    return {s.key: str(values[s.key]) if s.key in values else s.default for s in SETTING_DEFS}


def changed(shown_now: Mapping[str, str], inputs: Mapping[str, str]) -> dict[str, str]:
    """The inputs that differ from what was shown (a yes/no compared as such, text without outer spaces)."""
    out: dict[str, str] = {}
    for key, text in inputs.items():
        new, old = clean(text), clean(shown_now.get(key, ""))
        field = FIELD_BY_KEY[key]
        if field.kind == Kind.BOOL and parse_bool(new) == parse_bool(old):
            continue
        if new != old:
            out[key] = new
    return out


def _canonical(field: Field, value: object, text: str) -> str:
    """The text written for a value that passed: dates dd/mm/yyyy, times HH:MM, numbers as plain digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return text


def _error(key: str, reason: str, lang: str) -> FieldError:
    reason = reason.removeprefix(SETTING_BY_KEY[key].label.split(" (")[0] + ": ")  # the reader may name it too
    return FieldError(key, t("settings.error", lang, field=FIELD_BY_KEY[key].label(lang), reason=reason.rstrip(".")))


def _layout_problem(key: str, text: str) -> str | None:
    """A hall or certificate layout setting read on its own (its fit with the others is checked after)."""
    from services.documents.certificates import CertificateSettingsError, parse_page, parse_point

    try:
        if key == "hall_reserved":
            parse_reserved(text, [row_label(i) for i in range(HALL_ROWS_BOUNDS[1])])
        elif key == "cert_page":
            parse_page(text)
        elif key in CERT_KEYS:
            parse_point(text, key, SETTING_BY_KEY[key].default or "0; 0")
    except (SeatingError, CertificateSettingsError) as exc:
        return str(exc)
    return None


def _check_one(field: Field, text: str, lang: str) -> tuple[str, str | None]:
    """(canonical text, None) or (text, the reason it is refused)."""
    if field.kind == Kind.TEXT:
        if "\n" in text or "\r" in text:
            return text, t("settings.one_line", lang)
        if len(text) > MAX_TEXT:
            return text, t("settings.too_long", lang, limit=MAX_TEXT)
        if text and (reason := _layout_problem(field.key, text)):
            return text, reason
        if field.key == FONT and text:
            from services.documents.fonts import font_setting_problem

            if problem := font_setting_problem(text):
                return text, problem
        return text, None
    if field.kind == Kind.BOOL:
        return (YES if parse_bool(text) else NO), None
    if field.kind in (Kind.INT, Kind.MONEY) and text and not text.lstrip("-").replace(".", "").isdigit():
        return text, t("settings.not_whole", lang, text=shown(text))
    try:
        value = setting_value(field.setting, text)
    except CellError as exc:
        return text, str(exc)
    if value is None and text:
        return text, t("settings.unreadable", lang, text=shown(text))
    return _canonical(field, value, text), None


def _event_settings(values: Mapping[str, str]) -> EventSettings:
    """Enough of an EventSettings for the checks that read one (certificate positions): the text is what counts."""
    return EventSettings(
        values=dict(values), event_date=None, start_time=time(7, 30), session_minutes=240, report_lead_days=15,
        capacity=120, honoree_batch_size=10, council_members=9, delegate_quota=5, demo_data=False,
    )  # fmt: skip


def check(
    shown_now: Mapping[str, str],
    changes: Mapping[str, str],
    lang: str = "vi",
    attendee_ids: Collection[str] | None = None,
) -> tuple[dict[str, str], list[FieldError]]:
    """(what to write, refusals): each changed value checked on its own, then with the settings it goes with.
    `attendee_ids`: the `Đại biểu` IDs, which `delegate_staff` must name (None: not checked)."""
    out: dict[str, str] = {}
    errors: list[FieldError] = []
    for key, text in changes.items():
        value, reason = _check_one(FIELD_BY_KEY[key], text, lang)
        if reason:
            errors.append(_error(key, reason, lang))
        else:
            out[key] = value
    bad = {e.key for e in errors}
    merged = {**shown_now, **out}
    if set(changes) & set(HALL_KEYS) and not bad & set(HALL_KEYS):
        try:
            hall_from_settings(merged)
        except SeatingError as exc:
            errors.append(_error(next(k for k in reversed(HALL_KEYS) if k in changes), str(exc), lang))
    if set(changes) & set(CERT_KEYS) and not bad & set(CERT_KEYS):
        from services.documents.certificates import CertificateSettingsError, layout_from_settings

        try:
            layout_from_settings(_event_settings(merged))
        except CertificateSettingsError as exc:
            key = exc.key if exc.key in changes else next(k for k in CERT_KEYS if k in changes)
            errors.append(_error(key, str(exc), lang))
    if attendee_ids is not None and out.get("delegate_staff"):
        unknown = [i for i in re.split(r"[,;\s]+", out["delegate_staff"]) if i and i not in attendee_ids]
        if unknown:
            errors.append(_error("delegate_staff", t("settings.unknown_ids", lang, ids=", ".join(unknown)), lang))
    present, members = merged.get("council_present", ""), merged.get("council_members", "")
    council = {"council_present", "council_members"} & set(out)
    if council and present.isdigit() and members.isdigit() and int(present) > int(members):
        key = "council_present" if "council_present" in out else "council_members"
        errors.append(_error(key, t("settings.present_above", lang, present=present, members=members), lang))
    # The tally's own arithmetic: invalid ≤ returned ≤ issued (one ballot per member present).
    for small, large in (("ballots_returned", "council_present"), ("ballots_invalid", "ballots_returned")):
        low, high = merged.get(small, ""), merged.get(large, "")
        if {small, large} & set(out) and low.isdigit() and high.isdigit() and int(low) > int(high):
            key = small if small in out else large
            message = t(
                "settings.ballots_above",
                lang,
                small=FIELD_BY_KEY[small].label(lang),
                large=FIELD_BY_KEY[large].label(lang),
            )
            errors.append(_error(key, message, lang))
    return ({} if errors else out), errors


def hall_preview(shown_now: Mapping[str, str], inputs: Mapping[str, str]) -> Hall:
    """The hall as the form's inputs describe it (raises SeatingError): what the preview draws before saving."""
    return hall_from_settings({**shown_now, **{k: clean(v) for k, v in inputs.items() if k in HALL_KEYS}})


def write(store: Store, data: Dataset, values: Mapping[str, str], *, user: str) -> Written:
    """Checked values written: an existing row is a conditional edit against what the screen showed (a cell changed
    since is a Conflict naming it, nothing overwritten); a setting without a row gets one. Audited like every edit."""
    existing = set(data.raw[SETTINGS.key].index)
    updates = {key: {"value": value} for key, value in values.items() if key in existing}
    done = write_rows(store, data, SETTINGS.key, updates, user=user)
    if not done.complete:
        return done
    new_rows = [
        {"id": key, "label": SETTING_BY_KEY[key].label, "value": value}
        for key, value in values.items()
        if key not in existing
    ]
    if new_rows:
        try:
            store.append_rows(SETTINGS.key, new_rows, user=user)
        except StoreError as exc:
            return replace(done, error=exc)
        done = Written(done.rows + len(new_rows))
    return done

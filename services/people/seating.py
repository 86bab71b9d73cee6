"""Seating plan: the hall from settings, automatic assignment by group and rank, hand moves, and the chart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from openpyxl.utils import get_column_letter

from services.edits.row_edits import BulkResult
from services.i18n import t
from services.parsing import CellError, clean, parse_number
from services.people.positions import position_rank
from services.schema import Group, NominationStatus, NomineeKind, Rsvp
from services.store import Store, StoreError
from services.text import fold
from services.validation import Dataset


class SeatingError(StoreError):
    """Hall settings that cannot be read, or a seat that cannot be given; the message is shown as is."""


# Categories in the order they are seated; the zone each one fills first ("" = the general rows).
PROVINCE, DEPARTMENT, GUEST, HONOREE, STAFF = "province", "department", "guest", "honoree", "staff"
CATEGORIES = (PROVINCE, DEPARTMENT, GUEST, HONOREE, STAFF)
ZONE_OF = {PROVINCE: "leaders", DEPARTMENT: "leaders", GUEST: "guests", HONOREE: "honorees", STAFF: ""}
# Zone names staff write in the "Khu dành riêng" setting (folded).
ZONE_WORDS = {
    "lanh dao": "leaders",
    "chu toa": "leaders",
    "doan chu tich": "leaders",
    "khen thuong": "honorees",
    "dien hinh": "honorees",
    "nhan khen thuong": "honorees",
    "khach moi": "guests",
    "khach": "guests",
}
ZONE_LABELS = {"leaders": "lãnh đạo", "honorees": "khen thưởng", "guests": Group.GUEST.value, "": "chung"}
CATEGORY_LABELS = {
    PROVINCE: "Lãnh đạo tỉnh",
    DEPARTMENT: "Lãnh đạo Sở",
    GUEST: "Khách mời",
    HONOREE: "Được khen thưởng",
    STAFF: "CBCCVC, người lao động",
}
_SEAT = re.compile(r"^\s*([A-Za-z]{1,2})\s*[-.\s]?\s*(\d{1,3})\s*$")


def row_label(index: int) -> str:
    """0 → A … 25 → Z, 26 → AA: rows lettered from the stage back, like sheet columns."""
    return str(get_column_letter(index + 1))  # openpyxl is untyped


def seat_label(row: str, number: int) -> str:
    return f"{row}{number:02d}"


def parse_seat(text: str) -> tuple[str, int] | None:
    """'A5', 'a05', 'A-5', 'A 5' → ('A', 5); anything else → None."""
    m = _SEAT.match(clean(text))
    return (m.group(1).upper(), int(m.group(2))) if m else None


@dataclass(frozen=True)
class Hall:
    rows: int
    seats_per_row: int
    zones: dict[str, str] = field(default_factory=dict)  # row label → zone key

    @property
    def row_labels(self) -> list[str]:
        return [row_label(i) for i in range(self.rows)]

    @property
    def capacity(self) -> int:
        return self.rows * self.seats_per_row

    @property
    def aisle_after(self) -> int:
        """One centre aisle, after this seat number."""
        return self.seats_per_row // 2

    def aisle_distance(self, number: int) -> int:
        return self.aisle_after - number if number <= self.aisle_after else number - self.aisle_after - 1

    def normalise(self, text: str) -> str | None:
        """The canonical label of a seat in this hall, or None if there is no such seat."""
        parsed = parse_seat(text)
        if parsed is None:
            return None
        row, number = parsed
        if row not in self.row_labels or not 1 <= number <= self.seats_per_row:
            return None
        return seat_label(row, number)

    def zone_rows(self, zone: str) -> list[str]:
        return [r for r in self.row_labels if self.zones.get(r, "") == zone]

    def near_aisle(self, zone: str) -> list[str]:
        """Seats of a zone, front row first, and within a row the ones next to the aisle first (alternating)."""
        order = sorted(range(1, self.seats_per_row + 1), key=lambda n: (self.aisle_distance(n), n))
        return [seat_label(r, n) for r in self.zone_rows(zone) for n in order]

    def in_rows(self, zone: str) -> list[str]:
        """Seats of a zone, front to back, left to right — so one unit sits together."""
        return [seat_label(r, n) for r in self.zone_rows(zone) for n in range(1, self.seats_per_row + 1)]


def parse_reserved(text: str, row_labels: list[str]) -> dict[str, str]:
    """'A:lãnh đạo;B-C:khen thưởng;D:khách mời' → {'A': 'leaders', 'B': 'honorees', 'C': 'honorees', 'D': 'guests'}."""
    zones: dict[str, str] = {}
    for part in re.split(r"[;\n]", clean(text)):
        if not part.strip():
            continue
        rows_text, sep, name = part.partition(":")
        zone = ZONE_WORDS.get(fold(name))
        if not sep or zone is None:
            raise SeatingError(
                f"Khu dành riêng “{part.strip()}” không đọc được — viết dạng “A:lãnh đạo;B-C:khen thưởng;D:khách mời”."
            )
        first, _, last = rows_text.strip().upper().partition("-")
        last = last.strip() or first.strip()
        first = first.strip()
        if first not in row_labels or last not in row_labels or row_labels.index(last) < row_labels.index(first):
            raise SeatingError(
                f"Hàng “{rows_text.strip()}” không có trong hội trường ({row_labels[0]}–{row_labels[-1]})."
            )
        for label in row_labels[row_labels.index(first) : row_labels.index(last) + 1]:
            zones[label] = zone
    return zones


def hall_from_settings(values: dict[str, str]) -> Hall:
    """From the `Sự kiện` settings (hall_rows, hall_seats_per_row, hall_reserved)."""
    try:
        rows = parse_number(values.get("hall_rows") or "10") or 0
        seats = parse_number(values.get("hall_seats_per_row") or "12") or 0
    except CellError as exc:
        raise SeatingError(f"Cấu hình hội trường: {exc}") from exc
    if not 1 <= rows <= 60 or not 1 <= seats <= 80:
        raise SeatingError("Số hàng (1–60) hoặc số ghế mỗi hàng (1–80) của hội trường không hợp lệ.")
    labels = [row_label(i) for i in range(rows)]
    return Hall(rows=rows, seats_per_row=seats, zones=parse_reserved(values.get("hall_reserved", ""), labels))


# --- who sits where ------------------------------------------------------------------------------


# Names and units folded once per process, not once per draw: the chart's colours need every attendee's folded
# name (to find the honorees), and the same dataset is drawn again on every rerun.
_fold = lru_cache(maxsize=65_536)(fold)


def _folded(values: list[str]) -> list[str]:
    """fold() of each value (cached: the same names and units come back on every draw)."""
    return [_fold(v) for v in values]


def honorees(data: Dataset) -> dict[str, tuple[int, int, str]]:
    """Attendee ID → (award order, award rank, award) for approved individual nominations matched by name + unit."""
    noms = data.frames["nominations"]
    awards = data.frames["awards"]
    rank_of = {
        fold(n): int(r) for n, r in zip(awards["name"].tolist(), awards["rank"].tolist(), strict=False) if pd.notna(r)
    }
    people = data.frames["attendees"]
    ids, names = people.index.tolist(), _folded(people["name"].tolist())
    by_name_unit = dict(zip(zip(names, _folded(people["unit"].tolist()), strict=True), ids, strict=True))
    by_name: dict[str, list[str]] = {}
    for i, n in zip(ids, names, strict=True):
        by_name.setdefault(n, []).append(i)
    found: dict[str, tuple[int, int, str]] = {}
    approved = noms[(noms["kind"] == NomineeKind.PERSON) & (noms["status"] == NominationStatus.APPROVED)]
    columns = (approved[c].tolist() for c in ("name", "unit", "award", "award_order"))
    for name, unit, award, award_order in zip(*columns, strict=True):
        folded = fold(name)
        attendee = by_name_unit.get((folded, fold(unit)))
        if attendee is None and len(by_name.get(folded, [])) == 1:
            attendee = by_name[folded][0]  # unit spelt differently, but the name is unique
        if attendee is None:
            continue
        order = int(award_order) if pd.notna(award_order) else 10_000
        entry = (order, rank_of.get(fold(award), 99), str(award))
        found[attendee] = min(found.get(attendee, entry), entry)
    return found


def categorise(data: Dataset) -> pd.DataFrame:
    """Attendees with their seating category and sort key (frame index = ID)."""
    people = data.frames["attendees"]
    honoured = honorees(data)
    unit_order = {fold(n): i for i, n in enumerate(data.frames["units"]["name"].tolist())}
    ranks: dict[object, int] = {}
    records = []
    ids, groups, positions = people.index.tolist(), people["group"].tolist(), people["position"].tolist()
    units, names = _folded(people["unit"].tolist()), _folded(people["name"].tolist())
    key: tuple[object, ...]
    for attendee_id, group, position, unit, name in zip(ids, groups, positions, units, names, strict=True):
        rank = ranks[position] if position in ranks else ranks.setdefault(position, position_rank(position))
        if group == Group.PROVINCE_LEADERS:
            category, key = PROVINCE, (rank,)
        elif group == Group.DEPARTMENT_LEADERS:
            category, key = DEPARTMENT, (rank,)
        elif attendee_id in honoured:
            category, key = HONOREE, honoured[attendee_id][:2]
        elif group == Group.GUEST:
            category, key = GUEST, (rank,)
        else:
            category, key = STAFF, (unit_order.get(unit, len(unit_order)), unit, rank)
        records.append((attendee_id, category, (*key, name)))
    frame = pd.DataFrame.from_records(records, columns=["id", "category", "sort"])
    return frame.set_index("id")


def categories(data: Dataset, ids: list[str]) -> dict[str, str]:
    """Attendee ID → seating category for these attendees only (what the chart colours; no sort keys)."""
    people = data.frames["attendees"]
    honoured = honorees(data)
    groups = people["group"].reindex(ids).tolist()
    out = {}
    for attendee_id, group in zip(ids, groups, strict=True):
        if group == Group.PROVINCE_LEADERS:
            out[attendee_id] = PROVINCE
        elif group == Group.DEPARTMENT_LEADERS:
            out[attendee_id] = DEPARTMENT
        elif attendee_id in honoured:
            out[attendee_id] = HONOREE
        elif group == Group.GUEST:
            out[attendee_id] = GUEST
        else:
            out[attendee_id] = STAFF
    return out


def eligible(frame: pd.DataFrame, include_pending: bool = False) -> pd.Series:
    """Who gets a seat: those who confirmed (or already arrived); optionally those who have not answered yet."""
    wanted = frame["rsvp"] == Rsvp.ATTENDING
    if include_pending:
        wanted |= frame["rsvp"].isin([Rsvp.PENDING, ""])
    return wanted | frame["checked_in"].notna()


@dataclass(frozen=True)
class SeatChange:
    attendee_id: str
    old: str
    new: str


@dataclass
class SeatingPlan:
    seats: dict[str, str]  # attendee ID → seat label
    unseated: list[str]
    notes: list[str]  # Vietnamese: what did not fit where it should

    def changes(self, raw: pd.DataFrame) -> list[SeatChange]:
        """Cells to write: new seats, moved seats, and seats cleared for those no longer seated."""
        out = []
        for attendee_id, old in zip(raw.index.tolist(), raw["seat"].tolist(), strict=True):
            new = self.seats.get(attendee_id, "")
            if clean(old) != new:
                out.append(SeatChange(str(attendee_id), clean(old), new))
        return out


def assign(data: Dataset, hall: Hall, *, keep_existing: bool = False, include_pending: bool = False) -> SeatingPlan:
    """Leaders front and centre, guests in their rows, honorees near the aisle in award order (so each batch
    reaches the stage quickly), then staff unit by unit; no seat is given twice and whatever does not fit is said."""
    people = data.frames["attendees"]
    raw = data.raw["attendees"]
    cats = categorise(data)
    wanted = people.index[eligible(people, include_pending)]
    taken: dict[str, str] = {}  # seat → attendee
    seats: dict[str, str] = {}
    notes: list[str] = []
    category_of, sort_of = cats["category"].to_dict(), cats["sort"].to_dict()
    if keep_existing:
        current = raw["seat"].to_dict()
        for attendee_id in wanted:
            label = hall.normalise(current[attendee_id]) if current[attendee_id] else None
            if label and label not in taken:
                taken[label], seats[attendee_id] = attendee_id, label
    pools = {
        "leaders": hall.near_aisle("leaders"),
        "guests": hall.near_aisle("guests"),
        "honorees": hall.near_aisle("honorees"),
        "": hall.in_rows(""),
    }
    for zone in pools:
        pools[zone] = [s for s in pools[zone] if s not in taken]
    unseated: list[str] = []
    for category in CATEGORIES:
        members = [i for i in wanted if category_of[i] == category and i not in seats]
        ordered = sorted(members, key=lambda i: _sortable(sort_of[i]))
        zone = ZONE_OF[category]
        spilled = 0
        for attendee_id in ordered:
            pool = pools[zone]
            if not pool:
                # Zone full (or none set): VIPs go to the front of the general rows; staff to reserved seats left over.
                pool = pools[""] if zone else next((p for z, p in pools.items() if z and p), [])
                spilled += 1 if pool else 0
            if not pool:
                unseated.append(attendee_id)
                continue
            seat = pool.pop(0)
            taken[seat], seats[attendee_id] = attendee_id, seat
        if spilled and zone:
            notes.append(
                f"Khu {ZONE_LABELS[zone]} không đủ ghế (hoặc chưa đặt): {spilled} {CATEGORY_LABELS[category].lower()} "
                "được xếp sang hàng chung."
            )
        elif spilled:
            notes.append(f"Hàng chung đã kín: {spilled} người được xếp vào ghế trống của khu dành riêng.")
    if unseated:
        notes.append(
            f"Hội trường không đủ chỗ: {len(unseated)} người chưa có ghế (sức chứa {hall.capacity}, cần {len(wanted)})."
        )
    return SeatingPlan(seats=seats, unseated=unseated, notes=notes)


def _sortable(key: tuple[object, ...]) -> tuple[tuple[int, object], ...]:
    return tuple((0, v) if isinstance(v, int | float) else (1, str(v)) for v in key)


def check_move(data: Dataset, hall: Hall, attendee_id: str, seat_text: str) -> str:
    """The canonical seat label for a hand move ('' clears); SeatingError if no such seat or it is someone else's."""
    if not clean(seat_text):
        return ""
    label = hall.normalise(seat_text)
    if label is None:
        raise SeatingError(
            f"Không có ghế “{clean(seat_text)}” trong hội trường ({hall.rows} hàng × {hall.seats_per_row} ghế)."
        )
    raw = data.raw["attendees"]
    for other, seat in raw["seat"].items():
        if other != attendee_id and hall.normalise(seat) == label:
            raise SeatingError(f"Ghế {label} đang dành cho {raw.at[other, 'name']!s} ({other!s}).")
    return label


def apply_changes(store: Store, changes: list[SeatChange], *, user: str) -> BulkResult:
    """Each seat cell its own conditional write: a row someone edited meanwhile is reported, not overwritten."""
    landed: list[str] = []
    conflicts: list[tuple[str, str]] = []
    for change in changes:
        try:
            store.update_row("attendees", change.attendee_id, {"seat": change.new}, {"seat": change.old}, user=user)
        except StoreError as exc:
            conflicts.append((change.attendee_id, str(exc)))
        else:
            landed.append(change.attendee_id)
    return BulkResult(landed, conflicts)


# --- chart ---------------------------------------------------------------------------------------

COLOURS = {
    PROVINCE: "#b71c1c",
    DEPARTMENT: "#e65100",
    GUEST: "#6a1b9a",
    HONOREE: "#f9a825",
    STAFF: "#1565c0",
}


def _seated(data: Dataset, hall: Hall, seats: dict[str, str] | None) -> dict[str, str]:
    """Attendee → seat: the given plan, or the seats typed in the sheet (normalised; unknown seats left out)."""
    if seats is not None:
        return seats
    raw = data.raw["attendees"]
    filled = raw.loc[raw["seat"] != "", "seat"]
    return {
        i: label for i, s in zip(filled.index.tolist(), filled.tolist(), strict=True) if (label := hall.normalise(s))
    }


def _seat_x(hall: Hall, number: int) -> float:
    return number + (1.0 if number > hall.aisle_after else 0.0)  # a gap for the aisle


def _seat_points(
    data: Dataset, hall: Hall, seats: dict[str, str], labels: dict[str, str]
) -> dict[str, list[tuple[float, int, str]]]:
    """Every seat as (x, y, hover text), grouped by its occupant's category ("" for an empty seat)."""
    raw = data.raw["attendees"]
    occupant = {seat: attendee for attendee, seat in seats.items()}
    # Only the hall's occupants are looked up: a few hundred seats, not every attendee.
    shown = raw.loc[raw.index.isin(list(occupant.values())), ["name", "unit"]]
    names = dict(zip(shown.index.tolist(), shown["name"].tolist(), strict=True))
    units = dict(zip(shown.index.tolist(), shown["unit"].tolist(), strict=True))
    cats = categories(data, list(names))
    points: dict[str, list[tuple[float, int, str]]] = {c: [] for c in (*CATEGORIES, "")}
    for y, row in enumerate(hall.row_labels):
        for number in range(1, hall.seats_per_row + 1):
            label = seat_label(row, number)
            attendee = occupant.get(label)
            if attendee is None or attendee not in names:
                key = hall.zones.get(row, "")
                zone = labels.get(f"zone.{key or 'general'}", ZONE_LABELS[key])
                points[""].append((_seat_x(hall, number), -y, f"{label} — {labels.get('empty', 'trống')} ({zone})"))
            else:
                name, unit = names[attendee], units[attendee]
                points[cats.get(attendee, STAFF)].append((_seat_x(hall, number), -y, f"{label} — {name}<br>{unit}"))
    return points


def _seat_trace(hall: Hall, category: str, items: list[tuple[float, int, str]], labels: dict[str, str]) -> go.Scatter:
    """One category's seats as grey-edged squares in its colour, sized to fit the row."""
    return go.Scatter(
        x=[p[0] for p in items],
        y=[p[1] for p in items],
        mode="markers",
        name=labels.get(category or "empty", "Ghế trống"),
        marker={
            "symbol": "square",
            "size": max(8, min(22, 700 // max(hall.seats_per_row, 1) // 3)),
            "color": COLOURS.get(category, "#e0e0e0"),
            "line": {"width": 1, "color": "#9e9e9e"},
        },
        hovertext=[p[2] for p in items],
        hoverinfo="text",
    )


def _draw_stage_and_rows(fig: go.Figure, hall: Hall, labels: dict[str, str]) -> None:
    """The stage above the first row, the rows named (with their zone) down the side."""
    rows = hall.row_labels
    width = _seat_x(hall, hall.seats_per_row) + 1
    fig.add_shape(type="rect", x0=1, x1=width - 1, y0=1.0, y1=1.8, fillcolor="#37474f", line={"width": 0})
    fig.add_annotation(
        x=width / 2, y=1.4, text=labels.get("stage", "SÂN KHẤU"), showarrow=False, font={"color": "white"}
    )
    fig.update_layout(
        height=max(320, 60 + 34 * (hall.rows + 2)),
        margin={"l": 40, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.05},
        xaxis={"visible": False, "range": [0, width]},
        yaxis={
            "tickmode": "array",
            "tickvals": [-y for y in range(len(rows))],
            "ticktext": [f"{r} · {ZONE_LABELS[hall.zones[r]]}" if r in hall.zones else r for r in rows],
            "range": [-len(rows) + 0.3, 2.1],
            "showgrid": False,
            "zeroline": False,
        },
    )


def seating_figure(
    data: Dataset,
    hall: Hall,
    seats: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> go.Figure:
    """Seats as squares, the stage on top, one colour per category; empty seats grey, hover shows who sits there."""
    labels = {**CATEGORY_LABELS, **(labels or {})}
    points = _seat_points(data, hall, _seated(data, hall, seats), labels)
    fig = go.Figure()
    for category, items in points.items():
        if items:
            fig.add_trace(_seat_trace(hall, category, items, labels))
    _draw_stage_and_rows(fig, hall, labels)
    return fig


def seat_count(hall: Hall) -> dict[str, int]:
    """Seats per zone, for the settings summary."""
    counts = {zone: len(hall.zone_rows(zone)) * hall.seats_per_row for zone in ("leaders", "honorees", "guests", "")}
    counts["total"] = hall.capacity
    return counts


def chart_labels(lang: str) -> dict[str, str]:
    """The chart's legend and stage label in the user's language."""
    zones = {f"zone.{z or 'general'}": t(f"seating.zone.{z or 'general'}", lang) for z in ZONE_LABELS}
    return (
        {c: t(f"seating.cat.{c}", lang) for c in CATEGORIES}
        | zones
        | {
            "empty": t("seating.cat.empty", lang),
            "stage": t("seating.stage", lang),
        }
    )


def current_figure(data: Dataset, lang: str) -> go.Figure:
    """The hall as seated now (the same for every viewer of one dataset version and language)."""
    return seating_figure(data, hall_from_settings(data.settings.values), labels=chart_labels(lang))

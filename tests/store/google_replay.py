"""Replays Google's recorded answers (tests/data/google_recordings) against the emulator and compares what matters.

Each recorded session starts with a Drive `files.create` of a new spreadsheet: the emulator creates one with the
recorded ID, title, locale, time zone and first tab (`Sheet1`, sheetId 0, 1000×26), then every request is sent in
order. Sheet IDs Google picked for added tabs are mapped to the emulator's as the addSheet replies come back.
Run `python -m tests.store.google_replay` for the table per request kind.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.sheets_emulator import SheetsEmulator

RECORDINGS = Path(__file__).resolve().parents[1] / "data" / "google_recordings" / "gspread_cassettes.json"
VALUE_FIELDS = ("formattedValue", "effectiveValue", "userEnteredValue")
GRID_KEYS = ("rowCount", "columnCount", "frozenRowCount", "frozenColumnCount")


@dataclass
class Outcome:
    session: str
    dependent: bool  # the session also sent requests left out of the recordings (named ranges ...)
    index: int
    kind: str
    recorded_status: int
    status: int
    differences: list[str]

    @property
    def agreed(self) -> bool:
        return not self.differences

    @property
    def refused(self) -> bool:
        return self.recorded_status < 300 <= self.status


@dataclass
class Tally:
    replayed: Counter[str] = field(default_factory=Counter)
    agreed: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    outcomes: list[Outcome] = field(default_factory=list)
    dependent: Counter[str] = field(default_factory=Counter)  # in sessions that depend on left-out requests
    dependent_agreed: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if outcome.dependent:
            self.dependent[outcome.kind] += 1
            self.dependent_agreed[outcome.kind] += outcome.agreed
            return
        self.replayed[outcome.kind] += 1
        self.agreed[outcome.kind] += outcome.agreed
        self.refused[outcome.kind] += outcome.refused

    def table(self) -> str:
        lines = [f"{'kind':48} replayed agreed refused"]
        for kind in sorted(self.replayed):
            lines.append(f"{kind:48} {self.replayed[kind]:8} {self.agreed[kind]:6} {self.refused[kind]:7}")
        total = sum(self.replayed.values()), sum(self.agreed.values()), sum(self.refused.values())
        lines.append(f"{'total':48} {total[0]:8} {total[1]:6} {total[2]:7}")
        if self.dependent:
            lines.append(
                f"(+ {sum(self.dependent.values())} requests of sessions that also used left-out requests — named "
                f"ranges, dimension groups, a CSV import — {sum(self.dependent_agreed.values())} agreed; not counted)"
            )
        return "\n".join(lines)


def load() -> dict[str, Any]:
    return json.loads(RECORDINGS.read_text(encoding="utf-8"))


def _first_metadata(session: dict[str, Any], key: str) -> dict[str, Any] | None:
    for item in session["interactions"]:
        answer = item["answer"]
        if item["kind"] == "spreadsheets.get" and isinstance(answer, dict) and answer.get("spreadsheetId") == key:
            return answer
    return None


def _create(emulator: SheetsEmulator, session: dict[str, Any], key: str, name: str | None = None) -> None:
    """A spreadsheet as Google had it when the session first saw it: title, locale, time zone, and its tabs
    (title, sheetId, grid size) from the first recorded metadata; a new one is `Sheet1`, sheetId 0, 1000×26."""
    meta = _first_metadata(session, key) or {}
    props = meta.get("properties", {})
    recorded = [s.get("properties", {}) for s in meta.get("sheets", [])] or [{"title": "Sheet1", "sheetId": 0}]
    emulator.create(props.get("title") or name or "Untitled", {p["title"]: [] for p in recorded}, spreadsheet_id=key)
    book = emulator.spreadsheets[key]
    for sheet, p in zip(book.sheets, recorded, strict=False):
        sheet.sheet_id = p.get("sheetId", 0)
        grid = p.get("gridProperties", {})
        sheet.row_count = grid.get("rowCount", 1000)
        sheet.column_count = grid.get("columnCount", 26)
    # The spreadsheet's own locale and time zone (an emulator without them keeps its fixed vi_VN).
    if hasattr(book, "locale"):
        book.locale = props.get("locale", "en_US")
        book.time_zone = props.get("timeZone", "Etc/GMT")


ID_FIELDS = ("sheetId", "protectedRangeId")


def _map_ids(value: Any, ids: dict[Any, Any]) -> Any:
    """Recorded sheet and protected-range IDs in a request body → the emulator's (keyed (field, id))."""
    if isinstance(value, dict):
        return {k: (ids.get((k, v), v) if k in ID_FIELDS else _map_ids(v, ids)) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_ids(v, ids) for v in value]
    return value


def _diff(where: str, recorded: Any, ours: Any, out: list[str]) -> None:
    if recorded != ours:
        out.append(
            f"{where}: Google {json.dumps(recorded, ensure_ascii=False)[:160]} "
            f"≠ emulator {json.dumps(ours, ensure_ascii=False)[:160]}"
        )


def _values(answer: dict[str, Any]) -> list[list[Any]]:
    return answer.get("values", [])


def _sheet_view(sheet: dict[str, Any], ids: dict[int, int]) -> dict[str, Any]:
    props = sheet.get("properties", {})
    grid = props.get("gridProperties", {})
    view: dict[str, Any] = {
        "title": props.get("title"),
        "index": props.get("index", 0),
        "hidden": props.get("hidden", False),
        "grid": {k: grid.get(k, 0) for k in GRID_KEYS},
        "merges": sorted(json.dumps(_map_ids(m, ids), sort_keys=True) for m in sheet.get("merges", [])),
        "protected": sorted(
            json.dumps({k: _map_ids(p.get(k), ids) for k in ("range", "description", "warningOnly")}, sort_keys=True)
            for p in sheet.get("protectedRanges", [])
        ),
        "filter": _map_ids((sheet.get("basicFilter") or {}).get("range"), ids),
    }
    if "data" in sheet:
        # Cell values only (notes and formatting are not modelled): trailing empty cells and rows dropped.
        grids = []
        for g in sheet["data"]:
            rows = []
            for r in g.get("rowData", []):
                cells = [{k: c.get(k) for k in VALUE_FIELDS} for c in r.get("values", [])]
                while cells and not any(cells[-1].values()):
                    cells.pop()
                rows.append(cells)
            while rows and not rows[-1]:
                rows.pop()
            grids.append(rows)
        view["data"] = grids
    return view


def _spreadsheet_view(answer: dict[str, Any], ids: dict[int, int]) -> dict[str, Any]:
    props = answer.get("properties", {})
    return {
        "properties": {k: props.get(k) for k in ("title", "locale", "timeZone")},
        "sheets": [_sheet_view(s, ids) for s in answer.get("sheets", [])],
    }


def compare(kind: str, recorded: Any, ours: Any, ids: dict[int, int]) -> list[str]:
    """What differs between Google's answer and the emulator's, on what the app and staff depend on."""
    out: list[str] = []
    if not isinstance(recorded, dict) or not isinstance(ours, dict):
        return out
    if "error" in recorded:
        mine = ours.get("error") or {}
        _diff("error.status", recorded["error"].get("status"), mine.get("status"), out)
        _diff("error.message", recorded["error"].get("message"), mine.get("message"), out)
        return out
    if kind in ("values.get",):
        _diff("range", recorded.get("range"), ours.get("range"), out)
        _diff("values", _values(recorded), _values(ours), out)
    elif kind == "values.batchGet":
        mine = ours.get("valueRanges", [])
        for n, rec in enumerate(recorded.get("valueRanges", [])):
            got = mine[n] if n < len(mine) else {}
            _diff(f"valueRanges[{n}].range", rec.get("range"), got.get("range"), out)
            _diff(f"valueRanges[{n}].values", _values(rec), _values(got), out)
    elif kind == "values.update":
        for k in ("updatedRange", "updatedRows", "updatedColumns", "updatedCells"):
            _diff(k, recorded.get(k), ours.get(k), out)
    elif kind == "values.append":
        _diff("tableRange", recorded.get("tableRange"), ours.get("tableRange"), out)
        for k in ("updatedRange", "updatedRows", "updatedColumns", "updatedCells"):
            _diff("updates." + k, recorded.get("updates", {}).get(k), ours.get("updates", {}).get(k), out)
    elif kind == "values.batchUpdate":
        for k in ("totalUpdatedRows", "totalUpdatedColumns", "totalUpdatedCells", "totalUpdatedSheets"):
            if k in recorded:
                _diff(k, recorded.get(k), ours.get(k), out)
        _diff(
            "responses.updatedRange",
            [r.get("updatedRange") for r in recorded.get("responses", [])],
            [r.get("updatedRange") for r in ours.get("responses", [])],
            out,
        )
    elif kind == "values.clear":
        _diff("clearedRange", recorded.get("clearedRange"), ours.get("clearedRange"), out)
    elif kind == "values.batchClear":
        _diff("clearedRanges", recorded.get("clearedRanges"), ours.get("clearedRanges"), out)
    elif kind == "spreadsheets.get":
        _diff("spreadsheet", _spreadsheet_view(recorded, ids), _spreadsheet_view(ours, ids), out)
    elif kind.startswith("batchUpdate."):
        rec_replies, our_replies = recorded.get("replies", []), ours.get("replies", [])
        _diff("replies.count", len(rec_replies), len(our_replies), out)
        for n, (rec, got) in enumerate(zip(rec_replies, our_replies, strict=False)):
            _diff(f"replies[{n}].kinds", sorted(rec), sorted(got), out)
            if "addSheet" in rec and "addSheet" in got:
                a, b = rec["addSheet"]["properties"], got["addSheet"]["properties"]
                _diff(
                    f"replies[{n}].addSheet",
                    {
                        "title": a.get("title"),
                        "index": a.get("index"),
                        "grid": {k: a["gridProperties"].get(k, 0) for k in GRID_KEYS},
                    },
                    {
                        "title": b.get("title"),
                        "index": b.get("index"),
                        "grid": {k: b["gridProperties"].get(k, 0) for k in GRID_KEYS},
                    },
                    out,
                )
            if "addProtectedRange" in rec and "addProtectedRange" in got:
                a, b = rec["addProtectedRange"]["protectedRange"], got["addProtectedRange"]["protectedRange"]
                for k in ("range", "description", "warningOnly", "requestingUserCanEdit"):
                    _diff(f"replies[{n}].addProtectedRange.{k}", _map_ids(a.get(k), ids), b.get(k), out)
    return out


def replay(emulator: SheetsEmulator | None = None) -> Tally:
    emulator = emulator or SheetsEmulator()
    tally = Tally()
    for session in load()["sessions"]:
        ids: dict[int, int] = {}
        for n, item in enumerate(session["interactions"]):
            kind, answer = item["kind"], item["answer"]
            if kind == "drive.create":
                _create(emulator, session, answer["id"], answer.get("name"))
                continue
            key = item["path"].split("/v4/spreadsheets/")[-1].split("/")[0].split(":")[0]
            if key not in emulator.spreadsheets:
                if item["status"] == 403:
                    if hasattr(emulator, "private"):  # (an emulator before issue 26 cannot tell: it answers 404)
                        emulator.private.add(key)  # exists, not shared with the caller
                elif item["status"] == 200:
                    _create(emulator, session, key)  # one the session opened without creating it
            if kind == "drive.delete":
                emulator.spreadsheets.pop(item["path"].rsplit("/", 1)[-1], None)
                continue
            query = urlencode([tuple(pair) for pair in item["query"]])
            body = _map_ids(item["body"], ids)
            raw = json.dumps(body).encode() if body is not None else b""
            status, ours, _ = emulator.handle(item["method"], item["path"] + ("?" + query if query else ""), raw)
            ours = json.loads(json.dumps(ours))  # as it would go over the wire
            if kind.startswith("batchUpdate.") and status == 200 and isinstance(answer, dict):
                for rec, got in zip(answer.get("replies", []), ours.get("replies", []), strict=False):
                    if "addSheet" in rec and "addSheet" in got:
                        a, b = rec["addSheet"]["properties"]["sheetId"], got["addSheet"]["properties"]["sheetId"]
                        ids[("sheetId", a)] = b
                    if "addProtectedRange" in rec and "addProtectedRange" in got:
                        a = rec["addProtectedRange"]["protectedRange"]["protectedRangeId"]
                        b = got["addProtectedRange"]["protectedRange"]["protectedRangeId"]
                        ids[("protectedRangeId", a)] = b
            differences = [] if status == item["status"] else [f"status: Google {item['status']} ≠ emulator {status}"]
            if not differences:
                back = {(field, v): k for (field, k), v in ids.items()}
                differences = compare(kind, answer, _map_ids(ours, back), {})
            tally.add(
                Outcome(session["name"], bool(session.get("dropped")), n, kind, item["status"], status, differences)
            )
    return tally


def disagreements(tally: Tally) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for o in tally.outcomes:
        if not o.agreed and not o.dependent:
            out[o.kind].append(f"{o.session}#{o.index}: " + "; ".join(o.differences))
    return out


if __name__ == "__main__":
    import sys

    result = replay()
    print(result.table())
    if "-v" in sys.argv:
        for kind, lines in sorted(disagreements(result).items()):
            print(f"\n== {kind}")
            for line in lines:
                print("  " + line)

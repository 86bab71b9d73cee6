"""Trim gspread's recorded Sheets API traffic (tests/cassettes/*.json of burnash/gspread, MIT) to the request/answer
pairs of the kinds this app sends or staff cause, for tests/store/test_google_conformance.py.

Usage: python tests/data/google_recordings/extract.py /path/to/gspread-checkout [out.json]
(a checkout or a bare git directory: the cassettes are read from its HEAD). Headers, drive.files traffic other than
the create/delete that bound each session, and formatting-only fields are dropped; bodies are kept as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"
# batchUpdate request kinds the app sends or staff cause in the browser (the rest, e.g. tab colours, are left out).
BATCH_KINDS = frozenset(
    {
        "addSheet",
        "deleteSheet",
        "updateSheetProperties",
        "updateSpreadsheetProperties",
        "insertDimension",
        "deleteDimension",
        "moveDimension",
        "appendDimension",
        "sortRange",
        "copyPaste",
        "cutPaste",
        "mergeCells",
        "unmergeCells",
        "setDataValidation",
        "addProtectedRange",
        "deleteProtectedRange",
        "setBasicFilter",
        "clearBasicFilter",
        "updateCells",
        "repeatCell",
        "updateDimensionProperties",
        "autoResizeDimensions",
    }
)
# Spreadsheet properties the emulator models; the rest of Google's metadata (default formats, themes) is dropped.
KEEP_SPREADSHEET_PROPS = ("title", "locale", "timeZone")
KEEP_SHEET_PROPS = ("sheetId", "title", "index", "sheetType", "gridProperties", "hidden")


def git_files(repo: Path) -> dict[str, str]:
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", "HEAD", "tests/cassettes/"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    out = {}
    for path in sorted(listing):
        if path.endswith(".json"):
            out[Path(path).stem] = subprocess.run(
                ["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], check=True, capture_output=True, text=True
            ).stdout
    return out


def head_commit(repo: Path) -> str:
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def trim_metadata(body: Any) -> Any:
    """A Spreadsheet resource without Google's formatting defaults: title/locale/timeZone, sheet properties,
    merges, protected ranges, basic filter, and grid data's values."""
    if not isinstance(body, dict) or not {"properties", "sheets", "replies", "updatedSpreadsheet"} & set(body):
        return body  # a values answer or an error: kept whole
    out: dict[str, Any] = {"spreadsheetId": body["spreadsheetId"]} if "spreadsheetId" in body else {}
    if "properties" in body:
        out["properties"] = {k: body["properties"][k] for k in KEEP_SPREADSHEET_PROPS if k in body["properties"]}
    if "sheets" in body:
        out["sheets"] = [trim_sheet(s) for s in body["sheets"]]
    for key in ("replies", "updatedSpreadsheet"):
        if key in body:
            out[key] = trim_metadata(body[key]) if key == "updatedSpreadsheet" else body[key]
    return out


def trim_sheet(sheet: dict[str, Any]) -> dict[str, Any]:
    props = sheet.get("properties", {})
    out: dict[str, Any] = {"properties": {k: props[k] for k in KEEP_SHEET_PROPS if k in props}}
    for key in ("merges", "protectedRanges", "basicFilter"):
        if key in sheet:
            out[key] = sheet[key]
    if "data" in sheet:
        out["data"] = [trim_grid(g) for g in sheet["data"]]
    return out


def trim_grid(grid: dict[str, Any]) -> dict[str, Any]:
    out = {k: grid[k] for k in ("startRow", "startColumn") if k in grid}
    rows = []
    for row in grid.get("rowData", []):
        cells = []
        for cell in row.get("values", []):
            kept = {
                k: cell[k]
                for k in ("userEnteredValue", "effectiveValue", "formattedValue", "dataValidation")
                if k in cell
            }
            number_format = (cell.get("userEnteredFormat") or {}).get("numberFormat")
            if number_format:
                kept["userEnteredFormat"] = {"numberFormat": number_format}
            cells.append(kept)
        rows.append({"values": cells} if cells else {})
    if rows:
        out["rowData"] = rows
    return out


def dropped_kind(method: str, uri: str, body: Any) -> str | None:
    """A request left out that changes the spreadsheet (named ranges, a CSV import ...): the session's later answers
    depend on it, so the replay reports that session apart."""
    if uri.startswith("https://www.googleapis.com/upload/drive") or "/import" in uri:
        return "drive.import"
    if uri.startswith(SHEETS) and uri.split("?")[0].endswith(":batchUpdate") and isinstance(body, dict):
        names = sorted({name for r in body.get("requests", []) for name in r} - BATCH_KINDS)
        formatting = {"updateSheetProperties", "repeatCell", "updateBorders", "addConditionalFormatRule"}
        return ",".join(n for n in names if n not in formatting) or None
    if "/drive/v3/files/" in uri and method in ("PUT", "PATCH", "POST") and not uri.endswith("/permissions"):
        return "drive.update"
    return None


def kind_of(method: str, uri: str, body: Any) -> str | None:
    """The request kind as the conformance report names it, or None when it is not one we keep."""
    path = urlsplit(uri).path
    if uri.startswith("https://www.googleapis.com/drive/v3/files"):
        if method == "POST" and isinstance(body, dict) and body.get("mimeType", "").endswith("spreadsheet"):
            return "drive.create"
        if method == "DELETE":
            return "drive.delete"
        return None
    if not uri.startswith(SHEETS):
        return None
    rest = unquote(path[len("/v4/spreadsheets/") :])
    key, _, tail = rest.partition("/")
    if not tail:
        if key.endswith(":batchUpdate"):
            requests = (body or {}).get("requests", []) if isinstance(body, dict) else []
            names = sorted({name for r in requests for name in r})
            if not names or not set(names) <= BATCH_KINDS:
                return None
            return "batchUpdate." + "+".join(names)
        return "spreadsheets.get" if method == "GET" else None
    if tail in ("values:batchGet", "values:batchUpdate", "values:batchClear"):
        return "values." + tail.split(":")[1]
    if tail.startswith("values/"):
        action = (
            tail.rpartition(":")[2] if ":" in tail.rpartition("!")[2] or tail.endswith((":append", ":clear")) else ""
        )
        if method == "POST" and action in ("append", "clear"):
            return "values." + action
        return {"GET": "values.get", "PUT": "values.update"}.get(method)
    return None


def extract(repo: Path) -> dict[str, Any]:
    sessions = []
    for name, text in git_files(repo).items():
        interactions = []
        dropped: set[str] = set()
        for item in json.loads(text).get("interactions", []):
            request, response = item["request"], item["response"]
            body = _json(request.get("body"))
            kind = kind_of(request["method"], request["uri"], body)
            if kind is None:
                left_out = dropped_kind(request["method"], request["uri"], body)
                if left_out:
                    dropped.update(left_out.split(","))
                continue
            answer = _json((response.get("body") or {}).get("string"))
            if kind == "drive.create":
                answer = {k: answer[k] for k in ("id", "name")} if isinstance(answer, dict) else answer
            interactions.append(
                {
                    "kind": kind,
                    "method": request["method"],
                    "path": urlsplit(request["uri"]).path,
                    "query": parse_qsl(urlsplit(request["uri"]).query, keep_blank_values=True),
                    "body": body,
                    "status": response["status"]["code"],
                    "answer": trim_metadata(answer),
                }
            )
        if any(i["kind"].startswith(("values", "batchUpdate", "spreadsheets")) for i in interactions):
            sessions.append({"name": name, "dropped": sorted(dropped), "interactions": interactions})
    return {
        "source": "https://github.com/burnash/gspread tests/cassettes (MIT licence)",
        "commit": head_commit(repo),
        "sessions": sessions,
    }


def main(argv: list[str]) -> None:
    repo = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else Path(__file__).with_name("gspread_cassettes.json")
    data = extract(repo)
    # One request per line: small, and a diff of a new extraction reads request by request.
    lines = [
        "{",
        f' "source": {json.dumps(data["source"])},',
        f' "commit": {json.dumps(data["commit"])},',
        ' "sessions": [',
    ]
    for n, session in enumerate(data["sessions"]):
        head = f'"name": {json.dumps(session["name"])}, "dropped": {json.dumps(session["dropped"])}'
        lines.append(f"  {{{head}, \"interactions\": [")
        items = [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in session["interactions"]]
        lines += [f"   {item}," for item in items[:-1]] + [f"   {items[-1]}"]
        lines.append("  ]}" + ("," if n + 1 < len(data["sessions"]) else ""))
    lines += [" ]", "}"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    count = sum(len(s["interactions"]) for s in data["sessions"])
    print(f"{len(data['sessions'])} sessions, {count} requests -> {out}")


if __name__ == "__main__":
    main(sys.argv)

"""Importing attendees from CSV or XLSX: read, map headers, check every row, and accept all or nothing."""

from __future__ import annotations

import codecs
import csv
import io
import re
from contextlib import suppress
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import load_workbook

from services.parsing import CellError, clean, match_choice, parse_datetime
from services.people.email import email_problem
from services.people.legacy_encodings import CONVERTERS, SAMPLE_LINES, NotExact, detect, score
from services.people.search import digits
from services.schema import ATTENDEES, RSVP, Kind
from services.store import Store, StoreError
from services.text import fold, match_key

TAB = ATTENDEES
MAX_BYTES = 10 * 1024 * 1024
# The longest text one cell may hold: a note 2,000 characters, any other column 500. A file with a cell longer than
# any column allows (MAX_CELL) is refused: that is lines swallowed by an unclosed quote, or a paste gone wrong. A row
# whose cell is longer than its own column allows is rejected.
CELL_LIMITS: dict[str, int] = {"note": 2000}
CELL_LIMIT = 500
MAX_CELL = max(CELL_LIMIT, *CELL_LIMITS.values())
MAX_CELL_LINES = 20  # file lines one quoted CSV cell may span before it counts as swallowed rows
HEADER_SEARCH_ROWS = 10  # the header row is looked for in this many first lines (or sheet rows)

# Header spellings staff use, folded (no accents, lower case); the schema's own header and English one count too.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("ma", "ma dai bieu", "ma so", "id", "stt ma"),
    "name": ("ho ten", "ho va ten", "ten", "ho va ten dai bieu", "ten dai bieu", "name", "full name", "ho & ten"),
    "gender": ("gioi tinh", "gioi", "nam/nu", "gender", "sex"),
    "position": ("chuc vu", "chuc danh", "position", "title"),
    "unit": ("don vi", "don vi cong tac", "co quan", "co quan cong tac", "noi cong tac", "phong", "unit"),
    "group": ("nhom", "nhom dai bieu", "thanh phan", "doi tuong", "group"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "so dt", "dt", "di dong", "phone", "mobile"),
    "email": ("email", "e-mail", "thu dien tu", "mail"),
    "rsvp": ("phan hoi", "tham du", "xac nhan", "rsvp", "response"),
    "checked_in": ("co mat", "diem danh", "gio den"),
    "seat": ("ghe", "so ghe", "cho ngoi", "seat"),
    "note": ("ghi chu", "note", "notes"),
}
_ALIAS_TO_KEY = {
    alias: key
    for key, names in ALIASES.items()
    for alias in (*names, fold(TAB.column(key).header), fold(TAB.column(key).header_en))
}


class ImportRefused(StoreError):
    """The file cannot be read or the import was refused; the message is shown to the user as is."""


@dataclass(frozen=True)
class SourceTable:
    """A file as read: its header row and data rows with the line (or sheet row) number each came from."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    blank_lines: list[int] = field(default_factory=list)
    header_line: int = 1
    notices: tuple[str, ...] = ()  # what reading assumed or changed (encoding, rows above the header): for the page
    header_hint: str = ""  # set when no row looked like a header: what was looked for, and what to do
    encoding: str = ""


@dataclass(frozen=True)
class Rejected:
    line: int
    values: dict[str, str]
    reason: str


@dataclass(frozen=True)
class ImportPlan:
    accepted: list[tuple[int, dict[str, str]]]  # (line, schema key → text) ready for append_rows
    rejected: list[Rejected]
    blank_lines: list[int]

    @property
    def rows(self) -> list[dict[str, str]]:
        return [values for _, values in self.accepted]

    def ready(self, only_accepted: bool = False) -> bool:
        """The all-or-nothing gate: rows to write, and none rejected unless the user chose to leave those out."""
        return bool(self.accepted) and (not self.rejected or only_accepted)

    def accepted_frame(self) -> pd.DataFrame:
        return _frame([(line, values, "") for line, values in self.accepted])

    def rejected_frame(self) -> pd.DataFrame:
        """The rejected rows, the reason first: it is what the user reads, and wide tables push the last column off
        screen."""
        frame = _frame([(r.line, r.values, r.reason) for r in self.rejected])
        return frame[["reason", *(c for c in frame.columns if c != "reason")]]


def _frame(items: list[tuple[int, dict[str, str], str]]) -> pd.DataFrame:
    keys = [c.key for c in TAB.columns]
    records = [
        {"line": line, **{k: values.get(k, "") for k in keys}, "reason": reason} for line, values, reason in items
    ]
    return pd.DataFrame.from_records(records, columns=["line", *keys, "reason"])


# --- reading ----------------------------------------------------------------------------------


def read_table(data: bytes, filename: str, header_row: int | None = None) -> SourceTable:
    """CSV (',' ';' or tab; UTF-8, UTF-16, Windows-1258/1252, TCVN3 or VNI) or XLSX (first sheet).

    The header is the row among the first HEADER_SEARCH_ROWS that names the most known columns, “Họ và tên” among
    them, unless `header_row` (a line or sheet-row number) says which. Nothing is read silently wrong: a CSV whose
    quotes swallow lines, a cell longer than MAX_CELL, or an old encoding that cannot be converted exactly is refused
    with the line; what reading assumed or converted is in `notices`.
    """
    if len(data) > MAX_BYTES:
        raise ImportRefused("Tệp quá lớn (tối đa 10 MB).")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, header_row)
    if filename.lower().endswith((".csv", ".txt", ".tsv")):
        return _read_csv(data, header_row)
    raise ImportRefused("Chỉ nhận tệp .csv hoặc .xlsx.")


def _legacy(
    lines: list[str], numbers: list[int], reading: list[str] | None = None
) -> tuple[str, dict[int, str]] | None:
    """legacy_encodings.detect, its refusal as an ImportRefused."""
    try:
        return detect(lines, numbers, reading)
    except NotExact as exc:
        raise ImportRefused(str(exc)) from None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"Tệp ghi dấu hiệu {name} (BOM) nhưng có byte không hợp lệ ở vị trí {exc.start} — hãy lưu lại tệp "
            "dưới dạng CSV UTF-8 rồi tải lại."
        ) from None


def _unicode(data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-8 or UTF-16 file (with or without a BOM) and the encoding's name; None for 8-bit files."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", "UTF-8"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16"), "UTF-16"
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) >= 4 and 4 * max(even, odd) > len(data):  # UTF-16 without a BOM: every other byte of ASCII is 0
        with suppress(UnicodeDecodeError):
            return data.decode("utf-16-le" if odd > even else "utf-16-be"), "UTF-16"
    with suppress(UnicodeDecodeError):
        return data.decode("utf-8"), "UTF-8"
    return None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _converted(name: str) -> str:
    return f"Tệp dùng bảng mã {name} — đã chuyển sang Unicode, hãy kiểm tra lại tên."


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """The file's text, its encoding's name, and what the page should say about it.

    UTF-8 and UTF-16 are recognised by their BOM or by decoding; other files are read as Windows-1258 or
    Windows-1252, whichever gives more Vietnamese words, unless TCVN3 or VNI gives still more. TCVN3 or VNI glyphs
    saved inside a UTF-8 file (a sheet in a .VnTime font) are converted too.
    """
    unicode = _unicode(data)
    if unicode is not None:
        text, name = unicode
        lines = _LINE.findall(text)
        legacy = _legacy(lines, list(range(1, len(lines) + 1)))
        if legacy is None:
            return text, name, []
        name, converted = legacy
        return (
            "".join(converted.get(i, line) for i, line in enumerate(lines)),
            name,
            [_converted(name)],
        )
    glyphs = _LINE.findall(data.decode("cp1252", errors="replace"))
    readings: dict[str, list[str]] = {}
    for name, codec in (("Windows-1258", "cp1258"), ("Windows-1252", "cp1252")):
        with suppress(UnicodeDecodeError):
            readings[name] = _LINE.findall(data.decode(codec))
    sample = [i for i, line in enumerate(glyphs) if not line.isascii()][:SAMPLE_LINES]
    scores = {n: score("\n".join(lines[i] for i in sample)) for n, lines in readings.items()}
    best = max(scores, key=lambda n: scores[n], default=None)  # Windows-1258 on a tie
    utf8 = _LINE.findall(data.decode("utf-8", errors="replace"))
    if score("\n".join(utf8[i] for i in sample)) > max(
        0, scores[best] if best is not None else 0
    ):  # UTF-8 with a few broken bytes
        line = next(i for i, text in enumerate(utf8) if "\ufffd" in text) + 1
        raise ImportRefused(
            f"Tệp là UTF-8 nhưng dòng {line} có byte không hợp lệ (tệp bị cắt hoặc sửa bằng chương trình khác) — "
            "hãy mở lại tệp gốc, lưu dưới dạng CSV UTF-8 rồi tải lại."
        )
    legacy = _legacy(glyphs, list(range(1, len(glyphs) + 1)), readings[best] if best else [""] * len(glyphs))
    if legacy is not None:
        name, converted = legacy
        return "".join(converted.get(i, line) for i, line in enumerate(glyphs)), name, [_converted(name)]
    if best is None:
        raise ImportRefused("Không đọc được bảng mã của tệp — hãy lưu lại dưới dạng CSV UTF-8.")
    language = "tiếng Việt" if best == "Windows-1258" else "Tây Âu"
    return (
        "".join(readings[best]),
        best,
        [f"Tệp không ghi bằng UTF-8 — đã đọc theo bảng mã {best} ({language}); hãy kiểm tra lại tên có dấu."],
    )


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:  # title rows above the header make the counts uneven: take the busiest line's delimiter
        return max(",;\t", key=lambda d: max((line.count(d) for line in lines), default=0))


def _quote_error(start: int, line: int, exc: csv.Error) -> str:
    fix = "Hãy sửa tệp rồi tải lại."
    if "unexpected end of data" in str(exc) or "field larger" in str(exc) or line > start:
        return f'Dòng {start}: dấu ngoặc kép (") chưa đóng — các dòng sau bị gộp vào một ô. {fix}'
    if "expected after" in str(exc):
        return (
            f'Dòng {line}: dấu ngoặc kép (") đặt sai chỗ — ô có ngoặc kép phải bắt đầu và kết thúc bằng nó '
            f'(viết "" cho một dấu " bên trong ô). {fix}'
        )
    return f"Dòng {line}: tệp CSV bị lỗi ({exc}). {fix}"


def _read_csv(data: bytes, header_row: int | None) -> SourceTable:
    text, encoding, notices = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []  # (the line a record starts on, its cells)
    spans: dict[int, int] = {}  # first line → last line of a record whose quoted cells hold line breaks
    start = 1
    try:
        for record in reader:
            if reader.line_num > start:
                spans[start] = reader.line_num
            records.append((start, [clean(c) for c in record]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(_quote_error(start, reader.line_num, exc)) from exc
    table = _table(records, header_row, notices, encoding)
    # Lines inside a quoted cell are file lines that became no row: fine for a note with a line break, not for a
    # cell running on for many lines or holding what looks like whole rows (a quote closed far too late).
    cells = dict(records)
    row_like = max(2, sum(1 for c in table.header if c) - 1)
    for first, last in spans.items():
        inner = [part for cell in cells[first] for part in cell.split("\n")[1:]]
        if last - first >= MAX_CELL_LINES or any(part.count(delimiter) >= row_like for part in inner):
            raise ImportRefused(
                f'Dòng {first}: một ô kéo dài {last - first + 1} dòng (đến dòng {last}) — có thể dấu ngoặc kép (") '
                "chưa đóng nên các dòng sau bị gộp vào một ô. Hãy sửa tệp rồi tải lại."
            )
    return table


def _read_xlsx(data: bytes, header_row: int | None) -> SourceTable:
    from services.store.workbook import sheet_texts
    from services.store.xlsx_file import damage_of

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:  # the first tab cut to its table, like the app reads its own: a stray far cell costs nothing
            records = [(number, cells) for number, cells in enumerate(sheet_texts(wb.worksheets[0]), start=1)]
        finally:
            wb.close()
    except Exception as exc:  # openpyxl raises many kinds for a corrupt or non-xlsx file, while opening or reading
        raise ImportRefused(f"Không mở được tệp Excel — tệp bị hỏng: {damage_of(data, exc)}") from exc
    notices: list[str] = []
    legacy = _legacy(["\t".join(cells) for _, cells in records], [number for number, _ in records])
    if legacy is not None:  # a sheet typed in a .VnTime or VNI-Times font
        name, converted = legacy
        convert = CONVERTERS[name]
        records = [
            (n, [convert(c) for c in cells]) if i in converted else (n, cells) for i, (n, cells) in enumerate(records)
        ]
        notices.append(_converted(name))
    # A sheet's trailing empty rows are formatting, not lines someone left blank.
    return _table(records, header_row, notices, "XLSX", trailing_blanks=False)


def _find_header(filled: list[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    """The row among the first HEADER_SEARCH_ROWS lines where guess_mapping knows the most columns, a name among
    them (the first on a tie); None when there is no such row."""
    best: tuple[int, int, list[str]] | None = None
    for line, cells in filled:
        if line > HEADER_SEARCH_ROWS:
            break
        known = guess_mapping(cells)
        if "name" in known.values() and (best is None or len(known) > best[0]):
            best = (len(known), line, cells)
    return (best[1], best[2]) if best else None


def _table(
    records: list[tuple[int, list[str]]],
    header_row: int | None,
    notices: list[str],
    encoding: str,
    *,
    trailing_blanks: bool = True,
) -> SourceTable:
    """Header and data rows from the file's records (line, cells), blank ones included."""
    for line, cells in records:
        if not cells or max(map(len, cells)) <= MAX_CELL:
            continue
        for number, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL:
                raise ImportRefused(
                    f"Dòng {line}: ô ở cột thứ {number} dài {len(cell)} ký tự, quá giới hạn {MAX_CELL} — có thể dấu "
                    "ngoặc kép chưa đóng nên nhiều dòng bị gộp vào một ô. Hãy sửa tệp rồi tải lại."
                )
    filled = [(line, cells) for line, cells in records if any(cells)]
    if not filled:
        raise ImportRefused("Tệp không có dữ liệu.")
    hint = ""
    if header_row is not None:
        found = next(((line, cells) for line, cells in filled if line == header_row), None)
        if found is None:
            raise ImportRefused(f"Dòng {header_row} trống hoặc không có trong tệp — hãy chọn dòng tiêu đề khác.")
    else:
        found = _find_header(filled)
        if found is None:
            found = filled[0]
            hint = (
                f"Không tìm thấy dòng tiêu đề có cột “Họ và tên” (hoặc “Họ tên”, “Tên”, “Full name”) trong "
                f"{HEADER_SEARCH_ROWS} dòng đầu — đang tạm lấy dòng {found[0]} làm tiêu đề. Hãy chọn đúng dòng tiêu "
                "đề, hoặc ghép cột “Họ và tên” bằng tay."
            )
    header_line, header = found
    if any(line < header_line for line, _ in filled):
        notices = [*notices, f"Dòng tiêu đề là dòng {header_line}; bỏ qua {header_line - 1} dòng phía trên."]
    rows = [(line, cells) for line, cells in filled if line > header_line]
    blanks = [line for line, cells in records if not any(cells) and line > header_line]
    if not trailing_blanks:
        blanks = [b for b in blanks if rows and b < rows[-1][0]]
    return SourceTable(
        header=header,
        rows=rows,
        blank_lines=blanks,
        header_line=header_line,
        notices=tuple(notices),
        header_hint=hint,
        encoding=encoding,
    )


# --- mapping ----------------------------------------------------------------------------------


def guess_mapping(header: list[str]) -> dict[int, str]:
    """Source column position → schema key, for every header we recognise (first one wins)."""
    mapping: dict[int, str] = {}
    for index, text in enumerate(header):
        key = _ALIAS_TO_KEY.get(fold(text))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


def mapping_problems(mapping: dict[int, str]) -> list[str]:
    """Why a mapping cannot be used (a schema column chosen twice, or no name column)."""
    problems = []
    chosen = [k for k in mapping.values() if k]
    for key in sorted({k for k in chosen if chosen.count(k) > 1}):
        problems.append(f"Cột “{TAB.column(key).header}” được chọn cho nhiều cột của tệp.")
    if "name" not in chosen:
        problems.append("Chưa chọn cột “Họ và tên”.")
    return problems


# --- checking ---------------------------------------------------------------------------------


def _identity(values: dict[str, str]) -> tuple[tuple[str, str] | None, str, str]:
    name, unit = match_key(values.get("name", "")), match_key(values.get("unit", ""))
    email = values.get("email", "").casefold()
    phone = digits(values.get("phone", ""))
    return ((name, unit) if name else None), email, phone


def _check_cells(values: dict[str, str]) -> list[str]:
    """Schema rules for one row; returns the Vietnamese reasons it cannot be imported (and fixes enum spelling)."""
    reasons = []
    for column in TAB.columns:
        text = values.get(column.key, "")
        if not text:
            if column.required and column.key != "id":
                reasons.append(f"Thiếu “{column.header}”")
            continue
        limit = CELL_LIMITS.get(column.key, CELL_LIMIT)
        if len(text) > limit:
            reasons.append(f"{column.header}: dài {len(text)} ký tự (tối đa {limit})")
            continue
        try:
            if column.kind == Kind.ENUM:
                values[column.key] = match_choice(text, column.choices) or ""
            elif column.kind == Kind.DATETIME:
                parse_datetime(text)
        except CellError as exc:
            reasons.append(f"{column.header}: {exc}")
    email = values.get("email", "")
    if email and (problem := email_problem(email)):
        reasons.append(f"Email “{email}” không hợp lệ: {problem}")
    phone = values.get("phone", "")
    if phone and not 9 <= len(digits(phone)) <= 11:
        reasons.append(f"Số điện thoại “{phone}” không hợp lệ")
    return reasons


@dataclass
class _Holders:
    """Who already holds each normalised name + unit, e-mail and phone: an attendee, or an accepted line of the file."""

    key: dict[tuple[str, str], str] = field(default_factory=dict)
    email: dict[str, str] = field(default_factory=dict)
    phone: dict[str, str] = field(default_factory=dict)

    def claim(self, values: dict[str, str], who: str) -> None:
        """The first holder stays: an accepted line never clashes, so it is always the first of its identities."""
        key, email, phone = _identity(values)
        if key:
            self.key.setdefault(key, who)
        if email:
            self.email.setdefault(email, who)
        if phone:
            self.phone.setdefault(phone, who)

    def clashes(self, values: dict[str, str]) -> list[str]:
        key, email, phone = _identity(values)
        reasons = []
        if key and key in self.key:
            reasons.append(f"Trùng họ tên và đơn vị với {self.key[key]}")
        if email and email in self.email:
            reasons.append(f"Trùng email với {self.email[email]}")
        if phone and phone in self.phone:
            reasons.append(f"Trùng số điện thoại với {self.phone[phone]}")
        return reasons


def _existing_holders(existing: pd.DataFrame) -> _Holders:
    holders = _Holders()
    fields = [k for k in ("name", "unit", "email", "phone") if k in existing.columns]
    # Plain records, not iterrows: 20,000 existing rows are checked on every preview.
    for row_id, row in zip(existing.index, existing[fields].to_dict("records"), strict=True):
        holders.claim({k: str(row[k]) for k in fields}, f"đại biểu {row_id} ({row.get('name', '')})")
    return holders


def _id_clash(row_id: str, existing_ids: set[str], file_ids: dict[str, int]) -> list[str]:
    """A typed Mã must be new: not an attendee's, not an earlier accepted line's."""
    if not row_id:
        return []
    if row_id.casefold() in existing_ids:
        return [f"Mã “{row_id}” đã có trong danh sách"]
    if row_id.casefold() in file_ids:
        return [f"Mã “{row_id}” trùng với dòng {file_ids[row_id.casefold()]} của tệp"]
    return []


def _with_defaults(values: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    """The chosen defaults fill the row's empty cells; RSVP is always present (possibly empty until accepted)."""
    for key, value in defaults.items():
        if not values.get(key):
            values[key] = value
    values.setdefault("rsvp", "")
    return values


def plan_import(
    table: SourceTable,
    mapping: dict[int, str],
    existing: pd.DataFrame,
    defaults: dict[str, str] | None = None,
) -> ImportPlan:
    """Every row either accepted (ready to write) or rejected with its line and reason — none silently dropped.

    `existing` is the attendees' raw frame (index = ID). A row is a duplicate if its normalised name + unit, its
    e-mail or its phone matches an existing attendee or an earlier accepted row of the same file.
    """
    problems = mapping_problems(mapping)
    if problems:
        hint = table.header_hint if "name" not in mapping.values() else ""
        raise ImportRefused(" ".join(p for p in (*problems, hint) if p))
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    holders = _existing_holders(existing)
    existing_ids = {str(i).casefold() for i in existing.index}
    file_ids: dict[str, int] = {}

    accepted: list[tuple[int, dict[str, str]]] = []
    rejected: list[Rejected] = []
    for line, cells in table.rows:
        values = {key: clean(cells[i]) if i < len(cells) else "" for i, key in mapping.items() if key}
        if not any(values.values()):
            rejected.append(Rejected(line, values, "Dòng không có dữ liệu ở các cột đã chọn"))
            continue
        values = _with_defaults(values, defaults)
        reasons = _check_cells(values)  # first: it also fixes the spelling of listed values
        row_id = values.get("id", "")
        reasons += _id_clash(row_id, existing_ids, file_ids) + holders.clashes(values)
        if reasons:
            rejected.append(Rejected(line, values, "; ".join(reasons)))
            continue
        holders.claim(values, f"dòng {line} của tệp")
        if row_id:
            file_ids[row_id.casefold()] = line
        if not values.get("rsvp"):
            values["rsvp"] = RSVP[0]
        accepted.append((line, values))
    return ImportPlan(accepted=accepted, rejected=rejected, blank_lines=list(table.blank_lines))


def commit_import(store: Store, plan: ImportPlan, *, user: str, only_accepted: bool = False) -> list[str]:
    """One append for the whole file; refused (nothing written) while any row is rejected, unless the user chose
    to import only the accepted rows."""
    if plan.ready(only_accepted):
        return store.append_rows(TAB.key, plan.rows, user=user)
    if plan.rejected and not only_accepted:
        raise ImportRefused(
            f"Chưa nhập: {len(plan.rejected)} dòng bị từ chối. Hãy sửa tệp rồi tải lên lại, "
            "hoặc chọn chỉ nhập các dòng hợp lệ."
        )
    raise ImportRefused("Không có dòng hợp lệ nào để nhập.")

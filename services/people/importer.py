"""Importing attendees from CSV or XLSX: read, map headers, check every row, and accept all or nothing."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import load_workbook

from services.parsing import CellError, clean, match_choice, parse_datetime
from services.people.search import digits
from services.schema import ATTENDEES, RSVP, Kind
from services.store import Store, StoreError
from services.text import fold, match_key

TAB = ATTENDEES
MAX_BYTES = 10 * 1024 * 1024

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
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ImportRefused(StoreError):
    """The file cannot be read or the import was refused; the message is shown to the user as is."""


@dataclass(frozen=True)
class SourceTable:
    """A file as read: its header row and data rows with the line (or sheet row) number each came from."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    blank_lines: list[int] = field(default_factory=list)


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
        return _frame([(r.line, r.values, r.reason) for r in self.rejected])


def _frame(items: list[tuple[int, dict[str, str], str]]) -> pd.DataFrame:
    keys = [c.key for c in TAB.columns]
    records = [
        {"line": line, **{k: values.get(k, "") for k in keys}, "reason": reason} for line, values, reason in items
    ]
    return pd.DataFrame.from_records(records, columns=["line", *keys, "reason"])


# --- reading ----------------------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> SourceTable:
    """CSV (',' ';' or tab, with or without BOM, UTF-8 or Windows-1258) or XLSX (first sheet)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused("Tệp quá lớn (tối đa 10 MB).")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt", ".tsv")):
        return _read_csv(data)
    raise ImportRefused("Chỉ nhận tệp .csv hoặc .xlsx.")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise ImportRefused("Không đọc được bảng mã của tệp — hãy lưu lại dưới dạng CSV UTF-8.") from None


def _delimiter(text: str) -> str:
    sample = "\n".join(line for line in text.splitlines()[:20] if line.strip())
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max(",;\t", key=header.count)


def _read_csv(data: bytes) -> SourceTable:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    blanks: list[int] = []
    try:
        for record in reader:
            line = reader.line_num
            cells = [clean(c) for c in record]
            if not any(cells):
                if header is not None:
                    blanks.append(line)
                continue
            if header is None:
                header = cells
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise ImportRefused(f"Tệp CSV bị lỗi ở dòng {reader.line_num}: {exc}") from exc
    if header is None:
        raise ImportRefused("Tệp không có dữ liệu.")
    return SourceTable(header=header, rows=rows, blank_lines=blanks)


def _read_xlsx(data: bytes) -> SourceTable:
    from services.store.workbook import cell_text

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a corrupt or non-xlsx file
        raise ImportRefused(f"Không mở được tệp Excel: {exc}") from exc
    try:
        ws = wb.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        blanks: list[int] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if not any(cells):
                if header is not None:
                    blanks.append(number)
                continue
            if header is None:
                header = cells
            else:
                rows.append((number, cells))
    finally:
        wb.close()
    if header is None:
        raise ImportRefused("Tệp không có dữ liệu.")
    # A sheet's trailing empty rows are formatting, not lines someone left blank.
    last = rows[-1][0] if rows else 0
    return SourceTable(header=header, rows=rows, blank_lines=[b for b in blanks if b < last])


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
        try:
            if column.kind == Kind.ENUM:
                values[column.key] = match_choice(text, column.choices) or ""
            elif column.kind == Kind.DATETIME:
                parse_datetime(text)
        except CellError as exc:
            reasons.append(f"{column.header}: {exc}")
    email = values.get("email", "")
    if email and not _EMAIL.match(email):
        reasons.append(f"Email “{email}” không hợp lệ")
    phone = values.get("phone", "")
    if phone and not 9 <= len(digits(phone)) <= 11:
        reasons.append(f"Số điện thoại “{phone}” không hợp lệ")
    return reasons


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
        raise ImportRefused(" ".join(problems))
    defaults = {k: v for k, v in (defaults or {}).items() if v}
    seen_key: dict[tuple[str, str], str] = {}
    seen_email: dict[str, str] = {}
    seen_phone: dict[str, str] = {}
    fields = [k for k in ("name", "unit", "email", "phone") if k in existing.columns]
    # Plain records, not iterrows: 20,000 existing rows are checked on every preview.
    for row_id, row in zip(existing.index, existing[fields].to_dict("records"), strict=True):
        who = f"đại biểu {row_id} ({row.get('name', '')})"
        key, email, phone = _identity({k: str(v) for k, v in row.items()})
        if key:
            seen_key.setdefault(key, who)
        if email:
            seen_email.setdefault(email, who)
        if phone:
            seen_phone.setdefault(phone, who)
    existing_ids = {str(i).casefold() for i in existing.index}
    file_ids: dict[str, int] = {}

    accepted: list[tuple[int, dict[str, str]]] = []
    rejected: list[Rejected] = []
    for line, cells in table.rows:
        values = {key: clean(cells[i]) if i < len(cells) else "" for i, key in mapping.items() if key}
        if not any(values.values()):
            rejected.append(Rejected(line, values, "Dòng không có dữ liệu ở các cột đã chọn"))
            continue
        for key, value in defaults.items():
            if not values.get(key):
                values[key] = value
        values.setdefault("rsvp", "")
        reasons = _check_cells(values)
        row_id = values.get("id", "")
        if row_id:
            if row_id.casefold() in existing_ids:
                reasons.append(f"Mã “{row_id}” đã có trong danh sách")
            elif row_id.casefold() in file_ids:
                reasons.append(f"Mã “{row_id}” trùng với dòng {file_ids[row_id.casefold()]} của tệp")
        key, email, phone = _identity(values)
        if key and key in seen_key:
            reasons.append(f"Trùng họ tên và đơn vị với {seen_key[key]}")
        if email and email in seen_email:
            reasons.append(f"Trùng email với {seen_email[email]}")
        if phone and phone in seen_phone:
            reasons.append(f"Trùng số điện thoại với {seen_phone[phone]}")
        if reasons:
            rejected.append(Rejected(line, values, "; ".join(reasons)))
            continue
        who = f"dòng {line} của tệp"
        if key:
            seen_key[key] = who
        if email:
            seen_email[email] = who
        if phone:
            seen_phone[phone] = who
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

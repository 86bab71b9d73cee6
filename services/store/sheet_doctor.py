"""`cli doctor` and the Dữ liệu page: what staff did to this spreadsheet that matters to the app, and what the app
does about each — its locale and time zone, merges, dropdown rules and protected ranges on app columns, hidden or
frozen rows and filters, formulas in app columns. Services decide; the page and the CLI only show the findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from services.schema import Kind, Tab
from services.schema import tab as schema_tab
from services.store import SheetFeatureSource
from services.store.rows import column_map, header_of
from services.store.sheet_features import Area, Features, TabFeatures
from services.store.sheet_journal import quoted

# The time zone the conference runs in: the app writes the times the desks see (Việt Nam, UTC+7).
APP_TIME_ZONE = "Asia/Ho_Chi_Minh"
DAY_FIRST = ("vi", "fr", "de", "es", "it", "pt", "ru", "nl", "pl", "en_GB", "en_AU", "id", "th")


@dataclass(frozen=True)
class Finding:
    """One thing found: `blocks` when the app will refuse some writes because of it (staff should act)."""

    topic: str
    where: str
    found: str
    action: str
    blocks: bool = False


def _locale_findings(f: Features) -> list[Finding]:
    day_first = f.locale.startswith(DAY_FIRST)
    order = "ngày trước tháng (9/5/2025 là 9 tháng 5)" if day_first else "tháng trước ngày (9/5/2025 là 5 tháng 9)"
    out = [
        Finding(
            "Ngôn ngữ và định dạng",
            "Tệp > Cài đặt",
            f"Bảng tính dùng định dạng {f.locale or 'không rõ'}: ngày cán bộ gõ tay được hiểu {order}.",
            "Ứng dụng đọc ngày, giờ theo số sê-ri của ô nên đúng với mọi định dạng; ô do ứng dụng ghi luôn "
            "theo mẫu dd/mm/yyyy. Không cần làm gì.",
        )
    ]
    if f.time_zone and f.time_zone != APP_TIME_ZONE:
        out.append(
            Finding(
                "Múi giờ",
                "Tệp > Cài đặt",
                f"Múi giờ của bảng tính là {f.time_zone}, không phải giờ Việt Nam ({APP_TIME_ZONE}).",
                "Giờ điểm danh và giờ trong Nhật ký do ứng dụng ghi là giờ Việt Nam như bàn đón thấy; chỉ các công "
                "thức NOW()/TODAY() của cán bộ trong bảng tính tính theo múi giờ kia — nên đổi sang "
                f"{APP_TIME_ZONE}.",
            )
        )
    return out


def _column_name(spec: Tab, header: list[str], col: int) -> str:
    keys = {c: k for k, c in column_map(spec, header).items()}
    if col in keys:
        return spec.column(keys[col]).header
    return header[col] if col < len(header) and header[col] else get_column_letter(col + 1)


def _tab_findings(spec: Tab, tab: TabFeatures, header: list[str], formulas: list[list[Any]]) -> list[Finding]:
    """What staff set up on one app tab, one finding each, in the order staff meet them."""
    app_cols = set(column_map(spec, header).values())
    return [
        *_merge_findings(spec, tab, header, app_cols),
        *_protection_findings(tab),
        *_rule_findings(spec, tab, header, app_cols),
        *_view_findings(tab),
        *_formula_findings(tab, formulas, app_cols),
    ]


def _merge_findings(spec: Tab, tab: TabFeatures, header: list[str], app_cols: set[int]) -> list[Finding]:
    out: list[Finding] = []
    for merge in tab.merges:
        touched = [c for c in app_cols if merge.col0 <= c < (merge.col1 or c + 1)]
        in_header = merge.row0 == 0
        out.append(
            Finding(
                "Ô gộp",
                merge.a1(),
                "Cán bộ gộp ô "
                + ("ở dòng tiêu đề" if in_header else "trong vùng dữ liệu")
                + (f" (cột {', '.join(_column_name(spec, header, c) for c in sorted(touched))})" if touched else ""),
                "Ứng dụng đọc đúng các dòng (ô gộp không làm lệch dòng) nhưng từ chối ghi vào ô nằm trong vùng gộp và "
                "báo tên vùng; hãy bỏ gộp nếu ứng dụng cần ghi ở đó.",
                blocks=bool(touched) and not in_header,
            )
        )
    return out


def _protection_findings(tab: TabFeatures) -> list[Finding]:
    out: list[Finding] = []
    for protection in tab.protections:
        if protection.can_edit and not protection.warning_only:
            action = "Tài khoản của ứng dụng được phép sửa vùng này: không ảnh hưởng."
            blocks = False
        elif protection.warning_only:
            action = "Chỉ hiện cảnh báo khi sửa: ứng dụng vẫn ghi được."
            blocks = False
        else:
            action = (
                "Ứng dụng không ghi được vào vùng này: mỗi thao tác ghi vào đó bị từ chối kèm tên vùng (không thử lại "
                "liên tục); lượt điểm danh được giữ trong nhật ký bàn đón và gửi lại khi bỏ bảo vệ. Hãy thêm email "
                "tài khoản dịch vụ vào người được sửa."
            )
            blocks = True
        label = f" (“{protection.description}”)" if protection.description else ""
        out.append(Finding("Vùng được bảo vệ", protection.area.a1(), f"Vùng được bảo vệ{label}.", action, blocks))
    return out


def _rule_findings(spec: Tab, tab: TabFeatures, header: list[str], app_cols: set[int]) -> list[Finding]:
    out: list[Finding] = []
    for col in sorted(app_cols):
        for rule in tab.column_rules(col):
            name = _column_name(spec, header, col)
            where = quoted(tab.title, f"{get_column_letter(col + 1)}:{get_column_letter(col + 1)}")
            if rule.allowed is None:
                out.append(
                    Finding(
                        "Quy tắc xác thực dữ liệu",
                        where,
                        f"Cột {name} có quy tắc {rule.kind} ({'từ chối' if rule.strict else 'cảnh báo'}).",
                        "Ứng dụng chỉ kiểm tra danh sách chọn (ONE_OF_LIST); quy tắc này không được kiểm tra trước "
                        "khi ghi — Google vẫn nhận giá trị ứng dụng ghi và đánh dấu ô nếu không hợp lệ.",
                    )
                )
                continue
            column = spec.column(next(k for k, c in column_map(spec, header).items() if c == col))
            listed = {v.strip().casefold() for v in rule.allowed}
            needed = [v for v in (column.choices if column.kind == Kind.ENUM else ()) if v.casefold() not in listed]
            allowed = ", ".join(f"“{v}”" for v in rule.allowed)
            found = f"Cột {name} có danh sách chọn: {allowed}."
            if needed:
                found += " Thiếu giá trị ứng dụng dùng: " + ", ".join(f"“{v}”" for v in needed) + "."
            out.append(
                Finding(
                    "Danh sách chọn",
                    where,
                    found,
                    "Ứng dụng kiểm tra trước khi ghi: giá trị ngoài danh sách bị từ chối kèm tên ô và các giá trị "
                    "được phép, không để lại ô sai (Google không tự chặn ghi qua API)."
                    + (" Hãy thêm các giá trị còn thiếu vào danh sách." if needed else ""),
                    blocks=bool(needed),
                )
            )
    return out


def _view_findings(tab: TabFeatures) -> list[Finding]:
    """Frozen rows, a filter, hidden rows: how staff look at the tab, none of it in the app's way."""
    out: list[Finding] = []
    if tab.frozen_rows:
        out.append(
            Finding(
                "Cố định dòng",
                quoted(tab.title),
                f"Cố định {tab.frozen_rows} dòng đầu.",
                "Không ảnh hưởng: ứng dụng đọc và ghi theo Mã, không theo vị trí dòng.",
            )
        )
    if tab.filter is not None:
        out.append(
            Finding(
                "Bộ lọc",
                tab.filter.a1(),
                "Trang đang có bộ lọc.",
                "Không ảnh hưởng: ứng dụng vẫn đọc và ghi cả các dòng bị bộ lọc ẩn.",
            )
        )
    if tab.hidden_rows:
        rows = ", ".join(str(r + 1) for r in tab.hidden_rows[:10]) + ("…" if len(tab.hidden_rows) > 10 else "")
        out.append(
            Finding(
                "Dòng ẩn",
                quoted(tab.title),
                f"Các dòng đang ẩn: {rows}.",
                "Không ảnh hưởng: ứng dụng vẫn đọc và ghi các dòng ẩn như mọi dòng khác.",
            )
        )
    return out


def _formula_findings(tab: TabFeatures, formulas: list[list[Any]], app_cols: set[int]) -> list[Finding]:
    cells = [
        quoted(tab.title, f"{get_column_letter(c + 1)}{r + 2}")
        for r, row in enumerate(formulas[1:])
        for c, value in enumerate(row)
        if c in app_cols and isinstance(value, str) and value.startswith("=")
    ]
    if not cells:
        return []
    return [
        Finding(
            "Công thức trong cột của ứng dụng",
            ", ".join(cells[:8]) + ("…" if len(cells) > 8 else ""),
            f"{len(cells)} ô trong cột ứng dụng ghi chứa công thức do cán bộ nhập.",
            "Ứng dụng đọc giá trị đã tính nhưng không bao giờ ghi đè công thức: sửa ô đó qua ứng dụng bị từ chối "
            "kèm tên ô.",
            blocks=False,
        )
    ]


def diagnose(store: object) -> list[Finding] | None:
    """Findings for a Google Sheet store (one metadata read, one formula read of the app's tabs); None for a
    store that cannot describe its sheet (a workbook). Pass the backend store itself, not a `GuardedStore`."""
    if not isinstance(store, SheetFeatureSource):
        return None
    features = store.features(refresh=True)
    out = _locale_findings(features)
    for key, title, grid in store.formula_grids():
        tab = features.tabs.get(title)
        if tab is None:
            continue
        out += _tab_findings(schema_tab(key), tab, header_of(grid), grid)
    return out


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocks]


__all__ = ["Area", "Finding", "blocking", "diagnose"]

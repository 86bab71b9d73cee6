"""Strings of missing tabs and columns: what is missing, and what this user can do about it."""

STRINGS: dict[str, tuple[str, str]] = {
    "structure.tab_missing": ("Bảng tính không có trang “{tab}”.", "The spreadsheet has no “{tab}” tab."),
    "structure.header_missing": (
        "Trang “{tab}” thiếu cột {columns} — có thể tiêu đề cột đã bị đổi tên: hãy sửa lại tiêu đề trong bảng tính, "
        "hoặc thêm cột còn thiếu.",
        "The “{tab}” tab lacks the column(s) {columns} — a header may have been renamed: fix it in the spreadsheet, "
        "or add the missing columns.",
    ),
    "structure.fix.admin": ("Bấm “{button}” ở trang Dữ liệu.", "Press “{button}” on the Data page."),
    "structure.fix.ask_admin": (
        "Nhờ người có quyền quản trị bấm “{button}” ở trang Dữ liệu.",
        "Ask an admin to press “{button}” on the Data page.",
    ),
    "structure.fix.ask_admin_sheet": (
        "Nhờ người có quyền quản trị bấm “{button}” ở trang Dữ liệu, hoặc chạy “python -m cli init-sheet”.",
        "Ask an admin to press “{button}” on the Data page, or to run “python -m cli init-sheet”.",
    ),
    "structure.fix.local": (
        "Bấm “{button}” ở thanh bên trái: ứng dụng thêm vào tệp {file} các trang và cột còn thiếu "
        "(không đổi tên, không xóa gì).",
        "Press “{button}” in the sidebar: the app adds the missing tabs and columns to {file} "
        "(nothing is renamed or removed).",
    ),
    "structure.local_missing": ("Tệp dữ liệu còn thiếu: {items}.", "The data file lacks: {items}."),
    "structure.local_tab": ("trang “{tab}”", "the “{tab}” tab"),
    "structure.local_columns": ("cột {columns} ở trang “{tab}”", "column(s) {columns} on the “{tab}” tab"),
    "structure.local_button": ("Thêm trang/cột còn thiếu", "Add the missing tabs/columns"),
    "structure.local_done": ("Đã thêm vào tệp dữ liệu: {report}", "Added to the data file: {report}"),
}

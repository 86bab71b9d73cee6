"""Strings of the Dữ liệu (data health) page."""

STRINGS: dict[str, tuple[str, str]] = {
    "data.title": ("Dữ liệu", "Data"),
    "data.backend": ("Nguồn dữ liệu", "Data source"),
    "data.location": ("Vị trí", "Location"),
    "data.loaded_at": ("Tải lúc", "Loaded at"),
    "data.counts": ("Số dòng theo trang", "Rows per tab"),
    "data.tab": ("Trang", "Tab"),
    "data.rows": ("Số dòng", "Rows"),
    "data.problems": ("Ô dữ liệu cần sửa", "Cells to fix"),
    "data.no_problems": ("Không có lỗi dữ liệu.", "No data problems."),
    "data.errors_warnings": (
        "{errors} lỗi, {warnings} cảnh báo",
        "{errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}",
    ),
    "data.col.ref": ("Ô", "Cell"),
    "data.col.value": ("Giá trị", "Value"),
    "data.col.message": ("Vấn đề", "Problem"),
    "data.col.severity": ("Mức độ", "Severity"),
    "data.severity.error": ("lỗi", "error"),
    "data.severity.warning": ("cảnh báo", "warning"),
    "data.other_tabs": ("Trang khác của người dùng (giữ nguyên): {tabs}", "Other tabs (left untouched): {tabs}"),
    "data.ensure": ("Khởi tạo cấu trúc (thêm trang/cột còn thiếu)", "Create missing tabs/columns"),
    "data.ensure_done": ("Đã kiểm tra cấu trúc.", "Structure checked."),
    "data.ensure_nothing": ("Cấu trúc đã đầy đủ, không cần thay đổi.", "Structure complete; nothing changed."),
}

STRINGS.update(
    {
        "data.audit": ("Nhật ký thay đổi (mới nhất trước)", "Change log (newest first)"),
        "data.audit_empty": ("Chưa có thay đổi nào qua ứng dụng.", "No changes made through the app yet."),
        "data.audit_tab": ("Trang", "Tab"),
        "data.audit_user": ("Người dùng", "User"),
        "data.audit_row": ("Mã dòng", "Row ID"),
        "data.audit_all": ("Tất cả", "All"),
    }
)

STRINGS.update(
    {
        "data.doctor": ("Bảng tính Google: những gì cán bộ đã đặt", "Google spreadsheet: what staff set up"),
        "data.doctor_help": (
            "Định dạng, múi giờ, ô gộp, danh sách chọn, vùng bảo vệ, dòng ẩn, bộ lọc và công thức trong cột của ứng "
            "dụng — và ứng dụng làm gì với từng mục.",
            "Locale, time zone, merges, dropdowns, protected ranges, hidden rows, filters and formulas in the app's "
            "columns — and what the app does about each.",
        ),
        "data.doctor_run": ("Kiểm tra bảng tính", "Check the spreadsheet"),
        "data.doctor_ok": ("Không có mục nào làm ứng dụng từ chối ghi.", "Nothing makes the app refuse a write."),
        "data.doctor_blocks": (
            "{count} mục làm ứng dụng từ chối ghi cho đến khi được sửa.",
            "{count} {count|finding|findings} will make the app refuse some writes until fixed.",
        ),
        "data.doctor.topic": ("Mục", "Topic"),
        "data.doctor.where": ("Vị trí", "Where"),
        "data.doctor.found": ("Phát hiện", "Found"),
        "data.doctor.action": ("Ứng dụng sẽ", "What the app does"),
        "data.doctor.blocks": ("Cần sửa", "To fix"),
    }
)

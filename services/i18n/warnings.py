"""Strings of grouped warnings (ui.warning_list)."""

STRINGS: dict[str, tuple[str, str]] = {
    "warnings.more": ("Xem thêm {count} mục", "{count} more"),
    "warnings.approval": (
        "{count} đề cử đã duyệt nhưng kết quả biểu quyết chưa đạt:",
        "{count} approved {count|nomination|nominations} whose vote does not pass:",
    ),
    "warnings.delegates": (
        "{count} vấn đề trong danh sách đại biểu dự Đại hội:",
        "{count} {count|problem|problems} in the delegate list:",
    ),
    "warnings.bulk_refused": (
        "{count} đề cử không chuyển được:",
        "{count} {count|nomination|nominations} cannot be moved:",
    ),
}

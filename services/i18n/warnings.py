"""Strings of grouped warnings (ui.warning_list)."""

STRINGS: dict[str, tuple[str, str]] = {
    "warnings.more": ("Xem thêm {count} mục", "{count} more"),
    "warnings.approval": (
        "{count} đề cử đã duyệt nhưng biểu quyết chưa đạt hoặc không đúng quy định khen thưởng:",
        "{count} approved {count|nomination|nominations} whose vote does not pass or that the award law does not allow:",
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

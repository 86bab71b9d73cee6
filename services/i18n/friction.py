"""Strings of the friction fixes (issue 17, item 5): data age, import, display names of stored values, overview."""

STRINGS: dict[str, tuple[str, str]] = {
    "freshness.just_now": ("cập nhật vừa xong", "updated just now"),
    "freshness.seconds": ("cập nhật {count} giây trước", "updated {count} {count|second|seconds} ago"),
    "freshness.minute": ("cập nhật 1 phút trước", "updated 1 minute ago"),
    "freshness.hour": ("cập nhật 1 giờ trước", "updated 1 hour ago"),
    "freshness.minutes": ("cập nhật {count} phút trước", "updated {count} {count|minute|minutes} ago"),
    "freshness.hours": ("cập nhật {count} giờ trước", "updated {count} {count|hour|hours} ago"),
    "overview.due_soon": ("Sắp đến hạn ({count})", "Due soon ({count})"),
    "overview.due_soon.item": (
        "{id} — {task} (còn {days} ngày, hạn {due})",
        "{id} — {task} ({days} {days|day|days} left, due {due})",
    ),
    "overview.due_soon.today": ("{id} — {task} (hạn hôm nay)", "{id} — {task} (due today)"),
    "friction.import.no_group": ("Không gán nhóm mặc định", "No default group"),
    "friction.nom.bulk_placeholder": ("Chọn các đề cử", "Choose nominations"),
    "friction.nom.delegate_placeholder": ("Chọn đại biểu", "Choose delegates"),
    "friction.backend.workbook": ("Bảng tính cục bộ", "Local workbook"),
    "friction.backend.gsheets": ("Google Sheet", "Google Sheet"),
}

"""Strings of the shared edit path."""

STRINGS: dict[str, tuple[str, str]] = {
    "edit.saving": ("Đang lưu…", "Saving…"),
    "edit.conflict_hint": (
        "Nội dung bạn nhập vẫn còn trên màn hình. Bấm “Tải lại dữ liệu” để xem bản mới nhất rồi lưu lại.",
        "Your input is still on screen. Press “Refresh data” to see the latest version, then save again.",
    ),
}

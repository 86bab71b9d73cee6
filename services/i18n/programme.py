"""Strings of the programme page (Chương trình)."""

STRINGS: dict[str, tuple[str, str]] = {
    "programme.title": ("Chương trình hội nghị", "Conference programme"),
    "programme.caption": (
        "Bắt đầu lúc {start}; giờ của từng mục được tính từ thời lượng theo thứ tự STT. Kết thúc dự kiến {end}.",
        "Starts at {start}; each item's time follows from the durations in STT order. Expected end {end}.",
    ),
    "programme.total": ("Tổng thời lượng", "Total time"),
    "programme.minutes": ("{minutes} phút", "{minutes} min"),
    "programme.session": ("Một buổi", "One session"),
    "programme.end": ("Kết thúc dự kiến", "Expected end"),
    "programme.overrun": (
        "Chương trình dài {total} phút, vượt một buổi ({session} phút) {over} phút.",
        "The programme runs {total} minutes, {over} minutes past one session ({session} minutes).",
    ),
    "programme.no_presenter": (
        "Chưa có người thực hiện: {items}.",
        "No presenter yet: {items}.",
    ),
    "programme.no_minutes": (
        "Chưa có thời lượng (tính là 0 phút): {items}.",
        "No duration (counted as 0 minutes): {items}.",
    ),
    "programme.empty": ("Chưa có mục chương trình nào.", "No programme items yet."),
    "programme.col.order": ("STT", "No."),
    "programme.col.start": ("Bắt đầu", "Start"),
    "programme.col.end": ("Kết thúc", "End"),
    "programme.col.item": ("Nội dung", "Item"),
    "programme.col.presenter": ("Người thực hiện", "Presenter"),
    "programme.col.minutes": ("Phút", "Minutes"),
    "programme.col.id": ("Mã", "ID"),
    "programme.edit": ("Sửa hoặc sắp xếp lại một mục", "Edit or reorder an item"),
    "programme.pick": ("Chọn mục", "Choose an item"),
    "programme.up": ("Lên trên", "Move up"),
    "programme.down": ("Xuống dưới", "Move down"),
    "programme.moved": ("Đã đổi thứ tự.", "Order changed."),
    "programme.field.item": ("Nội dung", "Item"),
    "programme.field.presenter": ("Người thực hiện", "Presenter"),
    "programme.field.minutes": ("Thời lượng (phút)", "Minutes"),
    "programme.save": ("Lưu mục này", "Save this item"),
    "programme.saved": ("Đã lưu mục {id}.", "Item {id} saved."),
    "programme.nothing": ("Không có thay đổi nào để lưu.", "Nothing changed."),
}

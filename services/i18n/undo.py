"""Strings of confirm-then-undo for bulk actions and of reverting a change from the log."""

STRINGS: dict[str, tuple[str, str]] = {
    "bulk.select_first": ("Chọn dòng để áp dụng", "Select rows to apply"),
    "bulk.apply_to": ("Áp dụng cho {count} dòng đã chọn…", "Apply to {count} selected {count|row|rows}…"),
    "bulk.nothing": (
        "Các dòng đã chọn đã có giá trị này — không có gì để thay đổi.",
        "The selected rows already have this value — nothing to change.",
    ),
    "bulk.confirm_title": ("Xác nhận thay đổi hàng loạt", "Confirm bulk change"),
    "bulk.confirm_count": (
        "Sẽ thay đổi **{count}** dòng trong trang “{tab}”. Kiểm tra trước khi xác nhận:",
        "This changes **{count}** rows of “{tab}”. Check before confirming:",
    ),
    "bulk.col.id": ("Mã", "ID"),
    "bulk.col.name": ("Tên", "Name"),
    "bulk.col.field": ("Trường", "Field"),
    "bulk.col.old": ("Giá trị cũ", "Old value"),
    "bulk.col.new": ("Giá trị mới", "New value"),
    "bulk.confirm": ("Xác nhận thay đổi", "Confirm change"),
    "bulk.cancel": ("Hủy", "Cancel"),
    "bulk.conflicts": (
        "{count} dòng vừa được người khác sửa nên chưa ghi: {ids}.",
        "{count} {count|row was|rows were} changed by someone else and were not written: {ids}.",
    ),
    "bulk.undo": ("Hoàn tác", "Undo"),
    "bulk.undo_hint": (
        "Thao tác {op} vừa đổi {count} dòng. “Hoàn tác” trả lại đúng các ô đó như trước.",
        "Operation {op} just changed {count} {count|row|rows}. “Undo” puts exactly those cells back.",
    ),
    "bulk.undone": ("Đã hoàn tác {count} dòng.", "{count} {count|row|rows} restored."),
    "bulk.undo_refused": (
        "Chưa hoàn tác gì: các ô sau đã bị sửa sau thao tác này — {cells}. "
        "Hãy xem lại các ô đó rồi sửa từng dòng nếu cần.",
        "Nothing undone: these cells were changed after the operation — {cells}. "
        "Check them and edit the rows one by one if needed.",
    ),
    "bulk.undo_raced": (
        "Đã hoàn tác {count} dòng; các dòng sau vừa bị sửa nên giữ nguyên: {ids}.",
        "{count} {count|row|rows} restored; these rows were just changed and were left as they are: {ids}.",
    ),
    "revert.title": ("Hoàn tác một thay đổi", "Revert a change"),
    "revert.pick": ("Thay đổi hoặc thao tác hàng loạt", "Change or bulk operation"),
    "revert.pick_help": (
        "Quản trị viên hoàn tác được mọi thay đổi; biên tập viên chỉ hoàn tác thay đổi của chính mình.",
        "Admins may revert any change; editors only their own.",
    ),
    "revert.placeholder": ("Chọn mã thay đổi…", "Choose a change ID…"),
    "revert.none": ("Không có thay đổi nào bạn được hoàn tác.", "There is no change you may revert."),
    "revert.op_label": (
        "{op} — thao tác hàng loạt, {count} thay đổi",
        "{op} — bulk operation, {count} {count|change|changes}",
    ),
    "revert.apply": ("Hoàn tác thay đổi này", "Revert this change"),
    "revert.done": ("Đã hoàn tác {ident} ({count} dòng).", "{ident} reverted ({count} {count|row|rows})."),
    "revert.not_found": ("Không tìm thấy thay đổi “{ident}” trong Nhật ký.", "No change “{ident}” in the log."),
    "revert.forbidden": (
        "Bạn chỉ được hoàn tác thay đổi của chính mình (“{ident}” do người khác làm).",
        "You may only revert your own changes (“{ident}” was made by someone else).",
    ),
    "revert.not_revertible": (
        "“{ident}” thêm hoặc xóa dòng — Nhật ký chỉ ghi tóm tắt nên không hoàn tác tự động được.",
        "“{ident}” added or deleted a row — the log keeps only a summary, so it cannot be reverted automatically.",
    ),
    "revert.drifted": (
        "Chưa hoàn tác gì: các ô sau đã bị sửa sau thay đổi này — {cells}.",
        "Nothing reverted: these cells were changed after this change — {cells}.",
    ),
    "revert.raced": (
        "Đã hoàn tác {count} dòng; các dòng sau chưa ghi — {ids}",
        "{count} {count|row|rows} reverted; these rows were not written — {ids}",
    ),
}

"""Strings of the budget page (Kinh phí)."""

STRINGS: dict[str, tuple[str, str]] = {
    "budget.title": ("Kinh phí hội nghị", "Conference budget"),
    "budget.estimate": ("Tổng dự trù", "Total estimate"),
    "budget.actual": ("Tổng thực chi", "Total spent"),
    "budget.remaining": ("Còn lại", "Remaining"),
    "budget.spent": ("đã chi {share}", "{share} spent"),
    "budget.over_total": (
        "Tổng thực chi vượt dự trù {amount}.",
        "Total spending exceeds the estimate by {amount}.",
    ),
    "budget.over_lines": (
        "{count} khoản mục chi vượt dự trù (tô đỏ trong bảng).",
        "{count} {count|line|lines} spent more than estimated (red in the table).",
    ),
    "budget.empty": ("Chưa có khoản mục kinh phí.", "No budget lines yet."),
    "budget.col.id": ("Mã", "ID"),
    "budget.col.item": ("Khoản mục", "Item"),
    "budget.col.estimate": ("Dự trù", "Estimate"),
    "budget.col.actual": ("Thực chi", "Actual"),
    "budget.col.remaining": ("Còn lại", "Remaining"),
    "budget.col.over": ("Vượt", "Over"),
    "budget.col.note": ("Ghi chú", "Note"),
    "budget.total_row": ("Tổng cộng", "Total"),
}

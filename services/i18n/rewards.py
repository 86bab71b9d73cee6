"""Strings of the Tiền thưởng section (Khen thưởng page) and of the computed reward line on the budget page."""

STRINGS: dict[str, tuple[str, str]] = {
    "rewards.title": ("Tiền thưởng", "Reward money"),
    "rewards.how": (
        "Mức thưởng = hệ số thưởng của hình thức × mức lương cơ sở (Nghị định 152/2025/NĐ-CP), tính lại mỗi lần mở "
        "trang từ các đề cử đã duyệt; số tiền tính bằng đồng.",
        "Reward = the award form's coefficient × the base salary (Decree 152/2025/NĐ-CP), recomputed on every visit "
        "from the approved nominations; amounts in VND.",
    ),
    "rewards.base_salary": (
        "Mức lương cơ sở: {amount} đồng — sửa ở trang Sự kiện, mục base_salary.",
        "Base salary: {amount} VND — change it in the Sự kiện tab, row base_salary.",
    ),
    "rewards.missing": (
        "{forms} chưa có hệ số thưởng (đang tính 0 đồng) — điền ở trang Hình thức khen thưởng.",
        "{forms}: no reward coefficient (counted as 0) — fill it in the Hình thức khen thưởng tab.",
    ),
    "rewards.metric.director": ("Giám đốc Sở quyết định", "Decided by the Director"),
    "rewards.metric.higher": ("Đề nghị Chủ tịch UBND tỉnh", "Proposed to the Provincial Chair"),
    "rewards.metric.total": ("Tổng tiền thưởng", "Total reward money"),
    "rewards.amount": ("{amount} đồng", "{amount} VND"),
    "rewards.group.director": ("Giám đốc Sở quyết định", "Decided by the Director of the Department"),
    "rewards.group.higher": (
        "Đề nghị Chủ tịch UBND tỉnh",
        "Proposed to the Chair of the Provincial People's Committee",
    ),
    "rewards.group.other": (
        "Chưa rõ thẩm quyền (hình thức không có trong trang Hình thức khen thưởng)",
        "Decider unknown (form not in the Hình thức khen thưởng tab)",
    ),
    "rewards.none": ("Chưa có người/tập thể được duyệt.", "No approved honorees yet."),
    "rewards.total_row": ("Cộng", "Total"),
    "rewards.col.award": ("Hình thức", "Award form"),
    "rewards.col.individuals": ("Cá nhân", "Individuals"),
    "rewards.col.collectives": ("Tập thể", "Collectives"),
    "rewards.col.amount_person": ("Mức thưởng cá nhân", "Each individual"),
    "rewards.col.amount_collective": ("Mức thưởng tập thể", "Each collective"),
    "rewards.col.total": ("Thành tiền", "Amount"),
    "rewards.budget_line": (
        "Tiền thưởng theo Quyết định của Giám đốc Sở (tính tự động: hệ số × mức lương cơ sở): **{amount}**",
        "Rewards under the Director's decision (computed: coefficient × base salary): **{amount}**",
    ),
    "rewards.budget_compare": (
        "Dự trù ({items}): {estimate} — tính theo danh sách: {computed} ({gap}).",
        "Estimate ({items}): {estimate} — computed from the list: {computed} ({gap}).",
    ),
    "rewards.gap.short": ("thiếu {amount}", "short by {amount}"),
    "rewards.gap.spare": ("dư {amount}", "{amount} to spare"),
    "rewards.gap.even": ("khớp", "matches"),
    "rewards.budget_no_row": (
        "Chưa có khoản mục dự trù nào ghi “khen thưởng” hoặc “tiền thưởng” để so sánh.",
        "No budget line mentions “khen thưởng” or “tiền thưởng” to compare with.",
    ),
}

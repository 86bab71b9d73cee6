"""The dossier's items and deadline line on screen, in both languages. The Vietnamese repeats what
services.documents.dossier prints (item labels, `DossierStatus.deadline_text`) and certificates.PRINT_NOTE;
tests/unit/test_words_and_numbers.py holds them equal."""

STRINGS: dict[str, tuple[str, str]] = {
    "dossier.item.cover-letter": (
        "Công văn gửi Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ)",
        "Cover letter to the provincial emulation and awards council (through the Department of Home Affairs)",
    ),
    "dossier.item.plan": ("Kế hoạch tổ chức Hội nghị", "Conference plan"),
    "dossier.item.programme": ("Chương trình, lịch tổ chức Hội nghị", "Conference programme and schedule"),
    "dossier.item.summary-report": (
        "Báo cáo tổng kết phong trào thi đua 2020 - 2025; phương hướng, nhiệm vụ 2025 - 2030",
        "Summary report of the emulation movement 2020 – 2025; directions and tasks 2025 – 2030",
    ),
    "dossier.item.annex": ("Phụ lục thống kê kết quả khen thưởng 2020 - 2025", "Annex: award statistics 2020 – 2025"),
    "dossier.deadline.none": (
        "Chưa xác định được hạn gửi hồ sơ (chưa có ngày tổ chức Hội nghị).",
        "The dossier deadline is not known yet (no conference date).",
    ),
    "dossier.deadline": ("Hạn gửi hồ sơ: {date}", "Dossier due: {date}"),
    "dossier.deadline.before": (" (trước Hội nghị {days} ngày)", " ({days} {days|day|days} before the conference)"),
    "dossier.deadline.overdue": (", đã quá hạn {days} ngày.", ", {days} {days|day|days} overdue."),
    "dossier.deadline.today": (", hôm nay là hạn cuối.", ", today is the last day."),
    "dossier.deadline.left": (", còn {days} ngày.", ", {days} {days|day|days} left."),
    "documents.print_note": (
        "In ở tỷ lệ 100 % (Actual size / Kích thước thật), không co giãn theo trang",
        "Print at 100 % (Actual size), not scaled to the page",
    ),
    "documents.dossier_build": ("Tạo hồ sơ (.zip)", "Build the dossier (.zip)"),
    "documents.dossier_building": (
        "Đang tạo hồ sơ: mọi tài liệu ở dạng PDF và Word — mất vài giây…",
        "Building the dossier: every document as PDF and Word — this takes a few seconds…",
    ),
}

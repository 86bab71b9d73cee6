"""Strings of the Tài liệu (documents) page."""

STRINGS: dict[str, tuple[str, str]] = {
    "documents.title": ("Tài liệu", "Documents"),
    "documents.intro": (
        "Bấm “Tạo” để lập tài liệu theo dữ liệu hiện tại (thể thức Nghị định 30/2020/NĐ-CP), rồi tải về để in.",
        "Click “Build” to generate a document from the current data (Decree 30/2020 layout), then download it.",
    ),
    "documents.build": ("Tạo", "Build"),
    "documents.building": ("Đang tạo {title}…", "Building {title}…"),
    "documents.download": ("Tải PDF", "Download PDF"),
    "documents.size": ("{size} KB, lập lúc {time}", "{size} KB, built at {time}"),
    "documents.unproofread": (
        "{count} tập thể, cá nhân đã duyệt chưa được rà soát tên in: {names}",
        "{count} approved honorees not yet proofread: {names}",
    ),
    "documents.dossier": ("Hồ sơ gửi Hội đồng TĐKT tỉnh (.zip)", "Dossier for the provincial council (.zip)"),
    "documents.dossier_due": ("Hạn gửi: {date} ({days} ngày trước hội nghị)", "Due {date} ({days} days before)"),
    "documents.dossier_download": ("Tải hồ sơ .zip", "Download .zip"),
    "documents.xlsx": ("Danh sách khen thưởng (Excel)", "Honoree list (Excel)"),
    "documents.xlsx_download": ("Tải XLSX", "Download XLSX"),
}

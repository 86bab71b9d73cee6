"""Strings of the Tài liệu (documents) page."""

STRINGS: dict[str, tuple[str, str]] = {
    "documents.title": ("Tài liệu", "Documents"),
    "documents.intro": (
        "Mỗi nút lập tài liệu theo dữ liệu hiện tại (thể thức Nghị định 30/2020/NĐ-CP) và tải về ngay: PDF để in, "
        "Word để sửa trước khi trình ký.",
        "Each button builds the document from the current data (Decree 30/2020 layout) and downloads it: PDF to "
        "print, Word to edit before signing.",
    ),
    "documents.group.conference": ("Hội nghị", "The conference"),
    "documents.group.awards": ("Khen thưởng", "Awards"),
    "documents.group.people": ("Đại biểu", "Guests"),
    "documents.one_invitation": ("Giấy mời riêng cho một người", "One person's invitation"),
    "documents.ballot_count": (
        "In {count} phiếu — bằng số thành viên Hội đồng Thi đua - Khen thưởng Sở.",
        "Prints {count} {count|ballot|ballots} — one per council member.",
    ),
    "documents.missing": ("chưa có", "missing"),
    "documents.unproofread": (
        "{count} tập thể, cá nhân đã duyệt chưa được rà soát tên in: {names}",
        "{count} approved {count|honoree|honorees} not yet proofread: {names}",
    ),
    "documents.dossier": ("Hồ sơ gửi Hội đồng TĐKT tỉnh (.zip)", "Dossier for the provincial council (.zip)"),
    "documents.dossier_download": ("Tải hồ sơ .zip", "Download .zip"),
    "documents.provincial": (
        "Hồ sơ đề nghị khen thưởng cấp tỉnh (.zip)",
        "Dossier proposing the provincial awards (.zip)",
    ),
    "documents.provincial_note": (
        "Tờ trình, Danh sách trích ngang, Biên bản họp Hội đồng và Báo cáo thành tích của {count} tập thể, cá nhân "
        "đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng — mỗi tài liệu cả PDF và Word.",
        "Proposal, summary list, council minutes and the achievement reports of {count} {count|nominee|nominees} "
        "proposed to the "
        "provincial chairman — each in PDF and Word.",
    ),
    "documents.provincial_download": ("Tải hồ sơ .zip", "Download .zip"),
    "documents.xlsx": ("Danh sách khen thưởng (Excel)", "Honoree list (Excel)"),
    "documents.xlsx_download": ("Tải XLSX", "Download XLSX"),
}

"""Strings of the provincial council's page (content/province.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "page.province": ("Hội đồng tỉnh", "Provincial council"),
    "province.title": ("Hội đồng Thi đua - Khen thưởng tỉnh: các đơn vị", "Provincial council: every unit"),
    "province.intro": (
        "Mỗi dòng là một đơn vị trong tệp triển khai: hạn gửi hồ sơ (T-15) và đã gửi chưa, điểm sẵn sàng, khen "
        "thưởng theo hình thức, đề nghị Chủ tịch UBND tỉnh, đại biểu dự Đại hội thi đua tỉnh. Đơn vị quá hạn lên đầu.",
        "One row per unit of the deployment file: the dossier deadline (T-15) and whether it was sent, readiness, "
        "honorees by form, proposals to the provincial chair, delegates to the provincial congress. Late units first.",
    ),
    "province.no_roles": (
        "Chưa cấu hình quyền của Hội đồng tỉnh: thêm mục [council.roles] (mã truy cập hoặc e-mail) vào tệp triển khai.",
        "The council's roles are not configured: add [council.roles] (passcodes or e-mails) to the deployment file.",
    ),
    "province.no_deployment": (
        "Trang của Hội đồng tỉnh chỉ có khi một tệp triển khai liệt kê các đơn vị (xem README).",
        "The council's page exists only when a deployment file lists the units (see the README).",
    ),
    "province.passcode": ("Mã truy cập của Hội đồng tỉnh", "Provincial council passcode"),
    "province.user": ("Hội đồng tỉnh", "Provincial council"),
    "province.signed_in": ("Đăng nhập: **{user}**", "Signed in: **{user}**"),
    "province.loading": ("Đang đọc dữ liệu của {count} đơn vị…", "Reading {count} {count|unit|units}…"),
    "province.late": (
        "{count} đơn vị đã quá hạn gửi hồ sơ (T-15) mà chưa gửi: {names}.",
        "{count} {count|unit is|units are} past the T-15 deadline without sending the dossier: {names}.",
    ),
    "province.unreadable": (
        "{count} đơn vị không đọc được dữ liệu — xem cột Ghi chú.",
        "{count} {count|unit|units} could not be read — see the Note column.",
    ),
    "province.filter.states": ("Tình trạng", "Status"),
    "province.filter.form": ("Hình thức khen thưởng", "Award form"),
    "province.filter.any_form": ("Mọi hình thức", "Any form"),
    "province.filter.every_state": ("Mọi tình trạng", "Every status"),
    "province.shown": ("{shown}/{total} đơn vị", "{shown}/{total} {total|unit|units}"),
    "province.state.late": ("Quá hạn, chưa gửi", "Late, not sent"),
    "province.state.unreadable": ("Không đọc được dữ liệu", "Data unreadable"),
    "province.state.due_soon": ("Sắp đến hạn", "Due soon"),
    "province.state.pending": ("Chưa đến hạn", "Not yet due"),
    "province.state.no_date": ("Chưa có ngày hội nghị", "No conference date"),
    "province.state.sent": ("Đã gửi hồ sơ", "Dossier sent"),
    "province.col.unit": ("Đơn vị", "Unit"),
    "province.col.state": ("Tình trạng", "Status"),
    "province.col.conference": ("Ngày hội nghị", "Conference"),
    "province.col.deadline": ("Hạn gửi hồ sơ", "Dossier due"),
    "province.col.sent": ("Ngày gửi hồ sơ", "Sent on"),
    "province.col.readiness": ("Điểm sẵn sàng", "Readiness"),
    "province.col.forms": ("Khen thưởng theo hình thức", "Honorees by form"),
    "province.col.honorees": ("Tổng khen thưởng", "Honorees"),
    "province.col.proposals": ("Đề nghị Chủ tịch UBND tỉnh", "Proposed to the provincial chair"),
    "province.col.delegates": ("Đại biểu dự Đại hội tỉnh", "Delegates to the provincial congress"),
    "province.col.note": ("Ghi chú", "Note"),
    "province.sent_undated": ("đã gửi (chưa ghi ngày)", "sent (day not recorded)"),
    "province.stale": ("dữ liệu cũ: {error}", "older data: {error}"),
    "province.exports": ("Danh sách tổng hợp toàn tỉnh", "Province-wide lists"),
    "province.exports.note": (
        "Tổng hợp theo thứ tự đơn vị trong tệp triển khai; đơn vị không đọc được vẫn có tên và ghi chú.",
        "In the deployment file's unit order; an unreadable unit keeps its place with a note.",
    ),
    "province.export.province-delegates": (
        "Danh sách đại biểu dự Đại hội thi đua yêu nước tỉnh",
        "Delegates to the provincial congress",
    ),
    "province.export.province-proposals": (
        "Danh sách đề nghị Chủ tịch UBND tỉnh khen thưởng",
        "Proposals to the provincial chair",
    ),
    "province.download": ("Tải {fmt}", "Download {fmt}"),
}

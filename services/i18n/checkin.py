"""Strings of the Điểm danh (door desk) page."""

STRINGS: dict[str, tuple[str, str]] = {
    "checkin.title": ("Điểm danh", "Check-in"),
    "checkin.query": (
        "Tìm đại biểu (họ tên, đơn vị, mã) hoặc quét mã QR rồi nhấn Enter",
        "Find an attendee (name, unit, ID) or scan the QR code, then press Enter",
    ),
    "checkin.placeholder": ("ví dụ: nguyen van an, DB-012", "e.g. nguyen van an, DB-012"),
    "checkin.hint": (
        "Gõ tên không dấu cũng được. Nhập đúng mã đại biểu (hoặc quét QR) rồi Enter để điểm danh ngay.",
        "Accents are optional. Type an exact attendee ID (or scan its QR) and press Enter to check in at once.",
    ),
    "checkin.button": ("Điểm danh", "Check in"),
    "checkin.present": ("Có mặt lúc {time}", "Arrived at {time}"),
    "checkin.none": ("Không tìm thấy ai khớp “{query}”.", "Nobody matches “{query}”."),
    "checkin.more": ("… và {count} người nữa — gõ thêm để thu hẹp.", "… and {count} more — type more to narrow."),
    "checkin.undo": ("Hoàn tác điểm danh {name}", "Undo check-in of {name}"),
    "checkin.undone": ("Đã hoàn tác điểm danh {name}.", "Check-in of {name} undone."),
    "checkin.counters": ("Số liệu trực tiếp", "Live counters"),
    "checkin.arrived": ("Đã đến", "Arrived"),
    "checkin.confirmed": ("Xác nhận dự", "Confirmed"),
    "checkin.invited": ("Được mời", "Invited"),
    "checkin.col.group": ("Nhóm", "Group"),
    "checkin.col.arrived": ("Đến", "In"),
    "checkin.col.confirmed": ("Dự", "Yes"),
    "checkin.col.invited": ("Mời", "Inv."),
    "checkin.walkin": ("Khách đến trực tiếp (chưa có trong danh sách)", "Walk-in guest (not on the list)"),
    "checkin.walkin.name": ("Họ và tên", "Full name"),
    "checkin.walkin.unit": ("Đơn vị", "Unit"),
    "checkin.walkin.position": ("Chức vụ", "Position"),
    "checkin.walkin.phone": ("Điện thoại", "Phone"),
    "checkin.walkin.group": ("Nhóm", "Group"),
    "checkin.walkin.submit": ("Thêm và điểm danh", "Add and check in"),
    "checkin.walkin.done": (
        "Đã thêm {name} ({id}) và điểm danh lúc {time}.",
        "Added {name} ({id}), checked in at {time}.",
    ),
}

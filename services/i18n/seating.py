"""Strings of the Sơ đồ chỗ ngồi (seating plan) page."""

from services.schema import Group

STRINGS: dict[str, tuple[str, str]] = {
    "seating.title": ("Sơ đồ chỗ ngồi", "Seating plan"),
    "seating.hall": (
        "Hội trường {rows} hàng × {seats} ghế = {capacity} chỗ · lãnh đạo {leaders} · khen thưởng {honorees} · "
        "khách mời {guests} · chung {general}. Cần xếp: {wanted} người (đã xác nhận hoặc đã đến).",
        "Hall {rows} rows × {seats} seats = {capacity} · leaders {leaders} · honorees {honorees} · guests {guests} · "
        "general {general}. To seat: {wanted} (confirmed or arrived).",
    ),
    "seating.settings_hint": (
        "Đổi số hàng, số ghế và khu dành riêng ở trang “Sự kiện” của bảng tính (hall_rows, hall_seats_per_row, "
        "hall_reserved).",
        "Change rows, seats and reserved zones in the “Sự kiện” tab (hall_rows, hall_seats_per_row, hall_reserved).",
    ),
    "seating.keep": ("Giữ ghế đã xếp tay", "Keep seats placed by hand"),
    "seating.pending": ("Xếp cả người chưa phản hồi", "Also seat those who have not answered"),
    "seating.preview": ("Xếp chỗ tự động (xem trước)", "Assign seats (preview)"),
    "seating.preview_caption": (
        "Xem trước: {count} ô “Ghế” sẽ thay đổi.",
        "Preview: {count} seat {count|cell|cells} will change.",
    ),
    "seating.apply": ("Áp dụng sơ đồ này", "Apply this plan"),
    "seating.discard": ("Bỏ bản xem trước", "Discard preview"),
    "seating.applied": ("Đã ghi {count} ghế.", "{count} {count|seat|seats} written."),
    "seating.conflicts": (
        "{count} dòng vừa được người khác sửa nên chưa ghi: {ids}. Hãy tải lại dữ liệu rồi xếp lại.",
        "{count} {count|row was|rows were} changed by someone else and were not written: {ids}. Refresh and assign again.",
    ),
    "seating.current": ("Sơ đồ hiện tại", "Current plan"),
    "seating.manual": ("Xếp tay", "Move by hand"),
    "seating.person": ("Đại biểu", "Attendee"),
    "seating.seat": ("Ghế (ví dụ A05; để trống để bỏ ghế)", "Seat (e.g. A05; blank to clear)"),
    "seating.save": ("Lưu ghế", "Save seat"),
    "seating.saved": ("Đã xếp {name} vào ghế {seat}.", "{name} seated at {seat}."),
    "seating.col.id": ("Mã", "ID"),
    "seating.col.name": ("Họ và tên", "Name"),
    "seating.col.old": ("Ghế cũ", "Old seat"),
    "seating.col.new": ("Ghế mới", "New seat"),
    "seating.stage": ("SÂN KHẤU", "STAGE"),
    "seating.cat.province": ("Lãnh đạo tỉnh", "Provincial leaders"),
    "seating.cat.department": ("Lãnh đạo Sở", "Department leaders"),
    "seating.cat.guest": ("Khách mời", "Guests"),
    "seating.cat.honoree": ("Được khen thưởng", "Honorees"),
    "seating.cat.staff": ("CBCCVC, người lao động", "Staff"),
    "seating.cat.empty": ("Ghế trống", "Empty seat"),
    "seating.zone.leaders": ("lãnh đạo", "leaders"),
    "seating.zone.honorees": ("khen thưởng", "honorees"),
    "seating.zone.guests": (str(Group.GUEST), "guests"),  # the zone of the hall_reserved setting, named as the group
    "seating.zone.general": ("chung", "general"),
}

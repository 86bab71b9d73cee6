"""Strings of the door desk's camera scanner and result card (Điểm danh)."""

STRINGS: dict[str, tuple[str, str]] = {
    "scanner.title": ("Quét mã QR bằng camera", "Scan the QR code with the camera"),
    "scanner.start": ("📷 Bật camera quét mã", "📷 Start the camera"),
    "scanner.stop": ("Tắt camera", "Stop the camera"),
    "scanner.sound": ("Âm báo", "Sound"),
    "scanner.idle": (
        "Bấm nút để mở camera sau, rồi đưa mã QR trên thẻ đại biểu vào khung hình.",
        "Tap the button to open the rear camera, then hold the badge's QR code in view.",
    ),
    "scanner.opening": ("Đang mở camera… (hãy bấm “Cho phép” nếu trình duyệt hỏi)", "Opening the camera… (allow it)"),
    "scanner.scanning_device": ("Đang quét — đưa mã QR vào khung hình.", "Scanning — hold the QR code in view."),
    "scanner.scanning_server": (
        "Đang quét (giải mã trên máy chủ) — đưa mã QR vào khung hình.",
        "Scanning (decoded on the server) — hold the QR code in view.",
    ),
    "scanner.stopped": ("Camera đã tắt.", "Camera stopped."),
    "scanner.refused": (
        "Trình duyệt không được phép dùng camera. Mở cài đặt trang (biểu tượng ổ khóa cạnh địa chỉ) → Camera → "
        "Cho phép, rồi tải lại trang.",
        "The browser may not use the camera. Open the site settings (the padlock by the address) → Camera → Allow, "
        "then reload.",
    ),
    "scanner.nocamera": (
        "Không tìm thấy hoặc không mở được camera trên thiết bị này.",
        "No camera was found on this device, or it could not be opened.",
    ),
    "scanner.insecure": (
        "Trình duyệt chỉ mở camera trên địa chỉ https:// — hãy mở ứng dụng bằng địa chỉ https do bộ phận CNTT cung cấp.",
        "Browsers open the camera only on https:// addresses — open the app at the https address IT gave you.",
    ),
    "scanner.type_instead": (
        "Vẫn điểm danh được: gõ mã hoặc tên vào ô tìm kiếm, hoặc dùng máy quét USB.",
        "You can still check in: type the ID or name in the search box, or use a USB scanner.",
    ),
    "desk.result.ok": ("✔ ĐÃ ĐIỂM DANH lúc {time}", "✔ CHECKED IN at {time}"),
    "desk.result.already": ("● ĐÃ CÓ MẶT TỪ TRƯỚC — lúc {time}", "● ALREADY IN — since {time}"),
    "desk.result.unknown": ("✖ KHÔNG CÓ TRONG DANH SÁCH: {code}", "✖ NOT ON THE LIST: {code}"),
    "desk.result.unknown_hint": (
        "Kiểm tra lại thẻ, tìm theo tên, hoặc thêm khách đến trực tiếp.",
        "Check the badge, search by name, or add a walk-in guest.",
    ),
    "desk.result.not_saved": (
        "⚠ CHƯA LƯU ĐƯỢC — lúc {time}: HÃY GHI TRÊN GIẤY",
        "⚠ NOT SAVED — at {time}: WRITE IT ON PAPER",
    ),
    "desk.result.not_saved_hint": (
        "Bảng tính không nhận và máy chủ không ghi được nhật ký (ổ đĩa đầy hoặc chỉ đọc). Ghi mã, họ tên và giờ đến "
        "vào danh sách giấy, rồi báo bộ phận CNTT.",
        "The sheet did not take it and the server could not keep it (disk full or read-only). Write the ID, name and "
        "time on the paper list, then tell IT.",
    ),
    "desk.result.seat": ("Ghế {seat}", "Seat {seat}"),
    "desk.result.no_seat": ("Chưa xếp ghế", "No seat assigned"),
    "desk.caption.seat": ("ghế {seat}", "seat {seat}"),
}

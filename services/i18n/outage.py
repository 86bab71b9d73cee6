"""Strings of the door desk through an outage (journal, replay) and of data served from the copy on disk."""

STRINGS: dict[str, tuple[str, str]] = {
    "outage.pending": (
        "Mất kết nối — {count} lượt chờ gửi",
        "Connection lost — {count} {count|scan|scans} waiting to be sent",
    ),
    "outage.send": ("Gửi lại ngay", "Send now"),
    "outage.sending": ("Đang gửi các lượt điểm danh chờ gửi…", "Sending the waiting check-ins…"),
    "outage.queued": (
        "Mất kết nối: đã ghi tạm lượt điểm danh của “{name}” lúc {time}, chờ gửi khi có mạng.",
        "Connection lost: {name}'s check-in at {time} is kept locally and will be sent when the network is back.",
    ),
    "outage.earlier": (
        "{id}: đã được điểm danh ở nơi khác lúc {time} (sớm hơn lượt quét {scanned}) — giữ giờ sớm nhất.",
        "{id}: already checked in elsewhere at {time} (before this desk's scan at {scanned}) — the earliest stays.",
    ),
    "outage.replaced": (
        "{id}: nơi khác ghi giờ muộn hơn; đã giữ giờ quét sớm nhất {time}.",
        "{id}: another desk recorded a later time; the earliest scan, {time}, was kept.",
    ),
    "outage.unknown": (
        "Lượt quét lúc {scanned}: mã “{id}” không có trong danh sách — chưa ghi.",
        "Scan at {scanned}: no attendee has the ID “{id}” — nothing was recorded.",
    ),
    "outage.stale": (
        "Dữ liệu lúc {time} — mất kết nối. Đang dùng bản lưu trên máy chủ.",
        "Data as of {time} — connection lost. Showing the copy saved on the server.",
    ),
}

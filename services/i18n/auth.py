"""Strings of sign-in and roles."""

STRINGS: dict[str, tuple[str, str]] = {
    "auth.user.local": ("cục bộ", "local"),
    "auth.user.anonymous": ("người xem", "viewer"),
    "auth.user.by_role": ("mã truy cập ({role})", "passcode ({role})"),
    "auth.signed_in": ("Đăng nhập: {user} — quyền {role}", "Signed in: {user} — role {role}"),
    "auth.sign_out": ("Đăng xuất", "Sign out"),
    "auth.sign_in": ("Đăng nhập", "Sign in"),
    "auth.sign_in_oidc": ("Đăng nhập bằng tài khoản cơ quan", "Sign in with your organisation account"),
    "auth.passcode": ("Mã truy cập", "Passcode"),
    "auth.wrong_passcode": ("Mã truy cập không đúng.", "Wrong passcode."),
    "auth.wrong_passcode_left": (
        "Mã truy cập không đúng — còn {left} lần thử.",
        "Wrong passcode — {left} {left|attempt|attempts} left.",
    ),
    "auth.too_many.session": (
        "Đã nhập sai {count} lần — thử lại sau {seconds} giây.",
        "{count} wrong {count|passcode|passcodes} — try again in {seconds} {seconds|second|seconds}.",
    ),
    "auth.too_many.client": (
        "Thiết bị này đã nhập sai mã truy cập từ {count} lần trở lên — thử lại sau {seconds} giây (mỗi lần sai thêm, thời "
        "gian chờ tăng gấp đôi; các thiết bị khác không bị ảnh hưởng).",
        "This device has entered {count} or more wrong passcodes — try again in {seconds} {seconds|second|seconds} (each further "
        "wrong one doubles the wait; other devices are not affected).",
    ),
    "auth.rehash": (
        "Chuỗi băm mã truy cập của quyền {roles} dùng ít vòng băm hơn mức hiện nay ({iterations} vòng). "
        "Hãy tạo chuỗi băm mới bằng “python -m cli hash-passcode” và thay vào [roles.passcodes] "
        "trong .streamlit/secrets.toml (mã cũ vẫn đăng nhập được đến khi thay).",
        "The passcode hash of the {roles} role uses fewer rounds than new hashes ({iterations}). Make a new one "
        "with “python -m cli hash-passcode” and put it in [roles.passcodes] in .streamlit/secrets.toml "
        "(the old passcode still signs in until then).",
    ),
    "auth.expired": ("Phiên làm việc đã hết hạn, hãy đăng nhập lại.", "Your session expired; please sign in again."),
    "auth.local_badge": (
        "Chế độ cục bộ — mọi người trên máy này đều có quyền biên tập",
        "Local mode — everyone on this machine can edit",
    ),
    "auth.read_only_sheet": (
        "Chỉ xem: chưa cấu hình quyền biên tập cho Google Sheet. Thêm mục [roles] vào .streamlit/secrets.toml (xem README).",
        "Read-only: no editors configured for the Google Sheet. Add a [roles] section to .streamlit/secrets.toml (see README).",
    ),
    "auth.please_sign_in": (
        "Hãy đăng nhập (thanh bên trái) để sử dụng ứng dụng.",
        "Please sign in (left sidebar) to use the app.",
    ),
    "auth.no_role": (
        "Tài khoản {user} chưa được cấp quyền. Liên hệ Văn phòng Sở.",
        "The account {user} has no role yet. Contact the Department's Office.",
    ),
    "auth.exposed": (
        "Máy chủ đang mở cho cả mạng ({address}) nhưng chưa cấu hình quyền truy cập ([roles] trong secrets.toml): "
        "ai trong mạng cũng vào được, nên ứng dụng từ chối chạy. Hãy cấu hình [roles] (mã truy cập hoặc e-mail), "
        'hoặc đặt server.address = "127.0.0.1" để chỉ dùng trên máy này.',
        "The server listens on the network ({address}) but no access roles are configured ([roles] in secrets.toml): "
        "anyone on the network could get in, so the app refuses to run. Configure [roles] (passcodes or e-mails), "
        'or set server.address = "127.0.0.1" to use it on this machine only.',
    ),
    "auth.page_refused": (
        "Trang này chỉ dành cho tài khoản có quyền “{role}” trở lên.",
        "This page is only for accounts with the “{role}” role or higher.",
    ),
    "auth.viewer_note": ("Bạn đang ở chế độ xem.", "You are in view-only mode."),
    "setup.title": ("Cấu hình chưa xong", "Setup is not finished"),
    "setup.how": (
        "Sửa tệp `.streamlit/secrets.toml` như trên, rồi khởi động lại ứng dụng (Ctrl+C trong cửa sổ lệnh, rồi "
        "`make run`). Muốn dùng tệp Excel trên máy này thay cho Google Sheet: xóa mục `[gsheets]`. Xem phần "
        "*Configuration* và *Roles* trong README.",
        "Fix `.streamlit/secrets.toml` as above, then restart the app (Ctrl+C in the terminal, then `make run`). "
        "To use the Excel file on this machine instead of a Google Sheet, delete the `[gsheets]` section. See "
        "*Configuration* and *Roles* in the README.",
    ),
    "role.desk": ("bàn điểm danh", "door desk"),
    "role.viewer": ("xem", "viewer"),
    "role.editor": ("biên tập", "editor"),
    "role.admin": ("quản trị", "admin"),
}

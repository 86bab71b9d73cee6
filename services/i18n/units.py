"""Strings of a deployment serving several units (services.setup.deployment): the unit picker and the unit badge."""

STRINGS: dict[str, tuple[str, str]] = {
    "unit.title": ("Chọn đơn vị", "Choose your unit"),
    "unit.intro": (
        "Máy chủ này phục vụ nhiều đơn vị. Chọn đơn vị của bạn, rồi đăng nhập bằng mã của đơn vị đó.",
        "This server serves several units. Choose yours, then sign in with that unit's passcode.",
    ),
    "unit.label": ("Đơn vị", "Unit"),
    "unit.open": ("Mở đơn vị", "Open unit"),
    "unit.unknown": (
        "Không có đơn vị “{code}” trên máy chủ này — hãy chọn trong danh sách.",
        "There is no unit “{code}” on this server — choose one from the list.",
    ),
    "unit.choose_first": (
        "Chưa chọn đơn vị: hãy mở trang chủ và chọn đơn vị của bạn.",
        "No unit chosen: open the home page and choose your unit.",
    ),
    "unit.badge": ("Đơn vị: **{name}**", "Unit: **{name}**"),
    "unit.switch": ("Đổi đơn vị", "Switch unit"),
    "unit.switch_help": (
        "Sang đơn vị khác cần đăng nhập lại bằng mã của đơn vị đó.",
        "Another unit needs its own sign-in.",
    ),
}

"""English names of the values stored in the sheet (statuses, groups, kinds …), for tables, filters and legends.

Keys are "value." + the stored text, exactly as services/schema names it; the Vietnamese side is that text itself.
The sheet always keeps the Vietnamese value: these names are for display only.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # Gender
    "value.Nam": ("Nam", "male"),
    "value.Nữ": ("Nữ", "female"),
    # UnitKind
    "value.lãnh đạo": ("lãnh đạo", "leadership"),
    "value.phòng": ("phòng", "division"),
    "value.đơn vị trực thuộc": ("đơn vị trực thuộc", "affiliated unit"),
    "value.khách": ("khách", "guest"),
    # Group
    "value.lãnh đạo tỉnh": ("lãnh đạo tỉnh", "provincial leaders"),
    "value.lãnh đạo Sở": ("lãnh đạo Sở", "department leaders"),
    "value.công chức": ("công chức", "civil servants"),
    "value.viên chức": ("viên chức", "public employees"),
    "value.người lao động": ("người lao động", "workers"),
    "value.khách mời": ("khách mời", "guests"),
    # Rsvp
    "value.chưa phản hồi": ("chưa phản hồi", "no reply yet"),
    "value.tham dự": ("tham dự", "attending"),
    "value.vắng": ("vắng", "absent"),
    # NomineeKind
    "value.cá nhân": ("cá nhân", "individual"),
    "value.tập thể": ("tập thể", "collective"),
    # NominationStatus
    "value.đề xuất": ("đề xuất", "proposed"),
    "value.đang xét": ("đang xét", "under review"),
    "value.đã duyệt": ("đã duyệt", "approved"),
    "value.không duyệt": ("không duyệt", "rejected"),
    # TaskStatus
    "value.chưa làm": ("chưa làm", "to do"),
    "value.đang làm": ("đang làm", "in progress"),
    "value.hoàn thành": ("hoàn thành", "done"),
    # Decider
    "value.Giám đốc Sở": ("Giám đốc Sở", "Department Director"),
    "value.Chủ tịch UBND tỉnh": ("Chủ tịch UBND tỉnh", "Chair of the Provincial People's Committee"),
    # rows the app itself adds to a count table
    "value.Tổng cộng": ("Tổng cộng", "Total"),
    "value.(chưa rõ nhóm)": ("(chưa rõ nhóm)", "(no group)"),
}

"""The conference's own data from the plan (KH Hội nghị điển hình tiên tiến 2025), plus a demo roster marked as such."""

from __future__ import annotations

import random
from datetime import date, timedelta

from services.awards.honours import DEFAULT_AWARD_ROWS
from services.parsing import format_date
from services.schema import SETTING_BY_KEY

DEMO_NOTE = "dữ liệu mẫu"
EVENT_LEAD_DAYS = 21  # default event date: three weeks after the workbook is created

UNITS = [
    ("DV-01", "Lãnh đạo Sở", "LĐS", "lãnh đạo"),
    ("DV-02", "Văn phòng Sở", "VP", "phòng"),
    ("DV-03", "Phòng Kế hoạch - Tài chính", "KH-TC", "phòng"),
    ("DV-04", "Phòng Quản lý khoa học", "QLKH", "phòng"),
    ("DV-05", "Phòng Quản lý công nghệ và Đổi mới sáng tạo", "QLCN&ĐMST", "phòng"),
    ("DV-06", "Phòng Bưu chính, Viễn thông và Chuyển đổi số", "BCVT&CĐS", "phòng"),
    ("DV-07", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục TĐC", "đơn vị trực thuộc"),
    ("DV-08", "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", "TT TT&ƯD", "đơn vị trực thuộc"),
    ("DV-09", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "TT KT TĐC", "đơn vị trực thuộc"),
    ("DV-10", "Khách mời", "Khách", "khách"),
]

# The seven items of section II.1 of the plan, with durations that fit one half-day session.
PROGRAMME = [
    ("Tuyên bố lý do, giới thiệu đại biểu và khai mạc", "Chánh Văn phòng Sở; Giám đốc Sở", 10),
    (
        "Báo cáo tổng kết phong trào thi đua và công tác khen thưởng giai đoạn 2020 - 2025; "
        "phương hướng, nhiệm vụ công tác thi đua khen thưởng giai đoạn 2025 - 2030",
        "Phó Giám đốc Sở",
        30,
    ),
    ("Báo cáo tham luận của các điển hình tiên tiến (tập thể và cá nhân)", "Đại diện các điển hình tiên tiến", 45),
    ("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", "Lãnh đạo UBND tỉnh; Lãnh đạo Sở", 30),
    ("Phát động phong trào thi đua giai đoạn 2025 - 2030", "Giám đốc Sở", 15),
    ("Thông qua danh sách đại biểu đi dự Đại hội cấp trên", "Chánh Văn phòng Sở", 10),
    ("Tổng kết và bế mạc", "Giám đốc Sở", 10),
]

# Section III of the plan: what the Office and the divisions must do, with deadlines relative to the event day.
TASKS = [
    (
        "Xây dựng Kế hoạch tổ chức Hội nghị điển hình tiên tiến",
        "Văn phòng Sở",
        "Chánh Văn phòng",
        "T-30",
        "hoàn thành",
        100,
    ),
    (
        "Xây dựng Báo cáo tổng kết phong trào thi đua, công tác khen thưởng 2020 - 2025; phương hướng 2025 - 2030",
        "Văn phòng Sở",
        "Chuyên viên thi đua",
        "T-18",
        "đang làm",
        60,
    ),
    (
        "Xây dựng lịch tổ chức, nội dung và chương trình Hội nghị",
        "Văn phòng Sở",
        "Chuyên viên thi đua",
        "T-18",
        "đang làm",
        50,
    ),
    (
        "Gửi Kế hoạch, Báo cáo tổng kết, chương trình Hội nghị về Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ)",
        "Văn phòng Sở",
        "Chánh Văn phòng",
        "T-15",
        "chưa làm",
        0,
    ),
    (
        "Triển khai, tuyên truyền đến công chức, viên chức, người lao động về mục đích, yêu cầu của Hội nghị",
        "Các phòng, đơn vị trực thuộc",
        "Trưởng các phòng, đơn vị",
        "T-14",
        "đang làm",
        40,
    ),
    (
        "Họp Hội đồng Thi đua - Khen thưởng Sở xét chọn các điển hình tiên tiến",
        "Văn phòng Sở",
        "Chánh Văn phòng",
        "T-10",
        "chưa làm",
        0,
    ),
    (
        "Lập danh sách đại biểu đi dự Đại hội thi đua yêu nước tỉnh",
        "Văn phòng Sở",
        "Chuyên viên thi đua",
        "T-10",
        "chưa làm",
        0,
    ),
    ("Dự trù kinh phí phục vụ Hội nghị", "Phòng Kế hoạch - Tài chính", "Kế toán", "T-20", "hoàn thành", 100),
    (
        "Đăng tải gương người tốt, việc tốt, điển hình tiên tiến ngành khoa học và công nghệ",
        "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ",
        "Biên tập viên Trang TTĐT",
        "T-7",
        "đang làm",
        30,
    ),
    (
        "Chuẩn bị báo cáo tham luận của các điển hình tiên tiến",
        "Các phòng, đơn vị trực thuộc",
        "Các điển hình được chọn",
        "T-5",
        "chưa làm",
        0,
    ),
    ("Gửi giấy mời đại biểu khách mời", "Văn phòng Sở", "Văn thư", "T-7", "chưa làm", 0),
    ("In giấy khen, chuẩn bị khung, hoa", "Văn phòng Sở", "Chuyên viên thi đua", "T-3", "chưa làm", 0),
    ("Chuẩn bị khánh tiết, cơ sở vật chất, âm thanh, ánh sáng", "Văn phòng Sở", "Quản trị", "T-2", "chưa làm", 0),
    ("Tổ chức hoạt động văn hóa, văn nghệ chào mừng", "Công đoàn cơ sở Sở", "Chủ tịch Công đoàn", "T-1", "chưa làm", 0),
]

BUDGET = [
    ("Khánh tiết, trang trí hội trường, phông, băng rôn", 5_000_000, 4_800_000),
    ("In ấn tài liệu, giấy mời, thẻ đại biểu", 3_000_000, 1_200_000),
    ("Giấy khen, khung giấy khen", 4_000_000, 0),
    ("Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng", 25_000_000, 0),
    ("Hoa tươi tặng điển hình tiên tiến", 2_500_000, 0),
    ("Nước uống, phục vụ hội nghị", 1_500_000, 0),
    ("Văn nghệ chào mừng", 3_000_000, 0),
]

# Award forms: the law's defaults, DEFAULT_AWARD_ROWS (services/awards/law.py holds each rule with its article).
COMMENDATION, UPWARD = "Giấy khen của Giám đốc Sở", "Bằng khen của Chủ tịch UBND tỉnh"

_FAMILY = [
    "Nguyễn",
    "Hoàng",
    "Lương",
    "Vi",
    "Lăng",
    "Hà",
    "Nông",
    "Lý",
    "Trần",
    "Đinh",
    "Phạm",
    "Lê",
    "Đặng",
    "Triệu",
    "Mông",
]
_MIDDLE_M = ["Văn", "Đức", "Quang", "Mạnh", "Thế", "Minh", "Hữu", "Xuân"]
_MIDDLE_F = ["Thị", "Thu", "Thanh", "Hồng", "Ngọc", "Kim", "Thị Thu", "Phương"]
_GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Hòa",
]
_GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Thảo",
    "Trang",
    "Yến",
]
_ETHNIC = ["Tày", "Nùng", "Kinh", "Kinh", "Tày", "Nùng", "Dao"]


def _person(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.5
    middle = rng.choice(_MIDDLE_F if female else _MIDDLE_M)
    given = rng.choice(_GIVEN_F if female else _GIVEN_M)
    return f"{rng.choice(_FAMILY)} {middle} {given}", "Nữ" if female else "Nam"


def settings_rows(event_day: date) -> list[dict[str, str]]:
    values = {
        "event_name": "Hội nghị điển hình tiên tiến Sở Khoa học và Công nghệ lần thứ I (2025 - 2030)",
        "event_short": "Hội nghị điển hình tiên tiến",
        "parent_body": "UBND TỈNH LẠNG SƠN",
        "organiser": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "event_date": format_date(event_day),
        "start_time": "07:30",
        "session_minutes": "240",
        "venue": "Hội trường Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
        "place": "Lạng Sơn",
        "capacity": "120",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Quang Huy",
        "higher_congress": "Đại hội thi đua yêu nước tỉnh Lạng Sơn lần thứ VI",
        "council_body": "Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ)",
        "report_lead_days": "15",
        "honoree_batch_size": "10",
        "council_members": "9",
        "delegate_quota": "5",
        "delegate_staff": "",
        "emulation_ratio_cap": "",
        "demo_data": "có",
        "hall_rows": "10",
        "hall_seats_per_row": "12",
        "hall_reserved": "A:lãnh đạo;B-C:khen thưởng;D:khách mời",
        "base_salary": "",  # blank: the base salary in force on the decision date
        "council_chair": "Nguyễn Quang Huy",
        "council_secretary": "",
    }
    return [{"id": k, "label": SETTING_BY_KEY[k].label, "value": v} for k, v in values.items()]


def attendee_rows(rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(name: str, gender: str, position: str, unit: str, group: str, rsvp: str) -> None:
        n = len(rows) + 1
        rows.append(
            {
                "id": f"DB-{n:03d}",
                "name": name,
                "gender": gender,
                "position": position,
                "unit": unit,
                "group": group,
                "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
                "email": "",
                "rsvp": rsvp,
                "note": DEMO_NOTE,
            }
        )

    guests = [
        ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Lạng Sơn", "lãnh đạo tỉnh"),
        ("Phó Giám đốc Sở Nội vụ", "Sở Nội vụ", "khách mời"),
        ("Trưởng phòng Thi đua - Khen thưởng", "Sở Nội vụ", "khách mời"),
        ("Phó Chủ tịch Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh", "khách mời"),
    ]
    for position, unit, group in guests:
        name, gender = _person(rng)
        add(name, gender, position, unit, group, "tham dự")
    add("Nguyễn Quang Huy", "Nam", "Giám đốc Sở", "Lãnh đạo Sở", "lãnh đạo Sở", "tham dự")
    for _ in range(2):
        name, gender = _person(rng)
        add(name, gender, "Phó Giám đốc Sở", "Lãnh đạo Sở", "lãnh đạo Sở", "tham dự")
    staff_units = [u for u in UNITS if u[3] in ("phòng", "đơn vị trực thuộc")]
    for _, unit, _, kind in staff_units:
        head, gender = _person(rng)
        title = "Chánh Văn phòng" if unit == "Văn phòng Sở" else ("Trưởng phòng" if kind == "phòng" else "Giám đốc")
        if unit.startswith("Chi cục"):
            title = "Chi cục trưởng"
        add(head, gender, title, unit, "công chức" if kind == "phòng" else "viên chức", "tham dự")
        for _ in range(rng.randint(5, 7)):
            name, gender = _person(rng)
            group = rng.choice(
                ["công chức", "công chức", "người lao động"]
                if kind == "phòng"
                else ["viên chức", "viên chức", "người lao động"]
            )
            position = "Chuyên viên" if group != "người lao động" else "Nhân viên"
            rsvp = rng.choices(["tham dự", "chưa phản hồi", "vắng"], weights=[6, 3, 1])[0]
            add(name, gender, position, unit, group, rsvp)
    return rows


def _individual_nominations(rng: random.Random, attendees: list[dict[str, str]]) -> list[dict[str, str]]:
    """Fourteen staff members: 3 proposed upward for the Bằng khen, 11 for the Director's Giấy khen."""
    rows: list[dict[str, str]] = []
    staff = [a for a in attendees if a["group"] in ("công chức", "viên chức", "người lao động")]
    picks = rng.sample(staff, 14)
    # A period conference (2020 - 2025): the Director gives Giấy khen (Luật 06/2022/QH15 Điều 80 khoản 1; yearly
    # titles are not given for a period) and proposes Bằng khen of the Chủ tịch UBND tỉnh upward by the Tờ trình.
    individual_awards = [(UPWARD, 3), (COMMENDATION, 11)]
    awards = [a for a, count in individual_awards for _ in range(count)]
    statuses = ["đã duyệt"] * 8 + ["đang xét"] * 4 + ["đề xuất"] * 2
    rng.shuffle(statuses)
    for n, (person, award, status) in enumerate(zip(picks, awards, statuses, strict=False), start=1):
        votes = ""
        if award == UPWARD and status != "đề xuất":
            votes = str(rng.randint(7, 9))  # more than half of the 9 members: the Sở's council agrees to propose
        rows.append(
            {
                "id": f"DC-{n:03d}",
                "kind": "cá nhân",
                "name": person["name"],
                "gender": person["gender"],
                "ethnicity": rng.choice(_ETHNIC),
                "position": person["position"],
                "unit": person["unit"],
                "award": award,
                "achievement": "Hoàn thành xuất sắc nhiệm vụ giai đoạn 2020 - 2025",
                "proposer": person["unit"],
                "status": status,
                "votes_yes": votes,
                "votes_total": "9" if votes else "",
                "talk_title": "",
                "delegate": "có" if n == 1 and status == "đã duyệt" else "",  # one demo delegate to the congress
                "note": DEMO_NOTE,
            }
        )
    return rows


def _collective_nominations(first: int) -> list[dict[str, str]]:
    """Six units of the Sở, numbered from `first`; two give a talk at the conference."""
    collectives = [  # (unit, form, status, yes votes of the 9 members)
        ("Văn phòng Sở", "Cờ thi đua của UBND tỉnh", "đang xét", "7"),  # 77,8 % < 80 %: still before the council
        ("Phòng Quản lý khoa học", UPWARD, "đã duyệt", "8"),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", UPWARD, "đã duyệt", "8"),
        ("Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", COMMENDATION, "đã duyệt", ""),
        ("Phòng Bưu chính, Viễn thông và Chuyển đổi số", COMMENDATION, "đề xuất", ""),
        ("Phòng Kế hoạch - Tài chính", COMMENDATION, "đã duyệt", ""),
    ]
    talks = {
        "Phòng Quản lý khoa học": "Đổi mới quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng": "Nâng cao năng suất, chất lượng sản phẩm hàng hóa của doanh nghiệp",
    }
    return [
        {
            "id": f"DC-{n:03d}",
            "kind": "tập thể",
            "name": unit,
            "unit": unit,
            "award": award,
            "achievement": "Tập thể dẫn đầu phong trào thi đua giai đoạn 2020 - 2025",
            "proposer": unit,
            "status": status,
            "votes_yes": votes_yes,
            "votes_total": "9" if votes_yes else "",
            "talk_title": talks.get(unit, ""),
            "note": DEMO_NOTE,
        }
        for n, (unit, award, status, votes_yes) in enumerate(collectives, start=first)
    ]


def nomination_rows(rng: random.Random, attendees: list[dict[str, str]]) -> list[dict[str, str]]:
    individuals = _individual_nominations(rng, attendees)
    return individuals + _collective_nominations(len(individuals) + 1)


def seed_rows(today: date | None = None) -> dict[str, list[dict[str, str]]]:
    """Every tab's starting rows; the event day defaults to three weeks after `today`."""
    today = today or date.today()
    event_day = today + timedelta(days=EVENT_LEAD_DAYS)
    rng = random.Random(20250723)  # the date of KH 199/KH-UBND: same demo roster on every fresh clone
    attendees = attendee_rows(rng)
    return {
        "settings": settings_rows(event_day),
        "units": [dict(zip(("id", "name", "short", "kind"), u, strict=False)) for u in UNITS],
        "attendees": attendees,
        "nominations": nomination_rows(rng, attendees),
        "awards": [
            {
                "id": f"HT-{i:02d}",
                "name": n,
                "rank": str(r),
                "subject": s,
                "decider": d,
                "threshold": t,
                "coef_person": cp,
                "coef_collective": cc,
            }
            for i, (n, r, s, d, t, cp, cc) in enumerate(DEFAULT_AWARD_ROWS, start=1)
        ],
        "tasks": [
            {"id": f"NV-{i:03d}", "task": t, "unit": u, "owner": o, "due": due, "status": s, "progress": str(p)}
            for i, (t, u, o, due, s, p) in enumerate(TASKS, start=1)
        ],
        "programme": [
            {"id": f"CT-{i:02d}", "order": str(i), "item": item, "presenter": who, "minutes": str(m)}
            for i, (item, who, m) in enumerate(PROGRAMME, start=1)
        ],
        "budget": [
            {"id": f"KP-{i:02d}", "item": item, "estimate": str(e), "actual": str(a) if a else "", "note": ""}
            for i, (item, e, a) in enumerate(BUDGET, start=1)
        ],
        "history": [],
        "audit": [],
    }

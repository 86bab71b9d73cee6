"""The sheet schema: every tab and column, its Vietnamese header, type and rules — the one truth."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a column's cells are read."""

    TEXT = "text"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    INT = "int"
    MONEY = "money"
    PERCENT = "percent"
    ENUM = "enum"
    BOOL = "bool"
    DUE = "due"  # a date, or a rule relative to the event day such as "T-15"
    DECIMAL = "decimal"  # a number with a fraction, e.g. a reward coefficient "0,3"


# --- sane ranges of numbers, each named once: a value outside is a typo or a paste (a phone number in a minutes
# cell, "1E+20" from a too-narrow Excel column), reported with its cell and read as blank, never a crash ---------

Bounds = tuple[int, int]  # (lowest, highest), both allowed

MONEY_BOUNDS: Bounds = (0, 10**13)  # đồng: 10.000 tỷ, beyond any budget line or salary; exact in float64 and int64
ITEM_MINUTES_BOUNDS: Bounds = (1, 24 * 60)  # one programme item: at least a minute, at most a whole day
SESSION_MINUTES_BOUNDS: Bounds = (1, 24 * 60)  # the session the programme must fit in: at most a whole day
COUNT_BOUNDS: Bounds = (0, 100_000)  # people, seats, quotas: far above any hall of the Sở
VOTES_BOUNDS: Bounds = (0, 10_000)  # ballots of a council (nine members in practice)
ORDER_BOUNDS: Bounds = (0, 10_000)  # a rank or an STT: a position in a list of at most a few hundred rows
PERCENT_BOUNDS: Bounds = (0, 100)  # a share: vote threshold, task progress, a ratio cap
YEAR_BOUNDS: Bounds = (1945, 2100)  # from the founding of the state to well past any plan
COEFFICIENT_BOUNDS: Bounds = (0, 100)  # a reward as a multiple of the base salary (0,3 … 5 in the decree)
LEAD_DAYS_BOUNDS: Bounds = (0, 365)  # how many days before the event the report is due
BATCH_BOUNDS: Bounds = (1, 1_000)  # honorees called on stage at once: at least one
COUNCIL_BOUNDS: Bounds = (1, 200)  # members of the emulation and reward council
COUNCIL_PRESENT_BOUNDS: Bounds = (0, 200)  # of them present at the vote
# The hall plan: the same limits services/people/seating.py accepts (rows are lettered A, B, …).
HALL_ROWS_BOUNDS: Bounds = (1, 60)
HALL_SEATS_BOUNDS: Bounds = (1, 80)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    header_en: str = ""
    help: str = ""
    bounds: Bounds | None = None  # a number column's sane range (every INT, MONEY, PERCENT, DECIMAL column has one)


@dataclass(frozen=True)
class Tab:
    key: str
    title: str
    columns: tuple[Column, ...]
    id_prefix: str = ""
    title_en: str = ""
    has_id: bool = True
    optional: bool = False  # a missing tab is a warning, not an error (the app works without it)
    by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {c.key: c for c in self.columns})

    @property
    def id_column(self) -> Column | None:
        return self.by_key.get("id") if self.has_id else None

    def column(self, key: str) -> Column:
        try:
            return self.by_key[key]
        except KeyError:
            raise KeyError(f"tab {self.key!r} has no column {key!r}") from None

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def normalize_header(text: str) -> str:
    """Headers match whatever the staff's keyboard produced: NFC, trimmed, case-folded, single spaces."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("–", "-").replace("—", "-")
    return " ".join(text.split()).casefold()


# --- allowed values: each named once; StrEnum members are the cell text, so they compare equal to it -----------


class Gender(StrEnum):
    MALE = "Nam"
    FEMALE = "Nữ"


class UnitKind(StrEnum):
    LEADERSHIP = "lãnh đạo"
    DIVISION = "phòng"
    AFFILIATE = "đơn vị trực thuộc"
    GUEST = "khách"


class Group(StrEnum):
    """Attendee groups, in seating and counting order."""

    PROVINCE_LEADERS = "lãnh đạo tỉnh"
    DEPARTMENT_LEADERS = "lãnh đạo Sở"
    CIVIL_SERVANT = "công chức"
    PUBLIC_EMPLOYEE = "viên chức"
    WORKER = "người lao động"
    GUEST = "khách mời"


class Rsvp(StrEnum):
    PENDING = "chưa phản hồi"
    ATTENDING = "tham dự"
    ABSENT = "vắng"


class NomineeKind(StrEnum):
    PERSON = "cá nhân"
    COLLECTIVE = "tập thể"


class NominationStatus(StrEnum):
    PROPOSED = "đề xuất"
    REVIEWING = "đang xét"
    APPROVED = "đã duyệt"
    REJECTED = "không duyệt"


class TaskStatus(StrEnum):
    TODO = "chưa làm"
    DOING = "đang làm"
    DONE = "hoàn thành"


class Decider(StrEnum):
    DIRECTOR = "Giám đốc Sở"
    PROVINCE_CHAIR = "Chủ tịch UBND tỉnh"


# The same values as plain tuples, for column choices and older callers.
GENDERS = tuple(str(v) for v in Gender)
UNIT_KINDS = tuple(str(v) for v in UnitKind)
ATTENDEE_GROUPS = tuple(str(v) for v in Group)
RSVP = tuple(str(v) for v in Rsvp)
NOMINEE_KINDS = tuple(str(v) for v in NomineeKind)
NOMINATION_STATUS = tuple(str(v) for v in NominationStatus)
TASK_STATUS = tuple(str(v) for v in TaskStatus)
DECIDERS = tuple(str(v) for v in Decider)

ID = "Mã"

SETTINGS = Tab(
    key="settings",
    title="Sự kiện",
    title_en="Event",
    id_prefix="",
    columns=(
        Column("id", "Mã", required=True, header_en="Key"),
        Column("label", "Nội dung", header_en="Setting"),
        Column("value", "Giá trị", header_en="Value"),
    ),
)

UNITS = Tab(
    key="units",
    title="Đơn vị",
    title_en="Units",
    id_prefix="DV",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("name", "Tên đơn vị", required=True, header_en="Unit"),
        Column("short", "Tên viết tắt", header_en="Short name"),
        Column("kind", "Loại", Kind.ENUM, choices=UNIT_KINDS, header_en="Kind"),
    ),
)

ATTENDEES = Tab(
    key="attendees",
    title="Đại biểu",
    title_en="Attendees",
    id_prefix="DB",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("name", "Họ và tên", required=True, header_en="Full name"),
        Column("gender", "Giới tính", Kind.ENUM, choices=GENDERS, header_en="Gender"),
        Column("position", "Chức vụ", header_en="Position"),
        Column("unit", "Đơn vị", header_en="Unit"),
        Column("group", "Nhóm", Kind.ENUM, required=True, choices=ATTENDEE_GROUPS, header_en="Group"),
        Column("phone", "Điện thoại", header_en="Phone"),
        Column("email", "Email", header_en="E-mail"),
        Column("rsvp", "Phản hồi", Kind.ENUM, choices=RSVP, header_en="Response"),
        Column("checked_in", "Có mặt", Kind.DATETIME, header_en="Checked in"),
        Column("seat", "Ghế", header_en="Seat"),
        Column("note", "Ghi chú", header_en="Note"),
    ),
)

NOMINATIONS = Tab(
    key="nominations",
    title="Đề cử",
    title_en="Nominations",
    id_prefix="DC",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("kind", "Loại", Kind.ENUM, required=True, choices=NOMINEE_KINDS, header_en="Kind"),
        Column("name", "Tên", required=True, header_en="Name"),
        Column("gender", "Giới tính", Kind.ENUM, choices=GENDERS, header_en="Gender"),
        Column("ethnicity", "Dân tộc", header_en="Ethnicity"),
        Column("position", "Chức vụ", header_en="Position"),
        Column("unit", "Đơn vị", header_en="Unit"),
        Column("award", "Hình thức khen thưởng", required=True, header_en="Award"),
        Column("achievement", "Thành tích", header_en="Achievement"),
        Column("proposer", "Đơn vị đề xuất", header_en="Proposed by"),
        Column("status", "Trạng thái", Kind.ENUM, required=True, choices=NOMINATION_STATUS, header_en="Status"),
        Column("votes_yes", "Phiếu đồng ý", Kind.INT, header_en="Yes votes", bounds=VOTES_BOUNDS),
        Column("votes_total", "Tổng phiếu", Kind.INT, header_en="Council members", bounds=VOTES_BOUNDS),
        Column("talk_title", "Tham luận", header_en="Presentation"),
        Column("delegate", "Dự Đại hội cấp trên", Kind.BOOL, header_en="Delegate"),
        Column("decision_no", "Số quyết định", header_en="Decision no."),
        Column("award_order", "Thứ tự trao", Kind.INT, header_en="Award order", bounds=ORDER_BOUNDS),
        Column("proofread", "Đã rà soát", Kind.BOOL, header_en="Proofread"),
        Column("members", "Thành viên", header_en="Members"),
        Column("note", "Ghi chú", header_en="Note"),
    ),
)

AWARDS = Tab(
    key="awards",
    title="Hình thức khen thưởng",
    title_en="Award forms",
    id_prefix="HT",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("name", "Hình thức khen thưởng", required=True, header_en="Award form"),
        Column("rank", "Thứ bậc", Kind.INT, required=True, header_en="Rank", bounds=ORDER_BOUNDS),
        Column("subject", "Đối tượng", Kind.ENUM, choices=NOMINEE_KINDS, header_en="For"),
        Column("decider", "Thẩm quyền", Kind.ENUM, choices=DECIDERS, header_en="Decided by"),
        Column(
            "threshold",
            "Tỷ lệ phiếu tối thiểu (%)",
            Kind.PERCENT,
            header_en="Vote threshold (%)",
            bounds=PERCENT_BOUNDS,
        ),
        Column(
            "coef_person",
            "Hệ số thưởng cá nhân",
            Kind.DECIMAL,
            header_en="Reward coefficient, individual",
            help="số lần mức lương cơ sở, ví dụ 0,3",
            bounds=COEFFICIENT_BOUNDS,
        ),
        Column(
            "coef_collective",
            "Hệ số thưởng tập thể",
            Kind.DECIMAL,
            header_en="Reward coefficient, collective",
            help="số lần mức lương cơ sở, ví dụ 0,6",
            bounds=COEFFICIENT_BOUNDS,
        ),
        Column("note", "Ghi chú", header_en="Note"),
    ),
)

TASKS = Tab(
    key="tasks",
    title="Nhiệm vụ",
    title_en="Tasks",
    id_prefix="NV",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("task", "Nhiệm vụ", required=True, header_en="Task"),
        Column("unit", "Đơn vị chủ trì", header_en="Lead unit"),
        Column("owner", "Người phụ trách", header_en="Owner"),
        Column("due", "Hạn", Kind.DUE, header_en="Due", help="dd/mm/yyyy hoặc T-15 (15 ngày trước hội nghị)"),
        Column("status", "Trạng thái", Kind.ENUM, required=True, choices=TASK_STATUS, header_en="Status"),
        Column("progress", "Tiến độ %", Kind.PERCENT, header_en="Progress %", bounds=PERCENT_BOUNDS),
        Column("note", "Ghi chú", header_en="Note"),
        Column("link", "Liên kết", header_en="Link"),
    ),
)

PROGRAMME = Tab(
    key="programme",
    title="Chương trình",
    title_en="Programme",
    id_prefix="CT",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("order", "STT", Kind.INT, required=True, header_en="No.", bounds=ORDER_BOUNDS),
        Column("item", "Nội dung", required=True, header_en="Item"),
        Column("presenter", "Người thực hiện", header_en="Presenter"),
        Column(
            "minutes", "Thời lượng (phút)", Kind.INT, required=True, header_en="Minutes", bounds=ITEM_MINUTES_BOUNDS
        ),
        Column("note", "Ghi chú", header_en="Note"),
    ),
)

BUDGET = Tab(
    key="budget",
    title="Kinh phí",
    title_en="Budget",
    id_prefix="KP",
    columns=(
        Column("id", ID, required=True, header_en="ID"),
        Column("item", "Khoản mục", required=True, header_en="Item"),
        Column("estimate", "Dự trù (VND)", Kind.MONEY, header_en="Estimate (VND)", bounds=MONEY_BOUNDS),
        Column("actual", "Thực chi (VND)", Kind.MONEY, header_en="Actual (VND)", bounds=MONEY_BOUNDS),
        Column("note", "Ghi chú", header_en="Note"),
    ),
)

AUDIT = Tab(
    key="audit",
    title="Nhật ký",
    title_en="Audit log",
    has_id=False,
    columns=(
        Column("time", "Thời gian", Kind.DATETIME, header_en="Time"),
        Column("user", "Người dùng", header_en="User"),
        Column("tab", "Bảng", header_en="Tab"),
        Column("row_id", "Mã", header_en="Row ID"),
        Column("field", "Trường", header_en="Field"),
        Column("old", "Giá trị cũ", header_en="Old value"),
        Column("new", "Giá trị mới", header_en="New value"),
        # One write's lines share a change ID, a bulk action's writes an operation ID; a revert names what it undid.
        # Logs from before these columns stay readable: their changes get an ID from their line (services.edits.change_log).
        Column("change", "Mã thay đổi", header_en="Change ID"),
        Column("operation", "Mã thao tác", header_en="Operation ID"),
        Column("reverts", "Hoàn tác của", header_en="Reverts"),
    ),
)

HISTORY = Tab(
    key="history",
    title="Khen thưởng 2020–2025",
    title_en="Awards 2020–2025",
    has_id=False,
    optional=True,
    columns=(
        Column("year", "Năm", Kind.INT, required=True, header_en="Year", bounds=YEAR_BOUNDS),
        Column("award", "Hình thức khen thưởng", required=True, header_en="Award"),
        Column("kind", "Loại", Kind.ENUM, choices=NOMINEE_KINDS, header_en="Kind"),
        Column("name", "Tên", header_en="Name"),
        Column("unit", "Đơn vị", header_en="Unit"),
        Column("decision", "Quyết định", header_en="Decision"),
    ),
)

TABS: tuple[Tab, ...] = (SETTINGS, UNITS, ATTENDEES, NOMINATIONS, AWARDS, TASKS, PROGRAMME, BUDGET, HISTORY, AUDIT)
TAB_BY_KEY: dict[str, Tab] = {t.key: t for t in TABS}
TAB_BY_TITLE: dict[str, Tab] = {normalize_header(t.title): t for t in TABS}


def tab(key: str) -> Tab:
    try:
        return TAB_BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown tab {key!r}") from None


# --- event settings (rows of the "Sự kiện" tab) ---------------------------------------------


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    default: str = ""
    bounds: Bounds | None = None  # a number setting's sane range (a date setting's: its year)


SETTING_DEFS: tuple[Setting, ...] = (
    Setting("event_name", "Tên hội nghị"),
    Setting("event_short", "Tên ngắn"),
    Setting("parent_body", "Cơ quan chủ quản"),
    Setting("organiser", "Cơ quan tổ chức"),
    Setting("event_date", "Ngày tổ chức", Kind.DATE, bounds=YEAR_BOUNDS),
    Setting("start_time", "Giờ bắt đầu", Kind.TIME, "07:30"),
    Setting("session_minutes", "Thời lượng buổi (phút)", Kind.INT, "240", SESSION_MINUTES_BOUNDS),
    Setting("venue", "Địa điểm"),
    Setting("place", "Địa danh (dòng ngày tháng)", default="Lạng Sơn"),
    Setting("capacity", "Sức chứa hội trường (người)", Kind.INT, "120", COUNT_BOUNDS),
    Setting("signer_title", "Chức vụ người ký", default="GIÁM ĐỐC"),
    Setting("signer_name", "Người ký"),
    Setting("higher_congress", "Đại hội cấp trên"),
    Setting("council_body", "Nơi nhận báo cáo"),
    Setting("report_lead_days", "Gửi báo cáo trước (ngày)", Kind.INT, "15", LEAD_DAYS_BOUNDS),
    # The day the T-15 dossier left for the Hội đồng TĐKT tỉnh: what the provincial council's view shows as "sent on"
    # (services.province.status; the submission task's "Hoàn thành" says only that it left).
    Setting("dossier_sent_date", "Ngày đã gửi hồ sơ Hội nghị về Hội đồng TĐKT tỉnh", Kind.DATE, bounds=YEAR_BOUNDS),
    Setting("honoree_batch_size", "Số người mỗi lượt trao", Kind.INT, "10", BATCH_BOUNDS),
    Setting("council_members", "Số thành viên Hội đồng TĐKT", Kind.INT, "9", COUNCIL_BOUNDS),
    Setting("delegate_quota", "Số đại biểu dự Đại hội cấp trên", Kind.INT, "5", COUNT_BOUNDS),
    Setting("delegate_staff", "Cán bộ dự Đại hội cấp trên (mã Đại biểu, cách nhau dấu phẩy)"),
    Setting(
        "emulation_ratio_cap",
        "Tỷ lệ CSTĐ cơ sở tối đa so với LĐTT (%, để trống = không áp dụng)",
        Kind.INT,
        bounds=PERCENT_BOUNDS,
    ),
    Setting("demo_data", "Dữ liệu mẫu", Kind.BOOL, "có"),
    Setting("document_font", "Phông chữ tài liệu PDF (tệp .ttf; để trống = Liberation Serif kèm theo)"),
    Setting("hall_rows", "Số hàng ghế hội trường", Kind.INT, "10", HALL_ROWS_BOUNDS),
    Setting("hall_seats_per_row", "Số ghế mỗi hàng", Kind.INT, "12", HALL_SEATS_BOUNDS),
    Setting("hall_reserved", "Khu dành riêng (hàng:khu; …)", default="A:lãnh đạo;B-C:khen thưởng;D:khách mời"),
    # The Director's reward decision and the proposal to the province, once the clerk registers them.
    Setting(
        "base_salary",
        "Mức lương cơ sở (đồng/tháng; để trống = mức có hiệu lực vào ngày Quyết định)",
        Kind.MONEY,
        "2340000",
        MONEY_BOUNDS,
    ),
    Setting("decision_no", "Số Quyết định khen thưởng (khi đã ban hành, ví dụ 125/QĐ-SKHCN)"),
    Setting("decision_date", "Ngày Quyết định khen thưởng", Kind.DATE, bounds=YEAR_BOUNDS),
    Setting("proposal_no", "Số Tờ trình đề nghị khen thưởng cấp tỉnh"),
    Setting("council_present", "Số thành viên Hội đồng có mặt khi bỏ phiếu", Kind.INT, bounds=COUNCIL_PRESENT_BOUNDS),
    Setting("council_chair", "Chủ tịch Hội đồng TĐKT Sở"),
    Setting("council_secretary", "Thư ký Hội đồng TĐKT Sở"),
    Setting("council_closed_at", "Giờ kết thúc cuộc họp Hội đồng", Kind.TIME),
    # The council as the law runs it (services/awards/law.py): its vote shares, who sat, who counted the ballots.
    Setting(
        "vote_share_base_title",
        "Tỷ lệ phiếu đồng ý xét Chiến sĩ thi đua cơ sở, Cờ thi đua (% tổng số thành viên Hội đồng Sở)",
        Kind.INT,
        "80",
        PERCENT_BOUNDS,
    ),
    Setting(
        "vote_share_upward",
        "Tỷ lệ phiếu đồng ý đề nghị cấp trên khen thưởng (%; để trống = quá nửa tổng số thành viên)",
        Kind.INT,
        bounds=PERCENT_BOUNDS,
    ),
    Setting("council_meeting_date", "Ngày họp Hội đồng TĐKT Sở", Kind.DATE, bounds=YEAR_BOUNDS),
    Setting("council_roster", "Thành viên Hội đồng TĐKT Sở (họ tên - chức danh; …)"),
    Setting("council_absent", "Thành viên vắng mặt, có ý kiến bằng văn bản (họ tên; …)"),
    Setting("ballot_counters", "Ban kiểm phiếu (họ tên - nhiệm vụ; …)"),
    Setting("ballots_returned", "Số phiếu thu về", Kind.INT, bounds=COUNCIL_PRESENT_BOUNDS),
    Setting("ballots_invalid", "Số phiếu không hợp lệ", Kind.INT, bounds=COUNCIL_PRESENT_BOUNDS),
    # Giấy khen printed on pre-printed forms: page, offsets and each field's anchor, in millimetres.
    Setting("cert_page", "Khổ phôi Giấy khen (A4 ngang, A4 dọc hoặc rộng x cao mm)", default="A4 ngang"),
    Setting("cert_offset", "Dịch toàn bộ khi in phôi (x; y mm)", default="0; 0"),
    Setting("cert_name", "Vị trí tên trên phôi (x; y mm, tâm dòng)", default="148,5; 92"),
    Setting("cert_unit", "Vị trí đơn vị trên phôi (x; y mm)", default="148,5; 106"),
    Setting("cert_achievement", "Vị trí dòng thành tích trên phôi (x; y mm)", default="148,5; 120"),
    Setting("cert_decision", "Vị trí số, ngày quyết định trên phôi (x; y mm)", default="70; 178"),
)
SETTING_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTING_DEFS}

"""The award law as data: every danh hiệu thi đua / hình thức khen thưởng the Sở deals with, who decides it, whether it
is given yearly or for a period, what it requires, how the Sở's council votes on it, and what it pays — each rule with
the text it comes from.

How each source was read (``Source.status``):

- ``VERIFIED`` — read in the official text itself (Công báo, or a government page quoting the article in full);
- ``SECONDARY`` — read in a legal Q&A or news article quoting the article, not in the official text;
- ``SETTING`` — no source settles it: the value is a setting of the `Sự kiện` tab (or a cell of the awards tab), its
  default named here and in the README.

Pure data and small functions; no streamlit, no pandas. The awards tab (``Hình thức khen thưởng``) still names the
forms and orders them; for a form this module knows, the law decides who signs, when it may be given, its prerequisites
and the council's rule, and the tab only fills what the law leaves open (a coefficient not found in the decree). A
form this module does not know (another unit's custom form) keeps everything the tab says.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal

from services.schema import Decider, NomineeKind
from services.text import match_key

VERIFIED, SECONDARY, SETTING = "đã đối chiếu văn bản", "nguồn thứ cấp", "cài đặt"

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
DECREE = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
OLD_DECREE = "Nghị định số 98/2023/NĐ-CP (hết hiệu lực từ 01/7/2025)"
REPEALED_91 = "Nghị định số 91/2017/NĐ-CP (hết hiệu lực)"
SALARY_DECREE = "Nghị định số 73/2024/NĐ-CP"


@dataclass(frozen=True)
class Source:
    """One rule's citation: the text, its article (and clause), how it was read, and where."""

    text: str
    article: str
    status: str
    where: str = ""

    def cite(self) -> str:
        """ "Điều 80 khoản 1 Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"."""
        return f"{self.article} {self.text}".strip()


# --- the sources, each named once -------------------------------------------------------------------------------

DIRECTOR_POWER = Source(
    LAW,
    "Điều 80 khoản 1",
    VERIFIED,
    "Công báo số 571 + 572 ngày 15/7/2022, tr. 57 (bản chép: vi.wikisource.org, Trang:Cong_bao_Chinh_phu_571_572_nam_2022"
    ".pdf/56): “Thủ trưởng … cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh … quyết định tặng danh hiệu “Tập thể "
    "lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, “Lao động tiên tiến” và giấy khen.”",
)
PROVINCE_POWER = Source(
    LAW,
    "Chương IV (thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh)",
    SECONDARY,
    "Không thuộc danh mục Điều 80 khoản 1 nên vượt thẩm quyền Giám đốc Sở; số điều chưa đối chiếu văn bản gốc.",
)
CSTDCS_CRITERIA = Source(
    LAW,
    "Điều 23",
    SECONDARY,
    "“1. Đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” …; 2. Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến …” "
    "(thuvienphapluat, bản lưu tnt305/tai_lieu_noi_bo 593004a43ef54dba.md)",
)
LDTT_CRITERIA = Source(
    LAW,
    "Điều 24",
    SECONDARY,
    "“Hoàn thành tốt nhiệm vụ trở lên; có tinh thần tự lực, tự cường, đoàn kết …” (dantri.com.vn 06/12/2025)",
)
TTLDXS_CRITERIA = Source(
    LAW,
    "Điều 27",
    SECONDARY,
    "Trang Sở Tư pháp Thừa Thiên Huế (stp.thuathienhue.gov.vn) trích nguyên văn theo bản tổng hợp LAW.md, chưa tự đọc "
    "lại: “để tặng hằng năm cho tập thể … có ít nhất là 70% cá nhân đạt danh hiệu “Lao động tiên tiến”; có cá nhân "
    "đạt danh hiệu “Chiến sĩ thi đua cơ sở” …”",
)
TTLDTT_CRITERIA = Source(
    LAW,
    "Điều 28",
    SECONDARY,
    "Văn bản Luật chưa đọc được; tiêu chí ≥ 70% LĐTT theo QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 4 khoản 2.",
)
CSTD_PROVINCE_CRITERIA = Source(LAW, "Điều 22", SECONDARY, "Tiêu chuẩn chưa đối chiếu văn bản gốc.")
FLAG_CRITERIA = Source(
    LAW,
    "Điều 26",
    SECONDARY,
    "Văn bản Điều 26 chưa đọc được (QĐ 86/2025 Bắc Ninh Điều 3 khoản 1: tặng hằng năm). Điều 25 (Cờ thi đua của Chính "
    "phủ, bản dịch lawnet.vn) cho tặng cả khi tổng kết phong trào thi đua từ 05 năm trở lên: coi Cờ cấp tỉnh tương tự, "
    "chưa đối chiếu.",
)
MERIT_CRITERIA = Source(LAW, "Điều 74", SECONDARY, "Văn bản Luật chưa đọc được; QĐ 86/2025 Bắc Ninh Điều 3 khoản 3.")
COMMENDATION_CRITERIA = Source(LAW, "Điều 75", SECONDARY, "Dẫn theo QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 4 khoản 3.")
# Yearly: the only "hằng năm" read in the law's own words is Điều 27 (Tập thể lao động xuất sắc); for the other
# danh hiệu thi đua it is the yearly review (bình xét cuối năm) of the provincial regulations, read second-hand.
YEARLY_TITLE = Source(
    LAW,
    "Điều 27 (“để tặng hằng năm”); Điều 23, 24, 28 theo quy định cấp tỉnh",
    SECONDARY,
    "Danh hiệu thi đua được bình xét theo năm (QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4: “để tặng hằng năm”).",
)
PERIOD_FORM = Source(
    LAW,
    "Điều 74, 75",
    SECONDARY,
    "Bằng khen, giấy khen tặng theo thành tích phong trào thi đua, sơ kết, tổng kết (QĐ 86/2025 Bắc Ninh Điều 3, 4).",
)
TITLE_COEFFICIENTS = Source(
    DECREE,
    "Điều 50",
    SECONDARY,
    "thuvienphapluat (bản lưu tnt305/tai_lieu_noi_bo 593004a43ef54dba.md, 6609f77a53deded3.md); dantri.com.vn 06/12/2025",
)
MERIT_COEFFICIENTS = Source(
    DECREE,
    "Điều 54",
    SECONDARY,
    "Cá nhân 1,5: giadinh.suckhoedoisong.vn 11/8/2025 (khoản 1); tập thể 3,0 và giấy khen tập thể 0,6: "
    "thuvienphapluat (6609f77a53deded3.md).",
)
COMMENDATION_PERSON_COEFFICIENT = Source(
    DECREE,
    "Điều 54 khoản 1 (mức giấy khen cá nhân chưa tìm thấy)",
    SETTING,
    "Lấy theo ô “Hệ số cá nhân” của tab Hình thức khen thưởng (dữ liệu mẫu: 0,3).",
)
ROUNDING = Source(
    DECREE,
    "Điều 49 khoản 2",
    SECONDARY,
    "“Tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm tròn số lên hàng chục nghìn đồng tiền Việt Nam.”",
)
SALARY_DATE = Source(
    DECREE,
    "Điều 49 khoản 1",
    SECONDARY,
    "“… mức lương cơ sở do Chính phủ quy định đang có hiệu lực vào thời điểm ban hành quyết định …”",
)
VOTE_RULE = Source(
    OLD_DECREE,
    "Điều 30 khoản 7",
    SETTING,
    "Quy định tương ứng của Nghị định 152/2025 chưa tìm thấy: ngưỡng của Hội đồng Sở là cài đặt, mặc định theo mô hình "
    "Nghị định 98/2023 (CSTĐ cơ sở, Cờ thi đua tỉnh ≥ 80% tổng số thành viên của Hội đồng cấp trình khen thưởng; vắng "
    "mặt lấy ý kiến bằng văn bản). 90% là ngưỡng của "
    "Hội đồng cấp tỉnh khi xét Chiến sĩ thi đua cấp tỉnh, không phải của Hội đồng Sở.",
)
UPWARD_VOTE = Source(
    "cài đặt “Tỷ lệ phiếu đồng ý đề nghị cấp trên khen thưởng”",
    "Chưa có văn bản quy định;",
    SETTING,
    "Không có văn bản quy định tỷ lệ khi Hội đồng Sở xét đề nghị cấp trên: mặc định quá nửa tổng số thành viên.",
)
RATIO_CAP = Source(
    REPEALED_91,
    "tỷ lệ CSTĐ cơ sở không quá 15% số LĐTT",
    SETTING,
    "Luật 2022 và Nghị định 98/2023, 152/2025 không còn tỷ lệ khống chế: mặc định không áp dụng.",
)
BASE_SALARY_SOURCE = Source(
    SALARY_DECREE, "Điều 3 khoản 2", SECONDARY, "“Từ ngày 01 tháng 7 năm 2024, … 2.340.000 đồng/tháng.”"
)

# --- the rules --------------------------------------------------------------------------------------------------

DIRECTOR, CHAIR = str(Decider.DIRECTOR), str(Decider.PROVINCE_CHAIR)
TITLE, COMMENDATION = "danh hiệu thi đua", "hình thức khen thưởng"
PERSON, COLLECTIVE = str(NomineeKind.PERSON), str(NomineeKind.COLLECTIVE)
# The Sở's council votes at the `vote_share_base_title` setting: CSTĐ cơ sở, and Cờ thi đua tỉnh, which NĐ 98/2023
# Điều 30 khoản 7 put to the vote of the council "cấp trình khen thưởng" (the proposing level: the Sở's) at 80 %.
VOTE_BASE_TITLE = "base_title"
VOTE_UPWARD = "upward"  # the Sở's council votes whether to propose a form the Chủ tịch UBND tỉnh decides


@dataclass(frozen=True)
class AwardRule:
    """One form as the law defines it."""

    name: str
    rank: int  # 1 = highest; the awards tab's own rank wins when it has one
    subject: str  # "cá nhân", "tập thể" or "" (both)
    category: str  # danh hiệu thi đua / hình thức khen thưởng
    decider: str
    decider_source: Source
    yearly: bool  # a danh hiệu xét tặng hằng năm: never for a multi-year period
    period_source: Source
    conditions: str  # for the README and the refusals
    conditions_source: Source
    coef_person: float | None
    coef_collective: float | None
    coef_source: Source
    vote: str | None = None  # VOTE_BASE_TITLE, VOTE_UPWARD or None (bình xét, no ballot)
    requires: tuple[str, ...] = ()  # forms the same nominee must hold (as an approved nomination)
    aliases: tuple[str, ...] = field(default=())

    @property
    def director_may_give(self) -> bool:
        return self.decider == DIRECTOR

    def match_keys(self) -> tuple[str, ...]:
        return tuple(match_key(n) for n in (self.name, *self.aliases))


LDTT, CSTDCS, TTLDTT = "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến"
GIAY_KHEN = "Giấy khen của Giám đốc Sở"

RULES: tuple[AwardRule, ...] = (
    AwardRule(
        "Cờ thi đua của UBND tỉnh", 1, COLLECTIVE, TITLE, CHAIR, PROVINCE_POWER, False, FLAG_CRITERIA,
        "Tập thể dẫn đầu phong trào thi đua của cụm, khối thi đua của tỉnh (năm, hoặc tổng kết phong trào).",
        FLAG_CRITERIA, None, 8.0, TITLE_COEFFICIENTS, VOTE_BASE_TITLE,
        aliases=("Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua cấp tỉnh"),
    ),
    AwardRule(
        "Chiến sĩ thi đua cấp tỉnh", 2, PERSON, TITLE, CHAIR, PROVINCE_POWER, True, YEARLY_TITLE,
        "Cá nhân tiêu biểu xuất sắc trong số những người nhiều lần đạt Chiến sĩ thi đua cơ sở; Hội đồng cấp tỉnh bỏ "
        "phiếu (≥ 90% tổng số thành viên theo mô hình Nghị định 98/2023).",
        CSTD_PROVINCE_CRITERIA, 3.0, None, TITLE_COEFFICIENTS, VOTE_UPWARD,
        aliases=("Chiến sĩ thi đua tỉnh",),
    ),
    AwardRule(
        "Bằng khen của Chủ tịch UBND tỉnh", 3, "", COMMENDATION, CHAIR, PROVINCE_POWER, False, PERIOD_FORM,
        "Thành tích xuất sắc được bình xét trong phong trào thi đua; nội bộ đoàn kết (tập thể).",
        MERIT_CRITERIA, 1.5, 3.0, MERIT_COEFFICIENTS, VOTE_UPWARD,
        aliases=("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen Chủ tịch UBND tỉnh"),
    ),
    AwardRule(
        "Tập thể lao động xuất sắc", 4, COLLECTIVE, TITLE, CHAIR, PROVINCE_POWER, True, TTLDXS_CRITERIA,
        "Hoàn thành xuất sắc nhiệm vụ; 100% cá nhân hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến; có cá "
        "nhân đạt Chiến sĩ thi đua cơ sở.",
        TTLDXS_CRITERIA, None, 1.5, TITLE_COEFFICIENTS, VOTE_UPWARD,
    ),
    AwardRule(
        CSTDCS, 5, PERSON, TITLE, DIRECTOR, DIRECTOR_POWER, True, YEARLY_TITLE,
        "Đạt Lao động tiên tiến; hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài được công nhận, nghiệm thu; "
        "Hội đồng Sở bỏ phiếu.",
        CSTDCS_CRITERIA, 1.0, None, TITLE_COEFFICIENTS, VOTE_BASE_TITLE, requires=(LDTT,),
    ),
    AwardRule(
        TTLDTT, 6, COLLECTIVE, TITLE, DIRECTOR, DIRECTOR_POWER, True, YEARLY_TITLE,
        "Hoàn thành tốt nhiệm vụ; ít nhất 70% cá nhân đạt Lao động tiên tiến; không có cá nhân bị kỷ luật từ cảnh cáo.",
        TTLDTT_CRITERIA, None, 0.8, TITLE_COEFFICIENTS,
    ),
    AwardRule(
        GIAY_KHEN, 7, "", COMMENDATION, DIRECTOR, DIRECTOR_POWER, False, PERIOD_FORM,
        "Hoàn thành tốt nhiệm vụ và có thành tích được bình xét trong phong trào thi đua; nội bộ đoàn kết (tập thể).",
        COMMENDATION_CRITERIA, None, 0.6, MERIT_COEFFICIENTS,
        aliases=("Giấy khen",),
    ),
    AwardRule(
        LDTT, 8, PERSON, TITLE, DIRECTOR, DIRECTOR_POWER, True, YEARLY_TITLE,
        "Hoàn thành tốt nhiệm vụ trở lên; tự lực, đoàn kết, tích cực tham gia phong trào thi đua.",
        LDTT_CRITERIA, 0.3, None, TITLE_COEFFICIENTS,
    ),
)  # fmt: skip

_BY_KEY: dict[str, AwardRule] = {key: rule for rule in RULES for key in rule.match_keys()}
# Coefficients the decree was not found to fix: the awards tab's cell is used (its seed value named here).
UNSOURCED_COEFFICIENTS: dict[tuple[str, str], tuple[float, Source]] = {
    (GIAY_KHEN, PERSON): (0.3, COMMENDATION_PERSON_COEFFICIENT),
}


def rule_for(name: object) -> AwardRule | None:
    """The law's rule for an award form named as the awards tab or a nomination spells it; None for a form the law
    module does not know (a unit's own form: the awards tab decides everything about it)."""
    return _BY_KEY.get(match_key(str(name or "").strip()))


# --- the Sở's council ---------------------------------------------------------------------------------------------

DEFAULT_BASE_TITLE_SHARE = 80  # % of ALL members (NĐ 98/2023 Điều 30 khoản 7 model): the setting's default
MAJORITY = 50  # "quá nửa": more than this share of all members, when no share is set for upward proposals


@dataclass(frozen=True)
class VoteRule:
    """How many of the council's members must agree: `share` % of the whole membership (≥), or more than half when
    `strict` (yes × 100 > 50 × members)."""

    share: int
    strict: bool
    source: Source

    def passes(self, yes: int, members: int) -> bool:
        return yes * 100 > self.share * members if self.strict else yes * 100 >= self.share * members

    def text(self) -> str:
        return "quá nửa" if self.strict else f"ít nhất {self.share}%"

    def symbol(self, space: str = "\u00a0") -> str:
        """ "≥ 80%" / "> 50%", the sign kept with its number (a no-break space) unless told otherwise."""
        return f">{space}{self.share}%" if self.strict else f"≥{space}{self.share}%"


def vote_rule(rule: AwardRule, base_title_share: int | None, upward_share: int | None) -> VoteRule | None:
    """The Sở's council's rule for a form (None: no ballot; the council agrees by bình xét). The shares are settings:
    `vote_share_base_title` (default 80) and `vote_share_upward` (blank = more than half)."""
    if rule.vote == VOTE_BASE_TITLE:
        return VoteRule(base_title_share or DEFAULT_BASE_TITLE_SHARE, False, VOTE_RULE)
    if rule.vote == VOTE_UPWARD:
        if upward_share:
            return VoteRule(upward_share, False, UPWARD_VOTE)
        return VoteRule(MAJORITY, True, UPWARD_VOTE)
    return None


# --- what may be given when -------------------------------------------------------------------------------------

# This conference reviews 2020–2025 (KH Hội nghị điển hình tiên tiến 2025 of the Sở): a period, not a year.
CONFERENCE_PERIOD = "giai đoạn 2020 - 2025"

_RANGE = re.compile(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d")


def is_period(label: str) -> bool:
    """A multi-year period ("giai đoạn 2020 - 2025") as opposed to one year ("năm 2025")."""
    return bool(_RANGE.search(label))


def period_problem(rule: AwardRule, period: str) -> str | None:
    """Why a yearly title may not be given for `period` (a conference reviewing several years), or None."""
    if not rule.yearly or not is_period(period):
        return None
    return (
        f"“{rule.name}” là {rule.category} xét tặng hằng năm ({rule.period_source.cite()}); không tặng cho thành tích "
        f"{period}. Đề nghị Giấy khen của Giám đốc Sở hoặc Bằng khen của Chủ tịch UBND tỉnh, hoặc xét trong bình xét "
        "thi đua năm."
    )


def forms_for(period: str) -> tuple[list[str], list[str], list[str]]:
    """(the Director gives, proposed to the Chủ tịch UBND tỉnh, not given for this period) — the forms' names, for the
    entry screen's reminder."""
    mine = [r.name for r in RULES if r.director_may_give and not period_problem(r, period)]
    upward = [r.name for r in RULES if not r.director_may_give and not period_problem(r, period)]
    yearly = [r.name for r in RULES if period_problem(r, period)]
    return mine, upward, yearly


def director_problem(rule: AwardRule) -> str | None:
    """Why the Giám đốc Sở may not sign this form (it must be proposed upward), or None."""
    if rule.director_may_give:
        return None
    return (
        f"“{rule.name}” do {rule.decider} quyết định; Giám đốc Sở chỉ quyết định tặng Tập thể lao động tiên tiến, "
        f"Chiến sĩ thi đua cơ sở, Lao động tiên tiến và giấy khen ({DIRECTOR_POWER.cite()}) — trình cấp trên bằng Tờ trình."
    )


def subject_problem(rule: AwardRule, kind: str) -> str | None:
    if rule.subject and kind and kind != rule.subject:
        return f"“{rule.name}” chỉ tặng cho {rule.subject} ({rule.conditions_source.cite()})."
    return None


# --- money ---------------------------------------------------------------------------------------------------------

ROUND_TO = 10_000  # đồng (NĐ 152/2025 Điều 49 khoản 2)
# (in force from, đồng per month, source). A later decree adds a row; the decision date picks the row.
BASE_SALARY_SCHEDULE: tuple[tuple[date, int, Source], ...] = ((date(2024, 7, 1), 2_340_000, BASE_SALARY_SOURCE),)


def base_salary_on(day: date) -> int:
    """The base salary in force on `day` (the decision's date, Điều 49 khoản 1); the earliest known before it."""
    rows = [row for row in BASE_SALARY_SCHEDULE if row[0] <= day] or [BASE_SALARY_SCHEDULE[0]]
    return max(rows, key=lambda row: row[0])[1]


def reward_amount(coefficient: float | None, salary: int) -> int:
    """Coefficient × base salary rounded UP to the next 10.000 đồng (Điều 49 khoản 2); 0 without a coefficient.

    Worked in decimals so 0,3 × 2.340.000 is exactly 702.000 (→ 710.000), never 702.000,0001 (→ 710.000 too, but
    1,0 × 2.340.000 must stay 2.340.000)."""
    if coefficient is None or math.isnan(coefficient) or coefficient < 0:
        return 0
    exact = Decimal(repr(float(coefficient))) * Decimal(salary)
    return int((exact / ROUND_TO).to_integral_value(rounding=ROUND_CEILING)) * ROUND_TO


def all_sources() -> dict[str, Source]:
    """Every source named above by its Python name, for the README table and the test that pins them."""
    return {name: value for name, value in globals().items() if isinstance(value, Source)}


def _decimal_text(value: float | None) -> str:
    """ "0,3", "8,0" — the awards tab's spelling of a coefficient; "" for none."""
    return (
        ""
        if value is None
        else f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + (",0" if float(value).is_integer() else "")
    )


def default_award_rows() -> list[tuple[str, int, str, str, str, str, str]]:
    """The awards tab a new workbook starts with: (name, rank, subject, decider, threshold %, coefficient for a person,
    for a collective) — the law's rules, the coefficient it leaves open filled with its named default."""
    rows = []
    for rule in RULES:
        person = rule.coef_person
        collective = rule.coef_collective
        if person is None and rule.subject != COLLECTIVE:
            person = UNSOURCED_COEFFICIENTS.get((rule.name, PERSON), (None, None))[0]
        if collective is None and rule.subject != PERSON:
            collective = UNSOURCED_COEFFICIENTS.get((rule.name, COLLECTIVE), (None, None))[0]
        share = str(DEFAULT_BASE_TITLE_SHARE) if rule.vote == VOTE_BASE_TITLE else ""
        rows.append(
            (rule.name, rule.rank, rule.subject, rule.decider, share, _decimal_text(person), _decimal_text(collective))
        )
    return rows

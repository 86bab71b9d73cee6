"""Dự thảo Báo cáo tổng kết phong trào thi đua và công tác khen thưởng giai đoạn 2020 - 2025; phương hướng, nhiệm vụ
giai đoạn 2025 - 2030 — the report the plan (section III.1) has the Văn phòng draft and send with the T-15 dossier.

The app fills what the workbook knows: the awards of 2020–2025 counted from the `Khen thưởng 2020–2025` tab (the
same counts as the Phụ lục, `annex.annex_counts`), and the honours of this conference. Everything else is an
outline with bracketed notes, for the Office to write in Word before the Director signs; the document says "DỰ THẢO"
until then."""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours
from services.documents.annex import KINDS, PERIOD, PERIOD_TEXT, TOTAL, annex_counts, count_of, years_of
from services.documents.decision import body_name
from services.documents.decree import draft_number
from services.documents.model import Doc, Header, Heading, Letterhead, Para, Signature, Title
from services.documents.text import keep_together
from services.documents.upward import proposed_upward
from services.schema import NomineeKind
from services.validation import Dataset

NEXT_PERIOD = "2025 - 2030"
DRAFT = "DỰ THẢO"


def note(text: str) -> Para:
    """A bracketed, italic note where the Office writes the text."""
    return Para(f"[{text}]", style="I")


def award_counts(data: Dataset) -> tuple[int, dict[str, int], list[tuple[str, int, int]], list[tuple[int, int]], int]:
    """(total, {kind: count}, [(form, individuals, collectives)] highest form first, [(year, count)], count outside
    the period) of the awards the history tab records for 2020–2025; zeros when nothing is counted. A year outside
    the period (a 2019 decision pasted by mistake) is left out of the period's figures and counted apart."""
    counts = annex_counts(data)
    if counts.attrs.get("counted", 0) == 0:
        return 0, dict.fromkeys(KINDS, 0), [], [], 0
    inside = [y for y in years_of(counts) if y in PERIOD]
    outside = [y for y in years_of(counts) if y not in PERIOD]
    by_kind = {k: sum(count_of(counts, TOTAL, y, k) for y in inside) for k in KINDS}
    forms = []
    for name in map(str, counts.index.drop(TOTAL)):
        person, collective = (
            sum(count_of(counts, name, y, k) for y in inside) for k in (honours.INDIVIDUAL, honours.COLLECTIVE)
        )
        if person or collective:
            forms.append((name, person, collective))
    years = [(y, sum(count_of(counts, TOTAL, y, k) for k in KINDS)) for y in inside]
    other = sum(count_of(counts, TOTAL, y, k) for y in outside for k in KINDS)
    return sum(by_kind.values()), by_kind, forms, years, other


def _pair(individuals: int, collectives: int) -> str:
    pairs = ((collectives, NomineeKind.COLLECTIVE), (individuals, NomineeKind.PERSON))
    parts = [f"{n} lượt {kind}" for n, kind in pairs if n]
    return ", ".join(parts) or "0 lượt"


def awards_paragraphs(data: Dataset, body: str) -> list[Para]:
    """The figures of the period, from the history tab; a note to fill them in when it has none."""
    total, by_kind, forms, years, other = award_counts(data)
    if not total:
        return [note(f"Số liệu khen thưởng giai đoạn {PERIOD_TEXT}: tổng số lượt tập thể, cá nhân được khen thưởng, "
                     "theo từng hình thức và từng năm")]  # fmt: skip
    paras = [
        Para(
            f"Giai đoạn {PERIOD_TEXT}, các tập thể, cá nhân thuộc {body} đã được khen thưởng {total} lượt "
            f"({_pair(by_kind[honours.INDIVIDUAL], by_kind[honours.COLLECTIVE])}), trong đó:"
        )
    ]
    for i, (form, individuals, collectives) in enumerate(forms):
        paras.append(Para(f"- {form}: {_pair(individuals, collectives)}{'.' if i == len(forms) - 1 else ';'}"))
    by_year = "; ".join(f"năm {y}: {n} lượt" for y, n in years)
    paras.append(Para(f"Theo năm: {by_year}. (Chi tiết tại Phụ lục kèm theo)."))
    if other:
        paras.append(note(f"Có {other} lượt khen thưởng ngoài giai đoạn {PERIOD_TEXT} trong số liệu tổng hợp, "
                          "chưa tính vào các số liệu trên; đề nghị kiểm tra"))  # fmt: skip
    return paras


def conference_paragraph(data: Dataset, body: str) -> Para:
    """The honours of this conference: what the Director gives and what is proposed upward."""
    order = honours.honoree_order(data)
    upward = proposed_upward(data)
    own = order.loc[~order.index.isin(upward.index)]

    def count(frame: pd.DataFrame) -> str:
        kinds = frame["kind"].value_counts()
        return f"{int(kinds.get(honours.COLLECTIVE, 0))} tập thể, {int(kinds.get(honours.INDIVIDUAL, 0))} cá nhân"

    return Para(
        f"Nhân dịp tổng kết giai đoạn {PERIOD_TEXT}, Hội đồng Thi đua - Khen thưởng {body} đã xét, đề nghị Giám "
        f"đốc Sở khen thưởng {count(own)}; đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng {count(upward)}."
    )


def summary_report(data: Dataset, today: date) -> Doc:
    head = Letterhead.from_settings(data.settings)
    body = body_name(head)
    doc = Doc(head, title=f"Báo cáo tổng kết phong trào thi đua giai đoạn {PERIOD_TEXT} (dự thảo)")
    doc.add(
        Header(today, draft_number("BC", head)),
        Para(DRAFT, indent=False, style="B", align="R"),
        Title(
            "BÁO CÁO",
            (
                keep_together(f"Tổng kết phong trào thi đua và công tác khen thưởng giai đoạn {PERIOD_TEXT};"),
                keep_together(f"phương hướng, nhiệm vụ giai đoạn {NEXT_PERIOD}"),
            ),
        ),
        Heading("Phần thứ nhất", align="C"),
        Heading(f"KẾT QUẢ PHONG TRÀO THI ĐUA VÀ CÔNG TÁC KHEN THƯỞNG GIAI ĐOẠN {PERIOD_TEXT}", align="C"),
        Heading("I. ĐẶC ĐIỂM, TÌNH HÌNH"),
        note("Chức năng, nhiệm vụ của Sở; thuận lợi, khó khăn trong giai đoạn"),
        Heading("II. KẾT QUẢ TỔ CHỨC CÁC PHONG TRÀO THI ĐUA"),
        Heading("1. Công tác chỉ đạo, tổ chức phong trào thi đua"),
        note("Việc ban hành kế hoạch, hướng dẫn; công tác tuyên truyền; ký kết giao ước thi đua"),
        Heading("2. Kết quả các phong trào thi đua"),
        note(
            "Các phong trào thi đua thường xuyên, theo chuyên đề và kết quả nổi bật trong lĩnh vực khoa học và công "
            "nghệ"
        ),
        Heading("III. CÔNG TÁC KHEN THƯỞNG"),
        *awards_paragraphs(data, body),
        conference_paragraph(data, body),
        Heading("IV. ĐÁNH GIÁ CHUNG"),
        Heading("1. Ưu điểm"),
        note("Những kết quả nổi bật"),
        Heading("2. Tồn tại, hạn chế và nguyên nhân"),
        note("Tồn tại, hạn chế; nguyên nhân khách quan, chủ quan"),
        Heading("3. Bài học kinh nghiệm"),
        note("Bài học rút ra trong chỉ đạo, tổ chức phong trào thi đua và công tác khen thưởng"),
        Heading("Phần thứ hai", align="C"),
        Heading(f"PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN {NEXT_PERIOD}", align="C"),
        Heading("I. PHƯƠNG HƯỚNG"),
        note(f"Mục tiêu của phong trào thi đua giai đoạn {NEXT_PERIOD}"),
        Heading("II. NHIỆM VỤ, GIẢI PHÁP"),
        note("Các nhiệm vụ, giải pháp trọng tâm"),
        Heading("III. ĐỀ XUẤT, KIẾN NGHỊ"),
        note("Đề xuất, kiến nghị với Ủy ban nhân dân tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh"),
        Para(
            f"Trên đây là Báo cáo tổng kết phong trào thi đua và công tác khen thưởng giai đoạn {PERIOD_TEXT}; "
            f"phương hướng, nhiệm vụ giai đoạn {NEXT_PERIOD} của {body}./."
        ),
        Signature(recipients=("Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ)", "Lãnh đạo Sở", "Lưu: VT, VP")),
    )
    return doc

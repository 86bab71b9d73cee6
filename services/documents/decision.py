"""Quyết định khen thưởng of the Director: the forms the Giám đốc Sở decides, the tiền thưởng they carry
(`services.awards.rewards`), and the attached list of those honorees (Danh sách kèm theo).

Layout after Nghị định 30/2020/NĐ-CP: header, "QUYẾT ĐỊNH" and its trích yếu, the issuing authority in bold
capitals, the legal bases in italics, "QUYẾT ĐỊNH:", Điều 1–3, signature with "Nơi nhận", then the attached list on a
new page. What the clerk completes by hand (the Sở's founding decision, the date of the vote minutes) is left as "…".
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from services.awards import honours, law, rewards
from services.display.formatting import format_number
from services.documents.lists import HONOREE_COLUMNS, decision_line, decision_number, honoree_rows, setting_date
from services.documents.model import Doc, Header, Letterhead, PageBreak, Para, Signature, Table, Title, article
from services.documents.text import keep_together
from services.schema import NomineeKind
from services.validation import Dataset

PERIOD = law.CONFERENCE_PERIOD  # "giai đoạn 2020 - 2025": only forms given for a period (law.period_problem)
ACHIEVEMENT = keep_together(f"có thành tích xuất sắc trong phong trào thi đua yêu nước {PERIOD}")
SUBJECT = f"Về việc khen thưởng các tập thể, cá nhân {ACHIEVEMENT}"
LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
    "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, "
    "khen thưởng;"
)
# The Sở's own regulation and the province's (Điều 6 khoản 2 điểm c NĐ 152/2025 leaves the dossier of these forms to
# the province): their numbers are the clerk's to fill in.
REGULATION = (
    "Căn cứ Quyết định số …/QĐ-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh {place} ban hành Quy chế công tác "
    "thi đua, khen thưởng trên địa bàn tỉnh và Quy chế thi đua, khen thưởng của {body};"
)
MEETING = "Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày … tháng … năm …"
MINUTES = "Biên bản kiểm phiếu ngày … tháng … năm … của Hội đồng Thi đua - Khen thưởng Sở"
RECIPIENTS = ("Như Điều 3", "Sở Nội vụ (Ban Thi đua - Khen thưởng)", "Lưu: VT, VP")


# --- shared with the Tờ trình (proposal.py) ---------------------------------------------------------------------


def body_name(head: Letterhead) -> str:
    """The issuing body as a sentence names it: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ".

    A name typed in capitals is recased by the rule for agency names (the category word and the first word of each
    field joined by "và" capitalised); one typed in mixed case is kept as typed."""
    words = head.organiser.split()
    if not words:
        return "Sở"
    if any(c.islower() for c in head.organiser):
        return " ".join(words)
    lowered = [w.lower() for w in words]
    out = []
    start = True  # the first word of the name, and of each field after "và"
    for i, word in enumerate(lowered):
        if word == "và":
            out.append(word)
            start = True
            continue
        capital = start or (i == 1 and lowered[0] == "sở")  # "Sở Khoa học": the category word, then the field
        out.append(word[:1].upper() + word[1:] if capital else word)
        start = False
    return " ".join(out)


def money(value: int) -> str:
    """ "2.340.000 đồng"."""
    return f"{format_number(value)} đồng"


def count_phrase(collectives: int, individuals: int) -> str:
    """ "2 tập thể và 5 cá nhân"; a part that is zero is left out."""
    parts = [
        f"{n} {kind}" for n, kind in ((collectives, NomineeKind.COLLECTIVE), (individuals, NomineeKind.PERSON)) if n
    ]
    return " và ".join(parts) or "0 tập thể, cá nhân"


def coefficient_text(value: float | None) -> str:
    """ "1,0", "0,3", "0,25" — one decimal at least, as the decree writes them."""
    if value is None:
        return ""
    text = f"{value:.3f}".rstrip("0")
    return (text + "0" if text.endswith(".") else text).replace(".", ",")


def form_counts(line: rewards.RewardLine) -> str:
    return count_phrase(line.collectives, line.individuals)


def reward_sentences(summary: rewards.RewardSummary) -> list[str]:
    """ "- Chiến sĩ thi đua cơ sở: 3 cá nhân × 2.340.000 đồng = 7.020.000 đồng;" — one line per form, the missing
    coefficients named instead of an amount; the last ends in "." ."""
    lines = []
    for line in summary.lines:
        parts = []
        for n, kind, each, coefficient in (
            (line.collectives, honours.COLLECTIVE, line.amount_collective, line.coef_collective),
            (line.individuals, honours.INDIVIDUAL, line.amount_person, line.coef_person),
        ):
            if not n:
                continue
            if kind in line.missing:
                parts.append(f"{n} {kind}: chưa có hệ số tiền thưởng trong danh mục hình thức khen thưởng, chưa tính")
            else:
                factor = coefficient_text(coefficient)
                parts.append(f"{n} {kind} × {money(each)} (hệ số {factor}) = {money(n * each)}")
        lines.append(f"- {line.award}: {'; '.join(parts)};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def count_lines(summary: rewards.RewardSummary) -> list[str]:
    """ "- Giấy khen của Giám đốc Sở: 2 tập thể và 5 cá nhân;" — one line per form; the last ends in "." ."""
    last = len(summary.lines) - 1
    return [f"- {line.award}: {form_counts(line)}{'.' if i == last else ';'}" for i, line in enumerate(summary.lines)]


def reward_paragraphs(summary: rewards.RewardSummary) -> list[Para]:
    """What the decision's Điều 2 and the Tờ trình say about the money: one sentence per form, the total in figures
    and words, and (italic) the forms with no coefficient."""
    paragraphs = [Para(sentence) for sentence in reward_sentences(summary)] + [Para(total_sentence(summary))]
    if summary.missing:
        paragraphs.append(Para(missing_note(summary), style="I"))
    return paragraphs


def total_sentence(summary: rewards.RewardSummary) -> str:
    return f"Tổng số tiền thưởng: {money(summary.total)} ({rewards.amount_in_words(summary.total)})."


def missing_note(summary: rewards.RewardSummary) -> str:
    """A reminder when some form has no coefficient (counted as 0 above), else ""."""
    if not summary.missing:
        return ""
    return (
        "Lưu ý: chưa có hệ số tiền thưởng của "
        + ", ".join(summary.missing)
        + " trong danh mục hình thức khen thưởng; tổng số trên chưa tính các trường hợp này."
    )


def attached_blocks(honorees: pd.DataFrame, subject: str, attached: str, empty: str) -> list[Title | Table | Para]:
    """The Danh sách kèm theo: title and "(Kèm theo …)" line, the honoree table by form and kind, the count."""
    blocks: list[Title | Table | Para] = [Title("DANH SÁCH", (subject,), attached=attached)]
    if honorees.empty:
        return [*blocks, Para(empty, indent=False)]
    counts = honorees["kind"].value_counts()
    phrase = count_phrase(int(counts.get(honours.COLLECTIVE, 0)), int(counts.get(honours.INDIVIDUAL, 0)))
    return [*blocks, Table(HONOREE_COLUMNS, honoree_rows(honorees)), Para(f"Danh sách gồm {phrase}./.", style="I")]


# --- the decision -------------------------------------------------------------------------------------------------


def _grounds(head: Letterhead, body: str) -> tuple[Para, ...]:
    """The Director's title and the legal grounds (Căn cứ …), down to "QUYẾT ĐỊNH:"."""
    return (
        Para(f"GIÁM ĐỐC {head.organiser}", indent=False, style="B", align="C"),
        Para(LAW, style="I"),
        Para(DECREE, style="I"),
        Para(
            "Căn cứ Quyết định số …/QĐ-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh "
            f"{head.place} quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {body};",
            style="I",
        ),
        Para(REGULATION.format(place=head.place, body=body), style="I"),
        Para(f"Theo đề nghị của Hội đồng Thi đua - Khen thưởng Sở tại {MEETING}.", style="I"),
        Para("QUYẾT ĐỊNH:", indent=False, style="B", align="C"),
    )


def _award_articles(doc: Doc, summary: rewards.RewardSummary) -> None:
    """Điều 1 (the forms given, counted) and Điều 2 (the money by the base-salary coefficient)."""
    titles = any((r := law.rule_for(line.award)) is None or r.category == law.TITLE for line in summary.lines)
    what = "danh hiệu thi đua, hình thức khen thưởng" if titles else "Giấy khen của Giám đốc Sở"
    doc.para(
        f"Điều 1. Tặng {what} cho "
        f"{count_phrase(summary.collectives, summary.individuals)} {ACHIEVEMENT} (có danh sách kèm theo), gồm:"
    )
    for line in count_lines(summary):
        doc.para(line)
    given = "danh hiệu, hình thức khen thưởng" if titles else "Giấy khen"
    doc.para(
        f"Điều 2. Kèm theo {given}, các tập thể, cá nhân có tên tại Điều 1 được thưởng "
        f"theo hệ số mức lương cơ sở ({money(summary.base_salary)}/tháng), cụ thể:"
    )
    doc.add(*reward_paragraphs(summary))
    doc.para("Tiền thưởng được chi từ nguồn quỹ thi đua, khen thưởng của Sở.")


def _no_award_articles(doc: Doc, director: str) -> None:
    doc.para(f"Điều 1. Chưa có tập thể, cá nhân nào được duyệt khen thưởng thuộc thẩm quyền quyết định của {director}.")
    doc.para("Điều 2. Không phát sinh tiền thưởng từ nguồn quỹ thi đua, khen thưởng của Sở.")


def reward_decision(data: Dataset, today: date) -> Doc:
    """The Director's Quyết định khen thưởng for the forms the Giám đốc Sở decides, with its attached list."""
    head = Letterhead.from_settings(data.settings)
    order = honours.honoree_order(data)
    honorees = rewards.honorees_of(data, rewards.DIRECTOR, order)
    summary = rewards.director_rewards(data, order)
    number = decision_number(data, honorees, head)  # the same number the attached list and certificates carry
    issued = setting_date(data, "decision_date") or today
    body = body_name(head)

    doc = Doc(head, title="Quyết định khen thưởng")
    doc.add(Header(issued, number), Title("QUYẾT ĐỊNH", (SUBJECT,)), *_grounds(head, body))
    if summary.lines:
        _award_articles(doc, summary)
    else:
        _no_award_articles(doc, "Giám đốc " + body)
    doc.para(
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị trực thuộc Sở và các tập thể, cá nhân có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    doc.add(Signature(recipients=RECIPIENTS), PageBreak())
    # "Điều 1." in bold, as decisions print their articles
    doc.blocks = [
        article(b.text, style=b.style) if isinstance(b, Para) and b.text.startswith("Điều ") else b for b in doc.blocks
    ]
    return doc.add(
        *attached_blocks(
            honorees,
            f"Tập thể, cá nhân {ACHIEVEMENT} được Giám đốc Sở khen thưởng",
            decision_line(number, head, issued),
            "Chưa có tập thể, cá nhân nào được duyệt khen thưởng thuộc thẩm quyền của Giám đốc Sở.",
        )
    )

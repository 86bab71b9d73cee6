"""Who the Sở proposes upward (to the Chủ tịch UBND tỉnh) and what each of them has already received.

`proposed_upward` is the one place that decides who needs a Báo cáo thành tích and a line in the Danh sách trích
ngang: the approved nominations the law allows at this conference (`honours.lawful_order`, the same list the Tờ trình
proposes) whose form the Giám đốc Sở may not give (`law.DIRECTOR`, Luật Thi đua, khen thưởng 2022 Điều 80 khoản 1).
"""

from __future__ import annotations

import pandas as pd

from services.awards import honours, law
from services.text import match_key, tidy
from services.validation import Dataset

# Columns of the nominations tab a Báo cáo thành tích needs beyond the honoree order.
DETAIL_COLUMNS = ("achievement", "proposer", "note")

# Hình thức khen thưởng (Luật Thi đua, khen thưởng 2022, Điều 9 lists them: huân chương, huy chương, bằng khen,
# giấy khen, kỷ niệm chương …); every other award typed in the history tab is read as a danh hiệu thi đua (Điều 8).
# A Báo cáo thành tích lists the two apart (section III of the decree's forms).
COMMENDATION_WORDS = ("huân chương", "huy chương", "bằng khen", "giấy khen", "kỷ niệm chương", "danh hiệu vinh dự")


def proposed_upward(data: Dataset) -> pd.DataFrame:
    """Approved, lawful nominations whose award form the Giám đốc Sở does not decide (ceremony order), decided by
    the province yet or not, with their achievement text, proposing unit and note from the nominations tab. Each
    needs a Báo cáo thành tích in the dossier sent to the Chủ tịch UBND tỉnh."""
    order = honours.lawful_order(data)
    director = match_key(law.DIRECTOR)
    mask = order["decider"].map(lambda d: match_key(tidy(d)) != director).astype(bool)
    chosen = order.loc[mask].copy()  # .loc and a bool mask: an empty mask must not select columns
    nominations = data.frames["nominations"]
    for column in DETAIL_COLUMNS:
        values = nominations[column] if column in nominations else pd.Series(dtype=object)
        chosen[column] = [tidy(values.get(row_id, "")) for row_id in chosen.index]
    return chosen


def is_commendation(award: str) -> bool:
    """A hình thức khen thưởng (Bằng khen, Giấy khen …) rather than a danh hiệu thi đua."""
    folded = match_key(tidy(award, one_line=True))
    return any(folded.startswith(word) for word in COMMENDATION_WORDS)


def past_awards(data: Dataset, name: str, kind: str) -> pd.DataFrame:
    """What the `Khen thưởng 2020–2025` tab records for this nominee (same name however typed; same kind or a blank
    kind): year, award, decision, oldest first."""
    frame = data.frames["history"]
    columns = ["year", "award", "decision"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    key = match_key(tidy(name, one_line=True))
    same = frame["name"].map(lambda n: match_key(tidy(n, one_line=True)) == key) & frame["kind"].map(
        lambda k: tidy(k) in ("", kind)
    )
    rows = frame.loc[same.astype(bool), columns].copy()
    rows["award"] = rows["award"].map(lambda a: tidy(a, one_line=True))
    rows["decision"] = rows["decision"].map(lambda d: tidy(d, one_line=True))
    return rows.sort_values("year", kind="stable")

"""What the ceremony announces: one part per decision read out (the Director's, then each decision of the Chủ tịch UBND
tỉnh whose number is on its nominations), and how the MC names each honoree. Proposals still awaiting the Chủ tịch's
decision are never announced (Luật Thi đua, khen thưởng 2022 Điều 80 khoản 1: the Director cannot give them)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from services.awards import honours, law
from services.schema import Gender
from services.text import match_key, tidy
from services.validation import Dataset


@dataclass(frozen=True)
class Announcement:
    """One decision read out at the ceremony and the honorees it covers (ceremony order)."""

    decider: str
    number: str  # the provincial decision's number; "" for the Director's (the documents fill in his decision's)
    honorees: pd.DataFrame

    @property
    def by_director(self) -> bool:
        return match_key(self.decider) == match_key(law.DIRECTOR)


def announcements(data: Dataset, order: pd.DataFrame | None = None) -> list[Announcement]:
    """The decisions in the order the ceremony reaches them (highest form first): each provincial decision number its
    own part, every Director's form one part."""
    order = honours.honoree_order(data) if order is None else order
    parts: dict[tuple[str, str], list[str]] = {}
    for row_id, decider, number in zip(order.index, order["decider"], order["decision_no"], strict=True):
        director = match_key(decider) == match_key(law.DIRECTOR)
        key = (law.DIRECTOR, "") if director else (str(decider), tidy(number, one_line=True))
        parts.setdefault(key, []).append(row_id)
    return [Announcement(decider, number, order.loc[ids]) for (decider, number), ids in parts.items()]


def awaiting_decision(data: Dataset) -> pd.DataFrame:
    """Approved proposals to the Chủ tịch UBND tỉnh with no decision number yet: on the Tờ trình, not on stage."""
    lawful = honours.lawful_order(data)
    announced = honours.honoree_order(data).index
    return lawful[~lawful.index.isin(announced)]


def honoree_call(row: pd.Series) -> str:
    """How the MC names an honoree: "ông Vi Mạnh Hùng", "bà Đinh Thanh Thảo", "đại diện Phòng Kế hoạch - Tài chính";
    "đồng chí …" when the gender column is blank (a form of address that fits anyone in a state agency)."""
    name = tidy(row.get("name"), one_line=True)
    if row.get("kind") == honours.COLLECTIVE:
        return f"đại diện {name}"
    gender = tidy(row.get("gender"))
    prefix = {str(Gender.MALE): "ông", str(Gender.FEMALE): "bà"}.get(gender, "đồng chí")
    return f"{prefix} {name}"

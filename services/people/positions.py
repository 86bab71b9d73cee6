"""Titles (chức vụ) as a Vietnamese Sở ranks them: who heads a unit, who deputises, and seniority for introductions.

One rule for the seating plan, the sign-in sheet, the name cards and the MC's script: a unit's head is named by the
first words of the title. "Trưởng" later in a title does not head a unit: a Kế toán trưởng (chief accountant) keeps
the accounts of a unit whose head is its Giám đốc or Chánh Văn phòng, so they rank with the staff.
"""

from __future__ import annotations

from services.text import fold

# Folded, most senior first: Bí thư (Party committee), Chủ tịch (People's Committee, trade union), Giám đốc (Sở,
# Trung tâm), Chi cục trưởng, Trưởng phòng / ban, Chánh Văn phòng / Thanh tra.
HEAD_TITLES = ("bi thu", "chu tich", "giam doc", "chi cuc truong", "truong", "chanh")
HEAD, DEPUTY, STAFF = 0, 1, 2


def _title(position: object) -> tuple[int | None, bool]:
    """(seniority of the head title the position names, or None; whether it is a deputy's — "Phó …")."""
    title = fold(position)
    deputy = title.split(" ", 1)[0] == "pho"  # "Phó Giám đốc", not "Phóng viên"
    core = title[4:] if deputy else title
    return next((n for n, head in enumerate(HEAD_TITLES) if core.startswith(head)), None), deputy


def position_rank(position: object) -> int:
    """HEAD before DEPUTY before STAFF, within a unit or a seating category."""
    level, deputy = _title(position)
    if deputy:
        return DEPUTY
    return HEAD if level is not None else STAFF


def title_rank(position: object) -> int:
    """Seniority for introducing guests: Bí thư, Phó Bí thư, Chủ tịch, Phó Chủ tịch, Giám đốc, Phó Giám đốc, …,
    Trưởng phòng, Phó Trưởng phòng, Chánh, Phó Chánh; any other title last."""
    level, deputy = _title(position)
    return 2 * len(HEAD_TITLES) if level is None else 2 * level + int(deputy)

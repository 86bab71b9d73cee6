"""English names of the values stored in the sheet (statuses, groups, kinds …), for tables, filters and legends.

Keys are "value." + the stored text, exactly as services/schema names it; the Vietnamese side is that text itself.
The sheet always keeps the Vietnamese value: these names are for display only.
"""

from services.schema import Decider, Gender, Group, NominationStatus, NomineeKind, Rsvp, TaskStatus, UnitKind

ENGLISH = {
    Gender.MALE: "male",
    Gender.FEMALE: "female",
    UnitKind.LEADERSHIP: "leadership",
    UnitKind.DIVISION: "division",
    UnitKind.AFFILIATE: "affiliated unit",
    UnitKind.GUEST: "guest",
    Group.PROVINCE_LEADERS: "provincial leaders",
    Group.DEPARTMENT_LEADERS: "department leaders",
    Group.CIVIL_SERVANT: "civil servants",
    Group.PUBLIC_EMPLOYEE: "public employees",
    Group.WORKER: "workers",
    Group.GUEST: "guests",
    Rsvp.PENDING: "no reply yet",
    Rsvp.ATTENDING: "attending",
    Rsvp.ABSENT: "absent",
    NomineeKind.PERSON: "individual",
    NomineeKind.COLLECTIVE: "collective",
    NominationStatus.PROPOSED: "proposed",
    NominationStatus.REVIEWING: "under review",
    NominationStatus.APPROVED: "approved",
    NominationStatus.REJECTED: "rejected",
    TaskStatus.TODO: "to do",
    TaskStatus.DOING: "in progress",
    TaskStatus.DONE: "done",
    Decider.DIRECTOR: "Department Director",
    Decider.PROVINCE_CHAIR: "Chair of the Provincial People's Committee",
}

STRINGS: dict[str, tuple[str, str]] = {
    **{f"value.{value}": (str(value), english) for value, english in ENGLISH.items()},
    # rows the app itself adds to a count table
    "value.Tổng cộng": ("Tổng cộng", "Total"),
    "value.(chưa rõ nhóm)": ("(chưa rõ nhóm)", "(no group)"),
}

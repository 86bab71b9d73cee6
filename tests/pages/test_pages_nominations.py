"""Khen thưởng page in AppTest: add a nomination, record votes, approve or be refused, see the honoree preview."""

from __future__ import annotations

from services.access import hash_passcode
from services.awards import honours
from services.store.workbook import WorkbookStore
from services.text import name_sort_key
from services.validation import validate
from tests.apptest_helpers import open_app, sign_in
from ui.context import md
from ui.warning_list import SHOWN

AWARD = "Bằng khen của Chủ tịch UBND tỉnh"  # proposed upward: more than half of the council's total membership
YEARLY = "Chiến sĩ thi đua cơ sở"  # a yearly title: refused at this 2020 - 2025 conference
ADMIN = {"roles": {"passcodes": {"admin": hash_passcode("qt", iterations=1_000)}}}


def _load(path):
    return validate(WorkbookStore(path).load())


def _add(at, name: str, unit: str = "Văn phòng Sở", award: str = AWARD):
    at.selectbox(key="nom_award_new").set_value(award)
    at.text_input(key="nom_name_new").input(name)
    at.selectbox(key="nom_gender_new").set_value("Nữ")
    at.text_input(key="nom_ethnicity_new").input("Tày")
    at.text_input(key="nom_position_new").input("Chuyên viên")
    at.text_input(key="nom_unit_new").input(unit)
    at.button(key="nom_save_new").click()
    return at.run()


def _vote(at, row_id: str, yes: int, members: int = 10):
    at.selectbox(key="nom_vote_pick").set_value(row_id).run()
    at.number_input(key=f"nom_vote_members_{row_id}").set_value(members)
    at.number_input(key=f"nom_vote_yes_{row_id}").set_value(yes).run()
    verdict = (at.success[0].value if at.success else "") or at.error[0].value
    at.button(key="nom_vote_save").click()
    return verdict, at.run()


def test_page_renders(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    assert not at.exception, at.exception
    assert at.title[0].value == "Khen thưởng"
    # the entry form reminds what this 2020 - 2025 conference may give, and who signs it
    assert any(
        "Giám đốc Sở tặng Giấy khen của Giám đốc Sở" in c.value and "Điều 80 khoản 1" in c.value for c in at.caption
    )


def test_add_vote_approve_and_see_it_in_the_honoree_preview(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    before = set(_load(seeded_path).frames["nominations"].index)
    at = _add(at, "Hoàng Thị Ánh")
    assert not at.exception, at.exception
    assert any("Đã thêm đề cử: Hoàng Thị Ánh" in s.value for s in at.success)
    data = _load(seeded_path)
    (new_id,) = set(data.frames["nominations"].index) - before
    row = data.frames["nominations"].loc[new_id]
    assert (row["status"], row["gender"], row["ethnicity"], row["award"]) == ("đề xuất", "Nữ", "Tày", AWARD)

    at.selectbox(key="nom_vote_pick").set_value(new_id).run()
    at.button(key="nom_review").click().run()
    assert _load(seeded_path).frames["nominations"].loc[new_id, "status"] == "đang xét"

    verdict, at = _vote(at, new_id, yes=5)  # exactly half of 10 members: not more than half, fails
    assert verdict.startswith("Không đạt: 5/10")
    at.button(key="nom_approve").click().run()
    assert any("chưa thể phê duyệt" in e.value and "Không đạt" in e.value for e in at.error)
    assert _load(seeded_path).frames["nominations"].loc[new_id, "status"] == "đang xét"

    verdict, at = _vote(at, new_id, yes=6)  # more than half: the Sở's council agrees to propose
    assert verdict.startswith("Đạt: 6/10")
    at.text_input(key=f"nom_decision_no_{new_id}").input("2150/QĐ-UBND")  # the Chủ tịch's decision, once issued
    at.button(key="nom_approve").click().run()
    assert not at.exception, at.exception
    row = _load(seeded_path).frames["nominations"].loc[new_id]
    assert (row["status"], row["decision_no"], row["votes_yes"], row["votes_total"]) == (
        "đã duyệt",
        "2150/QĐ-UBND",
        6,
        10,
    )

    preview = at.dataframe[1].value  # the honoree list (proofread editor) in ceremony order
    group = preview[preview["Hình thức khen thưởng"] == AWARD]
    assert "Hoàng Thị Ánh" in set(group["Tên"])
    assert list(group["Tên"]) == sorted(group["Tên"], key=name_sort_key)  # Vietnamese order within the award form
    expected = honours.honoree_order(_load(seeded_path))
    assert list(preview["Tên"]) == list(expected["name"])


def test_an_approval_the_law_does_not_allow_is_refused_with_the_article(seeded_path, monkeypatch):
    """Chiến sĩ thi đua cơ sở at this 2020 - 2025 conference: the page warns before the click, refuses the click
    with the article, and no admin override lifts it."""
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ADMIN), "qt")
    at.switch_page("content/nominations.py").run()
    before = set(_load(seeded_path).frames["nominations"].index)
    at = _add(at, "Nông Văn Tài", award=YEARLY)
    (new_id,) = set(_load(seeded_path).frames["nominations"].index) - before
    at.selectbox(key="nom_vote_pick").set_value(new_id).run()
    at.button(key="nom_review").click().run()
    verdict, at = _vote(at, new_id, yes=10)  # the council is unanimous: still not lawful here
    assert verdict.startswith("Đạt: 10/10")
    assert any("Không thể phê duyệt theo quy định khen thưởng" in w.value and "Điều 27" in w.value for w in at.warning)
    at.checkbox(key=f"nom_override_{new_id}").check().run()
    at.text_area(key=f"nom_override_note_{new_id}").input("Hội đồng đồng ý")
    at.button(key="nom_approve").click().run()
    assert not at.exception, at.exception
    (refusal,) = [e.value for e in at.error if "không thể phê duyệt" in e.value]
    assert "xét tặng hằng năm" in refusal and "Điều 27" in refusal and "Luật Thi đua, khen thưởng" in refusal
    assert _load(seeded_path).frames["nominations"].loc[new_id, "status"] == "đang xét"


def test_admin_override_needs_a_note_and_keeps_it(seeded_path, monkeypatch):
    at = sign_in(open_app(seeded_path, monkeypatch, secrets=ADMIN), "qt")
    at.switch_page("content/nominations.py").run()
    before = set(_load(seeded_path).frames["nominations"].index)
    at = _add(at, "Lục Văn Tú")
    (new_id,) = set(_load(seeded_path).frames["nominations"].index) - before
    at.selectbox(key="nom_vote_pick").set_value(new_id).run()
    at.button(key="nom_review").click().run()
    _, at = _vote(at, new_id, yes=5)  # not more than half
    at.checkbox(key=f"nom_override_{new_id}").check().run()
    at.button(key="nom_approve").click().run()
    assert any("chưa thể phê duyệt" in e.value for e in at.error)  # override without a note
    at.text_area(key=f"nom_override_note_{new_id}").input("Hội đồng họp bổ sung ngày 20/11")
    at.button(key="nom_approve").click().run()
    row = _load(seeded_path).frames["nominations"].loc[new_id]
    assert row["status"] == "đã duyệt"
    assert row["note"] == "Phê duyệt vượt ngưỡng: Hội đồng họp bổ sung ngày 20/11"


def test_incomplete_form_is_refused_and_kept(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    at.selectbox(key="nom_kind_new").set_value("tập thể")
    at = _add(at, "Phòng Quản lý khoa học", award=YEARLY)  # Chiến sĩ thi đua cơ sở is for individuals only
    assert any("chỉ dành cho cá nhân" in e.value for e in at.error)
    assert at.text_input(key="nom_name_new").value == "Phòng Quản lý khoa học"


def test_bulk_move_to_review(seeded_path, monkeypatch):
    data = _load(seeded_path)
    proposed = list(data.frames["nominations"].query("status == 'đề xuất'").index)
    at = open_app(seeded_path, monkeypatch, "nominations")
    at.multiselect(key="nom_bulk_ids").set_value(proposed)
    at.selectbox(key="nom_bulk_target").set_value("đang xét").run()
    at.button(key="nom_bulk_apply").click().run()
    at.button(key="nom_bulk_apply_confirm").click().run()
    assert not at.exception, at.exception
    statuses = _load(seeded_path).frames["nominations"].loc[proposed, "status"]
    assert set(statuses) == {"đang xét"}


def test_delegate_quota_is_enforced(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")
    options = at.multiselect(key="nom_delegates").options
    assert len(options) > 6
    at.multiselect(key="nom_delegates").set_value([])
    at.run()
    staff = [o for o in at.multiselect(key="nom_delegates").options if "Chuyên viên" in o][:6]
    picker = at.multiselect(key="nom_delegates")
    for option in staff:
        picker.select(option)
    at.button(key="nom_delegate_save").click().run()
    assert any("Vượt chỉ tiêu: 6 đại biểu, chỉ tiêu là 5" in e.value for e in at.error)


def test_editors_get_no_override(seeded_path, monkeypatch):
    at = open_app(seeded_path, monkeypatch, "nominations")  # local workbook without roles: editor
    review = next(i for i, r in _load(seeded_path).frames["nominations"].iterrows() if r["status"] == "đang xét")
    at.selectbox(key="nom_vote_pick").set_value(review).run()
    assert not [c for c in at.checkbox if c.key == f"nom_override_{review}"]


def test_many_failing_approvals_are_one_warning_with_the_rest_behind_an_expander(tmp_path, monkeypatch):
    from benchmarks.synthetic import make_workbook

    data = validate(WorkbookStore(book := make_workbook(tmp_path / "many.xlsx", 60, 120, 10)).load())
    problems = honours.approval_problems(data)
    assert len(problems) > SHOWN  # the synthetic council approved more than a handful against their votes
    at = open_app(book, monkeypatch, "nominations")
    assert not at.exception
    (alert,) = [w.value for w in at.warning if "biểu quyết chưa đạt" in w.value]
    assert alert.startswith(f"{len(problems)} đề cử đã duyệt")
    assert all(md(p) in alert for p in problems[:SHOWN]) and md(problems[SHOWN]) not in alert
    (more,) = [e for e in at.expander if e.label == f"Xem thêm {len(problems) - SHOWN} mục"]
    assert all(md(p) in more.markdown[0].value for p in problems[SHOWN:])

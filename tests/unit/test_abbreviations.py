"""The first "UBND" of a document's body is written out, "Ủy ban nhân dân (UBND)"; later ones, the letterhead and
a text that writes the words out first are left alone."""

from __future__ import annotations

from services.documents import model as m
from services.documents.abbreviations import spell_out


def test_the_first_mention_is_written_out_and_only_it():
    doc = m.Doc(m.Letterhead(), [
        m.Header(None),
        m.Title("TỜ TRÌNH", ("Về việc đề nghị Chủ tịch UBND tỉnh khen thưởng",)),
        m.Para("Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn."),
        m.Table((m.TableColumn("Hình thức", 1),), [["Bằng khen của Chủ tịch UBND tỉnh"]]),
    ])  # fmt: skip
    spell_out(doc)
    assert doc.blocks[1].subject == ("Về việc đề nghị Chủ tịch Ủy ban nhân dân (UBND) tỉnh khen thưởng",)
    assert doc.blocks[2].text == "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn."
    assert doc.blocks[3].rows == [["Bằng khen của Chủ tịch UBND tỉnh"]]
    assert doc.head.parent_body == "UBND TỈNH LẠNG SƠN"  # the letterhead keeps its short form


def test_a_table_cell_or_group_row_can_hold_the_first_mention():
    table = m.Table((m.TableColumn("A", 1), m.TableColumn("B", 1)),
                    [m.GroupRow("I. CÁ NHÂN"), ["1", "Bằng khen của Chủ tịch UBND tỉnh"]])  # fmt: skip
    doc = spell_out(m.Doc(m.Letterhead(), [m.Para("Danh sách."), table]))
    assert doc.blocks[1].rows[1] == ["1", "Bằng khen của Chủ tịch Ủy ban nhân dân (UBND) tỉnh"]


def test_words_written_out_first_leave_everything_as_it_is():
    doc = m.Doc(m.Letterhead(), [
        m.Para("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Lạng Sơn."),
        m.Para("Đề nghị Chủ tịch UBND tỉnh."),
    ])  # fmt: skip
    spell_out(doc)
    assert [b.text for b in doc.blocks] == ["Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Lạng Sơn.",
                                            "Đề nghị Chủ tịch UBND tỉnh."]  # fmt: skip


def test_only_whole_words_count():
    doc = spell_out(m.Doc(m.Letterhead(), [m.Para("Mã UBNDX không phải viết tắt; UBND tỉnh.")]))
    assert doc.blocks[0].text == "Mã UBNDX không phải viết tắt; Ủy ban nhân dân (UBND) tỉnh."


def test_every_registered_document_writes_the_abbreviation_out_at_its_first_mention(tmp_path, monkeypatch):
    """Through the registry (the Tài liệu page, the CLI and both zips): the Quyết định, the Tờ trình, the programme …
    each write "Ủy ban nhân dân" before any "UBND" of their body."""
    import re

    import services.documents as registry
    from tests.conftest import FIXED_TODAY
    from tests.unit.test_annex_dossier import seeded

    rendered: list[m.Doc] = []
    monkeypatch.setattr(registry, "render", lambda doc, fmt: rendered.append(doc) or b"")
    data = seeded(tmp_path)
    checked = []
    for document in registry.DOCUMENTS:
        document.build(data, FIXED_TODAY, "docx")
        body = " ".join(_texts(rendered[-1]))
        first = re.search(r"(?<!\w)UBND(?!\w)", body)
        if first is None:
            continue
        assert "Ủy ban nhân dân" in body[: first.start()] or body[: first.start()].endswith("Ủy ban nhân dân ("), (
            document.key
        )
        checked.append(document.key)
    assert {"decision", "proposal"} <= set(checked)


def _texts(doc: m.Doc):
    """The body's texts in reading order, as `spell_out` reads them (not the letterhead)."""
    for block in doc.blocks:
        if isinstance(block, m.Title):
            yield from block.subject
        elif isinstance(block, m.Para | m.Heading):
            yield block.text
        elif isinstance(block, m.Table):
            for row in block.rows:
                yield row.text if isinstance(row, m.GroupRow) else " ".join(map(str, row))

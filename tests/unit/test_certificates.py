"""Giấy khen on pre-printed forms: every field is drawn where its setting (+ the global shift) says, read back from the
PDF's own content stream; the page size follows `cert_page`; one page per approved Director-form honoree in ceremony
order; the calibration page's crosses sit on the anchors; bad settings are named; Word frames sit on the same points.

Positions are in mm from the page's top-left corner, as the settings give them (PDF y runs up from the bottom:
y_mm = page height − y_pt · 25.4 / 72). A line's *centre* is its left end + half its advance width (the widths come
from the embedded font's /W array); its *vertical middle* is its baseline − 0.35 × the font size (in mm), the x-height
centre `pdf_render.baseline_offset` puts on the anchor.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from services.awards import honours
from services.documents import render
from services.documents.certificates import (
    DEFAULT_ACHIEVEMENT,
    EMPTY_NOTE,
    FIELDS,
    PRINT_NOTE,
    CertificateLayout,
    CertificateSettingsError,
    calibration,
    certificate_items,
    certificates,
    layout_from_settings,
)
from services.schema import Decider
from services.store.workbook import WorkbookStore
from services.text import match_key
from services.validation import Dataset, validate
from tests.conftest import seeded_copy

TODAY = date(2026, 12, 5)
MM = 25.4 / 72  # one point in mm
PT_PER_MM = 72 / 25.4
TOLERANCE = 0.5  # mm
MIDDLE = 0.35  # the vertical middle of a line sits this many font sizes above its baseline
DEFAULT_ANCHORS = {
    "name": (148.5, 92.0),
    "unit": (148.5, 106.0),
    "achievement": (148.5, 120.0),
    "decision": (70.0, 178.0),
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- reading a PDF back -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    """One shown string as the content stream draws it, in mm from the top-left corner."""

    text: str
    left: float
    baseline: float
    size: float  # pt
    width: float  # mm, from the font's /W widths

    @property
    def centre(self) -> float:
        return self.left + self.width / 2

    @property
    def middle(self) -> float:
        return self.baseline - MIDDLE * self.size * MM


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class PageDrawing:
    width: float  # mm
    height: float
    texts: list[Drawn]
    segments: list[Segment]

    def find(self, text: str) -> Drawn:
        found = [d for d in self.texts if d.text == nfc(text)]
        assert len(found) == 1, f"{text!r} drawn {len(found)} times; drawn: {[d.text for d in self.texts]}"
        return found[0]


class _Font:
    """A Type0 font's CID → unicode (ToUnicode bfchar/bfrange) and CID → width (/W, /DW; 1/1000 of the size)."""

    def __init__(self, font) -> None:
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        self.default = float(descendant.get("/DW", 1000))
        self.widths: dict[int, float] = {}
        w = list(descendant.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if isinstance(w[i + 1].get_object(), list):
                for n, width in enumerate(w[i + 1].get_object()):
                    self.widths[first + n] = float(width)
                i += 2
            else:
                for cid in range(first, int(w[i + 1]) + 1):
                    self.widths[cid] = float(w[i + 2])
                i += 3
        cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        self.unicode: dict[int, str] = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                self.unicode[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                for n, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    self.unicode[cid] = chr(int(dst, 16) + n)

    def decode(self, raw: bytes) -> tuple[str, float]:
        """Text and advance width in 1/1000 of the font size."""
        cids = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        return "".join(self.unicode.get(c, "\ufffd") for c in cids), sum(self.widths.get(c, self.default) for c in cids)


def _raw(operand) -> bytes:
    return operand.original_bytes if hasattr(operand, "original_bytes") else bytes(operand)


def read_pdf(pdf: bytes) -> list[PageDrawing]:
    """Every page's shown strings (Tj/TJ inside BT…ET, placed by Td/Tm) and stroked segments (m … l)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages: list[PageDrawing] = []
    for page in reader.pages:
        box = page.mediabox
        width, height = float(box.width) * MM, float(box.height) * MM
        fonts = {name: _Font(f) for name, f in page["/Resources"].get("/Font", {}).items()}
        texts: list[Drawn] = []
        segments: list[Segment] = []
        font, size, tx, ty, line_x, line_y, point = None, 0.0, 0.0, 0.0, 0.0, 0.0, (0.0, 0.0)
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"cm":
                assert [float(v) for v in operands] == [1, 0, 0, 1, 0, 0], "unexpected transformation"
            elif op == b"BT":
                tx = ty = line_x = line_y = 0.0
            elif op == b"Tf":
                font, size = fonts[operands[0]], float(operands[1])
            elif op == b"Td":
                line_x, line_y = line_x + float(operands[0]), line_y + float(operands[1])
                tx, ty = line_x, line_y
            elif op == b"Tm":
                assert [float(v) for v in operands[:4]] == [1, 0, 0, 1], "scaled or rotated text"
                tx = line_x = float(operands[4])
                ty = line_y = float(operands[5])
            elif op in (b"Tj", b"TJ"):
                assert font is not None
                parts = [operands[0]] if op == b"Tj" else list(operands[0])
                text, advance = "", 0.0
                for part in parts:
                    if isinstance(part, int | float) or hasattr(part, "as_numeric"):
                        advance -= float(part)
                    else:
                        t, a = font.decode(_raw(part))
                        text, advance = text + t, advance + a
                drawn_w = advance / 1000 * size  # pt
                texts.append(Drawn(nfc(text), tx * MM, height - ty * MM, size, drawn_w * MM))
                tx += drawn_w
            elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts"):
                assert float(operands[0]) in (0, 100), f"{op!r} {operands} changes the widths"
            elif op == b"m":
                point = (float(operands[0]), float(operands[1]))
            elif op == b"l":
                end = (float(operands[0]), float(operands[1]))
                segments.append(Segment(point[0] * MM, height - point[1] * MM, end[0] * MM, height - end[1] * MM))
                point = end
        pages.append(PageDrawing(width, height, texts, segments))
    return pages


# --- data -------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Dataset:
    store = WorkbookStore(seeded_copy(tmp_path_factory.mktemp("certs") / "conference.xlsx"))
    return validate(store.load())


def with_settings(data: Dataset, **values: str) -> Dataset:
    settings = dataclasses.replace(data.settings, values={**data.settings.values, **values})
    return dataclasses.replace(data, settings=settings)


def director_order(data: Dataset):
    """Approved nominations whose award form the Director decides (from the awards tab), in ceremony order."""
    awards = data.frames["awards"]
    director_forms = {match_key(str(r["name"])) for _, r in awards.iterrows() if r["decider"] == Decider.DIRECTOR}
    order = honours.honoree_order(data)
    return order[[match_key(str(a)) in director_forms for a in order["award"]]]


def expected_unit(row) -> str:
    position = "" if row["kind"] == honours.COLLECTIVE else str(row["position"] or "")
    unit = str(row["unit"] or "") if str(row["unit"] or "") != str(row["name"]) else ""
    return ", ".join(x for x in (position, unit) if x)


def assert_at(drawn: Drawn, x: float, y: float) -> None:
    assert abs(drawn.centre - x) <= TOLERANCE, f"{drawn.text!r}: centre {drawn.centre:.2f} mm, expected {x} mm"
    assert abs(drawn.middle - y) <= TOLERANCE, f"{drawn.text!r}: middle {drawn.middle:.2f} mm, expected {y} mm"


def first_person(data: Dataset) -> int:
    """The page of the first individual's certificate (a collective that is its own unit prints no unit line)."""
    return next(n for n, kind in enumerate(director_order(data)["kind"]) if kind == honours.INDIVIDUAL)


def field_texts(data: Dataset) -> dict[str, str]:
    """What the first individual's certificate prints in each field."""
    row = director_order(data).iloc[first_person(data)]
    achievement = str(data.frames["nominations"].loc[row.name, "achievement"] or "") or DEFAULT_ACHIEVEMENT
    return {"name": row["name"], "unit": expected_unit(row), "achievement": achievement}


# --- positions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {
            "cert_name": "150; 80",
            "cert_unit": "120,5; 100",
            "cert_achievement": "160; 130,25",
            "cert_decision": "60; 190",
        },
        {"cert_offset": "2,5; -1,5"},
    ],
    ids=["defaults", "moved", "shifted"],
)
def test_each_field_is_drawn_at_its_setting(data, overrides):
    data = with_settings(data, **overrides)
    anchors = {f.key: DEFAULT_ANCHORS[f.key] for f in FIELDS}
    for f in FIELDS:
        if f.setting in overrides:
            x, y = overrides[f.setting].split(";")
            anchors[f.key] = (float(x.replace(",", ".")), float(y.replace(",", ".")))
    dx, dy = (float(v.replace(",", ".")) for v in overrides.get("cert_offset", "0; 0").split(";"))
    page = read_pdf(render(certificates(data, TODAY), "pdf"))[first_person(data)]
    texts = field_texts(data)
    for key, text in texts.items():
        assert_at(page.find(text), anchors[key][0] + dx, anchors[key][1] + dy)
    decision = [d for d in page.texts if d.text.startswith("Quyết định số")]
    assert len(decision) == 1
    assert_at(decision[0], anchors["decision"][0] + dx, anchors["decision"][1] + dy)
    assert len(page.texts) == 4, [d.text for d in page.texts]  # the fields and nothing else: no letterhead, no number


def test_the_global_offset_moves_every_field_by_exactly_that(data):
    def positions(offset: str) -> list[tuple[float, float]]:
        pages = read_pdf(render(certificates(with_settings(data, cert_offset=offset), TODAY), "pdf"))
        return [(d.centre, d.middle) for page in pages for d in page.texts]

    base, moved = positions("0; 0"), positions("-3,5; 4")
    assert len(base) == len(moved) > 4
    for (x0, y0), (x1, y1) in zip(base, moved, strict=True):
        assert x1 - x0 == pytest.approx(-3.5, abs=0.02)
        assert y1 - y0 == pytest.approx(4.0, abs=0.02)


def test_the_decision_line_carries_the_number_and_date(data):
    data = with_settings(data, decision_no="125/QĐ-SKHCN", decision_date="05/12/2026")
    page = read_pdf(render(certificates(data, TODAY), "pdf"))[0]
    assert_at(page.find("Quyết định số 125/QĐ-SKHCN ngày 05 tháng 12 năm 2026"), 70, 178)


@pytest.mark.parametrize(
    ("page_setting", "size"),
    [("A4 ngang", (297, 210)), ("", (297, 210)), ("A4 dọc", (210, 297)), ("a4 doc", (210, 297)), ("250 x 180", (250, 180)),
     ("250,5 × 175 mm", (250.5, 175))],
)  # fmt: skip
def test_page_size_follows_cert_page(data, page_setting, size):
    data = with_settings(data, cert_page=page_setting, cert_decision="70; 170")
    assert layout_from_settings(data.settings).page == size
    for doc in (certificates(data, TODAY), calibration(data, TODAY)):
        pages = read_pdf(render(doc, "pdf"))
        assert {(round(p.width, 1), round(p.height, 1)) for p in pages} == {size}


@pytest.mark.parametrize(
    ("page_setting", "size"), [("A4 ngang", (297, 210)), ("A4 dọc", (210, 297)), ("250 x 180", (250, 180))]
)
def test_word_page_size_follows_cert_page(data, page_setting, size):
    data = with_settings(data, cert_page=page_setting, cert_decision="70; 170")
    for doc in (certificates(data, TODAY), calibration(data, TODAY)):
        word = zipfile.ZipFile(io.BytesIO(render(doc, "docx"))).read("word/document.xml").decode()
        page_size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', word)
        assert page_size is not None
        assert (int(page_size[1]) / 1440 * 25.4, int(page_size[2]) / 1440 * 25.4) == pytest.approx(size, abs=0.1)


def test_a_long_line_shrinks_to_fit_the_page_and_is_never_cut(data):
    layout = layout_from_settings(data.settings)
    long_unit = (
        "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ tỉnh Lạng Sơn, trực thuộc Sở Khoa học và Công nghệ"
    )
    row = director_order(data).iloc[first_person(data)].copy()
    row["name"] = "Ban Chỉ đạo phong trào thi đua đổi mới sáng tạo, chuyển đổi số và hội nhập quốc tế tỉnh Lạng Sơn"
    row["position"], row["unit"] = "Phó Giám đốc phụ trách", long_unit
    row["achievement"] = "Đã có thành tích xuất sắc " * 20  # far past one line even at the smallest size
    items = certificate_items(row, layout, "Quyết định số 125/QĐ-SKHCN ngày 05 tháng 12 năm 2026")
    page = read_pdf(render(certificates_doc(layout, items), "pdf"))[0]
    by_size = {round(d.size, 1) for d in page.texts}
    assert all(size >= 9 for size in by_size)
    name = page.find(row["name"])
    assert name.size < 20 and name.width <= 297 - 20
    assert_at(name, 148.5, 92)
    assert_at(page.find(f"Phó Giám đốc phụ trách, {long_unit}"), 148.5, 106)
    achievement = [d for d in page.texts if "thành tích" in d.text]
    assert len(achievement) > 1  # split into lines rather than cut
    assert " ".join(d.text for d in achievement) == " ".join(row["achievement"].split())
    assert all(d.width <= 297 - 20 and d.left >= 10 - 0.01 and d.left + d.width <= 287 + 0.01 for d in page.texts)
    middle = (min(d.middle for d in achievement) + max(d.middle for d in achievement)) / 2
    assert middle == pytest.approx(120, abs=TOLERANCE)  # the block of lines is centred on the anchor


def certificates_doc(layout: CertificateLayout, items):
    from services.documents.model import Doc, Letterhead, Overlay

    return Doc(Letterhead(), [Overlay(items)], page_size=layout.page, page_numbers=False)


def test_an_anchor_near_the_edge_keeps_its_line_on_the_page(data):
    """A centred line reaches as far left of its anchor as right: at x = 40 mm it may be at most 60 mm wide."""
    layout = layout_from_settings(with_settings(data, cert_decision="40; 178").settings)
    row = director_order(data).iloc[0]
    items = certificate_items(row, layout, "Quyết định số 125/QĐ-SKHCN ngày 05 tháng 12 năm 2026")
    page = read_pdf(render(certificates_doc(layout, items), "pdf"))[0]
    decision = [d for d in page.texts if d.text.startswith("Quyết")]
    assert decision and all(d.left >= 10 - 0.01 for d in decision)
    assert all(abs(d.centre - 40) <= TOLERANCE for d in decision)


# --- the batch --------------------------------------------------------------------------------------------------


def test_one_page_per_approved_director_form_honoree_in_ceremony_order(data):
    expected = director_order(data)
    higher = honours.lawful_order(data).drop(expected.index)  # proposed upward: no Giấy khen of the Director
    assert len(expected) >= 3 and len(higher) >= 1  # the seed has both, or the test proves nothing
    pages = read_pdf(render(certificates(data, TODAY), "pdf"))
    assert len(pages) == len(expected)
    for page, (_, row) in zip(pages, expected.iterrows(), strict=True):
        assert_at(page.find(row["name"]), 148.5, 92)
        unit = expected_unit(row)
        if unit:
            assert_at(page.find(unit), 148.5, 106)
    drawn = {d.text for page in pages for d in page.texts}
    assert not drawn & {nfc(n) for n in higher["name"]}


def test_no_honoree_gives_one_page_saying_so(data):
    nominations = data.frames["nominations"].copy()
    nominations["status"] = honours.PROPOSED
    empty = dataclasses.replace(data, frames={**data.frames, "nominations": nominations})
    pages = read_pdf(render(certificates(empty, TODAY), "pdf"))
    assert len(pages) == 1
    assert [d.text for d in pages[0].texts] == [EMPTY_NOTE]


def test_a_collective_that_is_its_own_unit_prints_no_unit_line(data):
    order = director_order(data)
    collective = order[(order["kind"] == honours.COLLECTIVE) & (order["unit"] == order["name"])].iloc[0]
    items = certificate_items(collective, layout_from_settings(data.settings), "Quyết định số 1")
    assert items[0].text == collective["name"]
    assert not [i for i in items if abs(i.y - 106) < 1]


# --- calibration ------------------------------------------------------------------------------------------------


def crosses_at(page: PageDrawing, x: float, y: float) -> bool:
    """A horizontal and a vertical segment, both centred on (x, y)."""
    horizontal = [
        s for s in page.segments
        if abs(s.y1 - y) < 0.05 and abs(s.y2 - y) < 0.05 and abs((s.x1 + s.x2) / 2 - x) < 0.05 and abs(s.x2 - s.x1) > 2
    ]  # fmt: skip
    vertical = [
        s for s in page.segments
        if abs(s.x1 - x) < 0.05 and abs(s.x2 - x) < 0.05 and abs((s.y1 + s.y2) / 2 - y) < 0.05 and abs(s.y2 - s.y1) > 2
    ]  # fmt: skip
    return bool(horizontal) and bool(vertical)


@pytest.mark.parametrize("offset", [(0.0, 0.0), (1.5, -2.0)])
def test_calibration_draws_a_cross_at_every_anchor_and_a_ruler(data, offset):
    data = with_settings(data, cert_offset=f"{offset[0]}; {offset[1]}".replace(".", ","))
    pages = read_pdf(render(calibration(data, TODAY), "pdf"))
    assert len(pages) == 1
    page = pages[0]
    for key, (x, y) in DEFAULT_ANCHORS.items():
        assert crosses_at(page, x + offset[0], y + offset[1]), f"no cross at {key} ({x + offset[0]}; {y + offset[1]})"
    assert not crosses_at(page, 148.5 + offset[0] + 3, 92 + offset[1])  # the check can tell a miss
    top_ticks = {
        round(s.x1) for s in page.segments if s.x1 == s.x2 and min(s.y1, s.y2) < 0.01 and max(s.y1, s.y2) <= 5.01
    }
    left_ticks = {
        round(s.y1) for s in page.segments if s.y1 == s.y2 and min(s.x1, s.x2) < 0.01 and max(s.x1, s.x2) <= 5.01
    }
    assert top_ticks >= set(range(0, 298)) and left_ticks >= set(range(0, 211))
    ten = [s for s in page.segments if s.x1 == s.x2 and abs(s.x1 - 100) < 0.01 and min(s.y1, s.y2) < 0.01]
    assert ten and max(max(s.y1, s.y2) for s in ten) == pytest.approx(5.0, abs=0.01)  # every 10 mm: a long tick
    drawn = " ".join(d.text for d in page.texts)
    for label in ("Tên (148,5; 92)", "Đơn vị (148,5; 106)", "Thành tích (148,5; 120)", "Số, ngày quyết định (70; 178)"):
        assert label in drawn
    assert PRINT_NOTE in drawn
    assert "297 x 210 mm" in drawn
    for number in ("10", "100", "290"):
        assert number in {d.text for d in page.texts}


def test_calibration_labels_sit_next_to_their_cross(data):
    page = read_pdf(render(calibration(data, TODAY), "pdf"))[0]
    label = page.find("Tên (148,5; 92)")
    assert 148.5 < label.left < 148.5 + 10 and abs(label.middle - 92) < 5


# --- bad settings -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({"cert_name": "abc"}, "Vị trí tên trên phôi"),
        ({"cert_unit": "148,5"}, "Vị trí đơn vị trên phôi"),
        ({"cert_achievement": "1.500; 20"}, "Vị trí dòng thành tích trên phôi"),
        ({"cert_offset": "trái 2"}, "Dịch toàn bộ khi in phôi"),
        ({"cert_page": "A9 chéo"}, "Khổ phôi Giấy khen"),
        ({"cert_page": "10 x 20"}, "Khổ phôi Giấy khen"),
        ({"cert_name": "300; 92"}, "Vị trí tên trên phôi"),
        ({"cert_decision": "70; -1"}, "Vị trí số, ngày quyết định trên phôi"),
        ({"cert_page": "A4 dọc", "cert_name": "250; 92"}, "Vị trí tên trên phôi"),
        ({"cert_offset": "0; 40"}, "Dịch toàn bộ khi in phôi"),
    ],
)
def test_bad_settings_name_the_setting(data, overrides, label):
    data = with_settings(data, **overrides)
    with pytest.raises(CertificateSettingsError) as caught:
        layout_from_settings(data.settings)
    assert str(caught.value).startswith(label + ":")
    assert next(iter(overrides.values())) in str(caught.value) or "ngoài khổ phôi" in str(caught.value)
    for builder in (certificates, calibration):
        with pytest.raises(CertificateSettingsError):
            builder(data, TODAY)


def test_the_unreadable_message_shows_an_example(data):
    with pytest.raises(CertificateSettingsError, match=r"Vị trí tên trên phôi: “abc” không đọc được — ghi x; y theo milimét, ví dụ 148,5; 92"):  # fmt: skip
        layout_from_settings(with_settings(data, cert_name="abc").settings)


@pytest.mark.parametrize("value", ["148,5; 92", "148.5; 92", "148,5 ; 92 mm", "148,5, 92", "148.5 92"])
def test_anchor_spellings(data, value):
    assert layout_from_settings(with_settings(data, cert_name=value).settings).anchors["name"] == (148.5, 92.0)


# --- Word -------------------------------------------------------------------------------------------------------

FRAME = re.compile(r'<w:framePr [^>]*w:w="(\d+)" w:h="(\d+)"[^>]*w:x="(-?\d+)" w:y="(-?\d+)"')


def frames(docx: bytes) -> list[tuple[float, float]]:
    """Each frame's centre in mm: (x + w/2, y + h/2)."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert xml.count("<w:framePr") == len(FRAME.findall(xml))
    return [
        ((int(x) + int(w) / 2) / 1440 * 25.4, (int(y) + int(h) / 2) / 1440 * 25.4) for w, h, x, y in FRAME.findall(xml)
    ]


def test_the_word_file_has_one_frame_per_field_on_its_anchor(data):
    data = with_settings(data, cert_offset="1; 2")
    doc = certificates(data, TODAY)
    placed = [(i.x, i.y) for block in doc.blocks for i in block.items]
    centres = frames(render(doc, "docx"))
    assert (
        len(centres)
        == len(placed)
        == 4 * len(director_order(data)) - sum(1 for _, r in director_order(data).iterrows() if not expected_unit(r))
    )
    for (fx, fy), (x, y) in zip(centres, placed, strict=True):
        assert fx == pytest.approx(x, abs=0.05) and fy == pytest.approx(y, abs=0.05)
    assert (149.5, 94.0) in placed
    xml = zipfile.ZipFile(io.BytesIO(render(doc, "docx"))).read("word/document.xml").decode()
    assert xml.count('w:type="page"') == len(doc.blocks) - 1


def test_the_calibration_word_file_marks_every_anchor(data):
    doc = calibration(data, TODAY)
    centres = frames(render(doc, "docx"))
    overlay = doc.blocks[0]
    ruler = len(range(10, 297 - 2, 10)) + len(range(10, 210 - 2, 10))  # the ruler's numbers, one frame each
    assert len(centres) == len(overlay.marks) + len(overlay.items) + ruler
    for x, y in DEFAULT_ANCHORS.values():
        assert any(abs(fx - x) < 0.05 and abs(fy - y) < 0.05 for fx, fy in centres)


@pytest.mark.slow  # LibreOffice lays the Word file out (~14 s)
def test_word_frames_print_where_the_pdf_does(data, tmp_path: Path):
    """The .docx laid out by LibreOffice: every field's line centred on the same point as in the PDF (±0.5 mm)."""
    assert shutil.which("soffice"), "LibreOffice Writer is required (Debian: libreoffice-writer-nogui)"
    data = with_settings(data, cert_offset="1,5; -2")
    doc = certificates(data, TODAY)
    source = tmp_path / "giay-khen.docx"
    source.write_bytes(render(doc, "docx"))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pages = read_laid_out((tmp_path / "giay-khen.pdf").read_bytes())
    assert len(pages) == len(doc.blocks)
    for page, block in zip(pages, doc.blocks, strict=True):
        for item in block.items:
            assert nfc(item.text) in page, f"{item.text!r} not on its page: {list(page)}"
            assert_at(page[nfc(item.text)], item.x, item.y)
    assert pages[0][nfc(doc.blocks[0].items[0].text)].centre == pytest.approx(148.5 + 1.5, abs=TOLERANCE)


def read_laid_out(pdf: bytes) -> list[dict[str, Drawn]]:
    """Each page's lines as another program wrote them (pypdf's text visitor), measured in the shipped font."""
    from services.documents.certificates import text_width

    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lines: dict[str, Drawn] = {}

        def visit(text, cm, tm, font, size, lines=lines, height=height):
            if not text.strip():
                return
            assert cm[:4] == [1, 0, 0, 1] and tm[:4] == [1, 0, 0, 1], "scaled text"
            text = nfc(text.strip())
            style = "B" if "Bold" in str((font or {}).get("/BaseFont", "")) else ""
            left, baseline = (tm[4] + cm[4]) * MM, (height - tm[5] - cm[5]) * MM
            lines[text] = Drawn(text, left, baseline, size, text_width(text, style, size))

        page.extract_text(visitor_text=visit)
        pages.append(lines)
    return pages

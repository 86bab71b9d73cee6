"""Giấy khen printed on pre-printed forms (phôi): only the fields — name, unit, achievement, decision — each centred
on the anchor the `Sự kiện` settings give in millimetres, shifted by the global `cert_offset`; and a calibration page
with a cross at every anchor and a millimetre ruler, to check the printer against a blank form.

Every position is a point in mm from the page's top-left corner; an anchor is the middle of its line (horizontally
the centre of the line, vertically 0.35 × the font size above its baseline — see `pdf_render.baseline_offset`).

- `layout_from_settings(settings) -> CertificateLayout` (raises `CertificateSettingsError`, message for the user)
- `certificate_items(row, layout, decision_text) -> tuple[Placed, ...]` — one certificate's lines
- `certificates(data, today) -> Doc` — one page per approved honoree of the Director's forms, ceremony order
- `calibration(data, today) -> Doc` — the calibration page
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from services.awards import honours, law
from services.display.formatting import vietnamese_date
from services.documents.lists import decision_number, post_and_unit, setting_date
from services.documents.model import PT, Doc, Letterhead, Overlay, Placed
from services.documents.text_measure import text_width
from services.parsing import CellError, parse_decimal
from services.schema import SETTING_BY_KEY, Decider
from services.text import fold, tidy
from services.validation import Dataset, EventSettings

PRINT_NOTE = "In ở tỷ lệ 100 % (Actual size / Kích thước thật), không co giãn theo trang"
EMPTY_NOTE = "Chưa có tập thể, cá nhân nào thuộc hình thức Giám đốc Sở quyết định được duyệt."
DEFAULT_ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2020 - 2025"
SIDE_MARGIN = 10.0  # mm kept clear at the left and right edge: a line fits in the page width minus 20 mm
LINE_SPACING = 1.2  # a field that needs more than one line: lines this many font sizes apart
SIZE_STEP = 0.5  # pt, how fast a long line shrinks
MIN_PAGE, MAX_PAGE = 50.0, 1200.0  # mm, the page sizes that make sense for a form

PAGE_SETTING, OFFSET_SETTING = "cert_page", "cert_offset"
PAGE_FORMATS = {"a3": (297.0, 420.0), "a4": (210.0, 297.0), "a5": (148.0, 210.0)}  # portrait


@dataclass(frozen=True)
class CertField:
    key: str  # "name", "unit", …
    setting: str  # the `Sự kiện` row holding its anchor
    size: float  # pt
    floor: float  # pt, the smallest a long line may shrink to
    style: str = ""

    @property
    def label(self) -> str:
        return setting_label(self.setting)


FIELDS: tuple[CertField, ...] = (
    CertField("name", "cert_name", 20.0, 14.0, "B"),
    CertField("unit", "cert_unit", 15.0, 11.0),
    CertField("achievement", "cert_achievement", 15.0, 11.0),
    CertField("decision", "cert_decision", 12.0, 9.0),
)
FIELD_BY_KEY: dict[str, CertField] = {f.key: f for f in FIELDS}
# What the calibration page writes next to each cross.
FIELD_NAMES = {"name": "Tên", "unit": "Đơn vị", "achievement": "Thành tích", "decision": "Số, ngày quyết định"}


class CertificateSettingsError(Exception):
    """A Giấy khen setting can't be read or puts a field off the page; the message names the setting for the user."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class CertificateLayout:
    """The form: page (width, height) mm, the printer's global shift (dx, dy) mm, and each field's anchor (x, y) mm
    as set — `at(key)` is where it is printed (anchor + shift)."""

    page: tuple[float, float] = (297.0, 210.0)
    offset: tuple[float, float] = (0.0, 0.0)
    anchors: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    page_text: str = "A4 ngang"  # the cert_page setting as read, for the calibration page
    font: str = ""  # the document_font override: lines are measured in the font they are printed in

    def at(self, key: str) -> tuple[float, float]:
        x, y = self.anchors[key]
        return x + self.offset[0], y + self.offset[1]


# --- settings -------------------------------------------------------------------------------------------------


def setting_label(key: str) -> str:
    """The setting's label without its parenthesised hint: "Vị trí tên trên phôi"."""
    return SETTING_BY_KEY[key].label.split(" (")[0]


def _value(settings: EventSettings, key: str) -> str:
    return settings.text(key).strip() or SETTING_BY_KEY[key].default


def mm_text(value: float) -> str:
    """148.5 → "148,5"; 92.0 → "92"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return ("0" if text == "-0" else text).replace(".", ",")


def parse_page(text: str) -> tuple[float, float]:
    """ "A4 ngang" → (297, 210); "A4 dọc" / "A4" → (210, 297); "250 x 180" (mm, comma decimals) → (250, 180)."""
    folded = fold(text).replace("mm", " ").strip()
    named = re.fullmatch(r"(a[345])\s*(ngang|doc|dung)?", folded)
    if named:
        width, height = PAGE_FORMATS[named.group(1)]
        return (height, width) if named.group(2) == "ngang" else (width, height)
    number = r"(\d{1,4}(?:[.,]\d{1,2})?)"
    sized = re.fullmatch(rf"{number}\s*[x×*]\s*{number}", folded)
    if not sized:
        raise CertificateSettingsError(
            f"{setting_label(PAGE_SETTING)}: “{text}” không đọc được — ghi A4 ngang, A4 dọc hoặc rộng x cao theo "
            "milimét, ví dụ 297 x 210",
            PAGE_SETTING,
        )
    width, height = (float(v.replace(",", ".")) for v in sized.groups())
    if not (MIN_PAGE <= width <= MAX_PAGE and MIN_PAGE <= height <= MAX_PAGE):
        raise CertificateSettingsError(
            f"{setting_label(PAGE_SETTING)}: “{text}” — mỗi chiều phải từ {mm_text(MIN_PAGE)} đến "
            f"{mm_text(MAX_PAGE)} mm",
            PAGE_SETTING,
        )
    return width, height


def parse_point(text: str, key: str, example: str) -> tuple[float, float]:
    """ "148,5; 92" → (148.5, 92.0). Separated by ";" (or ", " / a space, since the comma is the decimal mark)."""
    cleaned = re.sub(r"(?i)mm", " ", unicodedata.normalize("NFC", text)).strip()
    if ";" in cleaned:
        parts = cleaned.split(";")
    elif re.search(r",\s", cleaned):
        parts = re.split(r",\s+", cleaned)
    else:
        parts = cleaned.split()
    try:
        values = [parse_decimal(p) for p in parts] if len(parts) == 2 else []
    except CellError:
        values = []
    if len(values) != 2 or any(v is None for v in values):
        raise CertificateSettingsError(
            f"{setting_label(key)}: “{text}” không đọc được — ghi x; y theo milimét, ví dụ {example}", key
        )
    return float(values[0]), float(values[1])  # type: ignore[arg-type]  # no None left: refused just above


def layout_from_settings(settings: EventSettings) -> CertificateLayout:
    """The form as the `Sự kiện` tab describes it; a blank setting takes its default. Raises
    CertificateSettingsError when a value can't be read, or a field (as set, or once shifted) is off the page."""
    page_text = _value(settings, PAGE_SETTING)
    width, height = parse_page(page_text)
    page = f"{mm_text(width)} x {mm_text(height)} mm"
    offset = parse_point(_value(settings, OFFSET_SETTING), OFFSET_SETTING, "1,5; -2")
    anchors: dict[str, tuple[float, float]] = {}
    for f in FIELDS:
        x, y = parse_point(_value(settings, f.setting), f.setting, SETTING_BY_KEY[f.setting].default)
        if not (0 <= x <= width and 0 <= y <= height):
            raise CertificateSettingsError(
                f"{f.label}: ({mm_text(x)}; {mm_text(y)}) nằm ngoài khổ phôi {page} — x phải từ 0 đến "
                f"{mm_text(width)}, y từ 0 đến {mm_text(height)}",
                f.setting,
            )
        px, py = x + offset[0], y + offset[1]
        if not (0 <= px <= width and 0 <= py <= height):
            raise CertificateSettingsError(
                f"{setting_label(OFFSET_SETTING)}: ({mm_text(offset[0])}; {mm_text(offset[1])}) đẩy "
                f"{f.label.lower()} ra ({mm_text(px)}; {mm_text(py)}), ngoài khổ phôi {page}",
                OFFSET_SETTING,
            )
        anchors[f.key] = (x, y)
    return CertificateLayout(
        page=(width, height),
        offset=offset,
        anchors=anchors,
        page_text=page_text,
        font=settings.text("document_font").strip(),
    )


# --- fitting a line --------------------------------------------------------------------------------------------


def available_width(x: float, page_w: float, align: str = "C") -> float:
    """How wide a line anchored at x may be and stay SIDE_MARGIN clear of both edges (at most the page width minus
    20 mm): a centred line reaches as far left of its anchor as right of it."""
    limit = page_w - 2 * SIDE_MARGIN
    room = 2 * min(x - SIDE_MARGIN, page_w - SIDE_MARGIN - x) if align == "C" else page_w - SIDE_MARGIN - x
    return max(min(limit, room), 1.0)


def _wrap(words: list[str], limit: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    for word in words:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate) <= limit:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit_lines(
    text: str, width: float, style: str, size: float, floor: float, font: str = ""
) -> tuple[float, list[str]]:
    """The largest size (from `size` down to `floor`) at which the text fits `width` on one line; failing that, on
    the fewest lines, balanced. Never cuts: a single word wider than the page at the floor is printed whole."""
    words = text.split()
    if not words:
        return size, []
    sizes: list[float] = []
    s = size
    while s > floor + 1e-9:
        sizes.append(s)
        s -= SIZE_STEP
    sizes.append(floor)
    for count in range(1, len(words) + 1):
        for s in sizes:

            def measure(line: str, s: float = s) -> float:
                return text_width(line, style, s, font)

            if len(_wrap(words, width, measure)) <= count:
                if count == 1:
                    return s, [" ".join(words)]
                # Balance: the narrowest limit that still gives `count` lines.
                low, high = max(measure(w) for w in words), width
                for _ in range(20):
                    middle = (low + high) / 2
                    low, high = (low, middle) if len(_wrap(words, middle, measure)) <= count else (middle, high)
                return s, _wrap(words, high, measure)
    return floor, _wrap(words, width, lambda line: text_width(line, style, floor, font))


def placed_field(text: str, key: str, layout: CertificateLayout) -> tuple[Placed, ...]:
    """One field's text at its anchor + the shift, shrunk (and, past the floor, split into lines centred on the
    anchor) so it stays within the page."""
    f = FIELD_BY_KEY[key]
    x, y = layout.at(key)
    size, lines = fit_lines(text, available_width(x, layout.page[0]), f.style, f.size, f.floor, layout.font)
    step = size * PT * LINE_SPACING
    first = y - step * (len(lines) - 1) / 2
    return tuple(Placed(line, x, first + n * step, size, f.style, "C") for n, line in enumerate(lines))


# --- certificates -----------------------------------------------------------------------------------------------


def achievement_text(row: pd.Series) -> str:
    text = tidy(row.get("achievement"), one_line=True)
    return text[0].upper() + text[1:] if text else DEFAULT_ACHIEVEMENT


def unit_text(row: pd.Series) -> str:
    """ "Chuyên viên, Phòng Quản lý khoa học"; a collective's parent unit, when it is another one."""
    return " ".join(post_and_unit(row).split())


def certificate_items(row: pd.Series, layout: CertificateLayout, decision_text: str) -> tuple[Placed, ...]:
    """One Giấy khen: name, unit line, achievement line and decision line, each at its anchor + the shift. An empty
    unit line (a collective that is its own unit) prints nothing."""
    texts = {
        "name": tidy(row.get("name"), one_line=True),
        "unit": unit_text(row),
        "achievement": achievement_text(row),
        "decision": " ".join(decision_text.split()),
    }
    return tuple(item for f in FIELDS for item in placed_field(texts[f.key], f.key, layout))


def director_honorees(data: Dataset) -> pd.DataFrame:
    """Honorees the ceremony announces of the Director's Giấy khen, in ceremony order, with their achievement. A title
    (danh hiệu thi đua) is certified by a Bằng chứng nhận, not printed on a Giấy khen form; a unit's own form (not
    known to `law`) is printed when the awards tab says the Director gives it."""
    order = honours.honoree_order(data)
    director = order["decider"].astype(str) == str(Decider.DIRECTOR)
    commendation = order["award"].map(lambda a: (r := law.rule_for(a)) is None or r.category == law.COMMENDATION)
    chosen = order[director & commendation].copy()
    nominations = data.frames["nominations"]
    if "achievement" in nominations.columns:
        chosen["achievement"] = nominations["achievement"].reindex(chosen.index).to_numpy()
    else:
        chosen["achievement"] = ""
    return chosen


def decision_line_text(data: Dataset, honorees: pd.DataFrame, head: Letterhead) -> str:
    """ "Quyết định số 125/QĐ-SKHCN ngày 05 tháng 12 năm 2026"; blanks for the clerk while not issued."""
    number = decision_number(data, honorees, head)
    number = " ".join(number.split()) if number.split("/")[0].strip() else "……/" + number.split("/", 1)[-1].strip()
    issued = setting_date(data, "decision_date")
    when = vietnamese_date(issued) if issued else "ngày … tháng … năm …"
    return f"Quyết định số {number} {when}"


def certificates(data: Dataset, today: date) -> Doc:
    """The fields of every Giấy khen of the Director's forms, one page per approved honoree in ceremony order, to
    print on the pre-printed forms: nothing else on the page (no letterhead, no page numbers)."""
    layout = layout_from_settings(data.settings)
    head = Letterhead.from_settings(data.settings)
    honorees = director_honorees(data)
    doc = Doc(head, page_size=layout.page, page_numbers=False, title="Giấy khen — in trên phôi")
    if honorees.empty:
        width, height = layout.page
        doc.add(Overlay((Placed(EMPTY_NOTE, width / 2, height / 2, 13.0),)))
        return doc
    decision = decision_line_text(data, honorees, head)
    for _, row in honorees.iterrows():
        doc.add(Overlay(certificate_items(row, layout, decision)))
    return doc


# --- calibration -------------------------------------------------------------------------------------------------

CROSS_GAP = 5.0  # mm between a cross's centre and its label


def calibration(data: Dataset, today: date) -> Doc:
    """One page the size of the form: a cross at each field's anchor (+ the shift) with the field's name and setting
    next to it, a millimetre ruler along the top and left edges, the page size and how to print."""
    layout = layout_from_settings(data.settings)
    head = Letterhead.from_settings(data.settings)
    width, height = layout.page
    marks: list[tuple[float, float]] = []
    items: list[Placed] = []
    for f in FIELDS:
        x, y = layout.at(f.key)
        marks.append((x, y))
        sx, sy = layout.anchors[f.key]
        label = f"{FIELD_NAMES[f.key]} ({mm_text(sx)}; {mm_text(sy)})"
        label_w = text_width(label, "", 9.0, layout.font)
        left = x + CROSS_GAP if x + CROSS_GAP + label_w <= width - 2 else max(x - CROSS_GAP - label_w, 1.0)
        label_y = y - 3.0 if y - 3.0 > 2 else y + 3.0
        items.append(Placed(label, left, label_y, 9.0, "", "L"))
    shift = f"dịch toàn bộ x {mm_text(layout.offset[0])} mm, y {mm_text(layout.offset[1])} mm"
    lines = (
        ("TRANG CĂN CHỈNH PHÔI GIẤY KHEN", 13.0, "B"),
        (f"Khổ phôi: {mm_text(width)} x {mm_text(height)} mm ({layout.page_text}); {shift}", 10.0, ""),
        (PRINT_NOTE, 10.0, "I"),
        ("Kiểm tra: đoạn 0–100 trên thước phải đo đúng 100 mm; đặt trang lên phôi, soi ngược sáng — lệch bao nhiêu mm "
         "thì sửa mục “Dịch toàn bộ khi in phôi” hoặc vị trí của mục đó.", 9.0, ""),
    )  # fmt: skip
    # The notes go at the top, below the ruler, unless a field sits there; then at the bottom.
    anchors_y = [y for _, y in marks]
    top = 16.0 if all(y > 50 for y in anchors_y) else height - 28.0
    for n, (text, size, style) in enumerate(lines):
        fitted, parts = fit_lines(text, width - 2 * SIDE_MARGIN - 10, style, size, 7.0, layout.font)
        for part in parts:
            items.append(Placed(part, width / 2 + 5, top, fitted, style, "C"))
            top += fitted * PT * LINE_SPACING + (1.5 if n == 0 else 0.5)
    return Doc(
        head,
        [Overlay(tuple(items), marks=tuple(marks), ruler=True)],
        page_size=layout.page,
        page_numbers=False,
        title="Trang căn chỉnh phôi Giấy khen",
    )

"""Camera frames of badge QR codes decode to the ID; one badge held up for seconds counts once."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from services.people.qr import qr_png
from services.people.scan import Debounce, decode_frame, frame_bytes, scanned_text


def camera_frame(attendee_id: str, *, size=(640, 480), quality=70, scale=4) -> str:
    """A badge QR as a phone would send it: pasted into a grey scene, JPEG, base64 data URL."""
    qr = Image.open(io.BytesIO(qr_png(attendee_id, scale=scale, border=2))).convert("L")
    scene = Image.new("L", size, 150)
    scene.paste(qr, ((size[0] - qr.width) // 3, (size[1] - qr.height) // 2))
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=quality)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


@pytest.mark.parametrize("attendee_id", ["DB-012", "DB-001", "DB-1234"])
def test_a_jpeg_frame_of_a_badge_decodes_to_its_id(attendee_id):
    assert decode_frame(camera_frame(attendee_id)) == attendee_id


def test_a_large_frame_is_downscaled_and_still_read():
    assert decode_frame(camera_frame("DB-007", size=(2400, 1800), scale=12)) == "DB-007"


@pytest.mark.parametrize(
    "frame", [None, 42, "", "data:image/jpeg;base64,@@@", "data:image/jpeg;base64," + "A" * 3_000_000, b"not an image"]
)
def test_unusable_frames_decode_to_nothing(frame):
    assert decode_frame(frame) is None


def test_a_frame_without_a_code_decodes_to_nothing():
    blank = io.BytesIO()
    Image.new("L", (320, 240), 200).save(blank, "PNG")
    assert frame_bytes(blank.getvalue()) is not None
    assert decode_frame(blank.getvalue()) is None


def test_scanned_text_is_one_short_line():
    assert scanned_text(" DB-012\n") == "DB-012"
    assert scanned_text("x" * 65) == ""
    assert scanned_text(None) == ""


def test_debounce_counts_one_badge_once_while_it_stays_in_view():
    gate = Debounce(window_s=4.0)
    seen = [gate.accept("DB-012", t / 3) for t in range(60)]  # 20 s of frames at 3 per second
    assert seen.count(True) == 1 and seen[0]


def test_debounce_lets_the_next_guest_and_a_returning_badge_through():
    gate = Debounce(window_s=4.0)
    assert gate.accept("DB-012", 0.0)
    assert gate.accept("DB-013", 0.5), "another badge counts at once"
    assert gate.accept("DB-012", 1.0), "and the first again after a different one"
    assert not gate.accept("DB-012", 3.0)
    assert gate.accept("DB-012", 7.5), "out of sight for longer than the window: a new scan"

"""Camera scanning at the door: decode a camera frame's QR code (zxing-cpp) and let each badge through once.

The phone's browser either decodes the QR itself (BarcodeDetector, Chrome on Android) and sends the text, or sends a
small JPEG frame a few times a second (Safari on iOS, desktop browsers), decoded here. Either way one badge held in
front of the camera for several seconds must check its holder in once, not once per frame: `Debounce`.
"""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass, field

import zxingcpp
from PIL import Image, UnidentifiedImageError

from services.parsing import clean

MAX_FRAME_BYTES = 1_500_000  # a 640-px JPEG is ~30-60 KB; anything far larger is not a frame of ours
MAX_FRAME_SIDE = 1280  # frames are downscaled before decoding: a badge QR needs far fewer pixels than this
MAX_CODE_CHARS = 64  # badge payloads are IDs ("DB-012"); a longer QR is someone else's code
REPEAT_WINDOW_S = 4.0  # the same code seen again within this many seconds of its last sighting is the same scan


def frame_bytes(frame: object) -> bytes | None:
    """The image bytes of a frame sent as a data URL ("data:image/jpeg;base64,…") or raw bytes; None if unusable."""
    if isinstance(frame, (bytes, bytearray)):
        raw = bytes(frame)
    elif isinstance(frame, str):
        _, _, payload = frame.partition(",") if frame.startswith("data:") else ("", "", frame)
        if len(payload) > MAX_FRAME_BYTES * 4 // 3 + 4:
            return None
        try:
            raw = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            return None
    else:
        return None
    return raw if 0 < len(raw) <= MAX_FRAME_BYTES else None


def decode_frame(frame: object) -> str | None:
    """The text of the first QR code in a camera frame, or None (no code, unreadable image, too big)."""
    raw = frame_bytes(frame)
    if raw is None:
        return None
    try:
        with Image.open(io.BytesIO(raw)) as image:
            image.draft("L", (MAX_FRAME_SIDE, MAX_FRAME_SIDE))  # JPEG: decode at reduced size, cheaply
            gray = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if max(gray.size) > MAX_FRAME_SIDE:
        gray.thumbnail((MAX_FRAME_SIDE, MAX_FRAME_SIDE))
    formats = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)  # older badges: Micro QR
    # zxing-cpp's stub says BarcodeFormats; read_barcodes takes a sequence of BarcodeFormat as well (as here since 2.x)
    for found in zxingcpp.read_barcodes(gray, formats=formats):  # type: ignore[arg-type]
        text = scanned_text(found.text)
        if text:
            return text
    return None


def scanned_text(value: object) -> str:
    """A decoded code as the desk uses it: cleaned, one line; empty when it cannot be a badge ID."""
    text = " ".join(clean(value).split())
    return text if 0 < len(text) <= MAX_CODE_CHARS else ""


@dataclass
class Debounce:
    """Lets a code through once per sighting: while the same code keeps being seen (frames, repeated detections)
    less than `window_s` apart, it is ignored; once it has been out of sight that long, it counts again. Any other
    code counts at once (the next guest)."""

    window_s: float = REPEAT_WINDOW_S
    code: str = ""
    last_seen: float = field(default=float("-inf"))

    def accept(self, code: str, now: float) -> bool:
        repeat = code == self.code and now - self.last_seen < self.window_s
        self.code, self.last_seen = code, now
        return not repeat

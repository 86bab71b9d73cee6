"""QR codes of attendee IDs (segno): what a door scanner reads and types back into the check-in box."""

from __future__ import annotations

import io

import segno

from services.parsing import clean


def _code(attendee_id: str) -> segno.QRCode:
    text = clean(attendee_id)
    if not text:
        raise ValueError("QR code needs an attendee ID")
    # Medium error correction survives a folded or slightly smudged name card; IDs are short, so the code stays small.
    # micro=False: segno would pick a Micro QR for an ID this short, which phone cameras (the browser's
    # BarcodeDetector, iOS) do not read; a regular version-1 QR (21×21) is what every scanner knows.
    return segno.make(text, error="m", boost_error=False, micro=False)


def qr_fits(attendee_id: str) -> bool:
    """Whether this ID can be a QR code at all (segno raises DataOverflowError beyond version 40: ~2,300 bytes at
    medium error correction) — a pasted paragraph in the ID cell cannot, and must not take a whole document down."""
    try:
        _code(attendee_id)
    except (segno.DataOverflowError, ValueError):
        return False
    return True


def qr_png(attendee_id: str, scale: int = 8, border: int = 2) -> bytes:
    buffer = io.BytesIO()
    _code(attendee_id).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()

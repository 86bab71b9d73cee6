"""The phone desk end to end: the app served over https (a certificate made here), Chromium with a fake camera that
films a badge QR code the app generated → that person is checked in, once; a refused camera leaves typing working."""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from services.people.qr import qr_png
from services.store.workbook import WorkbookStore
from services.validation import validate
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.harness import (
    ChromiumMissing,
    chromium_path,
    key_locator,
    launch_chromium,
    open_page,
    run_server,
    safe_name,
    seeded_workbook,
)

pytestmark = pytest.mark.e2e

BADGE = "DB-017"
WIDTH, HEIGHT, FPS = 640, 480, 10


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 / localhost and its key, as `openssl req -x509 …` in the README makes them."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "conference-desk test")])
    now = dt.datetime.now(dt.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "desk.crt", folder / "desk.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def badge_video(attendee_id: str, path: Path, seconds: int = 2) -> Path:
    """A Y4M video (what Chromium's fake camera plays, looped) of the badge's QR code as the app renders it."""
    qr = Image.open(io.BytesIO(qr_png(attendee_id, scale=8, border=2))).convert("L")
    scene = Image.new("L", (WIDTH, HEIGHT), 170)  # a grey table, the white badge on it
    scene.paste(qr, ((WIDTH - qr.width) // 2, (HEIGHT - qr.height) // 2))
    luma = scene.tobytes()
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)  # no colour
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(seconds * FPS):
            out.write(b"FRAME\n" + luma + chroma + chroma)
    return path


@pytest.fixture(scope="module")
def desk_workbook(tmp_path_factory) -> Path:
    return seeded_workbook(tmp_path_factory.mktemp("phone-desk") / "conference.xlsx")


@pytest.fixture(scope="module")
def desk_server(desk_workbook) -> Iterator[object]:
    with run_server({"CONFERENCE_WORKBOOK": str(desk_workbook)}, tls=self_signed(desk_workbook.parent)) as server:
        yield server


def _chromium(extra: list[str]):
    try:
        chromium_path()
    except ChromiumMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    return playwright, launch_chromium(playwright, extra)


@pytest.fixture
def camera_page(request, desk_server, tmp_path) -> Iterator[object]:
    """A phone-sized page in a Chromium whose camera films the badge of BADGE; camera permission granted."""
    video = badge_video(BADGE, tmp_path / "badge.y4m")
    flags = ["--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={video}"]
    playwright, browser = _chromium(flags)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, ignore_https_errors=True, locale="vi-VN", has_touch=True
    )
    context.grant_permissions(["camera"], origin=desk_server.url)
    page = context.new_page()
    yield page
    _artifacts(request, page, desk_server)
    browser.close()
    playwright.stop()


@pytest.fixture
def refused_page(request, desk_server) -> Iterator[object]:
    """A page whose browser has a camera but refuses it to the site (no permission granted, no prompt headless)."""
    playwright, browser = _chromium(["--use-fake-device-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, ignore_https_errors=True, locale="vi-VN")
    page = context.new_page()
    yield page
    _artifacts(request, page, desk_server)
    browser.close()
    playwright.stop()


def _artifacts(request, page, server) -> None:
    reports = (getattr(request.node, f"rep_{when}", None) for when in ("setup", "call"))
    if any(r is not None and r.failed for r in reports):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = safe_name(request.node.nodeid)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, timeout=10_000)
        finally:
            (ARTIFACTS / f"{name}.server.log").write_text(server.log_tail(20_000))


def audit_lines(workbook: Path, attendee_id: str) -> int:
    audit = validate(WorkbookStore(workbook).load()).raw["audit"]
    return int(((audit["row_id"] == attendee_id) & (audit["field"].astype(str).str.contains("Có mặt|checked"))).sum())


def test_the_desk_loads_over_https_in_a_secure_context(camera_page, desk_server):
    assert desk_server.url.startswith("https://")
    open_page(camera_page, desk_server.url, "checkin", title="Điểm danh")
    assert camera_page.evaluate("window.isSecureContext && location.protocol") == "https:"
    assert camera_page.evaluate("!!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)")


def test_a_badge_filmed_by_the_camera_checks_its_holder_in_once(camera_page, desk_server, desk_workbook):
    from playwright.sync_api import expect

    workbook = desk_workbook
    name = validate(WorkbookStore(workbook).load()).frames["attendees"].at[BADGE, "name"]
    assert not validate(WorkbookStore(workbook).load()).raw["attendees"].at[BADGE, "checked_in"]
    open_page(camera_page, desk_server.url, "checkin", title="Điểm danh")
    camera_page.get_by_test_id("desk-scanner-start").click()
    card = key_locator(camera_page, "desk_result_ok")
    expect(card).to_contain_text(name, timeout=30_000)
    expect(card).to_contain_text(BADGE)
    # The camera stays on (or reopens by itself) after the page redrew with the result. Debian's Chromium has no
    # BarcodeDetector, so this is the path Safari on iOS takes: frames decoded on the server.
    expect(camera_page.locator(".desk-scanner")).to_have_attribute("data-mode", "server", timeout=30_000)
    expect(camera_page.get_by_test_id("desk-scanner-status")).to_contain_text("Đang quét", timeout=30_000)
    first = validate(WorkbookStore(workbook).load()).raw["attendees"].at[BADGE, "checked_in"]
    assert first
    camera_page.wait_for_timeout(6_000)  # the badge stays in front of the camera: ~20 more frames
    expect(key_locator(camera_page, "desk_result_ok")).to_contain_text(name)
    assert key_locator(camera_page, "desk_result_already").count() == 0, "the same badge was taken twice"
    assert validate(WorkbookStore(workbook).load()).raw["attendees"].at[BADGE, "checked_in"] == first
    assert audit_lines(workbook, BADGE) == 1


def test_a_refused_camera_says_so_and_typing_still_checks_in(refused_page, desk_server):
    from playwright.sync_api import expect

    open_page(refused_page, desk_server.url, "checkin", title="Điểm danh")
    refused_page.get_by_test_id("desk-scanner-start").click()
    expect(refused_page.get_by_test_id("desk-scanner-status")).to_contain_text(
        "không được phép dùng camera", timeout=30_000
    )
    expect(refused_page.locator('[data-testid="stAlert"]').filter(has_text="gõ mã")).to_be_visible(timeout=30_000)
    box = key_locator(refused_page, "checkin_query").locator("input")
    box.fill("db 21")
    box.press("Enter")
    expect(key_locator(refused_page, "desk_result_ok")).to_contain_text("DB-021", timeout=30_000)

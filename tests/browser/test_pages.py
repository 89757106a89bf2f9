"""The three users' pages in a real browser: capture → measurements, a refused photo in plain
words, the size widget on the demo shop, the tailor's DXF download and a marker job."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import shot
from tests.conftest import SAMPLE_PEOPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _token(server: dict, customer: str) -> str:
    from tests.auth_helpers import client_with

    r = client_with(server["app"], server["shop_key"]).post(
        "/v1/customer-tokens", json={"customer_id": customer})
    return r.get_json()["token"]


def test_home_links_the_three_pages_and_the_api_docs(server: dict, page) -> None:
    page.goto(server["url"] + "/")
    for href in ("/scan", "/demo/shop", "/tailor", "/docs"):
        assert page.locator(f'main a[href="{href}"]').count() == 1
    shot(page, "home")
    page.click('main a[href="/docs"]')
    assert page.locator("h1").inner_text() == "API reference"
    assert page.locator("article.op").count() > 20
    assert page.locator('article.op:has-text("/v1/scans/check")').count() == 1
    shot(page, "api_docs")


def test_a_customer_uploads_photos_and_sees_measurements(server: dict, page) -> None:
    page.goto(server["url"] + "/scan#token=" + _token(server, "web-alice"))
    assert "token" not in page.url  # kept out of the address bar
    page.fill("#height_cm", "170")
    page.set_input_files("input[name=front]", str(SAMPLE_PEOPLE / "s7-001" / "front.png"))
    page.set_input_files("input[name=side]", str(SAMPLE_PEOPLE / "s7-001" / "side.png"))
    page.click("#measure")
    chest = page.locator('[data-measurement="chest_girth"]')
    chest.wait_for()
    cm, rng, inches = (chest.locator("td").nth(k).inner_text() for k in range(3))
    assert abs(float(cm) / 2.54 - float(inches)) < 0.06
    low, high = (float(x) for x in rng.split("–"))
    assert low <= float(cm) <= high
    assert page.locator('[data-measurement="stature"] td').first.inner_text() == "170.0"
    page.wait_for_function("document.getElementById('overlay').naturalWidth > 0")
    shot(page, "scan_results")
    shot(page, "scan_results_table", "#results")
    page.once("dialog", lambda d: d.accept())
    page.click("#delete-data")
    page.locator("#delete-status", has_text="Deleted: 1 scan").wait_for()


def test_a_file_that_is_no_photo_is_refused_in_plain_words(server: dict, page) -> None:
    page.goto(server["url"] + "/scan#token=" + _token(server, "web-bob"))
    page.fill("#height_cm", "180")
    page.set_input_files("input[name=front]", files=[{
        "name": "front.jpg", "mimeType": "image/jpeg", "buffer": b"this is not a photo" * 50}])
    page.click("#measure")
    refusal = page.locator("#refusal")
    refusal.wait_for()
    assert refusal.get_attribute("data-code") == "unsupported_format"
    assert refusal.inner_text().startswith("We could not measure you")
    shot(page, "scan_refusal")


def test_the_capture_page_fits_a_375_px_phone_screen(server: dict, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(server["url"] + "/scan#token=" + _token(server, "web-phone"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")  # the skip link is the first stop
    assert page.evaluate("document.activeElement.className") == "skip"
    shot(page, "scan_phone")
    context.close()


def test_the_widget_on_the_demo_shop_shows_a_size(server: dict, page) -> None:
    page.goto(server["url"] + "/demo/shop")
    assert "fsk_" not in page.content()  # a customer token, never a shop key
    page.click("text=Find my size")
    page.fill("#fitsvc-height", "168")
    page.fill("#fitsvc-weight", "62")
    page.click("text=Estimate my size")
    size = page.locator(".fitsvc-size")
    size.wait_for()
    assert size.get_attribute("data-size") in {"XS", "S", "M", "L", "XL"}
    assert page.locator(".fitsvc-bar").count() >= 2
    shot(page, "widget")
    shot(page, "widget_box", ".product")
    page.click("text=Start again")
    page.click("text=Find my size")  # the estimate is remembered as this customer's scan
    page.locator(".fitsvc-size").wait_for()


def _login_as_tailor(server: dict, page) -> None:
    page.goto(server["url"] + "/tailor")
    assert "/login" in page.url
    page.fill("#key", server["tailor_key"])
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r".*/tailor$"))


def test_a_tailor_drafts_a_pattern_and_downloads_the_dxf(server: dict, page, tmp_path: Path) -> None:
    import ezdxf

    _login_as_tailor(server, page)
    page.select_option("#block", "skirt")
    page.locator("#opt-sa").wait_for()  # the block's declared options, as fields
    page.fill("#opt-sa", "15")
    page.check("#paperless")
    with page.expect_response(lambda r: r.url.endswith("/v1/patterns")) as made:
        page.click("#draft")
    assert made.value.json()["result"]["export"]["paperless"] is True
    page.locator("#download-dxf").wait_for()
    page.wait_for_function("document.getElementById('preview-svg').naturalWidth > 0")
    with page.expect_download() as info:
        page.click("#download-dxf")
    path = tmp_path / "skirt.dxf"
    info.value.save_as(path)
    doc = ezdxf.readfile(path)
    assert len(doc.modelspace()) > 10
    assert page.evaluate("fetch(document.getElementById('preview-svg').src).then(r => r.text())"
                         ).count('class="seam"') > 3  # paperless: seam lengths on the pieces
    shot(page, "tailor_pattern")


def test_a_tailor_watches_a_marker_job_to_the_end(server: dict, page) -> None:
    _login_as_tailor(server, page)
    page.fill("#mk-seconds", "3")
    page.click("#start-marker")
    page.locator("#marker-status", has_text="running").wait_for()
    page.locator("#marker-result").wait_for()
    eff = float(page.locator("#marker-efficiency").inner_text().rstrip(" %"))
    assert 50 < eff <= 100
    assert page.locator("#marker-svg polygon").count() > 4
    shot(page, "tailor_marker")


def _y4m(picture: Path, out: Path, frames: int = 20) -> Path:
    """A tiny Y4M video of one still photo, for Chromium's fake camera."""
    from PIL import Image

    img = Image.open(picture).convert("RGB").resize((360, 640))
    y, cb, cr = img.convert("YCbCr").split()
    half = (img.width // 2, img.height // 2)
    frame = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    header = f"YUV4MPEG2 W{img.width} H{img.height} F10:1 Ip A1:1 C420jpeg\n".encode()
    out.write_bytes(header + b"".join(b"FRAME\n" + frame for _ in range(frames)))
    return out


def test_the_camera_guides_the_customer_then_takes_the_photo(server: dict, playwright,
                                                            tmp_path: Path) -> None:
    """Chromium's fake camera plays a sample person: the live guidance says ready, the photo
    taken from the camera is measured."""
    video = _y4m(SAMPLE_PEOPLE / "s7-001" / "front.png", tmp_path / "front.y4m")
    b = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    page = b.new_context(viewport={"width": 800, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(server["url"] + "/scan#token=" + _token(server, "web-camera"))
    page.click("button.camera[data-view=front]")
    page.locator("#guidance.ok", has_text="Ready").wait_for()
    shot(page, "scan_camera", ".camera-box")
    page.click("#take")
    page.wait_for_function("document.getElementById('front').files.length === 1")
    assert page.evaluate("document.getElementById('front').files[0].type") == "image/jpeg"
    page.fill("#height_cm", "170")
    page.click("#measure")
    page.locator('[data-measurement="waist_girth"]').wait_for()
    b.close()

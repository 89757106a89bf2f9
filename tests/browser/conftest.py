"""Browser tests: the app served over real HTTP on loopback, driven by Playwright in Debian's
Chromium (/usr/bin/chromium; `.ci/run` installs it when missing, no browser is downloaded)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.auth_helpers import make_key

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, mediapipe_detector) -> Iterator[dict]:
    from fitsvc import app_services, create_app

    tmp = tmp_path_factory.mktemp("web")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp / 'web.sqlite3'}",
                      "DETECTOR": mediapipe_detector, "SECRET_KEY": "browser-tests",
                      "RATE_LIMIT": "", "RATE_LIMIT_SCANS": ""})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{httpd.server_port}", "app": app,
           "shop_key": make_key(app, "storefront"), "tailor_key": make_key(app, "tailor")}
    httpd.shutdown()
    app_services(app).close()


@pytest.fixture(scope="module")
def playwright() -> Iterator:
    """One Playwright driver per module (a second one in the same thread is refused)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): `apt-get install "
                    "chromium`, as .ci/run does")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright) -> Iterator:
    b = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
    yield b
    b.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    yield page
    context.close()


def shot(page, name: str, selector: str | None = None) -> Path:
    """Save a full-page screenshot (or of one element) under var/screenshots/; two of them
    are copied into docs/img for the README."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if selector:
        page.locator(selector).screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path

"""The embedded calendar in Chromium at 320 px: no horizontal scroll, no WCAG
violations (axe), and the filters open and the list shows with JavaScript off.
The page is rendered by Django's test client first (this test's data) and
served to the browser from memory, with the static files."""

import shutil
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from tests.e2e.axe import assert_no_wcag_violations
from tests.e2e.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.django_db


def serve(html):
    """Answer the browser with the page rendered beforehand and the static files
    (no database access inside Playwright's event loop)."""

    def handle(route):
        path = route.request.url.split("testserver", 1)[1]
        if path.startswith("/static/"):
            found = finders.find(path.removeprefix("/static/").split("?")[0])
            if found:
                return route.fulfill(path=found, content_type="text/css")
            return route.fulfill(status=404)
        if path.startswith("/de/embed/calendar/"):
            return route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
        return route.fulfill(status=404)

    return handle


def test_embed_fits_320px_and_passes_axe(client, events_data, make_event):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    start = timezone.now() + timedelta(days=4)
    make_event(
        "Een heel lange titel zonder spaties: Dorpshuisbewonersvergaderingsvoorbereidingsavond",
        start=start,
        end=start + timedelta(hours=2),
        slug="lang",
    )
    html = client.get("/de/embed/calendar/").content
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        plain = browser.new_page(viewport={"width": 320, "height": 640}, java_script_enabled=False)
        plain.route("**/*", serve(html))
        plain.goto("http://testserver/de/embed/calendar/")
        assert plain.locator(".embed__item").count() == 3
        plain.locator("summary").click()
        assert plain.locator("#id_theme").is_visible()
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.route("**/*", serve(html))
        page.goto("http://testserver/de/embed/calendar/")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], widths
        page.locator("summary").click()
        assert_no_wcag_violations(page)
        browser.close()

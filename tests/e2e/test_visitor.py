"""A visitor's path through the site in a real browser, in several languages."""

import pytest

from tests.e2e.navigation import follow
from tests.e2e.site import HOME_HEADINGS

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("locale", "prefix", "heading"),
    [
        ("de-DE", "/de/", HOME_HEADINGS["de"]),
        ("en-GB", "/en/", HOME_HEADINGS["en"]),
    ],
)
def test_browser_language_picks_the_site_language(live_site, page_factory, locale, prefix, heading):
    page = page_factory(locale=locale)
    page.goto(live_site + "/")
    assert page.url == live_site + prefix
    assert page.locator("html").get_attribute("lang") == prefix.strip("/")
    assert heading in page.locator("h1").inner_text()


def test_switching_language_on_a_page_lands_on_its_translation(live_site, page_factory):
    page = page_factory()
    page.goto(live_site + "/nl/over-ons/")
    follow(page, page.locator('.language-switcher li[lang="de"] a'))
    assert page.url == live_site + "/de/ueber-uns/"
    assert page.locator("h1").inner_text() == "Über uns"
    follow(page, page.locator('.language-switcher li[lang="en"] a'))
    assert page.url == live_site + "/en/about-us/"


def test_untranslated_page_reads_in_dutch_with_a_notice(live_site, page_factory):
    page = page_factory(locale="de-DE")
    page.goto(live_site + "/de/privacyverklaring/")
    assert "noch nicht auf Deutsch übersetzt" in page.locator(".notice").inner_text()
    assert page.locator(".page-content").get_attribute("lang") == "nl"


@pytest.mark.parametrize("width", [390, 1280])
def test_search_from_the_menu_in_german(live_site, page_factory, width):
    page = page_factory(locale="de-DE", width=width, height=844)
    page.goto(live_site + "/de/")
    page.get_by_role("link", name="Suche").first.click()
    page.get_by_label("Diese Website durchsuchen").fill("Plattform")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/suche/?q=Plattform")
    assert page.locator(".result").count() >= 1
    assert "Ergebnis" in page.locator(".search-count").inner_text()
    # Nothing sticks out sideways on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_keyboard_reaches_skip_link_menu_and_language_switcher(live_site, page_factory):
    page = page_factory()
    page.goto(live_site + "/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(live_site + "/nl/")
    reached = []
    for _ in range(25):  # the menu first, then the language switcher
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        if "/de/" in reached and "/en/" in reached:
            break
    assert "/nl/over-ons/" in reached
    assert "/de/" in reached and "/en/" in reached
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"

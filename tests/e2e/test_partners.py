"""Partner pages in the browser (the partner tree of tests/partners, built by
tests/e2e/site.py): a German partner reads the Mienthuus page in German with its
events, the map and its text list; axe-core finds no WCAG A or
AA violation on the partner pages in three languages."""

import pytest

from tests.e2e.axe import assert_no_wcag_violations

pytestmark = pytest.mark.e2e

PARTNER_PAGES = [
    "/de/partner/",
    "/de/partner/mienthuus/",
    "/nl/partners/mienthuus/",
    "/en/partners/mienthuus/",
    "/nl/partners/uitwisseling-belarus/",
    "/de/partner/austausch/",
    "/en/partners/uitwisseling-belarus/",
]


def test_german_partner_finds_mienthuus_with_its_events_and_map(live_site, page_factory):
    page = page_factory(locale="de-DE", width=390)
    page.goto(live_site + "/")
    assert page.url.endswith("/de/")
    page.goto(live_site + "/de/partner/")
    page.locator(".pt-cards").get_by_role("link", name="Mienthuus in Kranenburg").click()
    page.wait_for_url("**/de/partner/mienthuus/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("heading", level=1).inner_text() == "Mienthuus in Kranenburg"
    assert page.locator(".notice").count() == 0
    events = page.locator(".pt-events .event-item__title").all_inner_texts()
    assert "Werkstatt Online-Dorfplatz" in events  # below its page
    assert any("Repair-Café im Mienthuus" in title for title in events)  # it organises
    assert page.locator(".pt-map svg[role='img']").is_visible()
    places = page.locator(".pt-map__list").inner_text()
    assert "Kranenburg (Deutschland)" in places
    # The workshop is reachable from the map's text list as well.
    page.locator(".pt-map__list").get_by_role("link", name="Werkstatt Online-Dorfplatz").click()
    page.wait_for_url("**/de/partner/mienthuus/werkstatt/")


def test_english_reader_is_told_the_dutch_text_translates_a_german_original(
    live_site, page_factory
):
    page = page_factory(locale="en-GB")
    page.goto(live_site + "/en/partners/mienthuus/")
    notice = page.locator(".notice")
    assert "original is in German" in notice.inner_text()
    notice.get_by_role("link").click()
    page.wait_for_url("**/de/partner/mienthuus/")


@pytest.mark.parametrize("path", PARTNER_PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_partner_page_has_no_wcag_a_or_aa_violations(live_site, reading_page, path, width):
    page = reading_page(width)
    page.goto(live_site + path)
    assert_no_wcag_violations(page)

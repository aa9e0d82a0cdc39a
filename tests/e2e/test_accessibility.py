"""axe-core on the site's pages (tests/e2e/site.py) in three languages: no WCAG 2.0, 2.1 or 2.2 A or AA violation."""

import pytest

from tests.e2e.axe import assert_no_wcag_violations

pytestmark = pytest.mark.e2e

PAGES = [
    "/nl/",
    "/de/",
    "/en/",
    "/nl/over-ons/",
    "/de/ueber-uns/",
    "/en/about-us/",
    "/de/privacyverklaring/",
    "/nl/zoeken/?q=dorp",
    "/de/suche/?q=Plattform",
    "/en/search/?q=nothing-matches-this",
    "/de/gibt-es-nicht/",
    "/nl/kennisbank/?theme=samenwerking&region=drenthe",
    "/de/wissensdatenbank/fuenf-sterne/",
    "/de/wissensdatenbank/lokale-kracht/",
    "/en/knowledge-base/",
    "/en/knowledge-base/thema/samenwerking/",
    "/de/wer-kann-helfen/?offer=money&region=drenthe",
    "/nl/wie-kan-helpen/",
    "/de/wer-kann-helfen/provincie-drenthe/",
    "/nl/agenda/",
    "/de/veranstaltungen/?language=de",
    "/en/events/month/2026/12/",
    "/de/veranstaltungen/repaircafe-kranenburg/",
    "/en/events/volle-workshop/",
    "/nl/agenda/archief/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_page_has_no_wcag_a_or_aa_violations(live_site, reading_page, path, width):
    page = reading_page(width)
    page.goto(live_site + path)
    assert_no_wcag_violations(page)

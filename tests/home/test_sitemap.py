"""The sitemap lists every page a crawler can reach and may index.

One small site with a page of every kind (theme and organisation pages, an
event, a festival with a session, its speakers and partners, a partner page),
crawled from each language's home page by following links: every page that
calls itself canonical and carries no "noindex" must be in the sitemap.
"""

import re
from datetime import timedelta
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from demo import factories
from demo.registry import translate
from events.models import EventPageOrganiser
from events.schedule import to_local
from festival.models import FestivalPartner, SessionSpeaker
from kennisbank.models import ArticleOrganisation, ArticleTheme

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"
# home → section → item → the item's own sub-pages (an event's travel-together
# pages, a festival's days): every page kind of the site
MAX_DEPTH = 3
# Files, per-visitor addresses and month grids (noindex, endless): not pages to
# crawl. Links with a query (filters, page numbers) are left out as well.
SKIP = re.compile(
    r"/(ical|feed|json|schedule|register|my-programme|mijn-programma|mein-programm|month|maand|monat)/"
    r"|^/(admin|documents|static|media)/"
)


def build_site(site_tree):
    # The sections in every language's main menu, as on the real site.
    keys = [site_tree[name].translation_key for name in ("kennisbank", "directory", "calendar")]
    Page.objects.filter(translation_key__in=keys).update(show_in_menus=True)
    theme = factories.ThemeFactory(name="Wonen", slug="wonen")
    translate(theme, "de", {"Wonen": "Wohnen"})
    organisation = factories.OrganisationFactory(name="Dorpsraad", slug="dorpsraad")
    partner = factories.OrganisationFactory(name="KNHM", slug="knhm")
    article = factories.ArticlePageFactory(parent=site_tree["kennisbank"], slug="artikel")
    ArticleTheme.objects.create(page=article, theme=theme)
    ArticleOrganisation.objects.create(page=article, organisation=organisation)
    venue = factories.VenueFactory()
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = factories.EventPageFactory(
        parent=site_tree["calendar"], slug="repaircafe", venue=venue, start=start
    )
    EventPageOrganiser.objects.create(page=event, organisation=organisation)
    festival = factories.FestivalPageFactory(
        parent=site_tree["home"], venue=venue, start_date=to_local(start).date(), show_in_menus=True
    )
    FestivalPartner.objects.create(page=festival, organisation=partner)
    session = factories.SessionPageFactory(
        parent=festival, slug="opening", venue=venue, start=start, end=start + timedelta(hours=1)
    )
    SessionSpeaker.objects.create(page=session, person=factories.PersonFactory(name="Anna"))
    EventPageOrganiser.objects.create(page=session, organisation=organisation)
    # A session put outside the festival's dates (an editor's slip): its day
    # has no grid, so the sitemap must not list one.
    stray = factories.SessionPageFactory(
        parent=festival,
        slug="later",
        venue=venue,
        start=start + timedelta(days=2),
        end=start + timedelta(days=2, hours=1),
    )
    for page in (event, festival, session, stray):
        page.save_revision().publish()
    partners = factories.PartnerIndexPageFactory(parent=site_tree["home"], show_in_menus=True)
    factories.PartnerPageFactory(parent=partners, slug="drenthe")
    nl = Locale.objects.get(language_code="nl")
    for code in ("de", "en"):  # aliases of the new pages, as the admin makes them
        synchronize_tree(nl, Locale.objects.get(language_code=code))


def crawl(client, starts):
    """{path: soup} of the HTML pages reached from `starts` within MAX_DEPTH links."""
    seen, pages = set(starts), {}
    frontier = list(starts)
    for _depth in range(MAX_DEPTH + 1):
        found = []
        for path in frontier:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            soup = BeautifulSoup(response.content, "html.parser")
            pages[path] = soup
            for a in soup.select("a[href]"):
                href = urldefrag(a["href"])[0]
                parts = urlsplit(href)
                if parts.netloc and f"{parts.scheme}://{parts.netloc}" != HOST:
                    continue
                target = parts.path
                if parts.query or not target.startswith("/") or SKIP.search(target):
                    continue
                if target not in seen:
                    seen.add(target)
                    found.append(target)
        frontier = found
    return pages


def indexable(path, soup):
    robots = soup.select_one('meta[name="robots"]')
    if robots and "noindex" in robots.get("content", ""):
        return False
    canonical = soup.select_one('link[rel="canonical"]')
    return canonical is not None and canonical["href"] == HOST + path


def test_every_indexable_page_a_crawler_reaches_is_in_the_sitemap(client, site_tree):
    build_site(site_tree)
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locs = {loc.text for loc in urlset.findall("s:url/s:loc", NS)}

    pages = crawl(client, ["/nl/", "/de/", "/en/"])
    reached = {HOST + path for path, soup in pages.items() if indexable(path, soup)}

    assert reached - locs == set()
    # The routes of routable pages are among them, in every language.
    for path in [
        "/nl/kennisbank/thema/wonen/",
        "/de/wissensdatenbank/thema/wonen/",
        "/nl/wie-kan-helpen/dorpsraad/",
        "/nl/festival/programma/",
        "/nl/festival/sprekers/",
        "/nl/festival/partners/knhm/",
        "/nl/partners/drenthe/",
    ]:
        assert HOST + path in reached, sorted(reached)
        assert HOST + path in locs
    # Reached but kept out of search engines: an event date's travel-together
    # board and forms, tools for one date that close once it has passed.
    travel = {path for path in pages if "/samen-reizen/" in path or "/gemeinsam-reisen/" in path}
    assert travel and not {HOST + path for path in travel} & (reached | locs)
    # Nothing in the sitemap that is not a page (every entry answers 200).
    crawled = {HOST + path for path in pages}
    assert all(client.get(loc.removeprefix(HOST)).status_code == 200 for loc in locs - crawled)


def test_sub_pages_in_the_sitemap_carry_their_hreflang_alternates(client, site_tree):
    factories.ThemeFactory(name="Zorg", slug="zorg")
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entry = next(
        u
        for u in urlset.findall("s:url", NS)
        if u.find("s:loc", NS).text == f"{HOST}/en/knowledge-base/theme/zorg/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    assert alternates == {
        "nl": f"{HOST}/nl/kennisbank/thema/zorg/",
        "de": f"{HOST}/de/wissensdatenbank/thema/zorg/",
        "en": f"{HOST}/en/knowledge-base/theme/zorg/",
        "x-default": f"{HOST}/nl/kennisbank/thema/zorg/",
    }

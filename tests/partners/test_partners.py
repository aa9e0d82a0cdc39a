"""Partner pages: a German-first partner read in German with its events, the
timeline, the border map and its text list, related articles, and the cost
of the index and the page in queries."""

import functools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from demo.registry import translate
from events.models import EventPage, EventPageOrganiser
from home.models import Organisation, Person, Region, Venue
from partners.models import (
    PartnerContact,
    PartnerIndexPage,
    PartnerOrganisation,
    PartnerPage,
    PartnerRegion,
)
from tests.conftest import built_once, fresh, on_commit_now, pks, shared_tree_objects

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _venue(name, city, country, lat, lon, german=None):
    venue = Venue.objects.create(
        name=name, city=city, country=country, latitude=Decimal(lat), longitude=Decimal(lon)
    )
    translate(venue, "de", {name: german or name})
    return venue


def exchange(day, title, places, venues=(), organisations=(), precision="day", report="Verslag."):
    return (
        "exchange",
        {
            "date": day,
            "precision": precision,
            "title": title,
            "places": places,
            "venues": list(venues),
            "organisations": list(organisations),
            "report": report,
            "photos": [],
        },
    )


def in_future(days, hours=3):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return start, start + timedelta(hours=hours)


def make_event(parent, title, slug, venue=None, organisation=None, days=10, **fields):
    start, end = in_future(days)
    page = EventPage(title=title, slug=slug, start=start, end=end, venue=venue, **fields)
    if organisation is not None:
        page.organiser_links.add(EventPageOrganiser(organisation=organisation))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def built_partner_tree(django_db_setup, django_db_blocker):
    """The partner tree below, built once for the module that uses it."""
    with built_once(django_db_blocker):
        tree = shared_tree_objects()
        codes = {locale.language_code: locale for locale in Locale.objects.all()}
        translate_page = functools.partial(on_commit_now, translate)
        yield pks(build_partner_tree(tree, codes, translate_page))


@pytest.fixture
def partner_tree(built_partner_tree, db):
    return fresh(built_partner_tree)


def build_partner_tree(site_tree, locales, translate_page):
    """A partner index in three languages with:
    - Mienthuus, written in German (its Dutch translation, and an English alias
      of that), based in Kranenburg, with an event below its page and one in
      the calendar that it organises;
    - the exchange with Belarus, written in Dutch and translated into German.
    """
    nl, de, en = locales["nl"], locales["de"], locales["en"]
    region = Region.objects.create(
        name="Noordrijn-Westfalen", slug="nrw", kind=Region.Kind.STATE, country="DE"
    )
    translate(region, "de", {"Noordrijn-Westfalen": "Nordrhein-Westfalen"})
    mienthuus = Organisation.objects.create(
        name="Mienthuus", slug="mienthuus", kind="initiative", country="DE"
    )
    translate(mienthuus, "de", {})
    lvkk = Organisation.objects.create(name="LVKK", slug="lvkk", kind="network")
    translate(lvkk, "de", {})
    iris = Person.objects.create(name="Iris Haarland", role="projectcoördinator")
    translate(iris, "de", {"projectcoördinator": "Projektkoordinatorin"})
    kranenburg = _venue("Dorpshuis", "Kranenburg", "DE", "51.788600", "6.009500", "Dorfhaus")
    nijmegen = _venue("Boszicht", "Nijmegen", "NL", "51.814600", "5.860600")
    utrecht = _venue("De Oude Rechtbank", "Utrecht", "NL", "52.090700", "5.121400")
    vileyka = _venue("Gemeentehuis", "Vilejka", "BY", "54.490000", "26.920000", "Rathaus")

    index = PartnerIndexPage(title="Partners over de grens", slug="partners")
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    translate_page(
        index, "de", {"Partners over de grens": "Partner über die Grenze", "partners": "partner"}
    )
    translate_page(index, "en", {"Partners over de grens": "Partners across the border"})

    def de_version(obj):
        return obj.get_translation(de)

    german = PartnerPage(
        title="Mienthuus in Kranenburg",
        slug="mienthuus",
        intro="Ein Dorfplatz an der Grenze.",
        country="DE",
        languages="de,nl",
        base=de_version(kranenburg),
        body=[("paragraph", "<p>Ehrenamtliche organisieren Repair-Cafés.</p>")],
        timeline=[
            exchange(
                date(2019, 10, 1),
                "Besuch aus Belarus",
                "Kranenburg",
                venues=[de_version(kranenburg)],
                organisations=[de_version(mienthuus)],
                precision="month",
            ),
            exchange(date(2019, 3, 1), "Smart Villages", "Nordrhein-Westfalen", precision="year"),
        ],
        funding="",
    )
    german.organisation_links.add(PartnerOrganisation(organisation=de_version(mienthuus)))
    german.region_links.add(PartnerRegion(region=de_version(region)))
    german.contact_links.add(PartnerContact(person=de_version(iris)))
    index.get_translation(de).add_child(instance=german)
    german.save_revision().publish()
    dutch = translate_page(
        german,
        "nl",
        {
            "Ein Dorfplatz an der Grenze.": "Een dorpsplein aan de grens.",
            "Besuch aus Belarus": "Bezoek uit Belarus",
            "Ehrenamtliche organisieren Repair-Cafés.": "Vrijwilligers organiseren repaircafés.",
        },
    )
    synchronize_tree(nl, en)  # as the demo loader and the admin do: an English alias

    belarus = PartnerPage(
        title="Uitwisseling met Belarus",
        slug="uitwisseling-belarus",
        intro="Een delegatie uit Vilejka en Mogiljov.",
        country="BY",
        languages="nl,de",
        base=vileyka,
        timeline=[
            exchange(date(2019, 10, 1), "Brakkenstein", "Nijmegen", venues=[nijmegen]),
        ],
        funding="Mogelijk gemaakt door het steunprogramma Belarus.",
    )
    belarus.organisation_links.add(PartnerOrganisation(organisation=lvkk))
    index.add_child(instance=belarus)
    belarus.save_revision().publish()
    translate_page(
        belarus,
        "de",
        {"Uitwisseling met Belarus": "Austausch mit Belarus", "uitwisseling-belarus": "austausch"},
    )

    calendar = site_tree["calendar"]
    own_event = make_event(
        german, "Werkstatt Online-Dorfplatz", "werkstatt", venue=de_version(kranenburg), days=6
    )
    organised = make_event(
        calendar,
        "Repaircafé in het Mienthuus",
        "repaircafe",
        venue=kranenburg,
        organisation=mienthuus,
        days=12,
    )
    other = make_event(
        calendar, "Leerkring Brakkenstein", "leerkring", venue=utrecht, organisation=lvkk, days=8
    )
    unrelated = make_event(calendar, "Webinar fondsen", "webinar", online_url="https://x.test/")
    return {
        "index": index,
        "german": german,
        "dutch": dutch,
        "english": german.get_translation(en),
        "belarus": belarus,
        "calendar": calendar,
        "own_event": own_event,
        "organised": organised,
        "other_event": other,
        "unrelated": unrelated,
        "mienthuus": mienthuus,
        "venues": {"kranenburg": kranenburg, "nijmegen": nijmegen, "vileyka": vileyka},
    }


def event_titles(page):
    return [a.get_text(strip=True) for a in page.select(".pt-events .event-item__title a")]


def test_german_partner_reads_the_german_first_page_in_german_with_its_events(client, partner_tree):
    page = soup(client.get("/de/partner/mienthuus/"))
    assert page.html["lang"] == "de"
    assert page.find("h1").get_text(strip=True) == "Mienthuus in Kranenburg"
    assert page.select_one(".notice") is None  # the original needs no notice
    assert not page.select_one(".page-content").has_attr("lang")
    # Its own event (below the page) and the one it organises in the calendar;
    # not the events of other partners or of nobody.
    assert event_titles(page) == ["Werkstatt Online-Dorfplatz", "Repaircafé in het Mienthuus"]
    facts = page.select_one(".pt-layout__aside").get_text(" ", strip=True)
    assert "Nordrhein-Westfalen" in facts and "Projektkoordinatorin" in facts
    assert "Deutsch, Niederländisch" in facts


def test_dutch_translation_lists_the_events_kept_in_the_german_tree(client, partner_tree):
    page = soup(client.get("/nl/partners/mienthuus/"))
    assert page.select_one(".lead").get_text(strip=True) == "Een dorpsplein aan de grens."
    assert "Werkstatt Online-Dorfplatz" in event_titles(page)


def test_timeline_runs_oldest_first_as_precise_as_the_editor_knows(client, partner_tree):
    page = soup(client.get("/de/partner/mienthuus/"))
    items = page.select(".pt-timeline > li")
    assert [i.find("h3").get_text(strip=True) for i in items] == [
        "Smart Villages",
        "Besuch aus Belarus",
    ]
    dates = [i.find("time") for i in items]
    assert [t["datetime"] for t in dates] == ["2019", "2019-10"]
    assert dates[1].get_text(strip=True) == "Oktober 2019"
    assert "Mienthuus" in items[1].select_one(".pt-exchange__facts").get_text()


def test_map_marks_places_on_both_sides_of_the_border_and_lists_them_in_words(client, partner_tree):
    page = soup(client.get("/nl/partners/"))
    svg = page.select_one(".pt-map svg")
    assert svg["role"] == "img" and svg.find("title").get_text(strip=True)
    markers = svg.select(".pt-map__marker")
    items = page.select(".pt-map__list > li")
    assert len(markers) == len(items) >= 2
    listed = page.select_one(".pt-map__list").get_text(" ", strip=True)
    assert "Kranenburg (Duitsland)" in listed
    assert "Utrecht (Nederland)" in listed
    # Belarus lies outside the map: it is named in the list below it instead.
    assert "Vilejka (Belarus)" in page.select_one(".pt-map__off").get_text(" ", strip=True)


def test_english_visitor_of_the_index_sees_the_alias_marked_untranslated(client, partner_tree):
    page = soup(client.get("/en/partners/"))
    cards = {c.find("h3").get_text(strip=True): c for c in page.select(".pt-card")}
    assert cards["Mienthuus in Kranenburg"]["lang"] == "nl"
    assert "not translated yet" in cards["Mienthuus in Kranenburg"].get_text()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?page=abc", 200),
        ("?q=%00%ff", 400),
        ("?partner=<script>", 200),
        ("?limit=-1&pages=1", 200),
    ],
)
def test_bad_query_strings_never_break_the_pages(client, partner_tree, query, status):
    """Unknown values are ignored; a NUL byte gets the translated 400 page."""
    for path in ("/nl/partners/", "/de/partner/mienthuus/"):
        assert client.get(path + query).status_code == status


def test_partner_page_shows_funding_and_related_articles(client, partner_tree, make_article):
    make_article(
        title="Delegatie in Brakkenstein",
        organisations=[Organisation.objects.get(slug="lvkk", locale__language_code="nl")],
    )
    page = soup(client.get("/nl/partners/uitwisseling-belarus/"))
    assert "steunprogramma Belarus" in page.select_one(".pt-funding").get_text()
    titles = [h.get_text(strip=True) for h in page.select(".kb-cards .card__title")]
    assert titles == ["Delegatie in Brakkenstein"]


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_partners(index, count, venue, start):
    nl = Locale.objects.get(language_code="nl")
    organisation = Organisation.objects.filter(locale=nl).first()
    region = Region.objects.filter(locale=nl).first()
    for n in range(start, start + count):
        page = PartnerPage(
            title=f"Partner {n}",
            slug=f"partner-{n}",
            intro="Een partner.",
            country="NL",
            base=venue,
            timeline=[
                exchange(date(2020, 1, 1 + k), f"Bezoek {k}", "Nijmegen", [venue])
                for k in range(n % 4 + 1)
            ],
        )
        page.organisation_links.add(PartnerOrganisation(organisation=organisation))
        if region is not None:
            page.region_links.add(PartnerRegion(region=region))
        index.add_child(instance=page)
        page.save_revision().publish()


def test_index_and_partner_page_cost_the_same_with_few_and_many_partners(client, partner_tree):
    index = partner_tree["index"]
    venue = partner_tree["venues"]["nijmegen"]
    belarus = partner_tree["belarus"]
    urls = ["/nl/partners/", "/de/partner/", "/nl/partners/uitwisseling-belarus/"]
    _add_partners(index, 2, venue, 0)
    few = {url: _queries(client, url) for url in urls}
    _add_partners(index, 10, venue, 2)
    # More exchanges on the page too.
    page = belarus.get_latest_revision_as_object()
    for k in range(8):
        page.timeline.append(exchange(date(2020, 2, k + 1), f"Extra {k}", "Nijmegen", [venue]))
    page.save_revision().publish()
    many = {url: _queries(client, url) for url in urls}
    assert many == few

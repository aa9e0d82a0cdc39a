"""The small site the browser tests are served from, built with the factories.

`build()` runs once per test run in its own process (tests/e2e/conftest.py), with
the settings the site is served with, on a copy of the run's migrated database.
It holds just what the browser tests use, in nl, de and en:

- the shared site tree (`demo.factories.site_tree`): home, about, an untranslated
  privacy page, knowledge base, directory and calendar;
- an article translated into German and one that is not (a German alias), a
  fund in Drenthe in the directory, and the editor `admin` / `admin`;
- a monthly repair café in Kranenburg, in German and Dutch, with registration,
  and a full workshop whose visitors go on the waiting list;
- a coming one-day festival with online and on-site sessions that take
  registrations;
- a village day in Amersfoort in about 25 days, in German too, and a
  one-day festival in Amersfoort in about 26 days (two sessions, in German
  too), for travel together (the place list comes with the migrations);
- the partner pages of tests/partners (Mienthuus, written in German first, with
  its events and map; the exchange with Belarus);
- the "Add your activity" form in Dutch and German (`SUBMIT_ACTIVITY`).

Page paths and names are in the constants below, which the tests import.
"""

import recurrence
from django.contrib.auth import get_user_model

FESTIVAL_SLUG = "testfestival"
ENGLISH_ONLINE = {
    "Online: village energy",
    "Online: caring neighbours",
    "Online: funding your plan",
}
HOME_HEADINGS = {"de": "Startseite", "en": "Home"}
ARTICLE = ("/nl/kennisbank/vijf-sterren/", "/de/wissensdatenbank/fuenf-sterne/")
UNTRANSLATED_ARTICLE = "/de/wissensdatenbank/lokale-kracht/"
REPAIR_CAFE = "repaircafe-kranenburg"
FULL_WORKSHOP = "volle-workshop"
FUND = "Provincie Drenthe"
SUBMIT_ACTIVITY = "/de/aktivitaet-melden/"
TRAVEL_EVENT = "dorpendag-amersfoort"
TRAVEL_FESTIVAL = "dorpenfestival-amersfoort"


def _knowledge(tree, translate):
    from demo import factories
    from home.models import OrganisationRegion
    from kennisbank.models import ArticleRegion, ArticleTheme

    theme = factories.ThemeFactory(name="Samenwerking", slug="samenwerking")
    translate(theme, "de", {"Samenwerking": "Zusammenarbeit"})
    drenthe = factories.RegionFactory(name="Drenthe", slug="drenthe")
    translate(drenthe, "de", {})
    fund = factories.OrganisationFactory.build(
        name=FUND, slug="provincie-drenthe", kind="fund", offers_money=True
    )
    fund.region_links.add(OrganisationRegion(region=drenthe))
    fund.save()
    translate(fund, "de", {})
    article = factories.ArticlePageFactory.build(
        title="Vijf sterren voor je dorp",
        slug="vijf-sterren",
        intro="Een platform van de BOKD voor dorpen in Drenthe.",
    )
    article.theme_links.add(ArticleTheme(theme=theme))
    article.region_links.add(ArticleRegion(region=drenthe))
    tree["kennisbank"].add_child(instance=article)
    article.save_revision().publish()
    translate(
        article,
        "de",
        {
            "Vijf sterren voor je dorp": "Fünf Sterne für Ihr Dorf",
            "vijf-sterren": "fuenf-sterne",
            "Een platform van de BOKD voor dorpen in Drenthe.": (
                "Eine Plattform der BOKD für Dörfer in Drenthe."
            ),
        },
    )
    factories.ArticlePageFactory(
        parent=tree["kennisbank"], title="Lokale kracht congres", slug="lokale-kracht"
    )


def _events(tree, mienthuus, kranenburg, translate):
    from datetime import timedelta

    from django.utils import timezone

    from demo import factories
    from events.models import EventPageOrganiser
    from events.schedule import site_zone
    from registration import services
    from registration.models import RegistrationSettings

    start = factories.local(2026, 1, 10, 10, 0)
    cafe = factories.EventPageFactory.build(
        title="Repaircafé Mienthuus",
        slug=REPAIR_CAFE,
        start=start,
        end=start.replace(hour=13),
        recurrence=recurrence.deserialize("RRULE:FREQ=MONTHLY;BYDAY=+2SA"),
        venue=kranenburg,
        languages="de,nl",
        capacity=20,
        registration_settings=[RegistrationSettings(enabled=True)],
    )
    cafe.organiser_links.add(EventPageOrganiser(organisation=mienthuus))
    tree["calendar"].add_child(instance=cafe)
    cafe.save_revision().publish()
    translate(cafe, "de", {"Repaircafé Mienthuus": "Repair-Café im Mienthuus"})
    translate(cafe, "en", {"Repaircafé Mienthuus": "Repair café at Mienthuus"})
    day = (timezone.now() + timedelta(days=20)).astimezone(site_zone()).date()
    start = factories.local(day.year, day.month, day.day, 14, 0)
    full = factories.EventPageFactory(
        parent=tree["calendar"],
        title="Volle workshop",
        slug=FULL_WORKSHOP,
        start=start,
        end=start.replace(hour=16),
        venue=kranenburg,
        capacity=1,
        registration_settings=[RegistrationSettings(enabled=True, waiting_list=True)],
    )
    occurrence = full.occurrences.order_by("start").first()
    services.register(occurrence, name="Eerste bezoeker", email="eerste@example.org", places=1)


def _festival(tree):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from demo import factories
    from events.schedule import site_zone
    from festival.models import FestivalRoom, FestivalTrack
    from registration.models import RegistrationSettings

    day = (timezone.now() + timedelta(days=30)).astimezone(site_zone()).date()
    festival = factories.FestivalPageFactory.build(
        title="Testfestival", slug=FESTIVAL_SLUG, edition="test", start_date=day
    )
    festival.tracks.add(FestivalTrack(name="Wonen", slug="wonen", colour="#1b6e53"))
    festival.tracks.add(FestivalTrack(name="Zorg", slug="zorg"))
    festival.rooms.add(FestivalRoom(name="Grote zaal", slug="grote-zaal", capacity=80))
    festival.rooms.add(FestivalRoom(name="Tuin", slug="tuin"))
    tree["home"].add_child(instance=festival)
    festival.save_revision().publish()
    wonen, zorg = festival.tracks.all()
    grote = festival.rooms.get(slug="grote-zaal")

    def at(hour, minute=0):
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=site_zone())

    rows = [
        ("Opening in de grote zaal", 10, 0, 45, grote, wonen, "talk", "nl", ""),
        ("Online: village energy", 10, 30, 60, None, zorg, "online", "en", "https://meet.example/a"),
        ("Online: caring neighbours", 11, 30, 60, None, zorg, "online", "en,nl", "https://meet.example/b"),
        ("Online: funding your plan", 13, 0, 45, None, wonen, "online", "en", "https://meet.example/c"),
        ("Online: dorpsgesprek", 14, 0, 30, None, wonen, "online", "nl", "https://meet.example/d"),
        ("Workshop wonen", 11, 0, 90, grote, wonen, "workshop", "nl,en", ""),
    ]  # fmt: skip
    for title, hour, minute, length, room, track, fmt, languages, url in rows:
        factories.SessionPageFactory(
            parent=festival,
            title=title,
            slug=title.lower().replace(" ", "-").replace(":", ""),
            start=at(hour, minute),
            end=at(hour, minute) + timedelta(minutes=length),
            online_url=url,
            languages=languages,
            session_format=fmt,
            track=track,
            room=room,
            capacity=30,
            registration_settings=[RegistrationSettings(enabled=True)],
        )


def _submit_activity(tree, translate):
    from submissions.models import SubmitActivityPage

    page = SubmitActivityPage(title="Activiteit aanmelden", slug="activiteit-aanmelden")
    tree["home"].add_child(instance=page)
    page.save_revision().publish()
    translate(
        page,
        "de",
        {"Activiteit aanmelden": "Aktivität melden", "activiteit-aanmelden": "aktivitaet-melden"},
    )


def _travel(tree, translate):
    from datetime import timedelta

    from django.utils import timezone

    from demo import factories
    from events.schedule import site_zone

    day = (timezone.now() + timedelta(days=25)).astimezone(site_zone()).date()
    start = factories.local(day.year, day.month, day.day, 10, 0)
    venue = factories.VenueFactory(
        name="Dorpshuis Amersfoort",
        street="Langestraat 1",
        postcode="3811 AA",
        city="Amersfoort",
        country="NL",
    )
    event = factories.EventPageFactory(
        parent=tree["calendar"],
        title="Dorpendag Amersfoort",
        slug=TRAVEL_EVENT,
        start=start,
        end=start.replace(hour=16),
        venue=venue,
    )
    translate(event, "de", {"Dorpendag Amersfoort": "Dörfertag Amersfoort"})
    # A festival in Amersfoort the day after: people going to either session
    # travel together. Below the home page, after the test festival, so that
    # stays the first festival the other tests find.
    festival_day = day + timedelta(days=1)
    festival = factories.FestivalPageFactory.build(
        title="Dorpenfestival Amersfoort",
        slug=TRAVEL_FESTIVAL,
        edition="2027",
        start_date=festival_day,
        venue=venue,
    )
    tree["home"].add_child(instance=festival)
    festival.save_revision().publish()
    for title, hour in (("Opening van het festival", 10), ("Werkplaats dorpsauto", 14)):
        start = factories.local(festival_day.year, festival_day.month, festival_day.day, hour, 0)
        factories.SessionPageFactory(
            parent=festival,
            title=title,
            slug=title.lower().replace(" ", "-"),
            start=start,
            end=start.replace(hour=hour + 2),
            venue=venue,
        )
    translate(festival, "de", {"Dorpenfestival Amersfoort": "Dörferfestival Amersfoort"})


def build():
    """Build the site into the configured (empty, migrated) database."""
    from demo import factories
    from demo.registry import translate

    tree = factories.site_tree()
    codes = factories.locales()
    get_user_model().objects.create_superuser("admin", "admin@example.org", "admin")
    build_pages(tree, codes, translate)


def build_pages(tree, codes, translate):
    """The site's pages below the shared `tree` (`demo.factories.site_tree`);
    `translate` as `demo.registry.translate` (in a test's transaction: one that
    runs the on-commit callbacks, see tests/conftest.py `on_commit_now`)."""
    from wagtail.models import Locale, Page
    from wagtail_localize.synctree import synchronize_tree

    from tests.partners.test_partners import build_partner_tree

    _knowledge(tree, translate)
    partners = build_partner_tree(tree, codes, translate)
    mienthuus = partners["organised"].organiser_links.get().organisation
    _events(tree, mienthuus, partners["organised"].venue, translate)
    _festival(tree)
    _submit_activity(tree, translate)
    _travel(tree, translate)
    nl = Locale.objects.get(language_code="nl")
    for code in ("de", "en"):
        synchronize_tree(nl, codes[code])
    # Every section in the main menu, as on the real site: the phone test walks
    # the site from there.
    Page.objects.filter(depth=3).update(show_in_menus=True)

"""Every page type in nl, de and en is valid HTML by the Nu Html Checker (the W3C's
validator, npm `vnu-jar`), run once over all pages: one JVM start, not one per page.

The pages come from the small site the browser tests use (tests/e2e/site.py),
built once for this module, plus a speaker and an organising partner for the
festival. Skipped with a message where Java or npm is missing.
"""

import functools
import json
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from tests import npm
from tests.conftest import built_once, on_commit_now, shared_tree_objects

VNU_VERSION = "26.9.27"
PREFIX = npm.FOLDER / "vnu"
JAR = PREFIX / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = pytest.mark.django_db  # so that the test database is set up

# A page the checker must reject, checked in the same run: proof that it ran
# and that its report is read correctly.
INVALID = "<!DOCTYPE html><html lang=en><title>x</title><p><div></span>"


def vnu_errors(files):
    """{file name: [error message]} for every file, from one run of the checker."""
    java = shutil.which("java")
    if not java:
        pytest.skip("Java (17 or later) is needed to run the Nu Html Checker")
    npm.install(PREFIX, [f"vnu-jar@{VNU_VERSION}"], JAR, purpose="to install the Nu Html Checker")
    result = subprocess.run(
        [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(JAR)]
        + ["--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    except ValueError:
        pytest.fail(f"the Nu Html Checker did not answer in JSON: {result.stderr[-1000:]}")
    errors = {path.name: [] for path in files}
    for message in messages:
        name = message["url"].rsplit("/", 1)[-1]
        where = f"line {message.get('lastLine', '?')}: " if "lastLine" in message else ""
        errors[name].append(f"{where}{message['message']} [{message.get('extract', '').strip()}]")
    return errors


def _build():
    from django.conf import settings
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail_localize.synctree import synchronize_tree

    from demo import factories
    from demo.registry import translate
    from digests.models import DigestPage
    from events.models import EventPage
    from festival.models import FestivalPage, FestivalPartner, SessionPage, SessionSpeaker
    from home.models import HomePage, Organisation, StandardPage
    from kennisbank.models import ArticlePage
    from tests.e2e.site import FESTIVAL_SLUG, REPAIR_CAFE, build_pages

    tree = shared_tree_objects()
    codes = {locale.language_code: locale for locale in Locale.objects.all()}
    build_pages(tree, codes, functools.partial(on_commit_now, translate))
    festival = FestivalPage.objects.get(slug=FESTIVAL_SLUG, locale=codes["nl"])
    festival.partner_links.add(
        FestivalPartner(organisation=Organisation.objects.get(slug="mienthuus", locale=codes["nl"]))
    )
    festival.save_revision().publish()
    session = SessionPage.objects.filter(locale=codes["nl"]).order_by("pk").first()
    session.speaker_links.add(SessionSpeaker(person=factories.PersonFactory(name="Anna Jansen")))
    session.save_revision().publish()
    # Images where pages show them: the home page's hero, a figure in a page's
    # body, an event's and an article's picture.
    image = get_image_model().objects.create(title="Dorp", file=get_test_image_file())
    home = HomePage.objects.get(locale=codes["nl"])
    home.hero_image, home.hero_image_alt = image, "Een dorp in de ochtend"
    about = StandardPage.objects.get(locale=codes["nl"], slug="over-ons")
    figure = {"image": {"image": image.pk, "alt_text": "Het dorpshuis", "decorative": False}}
    about.body = [{"type": "image", "value": {**figure, "caption": "Ons dorpshuis"}}]
    cafe = EventPage.objects.get(locale=codes["nl"], slug=REPAIR_CAFE)
    cafe.image = image
    article = ArticlePage.objects.get(locale=codes["nl"], slug="vijf-sterren")
    article.hero_image = image
    for page in (home, about, cafe, article):
        page.save_revision().publish()
    # The e-mail digest's page (German and English are aliases of it).
    home.add_child(instance=DigestPage(title="Nieuws per e-mail", slug="nieuws-per-e-mail"))
    for code in ("de", "en"):
        synchronize_tree(codes["nl"], codes[code])
    assert [code for code, _name in settings.LANGUAGES] == ["nl", "de", "en"]


def _paths(client):
    """(name, method, path, data) of every page type in every language, found from
    the pages of the built site (so the paths follow their slugs)."""
    from digests.models import DigestPage
    from events.models import EventIndexPage, EventPage, Occurrence
    from festival.models import FestivalPage, SessionPage
    from home.models import HomePage, StandardPage
    from kennisbank.models import ArticlePage, KennisbankIndexPage, OrganisationDirectoryPage
    from partners.models import PartnerIndexPage, PartnerPage
    from registration.models import Registration
    from registration.services import manage_token
    from submissions.models import SubmitActivityPage
    from tests.e2e.site import FESTIVAL_SLUG, FULL_WORKSHOP, REPAIR_CAFE, TRAVEL_EVENT

    def one(model, code, **filters):
        return model.objects.live().filter(locale__language_code=code, **filters).first()

    registration = Registration.objects.filter(secret__gt="").first()
    rows = []
    for code in ("nl", "de", "en"):
        home = one(HomePage, code)
        kennisbank = one(KennisbankIndexPage, code)
        directory = one(OrganisationDirectoryPage, code)
        calendar = one(EventIndexPage, code)
        cafe = one(EventPage, code, slug=REPAIR_CAFE)
        workshop = one(EventPage, code, slug=FULL_WORKSHOP)
        festival = one(FestivalPage, code, slug=FESTIVAL_SLUG)
        session = one(SessionPage, code, speaker_links__isnull=False)
        partner_pages = PartnerPage.objects.live().filter(locale__language_code=code)
        with translation.override(code):
            search = reverse("search")
        day = festival.start_date.isoformat()
        sub = festival.reverse_subpage
        village_day = one(EventPage, code, slug=TRAVEL_EVENT)
        dates = Occurrence.objects.filter(event_key=village_day.translation_key)
        travel_date = {"date": dates.first().pk}
        travel = village_day.url + village_day.reverse_subpage("travel_date", kwargs=travel_date)
        rows += [
            ("home", "get", home.url, None),
            *(("standard page", "get", p.url, None) for p in one_each(StandardPage, code)),
            ("knowledge base", "get", kennisbank.url, None),
            ("knowledge base, filtered", "get", kennisbank.url + "?theme=samenwerking&region=drenthe", None),
            ("knowledge base, nothing found", "get", kennisbank.url + "?q=zzzz&theme=samenwerking", None),
            ("theme page", "get", kennisbank.url + kennisbank.reverse_subpage("theme_view", kwargs={"slug": "samenwerking"}), None),
            *(("article", "get", p.url, None) for p in one_each(ArticlePage, code)),
            ("directory", "get", directory.url, None),
            ("directory, filtered", "get", directory.url + "?offer=money&region=drenthe", None),
            ("organisation", "get", directory.url + directory.reverse_subpage("organisation_view", kwargs={"slug": "provincie-drenthe"}), None),
            ("search", "get", search + "?q=" + {"de": "Dorf"}.get(code, "dorp"), None),
            ("search, nothing found", "get", search + "?q=nothing-matches-this", None),
            ("search, empty", "get", search, None),
            ("calendar", "get", calendar.url, None),
            ("calendar, filtered", "get", calendar.url + "?language=de", None),
            ("calendar, bad date", "get", calendar.url + "?end=9999-12-31", None),
            ("calendar month", "get", calendar.url + calendar.reverse_subpage("month", args=[day[:4], int(day[5:7])]), None),
            ("calendar archive", "get", calendar.url + calendar.reverse_subpage("archive"), None),
            ("event series", "get", cafe.url, None),
            ("event, full", "get", workshop.url, None),
            ("registration form with errors", "post", cafe.url + cafe.reverse_subpage("register"), {"email": "not an address"}),
            ("registration manage page", "get", cafe.url + cafe.reverse_subpage("registration_manage", kwargs={"token": manage_token(registration)}), None),
            ("festival", "get", festival.url, None),
            ("festival programme", "get", festival.url + sub("programme"), None),
            ("festival programme, filtered", "get", festival.url + sub("programme") + "?mode=online&language=en", None),
            ("festival day", "get", festival.url + sub("programme_day", kwargs={"day": day}), None),
            ("festival speakers", "get", festival.url + sub("speakers"), None),
            ("festival partner", "get", festival.url + sub("partner", kwargs={"slug": "mienthuus"}), None),
            ("festival session", "get", session.url, None),
            ("my programme, empty", "get", festival.url + sub("my_programme"), None),
            ("my programme", "get", festival.url + sub("my_programme") + "?sessions=" + ",".join(str(pk) for pk in festival_occurrences(festival)), None),
            ("travel together, a date", "get", travel, None),
            ("travel together, offer seats", "get", village_day.url + village_day.reverse_subpage("travel_offer", kwargs=travel_date), None),
            ("travel together, public transport", "get", village_day.url + village_day.reverse_subpage("travel_transit", kwargs=travel_date), None),
            ("add your activity", "get", one(SubmitActivityPage, code).url, None),
            ("add your activity with errors", "post", one(SubmitActivityPage, code).url, {"title": "x"}),
            ("e-mail digest", "get", one(DigestPage, code).url, None),
            ("partner section", "get", one(PartnerIndexPage, code).url, None),
            *(("partner page", "get", p.url, None) for p in partner_pages),
            ("not found", "get", f"/{code}/gibt-es-nicht/", None),
            ("bad request", "get", kennisbank.url + "?theme=%00", None),
        ]  # fmt: skip
    return rows


def one_each(model, code):
    return model.objects.live().filter(locale__language_code=code).order_by("path")


def festival_occurrences(festival):
    from events.models import Occurrence

    return Occurrence.objects.filter(event__in=festival.get_children().specific()).values_list(
        "pk", flat=True
    )[:3]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """(folder, {file name: (page type, path, status)}) of every page, rendered
    once; the invalid canary page as `invalid.html`."""
    from django.test import Client

    folder = tmp_path_factory.mktemp("html")
    pages = {}
    with built_once(django_db_blocker):
        on_commit_now(_build)
        client = Client(raise_request_exception=False)
        for i, (name, method, path, data) in enumerate(_paths(client)):
            response = getattr(client, method)(path, data or {})
            file = folder / f"page-{i:03d}.html"
            file.write_bytes(response.content)
            pages[file.name] = (name, path, response.status_code)
        (folder / "invalid.html").write_text(INVALID)
        yield folder, pages


EXPECTED_STATUS = {"not found": 404, "bad request": 400, "add your activity with errors": 400}


def test_every_page_type_renders_in_every_language(rendered):
    folder, pages = rendered
    wrong = [
        f"{name} {path}: {status}"
        for name, path, status in pages.values()
        if status != EXPECTED_STATUS.get(name, 200)
    ]
    assert wrong == []
    assert {path.split("/")[1] for _name, path, _status in pages.values()} == {"nl", "de", "en"}
    found = [
        path
        for file, (name, path, _status) in pages.items()
        if name == "search"
        and re.search(r'href="[^"]*/(vijf-sterren|fuenf-sterne)/"', (folder / file).read_text())
    ]
    assert len(found) == 3, "the search with results found nothing"


def test_every_page_type_is_valid_html_in_every_language(rendered):
    folder, pages = rendered
    errors = vnu_errors(sorted(folder.glob("*.html")))
    assert errors.pop("invalid.html"), "the checker did not report the invalid page"
    report = [
        f"{pages[file][0]} {pages[file][1]}: {message}"
        for file, messages in sorted(errors.items())
        for message in messages
    ]
    assert report == [], "\n".join(report)

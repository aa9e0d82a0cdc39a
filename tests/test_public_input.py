"""No 500 on any input: every public route, driven with generated query strings.

The routes are collected, not listed: the URLconf's public paths plus every live
page of a small factory-built site (knowledge base with an article and a theme,
organisation directory, calendar with an event, a festival with a session, a
partner page) with each of its sub-routes (routable pages). Hypothesis then
sends them parameters visitors can type: unicode digits, NUL and other control
characters, huge and tiny dates, long strings, repeated keys. Any 5xx, or an
exception, fails. The three crashes an audit found stay as named tests.
"""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils.translation import override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from demo import factories
from events.models import Occurrence
from festival.models import FestivalPage

pytestmark = pytest.mark.django_db

# Parameters the public views read, and a few they do not.
KNOWN_KEYS = [
    "sessions", "start", "end", "when", "type", "kind", "theme", "region", "organisation",
    "organiser", "language", "mode", "page", "q", "by", "day", "track", "format", "partner",
    "places", "done", "year", "month", "limit", "lang", "organization_id", "resource", "from", "event",
]  # fmt: skip
NASTY_VALUES = [
    "²", "١٢", "１２", "12,²,15", "\x00", "a\x00b", "9999-12-31", "0001-01-01", "10000-01-01",
    "2026-02-30", "-1", "0", "99999999999999999999999", "1e308", "NaN", "%00", "x" * 5000,
    "' OR 1=1 --", "<script>", "\ud7ff", "🙂", " ",
]  # fmt: skip
# Sample values for the path parameters of sub-routes ("month/<int:year>/…").
PATH_SAMPLES = {"year": "2026", "month": "5", "day": "2022-04-09"}


def _sub_paths(page):
    """A concrete path (without the page's own URL) for each route of `page`, its
    words in the page's language (a former address only redirects)."""
    paths = []
    for route in type(page).get_subpage_urls():
        with override(page.locale.language_code):
            pattern = str(route.pattern).lstrip("^").rstrip("$")
        pattern = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: PATH_SAMPLES.get(m[1], "x"), pattern)
        pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: PATH_SAMPLES.get(m[1], "x"), pattern)
        paths.append(pattern)
    return paths


def public_routes():
    """Every public path of the site as it stands in the database now."""
    routes = ["/sitemap.xml", "/robots.txt", "/healthz", "/nl/search/", "/de/search/"]
    # Routes of the URLconf outside the page tree: open data, the embed, ActivityPub.
    routes += [
        "/api/v1/nl/events/", "/api/v1/de/articles/", "/api/v1/en/organisations/",
        "/embed/calendar/", "/open-data/hsds/", "/open-data/hsds/services/",
        "/.well-known/webfinger", "/.well-known/nodeinfo", "/nodeinfo/2.1",
        "/ap/actors/netwerk", "/ap/actors/netwerk/outbox", "/ap/actors/netwerk/followers",
    ]  # fmt: skip
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if not url:
            continue
        routes.append(url)
        if isinstance(page, RoutablePageMixin):
            routes.extend(url + sub for sub in _sub_paths(page) if sub)
    return sorted(set(routes))


@pytest.fixture
def public_site(site_tree, locales):
    theme = factories.ThemeFactory(name="Lokaal voedsel", slug="lokaal-voedsel")
    organisation = factories.OrganisationFactory(name="KNHM", slug="knhm")
    factories.ArticlePageFactory(parent=site_tree["kennisbank"], slug="artikel")
    factories.EventPageFactory(parent=site_tree["calendar"], slug="repaircafe")
    festival = factories.FestivalPageFactory(parent=site_tree["home"], start_date=date(2022, 4, 9))
    factories.SessionPageFactory(parent=FestivalPage.objects.get(pk=festival.pk), slug="sessie")
    partners = factories.PartnerIndexPageFactory(parent=site_tree["home"])
    factories.PartnerPageFactory(parent=partners, slug="drenthe")
    routes = public_routes()
    # The sample values stand for real slugs where the route needs one.
    routes = [re.sub(r"(thema|theme)/x/", rf"\1/{theme.slug}/", r) for r in routes]
    routes += [site_tree["directory"].url + f"{organisation.slug}/"]
    return {"routes": routes, "occurrence": Occurrence.objects.first()}


def _get(client, path, pairs):
    return client.get(f"{path}?{urlencode(pairs)}")


def test_every_public_route_answers_nasty_parameters_without_a_server_error(public_site):
    client = Client()
    routes = public_site["routes"]
    assert len(routes) > 30  # the collection found the sub-routes, not just the pages
    failures = []
    dates = {"start": "0001-01-01", "end": "9999-12-31", "day": "9999-12-31"}
    for path in routes:
        for pairs in (
            [(key, dates.get(key, "²")) for key in KNOWN_KEYS],
            [(key, "\x00") for key in KNOWN_KEYS],
        ):
            status = _get(client, path, pairs).status_code
            if status >= 500:
                failures.append((path, pairs[0][1], status))
    assert failures == []

    keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8))
    values = st.one_of(
        st.sampled_from(NASTY_VALUES),
        st.text(max_size=40),
        st.text(alphabet=st.characters(categories=["Nd", "No"]), max_size=6),
        st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(str),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
    )

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(path=st.sampled_from(routes), pairs=st.lists(st.tuples(keys, values), max_size=6))
    def no_server_error(path, pairs):
        response = _get(client, path, pairs)
        assert response.status_code < 500, (path, pairs)

    no_server_error()


# -- The three crashes of the audit, by name -------------------------------------


def test_superscript_digit_in_sessions_is_ignored_by_festival_views(public_site, client):
    festival = FestivalPage.objects.get()
    programme, mine = (
        festival.reverse_subpage("programme"),
        festival.reverse_subpage("my_programme"),
    )
    for sub in ("", programme, mine, "my-programme/ical/", "ical/", "json/"):
        response = client.get(f"{festival.url}{sub}?sessions=²")
        assert response.status_code == 200, sub


def test_end_date_9999_12_31_is_a_form_error_not_an_overflow(site_tree, client):
    calendar = site_tree["calendar"].url
    for sub in ("", site_tree["calendar"].reverse_subpage("archive"), "ical/"):
        response = client.get(f"{calendar}{sub}?end=9999-12-31")
        assert response.status_code in (200, 400), sub
    page = client.get(f"{calendar}?end=9999-12-31").content.decode()
    assert "Kies een datum tussen 1900 en 2999." in page


@pytest.mark.parametrize("key", ["kind", "theme", "region", "organisation"])
def test_nul_byte_in_a_filter_is_a_translated_bad_request(site_tree, client, key):
    for page in (site_tree["kennisbank"], site_tree["directory"]):
        response = client.get(f"{page.url}?{key}=%00")
        assert response.status_code == 400
        assert "Dit adres kunnen we niet lezen" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.parametrize("key", ["kind", "theme", "region", "organisation"])
def test_nul_byte_in_a_filter_on_postgresql(site_tree, client, key):
    for page in (site_tree["kennisbank"], site_tree["directory"]):
        assert client.get(f"{page.url}?{key}=%00").status_code == 400


def test_superscript_digit_as_the_outbox_page_is_a_bad_request(public_site, client):
    """Found by this file's fuzzing once the outbox was among the routes."""
    response = client.get("/ap/actors/netwerk/outbox?page=²")
    assert response.status_code == 400
    assert client.get("/ap/actors/netwerk/outbox?page=1").status_code == 200

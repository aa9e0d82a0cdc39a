"""What the programme's fast read (`festival.sessions.load_sessions`) must keep:
Wagtail's own addresses in every language and on a second site, the places
left as the registration form counts them (a whole-series registration too),
and a number of queries that does not grow with the programme, also for a
day's timetable in a festival of several days."""

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import translation
from recurrence import deserialize
from wagtail.models import Locale, Page, Site

from festival.models import FestivalRoom, FestivalTrack, SessionPage
from festival.sessions import load_sessions, session_days
from home.routing import page_urls
from registration.services import confirmed_by_occurrence, decide
from tests.events.conftest import local
from tests.festival.test_festival_views import (
    add_festival,
    add_session,
    at,
    built_festival,
    festival,
    synchronise,
)
from tests.registration.registration_support import first_date, registration_on, sign_up

__all__ = ["built_festival", "festival"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_session_addresses_are_wagtails_in_every_language(festival, rf, language):
    request = rf.get(f"/{language}/")
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        sessions = load_sessions(festival["page"], request, locale=locale)
        expected = [Page.objects.get(pk=s.page.pk).get_url(request) for s in sessions]
    assert [s.url for s in sessions] == expected
    assert all(url.startswith(f"/{language}/") for url in expected)


@override_settings(ALLOWED_HOSTS=["*"])
def test_page_addresses_follow_wagtail_on_a_site_whose_root_differs(festival, rf):
    """A second site whose root is the festival: the sessions' addresses are
    relative to the site of the request and full on the other, as Wagtail's."""
    page = festival["page"]
    Site.objects.create(hostname="programme.example", port=80, root_page=page)
    pages = [
        *Page.objects.descendant_of(page, inclusive=True).order_by("path"),
        Page.objects.get(pk=page.get_parent().pk),
    ]
    opening = festival["sessions"]["opening"]
    seen = {}
    for host in ("testserver", "programme.example"):
        request = rf.get("/", HTTP_HOST=host)
        expected = {p.pk: p.get_url(request) for p in pages}
        assert page_urls(pages, request) == expected, host
        seen[host] = expected[opening.pk]
    assert seen == {"testserver": "/nl/festival/opening/", "programme.example": "/nl/opening/"}


def test_places_left_are_the_forms(festival, monkeypatch):
    """Two of the workshop's two places taken: none left; the other dates
    with registration keep theirs."""
    at(monkeypatch, local(2022, 4, 1, 12, 0))
    workshop = festival["sessions"]["wonen"]
    sign_up(first_date(workshop), 1)
    sign_up(first_date(workshop), 2)
    sessions = {s.title: s for s in load_sessions(festival["page"], locale="nl")}
    assert sessions["Samen wonen"].places.places_left == 0
    assert sessions["Samen wonen"].places.code == "waiting"
    assert sessions["Digital villages"].places.places_left == 10
    assert sessions["Opening"].places is None


def test_a_whole_series_registration_takes_a_place_on_every_date(festival, monkeypatch):
    at(monkeypatch, local(2022, 4, 1, 12, 0))
    page = festival["page"]
    series = SessionPage(
        title="Leerkring",
        slug="leerkring",
        start=local(2022, 4, 9, 16, 0),
        end=local(2022, 4, 9, 17, 0),
        recurrence=deserialize("RRULE:FREQ=DAILY;COUNT=2"),
        capacity=3,
        registration_settings=registration_on(scope="series", max_places=2),
    )
    page.add_child(instance=series)
    series.save_revision().publish()
    sign_up(first_date(series), 1, places=2)
    dates = [s for s in load_sessions(page, locale="nl") if s.title == "Leerkring"]
    assert len(dates) == 2
    assert [s.places.places_left for s in dates] == [1, 1]
    # The rule the registration form asks, for the second date.
    second = dates[1].occurrence
    counted = confirmed_by_occurrence([second.pk], series={second.pk: second.event_key})
    state = decide(dates[1].source, second, confirmed=counted[second.pk])
    assert state.places_left == dates[1].places.places_left


def add_days(page, days, per_day, name):
    rooms = list(page.rooms.all())
    for day in range(days):
        for n in range(per_day):
            add_session(
                page,
                f"{name} {day}-{n}",
                local(2030, 6, 7 + day, 10 + n % 6, 15 * (n % 4)),
                30 + 15 * (n % 3),
                room=rooms[n % len(rooms)],
                capacity=20 if n % 4 == 0 else None,
            )


def views(page):
    base = page.url
    first = page.start_date.isoformat()
    return [
        base + page.reverse_subpage("programme"),
        base + page.reverse_subpage("programme_day", kwargs={"day": first}),
        base + page.reverse_subpage("programme_day", kwargs={"day": first}) + "?by=track",
    ]


def test_list_and_day_grid_cost_the_same_queries_with_more_sessions_and_days(
    client, site_tree, django_assert_max_num_queries, django_assert_num_queries
):
    """A festival of two days grows to five with more sessions a day: the
    programme list and the first day's grid ask the same queries (at most 30)."""
    page = add_festival(
        site_tree["home"], slug="lang-festival", start=date(2030, 6, 7), end=date(2030, 6, 11)
    )
    for n in (1, 2):
        FestivalRoom.objects.create(
            page=page, name=f"Zaal {n}", slug=f"zaal-{n}", locale=page.locale
        )
    FestivalTrack.objects.create(page=page, name="Wonen", slug="wonen", locale=page.locale)
    add_days(page, 2, 3, "Sessie")
    synchronise()
    counts = {}
    for url in views(page):
        assert client.get(url).status_code == 200, url
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts[url] = len(captured)
    add_days(page, 5, 6, "Extra")
    assert [d.isoformat() for d in session_days(page)] == [
        (date(2030, 6, 7) + timedelta(days=n)).isoformat() for n in range(5)
    ]
    for url in views(page):
        client.get(url)
        with django_assert_num_queries(counts[url]):
            response = client.get(url)
        assert response.status_code == 200
    grid = client.get(views(page)[1]).content.decode()
    assert "Extra 0-5" in grid and "Sessie 0-2" in grid and "Sessie 1-0" not in grid

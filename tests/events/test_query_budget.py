"""The calendar and its filtered views, the month view, the feed and the home
section cost a fixed number of queries, whatever the number of events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPageTheme, EventType
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

URLS = [
    "/nl/agenda/",
    "/nl/agenda/?theme=lokaal-voedsel&mode=onsite&language=de&region=country-DE",
    "/nl/agenda/?when=month&type=workshop",
    "/nl/agenda/maand/2026/12/",
    "/nl/agenda/archief/",
    "/nl/agenda/ical/",
    "/nl/agenda/ical/?theme=lokaal-voedsel",
    "/de/veranstaltungen/",
]
# What the calendar may add to the queries any page of the site costs (Wagtail's
# page serving and base.html's site text, menu, breadcrumbs and languages).
# The list groups series: one query for a page of events, one for their dates
# (cheaper than ranking every date in one query: 12 ms against 52 ms for the
# count at 10,000 dates).
OWN_BUDGET = 9
# An event page: eight (it groups nothing), plus its registration settings and
# its travel-together rows (one query each, asked through the events app's hooks).
EVENT_PAGE_BUDGET = 8 + 1 + 1


def plain_page_queries(client):
    client.get("/nl/over-ons/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/nl/over-ons/")
    return len(queries)


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def add_events(make_event, theme, count, offset):
    workshop, _ = EventType.objects.get_or_create(
        name="Workshop", slug="workshop", locale=theme.locale
    )
    for n in range(offset, offset + count):
        start = local(2026, 12, 1, 10, 0) + timedelta(days=n % 25, hours=n % 5)
        event = make_event(
            title=f"Evenement {n}",
            slug=f"evenement-{n}",
            start=start,
            end=start + timedelta(hours=2),
            rule="RRULE:FREQ=WEEKLY;COUNT=20" if n % 5 == 0 else None,
            languages="nl,de",
            event_type=workshop,
            online_url="https://meet.example/x" if n % 3 == 0 else "",
            publish=False,
        )
        event.theme_links.add(EventPageTheme(theme=theme))
        event.save_revision().publish()


def query_counts(client):
    counts = {}
    for url in URLS:
        client.get(url)  # warm Wagtail's site-root cache, like any running site
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_calendar_views_cost_the_same_queries_for_5_and_40_events(
    client, make_event, theme, frozen_now
):
    add_events(make_event, theme, 5, 0)
    few = query_counts(client)
    add_events(make_event, theme, 35, 5)
    many = query_counts(client)
    assert many == few
    baseline = plain_page_queries(client)
    assert max(few.values()) - baseline <= OWN_BUDGET, (baseline, few)


def test_event_page_query_count_does_not_grow_with_its_dates(client, make_event, frozen_now):
    make_event(title="Kort", slug="kort", rule="RRULE:FREQ=WEEKLY;COUNT=2")
    make_event(title="Lang", slug="lang", rule="RRULE:FREQ=DAILY;COUNT=300")
    counts = []
    for url in ("/nl/agenda/kort/", "/nl/agenda/lang/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] - plain_page_queries(client) <= EVENT_PAGE_BUDGET

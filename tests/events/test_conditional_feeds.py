"""Feeds that cost nothing to poll: every .ics answers a client that has it
with 304 (If-None-Match, If-Modified-Since), a change makes a new version, and
a repeat request for an unchanged file is answered from the stored body
without building it again."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from events.models import OccurrenceException
from events.services import add_exception
from home.models import Theme
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 24, 9, 0)
WEEKLY = "RRULE:FREQ=WEEKLY;COUNT=6"


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves: a change is later than the version before it."""
    state = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])

    def tick(minutes=5):
        state["now"] += timedelta(minutes=minutes)

    return tick


@pytest.mark.parametrize(
    "url",
    ["/nl/agenda/ical/", "/nl/agenda/ical/?mode=onsite", "/nl/agenda/wekelijks/ical/"],
)
def test_a_repeat_request_gets_the_stored_file(client, make_event, clock, url):
    make_event(title="Wekelijks", slug="wekelijks", start=local(2026, 12, 2, 19, 0), rule=WEEKLY)

    with CaptureQueriesContext(connection) as built:
        first = client.get(url)
    assert first.status_code == 200 and b"BEGIN:VEVENT" in first.content
    with CaptureQueriesContext(connection) as stored:
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Disposition"] == first["Content-Disposition"]
    # Not built again: only finding the page and the one query of its version.
    assert len(stored) < len(built)
    with CaptureQueriesContext(connection) as not_modified:
        answer = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert answer.status_code == 304 and answer.content == b""
    assert len(stored) == len(not_modified)
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_cancelling_a_date_makes_a_new_version(client, make_event, clock):
    event = make_event(
        title="Wekelijks", slug="wekelijks", start=local(2026, 12, 2, 19, 0), rule=WEEKLY
    )
    urls = ["/nl/agenda/ical/", "/nl/agenda/wekelijks/ical/"]
    before = {url: client.get(url) for url in urls}
    assert all(b"EXDATE" not in r.content for r in before.values())
    clock()
    add_exception(event, day=date(2026, 12, 9), action=OccurrenceException.Action.CANCEL)
    for url in urls:
        after = client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"])
        assert after.status_code == 200, url
        assert after["ETag"] != before[url]["ETag"]
        assert b"20261209" in after.content and after.content != before[url].content
        assert after["Last-Modified"] == http_date((NOW + timedelta(minutes=5)).timestamp())


def test_publishing_an_event_makes_a_new_version(client, make_event, clock):
    make_event(title="Eerste", slug="eerste")
    first = client.get("/nl/agenda/ical/")
    clock()
    make_event(title="Tweede", slug="tweede", start=local(2026, 12, 13, 10, 0))
    again = client.get("/nl/agenda/ical/")
    assert again["ETag"] != first["ETag"]
    assert b"SUMMARY:Tweede" in again.content and b"SUMMARY:Tweede" not in first.content


def test_every_language_and_filter_is_a_file_of_its_own(client, make_event, clock):
    make_event(title="Eerste", slug="eerste")
    nl = client.get("/nl/agenda/ical/")
    de = client.get("/de/veranstaltungen/ical/")
    filtered = client.get("/nl/agenda/ical/?mode=online")
    assert len({nl["ETag"], de["ETag"], filtered["ETag"]}) == 3
    assert b"SUMMARY:Eerste" not in filtered.content  # at a venue, not online


def test_a_client_that_has_the_file_costs_finding_the_page(
    client, make_event, clock, django_assert_max_num_queries
):
    """The version and the filter menus are kept per version of the event
    lists, the calendar page's type per cache generation: a poll that changes
    nothing reads the calendar page, nothing else."""
    make_event(title="Eerste", slug="eerste")
    url = "/nl/agenda/ical/?mode=onsite"
    first = client.get(url)
    with django_assert_max_num_queries(1):
        answer = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert answer.status_code == 304
    with django_assert_max_num_queries(1):
        again = client.get(url)
    assert again.content == first.content


def test_a_new_theme_is_a_filter_at_once(client, make_event, clock):
    make_event(title="Eerste", slug="eerste")
    assert "Nieuw thema" not in client.get("/nl/agenda/").content.decode()
    Theme.objects.create(name="Nieuw thema", slug="nieuw-thema")
    assert "Nieuw thema" in client.get("/nl/agenda/").content.decode()
    filtered = client.get("/nl/agenda/ical/?theme=nieuw-thema")
    assert filtered.status_code == 200 and b"SUMMARY:Eerste" not in filtered.content


def test_a_deleted_event_has_no_file_and_its_address_can_be_reused(client, make_event, clock):
    event = make_event(title="Wekelijks", slug="wekelijks", rule=WEEKLY)
    assert client.get("/nl/agenda/wekelijks/ical/").status_code == 200
    event.delete()
    assert client.get("/nl/agenda/wekelijks/ical/").status_code == 404
    clock()
    make_event(title="Opnieuw", slug="wekelijks")
    again = client.get("/nl/agenda/wekelijks/ical/")
    assert again.status_code == 200 and b"SUMMARY:Opnieuw" in again.content

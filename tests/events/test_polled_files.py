"""Calendar files and feeds are found by their page's address in one query
(two the first time; home.routing.polled_file), not by Wagtail's walk down the
tree: an event's .ics asked again costs at most five queries, and what
Wagtail's own routing would do still holds (view restrictions, also through an
alias; 404s; sub-pages)."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.synctree import synchronize_tree

from home.routing import full_urls
from tests.events.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly(make_event):
    return make_event(
        title="Repaircafé",
        slug="repaircafe",
        start=local(2026, 12, 20, 10),
        rule="RRULE:FREQ=WEEKLY;COUNT=5",
    )


def test_an_events_calendar_file_asked_again_costs_five_queries(
    client, weekly, django_assert_max_num_queries
):
    url = weekly.url + "ical/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    with django_assert_max_num_queries(5):
        again = client.get(url)
    assert again.content == first.content
    with django_assert_max_num_queries(5):
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304


def test_the_file_follows_the_event_and_its_page_not_a_guess(client, weekly):
    body = client.get(weekly.url + "ical/").content.decode()
    assert "SUMMARY:Repaircafé" in body
    assert "RRULE:FREQ=WEEKLY;COUNT=5" in body
    assert client.get("/nl/agenda/bestaat-niet/ical/").status_code == 404
    assert client.get("/nl/bestaat/ook/niet/feed/").status_code == 404
    # The calendar's own file is the calendar page's, not an event's.
    calendar_file = client.get("/nl/agenda/ical/")
    assert calendar_file.status_code == 200
    assert "SUMMARY:Repaircafé" in calendar_file.content.decode()


def test_a_restricted_event_keeps_its_file_to_itself(client, weekly):
    PageViewRestriction.objects.create(page=weekly, restriction_type="password", password="x")
    response = client.get(weekly.url + "ical/")
    assert b"BEGIN:VCALENDAR" not in response.content
    assert response.status_code == 200  # the password form, as the page itself answers


def test_a_restriction_above_the_event_holds_for_it(client, weekly, calendar):
    PageViewRestriction.objects.create(page=calendar, restriction_type="login")
    response = client.get(weekly.url + "ical/")
    assert response.status_code == 302  # to the login
    assert b"BEGIN:VCALENDAR" not in response.content


def test_an_alias_in_another_language_answers_with_its_sources_restriction(client, weekly):
    nl, de = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="de")
    synchronize_tree(nl, de)
    alias = weekly.get_translation(de)
    assert alias.alias_of_id == weekly.pk
    assert b"BEGIN:VCALENDAR" in client.get(alias.url + "ical/").content

    PageViewRestriction.objects.create(page=weekly, restriction_type="login")
    for page in (weekly, alias):
        response = client.get(page.url + "ical/")
        assert response.status_code == 302, page.url
        assert b"BEGIN:VCALENDAR" not in response.content


def test_many_pages_urls_are_wagtails_at_one_lookup_per_parent(
    make_event, calendar, rf, django_assert_max_num_queries
):
    """A feed of many events writes each event's address (`home.routing.full_urls`)
    from its siblings' instead of asking Wagtail for each; the addresses are
    Wagtail's own, also for slugs with letters that need quoting, for pages
    under another parent and for the site's root page."""
    events = [
        make_event(title=title, slug=slug)
        for title, slug in (("Eröffnung", "eröffnung"), ("Café", "repair-café"), ("Moes", "moes"))
    ]
    nested = make_event(title="Onder", slug="onder")
    nested.move(events[2], pos="last-child")
    pages = [Page.objects.get(pk=p.pk) for p in [*events, nested, calendar, calendar.get_parent()]]
    request = rf.get("/")
    expected = {page.pk: page.get_full_url(request) for page in pages}
    assert expected[events[0].pk].endswith("/agenda/er%C3%B6ffnung/")
    with django_assert_max_num_queries(0):
        assert full_urls(pages, request) == expected

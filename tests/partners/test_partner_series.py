"""A partner page and the partner index list a series of workshops once (its
rule, next date and number of dates), not once per date, in a fixed number of
queries however many series and dates."""

import pytest
import recurrence
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from events.models import EventPage, OccurrenceException
from tests.events.conftest import series_text
from tests.partners.test_partners import in_future, soup

pytestmark = pytest.mark.django_db


def add_series(parent, title, slug, venue, days=3, rule="RRULE:FREQ=WEEKLY;COUNT=6", cancel=()):
    start, end = in_future(days)
    page = EventPage(
        title=title,
        slug=slug,
        start=start,
        end=end,
        venue=venue,
        recurrence=recurrence.deserialize(rule),
    )
    parent.add_child(instance=page)
    for day in cancel:
        page.exceptions.add(OccurrenceException(date=day, action="cancel"))
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def event_rows(page):
    return [
        (
            item.select_one(".event-item__title").get_text(strip=True),
            series_text(item),
        )
        for item in page.select(".pt-events .event-item")
    ]


@pytest.fixture
def workshops(partner_tree):
    german = partner_tree["german"]
    kranenburg = partner_tree["venues"]["kranenburg"]
    venue = kranenburg.get_translation(Locale.objects.get(language_code="de"))
    return add_series(german, "Werkstattreihe Reparieren", "werkstattreihe", venue)


def test_partner_page_lists_a_workshop_series_once(client, partner_tree, workshops):
    rows = event_rows(soup(client.get("/de/partner/mienthuus/")))
    titles = [title for title, _line in rows]
    assert titles.count("Werkstattreihe Reparieren") == 1
    [line] = [line for title, line in rows if title == "Werkstattreihe Reparieren"]
    assert line.startswith("Jeden ")
    assert "nächster: " in line and line.endswith(" · 6 Termine"), line
    # The single events keep their own rows, without a series line.
    assert ("Werkstatt Online-Dorfplatz", "") in rows
    # The Dutch page of the same partner says it in Dutch.
    rows = event_rows(soup(client.get("/nl/partners/mienthuus/")))
    [line] = [line for title, line in rows if "Werkstattreihe" in title]
    assert line.startswith("Elke ") and line.endswith(" · 6 data"), line


def test_partner_index_lists_each_series_once(client, partner_tree, workshops):
    rows = event_rows(soup(client.get("/nl/partners/")))
    assert [title for title, _line in rows].count("Werkstattreihe Reparieren") == 1


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_partner_pages_cost_the_same_with_one_or_six_series(
    client, partner_tree, workshops, django_assert_max_num_queries
):
    urls = ["/de/partner/mienthuus/", "/nl/partners/"]
    few = {url: queries(client, url) for url in urls}
    german = partner_tree["german"]
    venue = workshops.venue
    for n in range(5):
        add_series(
            german, f"Reihe {n}", f"reihe-{n}", venue, days=4 + n, rule="RRULE:FREQ=DAILY;COUNT=9"
        )
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(few[url]):
            page = soup(client.get(url))
        assert len(page.select(".pt-events .event-item__series")) >= 5

"""Theme and organisation pages list the upcoming events on that theme / by
that organisation (drawn by the events app through the `RELATED_SECTIONS`
hook) with a series once: its rule, next date and number of dates, in the
page's language and in a fixed number of queries."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPageOrganiser, EventPageTheme, OccurrenceException
from tests.events import conftest as event_fixtures
from tests.events.conftest import local, series_text
from tests.kennisbank.conftest import make_organisation

# The calendar's fixtures: these pages show events through the events app's hook.
calendar = event_fixtures.calendar
venue = event_fixtures.venue
make_event = event_fixtures.make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def mienthuus(taxonomy):
    return make_organisation("Mienthuus", "mienthuus", kind="initiative", german={})


def linked(page, theme=None, organisation=None, exceptions=()):
    if theme is not None:
        page.theme_links.add(EventPageTheme(theme=theme))
    if organisation is not None:
        page.organiser_links.add(EventPageOrganiser(organisation=organisation))
    for exception in exceptions:
        page.exceptions.add(exception)
    page.save_revision().publish()
    return page


@pytest.fixture
def events(make_event, taxonomy, mienthuus, frozen_now):
    theme = taxonomy["themes"]["lokaal-voedsel"]
    repair = make_event(
        title="Repaircafé",
        slug="repaircafe",
        start=local(2026, 12, 12, 10, 0),
        end=local(2026, 12, 12, 13, 0),
        rule="RRULE:FREQ=MONTHLY;BYDAY=2SA;COUNT=6",
        publish=False,
    )
    # Its first date is cancelled: the next one is 9 January, five dates remain.
    linked(
        repair,
        theme,
        mienthuus,
        [OccurrenceException(date=date(2026, 12, 12), action="cancel")],
    )
    single = make_event(
        title="Oogstfeest",
        slug="oogstfeest",
        start=local(2026, 12, 19, 15, 0),
        end=local(2026, 12, 19, 18, 0),
        publish=False,
    )
    linked(single, theme, mienthuus)
    return {"repair": repair, "single": single}


def rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".event-item__title").get_text(strip=True),
            series_text(item),
        )
        for item in page.select(".upcoming-events .event-item")
    ]


def test_theme_page_lists_a_series_once_with_its_next_date(client, events):
    assert rows(client, "/nl/kennisbank/thema/lokaal-voedsel/") == [
        ("Oogstfeest", ""),
        (
            "Repaircafé",
            "Elke 2e zaterdag van de maand, 10:00–13:00 · volgende: za 9 jan · 5 data",
        ),
    ]
    assert rows(client, "/de/wissensdatenbank/thema/lokaal-voedsel/")[1][1] == (
        "Jeden 2. Samstag im Monat, 10:00–13:00 · nächster: Sa., 9. Jan. · 5 Termine"
    )


def test_organisation_page_lists_its_series_once(client, events, directory):
    listed = rows(client, "/nl/wie-kan-helpen/mienthuus/")
    assert [title for title, _line in listed] == ["Oogstfeest", "Repaircafé"]
    assert listed[1][1].endswith("· 5 data")


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_theme_and_organisation_pages_cost_the_same_with_more_series(
    client, events, directory, make_event, taxonomy, mienthuus, django_assert_max_num_queries
):
    urls = ["/nl/kennisbank/thema/lokaal-voedsel/", "/nl/wie-kan-helpen/mienthuus/"]
    few = {url: queries(client, url) for url in urls}
    for n in range(6):
        page = make_event(
            title=f"Reeks {n}",
            slug=f"reeks-{n}",
            start=local(2026, 12, 1 + n, 9, 0),
            end=local(2026, 12, 1 + n, 11, 0),
            rule="RRULE:FREQ=DAILY;COUNT=12",
            publish=False,
        )
        linked(page, taxonomy["themes"]["lokaal-voedsel"], mienthuus)
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(few[url]):
            response = client.get(url)
        page = BeautifulSoup(response.content, "html.parser")
        # Four rows (the pages' limit), each a different series.
        titles = [a.get_text(strip=True) for a in page.select(".upcoming-events h3 a")]
        assert len(titles) == len(set(titles)) == 4

"""The calendar list shows a series once (its rule, next matching date and
number of dates) with a switch to every date; filters, the period, paging and
the count follow what is shown; cancelled and moved dates; nl/de/en texts."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
import recurrence
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventPageTheme, OccurrenceException
from home.models import Theme, Venue
from tests.conftest import built_once, fresh, pks, shared_tree_objects
from tests.events.conftest import local, make_venue, series_text

pytestmark = pytest.mark.django_db


NOW = local(2026, 11, 24, 9, 0)


def add_event(calendar, title, slug, start, hours, rule=None, exceptions=(), **fields):
    page = EventPage(
        title=title,
        slug=slug,
        start=start,
        end=start + timedelta(hours=hours),
        recurrence=recurrence.deserialize(rule) if rule else None,
        **fields,
    )
    calendar.add_child(instance=page)
    for exception in exceptions:
        page.exceptions.add(exception)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def built_calendar(django_db_setup, django_db_blocker):
    """A calendar (as of 24 November 2026) with:
    - Repaircafé: every 2nd Saturday 10:00–13:00, six dates from 12 Dec, in
      Germany, on the theme "Lokaal voedsel"; 13 Feb moved to 14:00–17:00;
    - Taalcafé: every Tuesday 19:00–21:00, eight dates from 1 Dec, in the
      Netherlands; 1 Dec cancelled;
    - Afgelaste cursus: two dates (5 and 12 Dec), both cancelled;
    - Leerkring: one date, 3 Dec; Lezing: one date, 4 Dec, cancelled.
    """
    with built_once(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: NOW)
        calendar = shared_tree_objects()["calendar"]
        germany = make_venue()
        holland = Venue.objects.create(
            name="Bibliotheek",
            city="Nijmegen",
            country="NL",
            latitude=Decimal("51.84"),
            longitude=Decimal("5.86"),
        )
        theme = Theme.objects.create(name="Lokaal voedsel", slug="lokaal-voedsel")
        repair = add_event(
            calendar,
            "Repaircafé",
            "repaircafe",
            local(2026, 12, 12, 10, 0),
            3,
            "RRULE:FREQ=MONTHLY;BYDAY=2SA;COUNT=6",
            [
                OccurrenceException(
                    date=date(2027, 2, 13),
                    action="move",
                    new_start_time=time(14, 0),
                    new_end_time=time(17, 0),
                )
            ],
            venue=germany,
        )
        repair.theme_links.add(EventPageTheme(theme=theme))
        repair.save_revision().publish()
        add_event(
            calendar,
            "Taalcafé",
            "taalcafe",
            local(2026, 12, 1, 19, 0),
            2,
            "RRULE:FREQ=WEEKLY;COUNT=8",
            [OccurrenceException(date=date(2026, 12, 1), action="cancel")],
            venue=holland,
        )
        add_event(
            calendar,
            "Afgelaste cursus",
            "afgelaste-cursus",
            local(2026, 12, 5, 14, 0),
            2,
            "RRULE:FREQ=WEEKLY;COUNT=2",
            [
                OccurrenceException(date=date(2026, 12, 5), action="cancel"),
                OccurrenceException(date=date(2026, 12, 12), action="cancel"),
            ],
            venue=holland,
        )
        add_event(calendar, "Leerkring", "leerkring", local(2026, 12, 3, 19, 0), 2, venue=holland)
        add_event(
            calendar,
            "Lezing",
            "lezing",
            local(2026, 12, 4, 20, 0),
            1,
            exceptions=[OccurrenceException(date=date(2026, 12, 4), action="cancel")],
            venue=holland,
        )
        yield pks({"calendar": calendar})


@pytest.fixture
def tree(built_calendar, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return fresh(built_calendar)


def rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return page, [
        {
            "day": item.find_parent("li", class_="day-list__day").time["datetime"],
            "title": item.select_one(".event-item__title").get_text(strip=True),
            "href": item.select_one(".event-item__title a")["href"],
            "time": item.select_one(".event-item__time").get_text(strip=True),
            "series": series_text(item),
            "cancelled": item.find("del") is not None,
        }
        for item in page.select(".day-list .event-item")
    ]


def titles(found):
    return [row["title"] for row in found]


def test_a_series_is_one_row_with_its_rule_next_date_and_number_of_dates(client, tree):
    page, found = rows(client, "/nl/agenda/")
    assert titles(found) == ["Leerkring", "Lezing", "Taalcafé", "Repaircafé"]
    taal, repair = found[2], found[3]
    # Its first date is cancelled: the row is the next one, the count leaves it out.
    assert taal["day"] == "2026-12-08"
    assert taal["series"] == "Elke dinsdag, 19:00–21:00 · volgende: di 8 dec · 7 data"
    assert repair["series"] == (
        "Elke 2e zaterdag van de maand, 10:00–13:00 · volgende: za 12 dec · 6 data"
    )
    # On a phone the line wraps between its parts, never inside a date or count.
    raw = page.select(".event-item__series")[-1].get_text()
    assert "za\u00a012\u00a0dec" in raw and "6\u00a0data" in raw
    assert repair["href"] == "/nl/agenda/repaircafe/"
    assert repair["time"] == "10:00–13:00"
    # Single dates stay as they are, a cancelled one struck through.
    assert found[0]["series"] == found[1]["series"] == ""
    assert found[1]["cancelled"] and not found[0]["cancelled"]
    assert page.select_one(".search-count").get_text(strip=True) == "4 resultaten"


def test_a_series_cancelled_in_the_whole_period_is_left_out(client, tree):
    _page, grouped = rows(client, "/nl/agenda/")
    assert "Afgelaste cursus" not in titles(grouped)
    _page, every = rows(client, "/nl/agenda/?dates=all")
    assert titles(every).count("Afgelaste cursus") == 2


def test_every_date_view_lists_each_date_and_counts_dates(client, tree):
    page, found = rows(client, "/nl/agenda/?dates=all")
    assert titles(found).count("Repaircafé") == 6
    assert titles(found).count("Taalcafé") == 8
    assert all(row["series"] == "" for row in found)
    # 6 + 8 + 2 + 1 + 1 dates; the calendar shows 20 a page.
    assert page.select_one(".search-count").get_text(strip=True) == "18 data"


def test_switch_keeps_the_filters_and_the_form_and_chips_keep_the_choice(client, tree):
    page, _found = rows(client, "/nl/agenda/?region=country-NL&page=1")
    switch = page.select_one(".results-bar__switch a")
    assert switch.get_text(strip=True) == "Toon elke datum"
    assert switch["href"] == "/nl/agenda/?region=country-NL&dates=all"

    page, found = rows(client, switch["href"])
    assert titles(found).count("Taalcafé") == 8
    back = page.select_one(".results-bar__switch a")
    assert back.get_text(strip=True) == "Series samenvoegen"
    assert back["href"] == "/nl/agenda/?region=country-NL"
    form = page.select_one("form.event-filters")
    assert form.select_one('input[type=hidden][name="dates"]')["value"] == "all"
    [chip] = page.select(".active-filters a.chip")
    assert chip["href"] == "?dates=all"
    # Without the choice the form carries nothing extra.
    page, _found = rows(client, "/nl/agenda/?region=country-NL")
    assert page.select_one('form.event-filters input[name="dates"]') is None


def test_filters_apply_to_the_dates_of_a_series(client, tree):
    _page, found = rows(client, "/nl/agenda/?theme=lokaal-voedsel")
    assert titles(found) == ["Repaircafé"]
    _page, found = rows(client, "/nl/agenda/?region=country-NL")
    assert titles(found) == ["Leerkring", "Lezing", "Taalcafé"]
    # From January: the next matching date and the dates left in the period.
    _page, found = rows(client, "/nl/agenda/?start=2027-01-01")
    assert titles(found) == ["Taalcafé", "Repaircafé"]
    assert found[0]["day"] == "2027-01-05"
    assert found[0]["series"].endswith("volgende: di 5 jan · 3 data")
    assert found[1]["day"] == "2027-01-09"
    assert found[1]["series"].endswith("volgende: za 9 jan · 5 data")


def test_a_series_with_one_date_in_the_period_shows_that_date(client, tree):
    _page, found = rows(client, "/nl/agenda/?start=2026-12-10&end=2026-12-14")
    # Afgelaste cursus has one date in the period, cancelled: a series, so left out.
    assert titles(found) == ["Repaircafé"]
    assert found[0]["series"] == ""
    assert found[0]["day"] == "2026-12-12"
    _page, every = rows(client, "/nl/agenda/?start=2026-12-10&end=2026-12-14&dates=all")
    assert [(row["title"], row["cancelled"]) for row in every] == [
        ("Repaircafé", False),
        ("Afgelaste cursus", True),
    ]


def test_a_moved_next_date_shows_its_own_time(client, tree):
    page, found = rows(client, "/nl/agenda/?start=2027-02-01&theme=lokaal-voedsel")
    [repair] = found
    assert repair["day"] == "2027-02-13"
    assert repair["time"] == "14:00–17:00"
    assert repair["series"] == (
        "Elke 2e zaterdag van de maand, 10:00–13:00 · "
        "volgende: za 13 feb, verplaatst naar 14:00–17:00 · 4 data"
    )
    assert page.select_one(".event-item--moved .badge--moved")


@pytest.mark.parametrize(
    ("url", "line", "count", "switch"),
    [
        (
            "/de/veranstaltungen/",
            "Jeden 2. Samstag im Monat, 10:00–13:00 · nächster: Sa., 12. Dez. · 6 Termine",
            "4 Ergebnisse",
            "Jeden Termin zeigen",
        ),
        (
            "/en/events/",
            "Every 2nd Saturday of the month, 10:00–13:00 · next: Sat 12 Dec · 6 dates",
            "4 results",
            "Show every date",
        ),
    ],
)
def test_series_line_in_german_and_english(client, tree, url, line, count, switch):
    page, found = rows(client, url)
    assert [row["series"] for row in found if row["series"]][-1] == line
    assert page.select_one(".search-count").get_text(strip=True) == count
    assert page.select_one(".results-bar__switch a").get_text(strip=True) == switch


def test_paging_and_count_follow_the_grouped_rows(client, tree):
    EventIndexPage.objects.filter(translation_key=tree["calendar"].translation_key).update(
        per_page=3
    )
    page, first = rows(client, "/nl/agenda/")
    assert titles(first) == ["Leerkring", "Lezing", "Taalcafé"]
    assert page.select_one(".search-count").get_text(strip=True) == "4 resultaten"
    assert "2" in page.select_one(".pagination [aria-current]").get_text()
    _page, second = rows(client, "/nl/agenda/?page=2")
    assert titles(second) == ["Repaircafé"]
    page, every = rows(client, "/nl/agenda/?dates=all&page=2")
    assert len(every) == 3
    assert "van 6" in page.select_one(".pagination [aria-current]").get_text()


def test_the_month_view_keeps_every_date(client, tree):
    html = client.get("/nl/agenda/maand/2026/12/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    listed = [a.get_text(strip=True) for a in page.select("a[href='/nl/agenda/taalcafe/']")]
    # Tuesdays 1, 8, 15, 22 and 29 December.
    assert len(listed) == 5


def measured(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_grouped_list_costs_the_same_queries_for_few_and_many_series(
    client, tree, django_assert_max_num_queries
):
    urls = ["/nl/agenda/", "/nl/agenda/?region=country-NL&start=2026-12-01"]
    few = {url: measured(client, url) for url in urls}
    calendar = tree["calendar"]
    for n in range(12):
        add_event(
            calendar,
            f"Reeks {n}",
            f"reeks-{n}",
            local(2026, 12, 1 + n, 9, 0),
            1,
            "RRULE:FREQ=WEEKLY;COUNT=10",
            venue=Venue.objects.get(name="Bibliotheek"),
        )
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(few[url]):
            page = BeautifulSoup(client.get(url).content, "html.parser")
        assert len(page.select(".event-item__series")) >= 12

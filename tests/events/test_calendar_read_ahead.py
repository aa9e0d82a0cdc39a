"""The calendar list reads dates in date order only as far as the asked page
(`events.queries.in_date_order`, `next_series`) and counts its results up to
a cap (`home.pagination.ReadAheadPaginator`): past the cap it says "more
than", in each language, and pages on without a total. What it shows is what
the grouped count and sort over every date showed."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events import views
from events.models import EventIndexPage, OccurrenceException
from events.queries import (
    in_date_order,
    next_series,
    series_groups,
    series_occurrences,
    visible_occurrences,
)
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 24, 9, 0)


@pytest.fixture
def now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def mixed(make_event, now):
    """Five events: an exhibition under way since last week, two series at the
    same hour (one with its first date cancelled), a single event at that hour
    too, a cancelled single event and a series cancelled altogether."""
    made = {
        "expo": make_event(
            "Expositie", start=local(2026, 11, 17, 10, 0), end=local(2026, 12, 20, 17, 0)
        ),
        "taal": make_event(
            "Taalcafe",
            start=local(2026, 12, 1, 19, 0),
            rule="RRULE:FREQ=WEEKLY;COUNT=4",
        ),
        "koor": make_event(
            "Koor", start=local(2026, 12, 1, 19, 0), rule="RRULE:FREQ=WEEKLY;COUNT=3"
        ),
        "lezing": make_event("Lezing", start=local(2026, 12, 8, 19, 0)),
        "debat": make_event("Debat", start=local(2026, 12, 2, 20, 0)),
        "cursus": make_event(
            "Cursus", start=local(2026, 12, 3, 14, 0), rule="RRULE:FREQ=WEEKLY;COUNT=2"
        ),
    }
    cancels = {
        "taal": [date(2026, 12, 1)],
        "debat": [date(2026, 12, 2)],
        "cursus": [date(2026, 12, 3), date(2026, 12, 10)],
    }
    for key, days in cancels.items():
        page = made[key]
        for day in days:
            page.exceptions.add(OccurrenceException(date=day, action="cancel"))
        page.save_revision().publish()
    return made


def upcoming():
    return visible_occurrences().filter(end__gte=NOW)


def test_series_come_in_the_order_the_grouped_sort_gave(mixed):
    queryset = upcoming()
    grouped = [group["event_key"] for group in series_groups(queryset)]
    assert next_series(queryset, NOW, 100) == grouped
    assert next_series(queryset, NOW, 2) == grouped[:2]
    # The exhibition under way comes first; the cancelled series not at all.
    assert grouped[0] == mixed["expo"].translation_key
    assert mixed["cursus"].translation_key not in grouped
    # Each series' row is the date and count the grouped sort named.
    shown = series_occurrences(queryset, next_series(queryset, NOW, 100))
    expected = [(g["event_key"], g["first"], g["dates"]) for g in series_groups(queryset)]
    assert [(o.event_key, o.start, o.series_dates) for o in shown] == expected
    # A cancelled single event keeps its row, struck through.
    assert next(o for o in shown if o.event_key == mixed["debat"].translation_key).is_cancelled


def test_every_date_comes_in_date_order_with_the_ones_under_way_first(mixed):
    queryset = upcoming()
    expected = list(queryset.order_by("start", "pk").values_list("pk", flat=True))
    for chunk in (1, 2, 100):
        read = [pk for (pk,) in in_date_order(queryset, NOW, ("pk",), first_chunk=chunk)]
        assert read == expected
    assert expected[0] == mixed["expo"].occurrences.get().pk


def test_the_first_page_is_read_by_the_start_index_as_far_as_it_needs(
    mixed, django_assert_max_num_queries
):
    queryset = upcoming()
    # The dates under way, then one chunk of later ones.
    with django_assert_max_num_queries(2):
        assert len(next_series(queryset, NOW, 3)) == 3


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def per_page(calendar, number):
    EventIndexPage.objects.filter(translation_key=calendar.translation_key).update(per_page=number)


def read_all_pages(client, url):
    """Every page from the first on: the count line and pagination label of
    each, and the rows' titles."""
    pages, number = [], 1
    while True:
        html = page(client, f"{url}{'&' if '?' in url else '?'}page={number}")
        pages.append(
            {
                "count": html.select_one(".search-count").get_text(strip=True),
                "label": html.select_one(".pagination [aria-current]").get_text(strip=True),
                "rows": [
                    a.get_text(strip=True) for a in html.select(".day-list .event-item__title a")
                ],
            }
        )
        if not html.select_one(".pagination a[rel=next]"):
            return pages
        number += 1


@pytest.mark.parametrize(
    ("url", "first_count", "first_label", "last_count", "last_label"),
    [
        ("/nl/agenda/", "Meer dan 3 resultaten", "Pagina 1", "5 resultaten", "Pagina 3 van 3"),
        (
            "/de/veranstaltungen/",
            "Mehr als 3 Ergebnisse",
            "Seite 1",
            "5 Ergebnisse",
            "Seite 3 von 3",
        ),
        ("/en/events/", "More than 3 results", "Page 1", "5 results", "Page 3 of 3"),
    ],
)
def test_past_the_cap_the_count_says_more_than(
    client, calendar, mixed, monkeypatch, url, first_count, first_label, last_count, last_label
):
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 3)
    per_page(calendar, 2)
    pages = read_all_pages(client, url)
    assert (pages[0]["count"], pages[0]["label"]) == (first_count, first_label)
    # The last page reads to the end: the count is exact again.
    assert (pages[-1]["count"], pages[-1]["label"]) == (last_count, last_label)
    shown = [title for p in pages for title in p["rows"]]
    # Every event once (a series too), the wholly cancelled series not at all.
    assert len(shown) == len(set(shown)) == 5
    assert "Cursus" not in shown


def test_every_date_past_the_cap_pages_on(client, calendar, mixed, monkeypatch):
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 4)
    per_page(calendar, 3)
    pages = read_all_pages(client, "/nl/agenda/?dates=all")
    dates = upcoming().count()
    assert len(pages) == -(-dates // 3)
    # Page n reads max(cap, 3 n) + 1 dates: it knows there are more than that.
    assert [p["count"] for p in pages[:-1]] == [
        f"Meer dan {max(4, 3 * n)} data" for n in range(1, len(pages))
    ]
    assert pages[-1]["count"] == f"{dates} data"
    assert sum(len(p["rows"]) for p in pages) == dates


@pytest.mark.parametrize("number", ["0", "-3", "x", "99999999999999999999999", "1e9", "2000"])
def test_page_numbers_out_of_range_show_a_page(client, mixed, number):
    response = client.get(f"/nl/agenda/?page={number}")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select(".day-list .event-item")


def test_a_page_far_beyond_the_cap_reads_no_further_than_it(client, calendar, mixed, monkeypatch):
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 2)
    per_page(calendar, 1)
    html = page(client, "/nl/agenda/?page=3")
    assert html.select_one(".pagination [aria-current]").get_text(strip=True) == "Pagina 3"
    assert html.select_one(".search-count").get_text(strip=True) == "Meer dan 3 resultaten"
    assert len(html.select(".day-list .event-item")) == 1


@pytest.mark.parametrize(
    "starts",
    [
        [local(2026, 12, 20, 15, 0)],  # within a month after the empty one
        [local(2027, 2, 10, 15, 0), local(2027, 9, 1, 15, 0)],  # within a year
        [local(2029, 5, 1, 15, 0), local(2028, 3, 1, 15, 0)],  # further: the earliest
    ],
)
def test_an_empty_month_names_the_next_matching_date_however_far(client, make_event, now, starts):
    # The search goes ahead a month, a year, then the rest; the first hit wins.
    for number, start in enumerate(starts):
        make_event(f"Zomerfeest {number}", start=start)
    make_event("Elders", start=local(2026, 12, 5, 15, 0), languages=["de"])
    response = client.get("/nl/agenda/?when=month&language=nl")
    assert response.context["days"] == []
    found = response.context["next_match"]
    assert found.occurrence.start == min(starts)
    assert found.page.title.startswith("Zomerfeest")


def test_an_empty_month_with_nothing_later_says_so(client, make_event, now):
    make_event("Elders", start=local(2026, 12, 5, 15, 0), languages=["de"])
    response = client.get("/nl/agenda/?when=month&language=nl")
    assert response.context["days"] == []
    assert response.context["next_match"] is None


def test_the_next_matching_date_follows_every_change(client, make_event, now):
    """It is found once per version of the event lists: an event published
    or unpublished is named or dropped at once."""
    make_event("Elders", start=local(2026, 12, 5, 15, 0), languages=["de"])
    url = "/nl/agenda/?when=month&language=nl"
    assert client.get(url).context["next_match"] is None
    later = make_event("Zomerfeest", start=local(2027, 6, 1, 15, 0))
    assert client.get(url).context["next_match"].page.title == "Zomerfeest"
    sooner = make_event("Kerstmarkt", start=local(2026, 12, 18, 15, 0))
    assert client.get(url).context["next_match"].page.title == "Kerstmarkt"
    sooner.unpublish()
    assert client.get(url).context["next_match"].page.title == "Zomerfeest"
    later.unpublish()
    assert client.get(url).context["next_match"] is None

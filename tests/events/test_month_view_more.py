"""The month view stays bounded: at most EVENTS_MONTH_DATES_PER_DAY dates a day,
then "+ N more" linking to that day's list, in every language, with the same
number of queries however many dates the month holds."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.conftest import local

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 24, 9, 0)
DAY = local(2026, 12, 12, 8, 0)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch, settings):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    settings.EVENTS_MONTH_DATES_PER_DAY = 3


def _add(make_event, count, first=0):
    for n in range(first, first + count):
        start = DAY + timedelta(minutes=10 * n)
        make_event(title=f"Activiteit {n:02d}", slug=f"activiteit-{n}", start=start)


def _cell(html, day):
    soup = BeautifulSoup(html, "html.parser")
    time = soup.select_one(f'table.calendar time[datetime="{day}"]')
    return time.find_parent("td")


def test_a_full_day_shows_the_first_dates_and_how_many_more(client, make_event):
    _add(make_event, 5)
    html = client.get("/nl/agenda/maand/2026/12/").content.decode()
    cell = _cell(html, "2026-12-12")
    titles = [li.get_text(" ", strip=True) for li in cell.select(".calendar__events li")]
    assert [re.sub(r"^\S+ ", "", t) for t in titles] == [
        "Activiteit 00",
        "Activiteit 01",
        "Activiteit 02",
    ]
    more = cell.select_one("a.calendar__more")
    assert more.get_text(" ", strip=True).startswith("+ 2 meer")
    assert more["href"] == "/nl/agenda/?start=2026-12-12&end=2026-12-12&dates=all"
    # That list shows every date of the day.
    listed = client.get(more["href"]).content.decode()
    assert all(f"Activiteit {n:02d}" in listed for n in range(5))
    # The month still counts every date (no "no dates" notice), other days have no link.
    assert len(BeautifulSoup(html, "html.parser").select("a.calendar__more")) == 1


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/de/veranstaltungen/monat/2026/12/", "+ 1 weiterer (12. Dezember)"),
        ("/en/events/month/2026/12/", "+ 1 more (12 December)"),
    ],
)
def test_the_link_is_in_the_visitors_language(client, make_event, path, text):
    _add(make_event, 4)
    response = client.get(path, follow=True)
    cell = _cell(response.content.decode(), "2026-12-12")
    assert cell.select_one("a.calendar__more").get_text(" ", strip=True) == text


def test_filters_go_along_to_the_days_list(client, make_event):
    _add(make_event, 4)
    html = client.get("/nl/agenda/maand/2026/12/?mode=onsite").content.decode()
    href = _cell(html, "2026-12-12").select_one("a.calendar__more")["href"]
    assert "mode=onsite" in href and "dates=all" in href


def test_the_query_count_does_not_grow_with_the_dates(client, make_event):
    _add(make_event, 4)
    client.get("/nl/agenda/maand/2026/12/")
    with CaptureQueriesContext(connection) as few:
        client.get("/nl/agenda/maand/2026/12/")
    _add(make_event, 12, first=4)
    client.get("/nl/agenda/maand/2026/12/")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/nl/agenda/maand/2026/12/").content.decode()
    assert len(many) == len(few)
    assert "+ 13 meer" in html


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/nl/agenda/maand/2026/12/", "+ meer dan 3"),
        ("/de/veranstaltungen/monat/2026/12/", "+ mehr als 3"),
        ("/en/events/month/2026/12/", "+ more than 3"),
    ],
)
def test_a_day_busier_than_the_count_goes_says_more_than_that(
    client, make_event, monkeypatch, path, text
):
    """A day counts its dates up to `MONTH_DAY_CAP` (the month reads no more
    than that a day, whatever the calendar holds); its link lists them all."""
    monkeypatch.setattr("events.views.MONTH_DAY_CAP", 6)
    _add(make_event, 8)
    cell = _cell(client.get(path, follow=True).content.decode(), "2026-12-12")
    assert len(cell.select(".calendar__events li")) == 3
    assert cell.select_one("a.calendar__more").get_text(" ", strip=True).startswith(text)


def test_a_date_is_on_its_local_day_at_either_side_of_midnight(client, make_event):
    late = local(2026, 12, 12, 23, 30)  # 22:30 UTC
    make_event(title="Laat op de avond", slug="laat", start=late)
    make_event(title="Na middernacht", slug="na-middernacht", start=late + timedelta(hours=1))
    html = client.get("/nl/agenda/maand/2026/12/").content.decode()
    assert "Laat op de avond" in _cell(html, "2026-12-12").get_text()
    assert "Na middernacht" in _cell(html, "2026-12-13").get_text()
    assert "Na middernacht" not in _cell(html, "2026-12-12").get_text()


def test_a_day_shows_its_dates_when_the_setting_asks_for_more_than_the_count_goes(
    client, make_event, monkeypatch, settings
):
    monkeypatch.setattr("events.views.MONTH_DAY_CAP", 4)
    settings.EVENTS_MONTH_DATES_PER_DAY = 6
    _add(make_event, 8)
    cell = _cell(client.get("/nl/agenda/maand/2026/12/").content.decode(), "2026-12-12")
    assert len(cell.select(".calendar__events li")) == 6
    assert cell.select_one("a.calendar__more").get_text(" ", strip=True).startswith("+ 2 meer")


@pytest.mark.parametrize("path", ["/nl/agenda/maand/1901/1/", "/nl/agenda/maand/2199/12/"])
def test_the_first_and_last_months_the_calendar_offers_answer(client, make_event, path):
    _add(make_event, 2)
    assert client.get(path).status_code == 200

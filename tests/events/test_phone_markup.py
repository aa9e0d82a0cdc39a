"""The markup the phone layouts rest on: a menu and filters that fold without
JavaScript, with translated labels, and the language of every event title
marked, so it hyphenates by its own rules (the browser side is
tests/e2e/test_phone_layout.py)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.events.conftest import local

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_main_menu_folds_behind_a_translated_button(client, site_tree):
    page = soup(client.get("/de/"))
    menu = page.select_one("header details.main-menu")
    assert menu is not None and not menu.has_attr("open")
    assert menu.select_one("summary").get_text(strip=True) == "Menü"
    assert menu.select_one("nav.main-nav a[href='/de/ueber-uns/']") is not None


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("", "Filter"),
        ("?mode=online", "Filter (1 aktiv)"),
        ("?mode=online&language=de", "Filter (2 aktiv)"),
    ],
)
def test_calendar_filters_fold_behind_a_count_of_active_ones(client, site_tree, query, label):
    page = soup(client.get("/de/veranstaltungen/" + query))
    panel = page.select_one(".calendar-layout__filters details.filter-panel")
    assert panel is not None and not panel.has_attr("open")
    summary = panel.find("summary")
    # The summary comes first and the form, with its button, is inside the fold.
    assert panel.find(True) is summary
    assert panel.select_one("form button[type=submit]") is not None
    assert summary.get_text(strip=True) == label


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/de/veranstaltungen/?end=2026-13-40", "Bitte ein gültiges Datum eingeben."),
        ("/en/events/?start=9999-12-31", "Choose a date between 1900 and 2999."),
        ("/nl/agenda/?start=gisteren", "Voer een geldige datum in."),
    ],
)
def test_a_filter_the_address_got_wrong_opens_the_fold_to_say_so(client, site_tree, url, message):
    # Folded, a phone would show the unfiltered list and hide the message.
    panel = soup(client.get(url)).select_one(".calendar-layout__filters details.filter-panel")
    assert panel.has_attr("open")
    assert message in panel.get_text(" ", strip=True)


def test_dutch_event_on_german_pages_is_marked_dutch(client, make_event, frozen_now):
    make_event(title="Aandeelhoudersbijeenkomst", slug="aandeelhouders")

    month = soup(client.get("/de/veranstaltungen/monat/2026/12/"))
    title = month.find(string="Aandeelhoudersbijeenkomst")
    assert title.parent.get("lang") == "nl"
    # On phones the month is an agenda: each day is headed as German writes
    # it; the bare number of the grid is not read out twice.
    day = month.select_one("td:has(.calendar__events) .calendar__day")
    assert day.select_one(".calendar__long").get_text() == "Samstag, 12. Dezember"
    assert day.select_one(".calendar__number")["aria-hidden"] == "true"

    listing = soup(client.get("/de/veranstaltungen/"))
    heading = listing.select_one(".event-item__title")
    assert heading.get("lang") == "nl"
    # The reader's own language needs no mark.
    dutch = soup(client.get("/nl/agenda/"))
    assert not dutch.select_one(".event-item__title").has_attr("lang")

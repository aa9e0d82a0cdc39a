"""A page served by a sub-route (a month of the calendar) keeps that route in every
language link: switcher, hreflang and canonical, each with the route's words in
that language (nl "maand", de "monat", en "month"). The former English addresses
answer with a permanent redirect; the calendar file keeps one address."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_month_view_links_to_the_same_month_and_filters_in_other_languages(client, calendar):
    response = client.get("/nl/agenda/maand/2026/12/", {"language": "de"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    german = page.select_one('.language-switcher li[lang="de"] a')["href"]
    assert german == "/de/veranstaltungen/monat/2026/12/?language=de"
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["de"] == "http://testserver/de/veranstaltungen/monat/2026/12/"
    assert alternates["en"] == "http://testserver/en/events/month/2026/12/"
    assert alternates["x-default"] == "http://testserver/nl/agenda/maand/2026/12/"
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/nl/agenda/maand/2026/12/"


def test_german_month_view_links_back_in_each_language(client, calendar):
    page = BeautifulSoup(client.get("/de/veranstaltungen/monat/2026/12/").content, "html.parser")
    assert page.select_one('.language-switcher li[lang="nl"] a')["href"] == (
        "/nl/agenda/maand/2026/12/"
    )
    assert page.select_one('.language-switcher li[lang="en"] a')["href"] == (
        "/en/events/month/2026/12/"
    )
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/de/veranstaltungen/monat/2026/12/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/nl/agenda/month/2026/12/", "/nl/agenda/maand/2026/12/"),
        (
            "/de/veranstaltungen/month/2026/12/?type=markt",
            "/de/veranstaltungen/monat/2026/12/?type=markt",
        ),
        ("/nl/agenda/archive/", "/nl/agenda/archief/"),
        ("/de/veranstaltungen/archive/", "/de/veranstaltungen/archiv/"),
    ],
)
def test_former_english_addresses_redirect_permanently(client, calendar, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_words_of_another_language_are_not_an_address(client, calendar):
    assert client.get("/nl/agenda/monat/2026/12/").status_code == 404
    assert client.get("/en/events/maand/2026/12/").status_code == 404


def test_english_keeps_its_words_and_the_calendar_file_keeps_its_address(client, calendar):
    assert client.get("/en/events/month/2026/12/").status_code == 200
    assert client.get("/en/events/archive/").status_code == 200
    for path in ("/nl/agenda/ical/", "/de/veranstaltungen/ical/", "/en/events/ical/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")


def test_the_calendar_itself_keeps_its_own_links(client, calendar):
    page = BeautifulSoup(client.get("/de/veranstaltungen/").content, "html.parser")
    assert (
        page.select_one('link[rel="canonical"]')["href"] == "http://testserver/de/veranstaltungen/"
    )
    assert page.select_one('.language-switcher li[lang="nl"] a')["href"] == "/nl/agenda/"


def test_calendar_links_to_the_archive_in_its_language(client, calendar):
    html = client.get("/de/veranstaltungen/").content.decode()
    assert 'href="/de/veranstaltungen/archiv/"' in html
    assert "/de/veranstaltungen/archive/" not in html

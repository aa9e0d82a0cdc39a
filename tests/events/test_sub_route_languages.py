"""A page served by a sub-route (a month of the calendar) keeps that route in every
language link: switcher, hreflang and canonical."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_month_view_links_to_the_same_month_and_filters_in_other_languages(client, calendar):
    response = client.get("/nl/agenda/month/2026/12/", {"language": "de"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    german = page.select_one('.language-switcher li[lang="de"] a')["href"]
    assert german == "/de/veranstaltungen/month/2026/12/?language=de"
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["en"] == "http://testserver/en/events/month/2026/12/"
    assert alternates["x-default"] == "http://testserver/nl/agenda/month/2026/12/"
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/nl/agenda/month/2026/12/"


def test_the_calendar_itself_keeps_its_own_links(client, calendar):
    page = BeautifulSoup(client.get("/de/veranstaltungen/").content, "html.parser")
    assert (
        page.select_one('link[rel="canonical"]')["href"] == "http://testserver/de/veranstaltungen/"
    )
    assert page.select_one('.language-switcher li[lang="nl"] a')["href"] == "/nl/agenda/"

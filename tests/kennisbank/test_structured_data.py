"""An article's JSON-LD always names an author (people, else the organisations
it is about, else the site's organisation), dates with time and offset, the
publisher with its logo, and the canonical address also on an alias."""

import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from home.models import Person
from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db
ISO_WITH_OFFSET = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"


def article_data(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_author_falls_back_to_organisations_then_to_the_publisher(client, make_article):
    organisation = make_organisation(
        "Dorpsraad Ees", "dorpsraad-ees", website="https://ees.example"
    )
    make_article(slug="met-auteur", authors=[Person.objects.create(name="Karin")])
    make_article(slug="van-organisatie", organisations=[organisation])
    make_article(slug="zonder-auteur")

    assert article_data(client, "/nl/kennisbank/met-auteur/")["author"] == [
        {"@type": "Person", "name": "Karin"}
    ]
    assert article_data(client, "/nl/kennisbank/van-organisatie/")["author"] == [
        {"@type": "Organization", "name": "Dorpsraad Ees", "url": "https://ees.example"}
    ]
    data = article_data(client, "/nl/kennisbank/zonder-auteur/")
    publisher = data["publisher"]
    assert data["author"] == [publisher]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Samen Verder"
    assert publisher["logo"]["url"].startswith("http://testserver/")
    assert publisher["logo"]["url"].endswith("logo-144.png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (144, 144)


def test_dates_have_time_and_offset_and_an_alias_names_the_canonical_page(client, make_article):
    make_article(slug="oud-nieuws", publication_date=date(2024, 7, 1))
    data = article_data(client, "/de/wissensdatenbank/oud-nieuws/")  # an alias (Dutch text)
    # Written before it was published here: the start of its day, summer time.
    assert data["datePublished"] == "2024-07-01T00:00:00+02:00"
    assert re.fullmatch(ISO_WITH_OFFSET, data["dateModified"])
    assert data["url"] == data["mainEntityOfPage"] == "http://testserver/nl/kennisbank/oud-nieuws/"

"""'Who can help?': the organisation directory, organisation pages and the
report of organisations nobody has checked for a year."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from kennisbank.reports import stale_organisations
from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def names(response):
    return [a.get_text(strip=True) for a in soup(response).select(".kb-org__name a")]


@pytest.fixture
def organisations(taxonomy, directory):
    drenthe, limburg = taxonomy["regions"]["drenthe"], taxonomy["regions"]["limburg"]
    money = taxonomy["themes"]["financiering"]
    return {
        "bokd": make_organisation(
            "BOKD",
            "bokd",
            kind="network",
            regions=[drenthe],
            offers_knowledge=True,
            offers_network=True,
            description="Netwerk van Drentse dorpen.",
            german={"Netwerk van Drentse dorpen.": "Netzwerk der Dörfer in Drenthe."},
        ),
        "fonds": make_organisation(
            "Oranje Fonds",
            "oranje-fonds",
            kind="fund",
            regions=[drenthe, limburg],
            themes=[money],
            offers_money=True,
            description="Geeft geld aan buurtinitiatieven.",
            german={
                "Geeft geld aan buurtinitiatieven.": "Gibt Geld für Nachbarschaftsinitiativen."
            },
        ),
        "mienthuus": make_organisation(
            "Mienthuus",
            "mienthuus",
            kind="initiative",
            country="DE",
            offers_network=True,
            description="Dorpsplein in Kranenburg.",
        ),
    }


def test_german_visitor_filters_money_and_drenthe(client, organisations):
    response = client.get("/de/wer-kann-helfen/", {"offer": "money", "region": "drenthe"})
    assert names(response) == ["Oranje Fonds"]
    page = soup(response)
    assert "Gibt Geld für Nachbarschaftsinitiativen." in page.select_one(".kb-org").get_text()
    assert page.select_one(".kb-offers .kb-offer--offers_money")


def test_directory_counts_and_combines_filters(client, organisations):
    page = soup(client.get("/nl/wie-kan-helpen/", {"region": "drenthe"}))
    counts = {
        box["value"]: int(box.find_parent("label").select_one(".kb-count").get_text())
        for box in page.select('input[name="offer"]')
    }
    assert counts == {"knowledge": 1, "money": 1, "network": 1}
    assert names(client.get("/nl/wie-kan-helpen/", {"country": "DE"})) == ["Mienthuus"]
    assert names(client.get("/nl/wie-kan-helpen/", {"kind": ["fund", "network"]})) == [
        "BOKD",
        "Oranje Fonds",
    ]
    assert names(client.get("/nl/wie-kan-helpen/", {"theme": "financiering"})) == ["Oranje Fonds"]


def test_untranslated_organisation_appears_in_dutch_in_the_german_directory(client, organisations):
    page = soup(client.get("/de/wer-kann-helfen/"))
    entries = {
        e.select_one(".kb-org__name").get_text(strip=True): e for e in page.select(".kb-org")
    }
    assert set(entries) == {"BOKD", "Oranje Fonds", "Mienthuus"}
    assert entries["Mienthuus"]["lang"] == "nl"
    assert entries["BOKD"].get("lang") is None


def test_organisation_page_lists_its_articles_in_the_page_language(
    client, organisations, make_article, translate_page
):
    article = make_article(title="Geld voor het dorpshuis", organisations=[organisations["fonds"]])
    make_article(title="Iets anders")
    translate_page(article, "de", {"Geld voor het dorpshuis": "Geld für das Dorfhaus"})
    page = soup(client.get("/de/wer-kann-helfen/oranje-fonds/"))
    assert page.h1.get_text() == "Oranje Fonds"
    assert [a.get_text() for a in page.select(".kb-card .card__title a")] == [
        "Geld für das Dorfhaus"
    ]


def test_unknown_organisation_is_a_404(client, organisations):
    assert client.get("/nl/wie-kan-helpen/bestaat-niet/").status_code == 404


def test_article_links_its_organisations_to_their_directory_pages(
    client, organisations, make_article
):
    make_article(title="Vijf sterren", slug="vijf-sterren", organisations=[organisations["bokd"]])
    page = soup(client.get("/nl/kennisbank/vijf-sterren/"))
    assert page.select_one('.kb-article__footer a[href="/nl/wie-kan-helpen/bokd/"]')


def test_report_lists_organisations_not_checked_for_a_year(client, organisations):
    today = timezone.localdate()
    organisations["bokd"].last_checked = today - timedelta(days=30)
    organisations["bokd"].save()
    organisations["fonds"].last_checked = today - timedelta(days=400)
    organisations["fonds"].save()
    assert [o.name for o in stale_organisations()] == ["Mienthuus", "Oranje Fonds"]

    admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/reports/organisations-to-check/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Oranje Fonds" in text and "Mienthuus" in text and "BOKD" not in text
    export = client.get("/admin/reports/organisations-to-check/?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert "Oranje Fonds" in csv
    # The report is in the admin's Reports menu.
    assert "/admin/reports/organisations-to-check/" in client.get("/admin/").content.decode()


def test_last_checked_date_is_shown_on_the_organisation_page(client, organisations):
    organisations["bokd"].last_checked = date(2025, 3, 14)
    organisations["bokd"].save()
    page = soup(client.get("/nl/wie-kan-helpen/bokd/"))
    assert "14 maart 2025" in page.select_one(".kb-checked").get_text()


@pytest.mark.search_index
def test_search_finds_other_forms_of_a_word_and_parts_of_a_name(client, organisations):
    # "Dorf" is not a part of "Dörfer": only the stemmed search finds it.
    assert names(client.get("/de/wer-kann-helfen/", {"q": "Dorf"})) == ["BOKD"]
    assert names(client.get("/nl/wie-kan-helpen/", {"q": "dorp"})) == ["BOKD", "Mienthuus"]
    assert names(client.get("/nl/wie-kan-helpen/", {"q": "Oranj"})) == ["Oranje Fonds"]
    assert names(client.get("/nl/wie-kan-helpen/", {"q": "Raumschiff"})) == []

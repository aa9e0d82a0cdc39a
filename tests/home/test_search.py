"""Site search: current language only, bad input answered calmly, fixed query count."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def result_titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".result__title a")]


def test_search_url_is_translated_per_language(client, site_tree):
    assert client.get("/nl/zoeken/").status_code == 200
    assert client.get("/de/suche/").status_code == 200
    assert client.get("/en/search/").status_code == 200


def test_search_finds_pages_of_the_current_language_only(client, site_tree):
    for parent, title, slug in [
        (site_tree["home"], "Dorpshuis in Brakkenstein", "dorpshuis"),
        (site_tree["home_de"], "Dorfplatz in Kranenburg", "dorfplatz"),
    ]:
        page = StandardPage(title=title, slug=slug)
        parent.add_child(instance=page)
        page.save_revision().publish()
    assert result_titles(client.get("/de/suche/", {"q": "Kranenburg"})) == [
        "Dorfplatz in Kranenburg"
    ]
    assert result_titles(client.get("/nl/zoeken/", {"q": "Kranenburg"})) == []
    assert result_titles(client.get("/nl/zoeken/", {"q": "Brakkenstein"})) == [
        "Dorpshuis in Brakkenstein"
    ]


def test_switcher_on_search_keeps_the_query_and_translates_the_path(client, site_tree):
    page = BeautifulSoup(client.get("/nl/zoeken/", {"q": "dorp"}).content, "html.parser")
    german = page.select_one('.language-switcher li[lang="de"] a')["href"]
    assert german == "/de/suche/?q=dorp"


def test_empty_result_explains_itself(client, site_tree):
    response = client.get("/de/suche/", {"q": "Raumschiff"})
    text = response.content.decode()
    assert "0 Ergebnisse" in text
    assert "Nichts gefunden" in text


@pytest.mark.parametrize("page_param", ["abc", "-1", "999", ""])
def test_bad_page_numbers_do_not_break_the_search(client, site_tree, page_param):
    response = client.get("/nl/zoeken/", {"q": "Privacyverklaring", "page": page_param})
    assert response.status_code == 200
    assert "Privacyverklaring" in result_titles(response)


def test_overlong_query_is_cut_with_a_message_in_the_page_language(client, site_tree):
    response = client.get("/de/suche/", {"q": "Dorf " * 100})
    assert response.status_code == 200
    assert "Ihre Suche war zu lang" in response.content.decode()


def test_search_query_count_does_not_grow_with_results(
    client, site_tree, django_assert_max_num_queries
):
    for i in range(25):
        page = StandardPage(title=f"Dorpshuis {i}", slug=f"dorpshuis-{i}", intro="Een dorpshuis")
        site_tree["home"].add_child(instance=page)
        page.save_revision().publish()
    with django_assert_max_num_queries(20):
        response = client.get("/nl/zoeken/", {"q": "dorpshuis"})
    assert len(result_titles(response)) == 10


@pytest.mark.parametrize(
    ("query", "status"), [("\x00", 400), ("dorp\x00'", 400), ("\x1b[31m", 400), ("\t\n", 200)]
)
def test_control_characters_in_a_search_are_harmless(client, site_tree, query, status):
    """Control characters get the translated "cannot be read" page; whitespace is searched."""
    response = client.get("/nl/zoeken/", {"q": query})
    assert response.status_code == status
    if status == 400:
        assert "Dit adres kunnen we niet lezen" in response.content.decode()

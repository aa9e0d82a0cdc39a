"""The knowledge base index: facets that combine and count once per language,
search in the current language, sorting, pagination, shareable addresses."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".kb-card .card__title a")]


def facet_counts(response, name):
    """{option label: count} of one facet in the filter form."""
    page = soup(response)
    counts = {}
    for box in page.select(f'.kb-filters input[name="{name}"]'):
        label = box.find_parent("label")
        counts[box["value"]] = int(label.select_one(".kb-count").get_text())
    return counts


@pytest.fixture
def articles(make_article, translate_page):
    fund = make_organisation("Oranje Fonds", "oranje-fonds", german={})
    a = make_article(
        title="Dorpshuis in Drenthe",
        slug="dorpshuis",
        themes=["financiering", "wonen"],
        regions=["drenthe"],
        organisations=[fund],
        kind="inspirerend-voorbeeld",
    )
    make_article(
        title="Voedseltuin in America",
        slug="voedseltuin",
        themes=["lokaal-voedsel"],
        regions=["limburg"],
        kind="artikel",
    )
    make_article(
        title="Geld voor de buurt",
        slug="geld",
        themes=["financiering"],
        regions=["limburg"],
        kind="artikel",
    )
    translate_page(
        a, "de", {"Dorpshuis in Drenthe": "Dorfhaus in Drenthe", "dorpshuis": "dorfhaus"}
    )
    return a


def test_index_lists_articles_newest_first_with_their_theme_names(client, articles):
    response = client.get("/nl/kennisbank/")
    assert titles(response) == [
        "Geld voor de buurt",
        "Voedseltuin in America",
        "Dorpshuis in Drenthe",
    ]
    first = soup(response).select(".kb-card")[2]
    assert [li.get_text() for li in first.select(".kb-tags li")] == ["Financiering", "Wonen"]


def test_facets_combine_and_count_the_other_facets(client, articles):
    response = client.get("/nl/kennisbank/", {"theme": "financiering", "region": "limburg"})
    assert titles(response) == ["Geld voor de buurt"]
    # Theme counts apply the region filter, not the theme filter itself.
    assert facet_counts(response, "theme") == {"financiering": 1, "lokaal-voedsel": 1}
    # Region counts apply the theme filter.
    assert facet_counts(response, "region") == {"drenthe": 1, "limburg": 1}
    assert facet_counts(response, "kind") == {"artikel": 1}


def test_values_within_a_facet_widen_the_list(client, articles):
    response = client.get("/nl/kennisbank/?region=drenthe&region=limburg&kind=artikel")
    assert titles(response) == ["Geld voor de buurt", "Voedseltuin in America"]


def test_german_index_counts_each_article_once_and_names_facets_in_german(client, articles):
    response = client.get("/de/wissensdatenbank/")
    # Two aliases (Dutch text) and one translation: three articles, not four.
    assert len(titles(response)) == 3
    assert facet_counts(response, "theme") == {"financiering": 2, "wonen": 1, "lokaal-voedsel": 1}
    labels = [s.get_text() for s in soup(response).select('.kb-facet input[name="theme"] + span')]
    assert "Finanzierung" in labels and "Lokale Lebensmittel" in labels


def test_language_facet_finds_articles_available_in_german(client, articles):
    response = client.get("/nl/kennisbank/", {"language": "de"})
    assert titles(response) == ["Dorpshuis in Drenthe"]
    assert facet_counts(response, "language") == {"nl": 3, "de": 1}


def test_untranslated_cards_are_marked_in_the_german_list(client, articles):
    page = soup(client.get("/de/wissensdatenbank/"))
    cards = {c.select_one(".card__title a").get_text(): c for c in page.select(".kb-card")}
    assert cards["Dorfhaus in Drenthe"].get("lang") is None
    assert cards["Geld voor de buurt"]["lang"] == "nl"
    assert "noch nicht übersetzt" in cards["Geld voor de buurt"].get_text()


def test_filtered_address_is_shareable_and_works_without_javascript(client, articles):
    page = soup(client.get("/nl/kennisbank/?organisation=oranje-fonds"))
    form = page.select_one("form.kb-filters")
    assert form["method"] == "get"
    assert form.select_one('input[name="organisation"][value="oranje-fonds"]').has_attr("checked")
    chip = page.select_one(".active-filters .chip")
    assert "Oranje Fonds" in chip.get_text()
    assert chip["href"] == "/nl/kennisbank/?"


@pytest.mark.search_index
def test_search_finds_articles_in_the_current_language_only(client, articles):
    assert titles(client.get("/de/wissensdatenbank/", {"q": "Dorfhaus"})) == ["Dorfhaus in Drenthe"]
    assert titles(client.get("/nl/kennisbank/", {"q": "Dorfhaus"})) == []
    assert titles(client.get("/nl/kennisbank/", {"q": "Dorpshuis"})) == ["Dorpshuis in Drenthe"]
    assert titles(client.get("/en/knowledge-base/", {"q": "Dorfhaus"})) == []


@pytest.mark.search_index
def test_search_combines_with_facets_and_sorts_by_relevance(client, articles):
    response = client.get(
        "/nl/kennisbank/", {"q": "buurt", "theme": "financiering", "sort": "relevance"}
    )
    assert titles(response) == ["Geld voor de buurt"]
    assert facet_counts(response, "theme") == {"financiering": 1}


def test_pagination_keeps_the_filters(client, make_article):
    for n in range(14):
        make_article(title=f"Artikel {n}", themes=["wonen"])
    page = soup(client.get("/nl/kennisbank/", {"theme": "wonen"}))
    assert len(page.select(".kb-card")) == 12
    next_link = page.select_one('.pagination a[rel="next"]')["href"]
    assert "theme=wonen" in next_link and "page=2" in next_link
    assert len(soup(client.get("/nl/kennisbank/" + next_link)).select(".kb-card")) == 2


@pytest.mark.parametrize(
    "query", ["page=abc", "page=999", "sort=nonsense", "language=xx", "q=" + "x" * 500]
)
def test_bad_input_is_answered_calmly(client, articles, query):
    assert client.get(f"/nl/kennisbank/?{query}").status_code == 200


def test_index_announces_its_feed(client, articles):
    link = soup(client.get("/de/wissensdatenbank/")).select_one('link[type="application/rss+xml"]')
    assert link["href"] == "/de/wissensdatenbank/feed/"


@pytest.mark.search_index
def test_search_counts_every_facet_over_its_matches(client, articles):
    """Without a chosen facet the counts read the matches' ids directly."""
    response = client.get("/nl/kennisbank/", {"q": "Dorpshuis"})
    assert titles(response) == ["Dorpshuis in Drenthe"]
    assert facet_counts(response, "theme") == {"financiering": 1, "wonen": 1}
    assert facet_counts(response, "region") == {"drenthe": 1}
    assert facet_counts(response, "organisation") == {"oranje-fonds": 1}
    assert facet_counts(response, "kind") == {"inspirerend-voorbeeld": 1}
    assert facet_counts(response, "language") == {"nl": 1, "de": 1}
    response = client.get("/de/wissensdatenbank/", {"q": "Dorfhaus"})
    assert facet_counts(response, "language") == {"nl": 1, "de": 1}
    assert facet_counts(response, "theme") == {"financiering": 1, "wonen": 1}
    # A chosen facet narrows the others' counts, not its own.
    response = client.get("/nl/kennisbank/", {"q": "Dorpshuis", "region": "limburg"})
    assert titles(response) == []
    assert facet_counts(response, "region") == {"drenthe": 1, "limburg": 0}
    assert facet_counts(response, "theme") == {}


def test_counts_follow_every_change_to_the_articles(client, articles, make_article):
    """The counts come from an index kept in memory (kennisbank.facets): a new
    article, an unpublished one and a changed theme show at once."""
    assert facet_counts(client.get("/nl/kennisbank/"), "theme") == {
        "financiering": 2,
        "wonen": 1,
        "lokaal-voedsel": 1,
    }
    new = make_article(title="Zorg dichtbij", themes=["wonen"], regions=["drenthe"])
    response = client.get("/nl/kennisbank/")
    assert facet_counts(response, "theme")["wonen"] == 2
    assert facet_counts(response, "region") == {"drenthe": 2, "limburg": 2}
    new.unpublish()
    assert facet_counts(client.get("/nl/kennisbank/"), "theme")["wonen"] == 1


def test_the_index_is_read_once_per_change(client, articles, make_article):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get("/nl/kennisbank/?theme=wonen")
    warm = queries("/nl/kennisbank/?theme=wonen")
    # Another choice counts from the same index: no query more.
    assert queries("/nl/kennisbank/?theme=financiering") == warm
    # An article changes: the five queries that read the index are made again, once.
    make_article(title="Nog een dorpshuis", themes=["wonen"], kind="artikel")
    assert queries("/nl/kennisbank/?theme=wonen") >= warm + 5
    assert queries("/nl/kennisbank/?theme=wonen") == warm
    assert facet_counts(client.get("/nl/kennisbank/?theme=wonen"), "kind")["artikel"] == 1


def test_counts_are_right_while_the_cache_does_not_answer(client, articles, monkeypatch):
    from kennisbank import facets

    monkeypatch.setattr(facets, "freshness", lambda *tags: None)
    kept = dict(facets._KEPT)
    response = client.get("/nl/kennisbank/", {"theme": "financiering", "region": "limburg"})
    assert titles(response) == ["Geld voor de buurt"]
    assert facet_counts(response, "theme") == {"financiering": 1, "lokaal-voedsel": 1}
    assert facet_counts(response, "language") == {"nl": 1}
    # Nothing is kept that no version could tell stale.
    assert kept == facets._KEPT

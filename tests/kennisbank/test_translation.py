"""Translating an article with wagtail-localize re-links its themes, regions,
organisations and kind to the target language's snippets, and an untranslated
article is a Dutch alias with the foundation's notice."""

import pytest
from bs4 import BeautifulSoup

from home.models import Person
from kennisbank.models import ArticlePage
from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db


def test_translation_relinks_every_snippet_to_the_german_version(
    make_article, taxonomy, translate_page
):
    fund = make_organisation(
        "Oranje Fonds",
        "oranje-fonds",
        description="Een fonds.",
        german={"Een fonds.": "Eine Stiftung."},
    )
    author = Person.objects.create(name="Jitske Tiemersma", role="directeur")
    from demo.registry import translate

    translate(author, "de", {"directeur": "Direktorin"})
    article = make_article(
        title="Buurtcamping",
        themes=["lokaal-voedsel", "financiering"],
        regions=["drenthe"],
        organisations=[fund],
        authors=[author],
        kind="inspirerend-voorbeeld",
    )
    translated = translate_page(article, "de", {"Buurtcamping": "Nachbarschaftscamping"}).specific

    assert translated.alias_of_id is None
    assert {link.theme.name for link in translated.theme_links.all()} == {
        "Lokale Lebensmittel",
        "Finanzierung",
    }
    assert {link.theme.locale.language_code for link in translated.theme_links.all()} == {"de"}
    assert [link.region.locale.language_code for link in translated.region_links.all()] == ["de"]
    assert [link.organisation.description for link in translated.organisation_links.all()] == [
        "Eine Stiftung."
    ]
    assert [link.person.role for link in translated.author_links.all()] == ["Direktorin"]
    assert translated.kind.name == "Inspirierendes Beispiel"
    # The Dutch article keeps its Dutch links.
    assert {link.theme.name for link in article.theme_links.all()} == {
        "Lokaal voedsel",
        "Financiering",
    }


def test_german_article_page_shows_themes_and_kind_in_german(
    client, make_article, directory, translate_page
):
    article = make_article(title="Buurtcamping", themes=["wonen"], kind="artikel")
    translate_page(
        article, "de", {"Buurtcamping": "Nachbarschaftscamping", article.slug: "camping"}
    )
    html = client.get("/de/wissensdatenbank/camping/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.get_text() == "Nachbarschaftscamping"
    assert "Wohnen" in page.select_one(".kb-article__footer").get_text()
    assert page.select_one(".kb-kicker").get_text(strip=True) == "Artikel"


def test_untranslated_article_falls_back_to_dutch_with_a_notice(client, make_article):
    make_article(title="Dorpsondersteuners in America", slug="america", themes=["wonen"])
    alias = ArticlePage.objects.get(locale__language_code="de", slug="america")
    assert alias.alias_of_id is not None

    html = client.get("/de/wissensdatenbank/america/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert "noch nicht auf Deutsch übersetzt" in page.select_one(".notice").get_text()
    assert page.select_one(".page-content")["lang"] == "nl"
    # The interface around the Dutch text stays German, themes included.
    footer = page.select_one(".kb-article__footer")
    assert footer["lang"] == "de"
    assert "Wohnen" in footer.get_text()
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith("/nl/kennisbank/america/")


def test_every_article_has_schema_org_article_json_ld(client, make_article, taxonomy):
    import json

    author = Person.objects.create(name="Karin Wesselink")
    make_article(title="Het Wijkpaleis </script><b>", slug="wijkpaleis", authors=[author])
    html = client.get("/nl/kennisbank/wijkpaleis/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Article"
    assert data["headline"] == "Het Wijkpaleis </script><b>"
    assert data["author"] == [{"@type": "Person", "name": "Karin Wesselink"}]
    assert data["inLanguage"] == "nl"
    assert data["publisher"]["name"] == "Samen Verder"
    assert "datePublished" in data
    # The title cannot close the script element early.
    assert "</script><b>" not in html
    assert page.select_one('meta[property="og:type"]')["content"] == "article"

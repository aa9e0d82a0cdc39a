"""Article pages, theme pages, feeds, reading time and the editor's form."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from home.models import Theme
from kennisbank.services import reading_time
from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_reading_time_counts_words_of_every_text_block_rounded_up(make_article):
    words = " ".join(["woord"] * 390)
    article = make_article(
        body=[
            ("paragraph", f"<p>{words}</p>"),
            (
                "checklist",
                {"heading": "Tips", "intro": "", "items": ["een twee", "drie"], "numbered": False},
            ),
            (
                "facts",
                {"heading": "", "facts": [{"number": "7.500", "label": "bezoekers"}], "source": ""},
            ),
        ]
    )
    assert article.reading_time == 2  # 390 + 6 + 2 words / 200, rounded up
    assert reading_time([]) == 1


def test_article_shows_every_block(client, make_article, directory):
    fund = make_organisation(
        "KNHM foundation", "knhm", offers_advice=True, description="Adviseert."
    )
    make_article(
        title="Samenwerken",
        slug="samenwerken",
        body=[
            ("heading", {"text": "Waarom samen", "level": "h2"}),
            (
                "pull_quote",
                {"text": "Samen kom je verder.", "attribution": "Jitske", "role": "KNHM"},
            ),
            (
                "facts",
                {
                    "heading": "In cijfers",
                    "facts": [{"number": "150", "label": "adviseurs"}],
                    "source": "KNHM",
                },
            ),
            (
                "checklist",
                {"heading": "Vragen", "intro": "", "items": ["Wat zoek ik?"], "numbered": True},
            ),
            ("organisation_box", {"organisation": fund, "heading": "", "text": ""}),
        ],
    )
    page = soup(client.get("/nl/kennisbank/samenwerken/"))
    assert page.select_one(".kb-pullquote figcaption").get_text(strip=True).startswith("— Jitske")
    assert page.select_one(".kb-facts dt").get_text() == "150"
    assert page.select_one(".kb-checklist ol li").get_text() == "Wat zoek ik?"
    box = page.select_one(".kb-orgbox")
    assert "Adviseert." in box.get_text()
    assert box.select_one('a[href="/nl/wie-kan-helpen/knhm/"]')


def test_related_articles_share_a_theme_newest_first(client, make_article):
    from datetime import date

    make_article(title="Hoofdartikel", slug="hoofd", themes=["wonen"])
    make_article(title="Oud", themes=["wonen"], publication_date=date(2020, 1, 1))
    make_article(title="Nieuw", themes=["wonen", "financiering"], publication_date=date(2025, 1, 1))
    make_article(title="Ander thema", themes=["lokaal-voedsel"])
    page = soup(client.get("/nl/kennisbank/hoofd/"))
    related = [a.get_text() for a in page.select("#kb-related ~ ul .card__title a")]
    assert related == ["Nieuw", "Oud"]


def test_an_article_behind_a_view_restriction_is_listed_nowhere_until_it_is_lifted(
    client, make_article
):
    from wagtail.models import PageViewRestriction

    fund = make_organisation("Dorpsfonds", "dorpsfonds")
    make_article(title="Hoofdartikel", slug="hoofd", themes=["wonen"], organisations=[fund])
    make_article(title="Open", themes=["wonen"])
    hidden = make_article(title="Voor leden", themes=["wonen"], organisations=[fund])
    make_article(title="Ook van het fonds", organisations=[fund])
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type="password", password="x"
    )

    def listed():
        page = soup(client.get("/nl/kennisbank/hoofd/"))
        index = soup(client.get("/nl/kennisbank/"))
        return (
            [a.get_text() for a in page.select("#kb-related ~ ul .card__title a")],
            [a.get_text() for a in page.select("#kb-more ~ ul .card__title a")],
            "Voor leden" in index.get_text(),
        )

    assert listed() == (["Open"], ["Ook van het fonds"], False)
    restriction.delete()
    related, more, in_index = listed()
    assert "Voor leden" in related + more and in_index


def test_share_links_need_no_third_party_scripts(client, make_article):
    make_article(title="Delen", slug="delen")
    page = soup(client.get("/nl/kennisbank/delen/"))
    links = [a["href"] for a in page.select(".kb-share a")]
    assert links[0].startswith("mailto:")
    assert any("linkedin.com" in href for href in links)
    assert not [s for s in page.select("script[src]") if "//" in s["src"]]


def test_theme_page_lists_articles_of_that_theme_with_its_feed(
    client, make_article, translate_page
):
    a = make_article(title="Voedselbos", themes=["lokaal-voedsel"])
    make_article(title="Woningbouw", themes=["wonen"])
    translate_page(a, "de", {"Voedselbos": "Waldgarten"})
    page = soup(client.get("/de/wissensdatenbank/thema/lokaal-voedsel/"))
    assert page.h1.get_text() == "Lokale Lebensmittel"
    assert [a.get_text() for a in page.select(".kb-card .card__title a")] == ["Waldgarten"]
    feed = page.select_one('link[rel="alternate"][type="application/rss+xml"]')
    assert feed["href"] == "/de/wissensdatenbank/thema/lokaal-voedsel/feed/"
    assert client.get("/de/wissensdatenbank/thema/bestaat-niet/").status_code == 404


def test_english_theme_pages_say_theme_and_the_former_address_redirects(client, make_article):
    make_article(title="Voedselbos", themes=["lokaal-voedsel"])
    page = soup(client.get("/en/knowledge-base/theme/lokaal-voedsel/"))
    assert page.select_one('link[rel="canonical"]')["href"].endswith(
        "/en/knowledge-base/theme/lokaal-voedsel/"
    )
    dutch = page.select_one('.language-switcher li[lang="nl"] a')["href"]
    assert dutch == "/nl/kennisbank/thema/lokaal-voedsel/"
    old = client.get("/en/knowledge-base/thema/lokaal-voedsel/?page=2")
    assert old.status_code == 301
    assert old["Location"] == "/en/knowledge-base/theme/lokaal-voedsel/?page=2"
    # The feed keeps its address: feed readers poll it.
    assert client.get("/en/knowledge-base/thema/lokaal-voedsel/feed/").status_code == 200


def test_feed_per_language_lists_only_that_languages_articles(client, make_article, translate_page):
    a = make_article(title="Dorpshuis", themes=["wonen"], intro="Over een dorpshuis.")
    make_article(title="Alleen Nederlands", themes=["wonen"])
    translate_page(a, "de", {"Dorpshuis": "Dorfhaus", "Over een dorpshuis.": "Über ein Dorfhaus."})

    def items(url):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
        return channel.findtext("language"), [i.findtext("title") for i in channel.findall("item")]

    assert items("/de/wissensdatenbank/feed/") == ("de", ["Dorfhaus"])
    assert items("/nl/kennisbank/feed/") == ("nl", ["Alleen Nederlands", "Dorpshuis"])
    assert items("/nl/kennisbank/thema/wonen/feed/")[1] == ["Alleen Nederlands", "Dorpshuis"]
    assert items("/nl/kennisbank/thema/financiering/feed/")[1] == []


def test_feeds_answer_conditional_requests_until_an_article_changes(client, make_article):
    make_article(title="Dorpshuis", themes=["wonen"])
    first = client.get("/nl/kennisbank/feed/")
    assert first["Cache-Control"] == "public, max-age=900" and first["Last-Modified"]
    cached = client.get("/nl/kennisbank/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304 and cached["ETag"] == first["ETag"]
    since = client.get("/nl/kennisbank/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    theme = client.get("/nl/kennisbank/thema/wonen/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert theme.status_code == 200
    make_article(title="Buurtbus", themes=["wonen"])
    changed = client.get("/nl/kennisbank/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"Buurtbus" in changed.content


def test_a_feed_poll_reads_the_page_only_until_a_theme_changes(
    client, make_article, django_assert_max_num_queries
):
    make_article(title="Dorpshuis", themes=["wonen"])
    first = client.get("/nl/kennisbank/feed/")
    with django_assert_max_num_queries(1):
        cached = client.get("/nl/kennisbank/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304
    theme = Theme.objects.get(slug="wonen", locale__language_code="nl")
    theme.name = "Wonen en leven"
    theme.save()
    renamed = client.get("/nl/kennisbank/feed/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert renamed.status_code == 200 and renamed["ETag"] != first["ETag"]


def test_article_announces_the_feed_and_a_canonical_url(client, make_article):
    make_article(title="Dorpshuis", slug="dorpshuis")
    page = soup(client.get("/nl/kennisbank/dorpshuis/"))
    assert page.select_one('link[type="application/rss+xml"]')["href"] == "/nl/kennisbank/feed/"
    assert (
        page.select_one('link[rel="canonical"]')["href"]
        == "http://testserver/nl/kennisbank/dorpshuis/"
    )


def test_home_page_section_lists_the_latest_articles(client, make_article, site_tree):
    make_article(title="Nieuwste", themes=["wonen"])
    home = site_tree["home"]
    home.body = [("latest_articles", {"heading": "Uit de kennisbank", "count": 3, "theme": None})]
    home.save_revision().publish()
    page = soup(client.get("/nl/"))
    assert [a.get_text() for a in page.select(".kb-latest .card__title a")] == ["Nieuwste"]


def test_editor_form_offers_every_block_and_opens_choosers_on_dutch(client, kennisbank, taxonomy):
    admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    response = client.get(f"/admin/pages/add/kennisbank/articlepage/{kennisbank.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for block in [
        "pull_quote",
        "facts",
        "checklist",
        "document",
        "organisation_box",
        "embed",
        "image",
    ]:
        assert f"&quot;{block}&quot;" in html or f'"{block}"' in html, block
    assert "?locale=nl" in html
    for relation in ["theme_links", "region_links", "organisation_links", "author_links"]:
        assert f"id_{relation}-TOTAL_FORMS" in html


def test_editor_choosing_a_dutch_theme_on_a_german_article_gets_the_german_theme(
    client, kennisbank, taxonomy
):
    from wagtail.models import Locale
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from kennisbank.models import ArticlePage

    admin = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    german_index = kennisbank.get_translation(Locale.objects.get(language_code="de"))
    data = nested_form_data(
        {
            "title": "Wohnen im Dorf",
            "slug": "wohnen",
            "intro": "Kurz.",
            "publication_date": "2025-01-01",
            "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
            "theme_links": inline_formset([{"theme": taxonomy["themes"]["wonen"].pk}]),
            "region_links": inline_formset([]),
            "organisation_links": inline_formset([]),
            "author_links": inline_formset([]),
            "photographer_links": inline_formset([]),
            "comments": inline_formset([]),
            "tags": "",
        }
    )
    response = client.post(f"/admin/pages/add/kennisbank/articlepage/{german_index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ArticlePage.objects.get(slug="wohnen")
    draft = page.get_latest_revision_as_object()
    assert [link.theme.name for link in draft.theme_links.all()] == ["Wohnen"]
    assert draft.theme_links.first().theme.locale.language_code == "de"

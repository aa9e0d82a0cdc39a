"""What feed readers get from the knowledge base's RSS feeds, read back with a
real feed parser (feedparser): item images as enclosure and Media RSS, the
channel image, guids that survive a changed slug, and no page announcing a
feed that would be empty."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from kennisbank import feeds, services
from tests.kennisbank.conftest import german

pytestmark = pytest.mark.django_db

BASE_URL = "https://samen.example"


@pytest.fixture
def base_url(settings):
    """A configured address other than the request's host, to tell them apart."""
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    return BASE_URL


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def announced(client, url):
    """The feeds a page announces in its head and the feed links in its body."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    head = [link["href"] for link in page.select('head link[type="application/rss+xml"]')]
    body = [link["href"] for link in page.select('body a[type="application/rss+xml"]')]
    return head, body


def test_items_carry_their_image_as_enclosure_and_media_content(client, make_article, base_url):
    image = get_image_model().objects.create(
        title="Dorpshuis", file=get_test_image_file(size=(1600, 900))
    )
    make_article(title="Met beeld", hero_image=image, hero_alt="Een dorpshuis met een rood dak.")
    make_article(title="Zonder beeld")
    feed = parsed(client, "/nl/kennisbank/feed/")
    entries = {entry.title: entry for entry in feed.entries}

    [enclosure] = entries["Met beeld"].enclosures
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith(f"{BASE_URL}/")
    rendition = image.get_rendition(feeds.FEED_IMAGE_SPEC)
    assert enclosure.href == BASE_URL + rendition.url
    assert int(enclosure.length) == rendition.file.size > 0
    [media] = entries["Met beeld"].media_content
    assert media["url"] == enclosure.href and media["medium"] == "image"
    assert (media["width"], media["height"]) == ("1200", "630")
    assert media["filesize"] == enclosure.length
    assert entries["Met beeld"].content[0].value == "Een dorpshuis met een rood dak."
    assert entries["Zonder beeld"].enclosures == []
    assert "media_content" not in entries["Zonder beeld"]


def test_channel_has_the_sites_mark_as_a_raster_image(client, make_article, base_url):
    make_article(title="Dorpshuis")
    feed = parsed(client, "/nl/kennisbank/feed/")
    image = feed.feed.image
    assert image.href == f"{BASE_URL}/static/logo-144.png"
    assert image.link == feed.feed.link and image.title == feed.feed.title
    assert (image.width, image.height) == (144, 144)
    # The file exists and is a PNG of that size.
    with open(finders.find("logo-144.png"), "rb") as file:
        header = file.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (144, 144)


def test_guid_survives_a_changed_slug(client, make_article):
    article = make_article(title="Dorpshuis", slug="dorpshuis")
    article.refresh_from_db()
    [before] = parsed(client, "/nl/kennisbank/feed/").entries
    assert before.link == "http://testserver/nl/kennisbank/dorpshuis/"
    assert before.guidislink is False
    year = article.first_published_at.year
    assert before.id == f"tag:testserver,{year}:article/{article.translation_key}/nl"

    article.slug = "ons-dorpshuis"
    article.title = "Ons dorpshuis"
    article.save_revision().publish()
    [after] = parsed(client, "/nl/kennisbank/feed/").entries
    assert after.link == "http://testserver/nl/kennisbank/ons-dorpshuis/"
    assert after.id == before.id


def test_translations_have_guids_of_their_own(client, make_article, translate_page):
    article = make_article(title="Dorpshuis")
    translate_page(article, "de", {"Dorpshuis": "Dorfhaus"})
    [dutch] = parsed(client, "/nl/kennisbank/feed/").entries
    [deutsch] = parsed(client, "/de/wissensdatenbank/feed/").entries
    assert deutsch.title == "Dorfhaus"
    assert deutsch.id.endswith("/de") and dutch.id.endswith("/nl")
    assert deutsch.id.rsplit("/", 1)[0] == dutch.id.rsplit("/", 1)[0]


def test_an_empty_theme_announces_no_feed_and_a_filled_one_does(
    client, make_article, django_assert_max_num_queries
):
    theme_page = "/nl/kennisbank/thema/wonen/"
    with django_assert_max_num_queries(60) as empty_queries:
        head, body = announced(client, theme_page)
    # The knowledge base's own feed is empty too: nothing is announced.
    assert (head, body) == ([], [])

    make_article(title="Woningbouw", themes=["wonen"])
    with django_assert_max_num_queries(60) as filled_queries:
        head, body = announced(client, theme_page)
    assert head == ["/nl/kennisbank/thema/wonen/feed/", "/nl/kennisbank/feed/"]
    assert body == ["/nl/kennisbank/thema/wonen/feed/"]
    assert [e.title for e in parsed(client, head[0]).entries] == ["Woningbouw"]

    # Another theme stays without a feed while the knowledge base has one.
    head, body = announced(client, "/nl/kennisbank/thema/financiering/")
    assert (head, body) == (["/nl/kennisbank/feed/"], [])
    assert parsed(client, "/nl/kennisbank/thema/financiering/feed/").entries == []
    # Deciding costs one query whatever there is; the card adds its own.
    assert len(filled_queries) - len(empty_queries) <= 6


def test_deciding_whether_feeds_have_items_costs_one_query_empty_or_not(make_article, kennisbank):
    with CaptureQueriesContext(connection) as empty:
        assert services.feeds_have_items(kennisbank, "wonen") == (False, False)
    for n in range(3):
        make_article(title=f"Woningbouw {n}", themes=["wonen"])
    make_article(title="Financiën", themes=["financiering"])
    with CaptureQueriesContext(connection) as filled:
        assert services.feeds_have_items(kennisbank, "wonen") == (True, True)
    assert len(filled) == len(empty) == 1


def test_untranslated_language_announces_no_feed_until_it_has_an_article(
    client, make_article, translate_page
):
    """The German knowledge base shows the Dutch text of untranslated articles
    (aliases); its feed leaves them out, so it announces no feed until one is
    translated."""
    article = make_article(title="Dorpshuis", slug="dorpshuis", themes=["wonen"])
    alias = german(article)
    assert announced(client, "/de/wissensdatenbank/") == ([], [])
    assert announced(client, "/de/wissensdatenbank/thema/wonen/") == ([], [])
    assert announced(client, alias.url) == ([], [])
    assert parsed(client, "/de/wissensdatenbank/feed/").entries == []

    translate_page(article, "de", {"Dorpshuis": "Dorfhaus"})
    assert announced(client, "/de/wissensdatenbank/") == (
        ["/de/wissensdatenbank/feed/"],
        ["/de/wissensdatenbank/feed/"],
    )
    assert announced(client, german(article).url)[0] == ["/de/wissensdatenbank/feed/"]


def test_filtered_index_announces_only_the_feed_that_matches_it(client, make_article):
    make_article(title="Woningbouw", themes=["wonen"], regions=["drenthe"])
    assert announced(client, "/nl/kennisbank/") == (
        ["/nl/kennisbank/feed/"],
        ["/nl/kennisbank/feed/"],
    )
    # One theme alone: that theme's feed.
    assert announced(client, "/nl/kennisbank/?theme=wonen") == (
        ["/nl/kennisbank/thema/wonen/feed/"],
        ["/nl/kennisbank/thema/wonen/feed/", "/nl/kennisbank/feed/"],
    )
    # A theme without articles: the view is empty, no feed matches it.
    assert announced(client, "/nl/kennisbank/?theme=financiering") == (
        [],
        ["/nl/kennisbank/feed/"],
    )
    # Other filters match no feed: none in the head.
    assert announced(client, "/nl/kennisbank/?theme=wonen&region=drenthe")[0] == []
    assert announced(client, "/nl/kennisbank/?q=woning")[0] == []


def test_a_private_article_neither_fills_nor_announces_a_feed(client, make_article, kennisbank):
    private = make_article(title="Alleen voor leden", themes=["wonen"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert services.feeds_have_items(kennisbank, "wonen") == (False, False)
    assert parsed(client, "/nl/kennisbank/feed/").entries == []
    make_article(title="Voor iedereen", themes=["financiering"])
    assert services.feeds_have_items(kennisbank, "wonen") == (True, False)
    assert [e.title for e in parsed(client, "/nl/kennisbank/feed/").entries] == ["Voor iedereen"]

"""The index, its filtered and searched views, theme pages, the directory and the
feeds cost a fixed number of queries, whatever the number of articles.
(tests/bench/bench_kennisbank.py repeats this with 1,000 articles.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db

URLS = [
    "/nl/kennisbank/",
    "/nl/kennisbank/?theme=financiering&region=drenthe&kind=artikel&language=nl",
    "/nl/kennisbank/?organisation=oranje-fonds",
    "/nl/kennisbank/?q=dorp",
    "/nl/kennisbank/?q=dorp&sort=relevance",
    "/nl/kennisbank/?page=2",
    "/de/wissensdatenbank/",
    "/nl/kennisbank/thema/financiering/",
    "/de/wissensdatenbank/thema/financiering/",
    "/nl/kennisbank/feed/",
    "/nl/wie-kan-helpen/",
    "/nl/wie-kan-helpen/?offer=money&region=drenthe",
    "/nl/wie-kan-helpen/oranje-fonds/",
    "/nl/",
]
# What the knowledge base may add to a plain page's queries (one of them the
# count that decides whether the page announces its feeds: none when empty).
OWN_BUDGET = 17


def queries(client, url):
    client.get(url)  # warm caches that every page warms once (site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 302), url
    return len(captured)


def add_articles(make_article, count, image, fund):
    for n in range(count):
        make_article(
            title=f"Dorp {n}",
            intro="Een dorp dat samen verder komt.",
            themes=["financiering", "wonen"],
            regions=["drenthe"],
            organisations=[fund],
            kind="artikel",
            hero_image=image,
        )


@pytest.mark.search_index
def test_list_pages_cost_the_same_with_few_and_many_articles(
    client, make_article, directory, site_tree
):
    image = get_image_model().objects.create(title="Dorp", file=get_test_image_file())
    fund = make_organisation("Oranje Fonds", "oranje-fonds", offers_money=True, german={})
    add_articles(make_article, 13, image, fund)
    for url in URLS:  # site-wide caches (menus, site text, root paths) warm once
        client.get(url)
    few = {url: queries(client, url) for url in URLS}
    add_articles(make_article, 13, image, fund)  # twice as many
    for url in URLS:
        client.get(url)
    many = {url: queries(client, url) for url in URLS}
    assert many == few

    plain = queries(client, "/nl/over-ons/")
    over_budget = {url: n for url, n in many.items() if n > plain + OWN_BUDGET}
    assert not over_budget, (plain, over_budget)
    print(many, "plain page:", plain)

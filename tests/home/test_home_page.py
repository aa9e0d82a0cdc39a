"""Home page sections: links follow the visitor's language, in a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def publish_home_sections(site_tree, featured):
    home = site_tree["home"]
    home.body = [
        ("featured_pages", {"heading": "Uitgelicht", "intro": "", "pages": featured}),
        (
            "call_to_action",
            {
                "heading": "Doe mee",
                "text": "",
                "page": site_tree["about"],
                "url": "",
                "button_label": "Lees",
            },
        ),
    ]
    home.hero_link = site_tree["about"]
    home.save_revision().publish()


def test_featured_pages_and_buttons_lead_to_the_pages_in_the_visitor_language(client, site_tree):
    publish_home_sections(site_tree, [site_tree["about"], site_tree["privacy"]])
    # What wagtail-localize's sync does: the German home gets the same sections,
    # whose page choices still point at the Dutch pages.
    home_de = site_tree["home_de"]
    home_de.body = site_tree["home"].body
    home_de.hero_link = site_tree["about"]
    home_de.save_revision().publish()
    page = BeautifulSoup(client.get("/de/").content, "html.parser")
    cards = [(a.get_text(strip=True), a["href"]) for a in page.select(".card__title a")]
    # The about page is translated; the privacy page exists only as a Dutch alias.
    assert cards == [
        ("Über uns", "/de/ueber-uns/"),
        ("Privacyverklaring", "/de/privacyverklaring/"),
    ]
    assert page.select_one(".cta a")["href"] == "/de/ueber-uns/"
    assert page.select_one(".hero a.button")["href"] == "/de/ueber-uns/"


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_home_page_queries_do_not_grow_with_featured_pages(client, site_tree):
    publish_home_sections(site_tree, [site_tree["about"]])
    few = count_queries(client, "/nl/")
    extra = []
    for i in range(6):
        page = StandardPage(title=f"Voorbeeld {i}", slug=f"voorbeeld-{i}")
        site_tree["home"].add_child(instance=page)
        page.save_revision().publish()
        extra.append(page)
    publish_home_sections(site_tree, [site_tree["about"], *extra])
    assert count_queries(client, "/nl/") == few
    assert few <= 18

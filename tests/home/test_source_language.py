"""Pages written in German or English first: which version is the original, and
a fallback notice that tells the truth when the text shown is itself a
translation (an English alias of the Dutch translation of a German page)."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail_localize.synctree import synchronize_tree

from demo.registry import translate
from home import languages
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_first(site_tree, locales, django_capture_on_commit_callbacks):
    """A page written in the German tree, translated into Dutch; English has an alias."""
    page = StandardPage(title="Aus Kranenburg", slug="aus-kranenburg", intro="Ein Dorfplatz.")
    site_tree["home_de"].add_child(instance=page)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        dutch = translate(
            page,
            "nl",
            {
                "Aus Kranenburg": "Uit Kranenburg",
                "aus-kranenburg": "uit-kranenburg",
                "Ein Dorfplatz.": "Een dorpsplein.",
            },
        )
    synchronize_tree(locales["nl"], locales["en"])
    return {"german": page, "dutch": dutch, "english": dutch.get_translation(locales["en"])}


def notice(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".notice")


def test_the_original_is_the_first_real_version(german_first, site_tree):
    assert languages.original_version(german_first["english"]).pk == german_first["german"].pk
    assert languages.original_version(german_first["dutch"]).pk == german_first["german"].pk
    # Dutch-first pages keep Dutch as their original.
    assert languages.original_version(site_tree["privacy_de"]).pk == site_tree["privacy"].pk


def test_english_alias_says_the_dutch_text_is_a_translation_and_links_the_original(
    client, german_first
):
    english = german_first["english"]
    assert english.alias_of_id == german_first["dutch"].pk
    box = notice(client, english.url)
    text = box.get_text(" ", strip=True)
    assert "not been translated into English" in text
    assert "translation into Dutch" in text and "original is in German" in text
    link = box.find("a")
    assert link["href"] == "/de/aus-kranenburg/" and link["hreflang"] == "de"


@override_settings(LANGUAGE_CODE="nl")
def test_german_original_and_dutch_translation_show_no_notice(client, german_first):
    assert notice(client, "/de/aus-kranenburg/") is None
    assert notice(client, "/nl/uit-kranenburg/") is None


def test_dutch_first_alias_keeps_its_notice(client, site_tree):
    box = notice(client, "/de/privacyverklaring/")
    text = box.get_text(" ", strip=True)
    assert "noch nicht" in text and "Niederländisch" in text
    assert box.find("a") is None

"""Per-language stemming on PostgreSQL: each language finds its own word forms."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.search_index]


def add_page(parent, title, intro, slug):
    page = StandardPage(title=title, intro=intro, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def search(language, query):
    with translation.override(language):
        pages = Page.objects.live().filter(locale=Locale.objects.get(language_code=language))
        return [p.title for p in pages.search(query)]


def test_german_search_finds_inflected_forms(site_tree):
    add_page(site_tree["home_de"], "Leben im Dorf", "Ein Dorf an der Grenze", "dorf")
    found = search("de", "Dörfer")
    assert "Leben im Dorf" in found
    assert "Über uns" not in found


def test_dutch_search_finds_plural_of_a_singular(site_tree):
    add_page(site_tree["home"], "Leven in het dorp", "Een klein dorp aan de grens", "dorp")
    found = search("nl", "dorpen")
    assert "Leven in het dorp" in found
    assert "Over ons" not in found


def test_english_search_stems_in_english(site_tree):
    home_en = site_tree["home"].get_translation(Locale.objects.get(language_code="en"))
    add_page(home_en, "Village life", "A village by the border", "village-life")
    found = search("en", "villages")
    assert "Village life" in found
    assert "About us" not in found

"""Slugs as each language writes them: German spells umlauts out ("Eröffnung"
→ "eroeffnung"), every language simplifies accents (é → e). One function
(`home.slugs`) serves the admin's slug field, translated pages and the demo."""

import json

import pytest
from django.contrib.auth import get_user_model

from demo import factories
from demo.registry import translate
from home.slugs import slug_formatters, slugify


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Eröffnung", "de", "eroeffnung"),
        ("Straße", "de", "strasse"),
        ("Über uns", "de", "ueber-uns"),
        ("ÄRGER über Öl", "de", "aerger-ueber-oel"),
        ("Café Zürich", "de", "cafe-zuerich"),
        ("Eröffnung", "nl", "eroffnung"),
        ("Ruïne en café", "nl", "ruine-en-cafe"),
        ("Straße", "en", "strasse"),
        ("Eröffnung", "de-at", "eroeffnung"),
        ("Eröffnung", None, "eroffnung"),
    ],
)
def test_slug_is_written_as_the_language_writes_the_word(text, language, slug):
    assert slugify(text, language) == slug


def test_only_german_gets_formatters_for_the_admin_slug_field():
    german = dict(slug_formatters("de"))
    assert german["ö"] == "oe" and german["ß"] == "ss" and german["Ü"] == "Ue"
    assert slug_formatters("nl") == [] and slug_formatters("en") == []


def _slug_input(client, page):
    from bs4 import BeautifulSoup

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "slug"})


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("redactie", "r@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_slug_field_spells_umlauts_out_on_german_pages_only(editor, site_tree, locales):
    # A page written in German first (a translated page opens the translation editor).
    german_home = site_tree["home"].get_translation(locales["de"])
    german_page = factories.StandardPageFactory(
        parent=german_home, title="Eröffnung", slug="eroeffnung", intro="Der Anfang"
    )
    german = _slug_input(editor, german_page)
    dutch = _slug_input(editor, site_tree["about"])

    assert german["data-w-slug-locale-value"] == "de"
    formatters = json.loads(german["data-w-slug-formatters-value"])
    assert {replace: pattern for pattern, replace in formatters}["ae"][0] == "ä"
    assert dutch["data-w-slug-locale-value"] == "nl"
    assert not dutch.get("data-w-slug-formatters-value")
    # Accents are simplified in every language (é → e): no unicode slugs proposed.
    assert german["data-w-slug-allow-unicode-value"] == "false"
    assert dutch["data-w-slug-allow-unicode-value"] == "false"


def test_translated_page_slug_spells_umlauts_out(site_tree):
    page = factories.StandardPageFactory(
        parent=site_tree["home"], title="Opening", slug="opening", intro="Het begin"
    )
    german = translate(page, "de", {"Opening": "Eröffnung", "opening": "Eröffnung"})
    english = translate(page, "en", {"opening": "Café opening"})

    assert german.slug == "eroeffnung"
    assert english.slug == "cafe-opening"

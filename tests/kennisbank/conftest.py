"""Fixtures for the knowledge base tests: the knowledge base and directory in the
trilingual site tree, shared snippets in Dutch with German translations, and a
helper that writes and publishes articles as an editor would."""

from datetime import date

import pytest
from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from demo.registry import translate
from home.models import Organisation, OrganisationRegion, Region, Theme
from kennisbank.models import (
    ArticleAuthor,
    ArticleKind,
    ArticleOrganisation,
    ArticlePage,
    ArticleRegion,
    ArticleTheme,
)


@pytest.fixture
def translate_page(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translated page on commit: run that in tests."""

    def run(page, code, strings):
        with django_capture_on_commit_callbacks(execute=True):
            return translate(page, code, strings)

    return run


@pytest.fixture
def kennisbank(site_tree):
    """The knowledge base of the shared tree (nl, de "wissensdatenbank", en)."""
    return site_tree["kennisbank"]


@pytest.fixture
def directory(site_tree):
    """The organisation directory of the shared tree (nl, de "wer-kann-helfen")."""
    return site_tree["directory"]


def _snippet(model, german, **fields):
    obj = model.objects.create(**fields)
    name = fields.get("name")
    translate(obj, "de", {name: german} if name else {})
    return obj


@pytest.fixture
def taxonomy(locales):
    """Dutch snippets, each translated into German (names in German)."""
    themes = {
        "lokaal-voedsel": _snippet(
            Theme, "Lokale Lebensmittel", name="Lokaal voedsel", slug="lokaal-voedsel"
        ),
        "financiering": _snippet(Theme, "Finanzierung", name="Financiering", slug="financiering"),
        "wonen": _snippet(Theme, "Wohnen", name="Wonen", slug="wonen"),
    }
    regions = {
        "drenthe": _snippet(
            Region, "Drenthe", name="Drenthe", slug="drenthe", kind="province", country="NL"
        ),
        "limburg": _snippet(
            Region, "Limburg", name="Limburg", slug="limburg", kind="province", country="NL"
        ),
    }
    kinds = {
        "artikel": _snippet(ArticleKind, "Artikel", name="Artikel", slug="artikel"),
        "inspirerend-voorbeeld": _snippet(
            ArticleKind,
            "Inspirierendes Beispiel",
            name="Inspirerend voorbeeld",
            slug="inspirerend-voorbeeld",
        ),
    }
    return {"themes": themes, "regions": regions, "kinds": kinds}


def make_organisation(name, slug, regions=(), themes=(), german=None, **fields):
    organisation = Organisation(name=name, slug=slug, kind=fields.pop("kind", "fund"), **fields)
    for region in regions:
        organisation.region_links.add(OrganisationRegion(region=region))
    for theme in themes:
        from home.models import OrganisationTheme

        organisation.theme_links.add(OrganisationTheme(theme=theme))
    organisation.save()
    if german is not None:
        translate(organisation, "de", german)
    return organisation


@pytest.fixture
def make_article(kennisbank, taxonomy, django_capture_on_commit_callbacks):
    """Write and publish a Dutch article; links are given as slugs or snippets."""
    counter = {"n": 0}

    def make(
        title="Dorpshuis",
        intro="Een verhaal over een dorp.",
        body=None,
        themes=(),
        regions=(),
        organisations=(),
        authors=(),
        kind=None,
        publication_date=None,
        slug=None,
        publish=True,
        parent=None,
        **fields,
    ):
        counter["n"] += 1
        page = ArticlePage(
            title=title,
            slug=slug or f"artikel-{counter['n']}",
            intro=intro,
            body=body or [("paragraph", "<p>Het dorp leeft.</p>")],
            kind=taxonomy["kinds"].get(kind) if isinstance(kind, str) else kind,
            publication_date=publication_date or date(2024, 1, counter["n"] % 28 + 1),
            **fields,
        )
        for value in themes:
            page.theme_links.add(ArticleTheme(theme=taxonomy["themes"].get(value, value)))
        for value in regions:
            page.region_links.add(ArticleRegion(region=taxonomy["regions"].get(value, value)))
        for value in organisations:
            page.organisation_links.add(ArticleOrganisation(organisation=value))
        for value in authors:
            page.author_links.add(ArticleAuthor(person=value))
        (parent or kennisbank).add_child(instance=page)
        revision = page.save_revision()
        if publish:
            with django_capture_on_commit_callbacks(execute=True):
                revision.publish()
        # What the admin's "after_create_page" hook does: aliases in de and en.
        create_aliases_for_new_page(page)
        return page

    return make


def german(page):
    return page.get_translation(Locale.objects.get(language_code="de"))

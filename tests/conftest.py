"""Fixtures shared by the whole suite: locales and a trilingual page tree."""

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from demo.registry import translate
from home.models import HomePage, SiteSettings, SiteText, StandardPage
from tests.support import port_answers


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need the server and PostgreSQL settings; skip them otherwise."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if on_postgres and port_answers(5432):
        return
    skip = pytest.mark.skip(reason="needs DATABASE_URL pointing at a running PostgreSQL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def locales(db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


@pytest.fixture
def site_tree(locales):
    """A Dutch home page with an 'about' page, synchronised into de and en.

    The home and about pages are translated through wagtail-localize; the
    privacy page is not, so de/en have it only as an alias.
    """
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    Site.objects.all().delete()
    home = HomePage(title="Thuis", slug="home", locale=locales["nl"], intro="Welkom in het dorp")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    about = StandardPage(
        title="Over ons", slug="over-ons", intro="Wie wij zijn", show_in_menus=True
    )
    home.add_child(instance=about)
    about.save_revision().publish()
    privacy = StandardPage(
        title="Privacyverklaring", slug="privacyverklaring", intro="Wat wij met gegevens doen"
    )
    home.add_child(instance=privacy)
    privacy.save_revision().publish()
    for code in ("de", "en"):
        LocaleSynchronization.objects.create(locale=locales[code], sync_from=locales["nl"])
        synchronize_tree(locales["nl"], locales[code])
    translate(home, "de", {"Thuis": "Startseite", "Welkom in het dorp": "Willkommen im Dorf"})
    translate(home, "en", {"Thuis": "Home", "Welkom in het dorp": "Welcome to the village"})
    translate(
        about,
        "de",
        {"Over ons": "Über uns", "over-ons": "ueber-uns", "Wie wij zijn": "Wer wir sind"},
    )
    translate(
        about, "en", {"Over ons": "About us", "over-ons": "about-us", "Wie wij zijn": "Who we are"}
    )
    text = SiteText.objects.create(locale=locales["nl"], organisation_name="Samen Verder")
    translate(text, "de", {"Samen Verder": "Gemeinsam weiter"})
    SiteSettings.objects.create(site=site, site_text=text, privacy_page=privacy)
    return {
        "site": site,
        "home": home,
        "about": about,
        "privacy": privacy,
        "home_de": home.get_translation(locales["de"]),
        "about_de": about.get_translation(locales["de"]),
        "privacy_de": privacy.get_translation(locales["de"]),
    }

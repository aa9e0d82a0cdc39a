"""Site-wide pages and the editor side: robots, favicon, errors, admin translation."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation
from wagtail_localize.models import Translation

from home.views import server_error

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon_ico_leads_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")


def test_page_has_title_description_open_graph_and_skip_link(client, site_tree):
    page = BeautifulSoup(client.get("/de/ueber-uns/").content, "html.parser")
    assert page.title.get_text() == "Über uns · Gemeinsam weiter"
    assert page.select_one('meta[name="description"]')["content"] == "Wer wir sind"
    assert page.select_one('meta[property="og:title"]')["content"] == "Über uns"
    assert page.select_one('meta[property="og:locale"]')["content"] == "de_DE"
    assert (
        page.select_one('meta[property="og:url"]')["content"] == "http://testserver/de/ueber-uns/"
    )
    skip = page.select_one("a.skip-link")
    assert skip["href"] == "#main" and page.select_one("main#main") is not None
    assert skip.get_text() == "Zum Inhalt springen"


def test_server_error_page_is_in_the_visitor_language_without_database():
    request = RequestFactory().get("/de/")
    with translation.override("de"):
        response = server_error(request)
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "de"
    assert page.find("h1").get_text() == "Etwas ist schiefgelaufen"


def test_machine_translation_uses_the_dummy_backend_without_a_deepl_key():
    assert "DEEPL_API_KEY" not in settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR.get("OPTIONS", {})
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["CLASS"].endswith("DummyTranslator")


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_editor_submits_an_alias_for_translation_and_publishes_it(
    editor_client, site_tree, locales
):
    """The wagtail-localize flow an editor follows: submit, translate, publish."""
    privacy = site_tree["privacy"]
    response = editor_client.post(
        f"/admin/localize/submit/page/{privacy.pk}/",
        {"locales": [locales["de"].pk], "include_subtree": False},
    )
    assert response.status_code == 302
    job = Translation.objects.get(
        source__object_id=privacy.translation_key, target_locale=locales["de"]
    )
    po = job.export_po()
    for entry in po:
        if entry.msgid == "Privacyverklaring":
            entry.msgstr = "Datenschutzerklärung"
        elif entry.msgid == "privacyverklaring":
            entry.msgstr = "datenschutz"
    job.import_po(po)
    job.save_target(publish=True)
    response = editor_client.get("/de/datenschutz/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Datenschutzerklärung"
    assert page.select_one(".notice") is None
    # The translation editor opens for the new German page.
    german = privacy.get_translation(locales["de"])
    assert editor_client.get(f"/admin/pages/{german.pk}/edit/").status_code == 200


def test_footer_links_the_statements_in_the_readers_language(
    client, site_tree, django_capture_on_commit_callbacks
):
    from demo.factories import StandardPageFactory
    from demo.registry import translate
    from home.models import SiteSettings

    statement = StandardPageFactory(
        parent=site_tree["home"], title="Toegankelijkheid", slug="toegankelijkheid"
    )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        translate(
            statement,
            "de",
            {"Toegankelijkheid": "Barrierefreiheit", "toegankelijkheid": "barrierefreiheit"},
        )
    SiteSettings.objects.filter(site=site_tree["site"]).update(accessibility_page=statement)
    for prefix, path in [("nl", "/nl/toegankelijkheid/"), ("de", "/de/barrierefreiheit/")]:
        footer = BeautifulSoup(client.get(f"/{prefix}/").content, "html.parser").footer
        assert footer.find("a", href=path) is not None, (prefix, footer)
        assert footer.find("a", href=f"/{prefix}/privacyverklaring/") is not None
    assert client.get("/de/barrierefreiheit/").status_code == 200


def test_an_untranslated_page_reads_in_dutch_with_a_notice(client, site_tree):
    html = client.get("/de/privacyverklaring/").content.decode()
    assert "noch nicht auf Deutsch übersetzt" in html

"""The demo loader builds a trilingual site and changes nothing when run twice."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"wagtailcore", "home", "wagtail_localize", "wagtailimages", "auth"}
    }


def test_load_demo_twice_leaves_the_same_rows(client):
    call_command("load_demo", verbosity=0)
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
    assert first["home.HomePage"] == 3
    assert first["auth.User"] == 1


def test_demo_site_is_usable_in_three_languages(client):
    call_command("load_demo", verbosity=0)
    for path, text in [
        ("/nl/", "Samen kom je verder"),
        ("/de/", "Gemeinsam kommt man weiter"),
        ("/en/", "Together you get further"),
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert text in response.content.decode()
    # The German about page is a real translation; the privacy statement is Dutch with a notice.
    assert client.get("/de/ueber-uns/").status_code == 200
    privacy = client.get("/de/privacyverklaring/").content.decode()
    assert "noch nicht auf Deutsch übersetzt" in privacy
    assert Page.objects.filter(alias_of__isnull=False, locale__language_code="de").exists()


@pytest.mark.parametrize(
    ("language", "path", "heading"),
    [
        ("nl", "/nl/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("de", "/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
        ("en", "/en/accessibility/", "Accessibility statement"),
    ],
)
def test_accessibility_statement_has_a_stable_url_per_language_linked_from_the_footer(
    client, language, path, heading
):
    call_command("load_demo", verbosity=0)
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()
    home = client.get(f"/{language}/").content.decode()
    assert f'href="{path}"' in home


def test_every_demo_page_answers_in_every_language(client):
    """Each live page of the demo, translated or alias, is reachable at its URL."""
    call_command("load_demo", verbosity=0)
    assert Page.find_problems() == ([], [], [], [], [])
    pages = Page.objects.live().filter(depth__gt=1)
    assert pages.count() > 60
    failures = []
    for page in pages:
        url = page.get_url()
        status = client.get(url).status_code
        if status != 200:
            failures.append((url, status))
    assert failures == []

"""Editors work in one language: walking the admin as an editor whose admin
language is German or English shows none of our Dutch texts, and none of our
English texts where German is chosen.

The walk covers the main screens of our models on the small factory site of
the browser tests (tests/e2e/site.py): dashboard and menus, the page editor of
every page type we have, our snippets, reports, the event's dates and the
registrations screens, a chooser. Our texts are read from the .po files; what
editors wrote (titles, names) is left out, as it is content, not the admin.
"""

from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from home.models import Organisation, Venue
from tests.conftest import built_once, shared_tree_objects

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = {"home", "kennisbank", "events", "registration", "festival", "partners"}
ATTRIBUTES = ("placeholder", "title", "aria-label", "data-w-tooltip-content-value")


def catalogue(code):
    return polib.pofile(str(ROOT / "locales" / code / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    from demo.registry import translate
    from tests.e2e import site as factory_site

    with built_once(django_db_blocker):
        with TestCase.captureOnCommitCallbacks(execute=True):
            # What tests/e2e/site.py builds, on the shared tree of this run.
            tree = shared_tree_objects()
            codes = {locale.language_code: locale for locale in Locale.objects.all()}
            factory_site.build_pages(tree, codes, translate)
        yield


def _texts(strings):
    return {" ".join(s.split()) for s in strings if s and s.strip()}


@pytest.fixture(scope="module")
def foreign_texts():
    """{language: {text that must not appear to an editor of that language}}:
    our Dutch texts (where they differ from the other language's), and for
    German our English ones that have a different German text. Single words
    of three letters or fewer are left out (abbreviations, numbers)."""
    nl, de = catalogue("nl"), catalogue("de")
    german = {e.msgid: e.msgstr for e in de if e.msgstr}
    dutch = {e.msgid: e.msgstr for e in nl if e.msgstr and "%" not in e.msgid}
    texts = {"de": set(), "en": set()}
    for msgid, text in dutch.items():
        if len(text) <= 3 or "{" in text:
            continue
        if text != msgid:
            texts["en"].add(text)
        if text != german.get(msgid) and text != msgid:
            texts["de"].add(text)
    for msgid, text in german.items():
        if msgid != text and len(msgid) > 3 and "%" not in msgid and "{" not in msgid:
            texts["de"].add(msgid)
    for code, others in (("de", ("nl", "en")), ("en", ("nl", "de"))):
        texts[code] |= chooser_texts(others) - chooser_texts([code])
    return {code: _texts(found) for code, found in texts.items()}


def chooser_texts(languages):
    """What Wagtail's own chooser widget says for each of our snippets ("Kies
    locatie"), in `languages`: composed from Wagtail's and our catalogues."""
    from wagtail.snippets.models import get_snippet_models
    from wagtail.snippets.widgets import AdminSnippetChooser

    ours = [m for m in get_snippet_models() if m._meta.app_label in OUR_APPS]
    texts = set()
    for code in languages:
        with translation.override(code):
            for model in ours:
                widget = AdminSnippetChooser(model)
                texts |= {str(widget.choose_one_text), str(widget.choose_another_text)}
    return texts


def content_strings():
    """What editors wrote: never counted as an untranslated admin text."""
    strings = set(Page.objects.values_list("title", flat=True))
    strings |= set(Page.objects.values_list("slug", flat=True))
    strings |= set(Organisation.objects.values_list("name", flat=True))
    strings |= set(Venue.objects.values_list("name", flat=True))
    strings |= set(Venue.objects.values_list("city", flat=True))
    return _texts(strings)


def shown_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript", "textarea"]):
        hidden.decompose()
    body = soup.body or soup
    # Wagtail's own header labels its buttons "Actions" untranslated
    # (wagtailadmin/shared/headers/_actions.html): not ours to translate.
    for nav in body.select("#w-slim-header-buttons"):
        del nav["aria-label"]
    texts = list(body.find_all(string=True))
    for element in body.find_all(True):
        texts.extend(element.get(name, "") for name in ATTRIBUTES)
        if element.name == "option":
            texts.append(element.get_text())
    return _texts(texts)


def admin_urls():
    from events.models import EventIndexPage, EventPage
    from festival.models import FestivalPage
    from kennisbank.models import ArticlePage, KennisbankIndexPage, OrganisationDirectoryPage
    from partners.models import PartnerPage

    def edit(model):
        page = model.objects.filter(locale__language_code="nl").first()
        return f"/admin/pages/{page.pk}/edit/"

    cafe = EventPage.objects.filter(locale__language_code="nl", slug="repaircafe-kranenburg")
    event = cafe.get()
    calendar = EventIndexPage.objects.filter(locale__language_code="nl").first()
    organisation = Organisation.objects.filter(locale__language_code="nl").first()
    venue = Venue.objects.filter(locale__language_code="nl").first()
    return [
        "/admin/",
        f"/admin/pages/{calendar.pk}/",
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        edit(EventPage),
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/events/{event.pk}/dates/",
        edit(ArticlePage),
        edit(KennisbankIndexPage),
        edit(OrganisationDirectoryPage),
        edit(FestivalPage),
        edit(PartnerPage),
        "/admin/snippets/home/organisation/",
        f"/admin/snippets/home/organisation/edit/{organisation.pk}/",
        f"/admin/snippets/home/venue/edit/{venue.pk}/",
        "/admin/snippets/events/eventtype/",
        "/admin/snippets/choose/home/venue/",
        "/admin/reports/organisations-to-check/",
        "/admin/registrations/",
        f"/admin/registrations/?event={event.pk}",
    ]


def editor_client(client, language):
    user = get_user_model().objects.create_superuser(f"editor-{language}", "e@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_admin_shows_only_the_editors_language(client, site, foreign_texts, language):
    urls = admin_urls()
    # Most editors work in Dutch: whatever the admin builds once and keeps
    # (forms, widgets) is built for them first, as on the real site.
    dutch = editor_client(Client(), "nl")
    for url in urls:
        assert dutch.get(url).status_code == 200, url
    client = editor_client(client, language)
    content = content_strings()
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        wrong = (shown_texts(response.content.decode()) & foreign_texts[language]) - content
        if wrong:
            found[url] = sorted(wrong)
    assert not found, "\n".join(f"{url}: {texts}" for url, texts in found.items())


@pytest.mark.django_db
def test_the_walk_would_see_a_dutch_text(client, site, foreign_texts):
    """The check itself: a Dutch text of ours, and Wagtail's chooser text
    composed with a Dutch model name, are found on a screen."""
    dutch = "Markeren als gecontroleerd"
    assert dutch in foreign_texts["en"] and dutch in foreign_texts["de"]
    assert "Kies locatie" in foreign_texts["en"] and "Kies locatie" in foreign_texts["de"]
    html = f"<html><body><button>{dutch}</button><input placeholder='Kies data'></body></html>"
    assert {dutch, "Kies data"} <= shown_texts(html)


@pytest.mark.django_db
def test_snippet_chooser_speaks_the_editors_language(client, site):
    """Wagtail makes the chooser once, at start-up: ours reads its texts late."""
    from events.models import EventPage

    event = EventPage.objects.filter(locale__language_code="nl", venue__isnull=False).first()
    url = f"/admin/pages/{event.pk}/edit/"
    assert "Kies locatie" in editor_client(Client(), "nl").get(url).content.decode()
    html = editor_client(client, "en").get(url).content.decode()
    assert "Choose venue" in html and "Kies" not in html

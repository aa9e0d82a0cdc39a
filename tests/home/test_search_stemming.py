"""Search understands word forms in each language, on SQLite (Snowball stemmers
in Python, home/search_backend.py) and on PostgreSQL (its text-search
configurations) alike: the same tests run on whichever database is configured."""

import tracemalloc

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from demo.factories import ArticlePageFactory
from home.search_backend import stem_text

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

INDEX = {"nl": "/nl/kennisbank/", "de": "/de/wissensdatenbank/", "en": "/en/knowledge-base/"}


@pytest.fixture
def articles(site_tree):
    """Articles written in each language under that language's knowledge base."""
    made = {}
    for code, title, intro, body in [
        ("de", "Ehrenamt im Dorf", "Wie ein Dorf sein Ehrenamt stärkt.", "Gemeinsam anpacken."),
        ("de", "Dörfer an der Grenze", "Grenzdörfer arbeiten zusammen.", "Über die Grenze."),
        ("de", "Geld für Vereine", "Fördermittel beantragen.", "Anträge schreiben."),
        ("en", "Become a volunteer", "How a volunteer helps the village.", "Start small."),
        ("en", "Funding for clubs", "Applying for grants.", "Write the application."),
        ("nl", "Vrijwilliger worden", "Hoe een vrijwilliger het dorp helpt.", "Begin klein."),
        ("nl", "Geld voor verenigingen", "Subsidie aanvragen.", "Schrijf de aanvraag."),
    ]:
        locale = Locale.objects.get(language_code=code)
        parent = site_tree["kennisbank"].get_translation(locale)
        made[title] = ArticlePageFactory(
            parent=parent,
            locale=locale,
            title=title,
            intro=intro,
            body=[("paragraph", f"<p>{body}</p>")],
        )
    return made


def found(client, code, query):
    response = client.get(INDEX[code], {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text(strip=True) for a in page.select(".kb-card .card__title a"))


def test_each_language_finds_other_forms_of_a_word(client, articles):
    assert found(client, "de", "Ehrenamtliche") == ["Ehrenamt im Dorf"]
    assert found(client, "en", "volunteers") == ["Become a volunteer"]
    assert found(client, "de", "Dörfer") == ["Dörfer an der Grenze", "Ehrenamt im Dorf"]
    assert found(client, "de", "Dorf") == found(client, "de", "Dörfer")
    assert found(client, "nl", "vrijwilligers") == ["Vrijwilliger worden"]


def test_stems_stay_within_their_language_and_plain_words_still_match(client, articles):
    assert found(client, "nl", "Ehrenamtliche") == []
    assert found(client, "en", "Dörfer") == []
    assert found(client, "de", "Geld") == ["Geld für Vereine"]
    assert found(client, "en", "grants funding") == ["Funding for clubs"]


def test_stemming_keeps_words_apart_and_leaves_unknown_languages_alone():
    assert stem_text("Ehrenamtliche Dörfer-Feste", "german") == "ehrenamt dorf-fest"
    assert stem_text("Ehrenamtliche", "simple") == "Ehrenamtliche"


def test_stemming_ever_new_words_keeps_none_of_them():
    """A worker stems every search's words; searches for ever new words (a
    number, a typo) must not pile up in memory."""
    stem_text("Anfang", "german")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(5000):
            stem_text(f"Dorf{number} Wort{number}x", "german")
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20_000, f"{grown:,} bytes kept after stemming 10,000 new words"

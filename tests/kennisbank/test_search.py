"""The knowledge base's search reads the index table in one query per need
(kennisbank/search.py, home/search_backend.py): the same matches and the same
relevance order as Wagtail's own search, combined with the filters, paginated,
per language, and calm whatever is typed. Runs on whichever database is
configured (SQLite by default, PostgreSQL with DATABASE_URL)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Locale

from demo.registry import translate
from home.models import Theme
from kennisbank.models import ArticlePage
from kennisbank.search import ranked_article_ids

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

FILLER = "fiets molen brug kerk school markt boer veld weide schuur"


def titles(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".kb-card .card__title a")]


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def village_articles(make_article):
    """Articles that mention "dorp" more or less: in a short title, a long one,
    the introduction, the body only; two alike; two without."""
    made = [
        make_article(
            title="Dorp", intro="Een dorp, nog een dorp.", body=paragraph("Dorpen en dorp.")
        ),
        make_article(
            title=f"Een lange titel over de {FILLER} en een dorp",
            intro="Over het land.",
            body=paragraph(FILLER),
        ),
        make_article(title="Samen sterk", intro="Dorpen werken samen.", body=paragraph(FILLER)),
        make_article(
            title="Bewoners", intro="Over mensen.", body=paragraph(f"{FILLER} dorp {FILLER}")
        ),
        make_article(title="Tweeling", intro="Een dorp.", body=paragraph("Gelijk.")),
        make_article(title="Tweeling", intro="Een dorp.", body=paragraph("Gelijk.")),
        make_article(title="Stad", intro="Over de stad.", body=paragraph(FILLER)),
        make_article(title="Fietsen", intro="Een fiets in de stad.", body=paragraph("Markt.")),
    ]
    return made


def live_articles(kennisbank):
    return ArticlePage.objects.live().public().child_of(kennisbank)


def wagtails_order(queryset, text):
    """What Wagtail's own search answers, the reference."""
    with translation.override("nl"):
        found = queryset.search(text, operator="and", order_by_relevance=True)
        return [page.pk for page in found]


def test_the_same_matches_in_the_same_order_as_wagtails_search(kennisbank, village_articles):
    # One set of articles for every query (building it is most of the cost).
    base = live_articles(kennisbank)
    for text in ("dorp", "dorpen", "Dorp samen", "fiets", "een dorp"):
        with translation.override("nl"):
            ranked = ranked_article_ids(base, text)
        assert ranked == wagtails_order(base, text), text


def test_relevance_puts_many_mentions_first(kennisbank, village_articles):
    with translation.override("nl"):
        ranked = ranked_article_ids(live_articles(kennisbank), "dorp")
    short, long_title, intro, body, twin, later_twin, _city, _bike = village_articles
    assert set(ranked) == {short.pk, long_title.pk, intro.pk, body.pk, twin.pk, later_twin.pk}
    assert ranked[0] == short.pk  # three mentions and a one-word title
    assert ranked.index(intro.pk) < ranked.index(body.pk)  # a short text beats a long one


def test_every_word_must_match_in_title_or_body_together(kennisbank, make_article):
    both = make_article(title="Het dorp", intro="Over iets.", body=paragraph("Met de fiets."))
    make_article(title="Het dorp", intro="Over iets.", body=paragraph("Te voet."))
    with translation.override("nl"):
        assert ranked_article_ids(live_articles(kennisbank), "dorp fiets") == [both.pk]
        assert ranked_article_ids(live_articles(kennisbank), "dorp fiets auto") == []


def test_index_sorts_the_matches_by_relevance_within_the_filters(client, kennisbank, make_article):
    body = paragraph(FILLER)
    make_article(title="Dorp", intro="Een dorp en een dorp.", body=body, themes=["wonen"])
    make_article(
        title="Dorp in het groen", intro="Over de weide.", body=body, themes=["financiering"]
    )
    make_article(title=f"Over de {FILLER}", intro="Ergens een dorp.", body=body, themes=["wonen"])
    make_article(title="Stad", intro=f"Geen dorp, {FILLER}.", body=body, themes=["wonen"])
    make_article(title="Stad", intro="Alleen de stad.", body=body, themes=["wonen"])
    found = titles(client.get("/nl/kennisbank/", {"q": "dorp", "sort": "relevance"}))
    assert len(found) == 4
    assert found == [
        ArticlePage.objects.get(pk=pk).title
        for pk in wagtails_order(live_articles(kennisbank), "dorp")
    ]
    filtered = titles(
        client.get("/nl/kennisbank/", {"q": "dorp", "theme": "wonen", "sort": "relevance"})
    )
    assert filtered == [t for t in found if t != "Dorp in het groen"]
    newest = titles(client.get("/nl/kennisbank/", {"q": "dorp", "sort": "newest"}))
    assert sorted(newest) == sorted(found) and newest != found


def test_pages_of_a_search_continue_in_relevance_order(client, kennisbank, make_article):
    for n in range(15):
        make_article(
            title=f"Dorp {n}",
            intro=" ".join(["dorp"] * (n % 4 + 1) + FILLER.split()[: n % 7]),
            body=paragraph(FILLER),
            slug=f"dorp-{n}",
        )
    make_article(title="Stad", slug="stad", intro="Over de stad.", body=paragraph(FILLER))
    first = titles(client.get("/nl/kennisbank/", {"q": "dorp"}))
    second = titles(client.get("/nl/kennisbank/", {"q": "dorp", "page": "2"}))
    assert len(first) == 12 and len(second) == 3
    expected = [
        ArticlePage.objects.get(pk=pk).title
        for pk in wagtails_order(live_articles(kennisbank), "dorp")
    ]
    assert first + second == expected


def test_a_search_costs_the_same_queries_for_few_and_many_matches(
    client, make_article, django_assert_max_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    make_article(title="Dorp", themes=["wonen"], regions=["drenthe"])
    url = "/nl/kennisbank/?q=dorp&theme=wonen"
    client.get(url)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        assert titles(client.get(url)) == ["Dorp"]
    few = len(captured)  # now: the log keeps only the last 9,000 queries
    for n in range(20):
        make_article(title=f"Dorp {n}", themes=["wonen"], regions=["drenthe"])
    client.get(url)
    with django_assert_max_num_queries(few):
        assert len(titles(client.get(url))) == 12


ODD_INPUTS = [
    'dorp"',
    '"dorp"',
    '"',
    "-",
    "...",
    "dorp -",
    "d'orp",
    "dorp\\",
    "dorp OR stad",
    "NOT dorp",
    "dorp*",
    "{title}: dorp",
    "(dorp",
    "dorp:",
    "ü" * 300,
    "dorp " * 60,
]


def test_any_typed_text_is_answered_calmly(client, village_articles):
    for text in ODD_INPUTS:  # one set of articles for all of them
        response = client.get("/nl/kennisbank/", {"q": text})
        assert response.status_code == 200, text


def test_words_without_letters_are_left_out(client, village_articles):
    assert titles(client.get("/nl/kennisbank/", {"q": "dorp -"})) == titles(
        client.get("/nl/kennisbank/", {"q": "dorp"})
    )
    assert titles(client.get("/nl/kennisbank/", {"q": "- ..."})) == []
    assert titles(client.get("/nl/kennisbank/", {"q": 'dorp"'})) == titles(
        client.get("/nl/kennisbank/", {"q": "dorp"})
    )


def test_a_reader_finds_articles_by_the_theme_and_region_names_their_cards_show(
    client, make_article, taxonomy, django_capture_on_commit_callbacks
):
    """The German version of a Dutch article is an alias: Dutch text, links to
    the Dutch snippets, and German names on its card. A German search finds it
    by those names, a Dutch one by the Dutch names only; a renamed theme is
    found by its new name once the change is committed."""
    make_article(
        title="Samen bouwen", intro="Over het dorp.", themes=["wonen"], regions=["drenthe"]
    )
    make_article(title="Geld zoeken", intro="Over subsidie.", themes=["financiering"])

    def found(path, text):
        return titles(client.get(path, {"q": text}))

    assert found("/de/wissensdatenbank/", "Wohnen") == ["Samen bouwen"]
    assert found("/de/wissensdatenbank/", "Finanzierung") == ["Geld zoeken"]
    assert found("/de/wissensdatenbank/", "Drenthe Wohnen") == ["Samen bouwen"]
    assert found("/nl/kennisbank/", "wonen") == ["Samen bouwen"]
    assert found("/nl/kennisbank/", "Wohnen") == []

    housing = taxonomy["themes"]["wonen"].get_translation(Locale.objects.get(language_code="de"))
    housing.name = "Gemeinschaftliches Bauen"
    with django_capture_on_commit_callbacks(execute=True):
        housing.save()
    assert found("/de/wissensdatenbank/", "Gemeinschaftliches") == ["Samen bouwen"]
    assert found("/de/wissensdatenbank/", "Wohnen") == []
    assert found("/nl/kennisbank/", "wonen") == ["Samen bouwen"]


def test_a_theme_translated_later_is_found_by_its_new_name(
    client, make_article, django_capture_on_commit_callbacks
):
    energy = Theme.objects.create(name="Dorpsenergie", slug="dorpsenergie")
    make_article(title="Zon op het dak", intro="Over het dorp.", themes=[energy])

    def found(text):
        return titles(client.get("/de/wissensdatenbank/", {"q": text}))

    assert found("Dorpsenergie") == ["Zon op het dak"]  # no German name yet: the Dutch one
    with django_capture_on_commit_callbacks(execute=True):
        translate(energy, "de", {"Dorpsenergie": "Bürgerenergie"})
    assert found("Bürgerenergie") == ["Zon op het dak"]
    assert found("Dorpsenergie") == []


def test_a_theme_made_in_the_same_transaction_as_its_article_is_named(client, make_article):
    """An import makes themes and articles in one transaction: the names kept
    from before it still lack the new theme, and its article is indexed with
    that theme's name all the same."""
    make_article(title="Eerste", intro="Over het dorp.", themes=["wonen"])  # names read and kept
    mobility = Theme.objects.create(name="Buurtbus", slug="buurtbus")
    make_article(title="Samen rijden", intro="Over vervoer.", themes=[mobility])
    assert titles(client.get("/de/wissensdatenbank/", {"q": "Buurtbus"})) == ["Samen rijden"]

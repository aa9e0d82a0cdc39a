"""A change invalidates the cached pages that show it, and no others.

Publishing an article refreshes the article, its index and its theme page but
leaves the events and the festival cached; a registration refreshes the
places left on the event page, and on the festival programme as a live part
(the programme stays cached) until a state changes (full: the programme's
filters change too); it leaves the knowledge base alone; an image rendition
changes nothing; site settings still start a new generation. The same pages
go to Wagtail's frontend cache."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from events.models import EventPage
from home.cache import (
    PageCacheMiddleware,
    current_generation,
    depends_on,
    invalidate,
    invalidate_tags,
)
from home.models import Theme
from kennisbank.models import ArticlePage, ArticleTheme
from tests.conftest import built_once, fresh, pks, shared_tree_objects
from tests.events.conftest import local, make_venue
from tests.festival.test_festival_views import add_festival, add_session
from tests.registration.registration_support import first_date, sign_up

pytestmark = pytest.mark.django_db

PURGED = []


class FakeBackend(BaseBackend):
    """A frontend cache that notes what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """An article on a theme, an unrelated event, and a festival one month
    ahead with a session of 5 places: built once for the module."""
    with built_once(django_db_blocker):
        tree = shared_tree_objects()
        theme = Theme.objects.create(name="Wonen", slug="wonen")
        article = ArticlePage(title="Het dorpshuis", slug="het-dorpshuis", intro="Over wonen.")
        tree["kennisbank"].add_child(instance=article)
        article.theme_links.add(ArticleTheme(theme=theme))
        article.save_revision().publish()
        event = EventPage(
            title="Repaircafé",
            slug="repaircafe",
            start=local(2030, 3, 2, 10, 0),
            end=local(2030, 3, 2, 13, 0),
            venue=make_venue(),
        )
        tree["calendar"].add_child(instance=event)
        event.save_revision().publish()
        day = (timezone.localdate() + timedelta(days=30)).timetuple()[:3]
        festival = add_festival(
            tree["home"], slug="festival", start=timezone.localdate() + timedelta(days=30)
        )
        session = add_session(festival, "Samen bouwen", local(*day, 10, 0), capacity=5)
        yield pks(
            {
                "article": ArticlePage.objects.get(pk=article.pk),
                "theme": theme,
                "event": EventPage.objects.get(pk=event.pk),
                "festival": festival,
                "session": session,
                "about": tree["about"],
            }
        )


@pytest.fixture
def pages(built, settings, locales):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    return fresh(built)


ARTICLE = "/nl/kennisbank/het-dorpshuis/"
INDEX = "/nl/kennisbank/"
THEME = "/nl/kennisbank/thema/wonen/"
EVENT = "/nl/agenda/repaircafe/"
CALENDAR = "/nl/agenda/"
PROGRAMME = "/nl/festival/programma/"
SESSION = "/nl/festival/samen-bouwen/"
ABOUT = "/nl/over-ons/"


def warm(client, *urls):
    """Render each URL once and check that the second request is a hit."""
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def answers(client, *urls):
    return {url: client.get(url)["X-Page-Cache"] for url in urls}


def test_publishing_an_article_refreshes_its_page_index_and_theme_page_only(
    client, pages, django_assert_num_queries
):
    warm(client, ARTICLE, INDEX, THEME, EVENT, PROGRAMME, ABOUT)
    article = pages["article"]
    article.title = "Het nieuwe dorpshuis"
    article.save_revision().publish()
    assert answers(client, ARTICLE, INDEX, THEME) == dict.fromkeys((ARTICLE, INDEX, THEME), "miss")
    for url in (ARTICLE, INDEX, THEME):
        assert "Het nieuwe dorpshuis" in client.get(url).content.decode(), url
    with django_assert_num_queries(0):  # a hit still costs no query
        assert answers(client, EVENT, PROGRAMME, ABOUT) == dict.fromkeys(
            (EVENT, PROGRAMME, ABOUT), "hit"
        )


def test_a_bulk_load_makes_every_page_stale_once_at_its_end(client, pages, monkeypatch):
    from home import invalidation

    warm(client, ARTICLE, EVENT, ABOUT)
    worked_out = []
    monkeypatch.setattr(invalidation, "touched_by", lambda row: worked_out.append(row))
    with invalidation.paused():
        article = pages["article"]
        article.title = "Geladen in bulk"
        article.save_revision().publish()
        assert answers(client, EVENT, ABOUT) == {EVENT: "hit", ABOUT: "hit"}
    assert worked_out == []  # no row by row look-up of the pages it touches
    assert answers(client, ARTICLE, EVENT, ABOUT) == dict.fromkeys((ARTICLE, EVENT, ABOUT), "miss")


def test_rows_loaded_as_stored_make_every_page_stale(client, pages):
    from django.core import serializers

    warm(client, ABOUT, EVENT)
    for row in serializers.deserialize("json", serializers.serialize("json", [pages["theme"]])):
        row.save()  # post_save with raw=True, as loaddata sends it
    assert answers(client, ABOUT, EVENT) == {ABOUT: "miss", EVENT: "miss"}


def test_saving_a_draft_keeps_the_page_cached(client, pages):
    warm(client, ARTICLE, INDEX)
    article = pages["article"]
    article.title = "Nog niet klaar"
    article.save_revision()
    assert answers(client, ARTICLE, INDEX) == {ARTICLE: "hit", INDEX: "hit"}
    assert "Nog niet klaar" not in client.get(ARTICLE).content.decode()


def test_a_registration_keeps_the_programme_cached_with_the_new_places_left(
    client, pages, django_capture_on_commit_callbacks, django_assert_num_queries
):
    # (The session's own page holds the registration form: never cached.)
    warm(client, PROGRAMME, INDEX, ARTICLE, EVENT, CALENDAR)
    assert "nog 5 plaatsen vrij" in client.get(PROGRAMME).content.decode()
    for n in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(first_date(pages["session"]), n)
    with django_assert_num_queries(0):
        page = client.get(PROGRAMME)
    assert page["X-Page-Cache"] == "hit"
    body = page.content.decode()
    assert "nog 3 plaatsen vrij" in body
    assert "nog 5 plaatsen vrij" not in body
    assert "<!--part" not in body
    assert int(page["Content-Length"]) == len(page.content)
    assert "nog 3 plaatsen vrij" in client.get(SESSION).content.decode()
    assert answers(client, INDEX, ARTICLE, EVENT, CALENDAR) == dict.fromkeys(
        (INDEX, ARTICLE, EVENT, CALENDAR), "hit"
    )


def test_a_session_that_fills_up_leaves_the_places_left_filter(
    client, pages, django_capture_on_commit_callbacks
):
    available = PROGRAMME + "?places=available"
    date = first_date(pages["session"])
    row = f'data-session="{date.pk}"'
    warm(client, PROGRAMME, available)
    assert row in client.get(available).content.decode()
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(date, n)
    assert answers(client, PROGRAMME, available) == {PROGRAMME: "hit", available: "hit"}
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(date, 4)  # the last place: the session's state changes
    assert answers(client, PROGRAMME, available) == {PROGRAMME: "miss", available: "miss"}
    assert row not in client.get(available).content.decode()
    programme = client.get(PROGRAMME)
    assert programme["X-Page-Cache"] == "hit"
    body = programme.content.decode()
    assert "registration__state--open" not in body
    assert "registration__state--waiting" in body or "registration__state--full" in body


def test_a_registration_for_a_session_the_page_does_not_list_keeps_it_cached(
    client, pages, django_capture_on_commit_callbacks
):
    """The talks' programme holds no part of the workshop, but its counts
    follow every session's state: a registration that leaves the workshop
    open leaves the page cached; the one that fills it does not."""
    day = pages["festival"].start_date.timetuple()[:3]
    workshop = add_session(
        pages["festival"], "Samen koken", local(*day, 14, 0), fmt="workshop", capacity=2
    )
    talks = PROGRAMME + "?format=talk"
    warm(client, talks)
    assert "Samen koken" not in client.get(talks).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(first_date(workshop), 1)
    assert answers(client, talks) == {talks: "hit"}
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(first_date(workshop), 2)  # the last place: its state changes
    assert answers(client, talks) == {talks: "miss"}


def test_publishing_an_event_refreshes_the_event_lists_not_the_knowledge_base(client, pages):
    """Articles show the upcoming events on their themes, so they are refreshed
    too; the knowledge base's lists and other pages are not."""
    warm(client, EVENT, CALENDAR, ARTICLE, INDEX, ABOUT)
    event = pages["event"]
    event.title = "Repaircafé XL"
    event.save_revision().publish()
    assert answers(client, EVENT, CALENDAR, ARTICLE) == dict.fromkeys(
        (EVENT, CALENDAR, ARTICLE), "miss"
    )
    assert "Repaircafé XL" in client.get(CALENDAR).content.decode()
    assert answers(client, INDEX, ABOUT) == {INDEX: "hit", ABOUT: "hit"}


def test_renaming_a_theme_refreshes_the_pages_that_show_it(client, pages):
    warm(client, ARTICLE, THEME, EVENT, ABOUT)
    theme = pages["theme"]
    theme.name = "Wonen en leven"
    theme.save()
    assert answers(client, ARTICLE, THEME) == {ARTICLE: "miss", THEME: "miss"}
    assert "Wonen en leven" in client.get(ARTICLE).content.decode()
    assert answers(client, EVENT, ABOUT) == {EVENT: "hit", ABOUT: "hit"}


def test_a_new_image_rendition_invalidates_nothing(client, pages):
    image = get_image_model().objects.create(title="Dorpsplein", file=get_test_image_file())
    warm(client, ARTICLE, PROGRAMME, ABOUT)
    generation = current_generation()
    image.get_rendition("fill-20x20")
    assert current_generation() == generation
    assert answers(client, ARTICLE, PROGRAMME, ABOUT) == dict.fromkeys(
        (ARTICLE, PROGRAMME, ABOUT), "hit"
    )


def test_site_settings_still_start_a_new_generation(client, pages, site_tree):
    warm(client, ARTICLE, PROGRAMME)
    generation = current_generation()
    text = site_tree["site"].sitesettings.site_text
    text.organisation_name = "Samen Sterker"
    text.save()
    assert current_generation() != generation
    assert answers(client, ARTICLE, PROGRAMME) == {ARTICLE: "miss", PROGRAMME: "miss"}
    assert "Samen Sterker" in client.get(ARTICLE).content.decode()


def test_publishing_purges_the_same_pages_from_the_frontend_cache(
    pages, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"fake": {"BACKEND": f"{__name__}.FakeBackend"}}
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    PURGED.clear()
    article = pages["article"]
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "http://testserver/nl/kennisbank/het-dorpshuis/" in PURGED
    assert "http://testserver/nl/kennisbank/" in PURGED
    assert not any("festival" in url or "agenda" in url for url in PURGED)
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(first_date(pages["session"]), 2)
    assert set(PURGED) >= {
        "http://testserver/nl/festival/samen-bouwen/",
        "http://testserver/nl/festival/",
    }


# -- The middleware's rule: a change during a rendering is never stored as fresh ----


def test_a_change_while_a_page_renders_is_not_taken_for_fresh(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    invalidate()
    renders = []

    def view(request):
        depends_on("page:0001X")
        if not renders:
            invalidate_tags({"page:0001X"})  # an editor publishes meanwhile
        renders.append(1)
        return HttpResponse(b"<p>pagina</p>")

    middleware = PageCacheMiddleware(view)
    assert middleware(rf.get("/nl/x/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/nl/x/"))["X-Page-Cache"] == "miss"  # rendered again
    assert middleware(rf.get("/nl/x/"))["X-Page-Cache"] == "hit"
    invalidate_tags({"page:0002Y"})  # another page's change
    assert middleware(rf.get("/nl/x/"))["X-Page-Cache"] == "hit"
    invalidate_tags({"page:0001X"})
    assert middleware(rf.get("/nl/x/"))["X-Page-Cache"] == "miss"
    assert len(renders) == 3


def test_an_evicted_tag_version_counts_as_changed(rf, settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    middleware = PageCacheMiddleware(lambda request: (depends_on("kb-lists"), HttpResponse())[1])
    middleware(rf.get("/nl/y/"))
    assert middleware(rf.get("/nl/y/"))["X-Page-Cache"] == "hit"
    cache.delete("page-cache:tag:kb-lists")
    assert middleware(rf.get("/nl/y/"))["X-Page-Cache"] == "miss"


def test_every_model_of_the_site_has_a_rule():
    """A new model without a rule would empty the whole cache on every save:
    each app says what its rows touch (or that they are part of a page)."""
    from django.apps import apps

    from home.invalidation import declared

    for label in ("home", "kennisbank", "events", "registration", "festival", "partners"):
        for model in apps.get_app_config(label).get_models():
            assert declared(model), model

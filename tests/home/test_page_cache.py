"""The anonymous page cache: hits, and never a stale or personal page."""

from importlib import import_module

import pytest
from django.conf import settings
from django.test import override_settings

from home.cache import invalidate

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True, params=[0, 1024 * 1024], ids=["shared", "near-copies"])
def page_cache(settings, request):
    """Each test with the shared cache alone, and with near copies in the
    process as with Redis (`PAGE_CACHE_NEAR_BYTES`)."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_NEAR_BYTES = request.param
    invalidate()


def test_second_anonymous_view_comes_from_the_cache(client, site_tree, django_assert_num_queries):
    assert client.get("/nl/over-ons/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/nl/over-ons/")
    assert response["X-Page-Cache"] == "hit"
    assert "Over ons" in response.content.decode()


def test_publishing_a_change_is_visible_at_once(client, site_tree):
    client.get("/nl/over-ons/")
    about = site_tree["about"]
    about.title = "Wie wij zijn"
    about.save_revision().publish()
    response = client.get("/nl/over-ons/")
    assert response["X-Page-Cache"] == "miss"
    assert "Wie wij zijn" in response.content.decode()


def test_saving_a_snippet_shown_on_pages_invalidates_them(client, site_tree):
    client.get("/nl/")
    text = site_tree["site"].sitesettings.site_text
    text.organisation_name = "Samen Sterker"
    text.save()
    assert "Samen Sterker" in client.get("/nl/").content.decode()


def test_editors_and_visitors_with_a_session_are_never_served_from_the_cache(
    client, site_tree, django_user_model
):
    client.get("/nl/over-ons/")
    client.force_login(django_user_model.objects.create_user("ed", password="x"))
    assert "X-Page-Cache" not in client.get("/nl/over-ons/")


def test_other_languages_and_queries_are_cached_apart(client, site_tree):
    client.get("/nl/zoeken/?q=over")
    assert client.get("/nl/zoeken/?q=privacy")["X-Page-Cache"] == "miss"
    assert "Über uns" in client.get("/de/ueber-uns/").content.decode()


def test_not_found_pages_are_not_cached(client, site_tree):
    assert "X-Page-Cache" not in client.get("/nl/bestaat-niet/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_turned_off(client, site_tree):
    assert "X-Page-Cache" not in client.get("/nl/over-ons/")


def test_a_page_with_a_csrf_token_is_never_shared(rf, site_tree):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from home.cache import PageCacheMiddleware

    def view(request):
        token = get_token(request)
        return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{token}"></form>')

    middleware = PageCacheMiddleware(view)
    first = middleware(rf.get("/nl/formulier/", HTTP_COOKIE="csrftoken=" + "a" * 32))
    second = middleware(rf.get("/nl/formulier/", HTTP_COOKIE="csrftoken=" + "b" * 32))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first.content != second.content


def test_every_app_whose_rows_pages_show_invalidates_the_cache():
    """Registrations (places left), sessions, partner pages: a new app is not
    forgotten, because each app says so itself; the demo app does not."""
    from django.apps import apps

    from home.cache import shown_on_pages

    for label in ("home", "kennisbank", "events", "registration", "festival", "partners"):
        for model in apps.get_app_config(label).get_models():
            assert shown_on_pages(model), model
    assert not shown_on_pages(apps.get_model("auth", "User"))


# -- A cache nobody can flood ------------------------------------------------------


def test_parameters_in_another_order_share_one_entry(client, site_tree):
    assert client.get("/nl/zoeken/?q=over&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/nl/zoeken/?page=1&q=over")["X-Page-Cache"] == "hit"


def test_a_parameter_no_page_understands_is_served_but_not_cached(client, site_tree):
    response = client.get("/nl/over-ons/?utm_source=nieuwsbrief")
    assert response.status_code == 200 and response["X-Page-Cache"] == "skip"
    assert client.get("/nl/over-ons/?utm_source=nieuwsbrief")["X-Page-Cache"] == "skip"


def _stored_bytes():
    from django.core.cache import cache

    return sum(len(value) for value in cache._cache.values())


def test_two_thousand_junk_query_strings_hardly_grow_the_cache(rf, settings):
    """The middleware alone, in front of a 26 KB page (a real page's size)."""
    from django.core.cache import cache
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware

    cache.clear()
    middleware = PageCacheMiddleware(lambda request: HttpResponse(b"x" * 26_000))
    middleware(rf.get("/nl/agenda/"))
    before = _stored_bytes()
    junk = [f"/nl/agenda/?junk{n}={n}" for n in range(1000)]
    junk += [f"/nl/agenda/?type=a&theme=b&x={n}" for n in range(500)]
    junk += ["/nl/agenda/?theme=b&type=a", "/nl/agenda/?type=a&theme=b"] * 250
    answers = [middleware(rf.get(url))["X-Page-Cache"] for url in junk]
    assert answers.count("skip") == 1500
    assert answers.count("miss") == 1  # the two orders of the same filters: one entry
    assert _stored_bytes() - before < 2 * 1024 * 1024


def test_two_thousand_made_up_values_of_understood_parameters_hardly_grow_the_cache(rf):
    """Names some page reads, values nobody links to: a page number past the
    end, a search on a page without one, a filter value that is no choice.
    Each is a distinct address of a 26 KB page; what they may store together
    is bounded (PAGE_CACHE_QUERY_BYTES per PAGE_CACHE_SECONDS)."""
    from django.core.cache import cache
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware

    cache.clear()
    middleware = PageCacheMiddleware(lambda request: HttpResponse(b"x" * 26_000))
    middleware(rf.get("/nl/over-ons/"))
    before = _stored_bytes()
    junk = [f"/nl/over-ons/?page={n}" for n in range(700)]
    junk += [f"/nl/agenda/?q=junk{n}" for n in range(700)]
    junk += [f"/nl/agenda/?type=nothing-{n}&page=2" for n in range(600)]
    answers = [middleware(rf.get(url)) for url in junk]
    assert all(answer.status_code == 200 for answer in answers)
    assert _stored_bytes() - before < 2.5 * 1024 * 1024
    # The first of them were stored, within the budget: variants stay cacheable.
    assert [a["X-Page-Cache"] for a in answers[:3]] == ["miss"] * 3
    assert answers[-1]["X-Page-Cache"] == "skip"


def test_the_address_without_a_query_is_stored_whatever_the_query_budget(rf, settings):
    from django.core.cache import cache
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware

    cache.clear()
    settings.PAGE_CACHE_QUERY_BYTES = 30_000
    middleware = PageCacheMiddleware(lambda request: HttpResponse(b"x" * 26_000))
    assert middleware(rf.get("/nl/agenda/?page=2"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/nl/agenda/?page=3"))["X-Page-Cache"] == "skip"
    assert middleware(rf.get("/nl/agenda/?page=2"))["X-Page-Cache"] == "hit"
    assert middleware(rf.get("/nl/agenda/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/nl/agenda/"))["X-Page-Cache"] == "hit"


def test_months_decades_away_share_the_budget_and_the_months_near_stay_cached(
    client, site_tree, settings
):
    """Every month from 1901 to 2199 has an address without a query; those
    nobody browses share the budget of made-up addresses."""
    from django.core.cache import cache
    from django.utils import timezone
    from django.utils.translation import override

    cache.clear()
    settings.PAGE_CACHE_QUERY_BYTES = 1
    calendar = site_tree["calendar"]

    def month(year, number):
        with override("nl"):
            path = calendar.reverse_subpage("month", kwargs={"year": year, "month": number})
        return client.get(calendar.url + path)["X-Page-Cache"]

    assert [month(1950, n) for n in (1, 2, 1)] == ["skip"] * 3
    assert [month(2190, 7), month(2190, 7)] == ["skip"] * 2
    today = timezone.localdate()
    assert [month(today.year, today.month), month(today.year, today.month)] == ["miss", "hit"]


def test_responses_over_the_size_cap_are_not_stored(rf, settings):
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware

    settings.PAGE_CACHE_MAX_BYTES = 10_000
    middleware = PageCacheMiddleware(lambda request: HttpResponse(b"x" * 20_000))
    assert "X-Page-Cache" not in middleware(rf.get("/nl/groot/"))
    assert "X-Page-Cache" not in middleware(rf.get("/nl/groot/"))


# -- The cache bypass needs a real session -------------------------------------------


def test_made_up_session_cookies_are_served_from_the_cache_without_a_query(
    client, site_tree, django_assert_max_num_queries
):
    """A flood with a new made-up session key on every request costs no
    look-up: a key this site made carries its signature."""
    from django.utils.crypto import get_random_string

    client.get("/nl/over-ons/")
    for _ in range(20):
        client.cookies["sessionid"] = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        with django_assert_max_num_queries(0):
            assert client.get("/nl/over-ons/")["X-Page-Cache"] == "hit"
    client.cookies["sessionid"] = "not even the shape of a session key"
    client.cookies["messages"] = "forged"
    with django_assert_max_num_queries(0):
        assert client.get("/nl/over-ons/")["X-Page-Cache"] == "hit"


def test_a_signed_key_of_a_session_that_ended_is_served_from_the_cache(client, site_tree):
    engine = import_module(settings.SESSION_ENGINE)
    client.get("/nl/over-ons/")
    session = engine.SessionStore()
    session["form_token"] = "t"
    session.create()
    client.cookies["sessionid"] = session.session_key
    assert "X-Page-Cache" not in client.get("/nl/over-ons/")
    session.delete()
    assert client.get("/nl/over-ons/")["X-Page-Cache"] == "hit"


def test_a_real_anonymous_session_or_signed_messages_skip_the_cache(client, site_tree):
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get("/nl/over-ons/")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["form_token"] = "t"
    session.create()
    client.cookies["sessionid"] = session.session_key
    assert "X-Page-Cache" not in client.get("/nl/over-ons/")
    del client.cookies["sessionid"]
    storage = CookieStorage(None)
    client.cookies["messages"] = storage._encode(["Bedankt!"])
    assert "X-Page-Cache" not in client.get("/nl/over-ons/")


def test_polled_files_are_stored_up_to_the_size_of_their_stored_bodies(rf, settings):
    """A calendar feed of thousands of events is larger than any page; with an
    ETag (a polled file, `home.conditional`) it is stored up to
    CONDITIONAL_BODY_MAX_BYTES, and a client that has it gets a 304 from the
    cache."""
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware

    settings.PAGE_CACHE_MAX_BYTES = 10_000
    settings.CONDITIONAL_BODY_MAX_BYTES = 30_000

    def feed(size):
        response = HttpResponse(b"x" * size, content_type="text/calendar")
        response["ETag"] = '"v1"'
        return response

    middleware = PageCacheMiddleware(lambda request: feed(20_000))
    assert middleware(rf.get("/nl/agenda/ical/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/nl/agenda/ical/"))["X-Page-Cache"] == "hit"
    answer = middleware(rf.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH='"v1"'))
    assert answer.status_code == 304
    too_big = PageCacheMiddleware(lambda request: feed(40_000))
    assert "X-Page-Cache" not in too_big(rf.get("/nl/groot/ical/"))
    # A filtered address stays under the page limit (made-up filters cannot
    # fill the cache with megabytes).
    filtered = [middleware(rf.get("/nl/agenda/ical/?start=2020-01-01")) for _ in range(2)]
    assert [answer.get("X-Page-Cache") for answer in filtered] == [None, None]


def test_a_client_that_has_the_file_gets_its_304_without_the_body_being_read(rf):
    """The validators of a polled file are kept beside it: a 304 needs them
    only (a whole calendar's body is megabytes), and never outlives a change."""
    from django.core.cache import cache
    from django.http import HttpResponse

    from home.cache import PageCacheMiddleware, cache_key, forget_near_copies

    version = {"etag": '"v1"', "renders": 0}

    def feed(request):
        version["renders"] += 1
        response = HttpResponse(b"BEGIN:VCALENDAR", content_type="text/calendar")
        response["ETag"] = version["etag"]
        return response

    middleware = PageCacheMiddleware(feed)
    request = rf.get("/nl/agenda/ical/")
    assert middleware(request)["X-Page-Cache"] == "miss"
    cache.delete(cache_key(request))  # the body is gone (evicted)
    forget_near_copies()
    answer = middleware(rf.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH='"v1"'))
    assert (answer.status_code, answer["X-Page-Cache"]) == (304, "hit")
    assert answer["ETag"] == '"v1"'
    assert version["renders"] == 1
    # A client with another version gets the body (rendered again: it was evicted).
    other = middleware(rf.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH='"v0"'))
    assert (other.status_code, other.content) == (200, b"BEGIN:VCALENDAR")
    version["etag"] = '"v2"'
    invalidate()  # the data changed
    changed = middleware(rf.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH='"v1"'))
    assert (changed.status_code, changed["ETag"]) == (200, '"v2"')
    assert version["renders"] == 3

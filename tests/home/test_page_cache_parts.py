"""Live parts of cached pages (home/cache.py): a part changes under a cached
page without the page being rendered again; a missing or stale part makes a
hit a miss; a rendering that began before a change never stores its stale
part over the pushed one; the marks never reach the visitor; each language
keeps its own part; the state a part was rendered with tells what changed."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
from django.utils.translation import get_language, override

from home.cache import (
    PART_PREFIX,
    PageCacheMiddleware,
    forget_near_copies,
    refresh_parts,
    shown_states,
)

TEMPLATE = engines["django"].from_string(
    '{% load page_cache %}<p>Voor</p><p>{% live_part "seats" key state %}{{ text }}{% end_live_part %}</p><p>Na</p>'
)


@pytest.fixture(params=[0, 1024 * 1024], ids=["shared", "near-copies"])
def page_cache(settings, request):
    """With the shared cache alone, and with near copies in the process."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_NEAR_BYTES = request.param
    cache.clear()
    forget_near_copies()
    with override("nl"):  # whatever language an earlier test left active
        yield


class Seats:
    """A view showing `text` as the live part `seats`/7; counts its renderings."""

    def __init__(self, text="5 vrij", state="open"):
        self.text, self.state, self.renders, self.during = text, state, 0, None

    def __call__(self, request):
        self.renders += 1
        text = self.text
        if self.during:
            self.during()  # a change saved while this page renders
        response = HttpResponse(TEMPLATE.render({"key": 7, "text": text, "state": self.state}))
        response["Content-Length"] = len(response.content)  # as CommonMiddleware sets it
        return response


def push(view, text, state="open"):
    view.text, view.state = text, state
    return refresh_parts(
        "seats", [7], lambda key: f"{view.text} ({get_language()})", lambda key: state
    )


def test_a_pushed_part_is_served_in_the_cached_page(rf, page_cache):
    view = Seats()
    middleware = PageCacheMiddleware(view)
    first = middleware(rf.get("/nl/p/"))
    assert first["X-Page-Cache"] == "miss"
    assert first.content == b"<p>Voor</p><p>5 vrij</p><p>Na</p>"  # no marks
    assert int(first["Content-Length"]) == len(first.content)
    assert middleware(rf.get("/nl/p/")).content == first.content
    assert push(view, "4 vrij") == set()  # same state: nothing else to invalidate
    hit = middleware(rf.get("/nl/p/"))
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == b"<p>Voor</p><p>4 vrij (nl)</p><p>Na</p>"
    assert int(hit["Content-Length"]) == len(hit.content)
    assert view.renders == 1


def test_a_changed_state_or_a_part_nobody_holds_is_reported(rf, page_cache):
    view = Seats()
    assert push(view, "5 vrij") == {7}  # no page holds it: unknown what was shown
    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/nl/p/"))
    assert push(view, "0 vrij", state="full") == {7}
    assert push(view, "0 vrij", state="full") == set()


def test_a_missing_part_makes_the_hit_a_miss(rf, page_cache):
    view = Seats()
    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/nl/p/"))
    cache.delete(f"{PART_PREFIX}seats:7:nl")
    assert middleware(rf.get("/nl/p/"))["X-Page-Cache"] == "miss"
    assert middleware(rf.get("/nl/p/"))["X-Page-Cache"] == "hit"
    assert view.renders == 2


def test_a_rendering_older_than_the_change_keeps_the_pushed_part(rf, page_cache):
    view = Seats()
    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/nl/a/"))  # page a holds the part
    view.during = lambda: push(view, "3 vrij")
    stale = middleware(rf.get("/nl/b/"))  # page b renders the old text meanwhile
    assert stale.content == b"<p>Voor</p><p>5 vrij</p><p>Na</p>"
    view.during = None
    for url in ("/nl/a/", "/nl/b/"):
        page = middleware(rf.get(url))
        assert page["X-Page-Cache"] == "hit", url
        assert b"3 vrij" in page.content, url


def test_each_language_keeps_its_own_part(rf, page_cache):
    view = Seats()
    middleware = PageCacheMiddleware(view)
    with override("de"):
        middleware(rf.get("/de/p/"))
    with override("en"):
        middleware(rf.get("/en/p/"))
    push(view, "2")
    with override("de"):
        assert b"2 (de)" in middleware(rf.get("/de/p/")).content
    with override("en"):
        assert b"2 (en)" in middleware(rf.get("/en/p/")).content
    assert view.renders == 2


def test_page_content_cannot_forge_a_part(rf, page_cache):
    forged = b"<!--part:000000000000:0-->x<!--/part:000000000000-->"
    middleware = PageCacheMiddleware(lambda request: HttpResponse(forged))
    middleware(rf.get("/nl/f/"))
    hit = middleware(rf.get("/nl/f/"))
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == forged


def test_without_the_page_cache_the_part_is_plain(rf, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = PageCacheMiddleware(Seats())(rf.get("/nl/p/"))
    assert response.content == b"<p>Voor</p><p>5 vrij</p><p>Na</p>"


def test_a_state_a_page_used_without_its_part_is_compared_not_taken_as_changed(rf, page_cache):
    """A page that counts date 8's state (`shown_states`) but shows no part of
    it: a change that keeps the state keeps the page; one that changes it is
    reported."""

    def counts(request):
        shown_states("seats", {8: "open"})
        return HttpResponse("<p>1 sessie met plaatsen</p>")

    middleware = PageCacheMiddleware(counts)
    assert middleware(rf.get("/nl/c/"))["X-Page-Cache"] == "miss"
    render = lambda key: "4 vrij"  # noqa: E731
    assert refresh_parts("seats", [8], render, lambda key: "open") == set()
    assert middleware(rf.get("/nl/c/"))["X-Page-Cache"] == "hit"
    assert refresh_parts("seats", [8], render, lambda key: "full") == {8}
    # The state the change left is known now: the next change compares with it.
    assert refresh_parts("seats", [8], render, lambda key: "full") == set()


def test_a_rendering_older_than_the_change_does_not_store_its_state_over_it(rf, page_cache):
    """A page that began before a change used the state before it: what it
    stores must not hide the change from the next comparison."""

    def counts(request):
        refresh_parts("seats", [9], lambda key: "0 vrij", lambda key: "full")
        shown_states("seats", {9: "open"})  # read before the change
        return HttpResponse("<p>1 sessie met plaatsen</p>")

    PageCacheMiddleware(counts)(rf.get("/nl/c/"))
    assert refresh_parts("seats", [9], lambda key: "0 vrij", lambda key: "full") == set()

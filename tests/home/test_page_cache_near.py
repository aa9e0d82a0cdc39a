"""Near copies (home/cache.py, PAGE_CACHE_NEAR_BYTES): with a shared cache each
process keeps the entries it served lately from the shared cache, so a later
hit asks the shared cache only whether they are still fresh. They follow the
shared entry's rules: a change made by another process (a tag, a new
generation) or the entry's expiry makes them stale, and they never hold more
than their bytes. A page asked for once is not kept near."""

import mmap
import weakref
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from home import cache as page_cache_module
from home.cache import (
    GENERATION_KEY,
    TAG_PREFIX,
    PageCacheMiddleware,
    depends_on,
    forget_near_copies,
    invalidate_tags,
)

LIMIT = 64 * 1024


@pytest.fixture
def near(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_NEAR_BYTES = LIMIT
    cache.clear()
    forget_near_copies()
    yield
    forget_near_copies()


class Page:
    """A view that shows `text` (tagged `thing`) and counts its renderings."""

    def __init__(self, text="Dorpshuis", size=0):
        self.text, self.size, self.renders = text, size, 0

    def __call__(self, request):
        self.renders += 1
        depends_on("thing")
        return HttpResponse(f"<p>{self.text}</p>{'x' * self.size}")


def reads(middleware, path):
    """The response to `path` and the keys each shared-cache read asked for."""
    asked = []
    real = cache.get_many

    def get_many(keys, *args, **kwargs):
        asked.append(list(keys))
        return real(keys, *args, **kwargs)

    with mock.patch.object(cache, "get_many", get_many):
        response = middleware(_request(path))
    return response, asked


def _request(path):
    return RequestFactory().get(path)


def served_twice(middleware, path):
    """The page rendered and stored, then served from the shared cache (and
    so kept near)."""
    assert middleware(_request(path))["X-Page-Cache"] == "miss"
    assert middleware(_request(path))["X-Page-Cache"] == "hit"


def test_a_hit_on_a_near_copy_reads_versions_only_in_one_round_trip(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/p/")
    response, asked = reads(middleware, "/nl/p/")
    assert response["X-Page-Cache"] == "hit" and response.content == b"<p>Dorpshuis</p>"
    assert len(asked) == 1
    assert GENERATION_KEY in asked[0] and TAG_PREFIX + "thing" in asked[0]
    assert not any(key.startswith("page-cache:GET:") for key in asked[0])
    assert view.renders == 1


def test_without_near_copies_a_hit_reads_the_entry(near, settings):
    settings.PAGE_CACHE_NEAR_BYTES = 0
    middleware = PageCacheMiddleware(Page())
    middleware(_request("/nl/p/"))
    response, asked = reads(middleware, "/nl/p/")
    assert response["X-Page-Cache"] == "hit"
    assert any(key.startswith("page-cache:GET:") for key in asked[0])


def test_a_change_saved_by_another_process_makes_the_near_copy_stale(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/p/")
    view.text = "Buurthuis"
    # What another server's save does: it bumps the tag in the shared cache;
    # this process's near copy is not told.
    invalidate_tags(["thing"])
    response = middleware(_request("/nl/p/"))
    assert response["X-Page-Cache"] == "miss" and b"Buurthuis" in response.content
    assert view.renders == 2


def test_a_new_generation_started_elsewhere_makes_the_near_copy_stale(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/p/")
    cache.set(GENERATION_KEY, "another-servers-generation", None)
    assert middleware(_request("/nl/p/"))["X-Page-Cache"] == "miss"
    assert view.renders == 2


def test_a_near_copy_is_never_served_after_its_entry_expires(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/p/")
    later = page_cache_module.time.time() + 61
    with mock.patch.object(page_cache_module.time, "time", lambda: later):
        middleware(_request("/nl/p/"))
    assert view.renders == 2


def test_a_fresh_entry_stored_by_another_process_is_served_and_kept_near(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    middleware(_request("/nl/p/"))
    forget_near_copies()  # as in a process that has not served it yet
    response, asked = reads(middleware, "/nl/p/")
    assert response["X-Page-Cache"] == "hit" and len(asked) == 2  # the entry, then its tags
    response, asked = reads(middleware, "/nl/p/")
    assert response["X-Page-Cache"] == "hit" and len(asked) == 1
    assert view.renders == 1


def test_near_copies_stay_within_their_bytes_and_large_pages_stay_shared(near):
    view = Page(size=2000)
    middleware = PageCacheMiddleware(view)
    for number in range(60):  # 60 pages of 2 KB: twice what the near copies may hold
        served_twice(middleware, f"/nl/p{number}/")
    assert 0 < page_cache_module._near_size <= LIMIT
    assert len(page_cache_module._near) < 60
    # The oldest page is still a hit, from the shared cache.
    response, asked = reads(middleware, "/nl/p0/")
    assert response["X-Page-Cache"] == "hit" and len(asked) == 2
    # A page over an eighth of the limit is never kept near, but still cached.
    big = PageCacheMiddleware(Page(size=LIMIT // 8 + 1))
    served_twice(big, "/nl/big/")
    assert "/nl/big/" not in "".join(page_cache_module._near)
    response, asked = reads(big, "/nl/big/")
    assert response["X-Page-Cache"] == "hit" and len(asked) == 2


def test_a_page_asked_for_once_is_not_kept_near(near):
    view = Page()
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/often/")
    # Searches for ever new words: each stored once, none kept near.
    for number in range(40):
        assert middleware(_request(f"/nl/zoeken/?q=woord{number}"))["X-Page-Cache"] == "miss"
    assert [key for key in page_cache_module._near if "/nl/zoeken/" in key] == []
    response, asked = reads(middleware, "/nl/often/")
    assert response["X-Page-Cache"] == "hit" and len(asked) == 1


def _kept_bodies():
    return [body for _, body, _ in page_cache_module._near.values()]


def test_a_copys_body_is_held_in_whole_pages_and_handed_back_when_dropped(near):
    view = Page(size=5000)
    middleware = PageCacheMiddleware(view)
    served_twice(middleware, "/nl/p/")
    [body] = _kept_bodies()
    pages = -(-5016 // mmap.PAGESIZE) * mmap.PAGESIZE  # 5,016 bytes in pages of their own
    assert len(body) == pages and page_cache_module._near_size >= pages  # and counted so
    response, asked = reads(middleware, "/nl/p/")
    assert response.content == b"<p>Dorpshuis</p>" + b"x" * 5000 and len(asked) == 1
    mapping = weakref.ref(body._map)
    del body
    forget_near_copies()
    assert mapping() is None  # unmapped: its pages went back to the system

"""Versions kept in the process and kept exact by Redis (home/cache_tracking.py):
a hit on a near copy asks Redis nothing; a change made by another app server
(its own connections, its own copies) is seen at the very next request; a
connection Redis closes drops every copy, and tracking comes back afterwards.
The Redis server is the test's own."""

import shutil
import time

import pytest
import redis
from django.core.cache import cache
from django.http import HttpResponse
from django.test import override_settings

from home.cache import (
    CLOCK_KEY,
    GENERATION_KEY,
    TAG_PREFIX,
    PageCacheMiddleware,
    depends_on,
    forget_near_copies,
)
from home.cache_backend import ResilientRedisCache

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")

RETRY_SECONDS = 0.2


def cache_params(port):
    return {
        "BACKEND": "home.cache_backend.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "KEY_PREFIX": "tracking-test",
        "OPTIONS": {"SOCKET_TIMEOUT": 0.5, "BREAKER_SECONDS": RETRY_SECONDS},
    }


@pytest.fixture
def admin(redis_server, settings):
    """This process's cache on the test's Redis, with near copies; returns a
    plain client for looking at the server and closing its connections."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_NEAR_BYTES = 1024 * 1024
    with override_settings(CACHES={"default": cache_params(redis_server.port)}):
        cache.clear()
        forget_near_copies()
        client = redis.Redis(port=redis_server.port)
        yield client
        client.close()
        forget_near_copies()


@pytest.fixture
def other_server(redis_server):
    """The same cache as another app server reaches it."""
    params = cache_params(redis_server.port)
    return ResilientRedisCache(params["LOCATION"], params)


class Page:
    """A view whose page shows what the tag `page:x` stands for."""

    def __init__(self):
        self.renders = 0

    def __call__(self, request):
        self.renders += 1
        depends_on("page:x")
        return HttpResponse(f"<p>versie {self.renders}</p>")


def commands(admin):
    """How many commands Redis ran, apart from these questions themselves."""
    stats = admin.info("commandstats")
    return sum(v["calls"] for k, v in stats.items() if k not in ("cmdstat_info",))


def change_elsewhere(other_server, key=TAG_PREFIX + "page:x", value=None):
    """A write by another server, and then the moment a request needs to reach
    this one: Redis writes its invalidation in the same turn of its event loop
    as the writer's answer, a few microseconds after it, so anything Redis
    answers later (here a PING) comes after the invalidation."""
    other_server.set(key, other_server.incr(CLOCK_KEY) if value is None else value, None)
    other_server.raw_client.get_client(write=True).ping()


def served(middleware, rf):
    return middleware(rf.get("/nl/t/"))["X-Page-Cache"]


def test_a_hit_on_a_near_copy_asks_redis_nothing(rf, admin):
    middleware = PageCacheMiddleware(Page())
    assert served(middleware, rf) == "miss"
    assert served(middleware, rf) == "hit"  # from Redis, kept near from now on
    assert served(middleware, rf) == "hit"  # reads the versions once, tracked from now on
    before = commands(admin)
    assert [served(middleware, rf) for _ in range(20)] == ["hit"] * 20
    assert commands(admin) == before


def test_a_change_by_another_server_is_seen_at_the_next_request(rf, admin, other_server):
    page = Page()
    middleware = PageCacheMiddleware(page)
    served(middleware, rf), served(middleware, rf)
    change_elsewhere(other_server)
    assert served(middleware, rf) == "miss"
    assert served(middleware, rf) == "hit"
    change_elsewhere(other_server, GENERATION_KEY, "a-new-generation")  # site settings saved there
    assert served(middleware, rf) == "miss"
    assert page.renders == 3


def test_a_change_in_this_process_is_seen_at_once(rf, admin):
    middleware = PageCacheMiddleware(Page())
    served(middleware, rf), served(middleware, rf)
    cache.set(TAG_PREFIX + "page:x", cache.incr(CLOCK_KEY), None)
    assert served(middleware, rf) == "miss"


@pytest.mark.parametrize("closed", ["listener", "reader"])
def test_a_closed_connection_drops_the_copies_until_tracking_is_back(
    rf, admin, other_server, closed
):
    """The listener carries the invalidations; on the reader's connection
    Redis keeps what it tracks: either one gone, no copy can be trusted."""
    page = Page()
    middleware = PageCacheMiddleware(page)
    served(middleware, rf), served(middleware, rf)
    for client in admin.client_list():
        is_listener = client["sub"] != "0"
        is_reader = client.get("redir", "-1") != "-1"
        if (closed == "listener" and is_listener) or (closed == "reader" and is_reader):
            admin.client_kill_filter(_id=client["id"])
    change_elsewhere(other_server)
    assert served(middleware, rf) == "miss"
    assert served(middleware, rf) == "hit"  # read from Redis the ordinary way
    time.sleep(RETRY_SECONDS * 1.5)
    assert served(middleware, rf) == "hit"  # sets tracking up again
    before = commands(admin)
    assert served(middleware, rf) == "hit"
    assert commands(admin) == before
    change_elsewhere(other_server)
    assert served(middleware, rf) == "miss"
    assert page.renders == 3


def test_without_tracking_the_versions_are_read_each_time(rf, admin, redis_server):
    params = cache_params(redis_server.port)
    params["OPTIONS"]["TRACKING"] = False
    with override_settings(CACHES={"default": params}):
        middleware = PageCacheMiddleware(Page())
        served(middleware, rf), served(middleware, rf)
        before = commands(admin)
        assert served(middleware, rf) == "hit"
        assert commands(admin) == before + 1


def test_with_redis_gone_pages_are_rendered_and_tracking_comes_back_with_it(
    rf, admin, redis_server
):
    page = Page()
    middleware = PageCacheMiddleware(page)
    served(middleware, rf), served(middleware, rf)
    redis_server.stop()
    try:
        answers = [middleware(rf.get("/nl/t/")) for _ in range(3)]
        assert [a.status_code for a in answers] == [200] * 3
        assert "hit" not in [a["X-Page-Cache"] for a in answers]
    finally:
        redis_server.start()
    time.sleep(RETRY_SECONDS * 1.5)
    assert served(middleware, rf) == "miss"  # a new Redis holds nothing
    assert served(middleware, rf) == "hit"  # from Redis, kept near
    assert served(middleware, rf) == "hit"  # tracked from now on
    before = commands(admin)
    assert served(middleware, rf) == "hit"
    assert commands(admin) == before

"""The form rate limiter: per visitor, shared across processes, not fooled by headers."""

import pytest
from django.core.cache import cache

from home.ratelimit import allow, client_ip


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_visitor_is_stopped_after_the_limit_and_others_are_not(rf):
    visitor = rf.get("/", REMOTE_ADDR="203.0.113.7")
    assert [allow(visitor, "register", limit=3, seconds=60) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert allow(rf.get("/", REMOTE_ADDR="203.0.113.8"), "register", limit=3, seconds=60)
    assert allow(visitor, "another-form", limit=3, seconds=60)


def test_forwarded_header_is_ignored_without_a_trusted_proxy(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "10.0.0.1"


def test_behind_one_proxy_the_address_it_saw_counts_not_one_the_visitor_made_up(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert client_ip(spoofed) == "198.51.100.9"


def test_no_address_is_stored_in_the_cache(rf):
    allow(rf.get("/", REMOTE_ADDR="203.0.113.7"), "register", limit=3, seconds=60)
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.7" in key for key in keys)

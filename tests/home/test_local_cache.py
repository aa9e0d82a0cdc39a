"""The process cache used without Redis (home.cache_backend.LocalCache) reads
many keys under one lock with the same answers as Django's LocMemCache:
missing and expired keys left out, values as stored."""

import time

from home.cache_backend import LocalCache


def test_get_many_answers_as_django_does():
    cache = LocalCache("test-get-many", {})
    cache.set("a", {"x": 1})
    cache.set("b", b"bytes")
    cache.set("old", 1, timeout=0.01)
    time.sleep(0.02)
    assert cache.get_many(["a", "b", "old", "missing"]) == {"a": {"x": 1}, "b": b"bytes"}
    assert cache.get("old") is None
    assert cache.get_many([]) == {}

"""`home.cache.per_generation`: a value is computed once per cache generation,
read from the shared cache at most once per process and generation, each
caller gets its own copy, and within a request the generation is read once."""

from django.core.cache import cache
from django.http import HttpResponse

from home.cache import PageCacheMiddleware, invalidate, per_generation


def test_a_value_is_computed_once_per_generation_and_copied_for_each_caller():
    cache.clear()
    computed = []

    def compute():
        computed.append(1)
        return {"menu": ["a", "b"]}

    first = per_generation("test-menu", compute)
    first["menu"].append("changed by a caller")
    assert per_generation("test-menu", compute) == {"menu": ["a", "b"]}
    assert len(computed) == 1
    invalidate()
    assert per_generation("test-menu", compute) == {"menu": ["a", "b"]}
    assert len(computed) == 2


def test_a_request_reads_the_generation_once(rf, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    def view(request):
        for name in ("one", "two", "three", "one"):
            per_generation(f"test-{name}", lambda name=name: name)
        return HttpResponse()

    per_generation("test-one", lambda: "one")  # known to this process already
    monkeypatch.setattr(cache, "get", counting_get)
    PageCacheMiddleware(view)(rf.get("/nl/"))
    assert reads.count("page-cache:generation") == 1
    assert not any(":value:test-one" in key for key in reads)

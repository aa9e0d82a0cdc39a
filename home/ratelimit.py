"""A small rate limiter for public forms, counted in the shared cache.

Counts live in the default cache (Redis in production), so every app server
and worker process sees the same count: a per-process counter would let a
visitor through N times per server. The client's address is read from
X-Forwarded-For only as far as our own proxies are trusted
(TRUSTED_PROXY_COUNT), so a visitor cannot pick an address by sending the
header themselves.

When the shared cache is down (home/cache_backend.py), counting falls back to
a counter in this process: looser (each process counts on its own) but forms
keep working and a flood is still slowed. The log says so once when the
limiter switches to local counting and once when it switches back.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

from home.cache_backend import cache_available

logger = logging.getLogger(__name__)

_local_counts = {}  # key -> [count, expires_at (monotonic)]
_local_lock = threading.Lock()
_LOCAL_MAX_KEYS = 10_000
_state = {"local": False}


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the one our trusted proxies saw."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _count_locally(key, seconds):
    now = time.monotonic()
    with _local_lock:
        if len(_local_counts) >= _LOCAL_MAX_KEYS:
            for stale in [k for k, (_, until) in _local_counts.items() if until <= now]:
                del _local_counts[stale]
            if len(_local_counts) >= _LOCAL_MAX_KEYS:  # all live: forget the oldest
                _local_counts.pop(next(iter(_local_counts)))
        entry = _local_counts.get(key)
        if entry is None or entry[1] <= now:
            entry = _local_counts[key] = [0, now + seconds]
        entry[0] += 1
        return entry[0]


def _count_shared(key, seconds):
    """The shared count, or None when the cache could not count."""
    if not cache_available():
        return None
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count if isinstance(count, int) and cache_available() else None


def _switch(local):
    if _state["local"] != local:
        _state["local"] = local
        if local:
            logger.warning("Rate limiter: shared cache down, counting per process")
        else:
            logger.warning("Rate limiter: shared cache back, counting in the cache")


def allow(request, action, limit, seconds, *, per=None):
    """Count one attempt at `action` from this visitor; False once over `limit` per window.

    Windows are fixed (they start at the first attempt). `per` counts on
    another value than the visitor's address (an e-mail address typed into a
    form: "at most 5 per address per day, from wherever they come"). The value
    is hashed before it becomes a cache key: no addresses sit in the cache.
    """
    value = client_ip(request) if per is None else str(per).strip().casefold()
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"ratelimit:{action}:{digest}"
    count = _count_shared(key, seconds)
    _switch(local=count is None)
    if count is None:
        count = _count_locally(key, seconds)
    return count <= limit

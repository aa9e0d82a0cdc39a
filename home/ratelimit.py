"""A small rate limiter for public forms, counted in the shared cache.

Counts live in the default cache (Redis in production), so every app server
and worker process sees the same count: a per-process counter would let a
visitor through N times per server. The client's address is read from
X-Forwarded-For only as far as our own proxies are trusted
(TRUSTED_PROXY_COUNT), so a visitor cannot pick an address by sending the
header themselves.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the one our trusted proxies saw."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, action, limit, seconds):
    """Count one attempt at `action` from this visitor; False once over `limit` per window.

    Windows are fixed (they start at the first attempt). The address is hashed
    before it becomes a cache key: no visitor addresses sit in the cache.
    """
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{action}:{digest}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit

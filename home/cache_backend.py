"""The shared cache (Redis) with a circuit breaker: when Redis fails, the site goes on without it.

Every part of the site that reads the cache — our page cache and rate limiter,
Wagtail's site-root lookup, cached sessions — goes through this backend, so a
Redis outage cannot turn into 500s. An operation that fails with a connection
error, a timeout or a refused write (django-redis reports all of them as
`ConnectionInterrupted`) *opens the breaker*: for the next `BREAKER_SECONDS`
(option, default 5) every cache call answers at once as a miss (get → default,
set/add → False) instead of each request waiting for a socket timeout. After
that, one call tries Redis again; success closes the breaker.

The log says it once per change of state ("cache unreachable", "cache back"),
never once per request. Code that must know whether the cache is shared right
now (the rate limiter, /healthz) asks `cache_available()`; callbacks
registered with `on_recovery` run when the cache comes back (the page cache
starts a new generation then, since changes made during the outage could not
invalidate it).
"""

import logging
import pickle
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

from home.cache_tracking import TrackedReads

logger = logging.getLogger(__name__)

_recovery_callbacks = []


def on_recovery(callback):
    """Call `callback()` each time the shared cache answers again after an outage."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)
    return callback


class CircuitBreaker:
    """Open for `seconds` after a failure; the first call after that probes again."""

    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds
        self.down = False
        self.open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self):
        return self.down and time.monotonic() < self.open_until

    def failed(self, error):
        with self._lock:
            was_down = self.down
            self.down = True
            self.open_until = time.monotonic() + self.seconds
        if not was_down:
            logger.warning(
                "Cache %s unreachable (%s): serving without it, next try in %ss",
                self.name,
                error,
                self.seconds,
                extra={"cache_state": "down"},
            )

    def succeeded(self):
        if not self.down:
            return
        with self._lock:
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("Cache %s reachable again", self.name, extra={"cache_state": "up"})
            for callback in list(_recovery_callbacks):
                try:
                    callback()
                except Exception:  # noqa: BLE001 - a callback must not break the request
                    logger.exception("Cache recovery callback failed")


# django-redis client methods that write: after one, this process's tracked
# copies (home/cache_tracking.py) are dropped.
_WRITES = {
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "delete_pattern",
    "clear",
    "incr",
    "decr",
    "incr_version",
    "touch",
    "expire",
    "expire_at",
    "pexpire",
    "pexpire_at",
    "persist",
}


class _GuardedClient:
    """Wraps django-redis's client: refuses at once while the breaker is open."""

    def __init__(self, client, breaker, after_write=None):
        self._client = client
        self._breaker = breaker
        self._after_write = after_write

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        # Closing the connections at the end of a request talks to no server:
        # it proves nothing about Redis, so it must not close the breaker.
        if not callable(attribute) or name == "close":
            return attribute
        breaker = self._breaker
        after_write = self._after_write if name in _WRITES else None

        def guarded(*args, **kwargs):
            if breaker.is_open():
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                breaker.failed(error)
                raise
            finally:
                if after_write is not None:
                    after_write()
            breaker.succeeded()
            return result

        return guarded


class ResilientRedisCache(RedisCache):
    """django-redis's RedisCache that degrades to "no cache" instead of raising."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = params.get("OPTIONS", {})
        # django-redis turns an interrupted call into the default answer (a miss).
        self._ignore_exceptions = True
        self._log_ignored_exceptions = False
        self.breaker = CircuitBreaker(
            params.get("KEY_PREFIX") or server, float(options.get("BREAKER_SECONDS", 5))
        )
        self._guarded = None
        self.tracked = (
            TrackedReads(self, retry_seconds=self.breaker.seconds)
            if options.get("TRACKING", True)
            else None
        )

    @property
    def raw_client(self):
        """django-redis's own client, without the breaker."""
        return super().client

    @property
    def client(self):
        if self._guarded is None:
            self._guarded = _GuardedClient(
                super().client, self.breaker, self.tracked.forget if self.tracked else None
            )
        return self._guarded

    def available(self):
        return not self.breaker.is_open()

    def tracked_get_many(self, keys):
        """`get_many` of small, often-read keys from this process's copies,
        which Redis keeps exact (home/cache_tracking.py); None when tracking
        is off or cannot answer now (then read them the ordinary way)."""
        if self.tracked is None or self.breaker.is_open():
            return None
        return self.tracked.get_many(keys)


def cache_available(alias="default"):
    """False while the shared cache is known to be down (always True for other backends)."""
    backend = caches[alias]
    return backend.available() if hasattr(backend, "available") else True


class LocalCache(LocMemCache):
    """Each process's own memory (no REDIS_URL): Django's LocMemCache without
    its check of every key for memcached's limits (a regular expression per
    key, a third of a page-cache hit's time); our keys never go to memcached."""

    def validate_key(self, key):
        return None

    def get_many(self, keys, version=None):
        """Django's reads the keys one `get` at a time (a lock, a key check
        and an expiry check each); a page-cache hit of a festival programme
        asks for fifty-odd keys at once, so they are read under one lock."""
        made = {self.make_key(key, version=version): key for key in keys}
        found = {}
        with self._lock:
            for made_key, key in made.items():
                if self._has_expired(made_key):
                    self._delete(made_key)
                    continue
                found[key] = self._cache[made_key]
                self._cache.move_to_end(made_key, last=False)
        return {key: pickle.loads(value) for key, value in found.items()}  # noqa: S301 - our own

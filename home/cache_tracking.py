"""Copies of the page cache's versions in each process, kept exact by Redis
(server-assisted client-side caching: `CLIENT TRACKING`, Redis 6 or newer).

A page-cache hit on a near copy (home/cache.py, `_near_hit`) must know that its
cache generation, its tags and its live parts are still what they were: with
Redis that was one round trip per hit, and on a machine where Redis shares the
cores with the app, that round trip and its replies cost more than the rest of
the hit. With tracking, Redis remembers which keys this process read and tells
it when one of them changes, expires or is evicted; until then the process
answers from its own copies, with no round trip.

How it stays exact:

- Two connections per cache backend (Django gives each server thread its
  own): a *listener* subscribed to Redis's `__redis__:invalidate` channel, and
  a *reader* whose reads Redis tracks on the listener's behalf
  (`CLIENT TRACKING ON REDIRECT <listener>`).
- Every read first takes in the invalidations that arrived (a non-blocking
  read of the listener's socket). Redis queues them while it carries out the
  write that caused them and writes them out in the same turn of its event
  loop as its answer to the writer, a moment (microseconds) after it: a
  request that reaches another server after the writer's answer (a network
  round trip later at least), or anything Redis answers after it, finds them
  there.
- A value read from Redis is kept only if no invalidation came in while it was
  read (the batch taken in right after the read drops it).
- A write through this backend drops all its copies at once: its own
  invalidation may reach the listener a moment after the write's answer.
- Before copies are used, both sockets are checked: a closed reader means
  Redis forgot what it tracked for it, a closed listener that its messages
  are lost. When a connection fails, all copies are dropped and reads go to
  Redis the ordinary way until both connections are set up again (after the
  cache's breaker time). A server that refuses tracking turns it off for the
  process. At most MAX_COPIES keys are kept per backend.

`TRACKING` in the cache's OPTIONS (`REDIS_TRACKING`, on by default) turns it off.
"""

import contextlib
import logging
import os
import threading
import time

from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger(__name__)

CHANNEL = b"__redis__:invalidate"
MAX_COPIES = 20_000  # keys per connection; past this the copies are dropped and read again
_ABSENT = object()  # a key Redis does not hold (a copy too: tracked all the same)
_UNKNOWN = object()  # no copy


class TrackedReads:
    """`get_many` of a few small, often-read keys from copies that Redis
    keeps exact (see the module's docstring); None when it cannot answer."""

    def __init__(self, backend, retry_seconds=5.0):
        self._backend = backend
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._copies = {}  # made key (bytes) -> decoded value or _ABSENT
        self._listener = self._reader = None
        self._pid = None
        self._retry_at = 0.0
        self._refused = False

    # -- set-up ---------------------------------------------------------------

    def _connections(self):
        """(listener, reader), set up when needed; None while they cannot be."""
        if self._pid != os.getpid():  # a forked worker: its parent's sockets are not its own
            self._listener = self._reader = None
            self._copies.clear()
            self._pid = os.getpid()
        if self._reader is not None:
            return self._listener, self._reader
        if self._refused or time.monotonic() < self._retry_at:
            return None
        pool = self._backend.raw_client.get_client(write=False).connection_pool
        # RESP2 on both: invalidations come as Pub/Sub messages on the listener.
        options = {**pool.connection_kwargs, "protocol": 2}
        listener = reader = None
        try:
            listener = pool.connection_class(**options)
            listener.send_command("CLIENT", "ID")
            listener_id = listener.read_response()
            listener.send_command("SUBSCRIBE", CHANNEL)
            listener.read_response()
            reader = pool.connection_class(**options)
            reader.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", listener_id)
            reader.read_response()
        except ResponseError as error:  # a server without tracking (before Redis 6)
            self._refused = True
            logger.warning("Cache tracking refused (%s): versions are read each time", error)
            self._close(listener, reader)
            return None
        except (RedisError, OSError):
            self._close(listener, reader)
            self._retry_at = time.monotonic() + self._retry_seconds
            return None
        self._listener, self._reader = listener, reader
        return listener, reader

    @staticmethod
    def _close(*connections):
        for connection in connections:
            if connection is not None:
                with contextlib.suppress(RedisError, OSError):
                    connection.disconnect()

    def _broken(self):
        """A connection failed: nothing kept can be trusted any more."""
        self._close(self._listener, self._reader)
        self._listener = self._reader = None
        self._copies.clear()
        self._retry_at = time.monotonic() + self._retry_seconds

    # -- reading --------------------------------------------------------------

    def _take_invalidations(self, listener):
        """Drop the copies Redis said changed; returns the keys it named (or
        None when it said "everything": a flush)."""
        named = set()
        while listener.can_read(timeout=0):
            message = listener.read_response()
            if not isinstance(message, list) or len(message) < 3 or message[0] != b"message":
                continue
            keys = message[2]
            if keys is None:  # FLUSHDB / FLUSHALL
                self._copies.clear()
                return None
            for key in keys:
                self._copies.pop(key, None)
                named.add(key)
        return named

    def get_many(self, keys):
        """{key: value} of `keys` as `cache.get_many` answers, or None when
        tracking is off or failed (then the caller reads the ordinary way)."""
        client = self._backend.raw_client
        made = {client.make_key(key).encode(): key for key in keys}
        with self._lock:
            connections = self._connections()
            if connections is None:
                return None
            listener, reader = connections
            try:
                if reader.can_read(timeout=0):
                    # Nothing was asked: the server closed it, and with it
                    # forgot what this process read.
                    raise ConnectionError("the tracked connection was closed")
                self._take_invalidations(listener)
                found, missing = {}, []
                for made_key, key in made.items():
                    value = self._copies.get(made_key, _UNKNOWN)
                    if value is _UNKNOWN:
                        missing.append(made_key)
                    elif value is not _ABSENT:
                        found[key] = value
                if missing:
                    reader.send_command("MGET", *missing)
                    values = reader.read_response()
                    named = self._take_invalidations(listener)
                    if len(self._copies) + len(missing) > MAX_COPIES:
                        self._copies.clear()
                    for made_key, value in zip(missing, values, strict=True):
                        decoded = _ABSENT if value is None else client.decode(value)
                        if named is not None and made_key not in named:
                            self._copies[made_key] = decoded
                        if decoded is not _ABSENT:
                            found[made[made_key]] = decoded
            except (RedisError, OSError, ValueError):
                self._broken()
                return None
        return found

    def forget(self):
        """This process wrote to the cache: drop every copy."""
        with self._lock:
            self._copies.clear()

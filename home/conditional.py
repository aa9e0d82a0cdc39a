"""Conditional GET for the files that apps poll (calendar feeds, RSS feeds).

A view that knows when its data last changed (one cheap query) describes that
as a `Version`; `conditional(request, version, build)` answers 304 Not
Modified to a client that has it already (If-None-Match / If-Modified-Since,
evaluated by Django's `get_conditional_response`), and otherwise builds the
response and adds ETag, Last-Modified and `Cache-Control: public`. The ETag
also covers the address (language, filters), anything else the file
depends on and the page cache's generation (a site-wide change), so two files
never share one.

A repeat request for an unchanged file is answered from a stored body: the
built response's content and headers are kept in the cache under its ETag
(for a day; at most `CONDITIONAL_BODY_MAX_BYTES`, default 8 MB, at an address
without a query, else at most the page cache's limit: see
`home.cache.max_stored_bytes`), so polling a
feed costs the one query of its `Version`, not a rendering. The ETag holds the
change time to the microsecond (Last-Modified only has whole seconds), so two
changes in one second never share a stored body.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from home.cache import generation_now, max_stored_bytes

# How long a browser or proxy may keep a file before asking again (with its ETag).
MAX_AGE = 15 * 60
# How long a built file is kept for the next request (its key changes with the data).
STORED_SECONDS = 24 * 60 * 60
# Headers of a built file that a stored body answers with again.
STORED_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "X-Robots-Tag",
    "Access-Control-Allow-Origin",
    "Content-Language",
)


@dataclass(frozen=True)
class Version:
    changed: datetime  # whole seconds, UTC, never in the future
    etag: str


def version(request, changed, *depends_on):
    """The `Version` of the file at this address whose data last changed at
    `changed` (None: unknown, then no conditional GET)."""
    if changed is None:
        return None
    exact = min(changed, timezone.now()).astimezone(UTC)
    parts = [
        request.get_full_path(),
        get_language(),
        exact.isoformat(),
        generation_now(),
        *depends_on,
    ]
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return Version(exact.replace(microsecond=0), f'"{digest[:32]}"')


def _mark(response, version):
    response["ETag"] = version.etag
    response["Last-Modified"] = http_date(version.changed.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def conditional(request, version, build):
    """304 when the client has `version`, else `build()` with its validators."""
    if version is None:
        return build()
    answer = get_conditional_response(
        request, etag=version.etag, last_modified=int(version.changed.timestamp())
    )
    if answer is not None:
        return _mark(answer, version) if isinstance(answer, HttpResponseNotModified) else answer
    key = f"conditional-body:{version.etag.strip(chr(34))}"
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return _mark(response, version)
    response = build()
    if 200 <= response.status_code < 300:
        _mark(response, version)
        _store(request, key, response)
    return response


def _store(request, key, response):
    if response.streaming or response.status_code != 200 or response.cookies:
        return
    if len(response.content) > max_stored_bytes(request, response):
        return
    headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
    cache.set(key, (response.content, headers), STORED_SECONDS)

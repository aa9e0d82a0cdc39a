"""Conditional GET for the files that apps poll (calendar feeds, RSS feeds).

A view that knows when its data last changed (one cheap query) describes that
as a `Version`; `conditional(request, version, build)` answers 304 Not
Modified to a client that has it already (If-None-Match / If-Modified-Since,
evaluated by Django's `get_conditional_response`), and otherwise builds the
response and adds ETag, Last-Modified and `Cache-Control: public`. The ETag
also covers the address (language, filters) and anything else the file
depends on, so two files never share one.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

# How long a browser or proxy may keep a file before asking again (with its ETag).
MAX_AGE = 15 * 60


@dataclass(frozen=True)
class Version:
    changed: datetime  # whole seconds, UTC, never in the future
    etag: str


def version(request, changed, *depends_on):
    """The `Version` of the file at this address whose data last changed at
    `changed` (None: unknown, then no conditional GET)."""
    if changed is None:
        return None
    changed = min(changed, timezone.now()).astimezone(UTC).replace(microsecond=0)
    parts = [request.get_full_path(), get_language(), changed.isoformat(), *depends_on]
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return Version(changed, f'"{digest[:32]}"')


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
    response = build()
    if 200 <= response.status_code < 300:
        _mark(response, version)
    return response

"""Whole-page cache for anonymous visitors, invalidated on every content change.

A cached page is keyed by the cache's current *generation* and the full URL.
Publishing or unpublishing a page, saving or deleting any model of our apps
(snippets, settings, occurrences, registrations) starts a new generation, so
no visitor ever sees a page older than the last change, and places-left counts
stay right. Simple beats clever here: a network organisation's site changes a
few times an hour, and one change re-renders each page once.

What is never cached: anything but GET/HEAD, the admin, requests that carry a
real session or messages cookie (editors, visitors who just submitted a form;
a made-up cookie does not count, see `_cacheable_request`),
responses that set a cookie or hold a CSRF token (pages with forms),
responses marked private/no-store, and non-200 responses.

The key holds only the query parameters some page understands (registered
with `understood_params()` by the apps that read them), sorted by name, so
`?b=1&a=2` and `?a=2&b=1` share an entry. A request with any other parameter is
served uncached (a flood of made-up query strings costs renders, not memory),
and no response larger than PAGE_CACHE_MAX_BYTES is stored. Redis itself gets a
`maxmemory` with `allkeys-lru` (docs/deploy.md), so whatever fills it pushes
out the oldest pages instead of failing writes.

When the shared cache is down (home/cache_backend.py), pages are rendered
uncached; changes made meanwhile could not start a new generation, so the
first answer from the cache after an outage starts one.
"""

import re
import time
import uuid
from importlib import import_module
from urllib.parse import urlencode

from django.apps import apps as django_apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import get_conditional_response, has_vary_header
from django.utils.http import parse_http_date_safe
from wagtail.signals import page_published, page_unpublished

from home.cache_backend import cache_available, on_recovery

GENERATION_KEY = "page-cache:generation"
# Wagtail's own content; the site's apps say on their AppConfig that what they
# store is shown on pages (`shown_on_pages = True`), so a new app is never missed.
WAGTAIL_CONTENT_APPS = {"wagtailcore", "wagtailimages"}
SKIP_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")
UNDERSTOOD_PARAMS = {"page", "q"}  # search and pagination (home); apps add theirs


def understood_params(*names):
    """Declare query parameters that the calling app's public pages read: only
    these may be part of a page-cache key (see the module's docstring)."""
    UNDERSTOOD_PARAMS.update(names)


def cache_key(request, generation):
    """The page-cache key of `request`, or None when it carries a parameter no
    page understands (then the response is not cached)."""
    params = request.GET
    if any(name not in UNDERSTOOD_PARAMS for name in params):
        return None
    pairs = [(name, value) for name in sorted(params) for value in params.getlist(name)]
    query = urlencode(pairs)
    host = request.get_host()
    return (
        f"page-cache:{generation}:{request.method}:{request.scheme}://{host}{request.path}?{query}"
    )


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def per_generation(name, compute, timeout=None):
    """A value computed once per cache generation (recomputed after any change)."""
    key = f"page-cache:{current_generation()}:value:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def invalidate(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def shown_on_pages(model):
    """Whether saving or deleting a `model` row can change what a page shows."""
    label = model._meta.app_label
    # Historical models (in migrations) have no app config of their own.
    config = django_apps.app_configs.get(label)
    return label in WAGTAIL_CONTENT_APPS or getattr(config, "shown_on_pages", False)


def _model_changed(sender, **kwargs):
    if shown_on_pages(sender):
        invalidate()


on_recovery(invalidate)
page_published.connect(invalidate, dispatch_uid="page_cache_published")
page_unpublished.connect(invalidate, dispatch_uid="page_cache_unpublished")
post_save.connect(_model_changed, dispatch_uid="page_cache_saved")
post_delete.connect(_model_changed, dispatch_uid="page_cache_deleted")


# Session keys as Django makes them; anything else cannot be a session.
_SESSION_KEY = re.compile(r"[a-z0-9]{32}")
_NOT_A_SESSION = {}  # session key -> until when (monotonic) it is known not to exist
_NOT_A_SESSION_MAX = 4096
_NOT_A_SESSION_SECONDS = 60


def _real_session(key):
    """Whether the session cookie's value names a session that exists.

    Only requests with a session cookie pay for this: a key of the wrong shape
    costs nothing; a well-formed one is looked up in the session store (with
    `cached_db`, in Redis first, so a real session costs no database query),
    and a key that does not exist is remembered for a minute in this process,
    so a flood repeating a made-up cookie costs one lookup a minute, and one
    with a new made-up key each time costs one indexed lookup per request
    instead of a full render."""
    if not key or not _SESSION_KEY.fullmatch(key):
        return False
    now = time.monotonic()
    if _NOT_A_SESSION.get(key, 0) > now:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    try:
        exists = store.exists(key)
    except Exception:  # noqa: BLE001 - a session store that fails: treat as personal
        return True
    if not exists:
        if len(_NOT_A_SESSION) >= _NOT_A_SESSION_MAX:
            _NOT_A_SESSION.clear()
        _NOT_A_SESSION[key] = now + _NOT_A_SESSION_SECONDS
    return exists


def _real_messages(value):
    """Whether a `messages` cookie was written by this site (its signature holds)."""
    if not value:
        return False
    try:
        signing.get_cookie_signer(salt="django.contrib.messages").unsign(value)
    except signing.BadSignature:
        return False
    return True


def _cacheable_request(request):
    """GET/HEAD of a public page by a visitor without a real session or messages.

    A made-up `sessionid` or `messages` cookie does not skip the cache: the
    session must exist (see `_real_session`) and the messages cookie must carry
    our signature."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIP_PREFIXES):
        return False
    cookies = request.COOKIES
    if _real_messages(cookies.get("messages")):
        return False
    return not _real_session(cookies.get(settings.SESSION_COOKIE_NAME))


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page that holds a CSRF token belongs to one visitor; Django marks no
    # flag when a token is reused, so look for the form field. (Vary: Cookie is
    # not a reason to skip: every page says it, because the user bar reads the
    # session, but requests with a session cookie never reach the cache.)
    if b"csrfmiddlewaretoken" in response.content or has_vary_header(response, "*"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve anonymous page views from the cache (PAGE_CACHE_SECONDS; 0 turns it off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        if not cache_available():
            response = self.get_response(request)
            response["X-Page-Cache"] = "off"
            return response
        key = cache_key(request, current_generation())
        if key is None:
            response = self.get_response(request)
            response["X-Page-Cache"] = "skip"
            return response
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            # A client that has this version already (calendar apps and feed
            # readers send If-None-Match / If-Modified-Since) gets a 304.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        max_bytes = getattr(settings, "PAGE_CACHE_MAX_BYTES", 256 * 1024)
        if _cacheable_response(response) and len(response.content) <= max_bytes:
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response

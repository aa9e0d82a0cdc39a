"""Whole-page cache for anonymous visitors, invalidated by what changed.

A cached page is keyed by the full URL and holds the cache's *generation* it
was rendered in, and it carries *tags*: what its rendering showed (`page:<path>` for the page
served, `under:<path>` for each ancestor, list tags such as `event-lists` or
`kb-lists` declared by the apps whose lists it drew; see `depends_on`). A
change bumps the version of the tags it touches (home/invalidation.py says how
a change finds them); a hit is served only when none of its tags changed since
its rendering began: one `get_many` of the tag versions per hit, no query. A
new generation (every page stale) is kept for site-wide changes: site
settings, the footer text, the menu, locales, view restrictions.

Versions come from one counter in the cache (`CLOCK_KEY`): a rendering notes
the counter before it starts, an invalidation raises it and stamps its tags
with the new value, so a page rendered while a change was being saved is never
taken for fresh, whatever the servers' clocks say. A tag whose version is
missing (evicted) counts as changed.

What is never cached: anything but GET/HEAD, the admin, requests another app
answers with another representation of the page (`other_representation`:
ActivityPub JSON for `Accept: application/activity+json`), requests that carry a
real session or messages cookie (editors, visitors who just submitted a form;
a made-up cookie does not count, see `_cacheable_request`),
responses that set a cookie or hold a CSRF token (pages with forms),
responses marked private/no-store, and non-200 responses.

A response with an ETag or Last-Modified (a polled file) also keeps its
*validators* beside it: the same entry without its body
(`validators_key`), so a client that has the file gets its 304 without the
body being read (a whole calendar is megabytes).

The key holds only the query parameters some page understands (registered
with `understood_params()` by the apps that read them), sorted by name, so
`?b=1&a=2` and `?a=2&b=1` share an entry. A request with any other parameter is
served uncached (a flood of made-up query strings costs renders, not memory).
The values of understood names are anybody's to make up (`?page=7381` on a
page without pages, `?q=` on one without a search, a filter value that is no
choice), so all addresses with a query together may store at most
PAGE_CACHE_QUERY_BYTES within PAGE_CACHE_SECONDS (`_query_budget`); past it,
they are served uncached until the window ends, while the addresses without a
query (every page itself) are stored as ever. A view whose path takes values
as freely (a month decades away) says so with `made_up_address()` and shares
that budget. No response larger than
PAGE_CACHE_MAX_BYTES is stored, except a polled
file at an address without a query (`max_stored_bytes`: a calendar feed of
thousands of events is megabytes, and its subscribers poll it all day). Redis itself gets a
`maxmemory` with `allkeys-lru` (docs/deploy.md), so whatever fills it pushes
out the oldest pages instead of failing writes.

A page may hold *live parts*: pieces that change far more often than the
page around them (a session's "4 places left" on a festival programme). The
template marks them (`{% live_part kind key %}`, home/templatetags/page_cache.py);
the entry keeps the page around them, and each part is kept on its own, per
language, with the counter's value it was rendered at. The app that owns a
kind pushes fresh parts after a change (`refresh_parts`), so the page stays
cached while the parts change under it; a hit fetches the page's tags and its
parts in the same read and joins them. A change also leaves a marker in each
language no page holds the part in yet, so a rendering that began before the
change never stores its older part over it. A missing part (or a marker)
makes the hit a miss, and the rendering stores the part.

A page may also use a part's state without showing the part (a count of the
festival's open sessions, a "with places left" filter over sessions listed on
other pages): it says so with `shown_states`, and the state is kept with the
entry's other reads, so `refresh_parts` compares a change with what was shown
instead of taking every part no page holds for a changed one (which made each
registration for a session off the first page of a programme render the
programme again).

With a shared cache, each process keeps *near copies* of the entries it
served lately (`_near_hit`), so a hit reads only their versions, and those
from copies that Redis keeps exact (home/cache_tracking.py): a hit on a near
copy makes no round trip at all.

When the shared cache is down (home/cache_backend.py), pages are rendered
uncached; changes made meanwhile could not start a new generation, so the
first answer from the cache after an outage starts one.
"""

import mmap
import pickle
import re
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from importlib import import_module
from urllib.parse import urlencode

from django.apps import apps as django_apps
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, has_vary_header, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from home.cache_backend import cache_available, on_recovery
from home.sessions import made_here

GENERATION_KEY = "page-cache:generation"
CLOCK_KEY = "page-cache:clock"
TAG_PREFIX = "page-cache:tag:"
PART_PREFIX = "page-cache:part:"
STATE_PREFIX = "page-cache:state:"
# Responses that named no tag (search, sitemaps, non-page views) depend on this
# one, which every change touches.
ANY_CHANGE = "any-change"
# Wagtail's own content; the site's apps say on their AppConfig that what they
# store is shown on pages (`shown_on_pages = True`), so a new app is never missed.
WAGTAIL_CONTENT_APPS = {"wagtailcore", "wagtailimages"}
SKIP_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")
UNDERSTOOD_PARAMS = {"page", "q"}  # search and pagination (home); apps add theirs
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# fn(request) -> bool: the request asks for another representation of a page
# than HTML (content negotiation by an app above; see `other_representation`).
_REPRESENTATIONS = []


def understood_params(*names):
    """Declare query parameters that the calling app's public pages read: only
    these may be part of a page-cache key (see the module's docstring)."""
    UNDERSTOOD_PARAMS.update(names)


def other_representation(fn):
    """Register `fn(request) -> bool`: True when an app answers the request with
    another representation of the page than its HTML (federation: ActivityPub
    JSON, by the `Accept` header). Such requests never read or fill the page
    cache, so a visitor never gets JSON and a fediverse server never HTML; every
    cached page says `Vary: Accept` for the caches in front of us."""
    _REPRESENTATIONS.append(fn)
    return fn


def cache_key(request):
    """The page-cache key of `request`, or None when it carries a parameter no
    page understands (then the response is not cached). The generation is not
    part of it but of the entry (see `_fresh`), so a hit is one read for the
    generation and the entry together, and one for the tags."""
    query = ""
    if request.META.get("QUERY_STRING"):
        params = request.GET
        if any(name not in UNDERSTOOD_PARAMS for name in params):
            return None
        query = urlencode(
            [(name, value) for name in sorted(params) for value in params.getlist(name)]
        )
    host = request.get_host()
    return f"page-cache:{request.method}:{request.scheme}://{host}{request.path}?{query}"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


# Within one request the generation is read once (`_request`, set by the
# middleware); values of a generation are kept pickled in this process too,
# so a page asking for the menu, the site text and the restricted paths makes
# one read of the shared cache instead of two per value.
_request = ContextVar("page_cache_request", default=None)
_LOCAL = {}  # (generation, name) -> pickled value
_LOCAL_MAX = 1024
TAGGED_VALUE_SECONDS = 24 * 60 * 60


def generation_now():
    """The generation for this request: read from the shared cache once per
    request (the middleware's memo), then the same value for everything the
    request builds (per-generation values, a polled file's ETag)."""
    memo = _request.get()
    if memo is None:
        return current_generation()
    if "generation" not in memo:
        memo["generation"] = current_generation()
    return memo["generation"]


def per_generation(name, compute, tags=()):
    """A value computed once per cache generation (recomputed after any change;
    None is not kept). Each caller gets its own copy (unpickled), as from the
    shared cache.

    With `tags`, once per version of those tags too: a value read from rows
    whose every change touches one of them (`invalidate_tags`), such as the
    event lists' filter menus. Kept a day at most, as tags change often. A
    tag with no version (never changed, or evicted) is given the change
    counter's value now, which no earlier version exceeds; while the cache
    does not answer, nothing is kept."""
    if tags:
        found = _known_versions(tags)
        if None in found:  # the cache is not answering
            return compute()
        name = f"{name}:{'.'.join(map(str, found))}"
    generation = generation_now()
    kept = _LOCAL.get((generation, name))
    if kept is not None:
        return pickle.loads(kept)  # noqa: S301 - pickled by this process
    key = f"page-cache:{generation}:value:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is None:  # nothing to keep: asked again next time
            return None
        cache.set(key, value, TAGGED_VALUE_SECONDS if tags else None)
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.clear()
    _LOCAL[(generation, name)] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value


def freshness(*tags):
    """What a value read from rows under `tags` is as fresh as: the cache
    generation and the tags' versions now (keyed as in `per_generation`), or
    None while the cache does not answer. For a value a process keeps in its
    own memory, too large to go through the shared cache on every request:
    read it before the rows, keep the value with it, and use the value only
    while it is the same."""
    found = _known_versions(tags)
    if None in found:
        return None
    return (generation_now(), *found)


def invalidate(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    forget_near_copies()


_collected = ContextVar("page_cache_tags", default=None)


def depends_on(*tags):
    """Note that the response being rendered shows what these tags stand for
    (called by page hooks and by the template tags that draw lists); outside
    a cacheable rendering it does nothing."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


_made_up = ContextVar("page_cache_made_up", default=None)


def made_up_address():
    """Note that the page being rendered is at one of countless addresses
    anybody can make up without a query (a month decades away): it is stored
    only within the budget of addresses with a query (`_query_budget`);
    outside a cacheable rendering it does nothing."""
    noted = _made_up.get()
    if noted is not None:
        noted.append(True)


_parts = ContextVar("page_cache_parts", default=None)
# Marks a live part in a rendering; the nonce keeps page content from forging one.
_NONCE = secrets.token_hex(6)
_PART_OPEN = f"<!--part:{_NONCE}:"
_PART_CLOSE = f"<!--/part:{_NONCE}-->"
_PART_RE = re.compile(
    re.escape(_PART_OPEN.encode()) + rb"(\d+)-->(.*?)" + re.escape(_PART_CLOSE.encode()), re.S
)


def _part_id(kind, key):
    return f"{kind}:{key}"


def _part_key(part_id, language):
    return f"{PART_PREFIX}{part_id}:{language}"


def live_part(kind, key, html, state=None):
    """`html`, marked as the live part `kind`/`key` of the page being rendered
    (see the module's docstring); outside a cacheable rendering, `html` as is.
    `state`: what of the part matters beyond its text (a date's "open" or
    "full"), kept with it for `refresh_parts` to compare."""
    parts = _parts.get()
    if parts is None:
        return html
    state = None if state is None else str(state)  # a plain string, cheap to unpickle
    parts.append((_part_id(kind, key), get_language() or settings.LANGUAGE_CODE, state))
    return mark_safe(f"{_PART_OPEN}{len(parts) - 1}-->{html}{_PART_CLOSE}")  # noqa: S308 - rendered already


_states = ContextVar("page_cache_states", default=None)


def _state_key(kind, key):
    return f"{STATE_PREFIX}{kind}:{key}"


def shown_states(kind, states):
    """Note that the page being rendered used the state of each `kind`/`key`
    of `states` ({key: state}), whether or not it shows the part (see the
    module's docstring); outside a cacheable rendering it does nothing."""
    noted = _states.get()
    if noted is not None:
        for key, state in states.items():
            noted[_state_key(kind, key)] = None if state is None else str(state)


def refresh_parts(kind, keys, render, state=lambda key: None):
    """After a change: store each part `kind`/`key` of `keys` again, in every
    language a cached page holds it in, rendered by `render(key)` in that
    language, with its `state(key)`. A part no page holds is only made stale
    (the next page that shows it renders it).

    Returns the keys whose state differs from the one a cached page holds or
    used (`shown_states`), or that no page holds or used (nobody knows what
    was shown): what depends on the state beyond the part itself must be
    invalidated for those."""
    keys = list(keys)
    if not keys:
        return set()
    tick = _tick()
    if tick is None:  # cache unreachable: its recovery starts a new generation
        return set(keys)
    languages = [code for code, _ in settings.LANGUAGES]
    held = cache.get_many(
        [_part_key(_part_id(kind, key), code) for key in keys for code in languages]
        + [_state_key(kind, key) for key in keys]
    )
    fresh, changed = {}, set()
    for key in keys:
        now = state(key)
        now = None if now is None else str(now)  # as `live_part` keeps it
        names = [_part_key(_part_id(kind, key), code) for code in languages]
        shown = [held[name][2] for name in names if _holds(held.get(name))]
        used = held.get(_state_key(kind, key))
        if isinstance(used, tuple):
            shown.append(used[1])
        if not shown or any(value != now for value in shown):
            changed.add(key)
        fresh[_state_key(kind, key)] = (tick, now)
        for code, name in zip(languages, names, strict=True):
            if _holds(held.get(name)):
                with override(code):
                    fresh[name] = (tick, str(render(key)).encode(), now)
            else:  # no page holds it: a marker, so no older rendering stores it
                fresh[name] = (tick, None, None)
    cache.set_many(fresh, getattr(settings, "PAGE_CACHE_SECONDS", 0) or None)
    return changed


def _holds(value):
    """Whether a cached part value holds a part (not a change's marker)."""
    return isinstance(value, tuple) and value[1] is not None


def _split_parts(content, parts):
    """A rendered body with marked parts as (chunks, [(part id, language,
    state, html)], the body without the marks): the page around the parts is
    `chunks`, one more than the parts."""
    chunks, found, plain = [], [], []
    end = 0
    for match in _PART_RE.finditer(content):
        chunks.append(content[end : match.start()])
        found.append((*parts[int(match.group(1))], match.group(2)))
        plain += [chunks[-1], match.group(2)]
        end = match.end()
    chunks.append(content[end:])
    plain.append(chunks[-1])
    return chunks, found, b"".join(plain)


def page_tags(page):
    """The tags of a page's own views: the page, and each ancestor (whose title
    and address its breadcrumbs and URL carry)."""
    path, step = page.path, page.steplen
    return [f"page:{path}", *(f"under:{path[:end]}" for end in range(step, len(path), step))]


def _seed():
    # After an eviction the counter starts again from the clock in ms, which is
    # above any value it reached before (at under 1,000 changes a second).
    return int(time.time() * 1000)


def _clock():
    """The counter now (no change is stamped with a value above it yet)."""
    value = cache.get(CLOCK_KEY)
    if value is None:
        cache.add(CLOCK_KEY, _seed(), None)
        value = cache.get(CLOCK_KEY)
    return value


def _tick():
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:  # no counter yet (or evicted)
        cache.add(CLOCK_KEY, _seed(), None)
        try:
            return cache.incr(CLOCK_KEY)
        except ValueError:
            return None


def versions(keys):
    """`cache.get_many(keys)` of small keys read on every hit (the generation,
    tag versions, live parts): from this process's copies when the shared
    cache keeps them exact (home/cache_tracking.py), else from the cache."""
    tracked = getattr(cache, "tracked_get_many", None)
    found = tracked(keys) if tracked is not None else None
    return cache.get_many(keys) if found is None else found


def tag_versions(*tags):
    """The versions of `tags` now (None: never changed, or evicted), in one
    cache read: part of a key or ETag that must change whenever what the tags
    stand for changes, even within the same second (see home/conditional.py)."""
    keys = [TAG_PREFIX + tag for tag in tags]
    found = versions(keys)
    return tuple(found.get(key) for key in keys)


def _known_versions(tags):
    """`tag_versions`, a tag that has none given the counter's value now."""
    found = tag_versions(*tags)
    if None in found:
        clock = _clock()
        for tag, version in zip(tags, found, strict=True):
            if version is None and clock is not None:
                cache.add(TAG_PREFIX + tag, clock, None)
        found = tag_versions(*tags)
    return found


def invalidate_tags(tags):
    """Every cached response showing one of `tags` is stale from now on."""
    tags = {*tags, ANY_CHANGE}
    tick = _tick()
    if tick is None:  # cache unreachable: its recovery starts a new generation
        return
    cache.set_many({TAG_PREFIX + tag: tick for tag in tags}, None)


def _reads(entry):
    """The tag keys and the part keys a hit on `entry` reads, or None when
    `entry` is not one."""
    if not isinstance(entry, tuple) or len(entry) != 7 or entry[1] is None:
        return None
    tags, content = entry[2], entry[5]
    parts = content[1] if isinstance(content, tuple) else ()
    return [TAG_PREFIX + tag for tag in tags], [_part_key(part, lang) for part, lang in parts]


def _fresh(entry, generation, found=None):
    """The cached response of `entry` if it belongs to `generation` and none of
    its tags changed since it was rendered, with its live parts filled in.
    `found`: the tag and part versions, when read already (`_near_hit`).
    Entries hold the status, headers and body (or the body's chunks between
    its parts), not a pickled response: a hit unpickles bytes and a few
    strings."""
    reads = _reads(entry)
    if reads is None:
        return None
    stored_generation, started, _tags, status, headers, content, _expires = entry
    if stored_generation != generation:
        return None
    keys, part_keys = reads
    if found is None:
        found = cache.get_many(keys + part_keys)
    if not all(key in found and found[key] <= started for key in keys):
        return None
    if part_keys:
        chunks = content[0]
        body = [chunks[0]]
        for part_key, chunk in zip(part_keys, chunks[1:], strict=True):
            value = found.get(part_key)
            if not _holds(value):
                return None
            body += [value[1], chunk]
        content = b"".join(body)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    if part_keys and response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
    return response


# The entries this process served lately (PAGE_CACHE_NEAR_BYTES in all, the
# least recently used dropped first), so that a hit on one of them reads only
# the generation, its tags and its parts from the shared cache, in one round
# trip, instead of the entry first and then its tags: half the round trips and
# none of the page's bytes. A near copy is served by the same rules as the
# shared entry (same generation, no tag changed since its rendering began,
# every live part there) and never after the entry's expiry.
#
# An entry is kept near when this process serves it from the shared cache
# (`_lookup`), not when it stores it: an address asked for once (a search for
# a new word, a mistyped address) never takes the room of the pages asked for
# again and again; what a worker's memory grows by under mixed traffic is these
# copies filling up to their bytes (`make bench`, memory rows).
#
# A copy's body lives in a memory mapping of its own (`_NearBody`), handed
# back to the system whole when the last reference to it goes (the copy's,
# or a request's that is still reading it). In the allocator's heap,
# copies of a few KB each, kept for a while among the short-lived blocks of
# the requests around them and then replaced by others, left holes the heap
# kept: a worker grew by 0.2-0.5 MB every 10,000 mixed requests after its
# copies were full, and not with the copies turned off (README, "Latest
# figures").
_near = OrderedDict()  # key -> (entry without its body, _NearBody, size)
NEAR_ENTRY_OVERHEAD = 512  # bytes: the tuples, the key, the generation and times
_near_lock = threading.Lock()
_near_size = 0


class _NearBody:
    """The bytes of a near copy's body (one or more chunks) in an anonymous
    memory mapping; `chunks()` gives them back as bytes."""

    __slots__ = ("_map", "_ends")

    def __init__(self, chunks):
        self._ends = []
        self._map = mmap.mmap(-1, max(sum(map(len, chunks)), 1))
        for chunk in chunks:
            self._map.write(chunk)
            self._ends.append(self._map.tell())

    def __len__(self):
        """What the mapping takes: whole pages."""
        return -(-len(self._map) // mmap.PAGESIZE) * mmap.PAGESIZE

    def chunks(self):
        starts = [0, *self._ends[:-1]]
        return [self._map[start:end] for start, end in zip(starts, self._ends, strict=True)]


def _near_split(entry):
    """(the entry with its body left out, the body in its own mapping)."""
    content = entry[5]
    chunks = content[0] if isinstance(content, tuple) else (content,)
    parts = content[1] if isinstance(content, tuple) else None
    return (*entry[:5], parts, *entry[6:]), _NearBody(chunks)


def _near_join(rest, body):
    """The entry `_near_split` took apart."""
    chunks, parts = body.chunks(), rest[5]
    content = (chunks, parts) if parts is not None else chunks[0]
    return (*rest[:5], content, *rest[6:])


def _near_keep(key, entry):
    global _near_size
    limit = getattr(settings, "PAGE_CACHE_NEAR_BYTES", 0)
    content, headers = entry[5], entry[4]
    length = sum(map(len, content[0])) if isinstance(content, tuple) else len(content)
    # What a copy holds besides its body (headers, tags, the tuples), so that
    # many small pages count for what they take too.
    extra = sum(len(name) + len(value) for name, value in headers) + NEAR_ENTRY_OVERHEAD
    if length + extra > limit // 8:  # a few large pages would push out everything else
        return
    rest, body = _near_split(entry)
    size = len(body) + extra
    with _near_lock:
        old = _near.pop(key, None)
        if old is not None:
            _near_size -= old[2]
        _near[key] = (rest, body, size)
        _near_size += size
        while _near_size > limit:
            _, (_, _, oldest_size) = _near.popitem(last=False)
            _near_size -= oldest_size


def forget_near_copies():
    """Drop this process's near copies (the others see the new generation)."""
    global _near_size
    with _near_lock:
        _near.clear()
        _near_size = 0


def _near_drop(key):
    global _near_size
    with _near_lock:
        old = _near.pop(key, None)
        if old is not None:
            _near_size -= old[2]


def _near_hit(key):
    """(response, generation) from this process's copy of `key`'s entry, or
    (None, None) when it has none that is still fresh."""
    with _near_lock:
        kept = _near.get(key)
        if kept is not None:
            _near.move_to_end(key)
    if kept is None:
        return None, None
    rest, body, _size = kept
    if rest[6] <= time.time():
        _near_drop(key)
        return None, None
    entry = _near_join(rest, body)
    keys, part_keys = _reads(entry)
    found = versions([GENERATION_KEY, *keys, *part_keys])
    generation = found.get(GENERATION_KEY)
    response = _fresh(entry, generation, found) if generation else None
    if response is None:
        _near_drop(key)
    return response, generation


def _store(key, generation, response, tags, started, seconds, split=None, states=None):
    """Keep `response` with its tags, unless one of them changed while it was
    rendered; with `split` (`_split_parts`), as the page around its parts, and
    each part this rendering has that the cache has no newer value of; the
    same for the states it used (`shown_states`)."""
    if started is None:
        return False
    tags = sorted(tags or {ANY_CHANGE})
    keys = [TAG_PREFIX + tag for tag in tags]
    parts = split[1] if split else []
    part_keys = [_part_key(part, language) for part, language, _, _ in parts]
    states = states or {}
    held = cache.get_many(keys + part_keys + list(states))
    if any(held.get(tag_key, 0) > started for tag_key in keys):
        return False
    for tag_key in keys:
        if tag_key not in held:
            cache.add(tag_key, 0, None)  # never changed so far
    fresh = {}
    for part_key, (_, _, state, html) in zip(part_keys, parts, strict=True):
        kept = held.get(part_key)
        # A part changed since this rendering began was pushed by its owner
        # (or marked): it is not replaced by this rendering's older one.
        if not (isinstance(kept, tuple) and kept[0] > started):
            fresh[part_key] = (started, html, state)
    for state_key, state in states.items():
        kept = held.get(state_key)
        if not (isinstance(kept, tuple) and kept[0] > started):
            fresh[state_key] = (started, state)
    if fresh:
        cache.set_many(fresh, seconds)
    headers = tuple(response.items())
    content = (
        (tuple(split[0]), tuple((part, language) for part, language, _, _ in parts))
        if parts
        else response.content
    )
    entry = (
        generation,
        started,
        tuple(tags),
        response.status_code,
        headers,
        content,
        time.time() + seconds,  # when it expires, for near copies (`_near_hit`)
    )
    if cache.set(key, entry, seconds) is False:
        return False
    if not parts and (response.has_header("ETag") or response.has_header("Last-Modified")):
        validators = (*entry[:5], b"", entry[6])
        cache.set(validators_key(key), validators, seconds)
    return True


def shown_on_pages(model):
    """Whether saving or deleting a `model` row can change what a page shows."""
    label = model._meta.app_label
    # Historical models (in migrations) have no app config of their own.
    config = django_apps.app_configs.get(label)
    return label in WAGTAIL_CONTENT_APPS or getattr(config, "shown_on_pages", False)


on_recovery(invalidate)


_NOT_A_SESSION = {}  # session key -> until when (monotonic) it is known not to exist
_NOT_A_SESSION_MAX = 4096
_NOT_A_SESSION_SECONDS = 60


def _real_session(key):
    """Whether the session cookie's value names a session that exists.

    Only requests with a session cookie pay for this: a key our session
    engines did not make (its signature, home/sessions) costs one HMAC and no
    look-up, so a flood with a new made-up key each time is served from the
    cache; a signed one is looked up in the session store (with `cached_db`,
    in Redis first, so a real session costs no database query), and a signed
    key whose session ended is remembered for a minute in this process."""
    if not made_here(key):
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
    if any(fn(request) for fn in _REPRESENTATIONS):
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


def max_stored_bytes(request, response):
    """How large a response may be to be stored: PAGE_CACHE_MAX_BYTES, except
    for a file that apps poll (calendar and RSS feeds: `home.conditional` gives
    them an ETag) at an address without a query string, up to
    CONDITIONAL_BODY_MAX_BYTES: a whole calendar is megabytes and every
    subscriber polls it. Filtered addresses (any start date is one) stay under
    the page limit, so made-up filters cannot fill the cache with megabytes."""
    if response.has_header("ETag") and not request.META.get("QUERY_STRING"):
        return getattr(settings, "CONDITIONAL_BODY_MAX_BYTES", 8 * 1024 * 1024)
    return getattr(settings, "PAGE_CACHE_MAX_BYTES", 256 * 1024)


QUERY_BUDGET_KEY = "page-cache:query-bytes"


def _query_budget(size, seconds):
    """Whether a response of `size` bytes at an address with a query may still
    be stored: the bytes stored for such addresses are counted in the shared
    cache for `seconds` (the entries' lifetime, so at most twice the budget is
    held at any moment); past PAGE_CACHE_QUERY_BYTES, no."""
    budget = getattr(settings, "PAGE_CACHE_QUERY_BYTES", 2 * 1024 * 1024)
    if cache.add(QUERY_BUDGET_KEY, size, seconds):
        return size <= budget
    try:
        used = cache.incr(QUERY_BUDGET_KEY, size)
    except ValueError:  # the window ended between the two calls
        return False
    return used is not None and used <= budget


def validators_key(key):
    """Where the validators of the entry at `key` are kept: the same entry
    without its body, for responses that carry an ETag or Last-Modified."""
    return key.replace("page-cache:", "page-cache:validators:", 1)


def _lookup(key):
    """(fresh cached response or None, the generation now) for `key`: from a
    near copy when this process has one, else from the shared cache."""
    near = getattr(settings, "PAGE_CACHE_NEAR_BYTES", 0)
    response, generation = _near_hit(key) if near else (None, None)
    if response is None:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        response = _fresh(found.get(key), generation)
        if response is not None and near:
            _near_keep(key, found[key])
    return response, generation


def _conditional(request, response):
    """A 304 (or 412) when the request's conditions say the client has
    `response` already, else `response`."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """Serve anonymous page views from the cache (PAGE_CACHE_SECONDS; 0 turns it off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set({})
        try:
            return self._answer(request)
        finally:
            _request.reset(token)

    def _answer(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self._vary(self.get_response(request))
        if not cache_available():
            response = self.get_response(request)
            response["X-Page-Cache"] = "off"
            return response
        key = cache_key(request)
        if key is None:
            response = self.get_response(request)
            response["X-Page-Cache"] = "skip"
            return response
        asks = any(name in request.META for name in CONDITIONAL_HEADERS)
        if asks:
            # A client that has this version already (calendar apps and feed
            # readers send If-None-Match / If-Modified-Since) gets a 304 from
            # the entry's validators, without its body (megabytes for a feed).
            head, _ = _lookup(validators_key(key))
            if head is not None:
                answer = _conditional(request, head)
                if answer is not head:
                    answer["X-Page-Cache"] = "hit"
                    return answer
        response, generation = _lookup(key)
        _request.get()["generation"] = generation
        if response is not None:  # (stored with its Vary header complete)
            response["X-Page-Cache"] = "hit"
            return _conditional(request, response) if asks else response
        started = _clock()
        token, parts_token = _collected.set(set()), _parts.set([])
        states_token, made_up_token = _states.set({}), _made_up.set([])
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        finally:
            tags, parts, states = _collected.get(), _parts.get(), _states.get()
            made_up = bool(_made_up.get())
            _collected.reset(token)
            _parts.reset(parts_token)
            _states.reset(states_token)
            _made_up.reset(made_up_token)
        split = None
        if parts and not response.streaming:
            split = _split_parts(response.content, parts)
            response.content = split[2]  # the visitor never sees the marks
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            if response.has_header("ETag"):
                split = None  # a versioned file is kept whole
        self._vary(response)
        if _cacheable_response(response) and len(response.content) <= max_stored_bytes(
            request, response
        ):
            if (request.META.get("QUERY_STRING") or made_up) and not _query_budget(
                len(response.content), seconds
            ):
                response["X-Page-Cache"] = "skip"
                return response
            _store(key, generation, response, tags, started, seconds, split, states)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _vary(response):
        """Pages answered in more than one representation vary by `Accept`."""
        if _REPRESENTATIONS:
            patch_vary_headers(response, ("Accept",))
        return response

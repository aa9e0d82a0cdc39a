"""Event and article pages in ActivityStreams: a request whose `Accept` asks
for `application/activity+json` (or `application/ld+json` with the
ActivityStreams profile) gets the page's object instead of its HTML. Such
requests bypass the page cache (`home.cache.other_representation`), and HTML
pages announce the object with `<link rel="alternate">` (`home.hooks.HEAD_LINKS`)."""

from events.models import EventPage
from federation import objects
from kennisbank.models import ArticlePage

AS_PROFILE = "https://www.w3.org/ns/activitystreams"


def wants_activity_json(request):
    """Whether the client asks for ActivityStreams before HTML."""
    # META, not `request.headers`: every page-cache hit asks, and building the
    # headers mapping costs more than the rest of this function.
    accept = request.META.get("HTTP_ACCEPT", "")
    if "json" not in accept:
        return False
    for part in accept.split(","):
        media = part.strip().lower()
        kind = media.split(";", 1)[0].strip()
        if kind == "application/activity+json":
            return True
        if kind == "application/ld+json" and AS_PROFILE in media:
            return True
        if kind in {"text/html", "application/xhtml+xml"}:
            return False  # HTML is asked for first
    return False


def federated(page):
    return isinstance(page, EventPage | ArticlePage)


def object_url(page):
    """The address of a page's object (language-independent), or None."""
    if isinstance(page, EventPage):
        return objects.event_id(page.translation_key)
    if isinstance(page, ArticlePage):
        return objects.article_id(page.translation_key)
    return None

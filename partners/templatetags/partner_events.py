"""Template tags for the knowledge base's partner pages: the upcoming dates of a
partner's events, wherever they sit in the page tree.

A partner's events are the ones it organises (its organisations' snippet
translation keys) and the ones placed under its partner page, in any language
version of that page: a German-first partner keeps its events in the German
tree, and its Dutch page must still list them. The knowledge base never imports
the events app; its templates load this library.
"""

from django import template
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from events.cache_rules import EVENT_LISTS
from events.models import EventPage, EventPageOrganiser, Occurrence
from events.queries import (
    for_listing,
    localise,
    next_series,
    series_occurrences,
    visible_occurrences,
)
from home.cache import depends_on
from home.i18n import active_locale

register = template.Library()

MAX_LIMIT = 50


def _keys(value):
    if not value:
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [str(key).strip() for key in value if str(key).strip()]


def _pages(value):
    if not value:
        return []
    if isinstance(value, Page):
        return [value]
    return [page for page in value if isinstance(page, Page)]


def _limit(value, default):
    try:
        return max(1, min(int(value), MAX_LIMIT))
    except (TypeError, ValueError):
        return default


def partner_event_keys(organisation_keys=(), pages=()):
    """A subquery of the translation keys of the events organised by one of these
    organisations or placed below one of these pages (in any language version).
    None when neither is given: a partner without either has no events."""
    organisation_keys = _keys(organisation_keys)
    pages = _pages(pages)
    condition = Q()
    if organisation_keys:
        organised = EventPageOrganiser.objects.filter(
            organisation__translation_key__in=organisation_keys
        ).values("page_id")
        condition |= Q(pk__in=organised)
    if pages:
        # Every language version of the pages: one query for their tree paths.
        paths = Page.objects.filter(
            translation_key__in={p.translation_key for p in pages}
        ).values_list("path", "depth")
        below = Q()
        for path, depth in paths:
            below |= Q(path__startswith=path, depth__gt=depth)
        if below:
            condition |= below
    if not condition:
        return None
    return EventPage.objects.filter(condition).values("translation_key")


@register.simple_tag(takes_context=True)
def partner_occurrences(context, organisation_keys=None, pages=None, limit=6, every_date=False):
    """The next dates (not cancelled) of a partner's live events, in the active
    language: events its organisations organise and events below its page(s).
    A series is one row (its next date, rule and number of dates) unless
    `every_date`. Nine queries at most, however many events and partners."""
    depends_on(EVENT_LISTS)
    keys = partner_event_keys(organisation_keys, pages)
    if keys is None:
        return []
    now = timezone.now()
    queryset = (
        visible_occurrences()
        .filter(end__gte=now, event_key__in=keys)
        .exclude(status=Occurrence.Status.CANCELLED)
    )
    queryset = for_listing(queryset)
    limit = _limit(limit, 6)
    if every_date:
        rows = list(queryset.order_by("start", "pk")[:limit])
    else:
        rows = series_occurrences(queryset, next_series(queryset, now, limit))
    return localise(rows, context.get("request"), active_locale())

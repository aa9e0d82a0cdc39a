"""Template tags other apps' templates load to show upcoming events: the home
page's "upcoming events" section and the knowledge base's "events on these
themes / by this organisation" (which passes snippet translation keys, so the
events app is the only one that knows about occurrences)."""

from django import template
from django.utils import timezone

from events.cache_rules import EVENT_LISTS
from events.models import EventPageOrganiser, EventPageTheme, Occurrence
from events.queries import (
    for_listing,
    localise,
    next_series,
    series_occurrences,
    visible_occurrences,
)
from events.text import short_date
from home.cache import depends_on
from home.i18n import active_locale

register = template.Library()


def _keys(value):
    if not value:
        return []
    if isinstance(value, str):
        value = [part for part in value.replace(";", ",").split(",") if part.strip()]
    return [str(key).strip() for key in value]


@register.simple_tag(takes_context=True)
def upcoming_occurrences(
    context, theme_keys=None, organisation_keys=None, limit=3, every_date=False
):
    """The next dates (not cancelled) of live events, in the active language,
    optionally only those with one of these themes and/or organisers (given as
    snippet `translation_key`s, strings or UUIDs). A series is one row (its next
    date, with its rule and number of dates) unless `every_date`. Eight
    queries at most, however many events the calendar holds."""
    request = context.get("request")
    depends_on(EVENT_LISTS)
    now = timezone.now()
    queryset = visible_occurrences().filter(end__gte=now)
    queryset = queryset.exclude(status=Occurrence.Status.CANCELLED)
    themes = _keys(theme_keys)
    organisations = _keys(organisation_keys)
    if themes:
        pages = EventPageTheme.objects.filter(theme__translation_key__in=themes).values("page_id")
        queryset = queryset.filter(event_id__in=pages)
    if organisations:
        pages = EventPageOrganiser.objects.filter(
            organisation__translation_key__in=organisations
        ).values("page_id")
        queryset = queryset.filter(event_id__in=pages)
    try:
        limit = max(1, min(int(limit), 50))
    except (TypeError, ValueError):
        limit = 3
    queryset = for_listing(queryset)
    if every_date:
        rows = list(queryset.order_by("start", "pk")[:limit])
    else:
        rows = series_occurrences(queryset, next_series(queryset, now, limit))
    return localise(rows, request, active_locale())


@register.simple_tag
def calendar_page():
    """The calendar (EventIndexPage) of the active language, or None."""
    from events.models import EventIndexPage

    return EventIndexPage.objects.live().filter(locale=active_locale()).first()


@register.filter
def event_date(value, fmt="SHORT_WEEKDAY_DATE_FORMAT"):
    """Dates with abbreviated day or month names as each language writes them."""
    if not value:
        return ""
    return short_date(value, fmt)

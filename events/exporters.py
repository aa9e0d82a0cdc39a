"""Files the site hands out (calendars, feeds, schedules), one small class each.

An exporter says what it makes — `identifier`, `content_type`, `extension`,
whether it is shown `inline` or downloaded, whether other sites' scripts may
read it (`cors`) and whether search engines should skip it (`public`) — and
makes it in `get_data()`. The data it needs is read once, on the exporter (see
the festival's `ProgrammeExporter`). A route serves an exporter with
`export_view(ExporterClass)`, or a view builds the response with
`response(exporter)`: the HTTP headers are written in that one place.

Conditional GET: an exporter that knows when its data last changed
(`last_change()`) gets an ETag and Last-Modified from that time, a 304 for a
client that has it already, and `Cache-Control: public` (`home.conditional`,
which the knowledge-base feeds use too) — so calendar apps
and feed readers can poll every few minutes at the cost of one small query.
The file's own DTSTAMP is that time too (`stamp`), so the body stays the same
until something changes.

The exporters of the calendar (`CalendarFeed`) and of one event (`EventICal`)
are here; the festival's are in `festival.exports`.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events import ical
from events.cache_rules import EVENT_LISTS
from events.hooks import hidden_online_links
from events.models import EventPage, EventSchedule, Occurrence
from events.queries import apply_filters, date_range, in_range, visible_occurrences
from events.schedule import site_zone
from events.services import source_event
from home import conditional
from home.cache import per_generation, tag_versions
from home.i18n import active_locale, localized
from home.models import Venue
from home.routing import full_urls

ICALENDAR = "text/calendar; charset=utf-8"


def webcal(url):
    """A `webcal://` address of a feed at the site's configured address: calendar
    apps open it as a subscription rather than a one-off import."""
    if not url:
        return ""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    address = urlsplit(url)
    query = f"?{address.query}" if address.query else ""
    return f"webcal://{address.netloc or base.netloc}{address.path}{query}"


def events_last_change(*pages):
    """When any event's dates or text last changed, how many events have
    schedules (so a deleted event changes the ETag too), and the page cache's
    version of the event lists (raised by every such change, however close in
    time to the one before): one cache read, and one query once per version
    of the event lists (every change that moves `updated_at` or the count
    touches them, as it touches every cached list).

    `EventSchedule` is saved whenever an event is published or unpublished in
    any language and whenever its dates are regenerated. `pages` (e.g. the
    calendar or festival page itself) count with their `last_published_at`."""
    row = per_generation(
        "event-schedules-changed",
        lambda: EventSchedule.objects.aggregate(changed=Max("updated_at"), count=Count("*")),
        tags=[EVENT_LISTS],
    )
    times = [getattr(p, "last_published_at", None) for p in pages]
    return _latest(row["changed"], *times), row["count"], tag_versions(EVENT_LISTS)


def event_last_change(page):
    """`events_last_change` for one event's own file: its schedule (shared by its
    translations, found by its unique key) instead of every event's; a deleted
    event has no file to change."""
    changed = (
        EventSchedule.objects.filter(event_key=page.translation_key)
        .values_list("updated_at", flat=True)
        .first()
    )
    return _latest(changed, page.last_published_at), tag_versions(EVENT_LISTS)


def _latest(*times):
    """The latest of `times` that are known, or None."""
    return max((t for t in times if t is not None), default=None)


def start_of_day(now):
    """00:00 today in the site's zone: feeds whose window moves with the day
    change then, even when no data did."""
    local = now.astimezone(site_zone())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


class Exporter:
    """One file made from one page, for one request (language, host, query)."""

    identifier = ""
    content_type = "application/octet-stream"
    extension = ""
    disposition = "inline"
    public = True
    cors = False

    def __init__(self, request, page):
        self.request = request
        self.page = page

    @cached_property
    def now(self):
        return timezone.now()

    @cached_property
    def locale(self):
        return active_locale(self.request)

    @cached_property
    def host(self):
        """The host in UIDs: the site's configured address, whatever Host the
        request came with, so every file names an event alike."""
        return ical.site_host()

    def last_change(self):
        """(time the data last changed, anything else the file depends on), or
        None when the exporter cannot tell (then no conditional GET)."""
        return None

    @cached_property
    def version(self):
        """The file's `home.conditional.Version`, from `last_change()`, or None."""
        found = self.last_change()
        if found is None:
            return None
        changed, *depends_on = found
        return conditional.version(self.request, changed, *depends_on)

    @property
    def stamp(self):
        """DTSTAMP of the file: when its data last changed, else now."""
        return self.version.changed if self.version else self.now

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    def get_file_stem(self):
        return slugify(self.page.slug) or self.identifier

    @property
    def filename(self):
        return f"{self.get_file_stem()}.{self.extension}"

    def get_data(self):
        raise NotImplementedError


def response(exporter):
    """The HTTP response for an exporter, with its Content-Type and
    Content-Disposition, and a 304 when the client has the current version."""
    return conditional.conditional(exporter.request, exporter.version, lambda: _build(exporter))


def _build(exporter):
    result = HttpResponse(exporter.get_data(), content_type=exporter.content_type)
    result["Content-Disposition"] = f'{exporter.disposition}; filename="{exporter.filename}"'
    if not exporter.public:
        result["X-Robots-Tag"] = "noindex"
    if exporter.cors:
        result["Access-Control-Allow-Origin"] = "*"
    return result


def export_view(exporter_class):
    """A page route's view that serves `exporter_class`."""

    def view(request, page):
        return response(exporter_class(request, page))

    view.__name__ = view.__qualname__ = f"export_{exporter_class.identifier.replace('-', '_')}"
    return view


# -- The calendar and its events ------------------------------------------------------


# What a calendar file reads of an event page (and of its translations): loading
# whole pages (body, SEO fields, revisions) cost more than writing the file.
SERIES_FIELDS = (
    "translation_key",
    "locale_id",
    "title",
    "slug",
    "url_path",
    "live",
    "last_published_at",
    "intro",
    "start",
    "end",
    "all_day",
    "recurrence",
    "online_url",
    "venue",
)


@dataclass
class FeedEvent:
    """What a calendar file reads of a source event page, read as plain values
    (`feed_events`): a feed of thousands of events spent a third of its time
    making page models it only read fourteen fields of."""

    pk: int
    translation_key: object
    locale_id: int
    title: str
    slug: str
    url_path: str
    live: bool
    last_published_at: object
    intro: str
    start: object
    end: object
    all_day: bool
    recurrence: object
    online_url: str
    venue_id: int | None
    sequence: int  # the iCal SEQUENCE (`EventSchedule`), 0 before the first change
    venue: Venue | None = None

    @property
    def id(self):
        return self.pk


FEED_EVENT_FIELDS = ("pk", *(f if f != "venue" else "venue_id" for f in SERIES_FIELDS))


# An event's SEQUENCE, read with its row: as a query of its own, by the
# events' translation keys, it cost a feed of 10,000 events a tenth of its time.
SEQUENCE = Coalesce(
    Subquery(
        EventSchedule.objects.filter(event_key=OuterRef("translation_key")).values("sequence")[:1]
    ),
    0,
)


def feed_events(queryset):
    """`FeedEvent`s of an `EventPage` queryset, with their venues (two queries)."""
    rows = queryset.annotate(sequence=SEQUENCE).values_list(*FEED_EVENT_FIELDS, "sequence")
    events = [FeedEvent(*row) for row in rows]
    venues = Venue.objects.in_bulk({e.venue_id for e in events if e.venue_id is not None})
    for event in events:
        event.venue = venues.get(event.venue_id)
    return events


def series_items(request, events, locale, pages=None):
    """`ical.SeriesItem`s for source events (`FeedEvent`s or pages): localised
    page and venue, sequence, changed dates. A fixed number of queries for any
    number of events. `pages`: {translation key: page} when the caller has the
    pages already. The events' ids go to the database as one parameter
    (`home.idsets`): their query again as a subquery cost a feed of 10,000
    events twice what reading the rows did."""
    events = list(events)
    ids = [e.pk for e in events]
    if pages is None:
        pages = localized(
            EventPage.objects.filter(live=True).only(*SERIES_FIELDS), events, locale=locale
        )
    urls = full_urls([pages.get(event.translation_key, event) for event in events], request=request)
    venues = localized(Venue, [e.venue for e in events], locale=locale)
    changed = {}
    for occurrence in Occurrence.objects.filter(event_id__in_ids=ids).exclude(
        status=Occurrence.Status.SCHEDULED, origin=Occurrence.Origin.RULE
    ):
        changed.setdefault(occurrence.event_id, []).append(occurrence)
    if all(isinstance(event, FeedEvent) for event in events):
        sequences = {event.translation_key: event.sequence for event in events}
    else:
        sequences = ical.sequences({event.translation_key for event in events})
    hidden = hidden_online_links(events)
    items = []
    for event in events:
        page = pages.get(event.translation_key, event)
        venue = venues.get(event.venue.translation_key, event.venue) if event.venue else None
        items.append(
            ical.SeriesItem(
                event=event,
                page=page,
                url=urls[page.pk],
                venue=venue,
                sequence=sequences.get(event.translation_key, 0),
                changed=changed.get(event.pk, []),
                online_link_hidden=event.pk in hidden,
            )
        )
    return items


class CalendarFeed(Exporter):
    """A subscribable feed of the calendar or of a filtered view of it (`cleaned`:
    the filter form's values): every event with a date in the view, as a series
    with its exceptions."""

    identifier = "calendar"
    content_type = ICALENDAR
    extension = "ics"

    def __init__(self, request, page, cleaned=None, chips=()):
        super().__init__(request, page)
        self.cleaned = cleaned or {}
        self.chips = list(chips)

    def get_file_stem(self):
        return slugify(self.page.title) or self.identifier

    def last_change(self):
        changed, *depends_on = events_last_change(self.page)
        return changed and max(changed, start_of_day(self.now)), *depends_on

    def _chosen(self):
        """The filter as a visitor reads it: "Thema: Wonen, Vanaf: 1 december 2026"."""
        shown = []
        for chip in self.chips:
            value = chip.value
            for cleaned in self.cleaned.values():
                if hasattr(cleaned, "isoformat") and cleaned.isoformat() == value:
                    value = date_format(cleaned)
            shown.append(f"{chip.label}: {value}")
        return ", ".join(shown)

    def calendar_name(self):
        chosen = self._chosen()
        return f"{self.page.title} — {chosen}" if chosen else self.page.title

    def calendar_description(self):
        chosen = self._chosen()
        if chosen:
            return _("Events in “%(calendar)s” with %(filters)s") % {
                "calendar": self.page.title,
                "filters": chosen,
            }
        return _("All events in “%(calendar)s”") % {"calendar": self.page.title}

    def events(self):
        period = date_range(self.cleaned, self.now)
        if not self.cleaned.get("when") and not self.cleaned.get("start"):
            # Subscribers like to keep the last weeks in view.
            period.start = self.now - timedelta(days=60)
        occurrences = in_range(apply_filters(visible_occurrences(), self.cleaned), period)
        return EventPage.objects.filter(
            pk__in=Subquery(occurrences.order_by().values("event_id"))
        ).order_by("pk")

    def get_data(self):
        events = self.events()
        items = series_items(self.request, feed_events(events), self.locale)
        return ical.build_calendar(
            items,
            self.host,
            name=self.calendar_name(),
            description=self.calendar_description(),
            now=self.stamp,
        )


class EventICal(Exporter):
    """One event as an .ics file: its series, exceptions and changed dates, in
    the language of the page asked for."""

    identifier = "event"
    content_type = ICALENDAR
    extension = "ics"

    def get_file_stem(self):
        return self.page.slug

    def last_change(self):
        return event_last_change(self.page)

    def get_data(self):
        event = source_event(self.page)
        if event is None or not event.live:
            raise Http404
        if event is not self.page:
            event = EventPage.objects.select_related("venue").get(pk=event.pk)
        # The page asked for is the one the file shows (its language, its address).
        [item] = series_items(
            self.request, [event], self.locale, pages={event.translation_key: self.page}
        )
        return ical.build_calendar(
            [item],
            self.host,
            name=self.page.title,
            description=self.page.intro or None,
            now=self.stamp,
        )

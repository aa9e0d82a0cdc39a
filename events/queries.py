"""Locale-aware reads of occurrences: the calendar's filters and the lookups that
turn a page of occurrences into what a visitor reads, in a fixed number of
queries however many events there are.

Occurrences point to the source version of their event. The listing resolves,
in one query each, the reader's language's version of the pages, venues and
event types with `home.i18n.localized` (and its one fallback).
"""

import calendar as pycalendar
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.db import connections
from django.db.models import Case, CharField, Count, F, Min, Q, Value, When, Window
from django.db.models.functions import Cast, Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _

from events.cache_rules import EVENT_LISTS
from events.models import (
    SPOKEN_LANGUAGES,
    EventPage,
    EventPageOrganiser,
    EventPageTheme,
    EventType,
    Occurrence,
    OccurrenceException,
)
from events.schedule import site_zone, to_local
from events.text import series_line
from home.cache import per_generation
from home.i18n import active_locale, localized
from home.models import COUNTRY_CHOICES, Organisation, Region, Theme, Venue
from home.params import DateField
from home.routing import page_urls
from home.template_objects import ReadByName
from home.widgets import FilterMenu

WHEN_CHOICES = [
    ("", _("All upcoming")),
    ("today", _("Today")),
    ("week", _("This week")),
    ("month", _("This month")),
    ("custom", _("Choose dates")),
]
MODE_CHOICES = [("", _("Online or on site")), ("onsite", _("On site")), ("online", _("Online"))]


class CalendarFilterForm(forms.Form):
    """The calendar's filters: plain GET parameters, so every filtered view is a
    shareable URL that works without JavaScript. Values are slugs and codes,
    the same in every language."""

    when = FilterMenu(_("When"), WHEN_CHOICES)
    start = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    type = FilterMenu(_("Kind of event"))
    theme = FilterMenu(_("Theme"))
    region = FilterMenu(_("Region or country"))
    language = FilterMenu(_("Language spoken"))
    mode = FilterMenu(_("Where"), MODE_CHOICES)
    organiser = FilterMenu(_("Organiser"))

    def __init__(self, data, locale, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        options = filter_options(locale)
        self.fields["type"].choices = everything + options["type"]
        self.fields["theme"].choices = everything + options["theme"]
        countries = [(f"country-{code}", label) for code, label in COUNTRY_CHOICES]
        self.fields["region"].choices = everything + [
            (_("Countries"), countries),
            (_("Regions"), options["region"]),
        ]
        self.fields["language"].choices = everything + list(SPOKEN_LANGUAGES)
        self.fields["organiser"].choices = everything + options["organiser"]

    @property
    def left_out(self):
        """Whether the address chose a value no menu offers (a stale or
        mistyped link): that filter is left out, and the panel says so."""
        return any(isinstance(self.fields[name], FilterMenu) for name in self.errors)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date lies before the start date."))
        return cleaned


def filter_options(locale):
    """Slug and name of every event type, theme, region and organisation in the
    locale, for the filter menus: one UNION query, once per version of the
    event lists (each of those rows touches them when saved), so a feed's 304
    and a calendar page ask for none."""
    return per_generation(
        f"event-filter-options:{locale.pk}",
        lambda: _filter_options(locale),
        tags=[EVENT_LISTS],
    )


def _filter_options(locale):
    queries = [
        EventType.objects.filter(locale=locale)
        .order_by()
        .values_list(Value("type"), "slug", "name"),
        Theme.objects.filter(locale=locale).order_by().values_list(Value("theme"), "slug", "name"),
        Region.objects.filter(locale=locale)
        .exclude(kind=Region.Kind.COUNTRY)
        .order_by()
        .values_list(Value("region"), "slug", "name"),
        Organisation.objects.filter(locale=locale)
        .order_by()
        .values_list(Value("organiser"), "slug", "name"),
    ]
    options = {"type": [], "theme": [], "region": [], "organiser": []}
    rows = queries[0].union(*queries[1:], all=True)
    for kind, slug, name in sorted(rows, key=lambda row: (row[0], row[2].casefold())):
        options[kind].append((slug, name))
    return options


@dataclass
class DateRange:
    start: datetime
    end: datetime | None


def local_day_start(day):
    return datetime.combine(day, time.min, tzinfo=site_zone())


def date_range(cleaned, now):
    """The period a filter asks for: from now (or the chosen start) up to an
    optional end. Weeks run Monday to Sunday, as on Dutch and German calendars."""
    today = to_local(now).date()
    when = cleaned.get("when") or ""
    if cleaned.get("start") or cleaned.get("end"):
        when = "custom"
    if when == "today":
        return DateRange(now, local_day_start(today + timedelta(days=1)))
    if when == "week":
        monday = today - timedelta(days=today.weekday())
        return DateRange(now, local_day_start(monday + timedelta(days=7)))
    if when == "month":
        last = pycalendar.monthrange(today.year, today.month)[1]
        return DateRange(now, local_day_start(today.replace(day=last) + timedelta(days=1)))
    if when == "custom":
        start = cleaned.get("start")
        end = cleaned.get("end")
        return DateRange(
            local_day_start(start) if start else now,
            local_day_start(end + timedelta(days=1)) if end else None,
        )
    return DateRange(now, None)


def visible_occurrences():
    """Occurrences of live events."""
    return Occurrence.objects.filter(event__live=True)


def apply_filters(queryset, cleaned):
    """Narrow occurrences by the non-date filters (type, theme, region or
    country, language, online/on site, organiser)."""
    if cleaned.get("type"):
        queryset = queryset.filter(event__event_type__slug=cleaned["type"])
    if cleaned.get("theme"):
        pages = EventPageTheme.objects.filter(theme__slug=cleaned["theme"]).values("page_id")
        queryset = queryset.filter(event_id__in=pages)
    if cleaned.get("organiser"):
        pages = EventPageOrganiser.objects.filter(organisation__slug=cleaned["organiser"]).values(
            "page_id"
        )
        queryset = queryset.filter(event_id__in=pages)
    region = cleaned.get("region") or ""
    if region.startswith("country-"):
        code = region.removeprefix("country-")
        queryset = queryset.filter(
            Q(venue__country=code) | Q(venue__isnull=True, event__venue__country=code)
        )
    elif region:
        queryset = queryset.filter(
            Q(venue__region__slug=region) | Q(venue__isnull=True, event__venue__region__slug=region)
        )
    code = cleaned.get("language")
    if code:
        queryset = queryset.filter(
            Q(event__languages=code)
            | Q(event__languages__startswith=f"{code},")
            | Q(event__languages__endswith=f",{code}")
            | Q(event__languages__contains=f",{code},")
        )
    if cleaned.get("mode") == "online":
        queryset = queryset.exclude(event__online_url="")
    elif cleaned.get("mode") == "onsite":
        queryset = queryset.filter(Q(venue__isnull=False) | Q(event__venue__isnull=False))
    return queryset


def in_range(queryset, period):
    queryset = queryset.filter(end__gte=period.start)
    if period.end is not None:
        queryset = queryset.filter(start__lt=period.end)
    return queryset


# `?dates=all` on the calendar shows every date of a series; without it a
# series is one row (see `next_series`).
EVERY_DATE_PARAM = "dates"
EVERY_DATE_VALUE = "all"


def series_groups(queryset):
    """The events of `queryset` (occurrences, already filtered), one row each,
    in the order of their next date: `{"event_key", "first", "dates"}` where
    `first` is the event's first date in `queryset` that is not cancelled and
    `dates` how many such dates it has there. A series whose dates in
    `queryset` are all cancelled drops out; a single event keeps its cancelled
    date (`first` is then that date, and the list strikes it through).

    One GROUP BY in the database, for a list of every series in a bounded
    period (a digest's week); `series_occurrences` turns its keys into
    occurrences. An open-ended list reads `next_series` instead."""
    live = ~Q(status=Occurrence.Status.CANCELLED)
    single = Q(event__recurrence__isnull=True) | Q(event__recurrence="")
    return (
        queryset.filter(live | single)
        .order_by()
        .values("event_key")
        .annotate(
            first=Coalesce(Min("start", filter=live), Min("start")),
            dates=Count("pk", filter=live),
        )
        .order_by("first", "event_key")
    )


def in_date_order(queryset, since, fields, order=("start", "pk"), first_chunk=100):
    """Rows (`values_list(*fields)`) of the dates of `queryset` that end at or
    after `since`, in `order` (by start first), read a chunk at a time as the
    caller goes on: first those under way at `since` (they started before it),
    then those that start later, read along the start index. The database never
    sorts every upcoming date to hand out the first ones, so the first page of
    a calendar costs the same with a hundred events or ten thousand.

    Two queries when the caller stops within `first_chunk` later dates; each
    further chunk is four times the last."""
    queryset = queryset.order_by(*order)
    yield from queryset.filter(start__lt=since, end__gte=since).values_list(*fields)
    later = queryset.filter(start__gte=since).values_list(*fields)
    offset, size = 0, first_chunk
    while True:
        chunk = list(later[offset : offset + size])
        yield from chunk
        if len(chunk) < size:
            return
        offset += size
        size = min(size * 4, 20_000)


def next_series(queryset, since, limit):
    """The event keys of the first `limit` events (a series once) among the
    dates of `queryset` from `since` on, in the order of their next date, as
    `series_groups` orders them; read as far as needed (`in_date_order`)."""
    live = ~Q(status=Occurrence.Status.CANCELLED)
    single = Q(event__recurrence__isnull=True) | Q(event__recurrence="")
    keys = {}
    if limit <= 0:
        return []
    rows = in_date_order(
        queryset.filter(live | single),
        since,
        # As text: a thousand keys made into UUID objects cost more than the query.
        (Cast("event_key", CharField()),),
        order=("start", "event_key", "pk"),
        # Enough later dates, mostly, for `limit` events even where series
        # repeat often: the query count stays the same as series are added.
        first_chunk=max(2 * limit, 200),
    )
    for (key,) in rows:
        keys.setdefault(key, None)
        if len(keys) >= limit:
            break
    return [uuid.UUID(key) for key in keys]


def series_occurrences(queryset, keys):
    """The next dates of the events `keys` (from `next_series`) in `queryset`,
    in that order, each with `series_dates`: the `first` date and `dates`
    count of `series_groups` (the first date not cancelled, else a single
    event's cancelled one; a date not cancelled wins a tie, then the lower id).

    Two queries: window functions over the dates of these events only, on
    narrow rows (ids, keys, times), then those dates with their pages. Run
    over the pages' whole rows (texts, stream fields), the window sort cost
    twice both together."""
    if not keys:
        return []
    live = ~Q(status=Occurrence.Status.CANCELLED)
    single = Q(event__recurrence__isnull=True) | Q(event__recurrence="")
    cancelled_last = Case(When(status=Occurrence.Status.CANCELLED, then=1), default=0)
    firsts = dict(
        queryset.filter(live | single, event_key__in=keys)
        .select_related(None)
        .annotate(
            series_dates=Window(Count("pk", filter=live), partition_by=[F("event_key")]),
            place=Window(
                RowNumber(),
                partition_by=[F("event_key")],
                order_by=[cancelled_last.asc(), F("start").asc(), F("pk").asc()],
            ),
        )
        .filter(place=1)
        .values_list("pk", "series_dates")
    )
    found = {}
    for occurrence in queryset.filter(pk__in=firsts):
        occurrence.series_dates = firsts[occurrence.pk]
        found[occurrence.event_key] = occurrence
    return [found[key] for key in keys if key in found]


def for_listing(queryset):
    """Occurrences with what a list row shows of their event, its venue and
    type; not the event's body, which no list reads (parsing it cost more than
    the rest of a row)."""
    return queryset.select_related("event", "event__venue", "event__event_type", "venue").defer(
        "event__body"
    )


# What a date's row reads where only its time, title and address are shown
# (the month view's cells): the rest of the event page stays in the database.
# Making 140 whole event pages was a third of a full month's view.
CELL_OCCURRENCE_FIELDS = (
    "id",
    "event_id",
    "event_key",
    "original_start",
    "start",
    "end",
    "all_day",
    "status",
    "origin",
    "note",
    "exception_key",
    "venue_id",
)
CELL_PAGE_FIELDS = (
    "id",
    "content_type_id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "translation_key",
    "alias_of_id",
    "venue_id",
    "event_type_id",
)


def for_cells(queryset):
    """`for_listing` with only what a calendar cell shows (`CELL_PAGE_FIELDS`);
    pass `cell_pages()` to `localise` for the translations."""
    return for_listing(queryset).only(
        *CELL_OCCURRENCE_FIELDS, *(f"event__{name}" for name in CELL_PAGE_FIELDS)
    )


def cell_pages():
    """The live event pages, with the columns a calendar cell reads."""
    return EventPage.objects.filter(live=True).only(*CELL_PAGE_FIELDS)


@dataclass
class Row(ReadByName):  # read a dozen times per row by the list templates
    """One occurrence as a visitor reads it, in the active language."""

    occurrence: Occurrence
    page: EventPage
    url: str
    venue: Venue | None
    event_type: EventType | None
    note: str
    start: datetime
    end: datetime
    # The language of the page's text when it is not the reader's (a Dutch
    # page standing in for a missing translation), for the `lang` attribute.
    lang: str = ""
    # For a series shown as one row (`series_occurrences`): how many of its dates the
    # list would show, and the line that describes it; 0 and "" for a date.
    dates: int = 0
    series: str = ""

    @property
    def status(self):
        return self.occurrence.status

    @property
    def is_online(self):
        return bool(self.occurrence.event.online_url)

    @property
    def is_hybrid(self):
        return self.is_online and self.venue is not None

    @property
    def day(self):
        return self.start.date()


def localise(occurrences, request, locale=None, pages=None):
    """Rows for a list of occurrences, resolving pages, venues, event types and
    notes in the reader's language (`home.i18n.localized`, its fallback): four
    queries at most, whatever the count. `pages`: the queryset of live event
    pages the translations are read from (a long list asks for fewer columns).
    Each page's address is its parent's plus its slug (`page_urls`)."""
    locale = locale or active_locale(request)
    occurrences = list(occurrences)
    venues_given = [o.venue or o.event.venue for o in occurrences]
    # An occurrence's event already is the page in its own language: `localized`
    # looks up only the events written in another language.
    pages = localized(
        pages if pages is not None else EventPage.objects.filter(live=True),
        [o.event for o in occurrences],
        locale=locale,
    )
    urls = page_urls(pages.values(), request)
    venues = localized(Venue, venues_given, locale=locale)
    types = localized(EventType, [o.event.event_type for o in occurrences], locale=locale)
    note_keys = {o.exception_key for o in occurrences if o.note and o.exception_key}
    notes = {
        key: e.reason
        for key, e in (
            localized(OccurrenceException, note_keys, locale=locale) if note_keys else {}
        ).items()
        if e.reason
    }
    reader = getattr(locale, "language_code", locale)
    result = []
    for o, venue in zip(occurrences, venues_given, strict=True):
        page = pages[o.event.translation_key]
        # `localized` falls back to the default language; an alias shows its
        # source's (default-language) text. No query either way.
        foreign = bool(page.alias_of_id) or (hasattr(locale, "pk") and page.locale_id != locale.pk)
        event_type = o.event.event_type
        dates = getattr(o, "series_dates", 0) or 0
        result.append(
            Row(
                occurrence=o,
                page=page,
                url=urls[page.pk],
                venue=venues[venue.translation_key] if venue is not None else None,
                event_type=types[event_type.translation_key] if event_type else None,
                note=notes.get(o.exception_key, o.note),
                start=to_local(o.start),
                end=to_local(o.end),
                lang=settings.LANGUAGE_CODE if foreign and reader != settings.LANGUAGE_CODE else "",
                dates=dates if dates > 1 else 0,
                series=series_line(
                    o.event,
                    o.start,
                    o.end,
                    dates,
                    moved=o.status == Occurrence.Status.MOVED and not o.all_day,
                )
                if dates > 1
                else "",
            )
        )
    return result


def month_bounds(year, month):
    first = date(year, month, 1)
    last = date(year, month, pycalendar.monthrange(year, month)[1])
    return first, last


def first_per_day(queryset, days, per_day, cap):
    """The first `per_day` dates of each of `days` (consecutive local days) in
    `queryset`, and how many it has on each, counted up to `cap`:
    ([occurrence ids], {day: count}, {days with more than `cap`}).

    One query, which reads at most `cap` + 1 dates a day whatever the calendar
    holds: one range read per day in date order (index `occurrence_start_id`),
    each stopping there. Reading every date of the month to count it cost 30
    ms of the 5,500 dates in a month at 10,000 events (mostly parsing their
    starts). Dates starting before `days` are left out."""
    cap = max(cap, 2 * per_day)  # counts past what a day shows, whatever the setting
    starts = [local_day_start(day) for day in (*days, days[-1] + timedelta(days=1))]
    connection = connections[queryset.db]
    # One day's read, compiled once (the ORM's compiling is what costs, 35
    # times over) with stand-ins for its bounds: instants no calendar view
    # asks for, so no other value of the query can be taken for them.
    low, high = datetime(1000, 1, 1, tzinfo=UTC), datetime(1000, 1, 2, tzinfo=UTC)
    part = (
        queryset.filter(start__gte=low, start__lt=high)
        .order_by("start", "pk")
        .values_list("pk", "start")[: cap + 1]
    )
    sql, template = part.query.get_compiler(using=part.db).as_sql()
    field = Occurrence._meta.get_field("start")
    at = {field.get_db_prep_value(value, connection): value for value in (low, high)}
    slots = [at.get(param) if isinstance(param, str | datetime) else None for param in template]
    if slots.count(low) != 1 or slots.count(high) != 1:
        raise ValueError("A day's bounds are not single parameters of its query.")
    if connection.vendor == "postgresql":
        query, params = _days_lateral(sql, template, slots, low, starts)
    else:
        query, params = _days_union(sql, template, slots, field, connection, starts, low, high)
    with connection.cursor() as cursor:
        # In order of day, start and id (raw rows: no datetime is parsed).
        cursor.execute(query + " ORDER BY 1, 3, 2", params)
        rows = cursor.fetchall()
    shown, counts = [], [0] * len(days)
    for n, pk, _start in rows:
        if counts[n] < per_day:
            shown.append(pk)
        counts[n] += 1
    totals = {day: min(count, cap) for day, count in zip(days, counts, strict=True) if count}
    beyond = {day for day, count in zip(days, counts, strict=True) if count > cap}
    return shown, totals, beyond


def _days_union(sql, template, slots, field, connection, starts, low, high):
    """The day's read once per day, as a UNION ALL (SQLite plans each in
    microseconds)."""
    parts, params = [], []
    for n in range(len(starts) - 1):
        # `n` is an int of ours and `sql` the ORM's, its values in `params`.
        parts.append(f"SELECT {n}, * FROM ({sql}) AS day_{n}")  # noqa: S608
        bounds = {low: starts[n], high: starts[n + 1]}
        params.extend(
            field.get_db_prep_value(bounds[slot], connection) if slot else param
            for slot, param in zip(slots, template, strict=True)
        )
    return " UNION ALL ".join(parts), params


_PLACEHOLDER = re.compile(r"%%|%s")


def _days_lateral(sql, template, slots, low, starts):
    """The day's read planned once for every day (PostgreSQL spent 14 ms
    planning 35 of them): a LATERAL join on a list of the days' bounds, the
    stand-ins in the read replaced by that list's columns."""
    position = 0

    def fill(match):
        nonlocal position
        if match.group() == "%%":
            return "%%"
        slot = slots[position]
        position += 1
        if slot is None:
            return "%s"
        return "day.low" if slot == low else "day.high"

    read = _PLACEHOLDER.sub(fill, sql)
    kept = [param for slot, param in zip(slots, template, strict=True) if slot is None]
    rows = ", ".join(["(%s, CAST(%s AS timestamptz), CAST(%s AS timestamptz))"] * (len(starts) - 1))
    params = [value for n in range(len(starts) - 1) for value in (n, starts[n], starts[n + 1])]
    query = (
        f"SELECT day.n, part.* FROM (VALUES {rows}) AS day(n, low, high) "  # noqa: S608
        f"CROSS JOIN LATERAL ({read}) AS part"
    )
    return query, params + kept

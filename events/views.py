"""The public views of the calendar and of an event page (served through the
pages' `RoutablePageMixin` routes), and their iCal output. Views translate
HTTP to the reads in `events.queries`, the files in `events.exporters` and
`events.jsonld`; they hold no rules of their own."""

import calendar as pycalendar
import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby, islice
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format

from events import exporters, jsonld
from events.cache_rules import EVENT_LISTS
from events.hooks import (
    EVENT_PAGE_CONTEXT,
    calendar_links,
    event_offers,
    event_performers,
    hidden_online_links,
)
from events.models import (
    SPOKEN_LANGUAGES,
    EventType,
    Occurrence,
    OccurrenceException,
    horizon_days,
)
from events.queries import (
    EVERY_DATE_PARAM,
    EVERY_DATE_VALUE,
    CalendarFilterForm,
    apply_filters,
    cell_pages,
    date_range,
    first_per_day,
    for_cells,
    for_listing,
    in_date_order,
    in_range,
    local_day_start,
    localise,
    month_bounds,
    next_series,
    series_occurrences,
    visible_occurrences,
)
from events.schedule import to_local
from events.services import source_event
from events.text import describe
from home.cache import made_up_address, per_generation
from home.filters import form_chips, query_string
from home.hooks import page_sections
from home.i18n import active_locale, localized
from home.languages import canonical_url
from home.models import Organisation, Theme, Venue
from home.pagination import ReadAheadPaginator

LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
# The calendar list counts its results up to this many, then says "more than".
# Counting reads that far in date order (twice as many dates as series, for
# the grouped list): a cap of 500 cost 1,000 dates on every first page (7 ms
# on PostgreSQL at 10,000 events), 200 costs 400.
LIST_COUNT_CAP = 200


def _filters(request, locale):
    form = CalendarFilterForm(request.GET or None, locale)
    cleaned = form.cleaned_data if form.is_valid() else {}
    return form, {k: v for k, v in cleaned.items() if v}


def _active_filters(form, cleaned, carry=None):
    """The filter chips; a period's dates go with its "when". `carry`: parameters
    that stay when a filter is removed."""
    return form_chips(form, cleaned, carry=carry, also={"start": ["when"], "end": ["when"]})


@dataclass
class Day:
    day: date
    rows: list = field(default_factory=list)


def _by_day(rows):
    return [Day(day, list(items)) for day, items in groupby(rows, key=lambda r: r.day)]


def _calendar_context(request, index, form, cleaned, locale):
    feed_query = query_string(cleaned)
    feed_url = index.url + index.reverse_subpage("feed") + (f"?{feed_query}" if feed_query else "")
    return {
        "page": index,
        "form": form,
        "filters": cleaned,
        "active_filters": _active_filters(form, cleaned),
        "feed_url": feed_url,
        "feed_webcal_url": exporters.webcal(feed_url),
        "list_url": index.url,
        "archive_url": index.url + index.reverse_subpage("archive"),
        "month_url": _month_url(index, to_local(timezone.now()).date(), cleaned),
        "calendar_links": calendar_links(request, index),
    }


def _month_url(index, day, cleaned):
    query = query_string({k: v for k, v in cleaned.items() if k not in {"when", "start", "end"}})
    url = index.url + index.reverse_subpage("month", kwargs={"year": day.year, "month": day.month})
    return url + (f"?{query}" if query else "")


def _day_url(index, day, cleaned):
    """The list of every date of one day, with the same filters."""
    kept = {k: v for k, v in cleaned.items() if k not in {"when", "start", "end"}}
    query = query_string({**kept, "start": day, "end": day, EVERY_DATE_PARAM: EVERY_DATE_VALUE})
    return f"{index.url}?{query}"


# A day of the month view counts its dates up to this many; a busier day says
# "more than N" (its link lists them all): reading a month costs the same at
# 10,000 events as at 1,000.
MONTH_DAY_CAP = 20


def month_dates_per_day():
    """How many dates a day of the month view shows before "+ N more" (setting)."""
    return int(getattr(settings, "EVENTS_MONTH_DATES_PER_DAY", 4))


def _switch_url(request, every_date):
    """This list with the other choice of "every date" / "series grouped": the
    same filters, back on the first page."""
    query = request.GET.copy()
    query.pop("page", None)
    if every_date:
        query.pop(EVERY_DATE_PARAM, None)
    else:
        query[EVERY_DATE_PARAM] = EVERY_DATE_VALUE
    return f"{request.path}?{query.urlencode()}" if query else request.path


def calendar_list(request, index):
    """Upcoming occurrences, filtered in the database. A series is one row (its
    next matching date, `next_series`) unless the visitor asks for every date
    (`?dates=all`); paging and the count follow what is shown, and the count
    stops at `LIST_COUNT_CAP` ("more than 200 results")."""
    locale = active_locale(request)
    form, cleaned = _filters(request, locale)
    every_date = request.GET.get(EVERY_DATE_PARAM) == EVERY_DATE_VALUE
    now = timezone.now()
    period = date_range(cleaned, now)
    queryset = for_listing(in_range(apply_filters(visible_occurrences(), cleaned), period))
    # Read in date order only as far as the asked page (and the count's cap):
    # a calendar of 10,000 events costs what one of 100 does.
    if every_date:

        def read(wanted):
            rows = in_date_order(queryset, period.start, ("pk",), first_chunk=wanted)
            return [pk for (pk,) in islice(rows, wanted)]

    else:

        def read(wanted):
            return next_series(queryset, period.start, wanted)

    paginator = ReadAheadPaginator(read, index.per_page, cap=LIST_COUNT_CAP)
    page_obj = paginator.get_page(request.GET.get("page"))
    if every_date:
        occurrences = queryset.filter(pk__in=page_obj.object_list).order_by("start", "pk")
    else:
        occurrences = series_occurrences(queryset, page_obj.object_list)
    rows = localise(occurrences, request, locale)
    context = _calendar_context(request, index, form, cleaned, locale)
    if every_date:
        # Removing a filter keeps the visitor's choice of every date.
        context["active_filters"] = _active_filters(
            form, cleaned, carry={EVERY_DATE_PARAM: EVERY_DATE_VALUE}
        )
    context.update(
        {
            "view": "list",
            "page_obj": page_obj,
            "days": _by_day(rows),
            "period": period,
            "next_match": None,
            "every_date": every_date,
            "every_date_param": EVERY_DATE_PARAM,
            "every_date_value": EVERY_DATE_VALUE,
            "switch_url": _switch_url(request, every_date),
        }
    )
    if not rows:
        context["next_match"] = _next_match(request, cleaned, period, locale)
    return render(request, "events/event_index_page.html", context)


def _next_match(request, cleaned, period, locale):
    """When a period has no dates, the next date after it with the same filters.

    Found once per version of the event lists (every change to a date or an
    event raises it) for these filters and this period's end: the search walks
    the dates after the period until one matches, as many as the calendar
    holds before it (2,000 at 10,000 events for a month whose filters match
    nothing until the next), and every visitor of that view asks the same."""
    if period.end is None:
        return None
    asked = repr((sorted(cleaned.items()), period.end.isoformat()))
    found = per_generation(
        "next-match:" + hashlib.sha256(asked.encode()).hexdigest()[:32],
        lambda: _find_next_match(cleaned, period) or 0,
        tags=[EVENT_LISTS],
    )
    later = for_listing(Occurrence.objects.filter(pk=found)).first() if found else None
    return localise([later], request, locale)[0] if later else None


def _find_next_match(cleaned, period):
    """The id of the first date after `period` with the filters, or None."""
    queryset = apply_filters(visible_occurrences(), cleaned).order_by("start", "pk")
    # A month ahead, then a year, then the rest: bounded, the database walks the
    # dates in order until the first match (0.4 ms at 100,000 dates); asked for
    # "the first from now on", SQLite started from the events and sorted every
    # date of those that matched (20 ms).
    since = period.end
    later = None
    for ahead in (timedelta(days=31), timedelta(days=365), None):
        until = since + ahead if ahead else None
        window = queryset.filter(start__gte=since)
        if until is not None:
            window = window.filter(start__lt=until)
        later = window.values_list("pk", flat=True).first()
        if later is not None or until is None:
            break
        since = until
    return later


def calendar_archive(request, index):
    """Past occurrences, newest first."""
    locale = active_locale(request)
    form, cleaned = _filters(request, locale)
    cleaned.pop("when", None)
    now = timezone.now()
    queryset = apply_filters(visible_occurrences(), cleaned).filter(end__lt=now)
    if cleaned.get("start"):
        queryset = queryset.filter(end__gte=local_day_start(cleaned["start"]))
    if cleaned.get("end"):
        queryset = queryset.filter(start__lt=local_day_start(cleaned["end"] + timedelta(days=1)))
    paginator = Paginator(for_listing(queryset).order_by("-start", "-pk"), index.per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = localise(page_obj.object_list, request, locale)
    context = _calendar_context(request, index, form, cleaned, locale)
    context.update({"view": "archive", "page_obj": page_obj, "days": _by_day(rows)})
    return render(request, "events/event_index_page.html", context)


def _near_month(year, month):
    """Whether a month lies between a year ago and the end of the dates
    generated ahead (`EVENTS_OCCURRENCE_HORIZON_DAYS`): the months visitors
    browse, which the page cache keeps freely."""
    today = timezone.localdate()
    ahead = today + timedelta(days=horizon_days())
    return (today.year - 1, today.month) <= (year, month) <= (ahead.year, ahead.month)


def calendar_month(request, index, year, month):
    """One month as an accessible table (weeks × Monday–Sunday)."""
    if not (1 <= month <= 12 and 1900 < year < 2200):
        raise Http404
    if not _near_month(year, month):
        made_up_address()  # thousands of such months: they share a budget in the cache
    locale = active_locale(request)
    form, cleaned = _filters(request, locale)
    for key in ("when", "start", "end"):
        cleaned.pop(key, None)
    first, last = month_bounds(year, month)
    queryset = apply_filters(visible_occurrences(), cleaned).filter(
        start__lt=local_day_start(last + timedelta(days=1)),
        end__gte=local_day_start(first),
    )
    # At most `month_dates_per_day()` dates a day, whatever the calendar holds;
    # the rest is "+ N more", a link to that day's list. Two queries: the
    # shown dates' ids with each day's count (up to `MONTH_DAY_CAP`), then the
    # shown rows.
    grid = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = [day for week in grid for day in week]
    shown, totals, beyond = first_per_day(queryset, days, month_dates_per_day(), MONTH_DAY_CAP)
    rows = localise(
        for_cells(Occurrence.objects.filter(pk__in=shown)).order_by("start", "pk"),
        request,
        locale,
        pages=cell_pages(),
    )
    by_day = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    today = to_local(timezone.now()).date()
    weeks = []
    for week in grid:
        weeks.append(
            [
                {
                    "day": day,
                    # As `|date:"Y-m-d"` and `"j"` write it, without the
                    # formatter's steps.
                    "iso": day.isoformat(),
                    "number": day.day,
                    # The whole day as the language writes it ("Samstag,
                    # 12. Dezember"): the agenda's heading on a phone and what
                    # a screen reader says for the cell.
                    "label": date_format(day, "WEEKDAY_MONTH_DAY_FORMAT"),
                    "month_day": date_format(day, "MONTH_DAY_FORMAT")
                    if totals.get(day, 0) > len(by_day.get(day, []))
                    else "",
                    "rows": by_day.get(day, []),
                    "more": totals.get(day, 0) - len(by_day.get(day, [])),
                    "more_beyond": day in beyond,
                    "more_url": _day_url(index, day, cleaned)
                    if totals.get(day, 0) > len(by_day.get(day, []))
                    else "",
                    "in_month": day.month == month,
                    "is_today": day == today,
                }
                for day in week
            ]
        )
    previous = first - timedelta(days=1)
    following = last + timedelta(days=1)
    context = _calendar_context(request, index, form, cleaned, locale)
    context.update(
        {
            "view": "month",
            "weeks": weeks,
            "weekdays": [(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in range(7)],
            "month_name": MONTHS[month],
            "year": year,
            "month": month,
            "count": sum(totals.values()),
            "previous_url": _month_url(index, previous, cleaned),
            "next_url": _month_url(index, following, cleaned),
        }
    )
    return render(request, "events/event_index_month.html", context)


def calendar_feed(request, index):
    """The calendar, or any filtered view of it, as a subscribable iCal feed."""
    form, cleaned = _filters(request, active_locale(request))
    chips = _active_filters(form, cleaned)
    return exporters.response(exporters.CalendarFeed(request, index, cleaned, chips))


def event_ical(request, page):
    """The event as an .ics file: its series, exceptions and changed dates."""
    return exporters.response(exporters.EventICal(request, page))


def map_url(venue):
    """A link to OpenStreetMap: at the coordinates, else a search for the address."""
    if venue is None:
        return ""
    if venue.latitude is not None and venue.longitude is not None:
        lat, lon = venue.latitude, venue.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?" + urlencode({"query": venue.address})


UPCOMING_ON_PAGE = 24
# The event page's picture: the template's `{% image page.image format-webp
# fill-960x540 %}`, so the JSON-LD names the rendition the page shows.
EVENT_IMAGE_SPEC = "format-webp|fill-960x540"


def _one(model, pk, locale):
    """The object `pk` of `model` in the reader's language (one query), or None."""
    if pk is None:
        return None
    return next(iter(localized(model, model.objects.filter(pk=pk), locale=locale).values()), None)


def event_detail(request, page, *, status=200, **extra):
    """The event page: next date, upcoming dates with their status, the rule as
    a sentence, where, who, languages, the .ics link and JSON-LD. Apps above this
    one add their sections through the `EVENT_PAGE_CONTEXT` hook (registration
    adds its form); `extra` is passed on to them (a form with errors, say)."""
    locale = active_locale(request)
    event = source_event(page) or page
    now = timezone.now()
    upcoming_qs = (
        Occurrence.objects.filter(event_key=page.translation_key, end__gte=now)
        .select_related("venue")
        .order_by("start", "pk")
    )
    upcoming = list(upcoming_qs[: UPCOMING_ON_PAGE + 1])
    more = len(upcoming) > UPCOMING_ON_PAGE
    upcoming = upcoming[:UPCOMING_ON_PAGE]
    venue = _one(Venue, page.venue_id, locale)
    # Per-date venues and notes in this language (one query each).
    date_venue_by_key = localized(Venue, [o.venue for o in upcoming], locale=locale)
    note_keys = {o.exception_key for o in upcoming if o.note and o.exception_key}
    notes = {
        key: e.reason
        for key, e in (
            localized(OccurrenceException, note_keys, locale=locale) if note_keys else {}
        ).items()
        if e.reason
    }
    for occurrence in upcoming:
        occurrence.local_start = to_local(occurrence.start)
        occurrence.local_end = to_local(occurrence.end)
        occurrence.local_original = to_local(occurrence.original_start)
        occurrence.localised_venue = (
            date_venue_by_key.get(occurrence.venue.translation_key) if occurrence.venue else None
        )
        occurrence.localised_note = notes.get(occurrence.exception_key, occurrence.note)
    next_date = next((o for o in upcoming if o.status != Occurrence.Status.CANCELLED), None)
    themes = sorted(
        localized(
            Theme,
            Theme.objects.filter(pk__in=page.theme_links.values_list("theme_id", flat=True)),
            locale=locale,
        ).values(),
        key=lambda theme: theme.name.casefold(),
    )
    organisers = sorted(
        localized(
            Organisation,
            Organisation.objects.filter(
                pk__in=page.organiser_links.values_list("organisation_id", flat=True)
            ),
            locale=locale,
        ).values(),
        key=lambda organisation: organisation.name.casefold(),
    )
    event_type = _one(EventType, page.event_type_id, locale)
    # An alias shows another language's page: structured data names that one.
    url = canonical_url(request, page)
    is_series = bool(event.recurrence and (event.recurrence.rrules or event.recurrence.rdates))
    is_series = is_series or len(upcoming) > 1
    shown_dates = (
        upcoming
        if upcoming
        else list(Occurrence.objects.filter(event_key=page.translation_key).order_by("-start")[:1])
    )
    if not upcoming:
        for occurrence in shown_dates:
            occurrence.local_start = to_local(occurrence.start)
            occurrence.local_end = to_local(occurrence.end)
    image_url = (
        request.build_absolute_uri(page.image.get_rendition(EVENT_IMAGE_SPEC).url)
        if page.image
        else None
    )
    online_link_hidden = event.pk in hidden_online_links([event])
    data = jsonld.event_objects(
        page,
        event,
        shown_dates,
        url,
        venue,
        organisers,
        image_url,
        online_link_hidden=online_link_hidden,
        offers=event_offers(event, shown_dates[: jsonld.MAX_OCCURRENCES]),
        performers=event_performers(event),
    )
    ical_url = page.url + page.reverse_subpage("ical") if page.url else ""
    context = {
        "page": page,
        "self": page,
        "event": event,
        "upcoming": upcoming,
        "more_dates": more,
        "next_date": next_date,
        "past_date": None if upcoming else (shown_dates[0] if shown_dates else None),
        "rule_text": describe(event) if is_series else "",
        "venue": venue,
        "map_url": map_url(venue),
        "themes": themes,
        "organisers": organisers,
        "event_type": event_type,
        "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in page.language_codes],
        "ical_url": ical_url,
        "ical_webcal_url": exporters.webcal(ical_url),
        "jsonld": jsonld.dumps(data if len(data) != 1 else data[0]),
        "calendar_url": page.get_parent().url,
        "is_series": is_series,
        "online_link_hidden": online_link_hidden,
    }
    added, context["event_sections"] = page_sections(
        EVENT_PAGE_CONTEXT, request, page, event, upcoming, **extra
    )
    context.update(added)
    return render(request, page.get_template(request), context, status=status)

"""The one iCalendar (RFC 5545) builder: every .ics the site writes comes from here.

`CalendarFile` is the VCALENDAR: its header (PRODID, VERSION, CALSCALE, METHOD,
the calendar's name, X-WR-TIMEZONE, REFRESH-INTERVAL for subscribable feeds)
and the Europe/Amsterdam VTIMEZONE, written once. `vevent` makes every VEVENT,
whoever asks for it: times go out as dates (all-day) or as wall-clock times
with TZID, UNTIL/DTSTAMP/LAST-MODIFIED in UTC. `CalendarFile.add_series` turns
one event into VEVENTs; the festival programme and the e-mail attachments add
one VEVENT per date with `CalendarFile.add`.

One event is one series: its UID is the event's `translation_key` (the same in
every language and across edits, unlike a page URL), the RRULEs, RDATEs and
EXDATEs of its schedule, and SEQUENCE from `EventSchedule`. A cancelled or
moved date is an extra VEVENT with the same UID and a RECURRENCE-ID
(cancelled: STATUS:CANCELLED). A single event that was moved has its new time
as DTSTART; one that was cancelled has STATUS:CANCELLED. Google Calendar
rejects series with more than about 90 EXDATEs, so past that the remaining
exception dates go out as cancelled instances instead.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

import recurrence
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from events.models import EventPage, EventSchedule, Occurrence
from events.schedule import combine, dates_of, series_bounds, site_zone, to_aware, to_local
from home.models import Venue

MAX_EXDATES = 90
PRODID = "-//Samen Verder//Events//NL"
REFRESH = timedelta(hours=6)
CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"
PUBLISH, CANCEL = "PUBLISH", "CANCEL"


def uid_for(key, host):
    return f"{key}@{host}"


def sequences(keys):
    """{event key: SEQUENCE} for the given events (one query)."""
    return dict(
        EventSchedule.objects.filter(event_key__in=keys).values_list("event_key", "sequence")
    )


def location(venue):
    """A venue as one LOCATION line (`Venue.location`: name and address)."""
    return venue.location if venue is not None else ""


def geo(venue):
    """A venue's GEO (latitude, longitude), or None without coordinates."""
    if venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return (float(venue.latitude), float(venue.longitude))


def moment(value, all_day=False):
    """A DTSTART/DTEND/RECURRENCE-ID/RDATE/EXDATE value: the local date of an
    all-day value, else the wall-clock time in the site's zone (written with
    TZID). Naive datetimes are wall-clock times already; dates stay dates."""
    if not isinstance(value, datetime):
        return value
    local = to_local(value)
    return local.date() if all_day else to_aware(local)


def vevent(
    *,
    uid,
    now,
    summary,
    start,
    end,
    all_day=False,
    sequence=None,
    recurrence_id=None,
    rrules=(),
    rdates=(),
    exdates=(),
    status=None,
    location="",
    geo=None,
    url="",
    description="",
    categories=(),
    last_modified=None,
):
    """One VEVENT. Times are converted with `moment`; empty values are left out."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    if sequence is not None:
        event.add("sequence", sequence)
    if recurrence_id is not None:
        event.add("recurrence-id", moment(recurrence_id, all_day))
    event.add("summary", summary)
    event.add("dtstart", moment(start, all_day))
    event.add("dtend", moment(end, all_day))
    for rule in rrules:
        event.add("rrule", rule)
    for value in rdates:
        event.add("rdate", moment(value, all_day))
    for value in exdates:
        event.add("exdate", moment(value, all_day))
    if status:
        event.add("status", status)
    if location:
        event.add("location", location)
    if geo is not None:
        event.add("geo", geo)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    if categories:
        event.add("categories", [str(c) for c in categories])
    if last_modified:
        event.add("last-modified", last_modified.astimezone(UTC))
    return event


class CalendarFile:
    """A VCALENDAR: the header and VTIMEZONE once, then the VEVENTs added.

    `feed` marks a calendar meant for subscription (REFRESH-INTERVAL); a
    download or an attachment is not one. `method` is the iTIP method (RFC
    5546): PUBLISH, or CANCEL for an update that takes entries (same UID,
    higher SEQUENCE) out of the calendars they were added to."""

    def __init__(self, name=None, *, feed=True, now=None, method=PUBLISH):
        self.now = now or timezone.now()
        self.calendar = Calendar()
        self.calendar.add("prodid", PRODID)
        self.calendar.add("version", "2.0")
        self.calendar.add("calscale", "GREGORIAN")
        self.calendar.add("method", method)
        if name:
            self.calendar.add("x-wr-calname", name)
            self.calendar.add("name", name)
        self.calendar.add("x-wr-timezone", str(site_zone()))
        if feed:
            self.calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})

    def add(self, **properties):
        """One VEVENT (see `vevent`), stamped with the file's time."""
        self.calendar.add_component(vevent(now=self.now, **properties))

    def add_series(self, item, host):
        """An event's series and its changed dates (see `SeriesItem`)."""
        for component in series_components(item, host, self.now):
            self.calendar.add_component(component)

    def to_ical(self):
        self.calendar.add_missing_timezones()
        return self.calendar.to_ical()


# -- One event as a series -----------------------------------------------------------


@dataclass
class SeriesItem:
    """What `add_series` reads of one event: `event` is the source page, `page`
    the version in the language asked for, `venue` localised, `changed` its
    cancelled, moved and extra occurrences."""

    event: EventPage
    page: EventPage
    url: str
    venue: Venue | None
    sequence: int
    changed: list = field(default_factory=list)
    # Only registrants get the online link (`events.hooks.ONLINE_LINK_HIDDEN`).
    online_link_hidden: bool = False

    @property
    def online_url(self):
        """The online link, unless only registrants may have it."""
        return "" if self.online_link_hidden else self.event.online_url


def _rrule(rule):
    values = {"FREQ": recurrence.Rule.frequencies[rule.freq]}
    if rule.interval and rule.interval != 1:
        values["INTERVAL"] = rule.interval
    if rule.count:
        values["COUNT"] = rule.count
    elif rule.until:
        last_day = to_local(rule.until)
        if last_day.time() == time(0, 0):
            last_day = datetime.combine(last_day.date(), time(23, 59, 59))
        # With a TZID'd DTSTART, UNTIL must be in UTC (RFC 5545 3.3.10).
        values["UNTIL"] = to_aware(last_day).astimezone(UTC)
    if rule.byday:
        days = []
        for day in rule.byday:
            day = recurrence.to_weekday(day)
            code = recurrence.Rule.weekdays[day.number]
            days.append(f"{day.index}{code}" if day.index else code)
        values["BYDAY"] = days
    for param in rule.byparams:
        if param != "byday" and getattr(rule, param):
            values[param.upper()] = list(getattr(rule, param))
    return vRecur(values)


def _series_description(item):
    online = item.online_url
    if item.page.intro:
        return f"{item.page.intro}\n\n{online}" if online else item.page.intro
    return online


def series_components(item, host, now):
    """VEVENTs of one event: the series and its changed instances."""
    event = item.event
    uid = uid_for(event.translation_key, host)
    first, duration = series_bounds(event.start, event.end, event.all_day)
    start, end = first, first + duration
    value = event.recurrence
    rules = list(value.rrules) if value else []
    status = CONFIRMED
    extra = []
    if value is not None:
        for rdate in value.rdates:
            local = to_local(rdate)
            if event.all_day or local.time() == time(0, 0):
                local = combine(local.date(), first.time())
            extra.append(local)
    exdates = []
    if rules:
        exdates = [combine(day, first.time()) for day in dates_of(value, "exdates")]
    instances = []
    for occurrence in item.changed:
        if occurrence.origin == Occurrence.Origin.EXTRA:
            extra.append(to_local(occurrence.original_start))
        elif occurrence.origin == Occurrence.Origin.KEPT:
            continue
        if not rules and occurrence.origin != Occurrence.Origin.EXTRA:
            # A single event: the series itself is the date.
            if occurrence.status == Occurrence.Status.CANCELLED:
                status = CANCELLED
            else:
                start, end = occurrence.start, occurrence.end
            continue
        instances.append(_instance(item, uid, occurrence, now))
    for overflow in exdates[MAX_EXDATES:]:
        instances.append(_cancelled_instance(item, uid, to_aware(overflow), now))
    series = vevent(
        uid=uid,
        now=now,
        sequence=item.sequence,
        summary=item.page.title,
        start=start,
        end=end,
        all_day=event.all_day,
        rrules=[_rrule(rule) for rule in rules],
        rdates=sorted(set(extra)),
        exdates=exdates[:MAX_EXDATES],
        status=status,
        location=location(item.venue) or item.online_url,
        geo=geo(item.venue),
        url=item.url,
        description=_series_description(item),
        last_modified=event.last_published_at,
    )
    return [series, *instances]


def _instance(item, uid, occurrence, now):
    venue = getattr(occurrence, "localised_venue", None) or item.venue
    cancelled = occurrence.status == Occurrence.Status.CANCELLED
    return vevent(
        uid=uid,
        now=now,
        sequence=item.sequence,
        recurrence_id=occurrence.original_start,
        summary=item.page.title,
        start=occurrence.start,
        end=occurrence.end,
        all_day=item.event.all_day,
        status=CANCELLED if cancelled else CONFIRMED,
        location=location(venue) or item.online_url,
        url=item.url,
        description=getattr(occurrence, "localised_note", None) or occurrence.note,
    )


def _cancelled_instance(item, uid, start, now):
    occurrence = Occurrence(
        original_start=start,
        start=start,
        end=start + (item.event.end - item.event.start),
        status=Occurrence.Status.CANCELLED,
    )
    return _instance(item, uid, occurrence, now)


def build_calendar(items, host, name=None, *, feed=True, now=None):
    """A VCALENDAR of whole events (`SeriesItem`s), as bytes."""
    calendar = CalendarFile(name, feed=feed, now=now)
    for item in items:
        calendar.add_series(item, host)
    return calendar.to_ical()

"""iCalendar (RFC 5545) output for one event and for the calendar feed.

One VEVENT per real-world event: its UID is the event's `translation_key` (the
same in every language and across edits, unlike a page URL), DTSTART/DTEND in
Europe/Amsterdam with a VTIMEZONE, the RRULEs, RDATEs and EXDATEs of its
schedule, and SEQUENCE from `EventSchedule`. A cancelled or moved date is an
extra VEVENT with the same UID and a RECURRENCE-ID (cancelled: STATUS:CANCELLED).
Google Calendar rejects series with more than about 90 EXDATEs, so past that
the remaining exception dates go out as cancelled instances instead.
"""

from datetime import UTC, datetime, time, timedelta

import recurrence
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from events.models import EventSchedule, Occurrence
from events.schedule import combine, dates_of, series_bounds, site_zone, to_aware, to_local

MAX_EXDATES = 90
PRODID = "-//Samen Verder//Events//NL"
_FREQ = {v: k for k, v in enumerate(recurrence.Rule.frequencies)}


def uid_for(event_key, host):
    return f"{event_key}@{host}"


def _rrule(rule, first_local):
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


def _dt(value, all_day):
    local = to_local(value) if value.tzinfo else value
    return local.date() if all_day else to_aware(local)


def _location(venue):
    if venue is None:
        return ""
    parts = [venue.name, venue.street, " ".join(p for p in (venue.postcode, venue.city) if p)]
    return ", ".join(p for p in parts if p)


def event_components(item, host, now=None):
    """VEVENTs of one event: the series and its changed instances.

    `item` carries: `event` (the source page), `page` (the version in the
    language asked for), `url`, `venue` (localised), `sequence`, `changed`
    (its cancelled and moved occurrences) and `online_link_hidden` (only
    registrants get the online link)."""
    event = item.event
    now = now or timezone.now()
    uid = uid_for(event.translation_key, host)
    first, duration = series_bounds(event.start, event.end, event.all_day)
    value = event.recurrence
    rules = list(value.rrules) if value else []
    series = Event()
    series.add("uid", uid)
    series.add("dtstamp", now.astimezone(UTC))
    series.add("sequence", item.sequence)
    series.add("summary", item.page.title)
    online = "" if item.online_link_hidden else event.online_url
    if item.page.intro:
        series.add("description", _description(item))
    elif online:
        series.add("description", online)
    series.add("url", item.url)
    location = _location(item.venue) or online
    if location:
        series.add("location", location)
    if item.venue is not None and item.venue.latitude is not None:
        series.add("geo", (float(item.venue.latitude), float(item.venue.longitude)))
    if event.last_published_at:
        series.add("last-modified", event.last_published_at.astimezone(UTC))
    series.add("dtstart", _dt(first, event.all_day))
    series.add("dtend", _dt(first + duration, event.all_day))
    for rule in rules:
        series.add("rrule", _rrule(rule, first))
    extra = []
    if value is not None:
        for rdate in value.rdates:
            local = to_local(rdate)
            if event.all_day or local.time() == time(0, 0):
                local = combine(local.date(), first.time())
            extra.append(local)
    overflow = []
    if rules:
        exdates = [combine(day, first.time()) for day in dates_of(value, "exdates")]
        overflow = exdates[MAX_EXDATES:]
        for moment in exdates[:MAX_EXDATES]:
            series.add("exdate", _dt(moment, event.all_day))
    instances = []
    for occurrence in item.changed:
        original = to_local(occurrence.original_start)
        if occurrence.origin == Occurrence.Origin.EXTRA:
            extra.append(original)
        elif occurrence.origin == Occurrence.Origin.KEPT:
            continue
        if not rules and occurrence.origin != Occurrence.Origin.EXTRA:
            # A single event: the series itself is the date.
            if occurrence.status == Occurrence.Status.CANCELLED:
                series.add("status", "CANCELLED")
            else:
                series.pop("dtstart")
                series.pop("dtend")
                series.add("dtstart", _dt(occurrence.start, event.all_day))
                series.add("dtend", _dt(occurrence.end, event.all_day))
            continue
        instances.append(_instance(item, uid, occurrence, now))
    for moment in overflow:
        instances.append(_cancelled_instance(item, uid, to_aware(moment), now))
    for moment in sorted(set(extra)):
        series.add("rdate", _dt(moment, event.all_day))
    if "status" not in series:
        series.add("status", "CONFIRMED")
    return [series, *instances]


def _description(item):
    text = item.page.intro
    if item.event.online_url and not item.online_link_hidden:
        text = f"{text}\n\n{item.event.online_url}"
    return text


def _instance(item, uid, occurrence, now):
    event = item.event
    instance = Event()
    instance.add("uid", uid)
    instance.add("dtstamp", now.astimezone(UTC))
    instance.add("sequence", item.sequence)
    instance.add("recurrence-id", _dt(occurrence.original_start, event.all_day))
    instance.add("summary", item.page.title)
    instance.add("url", item.url)
    instance.add("dtstart", _dt(occurrence.start, event.all_day))
    instance.add("dtend", _dt(occurrence.end, event.all_day))
    venue = getattr(occurrence, "localised_venue", None) or item.venue
    location = _location(venue) or ("" if item.online_link_hidden else event.online_url)
    if location:
        instance.add("location", location)
    note = getattr(occurrence, "localised_note", None) or occurrence.note
    if note:
        instance.add("description", note)
    cancelled = occurrence.status == Occurrence.Status.CANCELLED
    instance.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return instance


def _cancelled_instance(item, uid, moment, now):
    occurrence = Occurrence(
        original_start=moment,
        start=moment,
        end=moment + (item.event.end - item.event.start),
        status=Occurrence.Status.CANCELLED,
    )
    return _instance(item, uid, occurrence, now)


def build_calendar(items, host, name=None, now=None):
    """A VCALENDAR with the given events (see `event_components`) and the
    Europe/Amsterdam VTIMEZONE."""
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    cal.add("x-wr-timezone", str(site_zone()))
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for item in items:
        for component in event_components(item, host, now=now):
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


def sequences(keys):
    return dict(
        EventSchedule.objects.filter(event_key__in=keys).values_list("event_key", "sequence")
    )

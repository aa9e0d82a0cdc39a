"""schema.org `Event` JSON-LD for an event page, built as Python data and dumped
with `json.dumps` (never assembled in a template).

A series gives one `Event` per upcoming date (up to `MAX_OCCURRENCES`), each with
its own status: search engines show dates, not rules. Each also carries the
series' rules as `eventSchedule` (schema.org `Schedule`), for readers that do
understand them.

Offers: an event is open to all (`InStock`) unless an app above says
otherwise through `events.hooks.EVENT_OFFERS` (registration: limited, sold
out, not yet open); a cancelled date has no offer.
"""

import json

import recurrence

from events.models import Occurrence
from events.schedule import site_zone, to_local

MAX_OCCURRENCES = 12
IN_STOCK = "https://schema.org/InStock"
FREQUENCY = {
    recurrence.DAILY: "D",
    recurrence.WEEKLY: "W",
    recurrence.MONTHLY: "M",
    recurrence.YEARLY: "Y",
}
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STATUS = {
    Occurrence.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Occurrence.Status.CANCELLED: "https://schema.org/EventCancelled",
    Occurrence.Status.MOVED: "https://schema.org/EventRescheduled",
}


def _when(value, all_day):
    """A date for all-day events, else local time with its UTC offset."""
    if all_day:
        return to_local(value).date().isoformat()
    return value.astimezone(site_zone()).isoformat(timespec="seconds")


def _place(venue):
    place = {"@type": "Place", "name": venue.name, "address": venue.postal_address()}
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def _local_date(value):
    return to_local(value).date().isoformat()


def schedules(event, occurrences=()):
    """schema.org `Schedule`s of the event's rules (one per rule), with the
    dates left out (`exceptDate`: excluded or cancelled) and the time zone."""
    value = event.recurrence
    if value is None or not value.rrules:
        return []
    start, end = to_local(event.start), to_local(event.end)
    excepted = {_local_date(d) for d in value.exdates}
    excepted |= {
        _local_date(o.original_start or o.start)
        for o in occurrences
        if o.status == Occurrence.Status.CANCELLED
    }
    result = []
    for rule in value.rrules:
        if rule.freq not in FREQUENCY:
            continue
        item = {
            "@type": "Schedule",
            "repeatFrequency": f"P{rule.interval or 1}{FREQUENCY[rule.freq]}",
            "startDate": start.date().isoformat(),
            "scheduleTimezone": str(site_zone()),
        }
        days = [recurrence.to_weekday(d) for d in rule.byday]
        if days:
            item["byDay"] = [f"https://schema.org/{DAY_NAMES[d.number]}" for d in days]
            weeks = [d.index for d in days if d.index] or list(rule.bysetpos or [])
            if rule.freq == recurrence.MONTHLY and weeks:
                item["byMonthWeek"] = weeks if len(weeks) > 1 else weeks[0]
        elif rule.freq == recurrence.WEEKLY:
            item["byDay"] = f"https://schema.org/{DAY_NAMES[start.weekday()]}"
        if rule.bymonthday:
            item["byMonthDay"] = list(rule.bymonthday)
        if not event.all_day:
            item["startTime"] = start.time().isoformat(timespec="seconds")
            item["endTime"] = end.time().isoformat(timespec="seconds")
        if rule.until:
            item["endDate"] = _local_date(rule.until)
        if rule.count:
            item["repeatCount"] = rule.count
        if excepted:
            item["exceptDate"] = sorted(excepted)
        result.append(item)
    return result


def _offer(event, url, extra):
    offer = {
        "@type": "Offer",
        "price": f"{event.price:.2f}" if event.price else "0",
        "priceCurrency": "EUR",
        "url": url,
        "availability": IN_STOCK,
    }
    offer.update(extra or {})
    return offer


def event_objects(
    page,
    event,
    occurrences,
    url,
    venue,
    organisers,
    image_url=None,
    *,
    online_link_hidden=False,
    offers=None,
    performers=(),
):
    """A list of schema.org Event dicts for the page's upcoming dates (or, with
    none left, its first date), in the page's language. `url` is the canonical
    page (also on an alias). `online_link_hidden`: the meeting link is for
    registrants only (the page's URL stands in). `offers`: {occurrence id:
    offer fields, or None for no offer} (`events.hooks.event_offers`);
    `performers`: schema.org Person dicts."""
    offers = offers or {}
    if event.online_url and venue is not None:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif event.online_url:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    organizer = [
        {"@type": "Organization", "name": o.name, **({"url": o.website} if o.website else {})}
        for o in organisers
    ]
    schedule = schedules(event, occurrences)
    languages = [code for code in (event.languages or "").split(",") if code]
    result = []
    for occurrence in occurrences[:MAX_OCCURRENCES]:
        place_venue = getattr(occurrence, "localised_venue", None) or venue
        locations = []
        if place_venue is not None:
            locations.append(_place(place_venue))
        if event.online_url:
            virtual_url = url if online_link_hidden else event.online_url
            locations.append({"@type": "VirtualLocation", "url": virtual_url})
        item = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "url": url,
            "startDate": _when(occurrence.start, occurrence.all_day),
            "endDate": _when(occurrence.end, occurrence.all_day),
            "eventStatus": STATUS[occurrence.status],
            "eventAttendanceMode": mode,
            "location": locations[0] if len(locations) == 1 else locations,
        }
        cancelled = occurrence.status == Occurrence.Status.CANCELLED
        extra = offers.get(occurrence.pk, {})
        if not cancelled and extra is not None:
            item["offers"] = _offer(event, url, extra)
        if page.intro:
            item["description"] = page.intro
        if organizer:
            item["organizer"] = organizer if len(organizer) > 1 else organizer[0]
        if languages:
            item["inLanguage"] = languages if len(languages) > 1 else languages[0]
        if occurrence.status == Occurrence.Status.MOVED:
            item["previousStartDate"] = _when(occurrence.original_start, occurrence.all_day)
        if image_url:
            item["image"] = image_url
        if performers:
            item["performer"] = list(performers)
        if schedule:
            item["eventSchedule"] = schedule if len(schedule) > 1 else schedule[0]
        result.append(item)
    return result


_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can end it early."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)

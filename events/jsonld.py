"""schema.org `Event` JSON-LD for an event page, built as Python data and dumped
with `json.dumps` (never assembled in a template).

A series gives one `Event` per upcoming date (up to `MAX_OCCURRENCES`), each with
its own status: search engines show dates, not rules.
"""

import json

from events.models import Occurrence
from events.schedule import site_zone, to_local

MAX_OCCURRENCES = 12
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


def event_objects(
    page, event, occurrences, url, venue, organisers, image_url=None, *, online_link_hidden=False
):
    """A list of schema.org Event dicts for the page's upcoming dates (or, with
    none left, its first date), in the page's language. `online_link_hidden`:
    the meeting link is for registrants only (the page's URL stands in)."""
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
    offer = {
        "@type": "Offer",
        "price": f"{event.price:.2f}" if event.price else "0",
        "priceCurrency": "EUR",
        "url": url,
        "availability": "https://schema.org/InStock",
    }
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
            "offers": offer,
        }
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
        result.append(item)
    return result


_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can end it early."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)

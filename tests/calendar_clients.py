"""Four independent calendar implementations as clients of our .ics files.

`expand_all({name: ics})` returns, for each file, the local start times that
each implementation shows (series expanded with their exceptions up to
`UNTIL`, past 2038; cancelled dates left out), as `2027-07-03T10:00` in the
site's zone, or `2027-07-03` for all-day dates:

- Python: `icalendar` + `recurring-ical-events` (Home Assistant, many scripts);
- Python: the strict `ical` package (pydantic; rejects what RFC 5545 forbids);
- npm: `ical.js` 2 (Thunderbird, many web calendars) and `node-ical` (Node
  apps, MagicMirror), both run for all files in one node process.

The npm packages are installed into `tests/.node/` by `tests.icaljs`; where
node or npm is missing the test is skipped with a message.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import recurring_ical_events
from django.conf import settings
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from tests import icaljs

UNTIL = icaljs.UNTIL
CLIENTS = ("recurring-ical-events", "ical", "ical.js", "node-ical")


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def shown(value):
    """A start as the site shows it: local wall-clock time, or the date."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise AssertionError(f"floating time {value}: no zone")
        return value.astimezone(zone()).strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if "T" in value:  # a UTC instant from node
        return shown(datetime.fromisoformat(value.replace("Z", "+00:00")))
    return value


def recurring_dates(ics):
    calendar = Calendar.from_ical(ics)
    starts = []
    for event in recurring_ical_events.of(calendar).between(datetime(1970, 1, 1), UNTIL):
        if str(event.get("STATUS", "")).upper() != "CANCELLED":
            starts.append(shown(event.decoded("DTSTART")))
    return sorted(starts)


def strict_dates(ics):
    calendar = IcsCalendarStream.calendar_from_ics(ics.decode() if isinstance(ics, bytes) else ics)
    starts = []
    for event in calendar.timeline_tz(zone()):
        start = event.dtstart
        moment = (
            start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
        )
        if moment.replace(tzinfo=moment.tzinfo or UTC) > UNTIL:
            break
        if event.status is None or event.status.value != "CANCELLED":
            starts.append(shown(start))
    return sorted(starts)


def expand_all(files):
    """{name: {client: [local starts]}} for every file and all four clients."""
    node = icaljs.node_dates(files, UNTIL)
    return {
        name: {
            "recurring-ical-events": recurring_dates(ics),
            "ical": strict_dates(ics),
            **{client: sorted(shown(s) for _uid, s in node[name][client]) for client in node[name]},
        }
        for name, ics in files.items()
    }

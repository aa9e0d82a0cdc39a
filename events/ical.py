"""The one iCalendar (RFC 5545) builder: every .ics the site writes comes from here.

`CalendarFile` is the VCALENDAR: its header (PRODID, VERSION, CALSCALE, METHOD,
the calendar's name and description, X-WR-TIMEZONE, REFRESH-INTERVAL and
X-PUBLISHED-TTL for subscribable feeds) and a VTIMEZONE for every zone used,
built from the zone's rules (see "Time zones" below). `vevent` makes every
VEVENT, whoever asks for it: times go out as dates (all-day) or as wall-clock
times with TZID, UNTIL/DTSTAMP/LAST-MODIFIED in UTC, and every VEVENT names the
site as ORGANIZER (RFC 5546 wants one with METHOD:PUBLISH). DTSTAMP is the
time the data last changed, not the time of the request, so a file stays the
same byte for byte until something in it changes. UIDs end in the host of the
site's configured address (`WAGTAILADMIN_BASE_URL`), never the request's Host.
`CalendarFile.add_series` turns one event into VEVENTs; the festival programme
and the e-mail attachments add one VEVENT per date with `CalendarFile.add`.

One event is one series, written in the form that Thunderbird (ical.js),
node-ical, Python's recurring-ical-events and the strict `ical` package all
expand alike (`tests/events/test_calendar_clients.py` runs them):

- the series: UID = the event's `translation_key` (the same in every language
  and across edits), DTSTART, the RRULEs, SEQUENCE from `EventSchedule`;
- a cancelled date is an EXDATE of the series (a client that ignores STATUS
  still leaves it out); a moved date is an override with RECURRENCE-ID;
- an extra date (an RDATE of the schedule or an editor's extra date) is a
  VEVENT of its own with its own UID: node-ical drops `RDATE;TZID=…` and
  libical's helpers put it an hour late, a plain VEVENT every client reads;
- Google Calendar rejects a series with more than about 90 EXDATEs, so past
  that the series is split into consecutive parts (same rules, UNTIL at the
  last excluded date of a part, the next part starting at the next date), each
  with at most 90 EXDATEs; the first part keeps the event's UID;
- a single event that was moved has its new time as DTSTART; one that was
  cancelled has STATUS:CANCELLED (there is no date left to exclude).

A calendar with no event (an empty filtered feed, "my programme" with unknown
ids) still holds the VTIMEZONE: RFC 5545 (3.6) needs one component of any
kind, and RFC 5546 PUBLISH needs a VEVENT, so such a file has no METHOD.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parseaddr
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import recurrence
from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vRecur,
    vText,
)
from icalendar.parser import Contentline

from events.models import EventPage, EventSchedule, Occurrence
from events.schedule import (
    combine,
    dates_of,
    dateutil_rule,
    series_bounds,
    site_zone,
    to_aware,
    to_local,
)
from home.models import Venue

MAX_EXDATES = 90
PRODID = "-//Samen Verder//Events//NL"
REFRESH = timedelta(hours=6)
CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"
PUBLISH, CANCEL = "PUBLISH", "CANCEL"


def site_host():
    """The host in every UID: from the site's configured address, so a site
    reached under two names does not duplicate events in subscribers' calendars."""
    return _host(settings.WAGTAILADMIN_BASE_URL)


@lru_cache(maxsize=8)
def _host(base_url):
    return urlsplit(base_url).hostname or "localhost"


def uid_for(key, host=None):
    return f"{key}@{host or site_host()}"


def sequences(keys):
    """{event key: SEQUENCE} for the given events' keys (a set or a subquery; one query)."""
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


# -- Writing ---------------------------------------------------------------------------
#
# VEVENTs are written as text, not built as icalendar components: a feed of 1,000
# events spent most of its time in icalendar's objects (type guessing, parameter
# dictionaries, sorting and folding every line). The text is what icalendar writes
# for the same properties, byte for byte: properties in its order (its canonical
# ones first, then the others alphabetically), its TEXT escaping and its folding
# (`tests/events/test_calendar_files.py` reads every file back with icalendar and
# compares). The calendar's header and the VTIMEZONEs are still icalendar
# components: one of each per file.

# Lines shorter than this many octets are written as they are (RFC 5545, 3.1).
FOLD_OCTETS = 75


def _fold(line):
    if len(line) < FOLD_OCTETS and (line.isascii() or len(line.encode("utf-8")) < FOLD_OCTETS):
        return line
    return Contentline(line).to_ical().decode()


_TEXT_SPECIALS = re.compile(r"[\\;,\r\n]")


def _text(value):
    """A TEXT value escaped (RFC 5545, 3.3.11) as icalendar escapes it: backslash,
    semicolon and comma, and every kind of line break as \\n."""
    if not _TEXT_SPECIALS.search(value):
        return value
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _stamp(value):
    """A datetime's date and time as iCalendar writes them (seconds, no fraction)."""
    return (
        f"{value.year:04d}{value.month:02d}{value.day:02d}"
        f"T{value.hour:02d}{value.minute:02d}{value.second:02d}"
    )


def _utc(value):
    return _stamp(value.astimezone(UTC)) + "Z"


def _when(name, values, zones):
    """A date-time property (DTSTART, EXDATE…) of one or more `moment` values,
    parameters from the first: VALUE=DATE for dates, TZID for local times (its
    zone added to `zones`), none for UTC."""
    first = values[0]
    if not isinstance(first, datetime):
        return f"{name};VALUE=DATE:" + ",".join(f"{v:%Y%m%d}" for v in values)
    tzid = getattr(first.tzinfo, "key", None) or str(first.tzinfo)
    if tzid == "UTC":
        return f"{name}:" + ",".join(_utc(v) for v in values)
    zones.add(tzid)
    return f"{name};TZID={tzid}:" + ",".join(_stamp(v) for v in values)


def _when_one(name, value, all_day, zones):
    """`_when(name, [moment(value, all_day)], zones)`, with a short way for
    what a feed writes twice per event: a naive wall-clock time, which is
    written as it is with the site's zone (that makes no aware datetime)."""
    if not all_day and isinstance(value, datetime) and value.tzinfo is None:
        tzid = site_zone().key
        if tzid != "UTC":
            zones.add(tzid)
            return f"{name};TZID={tzid}:{_stamp(value)}"
    return _when(name, [moment(value, all_day)], zones)


@lru_cache(maxsize=8)
def _dtstamp(now):
    """The DTSTAMP line: one per file, written once."""
    return "DTSTAMP:" + _utc(now)


def organizer_line():
    """The site as ORGANIZER (RFC 5546 wants one with METHOD:PUBLISH): the name
    and address of DEFAULT_FROM_EMAIL."""
    return _organizer_line(settings.DEFAULT_FROM_EMAIL, site_host())


@lru_cache(maxsize=8)
def _organizer_line(from_email, host):
    name, address = parseaddr(from_email)
    value = vCalAddress(f"mailto:{address or 'noreply@' + host}")
    if name:
        value.params["CN"] = name
    event = Event()
    event.add("organizer", value)
    # Written by icalendar, once: the CN's quoting and RFC 6868 escaping.
    return serialise(event).decode().split("\r\n")[1]


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
    zones=None,
    organizer=None,
):
    """One VEVENT as text (CRLF line ends, folded). Times are converted with
    `moment`; empty values are left out. `now` is the file's DTSTAMP (the time
    its data last changed); the TZIDs written are added to `zones`;
    `organizer` is the ORGANIZER line when the caller has it (`organizer_line`)."""
    zones = set() if zones is None else zones
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(summary),
        _when_one("DTSTART", start, all_day, zones),
        _when_one("DTEND", end, all_day, zones),
        _dtstamp(now),
        "UID:" + _text(uid),
    ]
    if recurrence_id is not None:
        lines.append(_when("RECURRENCE-ID", [moment(recurrence_id, all_day)], zones))
    if sequence is not None:
        lines.append(f"SEQUENCE:{int(sequence)}")
    lines += ["RRULE:" + rule for rule in rrules]
    lines += [_when("RDATE", [moment(value, all_day)], zones) for value in rdates]
    if exdates:
        lines.append(_when("EXDATE", [moment(value, all_day) for value in exdates], zones))
    if categories:
        lines.append("CATEGORIES:" + ",".join(_text(str(c)) for c in categories))
    if description:
        lines.append("DESCRIPTION:" + _text(description))
    if geo is not None:
        lines.append(f"GEO:{float(geo[0])};{float(geo[1])}")
    if last_modified:
        lines.append("LAST-MODIFIED:" + _utc(min(last_modified, now)))
    if location:
        lines.append("LOCATION:" + _text(location))
    lines.append(organizer or organizer_line())
    if status:
        lines.append("STATUS:" + _text(status))
    if url:
        lines.append("URL:" + url)
    lines.append("END:VEVENT")
    # (Most lines are short and ASCII: tested here, not in a call per line.)
    return (
        "\r\n".join(
            line if len(line) < FOLD_OCTETS and line.isascii() else _fold(line) for line in lines
        )
        + "\r\n"
    )


class CalendarFile:
    """A VCALENDAR: the header and VTIMEZONEs once, then the VEVENTs added.

    `feed` marks a calendar meant for subscription (REFRESH-INTERVAL,
    X-PUBLISHED-TTL); a download or an attachment is not one. `now` is the
    DTSTAMP of every VEVENT: pass the time the data last changed. `method` is
    the iTIP method (RFC 5546): PUBLISH, or CANCEL for an update that takes
    entries (same UID, higher SEQUENCE) out of the calendars they were added to."""

    def __init__(self, name=None, *, description=None, feed=True, now=None, method=PUBLISH):
        self.now = now or timezone.now()
        self.calendar = Calendar()
        self.calendar.add("prodid", PRODID)
        self.calendar.add("version", "2.0")
        self.calendar.add("calscale", "GREGORIAN")
        self.calendar.add("method", method)
        if name:
            # X-WR-* are typed as TEXT here: icalendar would write them unescaped.
            self.calendar.add("x-wr-calname", vText(name))
            self.calendar.add("name", name)
        if description:
            self.calendar.add("x-wr-caldesc", vText(description))
            self.calendar.add("description", description)
        self.calendar.add("x-wr-timezone", str(site_zone()))
        if feed:
            self.calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
            self.calendar.add("x-published-ttl", vDuration(REFRESH))
        self.events = []
        self.zones = set()
        self.organizer = organizer_line()

    def add(self, **properties):
        """One VEVENT (see `vevent`), stamped with the file's time."""
        self.events.append(
            vevent(now=self.now, zones=self.zones, organizer=self.organizer, **properties)
        )

    def add_series(self, item, host=None):
        """An event's series and its changed dates (see `SeriesItem`)."""
        self.events += series_components(
            item, host or site_host(), self.now, self.zones, self.organizer
        )

    def to_ical(self):
        if not self.events:
            del self.calendar["METHOD"]
        used = self.zones if self.events else {str(site_zone())}
        header = serialise(self.calendar).decode()
        zones = [vtimezone_text(tzid) for tzid in sorted(used) if tzid != "UTC"]
        footer = "END:VCALENDAR\r\n"
        return (header.removesuffix(footer) + "".join(zones + self.events) + footer).encode()


def serialise(component):
    """`component.to_ical()`, byte for byte, faster: icalendar folds every line
    character by character, while nearly every line of a calendar is shorter
    than a fold; only the longer ones go through its folding."""
    out = []
    for line in component.content_lines():
        if not line:
            continue
        data = line.encode("utf-8")
        out.append(data if len(data) < FOLD_OCTETS else line.to_ical())
    return b"\r\n".join(out) + b"\r\n"


# -- Time zones from their rules ------------------------------------------------------
#
# icalendar's `add_missing_timezones()` writes every transition between 1970 and
# 2038 as dated RDATEs, which ical.js reads only partly and which end in 2038.
# Calendar apps expect what they write themselves: one STANDARD and one DAYLIGHT
# observance, each with a yearly RRULE. The zone's current rule is the POSIX TZ
# string at the end of its TZif file (`CET-1CEST,M3.5.0,M10.5.0/3` for
# Europe/Amsterdam); each observance starts in the first year from which the zone
# has followed that rule, so dates from then on and without end come out right.

POSIX_TZ = re.compile(
    r"^(?P<std><[^>]+>|[A-Za-z]{3,})(?P<stdoff>[+-]?\d{1,2}(?::\d{2}){0,2})"
    r"(?:(?P<dst><[^>]+>|[A-Za-z]{3,})(?P<dstoff>[+-]?\d{1,2}(?::\d{2}){0,2})?"
    r",M(?P<m1>\d+)\.(?P<w1>\d)\.(?P<d1>\d)(?:/(?P<t1>[+-]?\d+(?::\d{2}){0,2}))?"
    r",M(?P<m2>\d+)\.(?P<w2>\d)\.(?P<d2>\d)(?:/(?P<t2>[+-]?\d+(?::\d{2}){0,2}))?)?$"
)
WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
FIRST_YEAR = 1970


def _hours(text, default):
    if text is None:
        return default
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])


def posix_rule(tzid):
    """The POSIX TZ string that describes `tzid` from its last transition on."""
    data = (resources.files("tzdata.zoneinfo") / tzid).read_bytes()
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode()


@dataclass(frozen=True)
class Observance:
    """One yearly change: on the `week`th (5: last) `weekday` (0: Sunday) of
    `month`, at `at` local time before the change, the offset goes from
    `offset_from` to `offset_to`."""

    name: str
    offset_from: timedelta
    offset_to: timedelta
    month: int
    week: int
    weekday: int
    at: timedelta

    def day(self, year):
        """The local date the change falls on in `year` (before adding `at`)."""
        first = date(year, self.month, 1)
        shift = (self.weekday - (first.weekday() + 1) % 7) % 7
        day = first + timedelta(days=shift + 7 * (self.week - 1))
        while day.month != self.month:
            day -= timedelta(days=7)
        return day

    def onset(self, year):
        """The naive local time (in `offset_from`) of the change in `year`."""
        return datetime.combine(self.day(year), time(0, 0)) + self.at

    def holds(self, zone, year):
        """Whether the zone changed as this rule says in `year`."""
        instant = (self.onset(year) - self.offset_from).replace(tzinfo=UTC)
        before = (instant - timedelta(seconds=1)).astimezone(zone).utcoffset()
        return before == self.offset_from and instant.astimezone(zone).utcoffset() == (
            self.offset_to
        )

    def rrule(self):
        """The yearly RRULE, with the day shifted when `at` leaves the day."""
        days, _rest = divmod(self.at, timedelta(days=1))
        weekday = WEEKDAYS[(self.weekday + days) % 7]
        if days == 0:
            week = -1 if self.week == 5 else self.week
            return vRecur(FREQ="YEARLY", BYMONTH=self.month, BYDAY=f"{week}{weekday}")
        first = 1 + 7 * (self.week - 1) + days
        if self.week == 5 or not 1 <= first <= 22:
            return None
        days_of_month = list(range(first, first + 7))
        return vRecur(FREQ="YEARLY", BYMONTH=self.month, BYDAY=weekday, BYMONTHDAY=days_of_month)


def _name(text):
    return text.strip("<>")


def observances(tzid):
    """(standard offset, standard name, [Observance]) of a zone's current rule,
    or None when the rule is not a POSIX `M` rule."""
    match = POSIX_TZ.match(posix_rule(tzid))
    if match is None:
        return None
    standard = -_hours(match["stdoff"], None)
    if not match["dst"]:
        return standard, _name(match["std"]), []
    daylight = -_hours(match["dstoff"], -(standard + timedelta(hours=1)))
    two = timedelta(hours=2)
    return (
        standard,
        _name(match["std"]),
        [
            Observance(
                _name(match["dst"]),
                standard,
                daylight,
                *(int(match[k]) for k in ("m1", "w1", "d1")),
                _hours(match["t1"], two),
            ),
            Observance(
                _name(match["std"]),
                daylight,
                standard,
                *(int(match[k]) for k in ("m2", "w2", "d2")),
                _hours(match["t2"], two),
            ),
        ],
    )


@cache
def _zone_rule(tzid):
    """(standard offset, name, [(Observance, first year)]) or None, once per zone."""
    rule = observances(tzid)
    if rule is None or any(o.rrule() is None for o in rule[2]):
        return None
    standard, standard_name, changes = rule
    zone = ZoneInfo(tzid)
    this_year = date.today().year
    dated = []
    for change in changes:
        year = this_year
        while year > FIRST_YEAR and change.holds(zone, year - 1):
            year -= 1
        dated.append((change, year))
    return standard, standard_name, dated


@cache
def vtimezone_text(tzid):
    """`vtimezone(tzid)` as text, written once per zone."""
    return serialise(vtimezone(tzid)).decode()


def vtimezone(tzid):
    """The VTIMEZONE of `tzid`: yearly STANDARD/DAYLIGHT observances from the
    zone's rule, valid without end. Zones whose rule cannot be written so fall
    back to icalendar's dated transitions."""
    rule = _zone_rule(tzid)
    if rule is None:
        return Timezone.from_tzid(tzid, last_date=date(2100, 1, 1))
    standard, standard_name, changes = rule
    result = Timezone()
    result.add("tzid", tzid)
    result.add("x-lic-location", tzid)
    if not changes:
        observance = TimezoneStandard()
        observance.add("dtstart", datetime(FIRST_YEAR, 1, 1))
        observance.add("tzoffsetfrom", standard)
        observance.add("tzoffsetto", standard)
        observance.add("tzname", standard_name)
        result.add_component(observance)
        return result
    for change, year in changes:
        daylight = change.offset_to > change.offset_from
        observance = TimezoneDaylight() if daylight else TimezoneStandard()
        observance.add("dtstart", change.onset(year))
        observance.add("tzoffsetfrom", change.offset_from)
        observance.add("tzoffsetto", change.offset_to)
        observance.add("tzname", change.name)
        observance.add("rrule", change.rrule())
        result.add_component(observance)
    return result


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


def _until(local, all_day):
    """An UNTIL value: the date for all-day series, else UTC (RFC 5545 3.3.10)."""
    return local.date() if all_day else to_aware(local).astimezone(UTC)


def _rrule(rule, first, all_day, until=None, *, split=False):
    """A django-recurrence rule as an RRULE value (text). In a `split` series, `until`
    (naive local) ends a part, COUNT becomes UNTIL and what the first DTSTART
    implied (the weekday, the day of the month) is written out, since a part
    starts on another day."""
    values = {"FREQ": recurrence.Rule.frequencies[rule.freq]}
    if rule.interval and rule.interval != 1:
        values["INTERVAL"] = rule.interval
    last = None
    if rule.count and not split:
        values["COUNT"] = rule.count
    elif rule.count:
        last = list(dateutil_rule(rule, first))[-1]
    elif rule.until:
        last = to_local(rule.until)
        if last.time() == time(0, 0):
            last = datetime.combine(last.date(), time(23, 59, 59))
    if until is not None:
        last = min(last, until) if last else until
    if last is not None:
        values["UNTIL"] = _until(last, all_day)
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
    if split:
        _pin_implied(values, first)
    return _recur_text(values)


def _recur_order(key):
    order = vRecur.canonical_order
    return (order.index(key), key) if key in order else (len(order), key)


def _recur_text(values):
    """An RRULE's value as icalendar's `vRecur` writes it, without making one
    (a tenth of a feed's time went into its types): the parts in RFC 5545's
    order, each list comma-separated, UNTIL a date or a UTC time."""
    parts = []
    for key in sorted(values, key=_recur_order):
        value = values[key]
        if key == "UNTIL":
            text = _utc(value) if isinstance(value, datetime) else f"{value:%Y%m%d}"
        elif isinstance(value, list | tuple):
            text = ",".join(map(str, value))
        else:
            text = str(value)
        parts.append(f"{key}={text}")
    return ";".join(parts)


def _pin_implied(values, first):
    """Write out the parts of a rule that came from the first DTSTART."""
    freq = values["FREQ"]
    weekday = recurrence.Rule.weekdays[first.weekday()]
    if freq == "WEEKLY" and "BYDAY" not in values:
        values["BYDAY"] = [weekday]
    if freq == "MONTHLY" and not {"BYDAY", "BYMONTHDAY"} & values.keys():
        values["BYMONTHDAY"] = [first.day]
    if freq == "YEARLY" and not {"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"} & values.keys():
        values.setdefault("BYMONTH", [first.month])
        values["BYMONTHDAY"] = [first.day]


def _series_description(item):
    online = item.online_url
    if item.page.intro:
        return f"{item.page.intro}\n\n{online}" if online else item.page.intro
    return online


def _made_by_rules(rules, first, local):
    """Whether the series' rules (or its DTSTART) make the date `local`."""
    return local == first or any(
        dateutil_rule(rule, first).between(local, local, inc=True) for rule in rules
    )


def _next_date(rules, first, after, excluded):
    """The first date the rules make after `after` that is not excluded, or None."""
    candidates = [dateutil_rule(rule, first) for rule in rules]
    moment_ = after
    while True:
        following = [d for d in (r.after(moment_) for r in candidates) if d is not None]
        if not following:
            return None
        moment_ = min(following)
        if moment_ not in excluded:
            return moment_


def _parts(rules, first, exdates):
    """[(start, until, exdates)] of the series: one part while there are at most
    MAX_EXDATES exclusions, else consecutive parts of at most that many."""
    parts = []
    start, rest = first, sorted(exdates)
    excluded = set(rest)
    while len(rest) > MAX_EXDATES:
        chunk, rest = rest[:MAX_EXDATES], rest[MAX_EXDATES:]
        parts.append((start, chunk[-1], chunk))
        start = _next_date(rules, first, chunk[-1], excluded)
        if start is None:
            return parts
        rest = [d for d in rest if d > start]
    parts.append((start, None, rest))
    return parts


def series_components(item, host, now, zones, organizer=None):
    """VEVENTs (text) of one event: the series (in parts past MAX_EXDATES), its
    moved dates, and its extra dates; the TZIDs written are added to `zones`;
    `organizer`: the ORGANIZER line, when the caller has it."""
    event = item.event
    key = event.translation_key
    first, duration = series_bounds(event.start, event.end, event.all_day)
    value = event.recurrence
    rules = list(value.rrules) if value else []
    changed = {
        to_local(o.original_start): o for o in item.changed if o.origin != Occurrence.Origin.KEPT
    }
    excluded_days = set(dates_of(value, "exdates"))
    extras = {}
    if value is not None:
        for rdate in value.rdates:
            local = to_local(rdate)
            if event.all_day or local.time() == time(0, 0):
                local = combine(local.date(), first.time())
            if local.date() not in excluded_days and not _made_by_rules(rules, first, local):
                extras[local] = changed.get(local)
    exdates, moved = set(), []
    start, end, status = first, first + duration, CONFIRMED
    for local, occurrence in changed.items():
        if occurrence.origin == Occurrence.Origin.EXTRA:
            extras[local] = occurrence
        elif local in extras:
            continue
        elif not rules:
            # A single date: the series itself is the date.
            if occurrence.status == Occurrence.Status.CANCELLED:
                status = CANCELLED
            else:
                start, end = occurrence.start, occurrence.end
        elif occurrence.status == Occurrence.Status.CANCELLED:
            exdates.add(local)
        else:
            moved.append(occurrence)
    if rules:
        exdates |= {combine(day, first.time()) for day in excluded_days}
    common = {
        "now": now,
        "zones": zones,
        "organizer": organizer,
        "sequence": item.sequence,
        "summary": item.page.title,
        "all_day": event.all_day,
        "url": item.url,
    }
    components = []
    parts = _parts(rules, first, exdates) if rules else [(first, None, [])]
    split = len(parts) > 1
    for number, (part_start, until, part_exdates) in enumerate(parts):
        uid = uid_for(key if number == 0 else f"{key}-{number + 1}", host)
        if number > 0:
            start, end = part_start, part_start + duration
        components.append(
            vevent(
                uid=uid,
                start=start,
                end=end,
                rrules=[_rrule(r, first, event.all_day, until, split=split) for r in rules],
                exdates=part_exdates,
                status=status,
                location=location(item.venue) or item.online_url,
                geo=geo(item.venue),
                description=_series_description(item),
                last_modified=event.last_published_at,
                **common,
            )
        )
        for occurrence in moved:
            local = to_local(occurrence.original_start)
            if local >= part_start and (until is None or local <= until):
                components.append(_dated(item, occurrence, uid=uid, recurrence_id=local, **common))
    for local, occurrence in sorted(extras.items(), key=lambda pair: pair[0]):
        if occurrence is not None and occurrence.status == Occurrence.Status.CANCELLED:
            continue
        uid = uid_for(f"{key}-{local:%Y%m%dT%H%M}", host)
        if occurrence is None:
            occurrence = Occurrence(
                original_start=to_aware(local),
                start=to_aware(local),
                end=to_aware(local + duration),
            )
        components.append(_dated(item, occurrence, uid=uid, **common))
    return components


def _dated(item, occurrence, *, uid, recurrence_id=None, **common):
    """One date: a moved date of the series (with its RECURRENCE-ID) or an
    extra date (a VEVENT of its own)."""
    venue = getattr(occurrence, "localised_venue", None) or item.venue
    return vevent(
        uid=uid,
        recurrence_id=recurrence_id,
        start=occurrence.start,
        end=occurrence.end,
        status=CONFIRMED,
        location=location(venue) or item.online_url,
        url=item.url,
        description=getattr(occurrence, "localised_note", None) or occurrence.note,
        **{k: v for k, v in common.items() if k != "url"},
    )


def build_calendar(items, host=None, name=None, *, description=None, feed=True, now=None):
    """A VCALENDAR of whole events (`SeriesItem`s), as bytes."""
    calendar = CalendarFile(name, description=description, feed=feed, now=now)
    for item in items:
        calendar.add_series(item, host)
    return calendar.to_ical()

"""Expanding an event's schedule into dates, right across daylight-saving changes.

django-recurrence stores datetimes in UTC; expanding a rule on UTC (or on aware
datetimes) moves a 10:00 event to 11:00 or 09:00 after a DST switch. So rules are
expanded on *naive local wall-clock* times in the site's zone (Europe/Amsterdam)
and each result is made aware afterwards: 10:00 stays 10:00 in March and October.

Exception dates (EXDATE) match on the local *date*, not an exact datetime, so an
EXDATE saved at 00:00 still removes the 10:00 occurrence of that day. Extra dates
(RDATE) saved at 00:00 take the series' start time. DTSTART/DTEND of the stored
recurrence are ignored: the page's own start and end are the truth.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.conf import settings

MIDNIGHT = time(0, 0)


@cache
def site_zone():
    return ZoneInfo(settings.TIME_ZONE)


def to_local(value):
    """An aware datetime as naive wall-clock time in the site's zone."""
    if value.tzinfo is None:
        return value
    return value.astimezone(site_zone()).replace(tzinfo=None)


def to_aware(value):
    """Naive wall-clock time in the site's zone as an aware datetime.

    A time that does not exist (02:30 on the March switch) lands an hour later;
    one that exists twice (02:30 in October) is taken as the first (fold=0)."""
    return value.replace(tzinfo=site_zone())


def local_midnight_utc(day):
    """00:00 of a local date, in UTC: how dates are written into a stored rule so
    the editor's own time-zone setting cannot shift them to another day."""
    return datetime.combine(day, MIDNIGHT, tzinfo=site_zone()).astimezone(UTC)


@dataclass(frozen=True)
class Slot:
    """One generated date: naive local start and end."""

    start: datetime
    end: datetime


def _weekday(weekday):
    day = du.weekday(weekday.number)
    return day(weekday.index) if weekday.index else day


def dateutil_rule(rule, dtstart):
    """A django-recurrence `Rule` as a dateutil rrule on a naive local `dtstart`.

    UNTIL is read as a local date and includes that whole day."""
    kwargs = {}
    for param in rule.byparams:
        values = getattr(rule, param, None)
        if not values:
            continue
        if param == "byday":
            kwargs["byweekday"] = [_weekday(d) for d in values]
        else:
            kwargs[param] = list(values)
    until = None
    if rule.count is None and rule.until is not None:
        until_local = to_local(rule.until)
        if until_local.time() == MIDNIGHT:
            until_local = datetime.combine(until_local.date(), time.max)
        until = until_local
    return du.rrule(
        rule.freq,
        dtstart=dtstart,
        interval=rule.interval or 1,
        wkst=rule.wkst,
        count=rule.count,
        until=until,
        cache=False,
        **kwargs,
    )


def series_bounds(start, end, all_day):
    """Naive local start and duration of the first date."""
    first = to_local(start)
    last = to_local(end) if end else first
    if all_day:
        first = datetime.combine(first.date(), MIDNIGHT)
        last = datetime.combine(last.date(), MIDNIGHT) + timedelta(days=1)
    if last < first:
        last = first
    return first, last - first


def expand(start, end, all_day, recurrence, until):
    """Every date of the schedule from its start up to `until` (aware), as `Slot`s.

    The first date always counts (RFC 5545: DTSTART is the first instance), even
    when it does not match the rule."""
    first, duration = series_bounds(start, end, all_day)
    limit = to_local(until)
    starts = {first}
    exdates = set()
    if recurrence is not None:
        for rule in recurrence.rrules:
            starts.update(dateutil_rule(rule, first).between(first, limit, inc=True))
        for rule in recurrence.exrules:
            exdates_rule = dateutil_rule(rule, first).between(first, limit, inc=True)
            starts.difference_update(exdates_rule)
        for rdate in recurrence.rdates:
            local = to_local(rdate)
            if all_day or local.time() == MIDNIGHT:
                local = datetime.combine(local.date(), first.time())
            if local <= limit:
                starts.add(local)
        exdates = {to_local(value).date() for value in recurrence.exdates}
    return [
        Slot(value, value + duration) for value in sorted(starts) if value.date() not in exdates
    ]


def dates_of(recurrence, attribute):
    """The local dates of a recurrence's `rdates` or `exdates`."""
    if recurrence is None:
        return []
    return sorted({to_local(value).date() for value in getattr(recurrence, attribute)})


def combine(day: date, at: time):
    return datetime.combine(day, at)

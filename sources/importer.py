"""Reading an iCal feed into plain values our event pages can take: no database,
no network, so every shape of feed is tested on strings.

`parse(data)` returns a `Feed`: the events by UID (`ImportedValues`) and the
items skipped with a reason. It raises `FeedError` when the data is not an
iCal calendar at all; one broken event is skipped, the others still count.

Mapping (RFC 5545 → our event page, see `events.schedule` and
`events.services.planned_dates` for how our dates are expanded):

- SUMMARY → title; DESCRIPTION → intro; URL → a line below the intro;
  LOCATION → a venue of the same name (the service looks it up), an online link
  when it is an address, otherwise a line below the intro.
- DTSTART/DTEND (or DURATION): with a TZID (a VTIMEZONE in the feed, an IANA
  name, or a Windows name such as "W. Europe Standard Time", which icalendar
  maps to its IANA zone), in UTC, or floating (read as the site's time zone).
  Times are then kept as the site's wall-clock time (Europe/Amsterdam). A
  date without time (VALUE=DATE) is an all-day event; its DTEND is exclusive
  in iCal and inclusive on our page.
- RRULE → our recurrence's rule (expanded on local wall-clock time, so 10:00
  stays 10:00 across DST); RDATE → extra dates; EXDATE → dates left out.
- An instance with RECURRENCE-ID → one of our per-date changes: STATUS:CANCELLED
  cancels that date, another start moves it (day and/or times). An instance
  that changes only its text is left out (our dates share one title).
- STATUS:CANCELLED on the event itself: the event is cancelled here.
- An event or changed date that cannot be read (no title, an invalid start,
  an unreadable rule) is skipped with the reason; its UID is kept in
  `Feed.unreadable`, so the service leaves its page as it was instead of
  taking it for an event removed upstream or a move taken back.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import recurrence as django_recurrence
from django.utils.translation import gettext_noop
from icalendar.timezone import tzp

from events.schedule import MIDNIGHT, site_zone, to_local

MAX_TITLE = 255


class Reason(ValueError):
    """Why an item is skipped or a run failed, for the report: a message id
    (marked with gettext_noop, so it is translated when an editor reads the
    report, in their language; see `sources.templatetags.source_reports`)
    and its values. `reason` is the English text, also kept in the report."""

    def __init__(self, message, **params):
        self.message, self.params = message, params
        self.reason = message % params if params else message
        super().__init__(self.reason)

    def parts(self):
        return {"id": self.message, "params": self.params}


def as_reason(error):
    """Any parser error as a `Reason`; a library's own text goes as its detail."""
    if isinstance(error, Reason):
        return error
    return Reason(gettext_noop("unreadable: %(detail)s"), detail=str(error)[:300])


class FeedError(Reason):
    """The feed cannot be fetched or is no iCal calendar; `reason` says why."""


@dataclass
class DateChange:
    """A RECURRENCE-ID instance as one of our `OccurrenceException`s."""

    date: date
    action: str  # "cancel" or "move"
    new_date: date | None = None
    new_start_time: time | None = None
    new_end_time: time | None = None

    def key(self):
        return [
            self.date.isoformat(),
            self.action,
            self.new_date.isoformat() if self.new_date else None,
            self.new_start_time.isoformat() if self.new_start_time else None,
            self.new_end_time.isoformat() if self.new_end_time else None,
        ]


@dataclass
class ImportedValues:
    """One event of the feed, in our page's terms."""

    uid: str
    title: str
    intro: str
    location: str
    url: str
    start: datetime
    end: datetime
    all_day: bool
    recurrence: object  # django-recurrence `Recurrence` or None
    changes: list = field(default_factory=list)  # DateChange
    cancelled: bool = False
    sequence: int = 0


@dataclass
class Feed:
    events: dict = field(default_factory=dict)  # uid -> ImportedValues
    skipped: list = field(default_factory=list)  # {"uid", "summary", "reason"}
    # UIDs still in the feed of which an event or a changed date could not be
    # read: not removed upstream, so their pages are left as they are.
    unreadable: set = field(default_factory=set)

    def skip(self, component, reason, *, unreadable=True):
        uid = str(component.get("UID", "")).strip()
        if uid and unreadable:
            self.unreadable.add(uid)
        reason = as_reason(reason)
        self.skipped.append(
            {
                "uid": str(component.get("UID", "")),
                "summary": str(component.get("SUMMARY", ""))[:120],
                "reason": reason.reason,
                "reason_parts": reason.parts(),
            }
        )


def fingerprint(value):
    """A short, stable hash of a field's value (how `ImportedEvent` remembers
    what was imported without keeping a copy of it)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:32]


def parse(data):
    """The events of an iCal feed (`bytes` or `str`)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            data = data.decode("latin-1")
    data = data.lstrip("\ufeff")
    if not data.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise FeedError(gettext_noop("not an iCal calendar (no BEGIN:VCALENDAR)"))
    # The iCal library keeps the zones a feed defines by name for the whole
    # process; names such as Outlook's "Customized Time Zone" mean different
    # offsets in different feeds, so each feed starts without them.
    tzp.use(tzp.name)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # noqa: BLE001 - any parser failure is a broken feed
        raise FeedError(
            gettext_noop("unreadable iCal data: %(detail)s"), detail=str(error)[:300]
        ) from error
    if isinstance(calendar, list):
        calendar = calendar[0]
    feed = Feed()
    masters, instances = {}, []
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()
        if not uid:
            feed.skip(component, Reason(gettext_noop("no UID")))
            continue
        if component.get("RECURRENCE-ID") is not None:
            instances.append(component)
            continue
        if uid in masters:
            feed.skip(component, Reason(gettext_noop("the same UID twice")), unreadable=False)
            continue
        masters[uid] = component
    for uid, component in masters.items():
        try:
            values = _event(component)
        except ValueError as error:
            feed.skip(component, error)
            continue
        feed.events[uid] = values
    for component in instances:
        uid = str(component.get("UID")).strip()
        values = feed.events.get(uid)
        if values is None:
            feed.skip(
                component,
                Reason(gettext_noop("a changed date of an event that is not in the feed")),
            )
            continue
        try:
            change = _date_change(component, values)
        except ValueError as error:
            feed.skip(component, error)
            continue
        if change is not None:
            values.changes = [c for c in values.changes if c.date != change.date]
            values.changes.append(change)
    for values in feed.events.values():
        values.changes.sort(key=lambda c: c.date)
    return feed


def _text(component, name):
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _moment(component, name):
    """A property's value as (aware datetime in the site's zone, all-day)."""
    prop = component.get(name)
    if prop is None:
        return None, False
    try:
        value = prop.dt
    except (AttributeError, ValueError) as error:
        raise Reason(gettext_noop("unreadable %(property)s"), property=name) from error
    return _aware(value), not isinstance(value, datetime)


def _aware(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating: the site's wall-clock time
            return value.replace(tzinfo=site_zone())
        return value.astimezone(site_zone())
    if isinstance(value, date):
        return datetime.combine(value, MIDNIGHT, tzinfo=site_zone())
    raise Reason(gettext_noop("not a date"))


def _event(component):
    title = _text(component, "SUMMARY")[:MAX_TITLE]
    if not title:
        raise Reason(gettext_noop("no title (SUMMARY)"))
    try:
        start, all_day = _moment(component, "DTSTART")
        end, _end_all_day = _moment(component, "DTEND")
    except (ValueError, TypeError) as error:
        raise as_reason(error) from error
    if start is None:
        raise Reason(gettext_noop("no start (DTSTART)"))
    if end is None:
        duration = component.get("DURATION")
        if duration is not None and isinstance(duration.dt, timedelta):
            end = start + duration.dt
        else:
            end = start + (timedelta(days=1) if all_day else timedelta(0))
    if all_day:
        # iCal's DTEND of an all-day event is the day after; ours is the last day.
        last = max(to_local(end).date() - timedelta(days=1), to_local(start).date())
        end = datetime.combine(last, MIDNIGHT, tzinfo=site_zone())
    if end < start:
        raise Reason(gettext_noop("the end lies before the start"))
    try:
        rule = _recurrence(component, start, all_day)
    except ValueError as error:
        raise Reason(
            gettext_noop("unreadable repeat rule: %(detail)s"), detail=str(error)[:300]
        ) from error
    sequence = component.get("SEQUENCE")
    try:
        sequence = int(sequence) if sequence is not None else 0
    except (TypeError, ValueError):
        sequence = 0
    return ImportedValues(
        uid=str(component.get("UID")).strip(),
        title=title,
        intro=_text(component, "DESCRIPTION"),
        location=_text(component, "LOCATION"),
        url=_text(component, "URL"),
        start=start,
        end=end,
        all_day=all_day,
        recurrence=rule,
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
        sequence=sequence,
    )


def _dates(component, name):
    props = component.get(name)
    if props is None:
        return []
    if not isinstance(props, list):
        props = [props]
    values = []
    for prop in props:
        for item in getattr(prop, "dts", []):
            values.append(item.dt)
    return values


def _recurrence(component, start, all_day):
    lines = []
    rules = component.get("RRULE")
    if rules is not None:
        for rule in rules if isinstance(rules, list) else [rules]:
            lines.append("RRULE:" + _rule_text(rule))
    for value in _dates(component, "RDATE"):
        if isinstance(value, tuple):  # a PERIOD: its start
            value = value[0]
        lines.append("RDATE:" + _utc(value, all_day))
    for value in _dates(component, "EXDATE"):
        lines.append("EXDATE:" + _utc(value, all_day))
    if not lines:
        return None
    try:
        return django_recurrence.deserialize("\n".join(lines))
    except Exception as error:  # noqa: BLE001 - a rule django-recurrence cannot read
        raise ValueError(str(error)) from error


def _rule_text(rule):
    """An RRULE as django-recurrence reads it: UNTIL in UTC."""
    rule = rule.copy() if hasattr(rule, "copy") else rule
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if isinstance(value, datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=site_zone())
            rule["UNTIL"] = [value.astimezone(UTC)]
        else:  # a date: through the end of that local day
            rule["UNTIL"] = [
                datetime.combine(value, time(23, 59, 59), tzinfo=site_zone()).astimezone(UTC)
            ]
    text = rule.to_ical()
    return text.decode() if isinstance(text, bytes) else text


def _utc(value, all_day):
    aware = _aware(value)
    if all_day or not isinstance(value, datetime):
        aware = datetime.combine(to_local(aware).date(), MIDNIGHT, tzinfo=site_zone())
    return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _date_change(component, values):
    """A RECURRENCE-ID instance as a `DateChange`, or None when it changes no date."""
    original, _all_day = _moment(component, "RECURRENCE-ID")
    day = to_local(original).date()
    if _text(component, "STATUS").upper() == "CANCELLED":
        return DateChange(date=day, action="cancel")
    start, _ = _moment(component, "DTSTART")
    end, _ = _moment(component, "DTEND")
    if start is None:
        raise Reason(gettext_noop("a changed date without a start"))
    if end is None:
        end = start + (values.end - values.start)
    if start == original and (end - start) == (values.end - values.start):
        return None
    new_start, new_end = to_local(start), to_local(end)
    if values.all_day:
        return DateChange(
            date=day,
            action="move",
            new_date=new_start.date() if new_start.date() != day else None,
        )
    return DateChange(
        date=day,
        action="move",
        new_date=new_start.date() if new_start.date() != day else None,
        new_start_time=new_start.time(),
        new_end_time=new_end.time(),
    )

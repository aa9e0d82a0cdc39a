"""The festival programme as files for calendars, partners and conference apps.

Each file is an exporter (see `events.exporters`): `ProgrammeICal`,
`MyProgrammeICal`, `ScheduleXML` and `ScheduleJSON`. They share
`ProgrammeExporter`, which reads the programme once with `load_sessions` (a
fixed number of queries, whatever the size of the programme), in the language
of the festival page it is asked from: `/de/…/json/` has the German titles. The
routes have no file extensions (Wagtail's page paths are words and slashes);
the responses name the files after the festival's slug (`festival.ics`,
`festival-schedule.json`, `festival.xml`, `festival-mijn-programma.ics`).

- `ical/` — the whole programme as a subscribable iCal feed: one
  VEVENT per date of each session, in Europe/Amsterdam with its VTIMEZONE, the
  room and venue as LOCATION, track and format as CATEGORIES and cancelled
  dates as STATUS:CANCELLED. Written by the site's one calendar builder,
  `events.ical.CalendarFile`.
- `my-programme/ical/?sessions=<id>,<id>,…` — only the chosen dates (occurrence
  ids, as the "my programme" page and the schedules' event `id` give them) of this
  festival, as a download. Ids of other festivals, unknown ids and anything
  that is not a number are ignored; at most `programme.MAX_SELECTED` are read.
- `schedule/` and `json/` — the schedule XML and the schedule.json that frab,
  pretalx and the conference apps read (Giggity, EventFahrplan, ConfClerk, the
  c3voc tools), made from one `ScheduleExporter.schedule`; see `ScheduleXML`
  and `ScheduleJSON` for the formats.

UIDs are the same in every language: a session with a single date has the UID
of its event (the one its own .ics and the calendar feed use, so a calendar
that already has it updates instead of duplicating it); a session with several
dates has one UID per date, built from the event and the date's original start.
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Locale

from events import ical
from events.exporters import ICALENDAR, Exporter, events_last_change
from events.schedule import site_zone, to_aware
from festival import programme
from festival.models import FestivalPage, FestivalTrack
from festival.sessions import load_sessions

GENERATOR = "Samen Verder"


# -- Shared ------------------------------------------------------------------------


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def _aware(value):
    """A session time (naive wall-clock time in the site's zone) with its offset."""
    return to_aware(value) if value.tzinfo is None else value.astimezone(site_zone())


def _minutes(session):
    return max(int((session.end - session.start).total_seconds() // 60), 0)


def _online_url(session):
    """The session's online link, unless only registrants may have it."""
    return "" if session.online_link_hidden else session.source.online_url


def _uids(sessions, host):
    """{occurrence id: UID}: the event's UID when it has a single date, else
    one per date (see the module's docstring)."""
    dates = Counter(s.occurrence.event_key for s in sessions)
    return {
        s.occurrence.pk: ical.uid_for(
            s.occurrence.event_key if dates[s.occurrence.event_key] == 1 else s.uid, host
        )
        for s in sessions
    }


# -- iCal --------------------------------------------------------------------------


def _ical_times(session):
    if session.occurrence.all_day:
        first = session.start.date()
        last = session.end.date() if session.end.time() == datetime.min.time() else None
        last = last or session.end.date() + timedelta(days=1)
        return first, max(last, first + timedelta(days=1))
    return _aware(session.start), _aware(session.end)


def _location(session):
    place = ", ".join(
        p for p in (session.room.name if session.room else "", ical.location(session.venue)) if p
    )
    return place or _online_url(session) or (_("Online") if session.is_online else "")


def _description(session):
    parts = []
    if session.row.note:
        parts.append(session.row.note)
    if session.page.intro:
        parts.append(session.page.intro)
    if session.speakers:
        parts.append(", ".join(person.name for person in session.speakers))
    online = _online_url(session)
    if online:
        parts.append(online)
    return "\n\n".join(parts)


def session_vevent(session, *, uid, url, sequence):
    """One date of one session: the properties of its VEVENT (see `ical.vevent`)."""
    start, end = _ical_times(session)
    categories = [
        c for c in (session.track.name if session.track else "", session.format_label) if c
    ]
    return {
        "uid": uid,
        "sequence": sequence,
        "summary": session.title,
        "start": start,
        "end": end,
        "url": url,
        "location": _location(session),
        "geo": ical.geo(session.venue),
        "categories": categories,
        "description": _description(session),
        "last_modified": session.source.last_published_at,
        "status": ical.CANCELLED if session.is_cancelled else ical.CONFIRMED,
    }


def _filename(*parts):
    return "-".join(slugify(p) for p in parts if slugify(p)) or "programme"


class ProgrammeExporter(Exporter):
    """What the programme's files share: the sessions, read once, and their UIDs."""

    include_cancelled = True

    def get_file_stem(self):
        return _filename(self.page.slug)

    @cached_property
    def sessions(self):
        return load_sessions(
            self.page,
            self.request,
            locale=self.locale,
            now=self.now,
            include_cancelled=self.include_cancelled,
        )

    @cached_property
    def uids(self):
        return _uids(self.sessions, self.host)


class ProgrammeICal(ProgrammeExporter):
    """The whole programme as an iCal feed (cancelled dates included, marked).

    Every date is a VEVENT of its own, so a cancelled one follows the rule of
    `events.ical` for a single event: it stays, with STATUS:CANCELLED (and the
    UID its own .ics gives it), so calendars that had it take it out; there is
    no series to exclude it from."""

    identifier = "programme-ical"
    content_type = ICALENDAR
    extension = "ics"
    feed = True

    def calendar_name(self):
        return self.page.title

    def chosen(self):
        return self.sessions

    def last_change(self):
        return events_last_change(self.page)

    def get_data(self):
        sessions = self.chosen()
        sequences = ical.sequences({s.occurrence.event_key for s in sessions})
        calendar = ical.CalendarFile(
            self.calendar_name(),
            description=self.page.intro or None,
            feed=self.feed,
            now=self.stamp,
        )
        for session in sessions:
            calendar.add(
                **session_vevent(
                    session,
                    uid=self.uids[session.occurrence.pk],
                    url=self.absolute(session.url),
                    sequence=sequences.get(session.occurrence.event_key, 0),
                )
            )
        return calendar.to_ical()


class MyProgrammeICal(ProgrammeICal):
    """The visitor's chosen dates of this festival as one .ics download.

    Unknown ids, other festivals' dates and garbage are ignored: the worst a
    visitor gets is a calendar without events."""

    identifier = "my-programme-ical"
    disposition = "attachment"
    public = False
    feed = False

    def calendar_name(self):
        return f"{self.page.title}: {_('My programme')}"

    def get_file_stem(self):
        return _filename(self.page.slug, pgettext("file name", "my-programme"))

    def chosen(self):
        ids = programme.parse_ids(self.request.GET.get("sessions"))
        return programme.selected(self.sessions, ids)


# -- The schedule for conference apps: frab XML and schedule.json ----------------------

ACRONYM_CHARS = re.compile(r"[^a-z0-9_]")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
SCHEDULE_SLUG = re.compile(r"[a-z0-9_-]*[a-z0-9]")
SCHEDULE_JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"


def _acronym(page):
    """The schedule's short name, the same in every language: from the source
    festival page's slug. Letters, digits and underscores, at least four: what
    both the XSD ([a-z0-9_-]{4,}) and the JSON schema (no hyphen after the first
    character) accept."""
    source = (
        FestivalPage.objects.filter(
            translation_key=page.translation_key, locale=Locale.get_default()
        )
        .values_list("slug", flat=True)
        .first()
    )
    acronym = ACRONYM_CHARS.sub("", (source or page.slug).lower().replace("-", "_"))[:60]
    return acronym if len(acronym) >= 4 else f"festival_{acronym}".rstrip("_")


def _hhmm(minutes):
    minutes = min(max(minutes, 0), 99 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _room_key(session, fallback):
    """(sort key, room name, guid, slug) of the column a session is listed under."""
    if session.room is not None:
        return (
            (0, session.room.sort_order or 0),
            session.room.name,
            str(session.room.translation_key),
            session.room.slug,
        )
    if session.is_online and not session.is_onsite:
        name = _("Online")
    else:
        name = session.venue.name if session.venue else fallback
    return (1, name), name, str(uuid.uuid5(uuid.NAMESPACE_URL, f"room:{name}")), ""


def _schedule_slug(value):
    return value if SCHEDULE_SLUG.fullmatch(value or "") else ""


class ScheduleExporter(ProgrammeExporter):
    """What the frab XML and schedule.json share: the conference, its days and
    its rooms, worked out once in `schedule`, so both files say the same.

    The conference runs from the festival's first to its last day (widened to
    any session outside them); `days` lists every day in between, each with
    `index` = days since the start + 1, so start, end, day count and indexes
    agree for a one-day festival and a year-long edition alike. A day without
    sessions runs from midnight to midnight and has no rooms.

    Cancelled dates are left out, as frab and pretalx leave out what is not
    scheduled: conference apps have no way to show them as cancelled."""

    cors = True
    include_cancelled = False

    @cached_property
    def schedule(self):
        request, page, sessions = self.request, self.page, self.sessions
        base = page.get_url(request) or ""
        acronym = _acronym(page)
        session_days = {s.day for s in sessions}
        first = min(session_days | {page.start_date})
        last = max(session_days | {page.last_day})
        dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        slot = min(
            (
                programme.slot_minutes([s for s in sessions if s.day == day], day)
                for day in sorted(session_days)
            ),
            default=15,
        )
        published = [
            d
            for d in [page.last_published_at, *(s.source.last_published_at for s in sessions)]
            if d
        ]
        fallback = page.venue.name if page.venue_id else page.title
        rooms, days = {}, []
        for index, day in enumerate(dates, start=1):
            todays = [s for s in sessions if s.day == day]
            if todays:
                start = min(_aware(s.start) for s in todays)
                end = max(_aware(s.end) for s in todays)
            else:
                start = to_aware(datetime.combine(day, datetime.min.time()))
                end = to_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
            columns = {}
            for session in todays:
                key, name, guid, slug = _room_key(session, fallback)
                columns.setdefault((key, name, guid), []).append(session)
                rooms.setdefault((key, name, guid), (session.room, slug))
            days.append(
                {
                    "index": index,
                    "date": day,
                    "start": start,
                    "end": end,
                    "rooms": [
                        (name, guid, [self.event(s, name, acronym) for s in column])
                        for (_key, name, guid), column in sorted(
                            columns.items(), key=lambda item: item[0][0]
                        )
                    ],
                }
            )
        return {
            "acronym": acronym,
            "title": page.title,
            "start": first,
            "end": last,
            "timeslot_duration": _hhmm(slot),
            "url": _absolute(request, base),
            "schedule_url": _absolute(request, base + page.reverse_subpage(self.route)),
            "version": (
                max(published).astimezone(site_zone()).strftime("%Y-%m-%d %H:%M")
                if published
                else "1"
            ),
            "tracks": [
                {
                    "name": track.name,
                    "slug": _schedule_slug(track.slug),
                    "color": track.colour if HEX_COLOUR.fullmatch(track.colour or "") else "",
                }
                for track in FestivalTrack.objects.filter(page=page)
            ],
            "rooms": [
                {
                    "name": name,
                    "guid": guid,
                    "slug": _schedule_slug(slug),
                    "capacity": room.capacity if room else None,
                }
                for (_key, name, guid), (room, slug) in sorted(
                    rooms.items(), key=lambda item: item[0][0]
                )
            ],
            "days": days,
        }

    def event(self, session, room_name, acronym):
        """One scheduled date of a session, as both files describe it."""
        occurrence = session.occurrence
        url = _absolute(self.request, session.url)
        links = []
        online = _online_url(session)
        if online:
            links.append({"title": _("Online"), "url": online})
        if session.places is not None and session.places.accepts and url:
            links.append(
                {"title": _("Register"), "url": url + session.page.reverse_subpage("register")}
            )
        title_slug = slugify(session.title)[:60].strip("-") or "session"
        return {
            "guid": str(
                uuid.uuid5(
                    occurrence.event_key, occurrence.original_start.astimezone(UTC).isoformat()
                )
            ),
            "id": occurrence.pk,
            "date": _aware(session.start),
            "end": _aware(session.end),
            "start": session.start.strftime("%H:%M"),
            "duration": _hhmm(_minutes(session)),
            "room": room_name,
            "slug": f"{acronym}-{occurrence.pk}-{title_slug}",
            "url": url,
            "title": session.title,
            "track": session.track.name if session.track else "",
            "type": str(session.format_label or ""),
            "language": session.language_codes[0] if session.language_codes else "",
            "abstract": session.page.intro,
            "description": session.row.note,
            "persons": [
                {"name": person.name, "guid": str(person.translation_key)}
                for person in session.speakers
            ],
            "links": links,
        }


def _text(parent, tag, value="", **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items() if v})
    if value:
        element.text = str(value)
    return element


class ScheduleXML(ScheduleExporter):
    """The programme in the schedule XML format of frab and the c3voc tools.

    Follows the XSD the c3voc team publishes (https://c3voc.de/schedule/schema.xsd,
    also https://github.com/voc/schedule/blob/master/validator/xsd/schedule.xml.xsd)
    and what frab (app/views/public/schedule/index.xml.haml) and Giggity's
    parser read:

    - `<schedule>`: `<generator/>`, `<url>`, `<version>`, `<conference>`, one
      `<day>` per day of the festival (see `ScheduleExporter`).
    - `<conference>`: `acronym`, `title`, `start`/`end` (dates), `days`,
      `timeslot_duration` (HH:MM), `time_zone_name`, `url`, and one
      `<track name=… slug=… color=#rrggbb/>` per track.
    - `<day index date start end>`: start/end with offset; in it one
      `<room name guid>` per room that has sessions that day.
    - `<event guid id>`: guid a UUID (the same in every language and on every
      export), id a positive integer (the occurrence id, as "my programme"
      uses it); `date` (ISO 8601 with offset), `start` (HH:MM), `duration`
      (HH:MM), `room`, `slug` (<acronym>-<id>-<title>), `url`, `title`,
      `subtitle`, `track`, `type` (the format), `language` (one ISO 639 code:
      the first language spoken), `abstract`, `persons`, `links`.
    """

    identifier = "schedule-xml"
    content_type = "application/xml; charset=utf-8"
    extension = "xml"
    route = "frab"

    def get_data(self):
        schedule = self.schedule
        root = ET.Element("schedule")
        _text(root, "generator", name=GENERATOR)
        _text(root, "url", schedule["schedule_url"])
        _text(root, "version", schedule["version"])
        conference = _text(root, "conference")
        _text(conference, "acronym", schedule["acronym"])
        _text(conference, "title", schedule["title"])
        _text(conference, "start", schedule["start"].isoformat())
        _text(conference, "end", schedule["end"].isoformat())
        _text(conference, "days", len(schedule["days"]))
        _text(conference, "timeslot_duration", schedule["timeslot_duration"])
        _text(conference, "time_zone_name", str(site_zone()))
        _text(conference, "url", schedule["url"])
        for track in schedule["tracks"]:
            _text(conference, "track", name=track["name"], slug=track["slug"], color=track["color"])
        for day in schedule["days"]:
            element = _text(
                root,
                "day",
                index=day["index"],
                date=day["date"].isoformat(),
                start=day["start"].isoformat(),
                end=day["end"].isoformat(),
            )
            for name, guid, events in day["rooms"]:
                room = _text(element, "room", name=name, guid=guid)
                for event in events:
                    _frab_event(room, event)
        ET.indent(root)
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _frab_event(room, data):
    event = _text(room, "event", guid=data["guid"], id=data["id"])
    _text(event, "date", data["date"].isoformat())
    for tag in ("start", "duration", "room", "slug", "url", "title", "subtitle", "track", "type"):
        _text(event, tag, data.get(tag, ""))
    if data["language"]:
        _text(event, "language", data["language"])
    _text(event, "abstract", data["abstract"])
    _text(event, "description", data["description"])
    persons = _text(event, "persons")
    for person in data["persons"]:
        _text(persons, "person", person["name"], guid=person["guid"])
    links = _text(event, "links")
    for link in data["links"]:
        _text(links, "link", link["title"], href=link["url"])


class ScheduleJSON(ScheduleExporter):
    """The programme as the schedule.json of the c3voc tools and the conference
    apps that read it (EventFahrplan, Giggity, the voc/schedule scripts): the
    same conference, days, rooms and events as the XML, in the shape of the
    JSON schema the c3voc team publishes (https://c3voc.de/schedule/schema.json,
    in https://github.com/voc/schedule under validator/json/schema.json).

    The festival's former JSON of our own had no reader in or outside the site;
    its address (`json/`) now answers with this file."""

    identifier = "schedule-json"
    content_type = "application/json; charset=utf-8"
    extension = "json"
    route = "json"

    def get_file_stem(self):
        return _filename(self.page.slug, "schedule")

    def get_data(self):
        return json.dumps(self.schedule_data(), ensure_ascii=False, indent=1)

    def schedule_data(self):
        schedule = self.schedule
        conference = {
            "acronym": schedule["acronym"],
            "title": schedule["title"],
            "start": schedule["start"].isoformat(),
            "end": schedule["end"].isoformat(),
            "daysCount": len(schedule["days"]),
            "timeslot_duration": schedule["timeslot_duration"],
            "time_zone_name": str(site_zone()),
            "url": schedule["url"],
            "tracks": [
                {key: value for key, value in track.items() if value}
                for track in schedule["tracks"]
            ],
            "rooms": [
                {key: value for key, value in room.items() if value is not None and value != ""}
                for room in schedule["rooms"]
            ],
            "days": [
                {
                    "index": day["index"],
                    "date": day["date"].isoformat(),
                    "day_start": day["start"].isoformat(),
                    "day_end": day["end"].isoformat(),
                    "rooms": {
                        name: [_json_event(e) for e in events] for name, _g, events in day["rooms"]
                    },
                }
                for day in schedule["days"]
            ],
        }
        return {
            "$schema": SCHEDULE_JSON_SCHEMA,
            "generator": {"name": GENERATOR},
            "schedule": {
                "version": schedule["version"],
                "url": schedule["schedule_url"],
                "conference": conference,
            },
        }


def _json_event(data):
    return {
        **data,
        "date": data["date"].isoformat(),
        "end": data["end"].isoformat(),
        "subtitle": "",
        "track": data["track"] or None,
        "language": data["language"] or None,
        "abstract": data["abstract"] or "",
        "description": data["description"] or None,
        "links": [{"type": "web", **link} for link in data["links"]],
    }

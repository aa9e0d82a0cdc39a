"""The festival programme as files for calendars, partners and conference apps.

Each file is an exporter (see `events.exporters`): `ProgrammeICal`,
`MyProgrammeICal`, `ProgrammeJSON` and `ScheduleXML`. They share
`ProgrammeExporter`, which reads the programme once with `load_sessions` (a
fixed number of queries, whatever the size of the programme), in the language
of the festival page it is asked from: `/de/…/json/` has the German titles. The
routes have no file extensions (Wagtail's page paths are words and slashes);
the responses name the files after the festival's slug (`festival.ics`,
`festival.json`, `festival.xml`, `festival-mijn-programma.ics`).

- `ical/` — the whole programme as a subscribable iCal feed: one
  VEVENT per date of each session, in Europe/Amsterdam with its VTIMEZONE, the
  room and venue as LOCATION, track and format as CATEGORIES and cancelled
  dates as STATUS:CANCELLED. Written by the site's one calendar builder,
  `events.ical.CalendarFile`.
- `my-programme/ical/?sessions=<id>,<id>,…` — only the chosen dates (occurrence
  ids, as the "my programme" page and the JSON's `id` give them) of this
  festival, as a download. Ids of other festivals, unknown ids and anything
  that is not a number are ignored; at most `programme.MAX_SELECTED` are read.
- `json/` — see `ProgrammeJSON.programme_data` for the shape.
- `schedule/` — the schedule XML that frab, pretalx and the conference apps
  read (Giggity, EventFahrplan, ConfClerk, the c3voc tools); see
  `ScheduleXML` for the rules of the format we follow.

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
from festival.links import festival_urls, partner_url
from festival.models import FestivalPage, FestivalRoom, FestivalTrack
from festival.sessions import load_sessions
from home.i18n import localized_list
from home.models import Organisation

JSON_SCHEMA_VERSION = 1
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
    """The whole programme as an iCal feed (cancelled dates included, marked)."""

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


# -- JSON --------------------------------------------------------------------------


def _festival_links(request, page):
    urls = festival_urls(page, request)
    return {name: _absolute(request, urls[name]) for name in ("overview", "ical", "json", "frab")}


def _speaker_organisations(sessions, locale):
    """{organisation id: the organisation in the active language} for every
    speaker's organisation: two queries."""
    ids = {p.organisation_id for s in sessions for p in s.speakers if p.organisation_id}
    if not ids:
        return {}
    sources = list(Organisation.objects.filter(pk__in=ids))
    localised = localized_list(Organisation, sources, locale)
    return {source.pk: shown for source, shown in zip(sources, localised, strict=True)}


def _iso(value):
    return _aware(value).isoformat() if value is not None else None


def _venue_data(venue):
    if venue is None:
        return None
    return {
        "name": venue.name,
        "address": ical.location(venue),
        "city": venue.city,
        "country": venue.country,
    }


def _session_data(request, session, uids, organisations):
    url = _absolute(request, session.url)
    registration = None
    if session.places is not None:
        registration = {
            "status": session.places.code,
            "places_left": session.places.places_left,
            "capacity": session.places.capacity,
            "url": url + session.page.reverse_subpage("register") if url else "",
        }
    online = _online_url(session)
    return {
        "id": session.occurrence.pk,
        "uid": uids[session.occurrence.pk],
        "title": session.title,
        "intro": session.page.intro,
        "url": url,
        "start": _iso(session.start),
        "end": _iso(session.end),
        "duration_minutes": _minutes(session),
        "all_day": session.occurrence.all_day,
        "status": session.occurrence.status,
        "note": session.row.note,
        "room": {"slug": session.room.slug, "name": session.room.name} if session.room else None,
        "track": (
            {"slug": session.track.slug, "name": session.track.name} if session.track else None
        ),
        "format": (
            {"code": session.session_format, "label": str(session.format_label)}
            if session.session_format
            else None
        ),
        "languages": [{"code": code, "name": str(name)} for code, name in session.languages],
        "speakers": [
            {
                "name": person.name,
                "role": person.role,
                "organisation": (
                    organisations[person.organisation_id].name
                    if person.organisation_id in organisations
                    else None
                ),
            }
            for person in session.speakers
        ],
        "organisers": [{"name": o.name, "slug": o.slug} for o in session.organisers],
        "themes": [{"name": t.name, "slug": t.slug} for t in session.themes],
        "onsite": session.is_onsite,
        "online": session.is_online,
        "online_url": online or None,
        "venue": _venue_data(session.venue),
        "registration": registration,
    }


class ProgrammeJSON(ProgrammeExporter):
    """The programme as JSON; partners' sites may read it from the browser."""

    identifier = "programme-json"
    content_type = "application/json; charset=utf-8"
    extension = "json"
    cors = True

    def get_data(self):
        return json.dumps(self.programme_data(), ensure_ascii=False, indent=1)

    def programme_data(self):
        """The programme as JSON-ready data, in the festival page's language.

        Shape (version 1; fields are only ever added)::

            {
              "version": 1,
              "generated": "2022-04-01T12:00:00+02:00",
              "festival": {
                "id": "<uuid, the same in every language>",
                "title", "edition", "url", "language": "nl" | "de" | "en",
                "start_date": "2022-04-09", "end_date": "2022-04-09",
                "time_zone": "Europe/Amsterdam", "online": bool,
                "venue": {"name", "address", "city", "country"} | null,
                "partners": [{"name", "slug", "website", "url"}],
                "rooms": [{"slug", "name", "capacity", "accessibility"}],
                "tracks": [{"slug", "name", "colour"}],
                "links": {"overview", "ical", "json", "frab"}
              },
              "sessions": [{
                "id": <occurrence id, for my-programme/ical/?sessions=>,
                "uid": "<the iCal UID>",
                "title", "intro", "url",
                "start": "2022-04-09T10:00:00+02:00", "end": "…",
                "duration_minutes": 60, "all_day": bool,
                "status": "scheduled" | "moved" | "cancelled", "note": "…",
                "room": {"slug", "name"} | null, "track": {"slug", "name"} | null,
                "format": {"code", "label"} | null,
                "languages": [{"code": "nl", "name": "Dutch"}],
                "speakers": [{"name", "role", "organisation"}],
                "organisers": [{"name", "slug"}], "themes": [{"name", "slug"}],
                "onsite": bool, "online": bool,
                "online_url": "…" | null (null while only registrants get it),
                "venue": {"name", "address", "city", "country"} | null,
                "registration": null | {"status": "open" | "waiting" | "full" |
                  "closed" | "not_open" | "cancelled", "places_left": int | null,
                  "capacity": int | null, "url": "…/register/"}
              }]
            }
        """
        request, page, locale, now = self.request, self.page, self.locale, self.now
        sessions, uids = self.sessions, self.uids
        organisations = _speaker_organisations(sessions, locale)
        partners = localized_list(
            Organisation,
            [link.organisation for link in page.partner_links.select_related("organisation")],
            locale,
        )
        base = page.get_url(request) or ""
        venue = localized_list(type(page.venue), [page.venue], locale)[0] if page.venue_id else None
        festival = {
            "id": str(page.translation_key),
            "title": page.title,
            "edition": page.edition,
            "url": _absolute(request, base),
            "language": locale.language_code,
            "start_date": page.start_date.isoformat(),
            "end_date": page.last_day.isoformat(),
            "time_zone": str(site_zone()),
            "online": page.is_online,
            "venue": _venue_data(venue),
            "partners": [
                {
                    "name": o.name,
                    "slug": o.slug,
                    "website": o.website or None,
                    "url": _absolute(request, partner_url(page, base, o.slug)),
                }
                for o in partners
            ],
            "rooms": [
                {
                    "slug": room.slug,
                    "name": room.name,
                    "capacity": room.capacity,
                    "accessibility": room.accessibility,
                }
                for room in FestivalRoom.objects.filter(page=page)
            ],
            "tracks": [
                {"slug": track.slug, "name": track.name, "colour": track.colour or None}
                for track in FestivalTrack.objects.filter(page=page)
            ],
            "links": _festival_links(request, page),
        }
        return {
            "version": JSON_SCHEMA_VERSION,
            "generated": now.astimezone(site_zone()).isoformat(timespec="seconds"),
            "festival": festival,
            "sessions": [_session_data(request, s, uids, organisations) for s in sessions],
        }


# -- frab schedule XML --------------------------------------------------------------

ACRONYM_CHARS = re.compile(r"[^a-z0-9_-]")


def _acronym(page):
    """The schedule's short name ([a-z0-9_-]{4,}), the same in every language:
    from the source festival page's slug."""
    source = (
        FestivalPage.objects.filter(
            translation_key=page.translation_key, locale=Locale.get_default()
        )
        .values_list("slug", flat=True)
        .first()
    )
    acronym = ACRONYM_CHARS.sub("", (source or page.slug).lower())[:60]
    return acronym if len(acronym) >= 4 else f"festival-{acronym}".rstrip("-")


def _hhmm(minutes):
    minutes = min(max(minutes, 0), 99 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent, tag, value="", **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items() if v})
    if value:
        element.text = str(value)
    return element


def _room_key(session, fallback):
    """(sort key, room name, guid) of the column a session is listed under."""
    if session.room is not None:
        return (
            (0, session.room.sort_order or 0),
            session.room.name,
            str(session.room.translation_key),
        )
    if session.is_online and not session.is_onsite:
        name = _("Online")
    else:
        name = session.venue.name if session.venue else fallback
    return (1, name), name, str(uuid.uuid5(uuid.NAMESPACE_URL, f"room:{name}"))


class ScheduleXML(ProgrammeExporter):
    """The programme in the schedule XML format of frab and the c3voc tools.

    Follows the XSD the c3voc team publishes (https://c3voc.de/schedule/schema.xsd,
    also https://github.com/voc/schedule/blob/master/validator/xsd/schedule.xml.xsd)
    and what frab (app/views/public/schedule/index.xml.haml) and Giggity's
    parser read:

    - `<schedule>`: `<generator/>`, `<url>`, `<version>`, `<conference>`, one
      `<day>` or more.
    - `<conference>`: `acronym` ([a-z0-9_-]{4,}), `title`, `start`/`end`
      (dates), `days`, `timeslot_duration` (HH:MM), `time_zone_name`, `url`,
      and one `<track name=… slug=… color=#rrggbb/>` per track.
    - `<day index date start end>`: index from 1, start/end with offset; in it
      one `<room name guid>` per room that has sessions that day.
    - `<event guid id>`: guid a UUID (the same in every language and on every
      export), id a positive integer (the occurrence id, as in the JSON);
      `date` (ISO 8601 with offset), `start` (HH:MM), `duration` (HH:MM),
      `room`, `slug` (<acronym>-<id>-<title>), `url`, `title`, `subtitle`,
      `track`, `type` (the format), `language` (one ISO 639 code: the first
      language spoken), `abstract`, `persons`, `links`.

    Cancelled dates are left out, as frab and pretalx leave out what is not
    scheduled: apps have no way to show them as cancelled.
    """

    identifier = "schedule-xml"
    content_type = "application/xml; charset=utf-8"
    extension = "xml"
    cors = True
    include_cancelled = False

    def get_data(self):
        request, page, sessions = self.request, self.page, self.sessions
        base = page.get_url(request) or ""
        acronym = _acronym(page)
        slug_prefix = acronym.replace("-", "_")
        days = sorted({s.day for s in sessions}) or [page.start_date]
        slot = min(
            (programme.slot_minutes([s for s in sessions if s.day == day], day) for day in days),
            default=15,
        )

        root = ET.Element("schedule")
        _text(root, "generator", name=GENERATOR)
        _text(root, "url", _absolute(request, base + page.reverse_subpage("frab")))
        published = [
            d
            for d in [page.last_published_at, *(s.source.last_published_at for s in sessions)]
            if d
        ]
        _text(
            root,
            "version",
            max(published).astimezone(site_zone()).strftime("%Y-%m-%d %H:%M") if published else "1",
        )
        conference = _text(root, "conference")
        _text(conference, "acronym", acronym)
        _text(conference, "title", page.title)
        _text(conference, "start", page.start_date.isoformat())
        _text(conference, "end", page.last_day.isoformat())
        _text(conference, "days", len(days))
        _text(conference, "timeslot_duration", _hhmm(slot))
        _text(conference, "time_zone_name", str(site_zone()))
        _text(conference, "url", _absolute(request, base))
        for track in FestivalTrack.objects.filter(page=page):
            colour = track.colour if re.fullmatch(r"#[0-9a-fA-F]{6}", track.colour or "") else ""
            slug = track.slug if re.fullmatch(r"[a-z][a-z0-9-]+", track.slug or "") else ""
            _text(conference, "track", name=track.name, slug=slug, color=colour)

        fallback = page.venue.name if page.venue_id else page.title
        for index, day in enumerate(days, start=1):
            todays = [s for s in sessions if s.day == day]
            if todays:
                start = min(_aware(s.start) for s in todays)
                end = max(_aware(s.end) for s in todays)
            else:
                start = to_aware(datetime.combine(day, datetime.min.time()))
                end = start + timedelta(days=1)
            element = _text(
                root,
                "day",
                index=index,
                date=day.isoformat(),
                start=start.isoformat(),
                end=end.isoformat(),
            )
            rooms = {}
            for session in todays:
                key, name, guid = _room_key(session, fallback)
                rooms.setdefault((key, name, guid), []).append(session)
            for (_key, name, guid), room_sessions in sorted(
                rooms.items(), key=lambda item: item[0][0]
            ):
                room = _text(element, "room", name=name, guid=guid)
                for session in room_sessions:
                    _frab_event(request, room, session, name, slug_prefix)

        ET.indent(root)
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _frab_event(request, room, session, room_name, slug_prefix):
    occurrence = session.occurrence
    guid = uuid.uuid5(occurrence.event_key, occurrence.original_start.astimezone(UTC).isoformat())
    event = _text(room, "event", guid=guid, id=occurrence.pk)
    _text(event, "date", _aware(session.start).isoformat())
    _text(event, "start", session.start.strftime("%H:%M"))
    _text(event, "duration", _hhmm(_minutes(session)))
    _text(event, "room", room_name)
    title_slug = slugify(session.title)[:60].strip("-") or "session"
    _text(event, "slug", f"{slug_prefix}-{occurrence.pk}-{title_slug}")
    url = _absolute(request, session.url)
    _text(event, "url", url)
    _text(event, "title", session.title)
    _text(event, "subtitle")
    _text(event, "track", session.track.name if session.track else "")
    _text(event, "type", session.format_label)
    if session.language_codes:
        _text(event, "language", session.language_codes[0])
    _text(event, "abstract", session.page.intro)
    _text(event, "description", session.row.note)
    persons = _text(event, "persons")
    for person in session.speakers:
        _text(persons, "person", person.name, guid=person.translation_key)
    links = _text(event, "links")
    online = _online_url(session)
    if online:
        _text(links, "link", _("Online"), href=online)
    if session.places is not None and session.places.accepts and url:
        _text(links, "link", _("Register"), href=url + session.page.reverse_subpage("register"))

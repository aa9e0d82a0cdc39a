"""The festival programme as files: the iCal feed, "my programme" as one .ics,
the c3voc schedule.json and the frab schedule XML. Each is parsed back and checked for
what calendars, partners and conference apps rely on, in the festival page's
language, at a number of queries that does not grow with the programme."""

import functools
import json
import os
import re
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
import recurrence
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from demo.registry import translate
from events.models import Occurrence, OccurrenceException
from events.schedule import site_zone
from festival.models import (
    FestivalPage,
    FestivalPartner,
    FestivalRoom,
    FestivalTrack,
    SessionPage,
    SessionSpeaker,
)
from home.models import Organisation, Person
from tests import pypi
from tests.conftest import built_once, fresh, on_commit_now, pks, shared_tree_objects
from tests.events.conftest import local, make_venue
from tests.registration.registration_support import registration_on, sign_up

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example.org/festival"
BEFORE = local(2022, 4, 1, 12, 0)  # registration is open then
UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


@pytest.fixture(autouse=True)
def before_the_festival(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: BEFORE)


def synchronise():
    nl = Locale.objects.get(language_code="nl")
    for code in ("de", "en"):
        synchronize_tree(nl, Locale.objects.get(language_code=code))


def add_session(festival, title, start, minutes=60, *, speakers=(), exceptions=(), **fields):
    page = SessionPage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        start=start,
        end=start + timedelta(minutes=minutes),
        languages=fields.pop("languages", "nl"),
        **fields,
    )
    for person in speakers:
        page.speaker_links.add(SessionSpeaker(person=person))
    for exception in exceptions:
        page.exceptions.add(exception)
    festival.add_child(instance=page)
    page.save_revision().publish()
    return SessionPage.objects.get(pk=page.pk)


def add_festival(parent, slug, venue=None):
    page = FestivalPage(
        title="We doen het samen! Festival",
        slug=slug,
        edition="2022",
        start_date=date(2022, 4, 9),
        end_date=date(2022, 4, 10),
        venue=venue,
        intro="Twee dagen ontmoeting.",
    )
    page.tracks.add(FestivalTrack(name="Wonen", slug="wonen", colour="#1b6e53"))
    page.tracks.add(FestivalTrack(name="Zorg", slug="zorg"))
    page.rooms.add(FestivalRoom(name="Grote zaal", slug="grote-zaal", capacity=200))
    page.rooms.add(FestivalRoom(name="Kleine zaal", slug="kleine-zaal"))
    page.rooms.add(FestivalRoom(name="Tuin", slug="tuin"))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return FestivalPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def built_programme(django_db_setup, django_db_blocker):
    """The programme below, built once for the module."""
    with built_once(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: BEFORE)
        tree = shared_tree_objects()
        venue = make_venue()
        translate_page = functools.partial(on_commit_now, translate)
        yield pks(build_programme(tree, venue, translate_page))


@pytest.fixture
def programme(built_programme, db):
    return fresh(built_programme)


def build_programme(site_tree, venue, translate_page):
    """A two-day festival (9-10 April 2022) with a room that stays empty, a
    session on both days, a cancelled one, one with registration (its online
    link only for registrants) and an online one; translated into German."""
    knhm = Organisation.objects.create(name="KNHM foundation", slug="knhm", kind="fund")
    speaker = Person.objects.create(name="Anke Jansen", role="dorpscoach", organisation=knhm)
    festival = add_festival(site_tree["home"], "festival", venue)
    festival.partner_links.add(FestivalPartner(organisation=knhm))
    festival.save_revision().publish()
    wonen, zorg = festival.tracks.all()
    grote, kleine, _tuin = festival.rooms.all()
    sessions = {
        "opening": add_session(
            festival,
            "Opening",
            local(2022, 4, 9, 10, 0),
            45,
            venue=venue,
            room=grote,
            track=wonen,
            session_format="talk",
            speakers=[speaker],
            intro="Welkom in het dorp.",
        ),
        "workshop": add_session(
            festival,
            "Samen wonen",
            local(2022, 4, 9, 11, 0),
            90,
            venue=venue,
            room=kleine,
            track=wonen,
            session_format="workshop",
            languages="nl,en",
            online_url=ONLINE,
            registration_settings=registration_on(),
            capacity=3,
        ),
        "cancelled": add_session(
            festival,
            "Zorg in het dorp",
            local(2022, 4, 9, 11, 30),
            60,
            venue=venue,
            room=grote,
            track=zorg,
            session_format="talk",
            exceptions=[
                OccurrenceException(
                    date=date(2022, 4, 9),
                    action=OccurrenceException.Action.CANCEL,
                    reason="De spreker is ziek.",
                )
            ],
        ),
        "online": add_session(
            festival,
            "Digital villages",
            local(2022, 4, 9, 13, 0),
            60,
            track=zorg,
            session_format="online",
            languages="en,de",
            online_url=ONLINE,
        ),
        "walk": add_session(
            festival,
            "Dorpswandeling",
            local(2022, 4, 9, 14, 0),
            120,
            venue=venue,
            session_format="excursion",
            recurrence=recurrence.deserialize("RRULE:FREQ=DAILY;COUNT=2"),
        ),
    }
    synchronise()
    german = translate_page(
        festival,
        "de",
        {
            "We doen het samen! Festival": "Wir machen das zusammen! Festival",
            "Wonen": "Wohnen",
            "Grote zaal": "Großer Saal",
        },
    )
    translate_page(sessions["opening"], "de", {"Opening": "Eröffnung", "opening": "eroeffnung"})
    synchronise()
    sign_up(Occurrence.objects.get(event_key=sessions["workshop"].translation_key), 1)
    return {"page": festival, "de": german, "sessions": sessions, "speaker": speaker}


def occurrence_ids(event):
    return list(
        Occurrence.objects.filter(event_key=event.translation_key)
        .order_by("start")
        .values_list("pk", flat=True)
    )


def url(page, name, language="nl"):
    base = page.get_translation(Locale.objects.get(language_code=language)).url
    return base + page.reverse_subpage(name)


def vevents(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def by_summary(events):
    return {str(e["SUMMARY"]): e for e in events}


# -- programme.ics ------------------------------------------------------------------


def test_ical_feed_has_every_date_of_every_session_in_amsterdam_time(client, programme):
    response = client.get(url(programme["page"], "ical"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    events = cal.walk("VEVENT")
    # Five sessions, the walk on both days.
    assert len(events) == 6
    opening = by_summary(events)["Opening"]
    start = opening.decoded("DTSTART")
    assert start == datetime(2022, 4, 9, 10, 0, tzinfo=site_zone())
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert opening["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert opening.decoded("DTEND") - start == timedelta(minutes=45)
    assert opening["SEQUENCE"] == 0
    assert "DTSTAMP" in opening
    assert str(opening["URL"]).startswith("http://testserver/nl/festival/opening/")


def test_ical_single_date_sessions_keep_their_events_uid(client, programme):
    """A calendar that has the session from its own page updates it, not duplicates it."""
    events = by_summary(vevents(client.get(url(programme["page"], "ical"))))
    opening = programme["sessions"]["opening"]
    assert str(events["Opening"]["UID"]) == f"{opening.translation_key}@testserver"
    own = Calendar.from_ical(client.get(opening.url + "ical/").content).walk("VEVENT")[0]
    assert events["Opening"]["UID"] == own["UID"]


def test_ical_session_on_two_days_has_a_uid_per_date(client, programme):
    events = [
        e
        for e in vevents(client.get(url(programme["page"], "ical")))
        if e["SUMMARY"] == "Dorpswandeling"
    ]
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 2
    key = programme["sessions"]["walk"].translation_key
    assert all(uid.startswith(f"{key}-202204") and uid.endswith("Z@testserver") for uid in uids)
    assert sorted(e.decoded("DTSTART").date() for e in events) == [
        date(2022, 4, 9),
        date(2022, 4, 10),
    ]


def test_ical_location_categories_and_cancelled_status(client, programme):
    events = by_summary(vevents(client.get(url(programme["page"], "ical"))))
    opening = events["Opening"]
    assert (
        str(opening["LOCATION"])
        == "Grote zaal, Dorpshuis, Dorpstraat 1, 47559 Kranenburg, Duitsland"
    )
    assert [str(c) for c in opening["CATEGORIES"].cats] == ["Wonen", "Lezing"]
    assert "Anke Jansen" in str(opening["DESCRIPTION"])
    assert opening["STATUS"] == "CONFIRMED"
    assert events["Zorg in het dorp"]["STATUS"] == "CANCELLED"
    assert "De spreker is ziek." in str(events["Zorg in het dorp"]["DESCRIPTION"])
    # Registration on: the online link goes to registrants only.
    workshop = events["Samen wonen"]
    assert ONLINE not in workshop.to_ical().decode().replace("\r\n ", "")
    # Without registration the online link is the place.
    assert str(events["Digital villages"]["LOCATION"]) == ONLINE


def test_ical_feed_in_german_has_german_titles_and_the_same_uids(client, programme):
    dutch = vevents(client.get(url(programme["page"], "ical")))
    response = client.get(url(programme["page"], "ical", "de"))
    assert response.status_code == 200
    german = vevents(response)
    assert "Eröffnung" in by_summary(german)
    assert "Wohnen" in [str(c) for c in by_summary(german)["Eröffnung"]["CATEGORIES"].cats]
    assert str(by_summary(german)["Eröffnung"]["LOCATION"]).startswith("Großer Saal, Dorfhaus")
    assert {str(e["UID"]) for e in german} == {str(e["UID"]) for e in dutch}


# -- my-programme.ics ----------------------------------------------------------------


def test_my_programme_has_only_the_chosen_dates_of_this_festival(client, programme, site_tree):
    other = add_festival(site_tree["home"], "ander-festival")
    stranger = add_session(other, "Elders", local(2022, 4, 9, 10, 0))
    sessions = programme["sessions"]
    chosen = [occurrence_ids(sessions["opening"])[0], occurrence_ids(sessions["walk"])[1]]
    ids = [*chosen, occurrence_ids(stranger)[0], 999999, "x", "", "-3", chosen[0]]
    response = client.get(
        url(programme["page"], "my_programme_ical"), {"sessions": ",".join(map(str, ids))}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="festival-')
    assert response["Content-Disposition"].endswith('.ics"')
    events = vevents(response)
    assert [str(e["SUMMARY"]) for e in events] == ["Opening", "Dorpswandeling"]
    assert events[1].decoded("DTSTART").date() == date(2022, 4, 10)


@pytest.mark.parametrize(
    "query",
    ["", "?sessions=", "?sessions=abc", "?sessions=1e9,²,;DROP", "?sessions=" + "9" * 1500],
)
def test_my_programme_with_nothing_usable_is_an_empty_calendar(client, programme, query):
    response = client.get(url(programme["page"], "my_programme_ical") + query)
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    assert cal.walk("VEVENT") == []
    # RFC 5545 needs one component: the site's zone; nothing to PUBLISH, so no METHOD.
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert "METHOD" not in cal
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Amsterdam"


@pytest.mark.parametrize("query", ["?sessions=1,%00", "?sessions=" + "9" * 5000])
def test_my_programme_turns_away_unreadable_addresses(client, programme, query):
    """NUL bytes and absurdly long values get the translated 400 page, not a file."""
    response = client.get(url(programme["page"], "my_programme_ical") + query)
    assert response.status_code == 400
    assert "Dit adres kunnen we niet lezen" in response.content.decode()


def test_my_programme_reads_a_limited_number_of_ids(client, programme):
    opening = occurrence_ids(programme["sessions"]["opening"])[0]
    many = ",".join(str(n) for n in range(10**6, 10**6 + 200)) + f",{opening}"
    events = vevents(client.get(url(programme["page"], "my_programme_ical"), {"sessions": many}))
    assert events == []  # the chosen one lies past the cap


# -- schedule.json (c3voc) ------------------------------------------------------------

SCHEMA = json.loads((Path(__file__).parent / "c3voc_schedule_schema.json").read_text())


def schedule_json(client, page, language="nl"):
    response = client.get(url(page, "json", language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def schema_errors(data):
    """What the c3voc JSON schema finds wrong, plus the formats jsonschema only
    checks with optional packages (date-time, uri), checked here by hand."""
    validator = jsonschema.Draft6Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    conference = data["schedule"]["conference"]
    for day in conference["days"]:
        for key in ("day_start", "day_end"):
            if not DATE_TIME_TZ.match(day[key]):
                errors.append(f"day {day['index']} {key}: {day[key]}")
        for events in day["rooms"].values():
            for event in events:
                for key in ("date", "end"):
                    if not DATE_TIME_TZ.match(event[key]):
                        errors.append(f"event {event['id']} {key}: {event[key]}")
                if "guid" in event and not UUID.match(event["guid"]):
                    errors.append(f"event {event['id']} guid: {event['guid']}")
                for address in [event["url"], *(link["url"] for link in event["links"])]:
                    if not address.startswith(("http://", "https://")):
                        errors.append(f"event {event['id']} url: {address}")
    return errors


def json_events(data):
    return [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def test_schedule_json_validates_against_the_c3voc_schema(client, programme):
    response = client.get(url(programme["page"], "json"))
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Disposition"] == 'inline; filename="festival-schedule.json"'
    data = json.loads(response.content)
    assert schema_errors(data) == []
    assert data["$schema"] == "https://c3voc.de/schedule/schema.json"


def test_the_schema_check_finds_mistakes(client, programme):
    """The check above can fail: a schedule without an event's guid or with a
    hyphenated acronym is refused."""
    data = schedule_json(client, programme["page"])
    del json_events(data)[0]["guid"]
    data["schedule"]["conference"]["acronym"] = "we-doen-het"
    errors = schema_errors(data)
    assert any("'guid' is a required property" in e for e in errors)
    assert any("acronym" in e for e in errors)


def test_schedule_json_describes_the_festival_and_its_sessions(client, programme):
    data = schedule_json(client, programme["page"])
    conference = data["schedule"]["conference"]
    assert conference["title"] == "We doen het samen! Festival"
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2022-04-09",
        "2022-04-10",
        2,
    )
    assert conference["time_zone_name"] == "Europe/Amsterdam"
    assert conference["url"] == "http://testserver/nl/festival/"
    assert conference["tracks"] == [
        {"name": "Wonen", "slug": "wonen", "color": "#1b6e53"},
        {"name": "Zorg", "slug": "zorg"},
    ]
    assert [r["name"] for r in conference["rooms"]] == [
        "Grote zaal",
        "Kleine zaal",
        "Dorpshuis",
        "Online",
    ]
    events = {e["title"]: e for e in json_events(data)}
    # The cancelled session is left out, as in the XML.
    assert set(events) == {"Opening", "Samen wonen", "Digital villages", "Dorpswandeling"}
    opening = events["Opening"]
    assert opening["id"] == occurrence_ids(programme["sessions"]["opening"])[0]
    assert (opening["date"], opening["end"]) == (
        "2022-04-09T10:00:00+02:00",
        "2022-04-09T10:45:00+02:00",
    )
    assert (opening["start"], opening["duration"]) == ("10:00", "00:45")
    assert (opening["room"], opening["track"], opening["type"]) == ("Grote zaal", "Wonen", "Lezing")
    assert opening["persons"] == [
        {"name": "Anke Jansen", "guid": str(programme["speaker"].translation_key)}
    ]
    workshop = events["Samen wonen"]
    # The online link is for registrants only; the registration page is public.
    assert workshop["links"] == [
        {
            "type": "web",
            "title": "Aanmelden",
            "url": "http://testserver/nl/festival/samen-wonen/aanmelden/",
        }
    ]
    assert events["Digital villages"]["links"][0]["url"] == ONLINE
    assert events["Digital villages"]["language"] == "en"


def test_schedule_json_and_frab_xml_say_the_same(client, programme):
    data = schedule_json(client, programme["page"])
    root = frab(client, programme)
    conference = data["schedule"]["conference"]
    xml_conference = root.find("conference")
    assert data["schedule"]["version"] == root.findtext("version")
    for key, tag in [("acronym", "acronym"), ("start", "start"), ("end", "end")]:
        assert conference[key] == xml_conference.findtext(tag)
    assert str(conference["daysCount"]) == xml_conference.findtext("days")
    assert [(d["index"], d["date"], d["day_start"], d["day_end"]) for d in conference["days"]] == [
        (int(d.get("index")), d.get("date"), d.get("start"), d.get("end"))
        for d in root.findall("day")
    ]
    in_json = {
        (day["date"], room, e["guid"], e["id"], e["date"], e["duration"], e["slug"], e["title"])
        for day in conference["days"]
        for room, events in day["rooms"].items()
        for e in events
    }
    in_xml = {
        (
            day.get("date"),
            room.get("name"),
            e.get("guid"),
            int(e.get("id")),
            e.findtext("date"),
            e.findtext("duration"),
            e.findtext("slug"),
            e.findtext("title"),
        )
        for day in root.findall("day")
        for room in day.findall("room")
        for e in room.findall("event")
    }
    assert in_json == in_xml and len(in_json) == 5


def test_schedule_json_in_german_has_the_same_guids(client, programme):
    dutch = schedule_json(client, programme["page"])
    german = schedule_json(client, programme["page"], "de")
    assert schema_errors(german) == []
    assert german["schedule"]["conference"]["title"] == "Wir machen das zusammen! Festival"
    assert {e["guid"] for e in json_events(german)} == {e["guid"] for e in json_events(dutch)}
    assert "Eröffnung" in {e["title"] for e in json_events(german)}
    assert "Großer Saal" in german["schedule"]["conference"]["days"][0]["rooms"]


def edition(site_tree, slug, start, end, session_days):
    """A festival from `start` to `end` with a session on each of `session_days`."""
    page = add_festival(site_tree["home"], slug)
    page.start_date, page.end_date = start, end
    page.save_revision().publish()
    for n, day in enumerate(session_days):
        add_session(page, f"Sessie {n}", local(day.year, day.month, day.day, 10, 0), 30)
    return FestivalPage.objects.get(pk=page.pk)


@pytest.mark.parametrize(
    ("start", "end", "session_days"),
    [
        # One day.
        (date(2022, 4, 9), None, [date(2022, 4, 9)]),
        # A year-long digital edition whose sessions start a week in, over summer time.
        (
            date(2026, 12, 3),
            date(2027, 12, 2),
            [date(2026, 12, 9), date(2027, 3, 28), date(2027, 7, 1), date(2027, 12, 2)],
        ),
    ],
    ids=["one-day", "year-long"],
)
def test_conference_start_end_day_count_and_indexes_agree(
    client, site_tree, start, end, session_days
):
    page = edition(site_tree, "editie", start, end, session_days)
    last = end or start
    data = schedule_json(client, page)
    assert schema_errors(data) == []
    conference = data["schedule"]["conference"]
    days = conference["days"]
    assert (conference["start"], conference["end"]) == (start.isoformat(), last.isoformat())
    assert conference["daysCount"] == len(days) == (last - start).days + 1
    assert days[0]["date"] == start.isoformat() and days[-1]["date"] == last.isoformat()
    for day in days:
        assert day["index"] == (date.fromisoformat(day["date"]) - start).days + 1
    with_sessions = {day["date"]: day["index"] for day in days if any(day["rooms"].values())}
    assert with_sessions == {d.isoformat(): (d - start).days + 1 for d in session_days}
    # The frab XML counts the same days.
    root = ElementTree.fromstring(client.get(url(page, "frab")).content)
    assert root.findtext("conference/start") == conference["start"]
    assert root.findtext("conference/end") == conference["end"]
    assert root.findtext("conference/days") == str(conference["daysCount"])
    assert [(int(d.get("index")), d.get("date")) for d in root.findall("day")] == [
        (d["index"], d["date"]) for d in days
    ]


# -- schedule.xml (frab) -------------------------------------------------------------

# The rules below are those of the schedule XSD published by the c3voc team
# (https://c3voc.de/schedule/schema.xsd, in https://github.com/voc/schedule under
# validator/xsd/schedule.xml.xsd); the XSD itself is not copied here.
ACRONYM = re.compile(r"^[a-z0-9_-]{4,}$")
DURATION = re.compile(r"^([0-9]{1,2}:[0-9]{2})$|^([0-9]{1,2}:[0-9]{2}:[0-9]{1,2})$")
START = re.compile(r"^([0-2][0-9]:[0-5][0-9])$")
DATE_TIME_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{1,2}:\d{2})$")
SLUG = re.compile(r"^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$")
REQUIRED = ["room", "title", "type", "date", "start", "duration", "abstract", "track"]
ALLOWED = {
    *REQUIRED,
    "subtitle",
    "slug",
    "logo",
    "persons",
    "language",
    "description",
    "recording",
    "links",
    "attachments",
    "video_download_url",
    "url",
    "feedback_url",
    "origin_url",
}


def frab(client, programme, language="nl"):
    response = client.get(url(programme["page"], "frab", language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def test_frab_schedule_follows_the_schedule_xsd(client, programme):
    root = frab(client, programme)
    assert root.tag == "schedule"
    tags = [child.tag for child in root]
    assert tags[:4] == ["generator", "url", "version", "conference"]
    assert set(tags[4:]) == {"day"}
    assert root.findtext("url") == "http://testserver" + url(programme["page"], "frab")
    conference = root.find("conference")
    assert ACRONYM.match(conference.findtext("acronym"))
    assert conference.findtext("title") == "We doen het samen! Festival"
    assert conference.findtext("start") == "2022-04-09"
    assert conference.findtext("end") == "2022-04-10"
    assert conference.findtext("days") == "2"
    assert DURATION.match(conference.findtext("timeslot_duration"))
    assert conference.findtext("time_zone_name") == "Europe/Amsterdam"
    tracks = conference.findall("track")
    assert [(t.get("name"), t.get("slug"), t.get("color")) for t in tracks] == [
        ("Wonen", "wonen", "#1b6e53"),
        ("Zorg", "zorg", None),
    ]
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2022-04-09"),
        ("2", "2022-04-10"),
    ]
    guids, ids, slugs = [], [], []
    for day in days:
        assert DATE_TIME_TZ.match(day.get("start")) and DATE_TIME_TZ.match(day.get("end"))
        for room in day.findall("room"):
            assert room.get("name")
            assert UUID.match(room.get("guid")), room.attrib
            for event in room.findall("event"):
                children = [child.tag for child in event]
                assert len(children) == len(set(children)), "xs:all: each element once"
                assert set(REQUIRED) <= set(children) <= ALLOWED
                assert UUID.match(event.get("guid"))
                assert int(event.get("id")) > 0
                assert DATE_TIME_TZ.match(event.findtext("date"))
                assert START.match(event.findtext("start"))
                assert DURATION.match(event.findtext("duration"))
                assert SLUG.match(event.findtext("slug")), event.findtext("slug")
                assert event.findtext("room") == room.get("name")
                assert event.findtext("url").startswith("http://testserver/")
                for person in event.iterfind("persons/person"):
                    assert UUID.match(person.get("guid")) and person.text
                guids.append(event.get("guid"))
                ids.append(event.get("id"))
                slugs.append(event.findtext("slug"))
    for values in (guids, ids, slugs):
        assert len(values) == len(set(values))


XSD = Path(__file__).parent / "c3voc_schedule.xml.xsd"
XMLSCHEMA = ["xmlschema==4.3.2"]
VALIDATE = """
import sys, xmlschema
schema = xmlschema.XMLSchema(sys.argv[1])
for path in sys.argv[2:]:
    for error in schema.iter_errors(path):
        print(path.rsplit("/", 1)[-1], error.path, error.reason)
"""


def xsd_errors(folder, documents):
    """{name: [error]} of each XML document by the c3voc schedule XSD itself,
    read by `xmlschema` (installed for the tests only, run in its own process)."""
    library = pypi.install("xmlschema", XMLSCHEMA, purpose="to check the frab XML by its XSD")
    for name, content in documents.items():
        (folder / name).write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-c", VALIDATE, str(XSD), *(str(folder / name) for name in documents)],
        env={**os.environ, "PYTHONPATH": str(library)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    errors = {name: [] for name in documents}
    for line in result.stdout.splitlines():
        name, _space, error = line.partition(" ")
        errors[name].append(error)
    return errors


def test_frab_schedule_validates_against_the_c3voc_xsd(client, programme, tmp_path):
    documents = {
        f"{code}.xml": client.get(url(programme["page"], "frab", code)).content
        for code in ("nl", "de")
    }
    # Proof that the check reads the XSD: a schedule without its conference.
    broken = re.sub(rb"<conference>.*?</conference>", b"", documents["nl.xml"], flags=re.S)
    documents["broken.xml"] = broken
    errors = xsd_errors(tmp_path, documents)
    assert errors.pop("broken.xml")
    assert errors == {"nl.xml": [], "de.xml": []}


def test_frab_days_rooms_and_events(client, programme):
    root = frab(client, programme)
    first, second = root.findall("day")
    rooms = {room.get("name"): room for room in first.findall("room")}
    # Rooms in the festival's order, then the venue and online; the empty garden is left out.
    assert list(rooms) == ["Grote zaal", "Kleine zaal", "Dorpshuis", "Online"]
    assert first.get("start") == "2022-04-09T10:00:00+02:00"
    assert first.get("end") == "2022-04-09T16:00:00+02:00"
    opening = rooms["Grote zaal"].find("event")
    assert opening.findtext("title") == "Opening"
    assert opening.findtext("date") == "2022-04-09T10:00:00+02:00"
    assert opening.findtext("start") == "10:00"
    assert opening.findtext("duration") == "00:45"
    assert opening.findtext("track") == "Wonen"
    assert opening.findtext("type") == "Lezing"
    assert opening.findtext("language") == "nl"
    assert opening.findtext("abstract") == "Welkom in het dorp."
    assert [p.text for p in opening.iterfind("persons/person")] == ["Anke Jansen"]
    assert opening.get("id") == str(occurrence_ids(programme["sessions"]["opening"])[0])
    # The cancelled session is not in the schedule.
    assert "Zorg in het dorp" not in [e.findtext("title") for e in first.iter("event")]
    workshop = rooms["Kleine zaal"].find("event")
    assert workshop.findtext("duration") == "01:30"
    links = [link.get("href") for link in workshop.iterfind("links/link")]
    assert ONLINE not in links
    assert links == ["http://testserver/nl/festival/samen-wonen/aanmelden/"]
    online = rooms["Online"].find("event")
    assert [link.get("href") for link in online.iterfind("links/link")] == [ONLINE]
    assert online.findtext("language") == "en"
    walk = second.find("room/event")
    assert walk.findtext("title") == "Dorpswandeling"
    assert walk.findtext("duration") == "02:00"


def test_frab_guids_stay_the_same_in_every_language(client, programme):
    def guids(root):
        return {e.get("id"): e.get("guid") for e in root.iter("event")}

    dutch = frab(client, programme)
    german = frab(client, programme, "de")
    assert guids(german) == guids(dutch)
    assert german.find("conference/acronym").text == dutch.find("conference/acronym").text
    assert german.findtext("conference/title") == "Wir machen das zusammen! Festival"
    assert "Großer Saal" in [r.get("name") for r in german.iter("room")]
    assert uuid.UUID(next(german.iter("event")).get("guid"))


def test_frab_schedule_of_a_festival_without_sessions_is_still_valid(client, site_tree, tmp_path):
    page = add_festival(site_tree["home"], "leeg")
    response = client.get(page.url + page.reverse_subpage("frab"))
    assert xsd_errors(tmp_path, {"empty.xml": response.content}) == {"empty.xml": []}
    root = ElementTree.fromstring(response.content)
    # Both days of the festival, each from midnight to midnight, without rooms.
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2022-04-09"),
        ("2", "2022-04-10"),
    ]
    assert days[0].get("start") == "2022-04-09T00:00:00+02:00"
    assert days[0].get("end") == "2022-04-10T00:00:00+02:00"
    assert root.findtext("conference/days") == "2"
    assert days[0].findall("room") == []


# -- Queries -------------------------------------------------------------------------


def count_queries(client, path):
    client.get(path)  # warm caches (site root paths, locales)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["ical", "json", "frab", "my_programme_ical"])
def test_exports_cost_the_same_queries_for_a_bigger_programme(client, programme, name):
    festival = programme["page"]
    path = url(festival, name)
    ids = ",".join(str(o) for o in Occurrence.objects.values_list("pk", flat=True))
    if name == "my_programme_ical":
        path += f"?sessions={ids}"
    small = count_queries(client, path)
    rooms = list(festival.rooms.all())
    speaker = programme["speaker"]
    for n in range(12):
        add_session(
            festival,
            f"Extra sessie {n}",
            local(2022, 4, 9 + n % 2, 9 + n % 8, 0),
            30,
            room=rooms[n % 3],
            track=festival.tracks.first(),
            session_format="workshop",
            speakers=[speaker, Person.objects.create(name=f"Spreker {n}")],
            registration_settings=registration_on(enabled=n % 2 == 0),
            capacity=10,
            online_url=ONLINE if n % 3 == 0 else "",
        )
    if name == "my_programme_ical":
        ids = ",".join(str(o) for o in Occurrence.objects.values_list("pk", flat=True))
        path = url(festival, name) + f"?sessions={ids}"
    assert count_queries(client, path) == small
    assert small <= 30

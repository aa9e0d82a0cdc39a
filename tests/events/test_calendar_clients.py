"""Every kind of .ics the site makes, read by four independent calendar
implementations (`tests.calendar_clients`): each must show exactly the dates the
site shows (the event's non-cancelled `Occurrence`s), at the same local times,
in summer and winter, up to the end of 2040 for an endless series.

One test builds all the files and runs the Node clients once, in one process,
to keep the cost of the suite low."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import recurrence
from bs4 import BeautifulSoup
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from events import ical
from events.models import EventPageTheme, Occurrence, OccurrenceException
from registration import emails
from tests import calendar_clients
from tests.events.conftest import local
from tests.festival.test_festival_exports import add_festival, add_session
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 24, 9, 0)
# Dates are generated up to the end of 2040, so the site's own dates reach as
# far as the clients expand.
HORIZON = (calendar_clients.UNTIL - NOW).days


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch, settings):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = HORIZON
    return NOW


def shown(*events):
    """The local start times the site shows for `events`."""
    keys = [e.translation_key for e in events]
    rows = Occurrence.objects.filter(event_key__in=keys).exclude(status=Occurrence.Status.CANCELLED)
    zone = calendar_clients.zone()
    return sorted(
        r.start.astimezone(zone).date().isoformat()
        if r.all_day
        else calendar_clients.shown(r.start)
        for r in rows
    )


def page_dates(client, path):
    """The local start times an event page lists as its upcoming dates, cancelled
    ones left out (what a visitor reads as happening)."""
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    items = soup.select("li.event-dates__item:not(.is-cancelled) time[datetime]")
    assert items, path
    return sorted(
        calendar_clients.shown(datetime.fromisoformat(item["datetime"])) for item in items
    )


def utc(moment):
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def test_every_calendar_file_reads_alike_in_four_clients(client, make_event, calendar, theme):
    # A single date in summer time.
    single = make_event(
        title="Zomeravond",
        slug="zomeravond",
        start=local(2027, 7, 3, 19, 30),
        end=local(2027, 7, 3, 22, 0),
    )
    # The endless repair café: weekly on Saturday across every DST switch, with a
    # date excluded in the rule, an extra date in the rule, an editor's
    # cancelled, moved and extra date.
    start = local(2026, 10, 3, 10, 0)
    repair = make_event(
        title="Repaircafé",
        slug="repaircafe",
        start=start,
        end=start + timedelta(hours=3),
        rule="RRULE:FREQ=WEEKLY;BYDAY=SA\n"
        f"EXDATE:{utc(local(2027, 1, 2, 10, 0))}\n"
        f"RDATE:{utc(local(2027, 4, 14, 10, 0))}",
        publish=False,
    )
    repair.exceptions.add(OccurrenceException(date=date(2027, 7, 10), action="cancel"))
    repair.exceptions.add(
        OccurrenceException(
            date=date(2027, 3, 27),
            action="move",
            new_date=date(2027, 3, 28),
            new_start_time=time(14, 0),
            new_end_time=time(16, 0),
        )
    )
    repair.exceptions.add(
        OccurrenceException(
            date=date(2027, 8, 18),
            action="extra",
            new_start_time=time(18, 0),
            new_end_time=time(21, 0),
        )
    )
    repair.theme_links.add(EventPageTheme(theme=theme))
    repair.save_revision().publish()
    # All-day, and over several days.
    fair = make_event(
        title="Markt",
        slug="markt",
        start=local(2027, 6, 5, 0, 0),
        end=local(2027, 6, 5, 0, 0),
        all_day=True,
    )
    market_days = make_event(
        title="Weekmarkt",
        slug="weekmarkt",
        start=local(2027, 3, 6, 0, 0),
        end=local(2027, 3, 6, 0, 0),
        all_day=True,
        rule="RRULE:FREQ=WEEKLY;COUNT=12",
        publish=False,
    )
    market_days.exceptions.add(OccurrenceException(date=date(2027, 4, 3), action="cancel"))
    market_days.save_revision().publish()
    camp = make_event(
        title="Zomerkamp",
        slug="zomerkamp",
        start=local(2027, 8, 2, 10, 0),
        end=local(2027, 8, 6, 16, 0),
    )
    # More exclusions than Google takes in one series: split in parts.
    daily_start = local(2027, 3, 1, 9, 0)
    excluded = [daily_start + timedelta(days=n) for n in range(3, 200, 2)]
    daily = make_event(
        title="Dagelijks",
        slug="dagelijks",
        start=daily_start,
        end=daily_start + timedelta(hours=1),
        rule="RRULE:FREQ=DAILY;COUNT=220\n" + "\n".join(f"EXDATE:{utc(m)}" for m in excluded),
    )
    festival = add_festival(calendar.get_parent(), "festival")
    opening = add_session(festival, "Opening", local(2022, 4, 9, 10, 0), 45)
    closing = add_session(festival, "Slot", local(2022, 4, 10, 16, 0), 30)
    # A cancelled session, and a session on both days whose second date is cancelled.
    called_off = add_session(
        festival,
        "Afgelast",
        local(2022, 4, 9, 13, 0),
        60,
        exceptions=[OccurrenceException(date=date(2022, 4, 9), action="cancel")],
    )
    walk = add_session(
        festival,
        "Wandeling",
        local(2022, 4, 9, 15, 0),
        60,
        recurrence=recurrence.deserialize("RRULE:FREQ=DAILY;COUNT=2"),
        exceptions=[OccurrenceException(date=date(2022, 4, 10), action="cancel")],
    )
    mine = Occurrence.objects.get(event_key=closing.translation_key)
    mine_cancelled = Occurrence.objects.get(event_key=called_off.translation_key)
    workshop = make_event(
        title="Workshop",
        slug="workshop",
        start=local(2027, 5, 20, 19, 0),
        end=local(2027, 5, 20, 21, 0),
        registration_settings=registration_on(),
        capacity=3,
    )
    registration = sign_up(first_date(workshop), 1)
    [(_name, mail, _type)] = emails.build_message(registration, "confirmed").attachments

    files = {
        "single": client.get("/nl/agenda/zomeravond/ical/").content,
        "series": client.get("/nl/agenda/repaircafe/ical/").content,
        "all-day": client.get("/nl/agenda/markt/ical/").content,
        "all-day-series": client.get("/nl/agenda/weekmarkt/ical/").content,
        "multi-day": client.get("/nl/agenda/zomerkamp/ical/").content,
        "split": client.get("/nl/agenda/dagelijks/ical/").content,
        "feed": client.get("/nl/agenda/ical/").content,
        "filtered": client.get(f"/nl/agenda/ical/?theme={theme.slug}").content,
        "festival": client.get("/nl/festival/ical/").content,
        "mine": client.get(
            f"/nl/festival/my-programme/ical/?sessions={mine.pk},{mine_cancelled.pk}"
        ).content,
        "mail": mail,
    }
    expected = {
        "single": shown(single),
        "series": shown(repair),
        "all-day": shown(fair),
        "all-day-series": shown(market_days),
        "multi-day": shown(camp),
        "split": shown(daily),
        "feed": shown(single, repair, fair, market_days, camp, daily, workshop),
        "filtered": shown(repair),
        "festival": shown(opening, closing, called_off, walk),
        "mine": shown(closing),
        "mail": shown(workshop),
    }
    read = calendar_clients.expand_all(files)
    assert {name: set(clients) for name, clients in read.items()} == dict.fromkeys(
        files, set(calendar_clients.CLIENTS)
    )
    mismatches = {
        (name, client_name): (dates[:3], len(dates), expected[name][:3], len(expected[name]))
        for name, clients in read.items()
        for client_name, dates in clients.items()
        if dates != expected[name]
    }
    assert mismatches == {}
    # And they are the dates the event pages list: over the span a page shows,
    # every client has exactly its dates (the DST switch in March, the moved
    # and extra dates, the cancelled one left out).
    for name, path in (("series", "/nl/agenda/repaircafe/"), ("split", "/nl/agenda/dagelijks/")):
        listed = page_dates(client, path)
        for client_name, dates in read[name].items():
            span = [d for d in dates if listed[0] <= d <= listed[-1]]
            assert span == listed, (name, client_name)
    assert {"2027-03-28T14:00", "2027-04-03T10:00"} <= set(
        page_dates(client, "/nl/agenda/repaircafe/")
    )
    # The site's own dates are what we meant: summer time, the moved and
    # extra dates, the endless series past 2038, the all-day date.
    series = expected["series"]
    assert "2027-07-03T19:30" in expected["single"]
    assert {"2027-03-28T14:00", "2027-04-14T10:00", "2027-08-18T18:00"} <= set(series)
    assert not {"2027-03-27T10:00", "2027-07-10T10:00", "2027-01-02T10:00"} & set(series)
    assert series[-1] >= "2040-12-22" and "2039-06-04T10:00" in series
    assert expected["all-day"] == ["2027-06-05"]
    assert len(expected["all-day-series"]) == 11 and "2027-04-03" not in expected["all-day-series"]
    assert len(expected["split"]) == 220 - len(excluded)
    # Past 90 exclusions the series is split, each part within the limit.
    parts = [e for e in Calendar.from_ical(files["split"]).walk("VEVENT") if "RRULE" in e]
    assert len(parts) == 2
    assert all(len(p["EXDATE"].dts) <= ical.MAX_EXDATES for p in parts)
    # Cancelled dates are EXDATEs, not only flagged: no CANCELLED instance.
    assert b"STATUS:CANCELLED" not in files["series"]
    # A festival date is a VEVENT of its own, like a single event: a cancelled
    # one stays in the programme's feed (and in "my programme") marked
    # CANCELLED, so calendars that had it take it out; every client above
    # leaves it out, as the site does.
    assert "2022-04-10T15:00" not in expected["festival"]
    assert len(expected["festival"]) == 3 and expected["mine"] == ["2022-04-10T16:00"]
    for name in ("festival", "mine"):
        cancelled = {
            str(e["SUMMARY"]): str(e["UID"])
            for e in Calendar.from_ical(files[name]).walk("VEVENT")
            if e.get("STATUS") == "CANCELLED"
        }
        assert "Afgelast" in cancelled, name
    # The cancelled session's own .ics says the same thing under the same UID.
    [own] = Calendar.from_ical(client.get(called_off.url + "ical/").content).walk("VEVENT")
    assert own["STATUS"] == "CANCELLED"
    assert str(own["UID"]) == cancelled["Afgelast"]
    # Every VTIMEZONE is built from yearly rules, not dated lists (a file of
    # all-day dates only has no times, so no zone).
    for name, content in files.items():
        zones = Calendar.from_ical(content).walk("VTIMEZONE")
        assert len(zones) == (not name.startswith("all-day")), name
        for zone in zones:
            assert {str(o.name) for o in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
            assert all("RRULE" in o and "RDATE" not in o for o in zone.subcomponents)


def test_an_empty_calendar_is_valid(client, make_event, theme):
    """RFC 5545 (3.6) wants at least one component; a VTIMEZONE is one. Without
    a VEVENT there is nothing to PUBLISH (RFC 5546 3.2.1), so no METHOD."""
    make_event(title="Elders", slug="elders")
    for url in (f"/nl/agenda/ical/?theme={theme.slug}", "/nl/agenda/ical/?when=today"):
        content = client.get(url).content
        parsed = Calendar.from_ical(content)
        assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"], url
        assert "METHOD" not in parsed
        strict = IcsCalendarStream.calendar_from_ics(content.decode())
        assert strict.events == [] and [z.tz_id for z in strict.timezones] == ["Europe/Amsterdam"]
        assert calendar_clients.recurring_dates(content) == []


def test_uids_come_from_the_configured_address(client, make_event, settings):
    event = make_event(title="Buurtfeest", slug="buurtfeest")
    settings.WAGTAILADMIN_BASE_URL = "https://samenverder.example"
    uids = set()
    for host in ("localhost", "127.0.0.1"):
        content = client.get("/nl/agenda/buurtfeest/ical/", HTTP_HOST=host).content
        [vevent] = Calendar.from_ical(content).walk("VEVENT")
        uids.add(str(vevent["UID"]))
    assert uids == {f"{event.translation_key}@samenverder.example"}

"""Every .ics the site writes comes from one builder (`events.ical`): a cancelled
or moved single event, a series with more exception dates than Google Calendar
takes as EXDATEs, and the file attached to a registration's confirmation.

Each file is parsed back with the `icalendar` library and, as a real calendar
client would read it, with ical.js (`tests.icaljs`): the dates ical.js shows
must be the dates we show (the non-cancelled `Occurrence`s)."""

from datetime import UTC, date, time, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from icalendar import Calendar

from events import ical
from events.exporters import Exporter, response
from events.models import Occurrence, OccurrenceException
from festival.models import FestivalPage
from registration import emails
from tests import icaljs
from tests.events.conftest import local
from tests.festival.test_festival_exports import add_festival, add_session
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 24, 9, 0)
HEADER = ("PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-TIMEZONE")


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def shown_dates(event):
    """[(uid, start)] of the dates we show for `event`, as `tests.icaljs.expand` writes them."""
    uid = f"{event.translation_key}@testserver"
    starts = (
        Occurrence.objects.filter(event_key=event.translation_key)
        .exclude(status=Occurrence.Status.CANCELLED)
        .values_list("start", flat=True)
    )
    return sorted((uid, s.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")) for s in starts)


def single(make_event, slug, exception):
    event = make_event(
        title=slug.capitalize(),
        slug=slug,
        start=local(2026, 12, 5, 10, 0),
        end=local(2026, 12, 5, 12, 0),
        publish=False,
    )
    event.exceptions.add(exception)
    event.save_revision().publish()
    return event


def test_a_cancelled_single_event_is_one_cancelled_vevent(client, make_event):
    event = single(
        make_event,
        "afgelast",
        OccurrenceException(date=date(2026, 12, 5), action="cancel", reason="Ziek"),
    )
    content = client.get("/nl/agenda/afgelast/ical/").content
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert vevent["UID"] == f"{event.translation_key}@testserver"
    assert vevent["STATUS"] == "CANCELLED"
    assert "RECURRENCE-ID" not in vevent and "RRULE" not in vevent
    assert vevent.decoded("DTSTART") == local(2026, 12, 5, 10, 0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert icaljs.expand(content) == shown_dates(event) == []


def test_a_moved_single_event_has_its_new_date_as_start(client, make_event):
    event = single(
        make_event,
        "verzet",
        OccurrenceException(
            date=date(2026, 12, 5),
            action="move",
            new_date=date(2026, 12, 7),
            new_start_time=time(14, 0),
            new_end_time=time(16, 30),
        ),
    )
    content = client.get("/nl/agenda/verzet/ical/").content
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert vevent["STATUS"] == "CONFIRMED"
    assert "RECURRENCE-ID" not in vevent and "RRULE" not in vevent
    assert vevent.decoded("DTSTART") == local(2026, 12, 7, 14, 0)
    assert vevent.decoded("DTEND") == local(2026, 12, 7, 16, 30)
    assert icaljs.expand(content) == shown_dates(event)
    assert [start for _uid, start in shown_dates(event)] == ["2026-12-07T13:00:00.000Z"]


def test_a_series_past_90_exception_dates_keeps_every_exception(
    client, make_event, django_assert_max_num_queries
):
    """120 daily dates in winter (no DST switch, see the xfail below), 95 of
    them excluded in the rule, one cancelled and one moved as exceptions: 90
    EXDATEs, the other 5 excluded dates as cancelled instances."""
    start = local(2026, 11, 25, 9, 0)
    excluded = [start + timedelta(days=n) for n in range(2, 97)]
    rule = "RRULE:FREQ=DAILY;COUNT=120\n" + "\n".join(
        f"EXDATE:{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}" for moment in excluded
    )
    event = make_event(
        title="Dagelijks",
        slug="dagelijks",
        start=start,
        end=start + timedelta(hours=1),
        rule=rule,
        publish=False,
    )
    event.exceptions.add(OccurrenceException(date=date(2027, 3, 5), action="cancel"))
    event.exceptions.add(
        OccurrenceException(date=date(2027, 3, 10), action="move", new_start_time=time(14, 0))
    )
    event.save_revision().publish()
    with django_assert_max_num_queries(16):
        content = client.get("/nl/agenda/dagelijks/ical/").content
    events = Calendar.from_ical(content).walk("VEVENT")
    [series] = [e for e in events if "RECURRENCE-ID" not in e]
    exdates = [d.dt for line in series["EXDATE"] for d in line.dts]
    assert len(exdates) == ical.MAX_EXDATES
    instances = {e.decoded("RECURRENCE-ID"): e for e in events if "RECURRENCE-ID" in e}
    assert {e["UID"] for e in instances.values()} == {series["UID"]}
    cancelled = {d for d, e in instances.items() if e["STATUS"] == "CANCELLED"}
    assert set(exdates) | cancelled == {*excluded, local(2027, 3, 5, 9, 0)}
    assert not set(exdates) & cancelled
    moved = instances[local(2027, 3, 10, 9, 0)]
    assert moved["STATUS"] == "CONFIRMED"
    assert moved.decoded("DTSTART") == local(2027, 3, 10, 14, 0)
    assert len(instances) == 5 + 1 + 1
    shown = icaljs.expand(content)
    assert shown == shown_dates(event)
    assert len(shown) == 120 - 95 - 1


@pytest.mark.xfail(
    strict=True,
    reason="ical.js reads the VTIMEZONE that icalendar's add_missing_timezones "
    "writes as CET all year: summer dates come out an hour late (the VTIMEZONE "
    "is fixed in its own issue)",
)
def test_a_summer_date_is_shown_at_its_time_by_ical_js(client, make_event):
    event = make_event(
        title="Zomer", slug="zomer", start=local(2027, 7, 3, 10, 0), end=local(2027, 7, 3, 12, 0)
    )
    content = client.get("/nl/agenda/zomer/ical/").content
    assert icaljs.expand(content) == shown_dates(event)


def header(content):
    calendar = Calendar.from_ical(content)
    return (
        [str(calendar[name]) for name in HEADER],
        [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")],
    )


def test_every_calendar_file_has_the_same_header_and_zone(client, make_event, calendar):
    """Event, calendar feed, festival programme, "my programme" and the
    confirmation e-mail's attachment: one builder, one header."""
    workshop = make_event(
        title="Workshop",
        slug="workshop",
        registration_settings=registration_on(),
        capacity=3,
        online_url="https://meet.example/geheim",
    )
    festival = add_festival(calendar.get_parent(), "festival")
    add_session(festival, "Opening", local(2026, 12, 12, 10, 0), 45)
    occurrence = Occurrence.objects.exclude(event_key=workshop.translation_key).get()
    files = {
        "event": client.get("/nl/agenda/workshop/ical/").content,
        "feed": client.get("/nl/agenda/ical/").content,
        "festival": client.get("/nl/festival/ical/").content,
        "mine": client.get(f"/nl/festival/my-programme/ical/?sessions={occurrence.pk}").content,
    }
    registration = sign_up(first_date(workshop), 1)
    [(name, files["mail"], mimetype)] = emails.build_message(registration, "confirmed").attachments
    assert name == "workshop.ics" and mimetype == "text/calendar"
    expected = (
        [ical.PRODID, "2.0", "GREGORIAN", "PUBLISH", "Europe/Amsterdam"],
        ["Europe/Amsterdam"],
    )
    assert {kind: header(content) for kind, content in files.items()} == dict.fromkeys(
        files, expected
    )
    # The attachment carries the date, in the site's zone, with the online link.
    [vevent] = Calendar.from_ical(files["mail"]).walk("VEVENT")
    assert vevent.decoded("DTSTART") == first_date(workshop).start
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent["LOCATION"] == "Dorpshuis, Dorpstraat 1, 47559 Kranenburg, Duitsland"
    assert "https://meet.example/geheim" in vevent["DESCRIPTION"]
    uid = str(vevent["UID"])
    assert icaljs.expand(files["mail"]) == [(uid, "2026-12-12T09:00:00.000Z")]
    assert icaljs.expand(files["mine"]) == [
        (f"{occurrence.event_key}@testserver", "2026-12-12T09:00:00.000Z")
    ]


class Programme(Exporter):
    identifier = "programme"
    content_type = "application/json; charset=utf-8"
    extension = "json"
    disposition = "attachment"
    public = False
    cors = True

    def get_data(self):
        return b"{}"


class PublicProgramme(Programme):
    public = True
    cors = False


def test_the_response_is_built_from_the_exporters_attributes():
    page = FestivalPage(slug="dorpsfeest")
    exported = response(Programme(RequestFactory().get("/"), page))
    assert exported.content == b"{}"
    assert exported["Content-Type"] == "application/json; charset=utf-8"
    assert exported["Content-Disposition"] == 'attachment; filename="dorpsfeest.json"'
    assert exported["X-Robots-Tag"] == "noindex"
    assert exported["Access-Control-Allow-Origin"] == "*"
    plain = response(PublicProgramme(RequestFactory().get("/"), page))
    assert "X-Robots-Tag" not in plain and "Access-Control-Allow-Origin" not in plain

"""Every .ics the site writes comes from one builder (`events.ical`): a cancelled
or moved single event, a series with more exception dates than Google Calendar
takes as EXDATEs, and the file attached to a registration's confirmation.

Each file is parsed back with the `icalendar` library and, as a real calendar
client would read it, with ical.js (`tests.icaljs`): the dates ical.js shows
must be the dates we show (the non-cancelled `Occurrence`s). Four clients
reading every kind of file: `test_calendar_clients.py`."""

from datetime import UTC, date, time, timedelta
from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from events import ical
from events.exporters import Exporter, response
from events.models import EventPageTheme, Occurrence, OccurrenceException
from festival.models import FestivalPage
from home import cache as home_cache
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


def test_a_series_past_90_exception_dates_is_split_in_parts(
    client, make_event, django_assert_max_num_queries
):
    """120 daily dates in winter, 95 of them excluded in the rule, one
    cancelled and one moved as exceptions: 96 exclusions are more than Google
    takes in one series, so the series goes out in two parts, each with at
    most 90 EXDATEs and none flagged only as cancelled."""
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
    first, second = [e for e in events if "RECURRENCE-ID" not in e]
    assert first["UID"] == f"{event.translation_key}@testserver"
    assert second["UID"] == f"{event.translation_key}-2@testserver"
    assert "STATUS:CANCELLED" not in content.decode()
    first_ex = [d.dt for d in first["EXDATE"].dts]
    assert first_ex == excluded[:90]
    # The first part ends at its last exclusion; the second starts at the next
    # date that is not excluded (the 5 excluded dates between need no EXDATE).
    assert first["RRULE"]["UNTIL"] == [excluded[89].astimezone(UTC)]
    assert second.decoded("DTSTART") == local(2027, 3, 2, 9, 0)
    assert [d.dt for d in second["EXDATE"].dts] == [local(2027, 3, 5, 9, 0)]
    [moved] = [e for e in events if "RECURRENCE-ID" in e]
    assert moved["UID"] == second["UID"]
    assert moved.decoded("RECURRENCE-ID") == local(2027, 3, 10, 9, 0)
    assert moved.decoded("DTSTART") == local(2027, 3, 10, 14, 0)
    shown = icaljs.expand(content)
    assert sorted(s for _uid, s in shown) == [s for _uid, s in shown_dates(event)]
    assert len(shown) == 120 - 95 - 1


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


def test_a_feed_is_cheap_to_poll(client, make_event, monkeypatch, django_assert_max_num_queries):
    """ETag and Last-Modified from the data's last change, 304 for a client that
    has it, the same body (DTSTAMP = last change) until something changes."""
    event = make_event(title="Buurtfeest", slug="buurtfeest")
    first = client.get("/nl/agenda/ical/")
    again = client.get("/nl/agenda/ical/")
    assert first.content == again.content and first["ETag"] == again["ETag"]
    assert first["Cache-Control"] == "public, max-age=900"
    [vevent] = Calendar.from_ical(first.content).walk("VEVENT")
    stamp = vevent.decoded("DTSTAMP")
    assert first["Last-Modified"] == http_date(stamp.timestamp())
    assert stamp <= NOW
    # Finding the page takes the queries it takes for any page; then one for
    # the last change, and no feed is built.
    with django_assert_max_num_queries(10):
        cached = client.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304 and cached.content == b""
    assert cached["ETag"] == first["ETag"]
    since = client.get("/nl/agenda/ical/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # Other languages and filters are other files.
    other = client.get("/de/veranstaltungen/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200 and other["ETag"] != first["ETag"]
    # A change (here: an editor publishes a new title) makes a new version.
    event.title = "Straatfeest"
    later = NOW + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    event.save_revision().publish()
    changed = client.get("/nl/agenda/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert b"SUMMARY:Straatfeest" in changed.content
    single = client.get("/nl/agenda/buurtfeest/ical/")
    assert (
        client.get("/nl/agenda/buurtfeest/ical/", HTTP_IF_NONE_MATCH=single["ETag"]).status_code
        == 304
    )


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_a_poll_reads_the_cache_generation_once(client, make_event, settings, page_cache_seconds):
    """Every read of the shared cache is a round trip to Redis in production:
    a poll of an event's file asks for the site-wide generation once, for its
    ETag and its per-generation values alike."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    make_event(title="Buurtfeest", slug="buurtfeest")
    first = client.get("/nl/agenda/buurtfeest/ical/")
    reads = []
    shared = home_cache.cache
    real_get, real_get_many = shared.get, shared.get_many

    def get(key, *args, **kwargs):
        reads.append(key == home_cache.GENERATION_KEY)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.append(home_cache.GENERATION_KEY in keys)
        return real_get_many(keys, *args, **kwargs)

    with (
        mock.patch.object(shared, "get", get),
        mock.patch.object(shared, "get_many", get_many),
    ):
        again = client.get("/nl/agenda/buurtfeest/ical/")
        polled = client.get("/nl/agenda/buurtfeest/ical/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert polled.status_code == 304
    assert sum(reads) <= 2  # one per request at most


def test_a_feed_says_what_it_holds_and_who_publishes_it(client, make_event, theme, settings):
    settings.DEFAULT_FROM_EMAIL = "Samen Verder <agenda@samenverder.example>"
    event = make_event(title="Moestuin", slug="moestuin", publish=False)
    event.theme_links.add(EventPageTheme(theme=theme))
    event.save_revision().publish()
    names = {}
    for language, path in (("nl", "/nl/agenda/ical/"), ("de", "/de/veranstaltungen/ical/")):
        content = client.get(f"{path}?theme={theme.slug}").content
        calendar = Calendar.from_ical(content)
        names[language] = (str(calendar["X-WR-CALNAME"]), str(calendar["X-WR-CALDESC"]))
        assert calendar["NAME"] == calendar["X-WR-CALNAME"]
        assert str(calendar["REFRESH-INTERVAL"].to_ical(), "ascii") == "PT6H"
        assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
        assert b"X-PUBLISHED-TTL:PT6H" in content
        [vevent] = calendar.walk("VEVENT")
        assert vevent["ORGANIZER"] == "mailto:agenda@samenverder.example"
        assert vevent["ORGANIZER"].params["CN"] == "Samen Verder"
    title_nl, title_de = calendar_titles(client)
    assert names["nl"][0] == f"{title_nl} — Thema: Lokaal voedsel"
    assert names["de"][0] == f"{title_de} — Thema: Lokale Lebensmittel"
    assert "Lokaal voedsel" in names["nl"][1] and names["nl"][1].startswith("Evenementen in")
    assert names["de"][1].startswith("Veranstaltungen in")
    plain = Calendar.from_ical(client.get("/nl/agenda/ical/").content)
    assert str(plain["X-WR-CALNAME"]) == title_nl


def calendar_titles(client):
    titles = []
    for path in ("/nl/agenda/ical/", "/de/veranstaltungen/ical/"):
        titles.append(str(Calendar.from_ical(client.get(path).content)["X-WR-CALNAME"]))
    return titles


def test_subscribe_links_are_webcal_addresses(client, make_event, theme, calendar):
    make_event(title="Moestuin", slug="moestuin")
    festival = add_festival(calendar.get_parent(), "festival")
    add_session(festival, "Opening", local(2026, 12, 12, 10, 0), 45)
    pages = {
        "/nl/agenda/": "webcal://testserver/nl/agenda/ical/",
        f"/nl/agenda/?theme={theme.slug}": f"webcal://testserver/nl/agenda/ical/?theme={theme.slug}",
        "/de/veranstaltungen/": "webcal://testserver/de/veranstaltungen/ical/",
        "/nl/agenda/moestuin/": "webcal://testserver/nl/agenda/moestuin/ical/",
        "/nl/festival/": "webcal://testserver/nl/festival/ical/",
    }
    for path, link in pages.items():
        html = client.get(path).content.decode()
        assert f'href="{link}"' in html, path


def test_every_file_is_written_as_icalendar_writes_it(client, make_event, calendar, settings):
    """VEVENTs are written as text (`events.ical.vevent`), not built as
    icalendar components: each file, read back with icalendar and written
    again by it, is the same byte for byte (its property order, escaping,
    parameters and folding), for texts with commas, semicolons, backslashes,
    line breaks and multi-byte letters at the fold, series with excluded,
    moved and extra dates, an all-day event, a festival session and the
    e-mail attachment."""
    settings.DEFAULT_FROM_EMAIL = '"Stichting KNHM, agenda" <agenda@samenverder.example>'
    long_title = "Repaircafé; koffie, thee \\ taart — " + "ë" * 40
    series = make_event(
        title=long_title,
        slug="reeks",
        start=local(2026, 12, 2, 19, 0),
        end=local(2026, 12, 2, 21, 30),
        rule="RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=12\nRDATE:20261228T180000Z",
        intro="Eerste regel,\nTweede; regel\r\nmet https://voorbeeld.example/a?b=1,2",
        online_url="https://meet.example/x,y;z",
        registration_settings=registration_on(),
        capacity=3,
        publish=False,
    )
    series.exceptions.add(OccurrenceException(date=date(2026, 12, 9), action="cancel"))
    series.exceptions.add(
        OccurrenceException(
            date=date(2026, 12, 16),
            action="move",
            new_start_time=time(20, 15),
            reason="Verzet, want: feestdag",
        )
    )
    series.save_revision().publish()
    make_event(
        title="Zomerkamp",
        slug="zomerkamp",
        start=local(2027, 7, 1, 0, 0),
        end=local(2027, 7, 3, 0, 0),
        all_day=True,
    )
    festival = add_festival(calendar.get_parent(), "festival")
    session = add_session(festival, "Opening, met muziek", local(2026, 12, 12, 10, 0), 45)
    files = {
        "event": client.get("/nl/agenda/reeks/ical/").content,
        "feed": client.get("/nl/agenda/ical/").content,
        "german feed": client.get("/de/veranstaltungen/ical/").content,
        "empty feed": client.get("/nl/agenda/ical/?type=geen").content,
        "festival": client.get("/nl/festival/ical/").content,
        "mine": client.get(
            f"/nl/festival/my-programme/ical/?sessions={session.occurrences.get().pk}"
        ).content,
    }
    registration = sign_up(first_date(series), 1)
    [(_name, files["mail"], _mimetype)] = emails.build_message(
        registration, "confirmed"
    ).attachments
    assert b"RDATE" not in files["feed"] and b"EXDATE" in files["feed"]
    assert b"RECURRENCE-ID" in files["feed"] and b"VALUE=DATE" in files["feed"]
    assert b"\r\n " in files["feed"], "no line was long enough to fold"
    for kind, content in files.items():
        if isinstance(content, str):  # the attachment, as the mail holds it
            content = content.encode()
        assert Calendar.from_ical(content).to_ical() == content, kind

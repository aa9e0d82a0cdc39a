"""The visitor's side: event page, calendar list with filters, month view,
archive, iCal and JSON-LD agree on the dates, in every language."""

import json
import re
from datetime import date, time

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from events.models import EventPageOrganiser, EventPageTheme, OccurrenceException
from home.models import Organisation
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

RULE = "RRULE:FREQ=MONTHLY;BYDAY=2SA;COUNT=6"


def jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.fixture
def series(make_event, theme, repair_type):
    event = make_event(
        title="Repaircafé Kranenburg",
        slug="repaircafe",
        start=local(2026, 12, 12, 10, 0),
        end=local(2026, 12, 12, 13, 0),
        rule=RULE + "\nEXDATE:20270507T220000Z",
        languages="nl,de",
        event_type=repair_type,
        publish=False,
    )
    event.theme_links.add(EventPageTheme(theme=theme))
    org = Organisation.objects.create(name="Mienthuus", slug="mienthuus", kind="initiative")
    event.organiser_links.add(EventPageOrganiser(organisation=org))
    event.exceptions.add(
        OccurrenceException(date=date(2027, 1, 9), action="cancel", reason="Nieuwjaarsborrel")
    )
    event.exceptions.add(
        OccurrenceException(
            date=date(2027, 2, 13),
            action="move",
            new_start_time=time(14, 0),
            new_end_time=time(17, 0),
        )
    )
    event.save_revision().publish()
    return event


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_event_page_shows_dates_rule_venue_and_marks_changes(client, series, frozen_now):
    html = client.get("/nl/agenda/repaircafe/").content.decode()
    rule = re.search(r"<dt>[^<]+</dt><dd>([^<]*zaterdag[^<]*)</dd>", html).group(1)
    assert "zaterdag" in rule and "10:00–13:00" in rule and "8 mei 2027" in rule
    assert "10:00–13:00" in html
    assert "Dorpstraat 1" in html and "openstreetmap.org/?mlat=51.789000" in html
    assert "Nieuwjaarsborrel" in html
    assert html.count("badge--cancelled") == 1 and "badge--moved" in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/nl/agenda/repaircafe/ical/"' in html


def test_json_ld_has_one_event_per_date_with_status_and_offset(client, series, frozen_now):
    data = jsonld(client.get("/nl/agenda/repaircafe/").content.decode())
    assert [d["startDate"] for d in data] == [
        "2026-12-12T10:00:00+01:00",
        "2027-01-09T10:00:00+01:00",
        "2027-02-13T14:00:00+01:00",
        "2027-03-13T10:00:00+01:00",
        "2027-04-10T10:00:00+02:00",
    ]
    assert [d["eventStatus"].rsplit("/", 1)[1] for d in data] == [
        "EventScheduled",
        "EventCancelled",
        "EventRescheduled",
        "EventScheduled",
        "EventScheduled",
    ]
    first = data[0]
    assert first["@type"] == "Event" and first["name"] == "Repaircafé Kranenburg"
    assert first["location"]["address"]["postalCode"] == "47559"
    assert first["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert first["inLanguage"] == ["nl", "de"]
    assert first["offers"]["price"] == "0"
    assert first["organizer"]["name"] == "Mienthuus"
    assert data[2]["previousStartDate"] == "2027-02-13T10:00:00+01:00"


def test_ics_parses_back_with_rrule_exdate_and_overrides(client, series, frozen_now):
    response = client.get("/nl/agenda/repaircafe/ical/")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    events = cal.walk("VEVENT")
    series_event = next(e for e in events if "RECURRENCE-ID" not in e)
    assert series_event["UID"] == f"{series.translation_key}@testserver"
    assert series_event.decoded("DTSTART") == local(2026, 12, 12, 10, 0)
    assert str(series_event.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    rrule = series_event["RRULE"]
    assert rrule["FREQ"] == ["MONTHLY"] and rrule["BYDAY"] == ["2SA"] and rrule["COUNT"] == [6]
    # The cancelled date is an EXDATE like the rule's own exclusion (a client
    # that ignores STATUS must not show it); the moved date an override.
    exdates = [d.dt for d in series_event["EXDATE"].dts]
    assert exdates == [local(2027, 1, 9, 10, 0), local(2027, 5, 8, 10, 0)]
    overrides = {e.decoded("RECURRENCE-ID"): e for e in events if "RECURRENCE-ID" in e}
    assert list(overrides) == [local(2027, 2, 13, 10, 0)]
    moved = overrides[local(2027, 2, 13, 10, 0)]
    assert moved["UID"] == series_event["UID"]
    assert moved.decoded("DTSTART") == local(2027, 2, 13, 14, 0)
    assert moved["STATUS"] == "CONFIRMED"


def test_uid_is_stable_and_sequence_rises_when_the_time_changes(client, series, frozen_now):
    def series_vevent():
        cal = Calendar.from_ical(client.get("/nl/agenda/repaircafe/ical/").content)
        return next(e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e)

    before = series_vevent()
    draft = series.get_latest_revision_as_object()
    draft.start, draft.end = local(2026, 12, 12, 10, 30), local(2026, 12, 12, 13, 0)
    draft.save_revision().publish()
    after = series_vevent()
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_german_translation_shows_the_same_dates_with_translated_text(
    client, series, frozen_now, translate_page
):
    translate_page(
        series,
        "de",
        {
            "Repaircafé Kranenburg": "Repair-Café Kranenburg",
            "Nieuwjaarsborrel": "Neujahrsempfang",
            "repaircafe": "repaircafe",
        },
    )
    html = client.get("/de/veranstaltungen/repaircafe/").content.decode()
    assert "Repair-Café Kranenburg" in html
    assert "Samstag" in html and "Dorfhaus" in html and "Neujahrsempfang" in html
    nl_dates = [
        d["startDate"] for d in jsonld(client.get("/nl/agenda/repaircafe/").content.decode())
    ]
    de_data = jsonld(html)
    assert [d["startDate"] for d in de_data] == nl_dates
    assert de_data[0]["name"] == "Repair-Café Kranenburg"
    cal = Calendar.from_ical(client.get("/de/veranstaltungen/repaircafe/ical/").content)
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert uids == {f"{series.translation_key}@testserver"}


def test_every_date_view_lists_occurrences_not_events(client, series, make_event, frozen_now):
    make_event(title="Leerkring", start=local(2026, 12, 3, 19, 0), end=local(2026, 12, 3, 21, 0))
    html = client.get("/nl/agenda/?dates=all").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select(".day-list .event-item")
    listed = [
        (
            item.find_parent("li", class_="day-list__day").time["datetime"],
            item.select_one(".event-item__title").get_text(strip=True),
            item.find("del") is not None,
        )
        for item in items
    ]
    # Five dates of the series (the sixth is an EXDATE), the cancelled one struck through.
    series_dates = ["2026-12-12", "2027-01-09", "2027-02-13", "2027-03-13", "2027-04-10"]
    assert listed == [("2026-12-03", "Leerkring", False)] + [
        (day, "Repaircafé Kranenburg", day == "2027-01-09") for day in series_dates
    ]
    assert soup.select_one(".search-count").get_text(strip=True) == "6 data"
    assert '<link rel="alternate" type="text/calendar"' in html


def test_filters_combine_and_explain_empty_results(client, series, make_event, frozen_now):
    make_event(
        title="Webinar",
        online_url="https://meet.example/x",
        venue=None,
        start=local(2026, 12, 3, 19, 0),
        end=local(2026, 12, 3, 20, 0),
        languages="en",
    )
    online = client.get("/nl/agenda/?mode=online").content.decode()
    assert "Webinar" in online and "Repaircafé Kranenburg" not in online
    german = client.get(
        "/nl/agenda/?language=de&theme=lokaal-voedsel&type=repair-cafe"
    ).content.decode()
    assert "Repaircafé Kranenburg" in german and "Webinar" not in german
    by_country = client.get("/nl/agenda/?region=country-DE&organiser=mienthuus").content.decode()
    assert "Repaircafé Kranenburg" in by_country and "Webinar" not in by_country
    empty = client.get("/nl/agenda/?when=today&type=repair-cafe").content.decode()
    assert "empty-state" in empty
    assert "/nl/agenda/repaircafe/" in empty  # points to the next matching date


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nl/agenda/?theme=bestaat-niet", "Sommige filters in dit adres kennen we niet"),
        (
            "/de/veranstaltungen/?when=gestern&type=x",
            "Einige Filter in dieser Adresse sind unbekannt",
        ),
        ("/en/events/?region=country-XX", "Some filters in this address are unknown"),
    ],
)
def test_an_unknown_filter_value_is_left_out_and_said_so(client, series, frozen_now, path, message):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert '<details class="filter-panel" open>' in body  # shown on phones too
    assert client.get(path.split("?")[0]).content.decode().count(message) == 0


def test_month_view_is_a_table_with_the_days_dates(client, series, frozen_now):
    html = client.get("/nl/agenda/maand/2027/1/").content.decode()
    assert "<table" in html and 'scope="col"' in html
    assert "<del>Repaircafé Kranenburg</del>" in html
    assert "/nl/agenda/maand/2026/12/" in html and "/nl/agenda/maand/2027/2/" in html


def test_archive_lists_past_dates_newest_first(client, make_event, frozen_now):
    make_event(title="Oud", start=local(2026, 10, 1, 10, 0), end=local(2026, 10, 1, 12, 0))
    make_event(title="Ouder", start=local(2026, 9, 1, 10, 0), end=local(2026, 9, 1, 12, 0))
    html = client.get("/nl/agenda/archief/").content.decode()
    assert html.index("Oud<") < html.index("Ouder<")
    assert "Oud<" not in client.get("/nl/agenda/").content.decode()


def test_feed_of_a_filtered_view_holds_only_matching_events(client, series, make_event, frozen_now):
    make_event(
        title="Webinar",
        online_url="https://meet.example/x",
        venue=None,
        start=local(2026, 12, 3, 19, 0),
        end=local(2026, 12, 3, 20, 0),
    )
    cal = Calendar.from_ical(client.get("/nl/agenda/ical/?mode=online").content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Webinar"]
    full = Calendar.from_ical(client.get("/nl/agenda/ical/").content)
    summaries = {str(e["SUMMARY"]) for e in full.walk("VEVENT")}
    assert summaries == {"Webinar", "Repaircafé Kranenburg"}


def test_all_day_event_in_ics_and_json_ld_uses_dates(client, make_event, frozen_now):
    make_event(
        title="Festival",
        slug="festival",
        all_day=True,
        start=local(2027, 6, 5, 0, 0),
        end=local(2027, 6, 6, 0, 0),
    )
    cal = Calendar.from_ical(client.get("/nl/agenda/festival/ical/").content)
    vevent = cal.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == date(2027, 6, 5)
    assert vevent.decoded("DTEND") == date(2027, 6, 7)
    data = jsonld(client.get("/nl/agenda/festival/").content.decode())
    assert data["startDate"] == "2027-06-05" and data["endDate"] == "2027-06-07"


def test_json_ld_cannot_break_out_of_its_script(client, make_event, frozen_now):
    make_event(
        title="Kom </script><script>alert(1)</script>",
        slug="xss",
        start=local(2026, 12, 3, 19, 0),
        end=local(2026, 12, 3, 20, 0),
    )
    html = client.get("/nl/agenda/xss/").content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)["name"].startswith("Kom </script>")

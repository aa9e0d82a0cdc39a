"""However an event goes offline, nobody stays registered for it untold: the
explorer's bulk delete and unpublish ask first like the page's own buttons,
deleting or unpublishing a page above events asks for the events below it,
and a scheduled expiry calls the registrations off by itself. Registrations
of dates that already took place are left as they are."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from events.models import EventPage
from registration import emails, services
from registration.models import Registration
from tests.registration.registration_support import (
    delete_after_the_question,
    first_date,
    registration_on,
    sign_up,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def statuses():
    return sorted(Registration.objects.values_list("status", flat=True))


def cancel_calendar(message):
    """The iCal attachment of a mail, parsed; it must take entries out."""
    [(name, content, mimetype)] = message.attachments
    calendar = Calendar.from_ical(content)
    assert mimetype == "text/calendar" and calendar["METHOD"] == "CANCEL"
    return calendar


def confirmation_uids(address):
    [confirmation] = [m for m in mail.outbox if m.to == [address] and m.attachments]
    content = confirmation.attachments[0][1]
    return sorted(str(e["UID"]) for e in Calendar.from_ical(content).walk("VEVENT"))


@pytest.fixture
def booked(make_event):
    """An event with one person confirmed (German) and one waiting (Dutch)."""
    event = make_event(title="Lezing", capacity=1, registration_settings=registration_on())
    date = first_date(event)
    sign_up(date, 1, language="de")
    sign_up(date, 2)
    mail.outbox.clear()
    return event


def test_a_bulk_delete_asks_first_then_cancels_and_tells_everyone(admin_client, booked):
    url = f"/admin/bulk/wagtailcore/page/delete/?id={booked.pk}&next=/admin/"
    asked = admin_client.post(url)
    assert asked.status_code == 200
    assert "2 mensen zijn aangemeld voor deze activiteit" in asked.content.decode()
    assert EventPage.objects.filter(pk=booked.pk).exists() and not mail.outbox

    admin_client.post(url, {"registrations": "cancel"})

    assert not EventPage.objects.filter(pk=booked.pk).exists()
    assert statuses() == ["cancelled", "cancelled"]
    [german] = [m for m in mail.outbox if m.to == ["bezoeker1@example.org"]]
    assert german.subject == "Abgesagt: Lezing"
    cancel_calendar(german)
    [dutch] = [m for m in mail.outbox if m.to == ["bezoeker2@example.org"]]
    assert "Deze activiteit is geannuleerd" in dutch.body and not dutch.attachments


def test_a_bulk_unpublish_asks_first_then_cancels_and_tells_everyone(admin_client, booked):
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={booked.pk}&next=/admin/"
    asked = admin_client.post(url)
    assert "2 mensen zijn aangemeld" in asked.content.decode()
    assert EventPage.objects.get(pk=booked.pk).live and not mail.outbox

    admin_client.post(url, {"registrations": "cancel"})

    assert not EventPage.objects.get(pk=booked.pk).live
    assert statuses() == ["cancelled", "cancelled"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bezoeker1@example.org",
        "bezoeker2@example.org",
    ]


def test_deleting_the_calendar_asks_for_the_events_below_it(admin_client, booked, calendar):
    delete_after_the_question(admin_client, calendar, booked)

    assert statuses() == ["cancelled", "cancelled"]
    assert len(mail.outbox) == 2


def test_unpublishing_the_calendar_asks_only_when_its_events_go_too(admin_client, booked, calendar):
    url = f"/admin/pages/{calendar.pk}/unpublish/"
    asked = admin_client.post(url, {"include_descendants": "on"}).content.decode()
    assert "2 mensen zijn aangemeld" in asked
    assert 'name="include_descendants" value="on"' in asked
    assert EventPage.objects.get(pk=booked.pk).live and not mail.outbox

    admin_client.post(url, {"include_descendants": "on", "registrations": "cancel"})

    assert not EventPage.objects.get(pk=booked.pk).live
    assert statuses() == ["cancelled", "cancelled"] and len(mail.outbox) == 2


def test_a_scheduled_expiry_cancels_the_registrations_and_tells_everyone(booked, frozen_now):
    EventPage.objects.filter(pk=booked.pk).update(expire_at=frozen_now - timedelta(minutes=1))

    call_command("publish_scheduled")

    assert not EventPage.objects.get(pk=booked.pk).live
    assert statuses() == ["cancelled", "cancelled"]
    [german] = [m for m in mail.outbox if m.to == ["bezoeker1@example.org"]]
    assert german.subject == "Abgesagt: Lezing"
    cancel_calendar(german)
    assert len(mail.outbox) == 2


def test_deleting_a_page_in_code_still_cancels_and_tells(booked):
    EventPage.objects.get(pk=booked.pk).delete()
    assert statuses() == ["cancelled", "cancelled"] and len(mail.outbox) == 2


def test_deleting_an_event_that_took_place_tells_nobody_and_keeps_the_record(
    admin_client, admin_user, booked, monkeypatch
):
    from django.utils import timezone

    date = first_date(booked)
    Registration.objects.filter(status="confirmed").update(attended_at=date.start)
    monkeypatch.setattr(timezone, "now", lambda: date.end + timedelta(days=3))

    # Nobody counts on it any more: Wagtail's own confirmation is all it takes.
    admin_client.force_login(admin_user)  # the session of three weeks ago ran out
    admin_client.post(f"/admin/pages/{booked.pk}/delete/")

    assert not EventPage.objects.filter(pk=booked.pk).exists()
    assert statuses() == ["confirmed", "waiting"] and not mail.outbox
    assert Registration.objects.get(status="confirmed").snapshot["title"] == "Lezing"


@pytest.mark.parametrize("action", ["delete", "unpublish", "expire"])
def test_a_series_taken_offline_is_taken_out_of_the_calendar_date_by_date(
    admin_client, make_event, monkeypatch, frozen_now, action
):
    event = make_event(
        title="Cursus",
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(scope="series"),
    )
    sign_up(services.anchor_occurrence(event.translation_key), 1, language="en")
    uids = confirmation_uids("bezoeker1@example.org")
    assert len(uids) == 3
    mail.outbox.clear()

    # The e-mail goes out after the commit, when the dates are gone.
    after_commit = []
    monkeypatch.setattr(
        emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: after_commit.append(f))
    )
    if action == "expire":
        EventPage.objects.filter(pk=event.pk).update(expire_at=frozen_now - timedelta(minutes=1))
        call_command("publish_scheduled")
    else:
        admin_client.post(f"/admin/pages/{event.pk}/{action}/", {"registrations": "cancel"})
    for send in after_commit:
        send()

    [message] = mail.outbox
    assert message.subject == "Cancelled: Cursus"
    entries = cancel_calendar(message).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in entries) == uids
    assert {e["SEQUENCE"] for e in entries} == {1}


def test_the_mail_names_the_event_in_the_persons_language_when_only_theirs_goes_offline(
    admin_client, booked, translate_page, monkeypatch
):
    translate_page(booked, "de", {"Lezing": "Vortrag", "lezing": "vortrag"})
    mail.outbox.clear()
    after_commit = []
    monkeypatch.setattr(
        emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: after_commit.append(f))
    )
    # The Dutch original is taken offline, the German version stays live.
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={booked.pk}&next=/admin/"
    admin_client.post(url, {"registrations": "cancel"})
    for send in after_commit:
        send()

    assert EventPage.objects.filter(translation_key=booked.translation_key, live=True).exists()
    [german] = [m for m in mail.outbox if m.to == ["bezoeker1@example.org"]]
    assert german.subject == "Abgesagt: Vortrag"
    [dutch] = [m for m in mail.outbox if m.to == ["bezoeker2@example.org"]]
    assert dutch.subject == "Geannuleerd: Lezing"
    assert "/nl/agenda/lezing/" not in dutch.body


def test_a_series_called_off_reads_its_dates_once_however_many_are_registered(
    make_event, monkeypatch
):
    """Everyone registered for a series gets every date taken out of their
    calendar; in the transaction that calls it off the series' dates are read
    once for all of them, not once a person (each mail is built on its own
    afterwards)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(
        title="Cursus",
        slug="cursus",
        rule="RRULE:FREQ=WEEKLY;COUNT=4",
        registration_settings=registration_on(scope="series"),
    )
    for n in range(5):
        sign_up(first_date(event), n)
    mail.outbox.clear()
    sends = []
    monkeypatch.setattr(
        emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: sends.append(f))
    )

    with CaptureQueriesContext(connection) as run:
        services.call_off_event(event.translation_key, reason="deleted")
    for send in sends:
        send()

    series_reads = [
        q["sql"]
        for q in run.captured_queries
        if 'FROM "events_occurrence"' in q["sql"]
        and '"events_occurrence"."event_key" =' in q["sql"]
    ]
    assert len(series_reads) == 1
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        assert len(cancel_calendar(message).walk("VEVENT")) == 4

"""An organiser moves a registration to another date of the same event: places
respected on the target date, the person keeps their link and is told in
their language with a calendar update, the freed place moves someone up."""

import pytest
from django.core import mail
from icalendar import Calendar
from wagtail.models import PageLogEntry

from events.models import Occurrence
from registration import services
from registration.models import Registration
from tests.calendar_clients import recurring_dates, strict_dates
from tests.registration.registration_support import registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def weekly(make_event):
    """Three Saturdays, one place each: the first taken (German) with someone
    waiting, the second free, the third taken."""
    event = make_event(
        title="Repaircafé",
        slug="repaircafe",
        capacity=1,
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(),
    )
    first, second, third = Occurrence.objects.filter(event_key=event.translation_key).order_by(
        "start"
    )
    mover = sign_up(first, 1, language="de")
    waiting = sign_up(first, 2)
    sign_up(third, 3)
    return event, (first, second, third), mover, waiting


def move_url(event, registration):
    return f"/admin/registrations/{event.pk}/move/{registration.pk}/"


def calendars(message):
    return {name: content for name, content, _type in message.attachments}


def test_moving_to_a_free_date_tells_the_person_and_moves_the_waiting_list_up(admin_client, weekly):
    event, (first, second, _third), mover, waiting = weekly
    [confirmation] = [m for m in mail.outbox if m.to == [mover.email]]
    [old_entry] = Calendar.from_ical(confirmation.attachments[0][1]).walk("VEVENT")
    link = services.manage_token(mover)
    mail.outbox.clear()

    form = admin_client.get(move_url(event, mover)).content.decode()
    assert "Samstag" not in form and "zaterdag 19 december 2026" in form
    response = admin_client.post(move_url(event, mover), {"date": second.pk})

    assert response.status_code == 302
    moved = Registration.objects.get(pk=mover.pk)
    assert moved.occurrence_id == second.pk and moved.is_confirmed
    assert moved.secret == mover.secret  # the same manage link (checked below)
    assert Registration.objects.get(pk=waiting.pk).is_confirmed  # the freed place
    [message] = [m for m in mail.outbox if m.to == [mover.email]]
    assert message.subject == "Ihre Anmeldung wurde verschoben: Repaircafé"
    assert "von Samstag, 12. Dezember 2026, 10:00–13:00 auf den Termin unten" in message.body
    assert "Samstag, 19. Dezember 2026" in message.body
    files = calendars(message)
    off = Calendar.from_ical(files["cancelled.ics"])
    [gone] = off.walk("VEVENT")
    assert off["METHOD"] == "CANCEL" and gone["STATUS"] == "CANCELLED"
    assert gone["UID"] == old_entry["UID"] and gone["SEQUENCE"] == 1
    [new_entry] = Calendar.from_ical(files["repaircafe.ics"]).walk("VEVENT")
    assert new_entry["SEQUENCE"] == 1 and new_entry["UID"] != old_entry["UID"]
    for read in (recurring_dates, strict_dates):
        assert read(files["repaircafe.ics"]) == ["2026-12-19T10:00"]
        assert read(files["cancelled.ics"]) == []
    assert [m.subject for m in mail.outbox if m.to == [waiting.email]] == [
        "Er is een plaats vrijgekomen voor je: Repaircafé"
    ]
    [entry] = PageLogEntry.objects.filter(action="registration.move")
    assert entry.data["registration"] == mover.pk and entry.data["promoted"] == 1
    # The link still opens the registration, now on the new date.
    html = admin_client.get(f"/nl/agenda/repaircafe/aanmelding/{link}/").content.decode()
    assert "zaterdag 19 december 2026" in html


def test_a_full_target_date_changes_nothing_unless_the_waiting_list_is_chosen(admin_client, weekly):
    event, (first, _second, third), mover, waiting = weekly
    mail.outbox.clear()

    response = admin_client.post(move_url(event, mover), {"date": third.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Die datum heeft niet genoeg plaatsen meer" in html
    assert "Vink het vakje hierboven aan" in html
    assert Registration.objects.get(pk=mover.pk).occurrence_id == first.pk
    assert Registration.objects.get(pk=waiting.pk).is_waiting
    assert not mail.outbox

    response = admin_client.post(move_url(event, mover), {"date": third.pk, "waiting_list": "on"})

    assert response.status_code == 302
    moved = Registration.objects.get(pk=mover.pk)
    assert moved.occurrence_id == third.pk and moved.is_waiting and moved.confirmed_at is None
    [message] = [m for m in mail.outbox if m.to == [mover.email]]
    assert "Warteliste" in message.body
    # Only the old entry leaves their calendar; nothing is added while waiting.
    assert list(calendars(message)) == ["cancelled.ics"]
    assert Registration.objects.get(pk=waiting.pk).is_confirmed


def test_a_move_is_refused_for_a_cancelled_target_and_a_whole_series(make_event, weekly):
    _event, (_first, second, _third), mover, _waiting = weekly
    Occurrence.objects.filter(pk=second.pk).update(status=Occurrence.Status.CANCELLED)
    with pytest.raises(services.DateCancelled):
        services.move(mover, Occurrence.objects.get(pk=second.pk))
    course = make_event(
        title="Cursus",
        slug="cursus",
        rule="RRULE:FREQ=WEEKLY;COUNT=2",
        registration_settings=registration_on(scope="series"),
    )
    one, two = Occurrence.objects.filter(event_key=course.translation_key).order_by("start")
    member = sign_up(one, 7)
    with pytest.raises(services.RegistrationError):
        services.move(member, two)
    assert Registration.objects.get(pk=member.pk).occurrence_id == one.pk

"""Registrations when the organiser changes plans: places stay with what people
registered for, and everyone affected is told in their language with a
calendar update (same UID, higher SEQUENCE, METHOD:CANCEL for what is off)."""

import pytest
import recurrence
from django.core import mail
from icalendar import Calendar

from events.models import EventPage, Occurrence
from registration import services
from registration.models import Registration
from tests.events.conftest import local
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


def calendars(message):
    """The iCal attachments of a mail, parsed."""
    found = []
    for name, content, mimetype in message.attachments:
        assert name.endswith(".ics") and mimetype == "text/calendar"
        found.append(Calendar.from_ical(content))
    return found


def vevents(cal):
    return list(cal.walk("VEVENT"))


def mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def dates(event):
    return list(Occurrence.objects.filter(event_key=event.translation_key).order_by("start"))


def cancel_in_dates_view(admin_client, event, day, **extra):
    response = admin_client.post(
        f"/admin/events/{event.pk}/dates/", {"date": day, "action": "cancel", **extra}
    )
    assert response.status_code == 302


def test_a_full_series_stays_full_when_its_first_date_is_cancelled(make_event, admin_client):
    """The issue's scenario: capacity 20, full with one waiting; the first date is
    cancelled in the Dates view; 25 more try: still 20 confirmed."""
    event = make_event(
        title="Cursus",
        slug="cursus",
        capacity=20,
        rule="RRULE:FREQ=WEEKLY;COUNT=4",
        registration_settings=registration_on(scope="series"),
    )
    anchor = first_date(event)
    for n in range(21):
        sign_up(anchor, n, language="de" if n % 2 else "nl")
    mail.outbox.clear()

    cancel_in_dates_view(admin_client, event, "2026-12-12", reason="Zaal bezet")

    assert services.anchor_occurrence(event.translation_key) != anchor
    html = admin_client.get("/nl/agenda/cursus/").content.decode()
    assert "Vol — meld je aan voor de wachtlijst" in html
    for n in range(21, 46):
        sign_up(services.anchor_occurrence(event.translation_key), n)
    registrations = Registration.objects.filter(event_key=event.translation_key)
    assert registrations.filter(status="confirmed").count() == 20
    assert registrations.filter(status="waiting").count() == 26
    # The 21 earlier people were told once each, in their language; the
    # confirmed ones get the cancelled date taken out of their calendar.
    earlier = {f"bezoeker{n}@example.org" for n in range(21)}
    told = [m for m in mail.outbox if m.to[0] in earlier]
    assert len(told) == 21 and len({m.to[0] for m in told}) == 21
    [german] = mails_to("bezoeker1@example.org")
    assert german.subject == "Geändert: Cursus"
    assert "Abgesagt: Samstag, 12. Dezember 2026" in german.body
    [cancel, update] = calendars(german)
    assert cancel["METHOD"] == "CANCEL"
    [off] = vevents(cancel)
    assert off["STATUS"] == "CANCELLED" and off["SEQUENCE"] == 1
    assert update["METHOD"] == "PUBLISH" and len(vevents(update)) == 3
    assert not calendars(mails_to("bezoeker20@example.org")[0])  # waiting: no calendar


def confirmation_uid(address):
    [confirmation] = [m for m in mails_to(address) if m.attachments]
    [entry] = vevents(calendars(confirmation)[0])
    assert entry["SEQUENCE"] == 0
    return str(entry["UID"])


def test_a_cancelled_date_takes_its_registrations_along_and_tells_each_person(
    make_event, admin_client
):
    event = make_event(
        title="Repaircafé",
        capacity=1,
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(),
    )
    first, second, *_rest = dates(event)
    sign_up(first, 1, language="de")
    sign_up(first, 2, language="en")  # waiting
    sign_up(second, 3)
    uid = confirmation_uid("bezoeker1@example.org")
    mail.outbox.clear()

    cancel_in_dates_view(admin_client, event, "2026-12-12")

    assert set(Registration.objects.filter(occurrence=first).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert Registration.objects.get(occurrence=second).status == "confirmed"
    [german] = mails_to("bezoeker1@example.org")
    assert german.subject == "Abgesagt: Repaircafé"
    assert "Dieser Termin wurde abgesagt" in german.body
    [ics] = calendars(german)
    [entry] = vevents(ics)
    assert ics["METHOD"] == "CANCEL" and entry["STATUS"] == "CANCELLED"
    assert str(entry["UID"]) == uid and entry["SEQUENCE"] == 1
    [english] = mails_to("bezoeker2@example.org")
    assert "This date has been cancelled" in english.body and not english.attachments
    # Their link still answers, and says what happened.
    manage = admin_client.get(manage_path(Registration.objects.get(email="bezoeker1@example.org")))
    assert "Deze datum is geannuleerd, en daarmee ook je aanmelding" in manage.content.decode()
    assert not mails_to("bezoeker3@example.org")
    # Publishing again changes nothing and tells nobody twice.
    mail.outbox.clear()
    EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert not mail.outbox


def test_a_moved_date_keeps_its_registrations_and_updates_their_calendar(make_event, admin_client):
    event = make_event(
        title="Repaircafé",
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(),
    )
    first = first_date(event)
    registration = sign_up(first, 1)
    uid = confirmation_uid("bezoeker1@example.org")
    mail.outbox.clear()

    admin_client.post(
        f"/admin/events/{event.pk}/dates/",
        {
            "date": "2026-12-12",
            "action": "move",
            "new_date": "2026-12-13",
            "new_start_time": "14:00",
        },
    )

    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.occurrence_id == first.pk
    [message] = mail.outbox
    assert message.subject == "Gewijzigd: Repaircafé"
    assert (
        "Verplaatst: zaterdag 12 december 2026, 10:00–13:00, nu zondag 13 december 2026, 14:00"
        in (message.body)
    )
    [ics] = calendars(message)
    [entry] = vevents(ics)
    assert ics["METHOD"] == "PUBLISH" and str(entry["UID"]) == uid and entry["SEQUENCE"] == 1
    assert entry["DTSTART"].dt.replace(tzinfo=None) == local(2026, 12, 13, 14, 0).replace(
        tzinfo=None
    )


def test_a_single_event_moved_in_the_editor_keeps_its_date_and_registrations(make_event):
    event = make_event(title="Lezing", registration_settings=registration_on())
    date = first_date(event)
    registration = sign_up(date, 1, language="en")
    mail.outbox.clear()
    draft = EventPage.objects.get(pk=event.pk)
    draft.start, draft.end = local(2026, 12, 19, 19, 0), local(2026, 12, 19, 21, 0)
    draft.online_url = "https://meet.example/nieuw"
    draft.save_revision().publish()

    [moved] = dates(event)
    assert moved.pk == date.pk and moved.start == local(2026, 12, 19, 19, 0)
    registration.refresh_from_db()
    assert registration.is_confirmed
    [message] = mail.outbox
    assert message.subject == "Changed: Lezing"
    assert (
        "Moved: Saturday 12 December 2026, 10:00–13:00, now Saturday 19 December 2026, 19:00"
        in message.body
    )
    assert "The online link for Saturday 19 December 2026" in message.body
    assert "https://meet.example/nieuw" in message.body


def test_an_organiser_cancelling_someone_takes_the_entry_out_of_their_calendar(make_event):
    event = make_event(title="Lezing", registration_settings=registration_on())
    registration = sign_up(first_date(event), 1)
    uid = confirmation_uid("bezoeker1@example.org")
    mail.outbox.clear()
    services.cancel(registration, by=Registration.CancelledBy.ORGANISER)
    [message] = mail.outbox
    assert "Je aanmelding is door de organisator geannuleerd." in message.body
    [ics] = calendars(message)
    [entry] = vevents(ics)
    assert ics["METHOD"] == "CANCEL" and str(entry["UID"]) == uid and entry["SEQUENCE"] == 1


# -- Unpublishing and deleting ---------------------------------------------------


def manage_path(registration):
    from registration.emails import manage_url

    page = EventPage.objects.get(pk=registration.occurrence.event_id)
    return manage_url(registration, page).removeprefix("http://testserver")


@pytest.fixture
def booked(make_event):
    event = make_event(title="Lezing", registration_settings=registration_on(), capacity=1)
    date = first_date(event)
    confirmed = sign_up(date, 1, language="de")
    waiting = sign_up(date, 2)
    uid = confirmation_uid("bezoeker1@example.org")
    links = [manage_path(confirmed), manage_path(waiting)]
    mail.outbox.clear()
    return event, [confirmed, waiting], uid, links


def test_deleting_an_event_with_registrations_asks_first_then_cancels_and_tells_everyone(
    admin_client, booked
):
    event, (confirmed, waiting), uid, links = booked
    delete_after_the_question(admin_client, event, event)

    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == waiting.status == "cancelled"
    assert confirmed.occurrence_id is None and confirmed.snapshot["title"] == "Lezing"
    [german] = mails_to("bezoeker1@example.org")
    assert german.subject == "Abgesagt: Lezing"
    assert "Diese Veranstaltung wurde abgesagt" in german.body
    [ics] = calendars(german)
    [entry] = vevents(ics)
    assert ics["METHOD"] == "CANCEL" and str(entry["UID"]) == uid and entry["SEQUENCE"] == 1
    [dutch] = mails_to("bezoeker2@example.org")
    assert "Deze activiteit is geannuleerd" in dutch.body and not dutch.attachments
    # The links people already have still answer, and say what happened.
    page = admin_client.get(links[0])
    assert page.status_code == 200
    assert "Deze activiteit is afgelast" in page.content.decode()


def test_unpublishing_an_event_with_registrations_asks_first_then_cancels_and_tells_everyone(
    admin_client, booked
):
    event, (confirmed, waiting), uid, links = booked
    url = f"/admin/pages/{event.pk}/unpublish/"
    asked = admin_client.post(url)
    assert "2 mensen zijn aangemeld" in asked.content.decode()
    assert EventPage.objects.get(pk=event.pk).live and not mail.outbox

    admin_client.post(url, {"registrations": "cancel"})

    assert not EventPage.objects.get(pk=event.pk).live
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert len(mail.outbox) == 2
    [ics] = calendars(mails_to("bezoeker1@example.org")[0])
    assert ics["METHOD"] == "CANCEL" and str(vevents(ics)[0]["UID"]) == uid
    page = admin_client.get(links[1])
    assert page.status_code == 200 and "Deze activiteit is afgelast" in page.content.decode()


def test_an_event_without_active_registrations_is_deleted_as_usual(admin_client, make_event):
    event = make_event(title="Lezing", registration_settings=registration_on())
    services.cancel(sign_up(first_date(event), 1))
    admin_client.post(f"/admin/pages/{event.pk}/delete/")
    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert Registration.objects.get().snapshot["title"] == "Lezing"


def test_a_series_moved_to_another_time_keeps_its_registrations(make_event):
    """The editor changes a weekly event from 10:00 to 10:30: the dates move,
    the people registered for them stay registered and are told, and their
    calendar entry is replaced (the old one taken out, the new one added)."""
    event = make_event(
        title="Repaircafé",
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(),
    )
    first = first_date(event)
    registration = sign_up(first, 1, language="de")
    uid = confirmation_uid("bezoeker1@example.org")
    mail.outbox.clear()
    draft = EventPage.objects.get(pk=event.pk)
    draft.start, draft.end = local(2026, 12, 12, 10, 30), local(2026, 12, 12, 13, 30)
    draft.save_revision().publish()

    registration.refresh_from_db()
    assert registration.is_confirmed and registration.occurrence_id == first.pk
    assert [o.start for o in dates(event)] == [
        local(2026, 12, 12, 10, 30),
        local(2026, 12, 19, 10, 30),
        local(2026, 12, 26, 10, 30),
    ]
    assert not Occurrence.objects.filter(status="cancelled").exists()
    [message] = mail.outbox
    assert message.subject == "Geändert: Repaircafé"
    assert "Verschoben: Samstag, 12. Dezember 2026, 10:00–13:00, jetzt" in message.body
    cancel, update = calendars(message)
    [old] = vevents(cancel)
    assert cancel["METHOD"] == "CANCEL" and str(old["UID"]) == uid
    [new] = vevents(update)
    assert update["METHOD"] == "PUBLISH" and new["SEQUENCE"] == 1
    assert new["DTSTART"].dt.replace(tzinfo=None) == local(2026, 12, 12, 10, 30).replace(
        tzinfo=None
    )


def test_a_series_cut_short_tells_its_whole_series_registrants(make_event):
    """The editor shortens a series of four dates to three: people registered
    for the whole series planned around the fourth, so it is kept as cancelled
    and they are told once, with their calendar updated. A series without
    registrations loses the date as before."""
    event = make_event(
        title="Cursus",
        slug="cursus",
        rule="RRULE:FREQ=WEEKLY;COUNT=4",
        registration_settings=registration_on(scope="series"),
    )
    quiet = make_event(title="Wandeling", slug="wandeling", rule="RRULE:FREQ=WEEKLY;COUNT=4")
    sign_up(first_date(event), 1, language="de")
    mail.outbox.clear()

    for page in (event, quiet):
        draft = EventPage.objects.get(pk=page.pk)
        draft.recurrence = recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=3")
        draft.save_revision().publish()

    assert [o.status for o in dates(event)] == ["scheduled"] * 3 + ["cancelled"]
    assert len(dates(quiet)) == 3
    [message] = mail.outbox
    assert message.to == ["bezoeker1@example.org"]
    assert message.subject == "Geändert: Cursus"
    assert "Abgesagt: Samstag, 2. Januar 2027" in message.body
    [cancel, update] = calendars(message)
    assert cancel["METHOD"] == "CANCEL" and update["METHOD"] == "PUBLISH"
    assert len(vevents(update)) == 3


def test_a_moved_date_can_still_be_cancelled_in_the_dates_view(make_event, admin_client):
    """The organiser moved a date, then has to call it off after all: the Dates
    view offers it for the moved date (keyed by the day it was planned on), and
    its registrants are cancelled and told once more."""
    event = make_event(
        title="Repaircafé",
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(),
    )
    first = first_date(event)
    registration = sign_up(first, 1)
    dates_url = f"/admin/events/{event.pk}/dates/"
    admin_client.post(
        dates_url,
        {
            "date": "2026-12-12",
            "action": "move",
            "new_date": "2026-12-13",
            "new_start_time": "14:00",
        },
    )
    mail.outbox.clear()

    page = admin_client.get(dates_url).content.decode()
    assert page.count('name="date" value="2026-12-12"') == 2  # cancel and move again
    assert 'name="date" value="2026-12-13"' not in page
    cancel_in_dates_view(admin_client, event, "2026-12-12", reason="Zaal bezet")

    first.refresh_from_db()
    assert first.status == "cancelled"
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    [message] = mails_to("bezoeker1@example.org")
    [ics] = calendars(message)
    assert ics["METHOD"] == "CANCEL"

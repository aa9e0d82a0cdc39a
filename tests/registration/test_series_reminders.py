"""Reminders go to confirmed people only, before each date they are registered
for: a whole-series registration before every date of the series (not only
the date its row is stored on), never for a cancelled date, never twice."""

from datetime import timedelta

import pytest
from django.core import mail

from events.models import Occurrence
from registration import services, tasks
from registration.models import Registration
from tests.events.conftest import local
from tests.registration.registration_support import registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


@pytest.fixture
def course(make_event):
    """A course on three Wednesdays from 25 November, registered as a whole:
    two places, both confirmed (nl, de), one waiting, one who cancelled."""
    event = make_event(
        title="Cursus",
        slug="cursus",
        start=local(2026, 11, 25, 19, 0),
        end=local(2026, 11, 25, 21, 0),
        capacity=2,
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(scope="series"),
    )
    dates = list(Occurrence.objects.filter(event_key=event.translation_key).order_by("start"))
    people = [sign_up(dates[0], n, language=lang) for n, lang in ((1, "nl"), (2, "de"), (3, "en"))]
    services.cancel(sign_up(dates[0], 4))
    mail.outbox.clear()
    return dates, people


def reminders(now):
    """Run the reminders at `now`; {address: [mails]}."""
    mail.outbox.clear()
    services.send_reminders(now=now)
    sent = {}
    for message in mail.outbox:
        sent.setdefault(message.to[0], []).append(message)
    return sent


def test_a_series_registration_is_reminded_before_each_date_once(course, frozen_now):
    dates, (first, second, waiting) = course

    sent = reminders(frozen_now)  # 34 hours before the first date

    assert set(sent) == {first.email, second.email}
    [german] = sent[second.email]
    assert german.subject == "Erinnerung: Cursus"
    assert "Mittwoch, 25. November 2026, 19:00–21:00" in german.body
    assert "2. Dezember" not in german.body
    assert reminders(frozen_now) == {}  # not twice
    # A week later the second date is due; its registration row is still on the first.
    sent = reminders(frozen_now + timedelta(days=7))
    assert {address: len(mails) for address, mails in sent.items()} == {
        first.email: 1,
        second.email: 1,
    }
    assert "woensdag 2 december 2026, 19:00–21:00" in sent[first.email][0].body
    assert Registration.objects.get(pk=waiting.pk).is_waiting
    assert first.occurrence_id == dates[0].pk


def test_no_reminder_for_a_cancelled_date_of_the_series(course, frozen_now):
    dates, _people = course
    Occurrence.objects.filter(pk=dates[1].pk).update(status=Occurrence.Status.CANCELLED)

    assert reminders(frozen_now + timedelta(days=7)) == {}
    assert len(reminders(frozen_now + timedelta(days=14))) == 2


def test_only_confirmed_people_of_a_date_are_reminded_through_the_task(make_event, frozen_now):
    event = make_event(
        title="Excursie",
        slug="excursie",
        start=local(2026, 11, 25, 10, 0),
        capacity=1,
        registration_settings=registration_on(),
    )
    date = Occurrence.objects.get(event_key=event.translation_key)
    confirmed = sign_up(date, 1)
    offered = sign_up(date, 2)
    Registration.objects.filter(pk=offered.pk).update(
        status=Registration.Status.OFFERED, offer_expires_at=frozen_now + timedelta(hours=12)
    )
    sign_up(date, 3)  # waiting
    services.cancel(sign_up(date, 4))
    mail.outbox.clear()

    assert tasks.send_reminders.call() == 1
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert tasks.send_reminders.call() == 0

"""Plans that change while people act, on PostgreSQL with threads: an offer
running out while someone else cancels, and a date cancelled while visitors
register for it. Each thread has its own connection; the end state must be
consistent whatever the order the database chose."""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from events.models import EventPage, Occurrence, OccurrenceException
from events.services import add_exception
from registration import services
from registration.models import Registration
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on, sign_up
from tests.registration.test_registration_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("frozen_now"),
]


def subjects_to(address):
    return [m.subject for m in mail.outbox if m.to == [address]]


@pytest.mark.parametrize("run", range(3))
def test_an_offer_running_out_while_another_person_cancels_passes_on_exactly(
    make_event, frozen_now, run
):
    assert connection.vendor == "postgresql"
    event = make_event(
        title="Excursie",
        slug=f"excursie-{run}",
        start=local(2026, 11, 25, 10, 0),
        capacity=2,
        registration_settings=registration_on(offer_hours=48, offer_reply_hours=12),
    )
    date = first_date(event)
    first, second = sign_up(date, 1), sign_up(date, 2)
    waiting = [sign_up(date, n) for n in range(3, 7)]
    services.cancel(first)
    assert Registration.objects.get(pk=waiting[0].pk).is_offered
    mail.outbox.clear()
    later = frozen_now + timedelta(hours=13)

    work = [
        lambda: services.expire_offers(now=later),
        lambda: services.cancel(second, now=later),
    ]
    _results, errors = run_together(2, lambda n: work[n]())

    assert errors == []
    statuses = {r.pk: r.status for r in Registration.objects.filter(occurrence=date)}
    lapsed = Registration.objects.get(pk=waiting[0].pk)
    assert lapsed.is_cancelled and lapsed.cancelled_by == Registration.CancelledBy.LAPSED
    assert statuses[second.pk] == Registration.Status.CANCELLED
    # Both places are offered to the next two, in turn; the last one still waits.
    assert [statuses[w.pk] for w in waiting[1:]] == ["offered", "offered", "waiting"]
    assert services.confirmed_places(date) == 2
    with translation.override("nl"):
        offer = gettext("A place is offered to you: %(title)s") % {"title": "Excursie"}
    for person in waiting[1:3]:
        assert subjects_to(person.email) == [offer]
    assert len(subjects_to(lapsed.email)) == 1
    assert not subjects_to(waiting[3].email)


VISITORS = 20
EARLY = 4


@pytest.mark.parametrize("run", range(3))
def test_cancelling_a_date_while_visitors_register_for_it_leaves_nobody_confirmed(make_event, run):
    assert connection.vendor == "postgresql"
    event = make_event(
        title="Lezing",
        slug=f"lezing-{run}",
        capacity=10,
        registration_settings=registration_on(),
    )
    date = first_date(event)
    early = [sign_up(date, n) for n in range(EARLY)]
    mail.outbox.clear()

    def act(n):
        if n == VISITORS:
            return add_exception(
                EventPage.objects.get(pk=event.pk),
                day=datetime.date(2026, 12, 12),
                action=OccurrenceException.Action.CANCEL,
                reason="Spreker ziek",
            )
        try:
            return sign_up(date, 100 + n).pk
        except (services.DateCancelled, services.Busy) as refused:
            return refused

    results, errors = run_together(VISITORS + 1, act)

    assert errors == []
    assert Occurrence.objects.get(pk=date.pk).status == Occurrence.Status.CANCELLED
    made = [r for r in results[:VISITORS] if isinstance(r, int)]
    refused = [r for r in results[:VISITORS] if isinstance(r, services.RegistrationError)]
    assert len(made) + len(refused) == VISITORS
    registrations = Registration.objects.filter(occurrence=date)
    # Counts exact: every registration that was made is stored, none twice.
    assert registrations.count() == EARLY + len(made)
    assert set(registrations.values_list("pk", flat=True)) == {r.pk for r in early} | set(made)
    # Nobody is left registered for a cancelled date, and each was told once.
    assert not registrations.filter(status__in=Registration.ACTIVE).exists()
    with translation.override("nl"):
        told = gettext("Cancelled: %(title)s") % {"title": "Lezing"}
    for registration in registrations:
        assert subjects_to(registration.email).count(told) == 1, registration.email
